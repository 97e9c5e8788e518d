"""The treadmill's entities as speed control reads them: readings, ranges, steps.

Speeds are converted with Home Assistant's own converter from whatever unit the
entity reports (km/h when it names none); the number's steps count from its lowest
value, as treadmills accept them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
import math

from homeassistant.const import ATTR_UNIT_OF_MEASUREMENT, UnitOfSpeed
from homeassistant.core import State
from homeassistant.util.unit_conversion import SpeedConverter

FOLLOW_TOLERANCE_M_S = 0.1
"""A reading this close to a command (0.36 km/h) has reached it."""
DEFAULT_SPEED_UNIT = UnitOfSpeed.KILOMETERS_PER_HOUR
"""Unit assumed for a speed entity that names none."""
GONE = ("unavailable", "unknown")


def speed_in_m_s(state: State | None) -> float | None:
    """A speed entity's value in m/s; None when it is not a usable number."""
    if state is None:
        return None
    unit = state.attributes.get(ATTR_UNIT_OF_MEASUREMENT) or DEFAULT_SPEED_UNIT
    try:
        value = float(state.state)
    except ValueError:
        return None
    if not math.isfinite(value) or unit not in SpeedConverter.VALID_UNITS:
        return None
    return SpeedConverter.convert(value, unit, UnitOfSpeed.METERS_PER_SECOND)


def number_range(state: State | None) -> tuple[float, float, float] | None:
    """A number entity's lowest and highest value and step; None when unavailable."""
    if state is None or state.state in GONE:
        return None
    attributes = state.attributes
    try:
        low, high = float(attributes["min"]), float(attributes["max"])
        step = float(attributes.get("step") or 0.1)
    except (KeyError, TypeError, ValueError):
        return None
    return (low, high, step) if low <= high and step > 0 else None


@dataclass(frozen=True, slots=True)
class SpeedNumber:
    """The target-speed number's range, step and unit, as its state reports them."""

    unit: str
    low: float
    high: float
    step: float

    @classmethod
    def of(cls, state: State | None) -> SpeedNumber | None:
        """Read a number's state; None when it is unavailable or not a speed."""
        if (found := number_range(state)) is None or state is None:
            return None
        unit = state.attributes.get(ATTR_UNIT_OF_MEASUREMENT) or DEFAULT_SPEED_UNIT
        if unit not in SpeedConverter.VALID_UNITS:
            return None
        return cls(unit, *found)

    def to_m_s(self, value: float) -> float:
        """A value of the number, in m/s."""
        return SpeedConverter.convert(value, self.unit, UnitOfSpeed.METERS_PER_SECOND)

    def of_m_s(self, speed_m_s: float) -> float:
        """A speed in m/s, in the number's unit."""
        return SpeedConverter.convert(
            speed_m_s, UnitOfSpeed.METERS_PER_SECOND, self.unit
        )

    def grid(self, value: float, rounding: Callable[[float], int] = round) -> float:
        """``value`` on the number's steps (counted from its lowest value)."""
        steps = rounding(round((value - self.low) / self.step, 6))
        return round(self.low + steps * self.step, 6)

    def goal(self, speed_m_s: float, cap_m_s: float) -> float:
        """The setting for ``speed_m_s``: on a step, in range, not above the cap."""
        value = self.grid(self.of_m_s(min(speed_m_s, cap_m_s)))
        if self.to_m_s(value) > cap_m_s + 1e-9:
            value = value - self.step
        return self.clamp(value)

    def toward(self, current: float, goal: float, ramp_m_s: float) -> float:
        """The next setting from ``current`` toward ``goal``, at most one ramp step away.

        At least one of the number's steps, so the ramp always progresses.
        """
        ramp = self.of_m_s(ramp_m_s)
        if goal > current:
            value = self.grid(current + ramp, math.floor)
            if value <= current:
                value = self.grid(current, math.floor) + self.step
            return min(self.clamp(value), goal)
        value = self.grid(current - ramp, math.ceil)
        if value >= current:
            value = self.grid(current, math.ceil) - self.step
        return max(self.clamp(value), goal)

    def clamp(self, value: float) -> float:
        """``value`` inside the number's range."""
        return min(max(round(value, 6), self.low), self.high)


@dataclass(frozen=True, slots=True)
class Expectation:
    """A speed the sensor should reach after a command, coming from above or below."""

    speed_m_s: float
    rising: bool
    """Speeding up: reached at ``speed_m_s`` or faster; else at it or slower."""

    def met_by(self, reading_m_s: float) -> bool:
        """Whether ``reading_m_s`` has reached the commanded speed."""
        if self.rising:
            return reading_m_s >= self.speed_m_s - FOLLOW_TOLERANCE_M_S
        return reading_m_s <= self.speed_m_s + FOLLOW_TOLERANCE_M_S
