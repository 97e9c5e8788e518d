"""Weekly, streak and lifetime figures derived from the sessions done."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from homeassistant.util import dt as dt_util

from .models import SessionRecord
from .sim.plan import DoneSession, WeeklyGoal


@dataclass(frozen=True, slots=True)
class Totals:
    """Sums over a set of sessions."""

    sessions: int
    minutes: float
    distance_m: float
    kcal: float
    steps: float = 0.0

    @classmethod
    def of(cls, records: Sequence[SessionRecord]) -> Totals:
        """Add up ``records``."""
        return cls(
            sessions=len(records),
            minutes=sum(record.active_s for record in records) / 60,
            distance_m=sum(record.distance_m for record in records),
            kcal=sum(record.kcal for record in records),
            steps=sum(record.steps for record in records),
        )


def week_start(moment: datetime) -> datetime:
    """Start (Monday 00:00 local time) of the week holding ``moment``."""
    local = dt_util.as_local(moment)
    monday = local.date() - timedelta(days=local.weekday())
    return dt_util.start_of_local_day(monday)


def week_totals(records: Sequence[SessionRecord], now: datetime) -> Totals:
    """Totals of the sessions started in the current week."""
    start = week_start(now)
    return Totals.of([record for record in records if record.started_at >= start])


def goal_progress(totals: Totals, goal: WeeklyGoal) -> float:
    """Share of the weekly goal reached, in percent.

    The mean of the sessions share and the minutes share, each capped at 100 %.
    """
    sessions = min(1.0, totals.sessions / goal.sessions_per_week)
    minutes = min(1.0, totals.minutes / goal.minutes_per_week)
    return round(50 * (sessions + minutes), 1)


def goal_met(totals: Totals, goal: WeeklyGoal) -> bool:
    """Tell whether a week reached both parts of the goal."""
    return (
        totals.sessions >= goal.sessions_per_week
        and totals.minutes >= goal.minutes_per_week
    )


def streak_weeks(
    records: Sequence[SessionRecord], goal: WeeklyGoal, now: datetime
) -> int:
    """Consecutive weeks that met the goal, up to this week.

    The current week counts once it meets the goal; until then the streak of
    the weeks before it stands.
    """
    by_week: dict[date, list[SessionRecord]] = {}
    for record in records:
        by_week.setdefault(week_start(record.started_at).date(), []).append(record)
    this_week = week_start(now).date()
    week = this_week
    if not goal_met(Totals.of(by_week.get(week, [])), goal):
        week -= timedelta(days=7)
    streak = 0
    while goal_met(Totals.of(by_week.get(week, [])), goal):
        streak += 1
        week -= timedelta(days=7)
    return streak


def done_sessions(records: Sequence[SessionRecord]) -> list[DoneSession]:
    """The records as the planner's history (local dates)."""
    return [
        DoneSession(
            date=dt_util.as_local(record.started_at).date(),
            duration_s=max(1, round(record.active_s)),
            distance_m=record.distance_m,
            kcal=record.kcal,
            completed=record.completed,
        )
        for record in records
    ]
