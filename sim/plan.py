"""Progression planner: dated sessions from a level, a weekly goal and a history."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
import datetime as dt
from enum import StrEnum
import math

from .bounds import WEEKLY_MINUTES, WEEKLY_SESSIONS
from .checks import require_range, require_whole
from .programs import Program

MAX_SESSION_S = 3600
ROUND_TO_S = 60
"""Planned durations are whole minutes: rounded down to multiples of this."""
FREQUENCY_STEP_WEEKS = 2
"""At most one more session per week every this many weeks (after reaching the target length)."""
STEP_BACK_PER_MISSED = 0.10
"""Duration given up per missed session ..."""
MAX_STEP_BACK = 0.50
"""... but never more than this share."""
SPEED_STEP_BACK_PER_MISSED = 0.05
MAX_SPEED_STEP_BACK = 0.25
MIN_SPEED_M_S = 0.1


class Level(StrEnum):
    """Experience of the walker."""

    NEW = "new"
    REGULAR = "regular"
    REHABILITATION = "rehabilitation"


@dataclass(frozen=True, slots=True)
class LevelProfile:
    """Starting point and growth limits of a level."""

    start_duration_s: int
    min_duration_s: int
    start_speed_m_s: float
    max_speed_m_s: float
    start_sessions_per_week: int
    weekly_growth: float
    """Largest weekly increase of the session length, as a share ..."""
    weekly_add_s: int
    """... and in seconds; the smaller of the two applies."""
    weekly_speed_growth: float
    weekly_speed_add_m_s: float
    programs: tuple[Program, ...]
    """Programs used in turn."""


PROFILES: dict[Level, LevelProfile] = {
    Level.NEW: LevelProfile(
        300, 300, 0.22, 0.8, 3, 0.20, 120, 0.10, 0.05, (Program.STEADY,)
    ),
    Level.REGULAR: LevelProfile(
        600,
        300,
        0.6,
        1.2,
        3,
        0.20,
        120,
        0.10,
        0.05,
        (Program.STEADY, Program.INTERVALS),
    ),
    Level.REHABILITATION: LevelProfile(
        300, 180, 0.22, 0.5, 3, 0.10, 60, 0.05, 0.02, (Program.REHAB,)
    ),
}


@dataclass(frozen=True, slots=True)
class WeeklyGoal:
    """Sessions and minutes per week the walker wants to reach."""

    sessions_per_week: int = 4
    minutes_per_week: float = 50.0

    def __post_init__(self) -> None:
        """Reject goals outside 1-7 sessions and 5-420 minutes a week."""
        WEEKLY_SESSIONS.check(self.sessions_per_week)
        WEEKLY_MINUTES.check(self.minutes_per_week)

    @property
    def session_s(self) -> int:
        """Target length of one session in seconds."""
        return min(
            round(self.minutes_per_week * 60 / self.sessions_per_week), MAX_SESSION_S
        )


@dataclass(frozen=True, slots=True)
class PlannedSession:
    """A recommended session."""

    date: dt.date
    duration_s: int
    speed_m_s: float
    program: Program


@dataclass(frozen=True, slots=True)
class DoneSession:
    """A session done: ``completed`` is false when it was stopped before its end."""

    date: dt.date
    duration_s: int
    distance_m: float
    kcal: float
    completed: bool = True

    def __post_init__(self) -> None:
        """Reject impossible records."""
        require_whole("duration_s", self.duration_s, 1, 24 * 3600)
        require_range("distance_m", self.distance_m, 0.0, 100_000.0)
        require_range("kcal", self.kcal, 0.0, 100_000.0)


@dataclass(frozen=True, slots=True)
class _State:
    """Where the progression stands: the session planned next."""

    duration_s: int
    speed_m_s: float
    sessions_per_week: int
    credit_s: float = 0.0
    """Growth earned but not yet given: lengths grow in whole minutes."""


def _round_down(seconds: float) -> int:
    """Round a duration down to whole multiples of ROUND_TO_S."""
    return int(seconds // ROUND_TO_S * ROUND_TO_S)


def weekly_step_s(profile: LevelProfile, duration_s: int) -> float:
    """Return the largest allowed one-week increase of a session's length."""
    return min(profile.weekly_growth * duration_s, profile.weekly_add_s)


def _target_s(profile: LevelProfile, goal: WeeklyGoal) -> int:
    """Return the session length to grow toward (whole minutes)."""
    return max(_round_down(goal.session_s), profile.min_duration_s)


def _grow(
    profile: LevelProfile, duration_s: int, target_s: int, credit_s: float
) -> tuple[int, float]:
    """Give the earned growth in whole minutes, never past the target.

    Returns the new length and the growth still owed. At most one weekly step
    (at least one minute) is given at once.
    """
    if duration_s >= target_s:
        return target_s, 0.0
    largest = max(ROUND_TO_S, _round_down(weekly_step_s(profile, duration_s)))
    given = min(_round_down(credit_s), largest, target_s - duration_s)
    return duration_s + given, credit_s - given


def _grow_speed(profile: LevelProfile, speed_m_s: float) -> float:
    """Raise the speed by one weekly step, never past the level's maximum."""
    step = min(profile.weekly_speed_growth * speed_m_s, profile.weekly_speed_add_m_s)
    return round(min(speed_m_s + step, profile.max_speed_m_s), 3)


def missed_sessions(goal: WeeklyGoal, last_done: dt.date, on: dt.date) -> int:
    """Return how many planned sessions were skipped between ``last_done`` and ``on``."""
    spacing_days = 7 / goal.sessions_per_week
    return max(0, math.floor((on - last_done).days / spacing_days) - 1)


def _after(
    profile: LevelProfile, target: int, planned: _State, done: DoneSession
) -> _State:
    """The session planned after ``done``, which was planned as ``planned``.

    A session stopped early or shorter than planned never raises the plan: the
    next one repeats what was planned for it, and the growth earned is dropped.
    A full session sets the length (whole minutes) and the speed (its average);
    each one earns a share of a weekly step, given in whole minutes.
    """
    if not done.completed or done.duration_s < planned.duration_s:
        return replace(planned, credit_s=0.0)
    base = min(max(_round_down(done.duration_s), profile.min_duration_s), target)
    credit = planned.credit_s if base == planned.duration_s else 0.0
    credit += weekly_step_s(profile, base) / planned.sessions_per_week
    duration, credit = _grow(profile, base, target, credit)
    speed = (
        done.distance_m / done.duration_s
        if done.distance_m > 0
        else profile.start_speed_m_s
    )
    speed = min(max(speed, MIN_SPEED_M_S), profile.max_speed_m_s)
    return _State(duration, round(speed, 3), planned.sessions_per_week, credit)


def _state_from_history(
    level: Level, goal: WeeklyGoal, history: Sequence[DoneSession], on: dt.date
) -> _State:
    """Work out the starting state of a plan beginning on ``on``."""
    profile = PROFILES[level]
    target = _target_s(profile, goal)
    first_frequency = min(profile.start_sessions_per_week, goal.sessions_per_week)
    past = sorted((s for s in history if s.date < on), key=lambda s: s.date)
    recent = sum(1 for s in past if (on - s.date).days <= 14)
    frequency = min(max(round(recent / 2), first_frequency), goal.sessions_per_week)
    state = _State(
        min(profile.start_duration_s, target), profile.start_speed_m_s, frequency
    )
    for done in past:
        state = _after(profile, target, state, done)
    if not past:
        return state
    missed = missed_sessions(goal, past[-1].date, on)
    if missed:
        keep = 1.0 - min(STEP_BACK_PER_MISSED * missed, MAX_STEP_BACK)
        duration = max(_round_down(state.duration_s * keep), profile.min_duration_s)
        speed = state.speed_m_s * (
            1.0 - min(SPEED_STEP_BACK_PER_MISSED * missed, MAX_SPEED_STEP_BACK)
        )
        return _State(
            min(duration, target), round(max(speed, MIN_SPEED_M_S), 3), frequency
        )
    return state


def _week_offsets(sessions_per_week: int) -> list[int]:
    """Spread sessions over a week: day offsets from the week's first day."""
    return [i * 7 // sessions_per_week for i in range(sessions_per_week)]


def plan_sessions(
    level: Level,
    goal: WeeklyGoal,
    start: dt.date,
    weeks: int,
    history: Sequence[DoneSession] = (),
) -> list[PlannedSession]:
    """Plan ``weeks`` weeks of dated sessions from ``start``.

    Session length grows by one weekly step (``weekly_step_s``) a week, given
    in whole minutes, up to the goal's length; then the number of sessions grows by one every
    ``FREQUENCY_STEP_WEEKS`` weeks up to the goal. Missed sessions in
    ``history`` make the plan step back.
    """
    require_whole("weeks", weeks, 1, 104)
    profile = PROFILES[level]
    target = _target_s(profile, goal)
    state = _state_from_history(level, goal, history, start)
    planned: list[PlannedSession] = []
    for week in range(weeks):
        week_start = start + dt.timedelta(weeks=week)
        for offset in _week_offsets(state.sessions_per_week):
            program = profile.programs[len(planned) % len(profile.programs)]
            planned.append(
                PlannedSession(
                    week_start + dt.timedelta(days=offset),
                    state.duration_s,
                    state.speed_m_s,
                    program,
                )
            )
        frequency = state.sessions_per_week
        duration, credit = state.duration_s, state.credit_s
        if (
            duration >= target
            and frequency < goal.sessions_per_week
            and (week + 1) % FREQUENCY_STEP_WEEKS == 0
        ):
            frequency += 1
        else:
            duration, credit = _grow(
                profile, duration, target, credit + weekly_step_s(profile, duration)
            )
        state = _State(
            duration, _grow_speed(profile, state.speed_m_s), frequency, credit
        )
    return planned


def rest_days(goal: WeeklyGoal) -> int:
    """Return the days from one session to the next at the goal's frequency."""
    return max(1, 7 // goal.sessions_per_week)


def recommend_next(
    level: Level, goal: WeeklyGoal, history: Sequence[DoneSession], today: dt.date
) -> PlannedSession:
    """Recommend the next session on or after ``today``, given the sessions done."""
    date = today
    if history:
        last = max(s.date for s in history)
        date = max(today, last + dt.timedelta(days=rest_days(goal)))
    return plan_sessions(level, goal, date, 1, history)[0]
