"""Oxygen uptake, METs and kcal of walking forward and backward.

The model keeps the form of the ACSM walking equation
(VO2 = 3.5 + h * S + c * S * G) with coefficients calibrated to the 2024
Compendium of Physical Activities; backward walking costs a fixed multiple of
forward walking above rest. See docs/model.md for sources and ranges.
"""

from __future__ import annotations

from enum import StrEnum
import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .body import RESTING_VO2, Body, Sex, resting_kcal_per_min, resting_vo2_ml_kg_min
from .bounds import MODEL_GRADE, MODEL_SPEED_M_S
from .checks import require_range
from .heart_rate import keytel_kcal_per_min, keytel_total_kcal

__all__ = [
    "RESTING_VO2",
    "Body",
    "Direction",
    "Sex",
    "acsm_walking_vo2",
    "backward_forward_ratio",
    "body_net_kcal_per_min",
    "corrected_met",
    "familiarization_reduction",
    "kcal_per_min",
    "keytel_kcal_per_min",
    "keytel_total_kcal",
    "met",
    "met_array",
    "net_kcal_per_min",
    "vo2_array",
    "vo2_ml_kg_min",
]

ACSM_HORIZONTAL = 0.1
"""ACSM horizontal coefficient, ml O2/kg per metre walked."""
ACSM_VERTICAL = 1.8
"""ACSM vertical coefficient, ml O2/kg per metre walked per unit grade."""

FORWARD_HORIZONTAL = 0.1417
"""Forward horizontal coefficient: Compendium 2024 brisk walking 3.5 mph = 4.8 MET."""
FORWARD_VERTICAL = 1.17
"""Forward grade coefficient, fitted with the ratio below to the backward uphill anchors."""
BACKWARD_NET_RATIO = 1.316
"""Backward over forward oxygen uptake above rest, at every speed and grade.

(6.0 - 1) / (4.8 - 1): Compendium 2024 backward (17320) over brisk forward
walking, both at 3.5 mph on the level.
"""
BACKWARD_HORIZONTAL = BACKWARD_NET_RATIO * FORWARD_HORIZONTAL
"""Backward horizontal coefficient."""
BACKWARD_VERTICAL = BACKWARD_NET_RATIO * FORWARD_VERTICAL
"""Backward grade coefficient."""
DOWNHILL_MAX_RELIEF = 0.5
"""Largest share of the level net cost saved walking downhill (Minetti 2002)."""
DOWNHILL_RELIEF_GRADE = 0.10
"""Downhill grade (as a positive fraction) at which the relief is largest."""

MIN_GRADE, MAX_GRADE = MODEL_GRADE.low, MODEL_GRADE.high
"""Treadmill grades the model accepts (fractions), from `sim.bounds`."""
MAX_SPEED_M_S = MODEL_SPEED_M_S.high
"""Highest speed the model accepts (`sim.bounds`); above ~1.63 m/s backward people run."""
BACKWARD_WALK_RUN_TRANSITION_M_S = 1.63
"""Speed at which backward walkers switch to running."""
ACSM_VALID_M_MIN = (50.0, 100.0)
"""Speed range (m/min) the ACSM walking equation was derived for."""
WALKING_SPEEDS_M_S = (ACSM_VALID_M_MIN[0] / 60.0, BACKWARD_WALK_RUN_TRANSITION_M_S)
"""Walking speeds the model is calibrated for: the ACSM range up to the backward walk-run transition."""

FAMILIARIZATION_MAX_REDUCTION = 0.30
"""Largest practice saving of backward gross VO2 (Terblanche 2005: about -30 %)."""
FAMILIARIZATION_SESSIONS = 12.0
"""Time constant in sessions; gives -19 % after 12 sessions (Heath 2001)."""
PRACTICED_PREMIUM_FLOOR = 0.25
"""Share of the novice backward-over-forward premium that practice never removes."""
MAX_SESSIONS_DONE = 100_000


class Direction(StrEnum):
    """Walking direction."""

    FORWARD = "forward"
    BACKWARD = "backward"


def acsm_walking_vo2(speed_m_min: float, grade: float) -> float:
    """Return the plain ACSM walking oxygen uptake in ml/kg/min.

    VO2 = 3.5 + 0.1 * S + 1.8 * S * G with S in m/min and G as a fraction.
    """
    if speed_m_min < 0:
        raise ValueError("speed must not be negative")
    return (
        RESTING_VO2
        + ACSM_HORIZONTAL * speed_m_min
        + ACSM_VERTICAL * speed_m_min * grade
    )


def familiarization_reduction(sessions_done: float) -> float:
    """Return the practice saving of backward gross VO2 after ``sessions_done`` sessions."""
    return FAMILIARIZATION_MAX_REDUCTION * -math.expm1(
        -sessions_done / FAMILIARIZATION_SESSIONS
    )


def _net_per_m_min(horizontal: float, vertical: float, grade: float) -> float:
    """Return VO2 above rest per m/min of speed at ``grade`` (the model is linear in speed)."""
    if grade >= 0:
        return horizontal + vertical * grade
    relief = DOWNHILL_MAX_RELIEF * min(-grade / DOWNHILL_RELIEF_GRADE, 1.0)
    return horizontal * (1.0 - relief)


def _floor_per_m_min(forward: float, backward: float) -> float:
    """Return the practiced backward floor: forward plus the premium share that always stays."""
    return forward + PRACTICED_PREMIUM_FLOOR * (backward - forward)


def _validate(speed_m_s: float, grade: float, sessions_done: int) -> None:
    """Reject inputs outside the model's range."""
    require_range("speed_m_s", speed_m_s, 0.0, MAX_SPEED_M_S)
    require_range("grade", grade, MIN_GRADE, MAX_GRADE)
    require_range("sessions_done", sessions_done, 0, MAX_SESSIONS_DONE)


def vo2_ml_kg_min(
    direction: Direction,
    speed_m_s: float,
    grade: float = 0.0,
    *,
    sessions_done: int = 0,
    familiarization: bool = True,
) -> float:
    """Return the gross oxygen uptake in ml/kg/min walking at ``speed_m_s`` and ``grade``.

    Backward walking gets cheaper with practice (``sessions_done``) when
    ``familiarization`` is on, but never cheaper than forward walking.
    """
    _validate(speed_m_s, grade, sessions_done)
    speed_m_min = speed_m_s * 60.0
    forward = _net_per_m_min(FORWARD_HORIZONTAL, FORWARD_VERTICAL, grade)
    if direction is Direction.FORWARD:
        return RESTING_VO2 + speed_m_min * forward
    backward = _net_per_m_min(BACKWARD_HORIZONTAL, BACKWARD_VERTICAL, grade)
    novice = RESTING_VO2 + speed_m_min * backward
    if not familiarization:
        return novice
    practiced = novice * (1.0 - familiarization_reduction(sessions_done))
    floor = RESTING_VO2 + speed_m_min * _floor_per_m_min(forward, backward)
    return max(practiced, floor)


def met(
    direction: Direction,
    speed_m_s: float,
    grade: float = 0.0,
    *,
    sessions_done: int = 0,
    familiarization: bool = True,
) -> float:
    """Return METs (gross VO2 / 3.5) of walking; arguments as for `vo2_ml_kg_min`."""
    vo2 = vo2_ml_kg_min(
        direction,
        speed_m_s,
        grade,
        sessions_done=sessions_done,
        familiarization=familiarization,
    )
    return vo2 / RESTING_VO2


def backward_forward_ratio(
    speed_m_s: float,
    grade: float = 0.0,
    *,
    sessions_done: int = 0,
    familiarization: bool = True,
) -> float:
    """Return backward over forward gross oxygen uptake at the same speed and grade.

    Standing gives 1; for a novice it grows with speed and grade towards
    `BACKWARD_NET_RATIO`.
    """
    backward = vo2_ml_kg_min(
        Direction.BACKWARD,
        speed_m_s,
        grade,
        sessions_done=sessions_done,
        familiarization=familiarization,
    )
    return backward / vo2_ml_kg_min(Direction.FORWARD, speed_m_s, grade)


def _net_per_m_min_array(
    horizontal: float, vertical: float, grade: ArrayLike
) -> NDArray[np.float64]:
    """Vectorized `_net_per_m_min`."""
    grades = np.asarray(grade, dtype=np.float64)
    relief = DOWNHILL_MAX_RELIEF * np.minimum(-grades / DOWNHILL_RELIEF_GRADE, 1.0)
    return np.where(
        grades >= 0, horizontal + vertical * grades, horizontal * (1.0 - relief)
    )


def _practice_factor_array(sessions_done: ArrayLike) -> NDArray[np.float64]:
    """Return 1 - familiarization_reduction for each element (table lookup for whole numbers)."""
    done = np.asarray(sessions_done)
    if np.issubdtype(done.dtype, np.integer) and done.size:
        table = np.array(
            [1.0 - familiarization_reduction(n) for n in range(int(done.max()) + 1)]
        )
        return np.asarray(table[done])
    reduction = FAMILIARIZATION_MAX_REDUCTION * -np.expm1(
        -done / FAMILIARIZATION_SESSIONS
    )
    return np.asarray(1.0 - reduction, dtype=np.float64)


def vo2_array(
    direction: Direction,
    speed_m_s: ArrayLike,
    grade: ArrayLike = 0.0,
    *,
    sessions_done: ArrayLike = 0,
    familiarization: bool = True,
) -> NDArray[np.float64]:
    """Vectorized `vo2_ml_kg_min` (inputs broadcast; not validated, so keep them in range)."""
    speed_m_min = np.asarray(speed_m_s, dtype=np.float64) * 60.0
    forward = _net_per_m_min_array(FORWARD_HORIZONTAL, FORWARD_VERTICAL, grade)
    if direction is Direction.FORWARD:
        return np.asarray(RESTING_VO2 + speed_m_min * forward)
    backward = _net_per_m_min_array(BACKWARD_HORIZONTAL, BACKWARD_VERTICAL, grade)
    novice = RESTING_VO2 + speed_m_min * backward
    if not familiarization:
        return np.asarray(novice)
    practiced = novice * _practice_factor_array(sessions_done)
    floor = RESTING_VO2 + speed_m_min * _floor_per_m_min_array(forward, backward)
    return np.asarray(np.maximum(practiced, floor))


def _floor_per_m_min_array(
    forward: NDArray[np.float64], backward: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Vectorized `_floor_per_m_min`."""
    return np.asarray(forward + PRACTICED_PREMIUM_FLOOR * (backward - forward))


def met_array(
    direction: Direction,
    speed_m_s: ArrayLike,
    grade: ArrayLike = 0.0,
    *,
    sessions_done: ArrayLike = 0,
    familiarization: bool = True,
) -> NDArray[np.float64]:
    """Vectorized `met`."""
    vo2 = vo2_array(
        direction,
        speed_m_s,
        grade,
        sessions_done=sessions_done,
        familiarization=familiarization,
    )
    return np.asarray(vo2 / RESTING_VO2, dtype=np.float64)


def kcal_per_min(met: float, weight_kg: float) -> float:
    """Return gross kcal/min: MET x 3.5 x kg / 200."""
    require_range("met", met, 0.0, 30.0)
    return met * RESTING_VO2 * weight_kg / 200.0


def net_kcal_per_min(
    met: float, weight_kg: float, *, resting_kcal: float | None = None
) -> float:
    """Return net kcal/min: gross minus resting (1 MET unless ``resting_kcal`` per min is given)."""
    resting = RESTING_VO2 * weight_kg / 200.0 if resting_kcal is None else resting_kcal
    return kcal_per_min(met, weight_kg) - resting


def body_net_kcal_per_min(met: float, body: Body) -> float:
    """Return net kcal/min using the body's Harris-Benedict resting rate when known."""
    return net_kcal_per_min(
        met, body.weight_kg, resting_kcal=resting_kcal_per_min(body)
    )


def corrected_met(met: float, body: Body) -> float:
    """Return the corrected MET: gross VO2 over the Harris-Benedict resting VO2.

    Raises ValueError unless height, age and sex are known.
    """
    return met * RESTING_VO2 / resting_vo2_ml_kg_min(body)
