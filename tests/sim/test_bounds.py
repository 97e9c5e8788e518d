"""The shared bounds: finite numbers inside the range, names, log datetimes."""

from __future__ import annotations

import datetime as dt
import math
from zoneinfo import ZoneInfo

from hypothesis import given, settings, strategies as st
import pytest

from sim import bounds
from sim.body import Body
from sim.bounds import (
    AGE_YEARS,
    WEEKLY_SESSIONS,
    WEIGHT_KG,
    Bound,
    check_log_datetime,
    clean_name,
)
from sim.plan import WeeklyGoal

ALL = [value for value in vars(bounds).values() if isinstance(value, Bound)]
HOSTILE = [
    math.nan,
    math.inf,
    -math.inf,
    1e308,
    -1e308,
    10**5000,
    "10",
    [10],
    None,
    True,
]


@pytest.mark.parametrize("bound", ALL, ids=lambda bound: bound.name)
@pytest.mark.parametrize("value", HOSTILE, ids=lambda value: type(value).__name__)
def test_hostile_values_refused(bound: Bound, value: object) -> None:
    """Non-numbers, bools, non-finite and huge numbers are outside every bound."""
    assert not bound.accepts(value)
    with pytest.raises(ValueError, match=bound.name):
        bound.check(value)  # type: ignore[arg-type]


@pytest.mark.parametrize("bound", ALL, ids=lambda bound: bound.name)
def test_ends_accepted_and_just_outside_refused(bound: Bound) -> None:
    """Both ends are inside; a step beyond either end is not."""
    assert bound.check(bound.low) == bound.low
    assert bound.check(bound.high) == bound.high
    assert not bound.accepts(bound.low - 0.01)
    assert not bound.accepts(bound.high + 0.01)
    assert math.isfinite(bound.low) and math.isfinite(bound.high)


def test_whole_bounds_refuse_fractions() -> None:
    """Whole-number bounds take 3 and 3.0 but not 2.5."""
    assert WEEKLY_SESSIONS.check(3) == 3.0
    assert WEEKLY_SESSIONS.check(3.0) == 3.0
    assert not WEEKLY_SESSIONS.accepts(2.5)


@settings(derandomize=True, deadline=None)
@given(st.floats(allow_nan=True, allow_infinity=True))
def test_clamp_lands_inside(value: float) -> None:
    """Clamping gives a value the bound accepts, unchanged when already inside."""
    for bound in ALL:
        clamped = bound.clamp(value)
        assert bound.accepts(clamped)
        if bound.accepts(value):
            assert clamped == value


def test_clamp_rounds_whole_values() -> None:
    """A goal of 2.5 sessions becomes 2; 95 kg stays; nan weight becomes the low end."""
    assert WEEKLY_SESSIONS.clamp(2.5) == 2
    assert WEEKLY_SESSIONS.clamp(0.2) == 1
    assert WEIGHT_KG.clamp(math.nan) == WEIGHT_KG.low
    assert AGE_YEARS.clamp(200) == 110


@settings(derandomize=True, deadline=None)
@given(st.floats(allow_nan=True, allow_infinity=True))
def test_sim_accepts_exactly_the_bound(value: float) -> None:
    """Body and WeeklyGoal accept a value exactly when the bound does."""
    try:
        Body(weight_kg=value)
        body_ok = True
    except ValueError:
        body_ok = False
    assert body_ok == WEIGHT_KG.accepts(value)
    try:
        WeeklyGoal(sessions_per_week=value, minutes_per_week=60)  # type: ignore[arg-type]
        goal_ok = True
    except ValueError:
        goal_ok = False
    assert goal_ok == WEEKLY_SESSIONS.accepts(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("  Ann  ", "Ann"),
        ("Zoë", "Zoë"),
        ("7", "7"),
        ("x" * 40, "x" * 40),
        ("x" * 41, None),
        ("!!!", None),
        ("   ", None),
        ("", None),
        (None, None),
        (5, None),
    ],
)
def test_names(value: object, expected: str | None) -> None:
    """1-40 characters after trimming with a letter or digit."""
    assert clean_name(value) == expected


NOW = dt.datetime(2026, 12, 4, 18, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Pacific/Pago_Pago", "UTC"])
def test_log_datetimes(zone: str) -> None:
    """2000 up to a day ahead; the ends of the calendar are refused without overflow."""
    tz = ZoneInfo(zone)
    ok = dt.datetime(2024, 5, 1, 12, tzinfo=tz)
    assert check_log_datetime(ok, NOW) == ok.astimezone(dt.UTC)
    for bad in (
        dt.datetime(1, 1, 1, tzinfo=tz),
        dt.datetime(9999, 12, 31, 23, 59, tzinfo=tz),
        dt.datetime(1999, 12, 31, 23, tzinfo=tz),
        NOW + dt.timedelta(days=1, minutes=1),
        NOW.replace(year=2028),
    ):
        with pytest.raises(ValueError, match="between"):
            check_log_datetime(bad, NOW)
    with pytest.raises(ValueError, match="time zone"):
        check_log_datetime(dt.datetime(2024, 5, 1), NOW)
