"""Cadence and step length of walking forward and backward.

Uses the walking-ratio model: step length = ratio x cadence, so
speed = ratio x cadence^2 / 60. Backward walking has a smaller ratio (shorter
steps at a similar cadence at comfortable speed).
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .checks import require_range
from .energy import MAX_SPEED_M_S, Direction

REFERENCE_HEIGHT_CM = 170.0
"""Stature the walking ratios refer to; step length scales with height."""
WALKING_RATIO_M_PER_STEPS_MIN = {Direction.FORWARD: 0.0065, Direction.BACKWARD: 0.0046}
"""Step length (m) per step/min: 0.71 m at 110 steps/min forward, 0.50 m at 108 backward."""
COMFORTABLE_SPEED_M_S = {Direction.FORWARD: 1.3, Direction.BACKWARD: 0.9}
"""Typical self-selected speeds of healthy adults."""
FALL_RISK_BACKWARD_SPEED_M_S = 0.6
"""Older people at risk of falls often walk backward slower than this."""


def _walking_ratio(direction: Direction, height_cm: float | None) -> float:
    """Return the walking ratio, scaled by height when given."""
    ratio = WALKING_RATIO_M_PER_STEPS_MIN[direction]
    if height_cm is None:
        return ratio
    require_range("height_cm", height_cm, 100.0, 250.0)
    return ratio * height_cm / REFERENCE_HEIGHT_CM


def cadence_steps_min(
    direction: Direction, speed_m_s: float, *, height_cm: float | None = None
) -> float:
    """Return the cadence in steps/min at ``speed_m_s`` (0 when standing)."""
    require_range("speed_m_s", speed_m_s, 0.0, MAX_SPEED_M_S)
    return math.sqrt(60.0 * speed_m_s / _walking_ratio(direction, height_cm))


def step_length_m(
    direction: Direction, speed_m_s: float, *, height_cm: float | None = None
) -> float:
    """Return the step length in metres at ``speed_m_s`` (0 when standing)."""
    require_range("speed_m_s", speed_m_s, 0.0, MAX_SPEED_M_S)
    return math.sqrt(60.0 * speed_m_s * _walking_ratio(direction, height_cm))


def cadence_array(
    direction: Direction, speed_m_s: ArrayLike, *, height_cm: float | None = None
) -> NDArray[np.float64]:
    """Vectorized `cadence_steps_min` (inputs not validated)."""
    speeds = np.asarray(speed_m_s, dtype=np.float64)
    return np.asarray(np.sqrt(60.0 * speeds / _walking_ratio(direction, height_cm)))
