"""Auto-pause and auto-resume from the treadmill's speed sensor.

With a speed sensor and auto-pause on: a belt that reads standstill (at most
``STANDSTILL_M_S``) for ``auto_pause_after`` seconds while the session walks pauses
it (reason ``belt_stopped``, an ordinary pause). When that belt moves again the
session resumes (reason ``belt_moving``). A pause made any other way (the person,
speed control's checks) is never resumed here. The pause's reason is stored with
the session, so a belt-made pause is resumed by the belt after a restart too.
No reading (unavailable) neither pauses nor resumes. While speed control starts a
belt that has not moved since the session (re)started walking, a still belt is left
to speed control's follow check; once it has moved, a standstill is auto-paused.
Readings arrive as state changes; the standstill deadline is an
``async_track_point_in_utc_time`` callback.
"""

from __future__ import annotations

import contextlib
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from homeassistant.core import (
    CALLBACK_TYPE,
    Event,
    EventStateChangedData,
    HomeAssistant,
    callback,
)
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers.event import (
    async_track_point_in_utc_time,
    async_track_state_change_event,
)
from homeassistant.util import dt as dt_util

from .belt_control import BeltControl
from .belt_number import speed_in_m_s
from .settings import PersonSettings

if TYPE_CHECKING:
    from .controller import SessionController

STANDSTILL_M_S = 0.05
"""A belt reading at most this fast (0.18 km/h) stands still."""
REASON_BELT_STOPPED = "belt_stopped"
REASON_BELT_MOVING = "belt_moving"


class BeltWatch:
    """Pauses a person's session while their belt stands still, and resumes it."""

    def __init__(
        self,
        hass: HomeAssistant,
        settings: PersonSettings,
        controller: SessionController,
        belt: BeltControl,
    ) -> None:
        """Bind the watch to a person's speed sensor, session and speed control."""
        self.hass = hass
        self.sensor = settings.treadmill.speed_sensor
        self.after = timedelta(seconds=settings.treadmill.auto_pause_after_s)
        self.enabled = settings.treadmill.auto_pause and self.sensor is not None
        self.controller = controller
        self.belt = belt
        self.walking = False
        self.moved = False
        """The belt has moved since the session last started walking."""
        self._unsub_deadline: CALLBACK_TYPE | None = None

    @callback
    def async_start(self) -> CALLBACK_TYPE:
        """Follow the session and the speed sensor; return the undo."""
        if not self.enabled or self.sensor is None:
            return lambda: None
        removers = [
            self.controller.async_add_listener(self._async_session_changed),
            async_track_state_change_event(
                self.hass, [self.sensor], self._async_reading
            ),
        ]

        @callback
        def stop() -> None:
            for remove in removers:
                remove()
            self._cancel_deadline()

        return stop

    @property
    def paused_by_belt(self) -> bool:
        """The session's pause is this watch's (and may be ended by the belt)."""
        active = self.controller.active
        return (
            active is not None
            and active.paused_at is not None
            and active.pause_reason == REASON_BELT_STOPPED
        )

    def speed_m_s(self) -> float | None:
        """The belt's reading in m/s; None without a usable one."""
        return speed_in_m_s(self.hass.states.get(self.sensor or ""))

    @callback
    def _async_session_changed(self) -> None:
        self._async_check()

    @callback
    def _async_reading(self, _event: Event[EventStateChangedData]) -> None:
        self._async_check()

    @callback
    def _async_check(self) -> None:
        """Start or cancel the standstill deadline; resume a belt-paused session."""
        speed = self.speed_m_s()
        walking = self.controller.running and not self.controller.paused
        if walking and not self.walking:
            self.moved = False  # a new stretch of walking
        self.walking = walking
        if walking:
            if speed is not None and speed > STANDSTILL_M_S:
                self.moved = True
            if speed is None or speed > STANDSTILL_M_S or self._starting():
                self._cancel_deadline()
            elif self._unsub_deadline is None:
                self._unsub_deadline = async_track_point_in_utc_time(
                    self.hass, self._async_standstill, dt_util.utcnow() + self.after
                )
            return
        self._cancel_deadline()
        if self.paused_by_belt and speed is not None and speed > STANDSTILL_M_S:
            self.hass.async_create_task(self._async_resume())

    def _starting(self) -> bool:
        """Speed control is starting a belt that has not moved yet (its check judges)."""
        return not self.moved and bool(self.belt.pending)

    @callback
    def _async_standstill(self, _now: datetime) -> None:
        self._unsub_deadline = None
        if not self._starting():
            self.hass.async_create_task(self._async_pause())

    async def _async_pause(self) -> None:
        with contextlib.suppress(ServiceValidationError):  # ended or paused meanwhile
            await self.controller.async_pause(reason=REASON_BELT_STOPPED)

    async def _async_resume(self) -> None:
        with contextlib.suppress(ServiceValidationError):  # ended or resumed meanwhile
            await self.controller.async_resume(reason=REASON_BELT_MOVING)

    @callback
    def _cancel_deadline(self) -> None:
        if self._unsub_deadline is not None:
            self._unsub_deadline()
            self._unsub_deadline = None
