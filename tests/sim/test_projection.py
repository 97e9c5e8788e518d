"""Tests for the many-walker projection."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st
import numpy as np
import pytest

from sim.body import RESTING_VO2
from sim.energy import BACKWARD_HORIZONTAL, Direction, met
from sim.plan import PROFILES, Level, WeeklyGoal
from sim.projection import (
    LEVEL_FLOOR_PER_M_MIN,
    Draws,
    draw,
    duration_steps,
    floor_wins_from,
    practice_factors,
    project,
    project_loop,
    speed_steps,
    walker_totals,
    walker_totals_loop,
)

TOTALS = ("sessions", "minutes", "distance_m", "kcal")
PACES = np.linspace(0.1, 1.63, 60).tolist()


def assert_same_totals(
    level: Level, goal: WeeklyGoal, draws: Draws, adherence: float
) -> None:
    """Assert that the vectorized and the loop model give identical totals."""
    fast = walker_totals(level, goal, draws, adherence)
    slow = walker_totals_loop(level, goal, draws, adherence)
    for name in TOTALS:
        np.testing.assert_array_equal(
            getattr(fast, name), getattr(slow, name), err_msg=name
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
    draws = draw(64, 10, sessions, variation, seed)
    assert_same_totals(level, WeeklyGoal(sessions, minutes), draws, adherence)


def scripted_draws(attend: np.ndarray) -> Draws:
    """Return draws with the given attendance numbers and spread-out lengths, speeds and weights."""
    rng = np.random.default_rng(5)
    walkers = attend.shape[2]
    return Draws(
        np.linspace(50.0, 120.0, walkers),
        attend,
        rng.uniform(0.5, 1.5, attend.shape),
        rng.uniform(0.7, 1.3, attend.shape),
    )


def test_few_learners_left() -> None:
    """A walker who rarely shows up keeps the practice factor while the others are past it."""
    attend = np.zeros((12, 4, 8))
    attend[:, :, 0] = 0.95
    attend[::2, 0, 0] = 0.05  # walker 0: one session every other week
    draws = scripted_draws(attend)
    assert_same_totals(Level.NEW, WeeklyGoal(4, 50), draws, 0.8)
    slow = walker_totals_loop(Level.NEW, WeeklyGoal(4, 50), draws, 0.8)
    assert slow.sessions[0, -1] == 6
    assert np.all(slow.sessions[1:, 2] >= 9)


def test_mixed_frequencies() -> None:
    """Walkers who reach the target add sessions while the others keep fewer slots."""
    attend = np.zeros((10, 5, 6))
    attend[:, :, ::2] = 0.9  # every other walker misses everything
    attend[3:, :, ::4] = 0.1
    draws = scripted_draws(attend)
    assert_same_totals(Level.NEW, WeeklyGoal(5, 25), draws, 0.5)
    slow = walker_totals_loop(Level.NEW, WeeklyGoal(5, 25), draws, 0.5)
    assert slow.sessions[1, -1] > slow.sessions[0, -1] > slow.sessions[2, -1] == 0


@pytest.mark.parametrize("level", list(Level))
def test_one_session_a_week(level: Level) -> None:
    """A single weekly slot sums without a slot loop."""
    draws = draw(30, 8, 1, 0.2, 11)
    assert_same_totals(level, WeeklyGoal(1, 30), draws, 0.7)


def test_level_backward_met() -> None:
    """The vectorized MET formula is `met` on level ground, floor only from `floor_wins_from` on."""
    practice = practice_factors(40)
    first = floor_wins_from(practice)
    assert 0 < first < 40
    beats_floor = False
    for done in range(first + 3):
        for pace in PACES:
            speed_m_min = pace * 60.0
            novice = (RESTING_VO2 + speed_m_min * BACKWARD_HORIZONTAL) * practice[done]
            floor = RESTING_VO2 + speed_m_min * LEVEL_FLOOR_PER_M_MIN
            expected = met(Direction.BACKWARD, pace, 0.0, sessions_done=done)
            assert max(novice, floor) / RESTING_VO2 == expected
            if done >= first:
                assert novice < floor
            beats_floor |= done == first - 1 and novice > floor
    assert beats_floor


def test_floor_wins_from_bounds() -> None:
    """No practice needed when it never beats the floor; always needed when it always does."""
    assert floor_wins_from(np.zeros(5)) == 0
    assert floor_wins_from(np.ones(5)) == 5


def test_duration_steps() -> None:
    """The step table keeps, grows (20 % or 2 min, rounded down to 10 s) and steps back."""
    steps = duration_steps(PROFILES[Level.NEW], 750, 4).reshape(6, 751)
    assert steps[0, 430] == 430
    assert (steps[1, 300], steps[1, 430], steps[1, 740], steps[1, 750]) == (
        360,
        510,
        750,
        750,
    )
    assert (steps[2, 600], steps[4, 600], steps[5, 750], steps[5, 400]) == (
        540,
        420,
        450,
        300,
    )


def test_speed_steps() -> None:
    """Speed grows 10 % a week, at most 0.05 m/s, up to the level's maximum."""
    speeds = speed_steps(PROFILES[Level.NEW], 30)
    assert speeds[:2].tolist() == pytest.approx([0.22, 0.242])
    assert np.all(np.diff(speeds) >= 0)
    assert speeds[-1] == PROFILES[Level.NEW].max_speed_m_s


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
