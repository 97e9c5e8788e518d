"""Tests for speed and pace units."""

from __future__ import annotations

import math

from hypothesis import given, strategies as st
import pytest

from sim.units import SpeedUnit, format_pace, format_speed, from_m_s, parse_pace, to_m_s

speeds = st.floats(min_value=0.01, max_value=5.0)


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (3.6, SpeedUnit.KM_H, 1.0),
        (1.0, SpeedUnit.MPH, 0.44704),
        (2.0, SpeedUnit.M_S, 2.0),
        (10.0, SpeedUnit.MIN_PER_KM, 1000 / 600),
        (20.0, SpeedUnit.MIN_PER_MI, 1609.344 / 1200),
    ],
)
def test_to_m_s(value: float, unit: SpeedUnit, expected: float) -> None:
    """Known conversions."""
    assert to_m_s(value, unit) == pytest.approx(expected)


@given(speed=speeds, unit=st.sampled_from(SpeedUnit))
def test_round_trip(speed: float, unit: SpeedUnit) -> None:
    """Converting there and back returns the speed."""
    assert to_m_s(from_m_s(speed, unit), unit) == pytest.approx(speed)


def test_standing_still_is_infinite_pace() -> None:
    """Zero speed is an infinite pace, and back."""
    assert from_m_s(0.0, SpeedUnit.MIN_PER_KM) == math.inf
    assert to_m_s(math.inf, SpeedUnit.MIN_PER_MI) == 0.0
    assert format_pace(0.0) == "--:-- /km"


@pytest.mark.parametrize("bad", [-1.0, math.nan])
def test_rejects_negative_and_nan(bad: float) -> None:
    """Negative or NaN values are refused both ways."""
    with pytest.raises(ValueError, match="negative"):
        to_m_s(bad, SpeedUnit.KM_H)
    with pytest.raises(ValueError, match="negative"):
        from_m_s(bad, SpeedUnit.KM_H)


def test_rejects_infinite_speed_and_zero_pace() -> None:
    """Infinite speeds and zero paces have no meaning."""
    with pytest.raises(ValueError, match="finite"):
        to_m_s(math.inf, SpeedUnit.KM_H)
    with pytest.raises(ValueError, match="finite"):
        from_m_s(math.inf, SpeedUnit.KM_H)
    with pytest.raises(ValueError, match="infinite speed"):
        to_m_s(0.0, SpeedUnit.MIN_PER_KM)


def test_format_pace_and_speed() -> None:
    """Paces print as M:SS per distance; speeds with their unit."""
    assert format_pace(to_m_s(12.5, SpeedUnit.MIN_PER_KM)) == "12:30 /km"
    assert (
        format_pace(to_m_s(30, SpeedUnit.MIN_PER_MI), SpeedUnit.MIN_PER_MI)
        == "30:00 /mi"
    )
    assert format_speed(1.0, SpeedUnit.KM_H) == "3.60 km/h"
    assert format_speed(1.0, SpeedUnit.MIN_PER_KM) == "16:40 /km"
    with pytest.raises(ValueError, match="not a pace unit"):
        format_pace(1.0, SpeedUnit.MPH)


@pytest.mark.parametrize(
    ("text", "minutes"), [("12:30", 12.5), (" 8:05 ", 8 + 5 / 60), ("7.5", 7.5)]
)
def test_parse_pace(text: str, minutes: float) -> None:
    """Paces parse from M:SS or decimal minutes."""
    assert parse_pace(text) == pytest.approx(minutes)


@pytest.mark.parametrize("text", ["", "abc", "1:2:3", "5:60", "-1", "0", "nan", "0:00"])
def test_parse_pace_rejects(text: str) -> None:
    """Malformed or non-positive paces are refused."""
    with pytest.raises(ValueError, match="pace"):
        parse_pace(text)


@given(
    speed=st.floats(min_value=0.05, max_value=3.0),
    unit=st.sampled_from([SpeedUnit.MIN_PER_KM, SpeedUnit.MIN_PER_MI]),
)
def test_format_then_parse(speed: float, unit: SpeedUnit) -> None:
    """A formatted pace parses back to within half a second."""
    text = format_pace(speed, unit).split()[0]
    assert parse_pace(text) == pytest.approx(from_m_s(speed, unit), abs=0.5 / 60 + 1e-9)
