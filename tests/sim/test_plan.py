"""Tests for the progression planner."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, strategies as st
import pytest

from sim.plan import (
    PROFILES,
    DoneSession,
    Level,
    WeeklyGoal,
    missed_sessions,
    plan_sessions,
    recommend_next,
    weekly_step_s,
)
from sim.programs import Program

MONDAY = dt.date(2025, 1, 6)
levels = st.sampled_from(Level)
goals = st.builds(WeeklyGoal, st.integers(1, 7), st.floats(5.0, 420.0))


def test_new_walker_default_shape() -> None:
    """New walkers start short, slow and three times a week, and grow toward the goal."""
    planned = plan_sessions(Level.NEW, WeeklyGoal(4, 50), MONDAY, 16)
    first_week = [p for p in planned if p.date < MONDAY + dt.timedelta(days=7)]
    assert [p.date.weekday() for p in first_week] == [0, 2, 4]
    assert 5 * 60 <= first_week[0].duration_s <= 10 * 60
    assert first_week[0].speed_m_s == pytest.approx(0.22, abs=0.01)
    last_week = [p for p in planned if p.date >= MONDAY + dt.timedelta(weeks=15)]
    assert len(last_week) == 4
    assert 10 * 60 <= last_week[0].duration_s <= 15 * 60
    assert {p.program for p in planned} == {Program.STEADY}


@given(level=levels, goal=goals, weeks=st.integers(2, 30))
def test_weekly_increases_are_bounded(
    level: Level, goal: WeeklyGoal, weeks: int
) -> None:
    """Lengths are whole minutes and grow by at most the level's weekly steps.

    Growth is given in whole minutes once earned: over any number of weeks the
    growth stays within the sum of those weeks' steps (<= 20 % and <= 2 min each).
    """
    planned = plan_sessions(level, goal, MONDAY, weeks)
    profile = PROFILES[level]
    by_week: dict[int, list[int]] = {}
    for p in planned:
        assert p.duration_s % 60 == 0
        by_week.setdefault((p.date - MONDAY).days // 7, []).append(p.duration_s)
    earned = 0.0
    for week in range(1, weeks):
        before, after = by_week[week - 1][0], by_week[week][0]
        earned += weekly_step_s(profile, before)
        assert 0 <= after - before <= 120
        assert after - by_week[0][0] <= earned + 1e-9
        assert after <= max(goal.session_s, profile.min_duration_s)
        assert 0 <= len(by_week[week]) - len(by_week[week - 1]) <= 1
    speeds = [p.speed_m_s for p in planned]
    assert speeds == sorted(speeds)
    assert max(speeds) <= profile.max_speed_m_s


def test_regular_alternates_and_rehab_is_gentle() -> None:
    """Regular walkers alternate steady and intervals; rehabilitation uses the rehab program."""
    regular = plan_sessions(Level.REGULAR, WeeklyGoal(3, 45), MONDAY, 1)
    assert [p.program for p in regular] == [
        Program.STEADY,
        Program.INTERVALS,
        Program.STEADY,
    ]
    rehab = plan_sessions(Level.REHABILITATION, WeeklyGoal(3, 45), MONDAY, 20)
    assert {p.program for p in rehab} == {Program.REHAB}
    assert max(p.speed_m_s for p in rehab) <= 0.5


def test_recommend_next_progresses_after_regular_sessions() -> None:
    """After sessions on schedule the next one is a minute longer once earned.

    Each full session earns a third of a weekly step (40 s at 10 min, 3 a week):
    the first leaves the length, the second gives a whole minute.
    """
    first = DoneSession(MONDAY, 600, 300.0, 30.0)
    second = DoneSession(MONDAY + dt.timedelta(days=2), 600, 300.0, 30.0)
    goal = WeeklyGoal(3, 45)
    after_one = recommend_next(Level.NEW, goal, [first], MONDAY + dt.timedelta(days=1))
    assert after_one.duration_s == 600
    nxt = recommend_next(
        Level.NEW, goal, [first, second], MONDAY + dt.timedelta(days=3)
    )
    assert nxt.date == MONDAY + dt.timedelta(days=4)
    assert nxt.duration_s == 660
    assert nxt.duration_s - 600 <= 2 * weekly_step_s(PROFILES[Level.NEW], 600) / 3
    assert nxt.speed_m_s == pytest.approx(0.5)


def test_a_session_stopped_early_never_raises_the_plan() -> None:
    """Stopped after 2.3 min of a planned 10: the next is 10 min, no faster, whole minutes.

    The early stop's average speed (no slow cool-down) is higher than that of a
    full session; the plan keeps the speed planned for it, and the growth earned
    before it is dropped.
    """
    goal = WeeklyGoal(3, 45)
    full = DoneSession(MONDAY, 600, 300.0, 30.0)
    before = recommend_next(Level.NEW, goal, [full], MONDAY + dt.timedelta(days=2))
    stopped = DoneSession(MONDAY + dt.timedelta(days=2), 138, 90.0, 6.0, False)
    after = recommend_next(
        Level.NEW, goal, [full, stopped], MONDAY + dt.timedelta(days=3)
    )
    assert after.duration_s == before.duration_s == 600
    assert after.speed_m_s <= before.speed_m_s
    # A full session shorter than planned (a shorter length chosen) does not raise either.
    short = DoneSession(MONDAY + dt.timedelta(days=2), 300, 150.0, 15.0)
    assert (
        recommend_next(Level.NEW, goal, [full, short], MONDAY + dt.timedelta(days=3))
        == after
    )
    # Then a full session at the planned length grows again.
    again = DoneSession(MONDAY + dt.timedelta(days=4), 600, 300.0, 30.0)
    grown = recommend_next(
        Level.NEW, goal, [full, stopped, again], MONDAY + dt.timedelta(days=5)
    )
    assert grown.duration_s == 600
    assert grown.speed_m_s == pytest.approx(0.5)


@given(
    level=levels,
    goal=goals,
    walked=st.integers(1, 3600),
    speed=st.floats(0.1, 2.0),
    days=st.integers(1, 3),
)
def test_stopping_early_never_raises_length_or_speed(
    level: Level, goal: WeeklyGoal, walked: int, speed: float, days: int
) -> None:
    """For any level, goal and early stop, the next session is no longer and no faster."""
    on = MONDAY + dt.timedelta(days=days)
    before = plan_sessions(level, goal, on, 1, [])[0]
    stopped = DoneSession(on, walked, walked * speed, 1.0, completed=False)
    after = plan_sessions(level, goal, on + dt.timedelta(days=1), 1, [stopped])[0]
    assert after.duration_s <= before.duration_s
    assert after.speed_m_s <= before.speed_m_s
    assert after.duration_s % 60 == 0


def test_recommend_next_steps_back_after_missed_sessions() -> None:
    """A long gap lowers duration and speed, but not below the level's minimum."""
    history = [DoneSession(MONDAY, 900, 600.0, 50.0)]
    goal = WeeklyGoal(3, 45)
    after_week = recommend_next(Level.NEW, goal, history, MONDAY + dt.timedelta(days=7))
    after_month = recommend_next(
        Level.NEW, goal, history, MONDAY + dt.timedelta(days=30)
    )
    assert missed_sessions(goal, MONDAY, MONDAY + dt.timedelta(days=7)) == 2
    assert after_week.duration_s == 720
    assert after_month.duration_s == 420
    assert after_month.speed_m_s < after_week.speed_m_s < 600 / 900
    assert recommend_next(Level.NEW, goal, [], MONDAY).duration_s == 300


def test_history_without_distance_and_on_target() -> None:
    """A session without distance falls back to the start speed; the goal caps the length."""
    history = [DoneSession(MONDAY, 1200, 0.0, 0.0)]
    nxt = recommend_next(
        Level.NEW, WeeklyGoal(3, 30), history, MONDAY + dt.timedelta(days=2)
    )
    assert nxt.duration_s == 600
    assert nxt.speed_m_s == PROFILES[Level.NEW].start_speed_m_s


@pytest.mark.parametrize(
    ("make", "match"),
    [
        (lambda: WeeklyGoal(0, 30), "sessions_per_week"),
        (lambda: WeeklyGoal(3, 1000), "minutes_per_week"),
        (lambda: DoneSession(MONDAY, 0, 0, 0), "duration_s"),
        (lambda: DoneSession(MONDAY, 60, -1, 0), "distance_m"),
        (lambda: plan_sessions(Level.NEW, WeeklyGoal(), MONDAY, 0), "weeks"),
    ],
)
def test_rejects_bad_input(make: object, match: str) -> None:
    """Invalid goals, records and plan lengths are refused."""
    with pytest.raises(ValueError, match=match):
        make()  # type: ignore[operator]
