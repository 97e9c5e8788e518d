"""A read-only view of a person's figures at one moment, for the entities."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any

from homeassistant.core import HomeAssistant

from .belt_figures import Measured, measured
from .const import SessionPhase
from .data import RetrowalkData
from .display import format_speed, whole_minutes
from .heart_rate import kcal_until
from .history import Totals, goal_progress, streak_weeks, week_start, week_totals
from .planning import NextSession


@dataclass(frozen=True, slots=True)
class SessionFigures:
    """The current (or last finished) session's totals and rates."""

    started_at: datetime | None = None
    distance_m: float = 0.0
    steps: float = 0.0
    kcal: float = 0.0
    distance_m_per_min: float = 0.0
    steps_per_min: float = 0.0
    kcal_per_min: float = 0.0
    heart_rate_kcal: float | None = None


class Figures:
    """Everything the sensors show, derived from stored data at ``now``."""

    def __init__(self, hass: HomeAssistant, data: RetrowalkData, now: datetime) -> None:
        """Look at ``data`` at ``now``."""
        self.hass = hass
        self.data = data
        self.now = now
        self.controller = data.controller
        self._snapshot = data.controller.snapshot(now)

    @property
    def phase(self) -> SessionPhase:
        """The phase shown to the user."""
        return self.controller.phase(self.now)

    @property
    def elapsed_min(self) -> float:
        """Minutes walked in the running session."""
        return round(self._snapshot.elapsed_s / 60, 1) if self._snapshot else 0.0

    @property
    def remaining_min(self) -> float:
        """Minutes left in the running session."""
        return round(self._snapshot.remaining_s / 60, 1) if self._snapshot else 0.0

    @property
    def finishes_at(self) -> datetime | None:
        """When the running session ends."""
        return self.controller.finishes_at()

    @cached_property
    def measured(self) -> Measured | None:
        """The running session as the treadmill measured it, if it does."""
        active, snapshot = self.controller.active, self._snapshot
        if active is None or snapshot is None:
            return None
        return measured(
            active, self.data.settings, snapshot, walking=not self.controller.paused
        )

    @property
    def speed_m_s(self) -> float | None:
        """The belt's speed, else the current phase's (zero when not walking).

        None while the belt's speed sensor has gone without a usable value.
        """
        if self._snapshot is None or self.controller.paused:
            return 0.0
        belt = self.measured
        if belt is not None and belt.speed_m_s is not None:
            return round(belt.speed_m_s, 3)
        if belt is not None and self.data.settings.treadmill.speed_sensor:
            return None
        return round(self._snapshot.speed_m_s, 3)

    @property
    def met(self) -> float | None:
        """MET of the current phase."""
        return round(self._snapshot.met, 2) if self._snapshot else None

    @cached_property
    def session(self) -> SessionFigures:
        """The running session, else the last one recorded."""
        active, snapshot = self.controller.active, self._snapshot
        if active is not None and snapshot is not None:
            walking = not self.controller.paused
            if (belt := self.measured) is not None:
                totals = (belt.distance_m, belt.steps, belt.kcal)
                rates = (belt.distance_m_per_min, belt.steps_per_min, belt.kcal_per_min)
            else:
                totals = (snapshot.distance_m, snapshot.steps, snapshot.kcal)
                rates = (
                    (
                        snapshot.distance_m_per_min,
                        snapshot.steps_per_min,
                        snapshot.kcal_per_min,
                    )
                    if walking
                    else (0.0, 0.0, 0.0)
                )
            return SessionFigures(
                started_at=active.started_at,
                distance_m=round(totals[0], 1),
                steps=totals[1],
                kcal=totals[2],
                distance_m_per_min=rates[0],
                steps_per_min=rates[1],
                kcal_per_min=rates[2],
                heart_rate_kcal=(
                    round(
                        kcal_until(active, self.data.settings.body, snapshot.elapsed_s),
                        2,
                    )
                    if active.heart_rate_at_s is not None
                    else None
                ),
            )
        if sessions := self.data.storage.sessions:
            last = max(sessions, key=lambda record: record.ended_at)
            return SessionFigures(
                started_at=last.started_at,
                distance_m=last.distance_m,
                steps=last.steps,
                kcal=last.kcal,
                heart_rate_kcal=last.heart_rate_kcal,
            )
        return SessionFigures()

    def summary_attributes(self) -> dict[str, Any]:
        """While the phase is finished: what the session that ended did.

        ``saved`` is false (``reason: too_short``) for a session too short to be
        recorded; distance in metres, energy in kcal, walking time in seconds.
        """
        if self.phase is not SessionPhase.FINISHED:
            return {}
        result = self.controller.finish_result()
        if result is None:
            return {}
        record = result.record
        return {
            "saved": result.saved,
            "reason": result.reason,
            "completed": record.completed,
            "ended_at": record.ended_at.isoformat(),
            "walked_s": round(record.active_s),
            "distance_m": record.distance_m,
            "steps": round(record.steps),
            "energy_kcal": round(record.kcal, 1),
        }

    def rate_attributes(self, per_minute: float) -> dict[str, Any]:
        """Per-minute rate and the time of the value, so a card can interpolate."""
        return {"per_minute": round(per_minute, 3), "as_of": self.now.isoformat()}

    @cached_property
    def week(self) -> Totals:
        """Totals of the current week."""
        return week_totals(self.data.storage.sessions, self.now)

    @property
    def week_start(self) -> datetime:
        """Start of this week (Monday, local time)."""
        return week_start(self.now)

    @property
    def goal_progress(self) -> float:
        """Share of the weekly goal reached, in percent."""
        return goal_progress(self.week, self.data.settings.goal)

    def goal_attributes(self) -> dict[str, Any]:
        """The goal the progress is measured against."""
        goal = self.data.settings.goal
        return {
            "goal_sessions": goal.sessions_per_week,
            "goal_minutes": goal.minutes_per_week,
        }

    @property
    def streak_weeks(self) -> int:
        """Consecutive weeks that met the goal."""
        return streak_weeks(
            self.data.storage.sessions, self.data.settings.goal, self.now
        )

    @property
    def last_session_at(self) -> datetime | None:
        """When the last recorded session ended."""
        sessions = self.data.storage.sessions
        return max(record.ended_at for record in sessions) if sessions else None

    @property
    def lifetime(self) -> Totals:
        """All sessions recorded."""
        return Totals.of(self.data.storage.sessions)

    @cached_property
    def next_session(self) -> NextSession:
        """The calendar's next planned session, as the next start will run it."""
        return self.data.next_session(self.now)

    def next_session_attributes(self) -> dict[str, Any]:
        """Length, speed, incline and program of the next start; which are overridden."""
        upcoming = self.next_session
        return {
            "duration_min": whole_minutes(upcoming.duration_s),
            "speed": format_speed(self.hass, upcoming.speed_m_s),
            "speed_m_s": round(upcoming.speed_m_s, 3),
            "incline": round(upcoming.grade * 100, 1),
            "program": upcoming.program.value,
            "overridden": list(upcoming.overridden),
        }
