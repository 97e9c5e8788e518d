"""Oxygen uptake and energy of walking."""

from __future__ import annotations

RESTING_VO2 = 3.5
"""Resting oxygen uptake in ml/kg/min (1 MET)."""


def acsm_walking_vo2(speed_m_min: float, grade: float) -> float:
    """Return the ACSM walking oxygen uptake in ml/kg/min.

    VO2 = 3.5 + 0.1 * S + 1.8 * S * G with S in m/min and G as a fraction.
    """
    if speed_m_min < 0:
        raise ValueError("speed must not be negative")
    return RESTING_VO2 + 0.1 * speed_m_min + 1.8 * speed_m_min * grade
