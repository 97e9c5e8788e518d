"""Every bound on what a person enters, defined once.

The simulation checks its inputs with these bounds, and the Home Assistant
integration uses the same objects for its forms, actions and voice commands,
so a value that one accepts the others accept too. All values are in stored
(SI or plain) units; the per-level and per-surface backward speed caps live in
``sim.safety`` and only narrow `BACKWARD_SPEED_M_S`.
"""

from __future__ import annotations

from dataclasses import dataclass
import datetime as dt
import math

MAX_MAGNITUDE = 1e15
"""Larger numbers (and longer integers) are refused before any arithmetic."""


@dataclass(frozen=True, slots=True)
class Bound:
    """A closed range of finite numbers, optionally whole numbers only."""

    name: str
    low: float
    high: float
    unit: str = ""
    whole: bool = False

    def accepts(self, value: object) -> bool:
        """Whether ``value`` is a real number (not a bool) inside the bound."""
        return self.parse(value) is not None

    def parse(self, value: object) -> float | None:
        """``value`` as a float if it is a number inside the bound, else None."""
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return None
        if isinstance(value, int) and abs(value) > MAX_MAGNITUDE:
            return None
        number = float(value)
        if not math.isfinite(number) or not self.low <= number <= self.high:
            return None
        if self.whole and not number.is_integer():
            return None
        return number

    def check(self, value: float) -> float:
        """Return ``value`` as a float, or raise ValueError naming the bound."""
        number = self.parse(value)
        if number is None:
            kind = "a whole number" if self.whole else "a number"
            raise ValueError(
                f"{self.name} must be {kind} from {self.low:g} to {self.high:g}"
                f"{' ' + self.unit if self.unit else ''}, got {_shown(value)}"
            )
        return number

    def clamp(self, value: float) -> float:
        """The valid value nearest to ``value`` (the low end for non-finite ones)."""
        if not math.isfinite(value):
            return self.low
        number = min(max(value, self.low), self.high)
        if self.whole:
            number = float(min(max(round(number), math.ceil(self.low)), self.high))
        return number


def _shown(value: object) -> str:
    """A short text for ``value`` in an error (no 5 000-digit integers)."""
    if isinstance(value, int) and abs(value) > MAX_MAGNITUDE:
        return "a number too large"
    return repr(value)[:40]


WEIGHT_KG = Bound("weight_kg", 20.0, 350.0, "kg")
HEIGHT_CM = Bound("height_cm", 100.0, 250.0, "cm")
AGE_YEARS = Bound("age", 10, 110, "years", whole=True)
BACKWARD_SPEED_M_S = Bound("speed", 0.1, 3.0, "m/s")
"""Backward walking speed of a session; the safety caps lower the top end."""
MODEL_SPEED_M_S = Bound("speed", 0.0, 3.0, "m/s")
"""Speeds the energy model accepts for any phase (0 for rest); above ~1.63 m/s
backward people start to run."""
SESSION_MINUTES = Bound("duration", 1, 180, "min")
EXTENSION_MINUTES = Bound("minutes", 1, 60, "min")
INCLINE_PCT = Bound("incline", -10, 15, "%")
"""Incline of a session; the energy model itself covers `MODEL_GRADE`."""
MODEL_GRADE = Bound("grade", -0.10, 0.25)
"""Treadmill grades (fractions) the energy model accepts."""
WEEKLY_SESSIONS = Bound("sessions_per_week", 1, 7, "sessions", whole=True)
WEEKLY_MINUTES = Bound("minutes_per_week", 5, 420, "min")
REMINDER_EVERY_MINUTES = Bound("reminder interval", 1, 60, "min", whole=True)
LUX_THRESHOLD = Bound("lux_threshold", 0, 2000, "lx")
REFRESH_INTERVAL_S = Bound("refresh_interval", 15, 600, "s", whole=True)
AUTO_PAUSE_AFTER_S = Bound("auto_pause_after", 1, 120, "s", whole=True)
"""Seconds a belt stands still before the session pauses by itself."""
RAMP_STEP_M_S = Bound("ramp_step", 0.02, 0.5, "m/s")
"""Largest speed change of one ramp step of a controlled belt (0.07-1.8 km/h)."""
RAMP_EVERY_S = Bound("ramp_every", 1, 60, "s", whole=True)
"""Seconds between two ramp steps of a controlled belt."""

NAME_LENGTH = (1, 40)
"""Characters of a person's name after trimming."""
FIRST_LOG_YEAR = 2000
"""Logged sessions and history ranges start in this year or later."""
LOG_AHEAD = dt.timedelta(days=1)
"""How far past now a logged or queried datetime may lie."""


def clean_name(value: object) -> str | None:
    """The trimmed name if it has 1-40 characters and a letter or digit, else None."""
    if not isinstance(value, str):
        return None
    name = value.strip()
    low, high = NAME_LENGTH
    if not low <= len(name) <= high or not any(char.isalnum() for char in name):
        return None
    return name


def check_log_datetime(value: dt.datetime, now: dt.datetime) -> dt.datetime:
    """Return the aware ``value`` in UTC if it lies from 2000 to ``now`` + 1 day.

    Raises ValueError otherwise. The year is checked before any time-zone
    arithmetic, so datetimes at the ends of the calendar cannot overflow.
    """
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("the datetime needs a time zone")
    latest = now + LOG_AHEAD
    if not FIRST_LOG_YEAR <= value.year <= latest.year + 1:
        raise ValueError(f"the datetime must lie between {FIRST_LOG_YEAR} and {latest}")
    utc = value.astimezone(dt.UTC)
    if utc > latest:
        raise ValueError(f"the datetime must lie between {FIRST_LOG_YEAR} and {latest}")
    return utc
