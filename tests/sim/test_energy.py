"""Tests for the energy model."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st
import numpy as np
import pytest

from sim import energy
from sim.energy import (
    RESTING_VO2,
    Body,
    Direction,
    Sex,
    acsm_walking_vo2,
    backward_forward_ratio,
    body_net_kcal_per_min,
    corrected_met,
    familiarization_reduction,
    kcal_per_min,
    keytel_kcal_per_min,
    keytel_total_kcal,
    met,
    met_array,
    net_kcal_per_min,
    vo2_array,
    vo2_ml_kg_min,
)
from sim.units import SpeedUnit, to_m_s

speeds = st.floats(min_value=0.0, max_value=energy.MAX_SPEED_M_S)
grades = st.floats(min_value=energy.MIN_GRADE, max_value=energy.MAX_GRADE)
sessions = st.integers(min_value=0, max_value=500)
directions = st.sampled_from(Direction)

COMPENDIUM_2024 = [
    # code, direction, mph, grade, MET
    ("17320", Direction.BACKWARD, 3.5, 0.00, 6.0),
    ("17325", Direction.BACKWARD, 3.5, 0.05, 7.8),
    ("17475", Direction.BACKWARD, 2.5, 0.10, 7.8),
    ("brisk", Direction.FORWARD, 3.5, 0.00, 4.8),
]


@pytest.mark.parametrize(
    ("code", "direction", "mph", "grade", "expected"), COMPENDIUM_2024
)
def test_compendium_anchors(
    code: str, direction: Direction, mph: float, grade: float, expected: float
) -> None:
    """The model meets the 2024 Compendium within 5 % for a novice (sessions_done=0)."""
    value = met(direction, to_m_s(mph, SpeedUnit.MPH), grade)
    assert value == pytest.approx(expected, rel=0.05), code
    assert value == met(
        direction, to_m_s(mph, SpeedUnit.MPH), grade, familiarization=False
    )


walking_speeds = st.floats(*energy.WALKING_SPEEDS_M_S)
uphill = st.floats(min_value=0.0, max_value=energy.MAX_GRADE)


@given(speed=walking_speeds, grade=uphill)
def test_backward_over_forward_on_grades(speed: float, grade: float) -> None:
    """At walking speeds, level or uphill, a novice walks backward at 1.2-1.5 x forward VO2."""
    ratio = backward_forward_ratio(speed, grade)
    assert 1.2 <= ratio <= 1.5
    assert ratio < energy.BACKWARD_NET_RATIO


@pytest.mark.parametrize(
    ("speed", "unit", "grade_pct"),
    [
        *((4.0, SpeedUnit.KM_H, g) for g in (2.5, 5.0, 7.5, 10.0, 12.5)),
        *((2.5, SpeedUnit.MPH, g) for g in (5.0, 7.5, 10.0)),  # Hooper et al. 2004
    ],
)
def test_treadmill_study_ratios(
    speed: float, unit: SpeedUnit, grade_pct: float
) -> None:
    """Uphill treadmill walking: backward at least about 20 % above forward."""
    ratio = backward_forward_ratio(to_m_s(speed, unit), grade_pct / 100)
    assert 1.2 <= ratio <= 1.3


@given(a=speeds, b=speeds, c=grades, d=grades)
def test_ratio_grows_with_speed_and_grade(
    a: float, b: float, c: float, d: float
) -> None:
    """Standing costs the same both ways; the backward share grows with speed and grade."""
    slow, fast = sorted((a, b))
    flat, steep = sorted((c, d))
    assert backward_forward_ratio(0.0, flat) == 1.0
    # Within float rounding: 3.0 and 2.9999999999999996 m/s may swap the last bit.
    assert backward_forward_ratio(slow, flat) <= (
        backward_forward_ratio(fast, steep) + 1e-12
    )


def test_practice_lowers_the_ratio() -> None:
    """Practice brings the ratio down but keeps backward walking dearer."""
    novice = backward_forward_ratio(1.2, 0.05)
    practiced = backward_forward_ratio(1.2, 0.05, sessions_done=50)
    assert 1.0 < practiced < novice
    assert (
        backward_forward_ratio(1.2, 0.05, sessions_done=50, familiarization=False)
        == novice
    )


def test_acsm_reference() -> None:
    """The plain ACSM equation: 80 m/min level costs 11.5 ml/kg/min; refuses negative speed."""
    assert acsm_walking_vo2(80.0, 0.0) == pytest.approx(11.5)
    assert acsm_walking_vo2(0.0, 0.1) == RESTING_VO2
    with pytest.raises(ValueError, match="negative"):
        acsm_walking_vo2(-1.0, 0.0)


@given(
    direction=directions,
    grade=grades,
    done=sessions,
    a=speeds,
    b=speeds,
    fam=st.booleans(),
)
def test_monotonic_in_speed(
    direction: Direction, grade: float, done: int, a: float, b: float, fam: bool
) -> None:
    """Faster never costs less."""
    low, high = sorted((a, b))
    slow = met(direction, low, grade, sessions_done=done, familiarization=fam)
    assert slow <= met(direction, high, grade, sessions_done=done, familiarization=fam)


@given(direction=directions, speed=speeds, done=sessions, a=grades, b=grades)
def test_monotonic_in_grade(
    direction: Direction, speed: float, done: int, a: float, b: float
) -> None:
    """Steeper never costs less."""
    low, high = sorted((a, b))
    assert met(direction, speed, low, sessions_done=done) <= met(
        direction, speed, high, sessions_done=done
    )


@given(speed=speeds, grade=grades, done=sessions, fam=st.booleans())
def test_backward_at_least_forward(
    speed: float, grade: float, done: int, fam: bool
) -> None:
    """Backward costs at least as much as forward at equal speed and grade, practice or not."""
    backward = met(
        Direction.BACKWARD, speed, grade, sessions_done=done, familiarization=fam
    )
    assert backward >= met(Direction.FORWARD, speed, grade)


@given(speed=st.floats(min_value=0.05, max_value=3.0), grade=grades)
def test_backward_strictly_dearer_when_moving(speed: float, grade: float) -> None:
    """A practiced backward walker still pays a premium over forward walking."""
    practiced = met(Direction.BACKWARD, speed, grade, sessions_done=10_000)
    assert practiced > met(Direction.FORWARD, speed, grade)


@given(direction=directions, speed=speeds, grade=grades, done=sessions)
def test_never_below_rest(
    direction: Direction, speed: float, grade: float, done: int
) -> None:
    """Down to standing and down to -10 % grade the cost stays at or above rest."""
    assert met(direction, speed, grade, sessions_done=done) >= 1.0


def test_standing_is_rest() -> None:
    """Standing still is 1 MET in both directions at any grade."""
    for direction in Direction:
        assert met(direction, 0.0, 0.2) == pytest.approx(1.0)


def test_downhill_relief_is_bounded() -> None:
    """Downhill saves at most half of the level net cost, reached at -10 %."""
    speed = 1.0
    level = vo2_ml_kg_min(Direction.FORWARD, speed, 0.0) - RESTING_VO2
    steepest = vo2_ml_kg_min(Direction.FORWARD, speed, -0.10) - RESTING_VO2
    halfway = vo2_ml_kg_min(Direction.FORWARD, speed, -0.05) - RESTING_VO2
    assert steepest == pytest.approx(level * (1 - energy.DOWNHILL_MAX_RELIEF))
    assert steepest < halfway < level


def test_familiarization_matches_studies() -> None:
    """About -19 % after 12 sessions (Heath 2001), bounded by -30 % (Terblanche 2005)."""
    assert familiarization_reduction(0) == 0.0
    assert familiarization_reduction(12) == pytest.approx(0.19, abs=0.005)
    assert familiarization_reduction(10_000) == pytest.approx(0.30)


def test_familiarization_lowers_slow_backward_cost_and_can_be_off() -> None:
    """Practice lowers the backward cost; switching it off keeps the novice cost."""
    speed = 0.9
    novice = met(Direction.BACKWARD, speed, 0.1)
    practiced = met(Direction.BACKWARD, speed, 0.1, sessions_done=12)
    assert practiced < novice
    assert (
        met(Direction.BACKWARD, speed, 0.1, sessions_done=12, familiarization=False)
        == novice
    )
    assert met(Direction.FORWARD, speed, 0.1, sessions_done=12) == met(
        Direction.FORWARD, speed, 0.1
    )


@given(
    speed=speeds, grade=grades, done=sessions, direction=directions, fam=st.booleans()
)
@settings(max_examples=50, deadline=None)
def test_arrays_match_scalars(
    speed: float, grade: float, done: int, direction: Direction, fam: bool
) -> None:
    """The vectorized model gives the scalar model's numbers (whole and fractional sessions)."""
    scalar = vo2_ml_kg_min(
        direction, speed, grade, sessions_done=done, familiarization=fam
    )
    as_int = vo2_array(
        direction, [speed], [grade], sessions_done=np.array([done]), familiarization=fam
    )
    as_float = met_array(
        direction, speed, grade, sessions_done=float(done), familiarization=fam
    )
    assert as_int[0] == scalar
    assert as_float * RESTING_VO2 == pytest.approx(scalar, rel=1e-12)


@pytest.mark.parametrize(
    ("speed", "grade", "done", "match"),
    [
        (-0.1, 0.0, 0, "speed"),
        (float("nan"), 0.0, 0, "speed"),
        (3.5, 0.0, 0, "speed"),
        (1.0, 0.3, 0, "grade"),
        (1.0, -0.2, 0, "grade"),
        (1.0, 0.0, -1, "sessions_done"),
    ],
)
def test_rejects_out_of_range(
    speed: float, grade: float, done: int, match: str
) -> None:
    """Inputs outside the model's range raise ValueError naming the input."""
    with pytest.raises(ValueError, match=match):
        met(Direction.BACKWARD, speed, grade, sessions_done=done)


@given(
    value=st.floats(min_value=1.0, max_value=15.0),
    weight=st.floats(min_value=20, max_value=175),
    factor=st.floats(min_value=1.0, max_value=2.0),
)
def test_kcal_proportional_to_mass(value: float, weight: float, factor: float) -> None:
    """Gross and net kcal scale with body mass."""
    assert kcal_per_min(value, weight * factor) == pytest.approx(
        factor * kcal_per_min(value, weight)
    )
    assert net_kcal_per_min(value, weight * factor) == pytest.approx(
        factor * net_kcal_per_min(value, weight), abs=1e-9
    )


def test_kcal_formula_and_net() -> None:
    """kcal/min = MET x 3.5 x kg / 200; net removes 1 MET or the given resting rate."""
    assert kcal_per_min(6.0, 80.0) == pytest.approx(8.4)
    assert net_kcal_per_min(6.0, 80.0) == pytest.approx(7.0)
    assert net_kcal_per_min(6.0, 80.0, resting_kcal=1.0) == pytest.approx(7.4)
    with pytest.raises(ValueError, match="met"):
        kcal_per_min(-1.0, 80.0)


def test_resting_rate_and_corrected_met() -> None:
    """Harris-Benedict gives the resting rate; corrected METs divide by it."""
    man = Body(80.0, 180.0, 40, Sex.MALE)
    woman = Body(60.0, 165.0, 30, Sex.FEMALE)
    # 66.473 + 13.7516*80 + 5.0033*180 - 6.755*40 = 1797.2 kcal/day
    assert body_net_kcal_per_min(6.0, man) == pytest.approx(
        8.4 - 1797.2 / 1440, abs=0.01
    )
    assert body_net_kcal_per_min(6.0, Body(80.0)) == pytest.approx(7.0)
    rest_man = 1797.2 / 1440 / 5 * 1000 / 80
    assert corrected_met(6.0, man) == pytest.approx(6.0 * 3.5 / rest_man, rel=1e-3)
    assert corrected_met(6.0, woman) > 6.0 * 0.8
    with pytest.raises(ValueError, match="height_cm, age and sex"):
        corrected_met(6.0, Body(70.0))


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"weight_kg": 10.0}, "weight_kg"),
        ({"weight_kg": 70.0, "height_cm": 20.0}, "height_cm"),
        ({"weight_kg": 70.0, "age": 3}, "age"),
    ],
)
def test_body_validation(kwargs: dict[str, float], match: str) -> None:
    """Implausible bodies are refused."""
    with pytest.raises(ValueError, match=match):
        Body(**kwargs)  # type: ignore[arg-type]


def test_keytel() -> None:
    """Keytel 2005: known value, floor at rest, totals of a series, and validation."""
    man = Body(80.0, 180.0, 40, Sex.MALE)
    expected = (-55.0969 + 0.6309 * 120 + 0.1988 * 80 + 0.2017 * 40) / 4.184
    assert keytel_kcal_per_min(120, man)[()] == pytest.approx(expected)
    woman = Body(60.0, None, 30, Sex.FEMALE)
    assert keytel_kcal_per_min([130.0], woman)[0] == pytest.approx(
        (-20.4022 + 0.4472 * 130 - 0.1263 * 60 + 0.074 * 30) / 4.184
    )
    assert keytel_kcal_per_min([40.0], man)[0] == pytest.approx(1797.2 / 1440, abs=0.01)
    assert keytel_total_kcal([120.0] * 60, man) == pytest.approx(expected)
    assert keytel_total_kcal([120.0] * 12, man, sample_interval_s=5.0) == pytest.approx(
        expected
    )
    with pytest.raises(ValueError, match="sex and age"):
        keytel_kcal_per_min([120.0], Body(80.0))
    with pytest.raises(ValueError, match="heart rate"):
        keytel_kcal_per_min([np.nan], man)
    with pytest.raises(ValueError, match="heart rate"):
        keytel_kcal_per_min([300.0], man)
    with pytest.raises(ValueError, match="sample_interval_s"):
        keytel_total_kcal([120.0], man, sample_interval_s=0.0)
