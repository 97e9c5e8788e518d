"""A second energy estimate from a heart-rate sensor (Keytel 2005), pushed by its readings.

Each reading counts from the moment it arrives until the next one, for at most
``MAX_READING_AGE_S`` seconds of walking; pauses do not count. The running total
lives in the stored session, so a restart keeps it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from homeassistant.core import CALLBACK_TYPE, Event, HomeAssistant, callback
from homeassistant.util import dt as dt_util

from .models import ActiveSession
from .readings import MAX_READING_AGE_S, async_track_readings, numeric_reading
from .settings import PersonSettings
from .sim.body import Body
from .sim.heart_rate import MAX_HEART_RATE, MIN_HEART_RATE, keytel_kcal_per_min
from .storage import SaveWithin

if TYPE_CHECKING:
    from .controller import SessionController


def keytel_possible(settings: PersonSettings) -> bool:
    """Keytel needs a heart-rate sensor, the person's sex and age."""
    body = settings.body
    return bool(settings.heart_rate_sensor) and None not in (body.sex, body.age)


def kcal_until(active: ActiveSession, body: Body, walked_s: float) -> float:
    """Heart-rate energy of the session after ``walked_s`` seconds of walking."""
    total = active.heart_rate_kcal
    if active.heart_rate_bpm is not None and active.heart_rate_at_s is not None:
        counted = min(max(0.0, walked_s - active.heart_rate_at_s), MAX_READING_AGE_S)
        total += float(keytel_kcal_per_min(active.heart_rate_bpm, body)) * counted / 60
    return total


def bpm_of(hass: HomeAssistant, entity_id: str | None) -> float | None:
    """A usable heart-rate reading of the sensor, or None."""
    return numeric_reading(hass, entity_id, MIN_HEART_RATE, MAX_HEART_RATE)


class HeartRateTracker:
    """Adds up one person's heart-rate energy while a session walks."""

    def __init__(
        self,
        hass: HomeAssistant,
        settings: PersonSettings,
        controller: SessionController,
    ) -> None:
        """Bind the tracker to a person."""
        self.hass = hass
        self.settings = settings
        self.controller = controller
        self._save = SaveWithin(hass, controller.storage.async_schedule_save)

    @callback
    def async_start(self) -> CALLBACK_TYPE:
        """Follow the sensor and the session; return the undo."""
        entity_id = self.settings.heart_rate_sensor
        if entity_id is None or not keytel_possible(self.settings):
            return lambda: None
        removers = [
            async_track_readings(self.hass, entity_id, self._async_reading),
            self.controller.async_add_listener(self._async_session),
        ]

        @callback
        def stop() -> None:
            for remove in removers:
                remove()
            self._save.async_cancel()

        return stop

    @callback
    def _async_session(self) -> None:
        """Take the sensor's current reading when a session starts."""
        active = self.controller.active
        if active is not None and active.heart_rate_at_s is None:
            self._record(active)

    @callback
    def _async_reading(self, _event: Event[Any]) -> None:
        if (active := self.controller.active) is not None:
            self._record(active)

    def _record(self, active: ActiveSession) -> None:
        """Close the previous reading's share and start the new one."""
        walked = active.active_s(dt_util.utcnow())
        active.heart_rate_kcal = kcal_until(active, self.settings.body, walked)
        active.heart_rate_bpm = bpm_of(self.hass, self.settings.heart_rate_sensor)
        active.heart_rate_at_s = walked
        self._save.async_changed()
