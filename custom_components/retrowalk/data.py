"""Runtime data of a retrowalk config entry."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from homeassistant.config_entries import ConfigEntry
from homeassistant.util import dt as dt_util

from .belt_control import BeltControl
from .belt_figures import BeltFigures
from .belt_watch import BeltWatch
from .controller import SessionController
from .heart_rate import HeartRateTracker
from .live_notification import LiveNotifier
from .planning import NextSession, Planner, next_session
from .reminders import ReminderRunner
from .settings import PersonSettings
from .storage import PersonStorage


@dataclass
class RetrowalkData:
    """What a person's entry holds while it is loaded."""

    settings: PersonSettings
    storage: PersonStorage
    controller: SessionController
    reminders: ReminderRunner
    heart_rate: HeartRateTracker
    planner: Planner
    live: LiveNotifier
    belt: BeltControl
    belt_figures: BeltFigures
    belt_watch: BeltWatch

    def next_session(self, now: datetime | None = None) -> NextSession:
        """What a start without values does now (see ``planning``)."""
        now = now or dt_util.utcnow()
        return next_session(
            self.planner.next_planned(now, self.walked_today(now)),
            self.storage.next_override,
            self.settings.speed_cap_m_s,
        )

    def walked_today(self, now: datetime) -> bool:
        """Whether a session is on or one was recorded today (local time)."""
        return self.controller.active is not None or self.planner.walked_on(
            dt_util.as_local(now).date()
        )


type RetrowalkConfigEntry = ConfigEntry[RetrowalkData]
