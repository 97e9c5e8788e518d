"""Energy from heart rate (Keytel et al. 2005), for comparison with the MET model.

Caveat: at the same oxygen uptake the heart beats faster walking backward than
forward, so this estimate tends to run high for backward walking.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .body import Body, Sex, resting_kcal_per_min

KJ_PER_KCAL = 4.184
MIN_HEART_RATE, MAX_HEART_RATE = 30.0, 230.0


def keytel_kcal_per_min(heart_rate_bpm: ArrayLike, body: Body) -> NDArray[np.float64]:
    """Return kcal/min for each heart-rate sample (Keytel 2005, without VO2max).

    Needs the body's sex and age. Estimates are floored at the resting rate,
    because the equation is not meant for heart rates near rest.
    """
    if body.sex is None or body.age is None:
        raise ValueError("Keytel needs the body's sex and age")
    rate = np.asarray(heart_rate_bpm, dtype=np.float64)
    if not np.all(np.isfinite(rate)) or np.any(
        (rate < MIN_HEART_RATE) | (rate > MAX_HEART_RATE)
    ):
        raise ValueError(
            f"heart rate must be between {MIN_HEART_RATE:g} and {MAX_HEART_RATE:g} bpm"
        )
    weight, age = body.weight_kg, float(body.age)
    if body.sex is Sex.MALE:
        kj_per_min = -55.0969 + 0.6309 * rate + 0.1988 * weight + 0.2017 * age
    else:
        kj_per_min = -20.4022 + 0.4472 * rate - 0.1263 * weight + 0.074 * age
    return np.asarray(np.maximum(kj_per_min / KJ_PER_KCAL, resting_kcal_per_min(body)))


def keytel_total_kcal(
    heart_rate_bpm: ArrayLike, body: Body, sample_interval_s: float = 1.0
) -> float:
    """Return the kcal of a heart-rate series sampled every ``sample_interval_s`` seconds."""
    if not sample_interval_s > 0:
        raise ValueError("sample_interval_s must be positive")
    per_min = keytel_kcal_per_min(heart_rate_bpm, body)
    return float(np.sum(per_min) * sample_interval_s / 60.0)
