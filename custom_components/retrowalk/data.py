"""Runtime data of a retrowalk config entry."""

from __future__ import annotations

from dataclasses import dataclass

from homeassistant.config_entries import ConfigEntry

from .controller import SessionController
from .heart_rate import HeartRateTracker
from .reminders import ReminderRunner
from .settings import PersonSettings
from .storage import PersonStorage


@dataclass
class NextSession:
    """What the next start uses unless the caller says otherwise."""

    duration_s: int
    speed_m_s: float
    grade: float
    program: str


@dataclass
class RetrowalkData:
    """What a person's entry holds while it is loaded."""

    settings: PersonSettings
    storage: PersonStorage
    controller: SessionController
    reminders: ReminderRunner
    heart_rate: HeartRateTracker
    next_session: NextSession


type RetrowalkConfigEntry = ConfigEntry[RetrowalkData]
