"""Speed and pace units: conversions, parsing and formatting."""

from __future__ import annotations

from enum import StrEnum
import math

METRES_PER_MILE = 1609.344
"""International mile in metres."""


class SpeedUnit(StrEnum):
    """Units a speed or pace can be given in."""

    M_S = "m_s"
    KM_H = "km_h"
    MPH = "mph"
    MIN_PER_KM = "min_per_km"
    MIN_PER_MI = "min_per_mi"

    @property
    def is_pace(self) -> bool:
        """Whether the unit is a pace (time per distance) rather than a speed."""
        return self in (SpeedUnit.MIN_PER_KM, SpeedUnit.MIN_PER_MI)


_METRES_PER_UNIT_DISTANCE = {
    SpeedUnit.MIN_PER_KM: 1000.0,
    SpeedUnit.MIN_PER_MI: METRES_PER_MILE,
}
_M_S_PER_UNIT = {
    SpeedUnit.M_S: 1.0,
    SpeedUnit.KM_H: 1000.0 / 3600.0,
    SpeedUnit.MPH: METRES_PER_MILE / 3600.0,
}
_PACE_SUFFIX = {SpeedUnit.MIN_PER_KM: "/km", SpeedUnit.MIN_PER_MI: "/mi"}


def _require_non_negative(value: float) -> None:
    """Raise ValueError unless ``value`` is zero, positive or +inf (for a pace)."""
    if math.isnan(value) or value < 0:
        raise ValueError(f"value must not be negative or NaN, got {value!r}")


def to_m_s(value: float, unit: SpeedUnit) -> float:
    """Convert a speed or pace in ``unit`` to metres per second.

    A pace of ``math.inf`` minutes (standing still) converts to 0 m/s.
    """
    _require_non_negative(value)
    if unit.is_pace:
        if value == 0:
            raise ValueError("a pace of zero minutes is an infinite speed")
        return _METRES_PER_UNIT_DISTANCE[unit] / (60.0 * value)
    if math.isinf(value):
        raise ValueError("speed must be finite")
    return value * _M_S_PER_UNIT[unit]


def from_m_s(speed_m_s: float, unit: SpeedUnit) -> float:
    """Convert metres per second to ``unit``; a pace at 0 m/s is ``math.inf``."""
    _require_non_negative(speed_m_s)
    if math.isinf(speed_m_s):
        raise ValueError("speed must be finite")
    if unit.is_pace:
        if speed_m_s == 0:
            return math.inf
        return _METRES_PER_UNIT_DISTANCE[unit] / (60.0 * speed_m_s)
    return speed_m_s / _M_S_PER_UNIT[unit]


def parse_pace(text: str) -> float:
    """Parse a pace written ``M:SS`` or as decimal minutes into minutes."""
    cleaned = text.strip()
    minutes_text, colon, seconds_text = cleaned.partition(":")
    try:
        if colon:
            minutes, seconds = int(minutes_text), int(seconds_text)
            pace = minutes + seconds / 60.0 if 0 <= seconds < 60 else math.nan
        else:
            pace = float(cleaned)
    except ValueError as err:
        raise ValueError(f"not a pace (expected M:SS or minutes): {text!r}") from err
    if not math.isfinite(pace) or pace <= 0:
        raise ValueError(f"pace must be a positive number of minutes (M:SS): {text!r}")
    return pace


def format_pace(speed_m_s: float, unit: SpeedUnit = SpeedUnit.MIN_PER_KM) -> str:
    """Format a speed as a pace such as ``"12:30 /km"``; standing still is ``"--:-- /km"``."""
    if not unit.is_pace:
        raise ValueError(f"{unit} is not a pace unit")
    pace = from_m_s(speed_m_s, unit)
    if math.isinf(pace):
        return f"--:-- {_PACE_SUFFIX[unit]}"
    total_seconds = round(pace * 60.0)
    minutes, seconds = divmod(total_seconds, 60)
    return f"{minutes}:{seconds:02d} {_PACE_SUFFIX[unit]}"


def format_speed(speed_m_s: float, unit: SpeedUnit) -> str:
    """Format a speed in any unit, e.g. ``"2.4 km/h"`` or ``"25:00 /km"``."""
    if unit.is_pace:
        return format_pace(speed_m_s, unit)
    labels = {SpeedUnit.M_S: "m/s", SpeedUnit.KM_H: "km/h", SpeedUnit.MPH: "mph"}
    return f"{from_m_s(speed_m_s, unit):.2f} {labels[unit]}"
