"""Tests for cadence and step length."""

from __future__ import annotations

from hypothesis import given, strategies as st
import numpy as np
import pytest

from sim.energy import Direction
from sim.gait import (
    COMFORTABLE_SPEED_M_S,
    cadence_array,
    cadence_steps_min,
    step_length_m,
)

speeds = st.floats(min_value=0.05, max_value=3.0)


@given(
    speed=speeds,
    direction=st.sampled_from(Direction),
    height=st.none() | st.floats(min_value=100, max_value=250),
)
def test_cadence_times_step_is_speed(
    speed: float, direction: Direction, height: float | None
) -> None:
    """Cadence x step length reproduces the speed."""
    cadence = cadence_steps_min(direction, speed, height_cm=height)
    step = step_length_m(direction, speed, height_cm=height)
    assert cadence * step / 60 == pytest.approx(speed)


@given(speed=speeds)
def test_backward_steps_are_shorter(speed: float) -> None:
    """At the same speed backward steps are shorter and quicker."""
    assert step_length_m(Direction.BACKWARD, speed) < step_length_m(
        Direction.FORWARD, speed
    )
    assert cadence_steps_min(Direction.BACKWARD, speed) > cadence_steps_min(
        Direction.FORWARD, speed
    )


def test_comfortable_speeds_have_similar_cadence() -> None:
    """At each direction's comfortable speed the cadence is about the same (~105-110/min)."""
    forward = cadence_steps_min(
        Direction.FORWARD, COMFORTABLE_SPEED_M_S[Direction.FORWARD]
    )
    backward = cadence_steps_min(
        Direction.BACKWARD, COMFORTABLE_SPEED_M_S[Direction.BACKWARD]
    )
    assert 100 < backward < forward < 115
    assert abs(forward - backward) / forward < 0.05
    assert step_length_m(Direction.BACKWARD, 0.9) == pytest.approx(0.5, abs=0.02)


def test_standing_and_height() -> None:
    """Standing has no steps; taller walkers take longer, slower steps."""
    assert cadence_steps_min(Direction.BACKWARD, 0.0) == 0.0
    assert step_length_m(Direction.FORWARD, 1.0, height_cm=190) > step_length_m(
        Direction.FORWARD, 1.0
    )
    with pytest.raises(ValueError, match="height_cm"):
        cadence_steps_min(Direction.FORWARD, 1.0, height_cm=50)
    with pytest.raises(ValueError, match="speed_m_s"):
        step_length_m(Direction.FORWARD, -1.0)


def test_cadence_array() -> None:
    """The vectorized cadence matches the scalar one."""
    speeds_m_s = np.array([0.0, 0.5, 1.2])
    expected = [cadence_steps_min(Direction.BACKWARD, s) for s in speeds_m_s]
    assert cadence_array(Direction.BACKWARD, speeds_m_s) == pytest.approx(expected)
