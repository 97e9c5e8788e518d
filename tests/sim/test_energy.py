"""Tests for the energy model."""

import pytest

from sim.energy import RESTING_VO2, acsm_walking_vo2


def test_acsm_level_walk() -> None:
    """80 m/min on the level costs 11.5 ml/kg/min."""
    assert acsm_walking_vo2(80.0, 0.0) == pytest.approx(11.5)


def test_acsm_standing_is_rest() -> None:
    """Standing still costs the resting uptake."""
    assert acsm_walking_vo2(0.0, 0.1) == RESTING_VO2


def test_acsm_rejects_negative_speed() -> None:
    """A negative speed is refused."""
    with pytest.raises(ValueError, match="negative"):
        acsm_walking_vo2(-1.0, 0.0)
