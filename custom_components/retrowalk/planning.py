"""The progression plan and the history as calendar entries: done, missed, planned.

Weeks run Monday to Sunday (local time). Each week up to the current one is
planned as the planner saw it on its Monday (``plan_sessions`` from that day,
with the sessions done before it); the weeks after it continue one plan from
next Monday that assumes every planned session is done. Sessions done in a
week cover its planned sessions in order, whatever day they were on: with
two done, the first two planned ones are covered and not shown. A planned
session not covered once its day is over is missed. Nothing is planned before
the day the person was added. Planned sessions start at the person's planned
time of day (an option, 18:00 by default).

The next session is the first planned one not yet done that has not ended
yet; once the person has walked today (or is walking now), it is the first
one on a later day. So it never lies in the past: today's moves on when its
planned time is over or a session covers it, though it is only missed once
its day is over. The calendar, the *Next session* sensor and every start
without values read it from here: the plan's
length, speed and program, replaced by the person's override for the next
start, with the speed capped by the person's cap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from homeassistant.util import dt as dt_util

from .history import done_sessions
from .models import NextOverride, SessionRecord
from .settings import PersonSettings
from .sim.plan import DoneSession, PlannedSession, plan_sessions
from .sim.programs import Program
from .storage import PersonStorage

WEEKS_AHEAD = 12
"""Weeks after the current one that the calendar plans."""
WEEK = timedelta(days=7)


class EntryKind(StrEnum):
    """What a calendar entry stands for."""

    DONE = "done"
    MISSED = "missed"
    PLANNED = "planned"


@dataclass(frozen=True, slots=True)
class PlanEntry:
    """A session on the calendar, with local start and end."""

    kind: EntryKind
    uid: str
    start: datetime
    end: datetime
    duration_s: float
    speed_m_s: float
    program: str
    distance_m: float = 0.0
    kcal: float = 0.0


def monday_of(day: date) -> date:
    """The Monday of the week holding ``day``."""
    return day - timedelta(days=day.weekday())


def planned_entry(
    session: PlannedSession, kind: EntryKind, planned_at: time
) -> PlanEntry:
    """A planned (or missed) session at ``planned_at`` (local time) on its day."""
    start = datetime.combine(
        session.date, planned_at, tzinfo=dt_util.get_default_time_zone()
    )
    return PlanEntry(
        kind=kind,
        uid=f"plan-{session.date.isoformat()}",
        start=start,
        end=start + timedelta(seconds=session.duration_s),
        duration_s=session.duration_s,
        speed_m_s=session.speed_m_s,
        program=session.program.value,
    )


def done_entry(record: SessionRecord) -> PlanEntry:
    """A recorded session at its actual times."""
    return PlanEntry(
        kind=EntryKind.DONE,
        uid=record.session_id,
        start=dt_util.as_local(record.started_at),
        end=dt_util.as_local(record.ended_at),
        duration_s=record.active_s,
        speed_m_s=record.distance_m / record.active_s if record.active_s else 0.0,
        program=record.program,
        distance_m=record.distance_m,
        kcal=record.kcal,
    )


def week_entries(
    planned: Sequence[PlannedSession],
    records: Sequence[SessionRecord],
    today: date,
    planned_at: time,
) -> list[PlanEntry]:
    """One week: its sessions done, and its planned sessions they do not cover."""
    uncovered = sorted(planned, key=lambda session: session.date)[len(records) :]
    return sorted(
        [
            *(done_entry(record) for record in records),
            *(
                planned_entry(
                    session,
                    EntryKind.MISSED if session.date < today else EntryKind.PLANNED,
                    planned_at,
                )
                for session in uncovered
            ),
        ],
        key=lambda entry: entry.start,
    )


class Planner:
    """Calendar entries of one person, cached until the history or the day changes."""

    def __init__(
        self,
        settings: PersonSettings,
        storage: PersonStorage,
        first_day: date,
    ) -> None:
        """Plan for ``settings`` from ``first_day`` with the history in ``storage``."""
        self.settings = settings
        self.storage = storage
        self.first_day = first_day
        self._key: tuple[int, str, int, date, str] | None = None
        self._history: list[DoneSession] = []
        self._walked_days: frozenset[date] = frozenset()
        self._weeks: dict[date, list[PlanEntry]] = {}
        self._ahead: list[PlannedSession] = []

    def _refresh(self, today: date) -> None:
        """Drop the caches when a session was recorded, the day or the time zone changed."""
        records = self.storage.sessions
        key = (
            len(records),
            records[-1].session_id if records else "",
            self.storage.removed,
            today,
            str(dt_util.get_default_time_zone()),
        )
        if key == self._key:
            return
        self._key = key
        self._history = done_sessions(records)
        self._walked_days = frozenset(
            dt_util.as_local(record.started_at).date() for record in records
        )
        self._weeks.clear()
        self._ahead = plan_sessions(
            self.settings.level,
            self.settings.goal,
            monday_of(today) + WEEK,
            WEEKS_AHEAD,
            [*self._history, *self._assumed_done(today)],
        )

    def _assumed_done(self, today: date) -> list[DoneSession]:
        """The planned sessions of this week still to come, as if done as planned."""
        monday = monday_of(today)
        done = sum(
            1
            for record in self.storage.sessions
            if monday <= dt_util.as_local(record.started_at).date() < monday + WEEK
        )
        uncovered = sorted(self._planned(monday, today), key=lambda s: s.date)[done:]
        return [
            DoneSession(
                date=session.date,
                duration_s=session.duration_s,
                distance_m=session.duration_s * session.speed_m_s,
                kcal=0.0,
            )
            for session in uncovered
            if session.date >= today
        ]

    def _planned(self, monday: date, today: date) -> list[PlannedSession]:
        """The planned sessions of the week starting ``monday``."""
        if monday > monday_of(today):
            sessions = [s for s in self._ahead if monday <= s.date < monday + WEEK]
        else:
            sessions = plan_sessions(
                self.settings.level, self.settings.goal, monday, 1, self._history
            )
        return [session for session in sessions if session.date >= self.first_day]

    def _week(self, monday: date, today: date) -> list[PlanEntry]:
        if (cached := self._weeks.get(monday)) is not None:
            return cached
        records = [
            record
            for record in self.storage.sessions
            if monday <= dt_util.as_local(record.started_at).date() < monday + WEEK
        ]
        entries = week_entries(
            self._planned(monday, today), records, today, self.settings.planned_at
        )
        self._weeks[monday] = entries
        return entries

    def entries(self, start: datetime, end: datetime, now: datetime) -> list[PlanEntry]:
        """Entries overlapping [start, end), as seen at ``now``."""
        today = dt_util.as_local(now).date()
        self._refresh(today)
        records = self.storage.sessions
        first, last = self.first_day, today + WEEKS_AHEAD * WEEK
        if records:
            first = min(first, dt_util.as_local(records[0].started_at).date())
        monday = max(monday_of(dt_util.as_local(start).date()), monday_of(first))
        stop = min(dt_util.as_local(end).date(), last)
        found: list[PlanEntry] = []
        while monday <= stop:
            found.extend(
                entry
                for entry in self._week(monday, today)
                if entry.end > start and entry.start < end
            )
            monday += WEEK
        return found

    def walked_on(self, day: date) -> bool:
        """Whether a session was recorded on ``day`` (local time)."""
        self._refresh(day)
        return day in self._walked_days

    def next_planned(self, now: datetime, walked_today: bool) -> PlanEntry:
        """The first planned session not done and not over; a later day's once walked today."""
        today = dt_util.start_of_local_day(dt_util.as_local(now))
        tomorrow = dt_util.start_of_local_day(today + timedelta(days=1, hours=1))
        ahead = self.entries(today, today + (WEEKS_AHEAD + 1) * WEEK, now)
        for entry in ahead:
            if entry.kind is EntryKind.PLANNED and (
                entry.start >= tomorrow if walked_today else entry.end > now
            ):
                return entry
        # Unreachable with a weekly goal of one or more sessions; kept total.
        session = plan_sessions(  # pragma: no cover
            self.settings.level, self.settings.goal, today.date(), 1, self._history
        )[0]
        return planned_entry(  # pragma: no cover
            session, EntryKind.PLANNED, self.settings.planned_at
        )


@dataclass(frozen=True, slots=True)
class NextSession:
    """What the next start does: the plan's next session, or the person's override."""

    planned: PlanEntry
    """The calendar's next planned session (its time and the plan's values)."""
    duration_s: int
    speed_m_s: float
    grade: float
    program: Program
    overridden: tuple[str, ...]
    """Fields taken from the override: duration, speed, incline, program."""

    @property
    def starts_at(self) -> datetime:
        """When the plan has it (local time)."""
        return self.planned.start

    def as_entry(self) -> PlanEntry:
        """The planned calendar entry with the values a start will use."""
        return replace(
            self.planned,
            end=self.planned.start + timedelta(seconds=self.duration_s),
            duration_s=self.duration_s,
            speed_m_s=self.speed_m_s,
            program=self.program.value,
        )


def next_session(
    planned: PlanEntry, override: NextOverride, speed_cap_m_s: float
) -> NextSession:
    """The plan's next session with the override applied and the speed capped."""
    names = {"duration_s": "duration", "speed_m_s": "speed", "grade": "incline"}
    return NextSession(
        planned=planned,
        duration_s=(
            override.duration_s
            if override.duration_s is not None
            else round(planned.duration_s)
        ),
        speed_m_s=min(
            override.speed_m_s if override.speed_m_s is not None else planned.speed_m_s,
            speed_cap_m_s,
        ),
        grade=override.grade if override.grade is not None else 0.0,
        program=Program(override.program or planned.program),
        overridden=tuple(names.get(name, name) for name in override.fields),
    )
