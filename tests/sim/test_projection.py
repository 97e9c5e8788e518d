"""Tests for the many-walker projection."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st
import numpy as np
import pytest

from sim.plan import Level, WeeklyGoal
from sim.projection import (
    draw,
    project,
    project_loop,
    walker_totals,
    walker_totals_loop,
)


@given(
    level=st.sampled_from(Level),
    sessions=st.integers(1, 7),
    minutes=st.floats(5.0, 420.0),
    adherence=st.floats(0.0, 1.0),
    variation=st.floats(0.0, 0.5),
    seed=st.integers(0, 2**32),
)
@settings(max_examples=25, deadline=None)
def test_vectorized_equals_loop(
    level: Level,
    sessions: int,
    minutes: float,
    adherence: float,
    variation: float,
    seed: int,
) -> None:
    """Same seed, same draws: the vectorized and the loop model agree exactly."""
    goal = WeeklyGoal(sessions, minutes)
    draws = draw(40, 10, sessions, variation, seed)
    fast = walker_totals(level, goal, draws, adherence)
    slow = walker_totals_loop(level, goal, draws, adherence)
    for name in ("sessions", "minutes", "distance_m", "kcal"):
        np.testing.assert_array_equal(
            getattr(fast, name), getattr(slow, name), err_msg=name
        )


def test_project_percentiles() -> None:
    """Percentiles are ordered, grow week by week, and match the loop implementation."""
    result = project(Level.NEW, WeeklyGoal(), 300, 8, seed=7)
    again = project_loop(Level.NEW, WeeklyGoal(), 300, 8, seed=7)
    np.testing.assert_array_equal(result.kcal, again.kcal)
    assert result.walker_count == 300
    assert result.weeks == 8
    assert result.minutes.shape == (8, 5)
    for summary in (result.minutes, result.distance_m, result.kcal):
        assert np.all(np.diff(summary, axis=1) >= 0)
        assert np.all(np.diff(summary, axis=0) >= 0)
    assert not np.array_equal(
        result.kcal, project(Level.NEW, WeeklyGoal(), 300, 8, seed=8).kcal
    )


def test_adherence_extremes() -> None:
    """Nobody walks at adherence 0; at adherence 1 everyone does every planned session."""
    none = project(Level.NEW, WeeklyGoal(3, 45), 50, 4, adherence=0.0)
    assert np.all(none.walkers.minutes == 0)
    full = project(Level.NEW, WeeklyGoal(3, 45), 50, 4, adherence=1.0, variation=0.0)
    assert np.all(full.walkers.sessions[:, -1] == 12)
    # 5, 6, 7.2 -> 7:10 (rounded down to 10 s), 8:30 minutes per session, three times a week.
    assert full.walkers.minutes[0, -1] == pytest.approx(
        3 * (5 + 6 + 430 / 60 + 510 / 60)
    )


def test_more_adherence_more_minutes() -> None:
    """Higher adherence gives more minutes at the median."""
    low = project(Level.REGULAR, WeeklyGoal(), 500, 6, adherence=0.5, seed=3)
    high = project(Level.REGULAR, WeeklyGoal(), 500, 6, adherence=0.9, seed=3)
    assert high.minutes[-1, 2] > low.minutes[-1, 2]


@pytest.mark.parametrize(
    ("walkers", "weeks", "adherence", "variation", "match"),
    [
        (0, 2, 0.8, 0.1, "walkers"),
        (10, 0, 0.8, 0.1, "weeks"),
        (10, 2, 1.5, 0.1, "adherence"),
        (10, 2, 0.8, -1.0, "variation"),
    ],
)
def test_rejects_bad_settings(
    walkers: int, weeks: int, adherence: float, variation: float, match: str
) -> None:
    """Invalid projection settings are refused."""
    with pytest.raises(ValueError, match=match):
        project(
            Level.NEW,
            WeeklyGoal(),
            walkers,
            weeks,
            adherence=adherence,
            variation=variation,
        )
