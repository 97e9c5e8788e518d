"""Speed control of a treadmill: the planned speed and incline, ramped, capped, checked.

Off unless the person switches it on and names the treadmill's target-speed
number. It follows the session (a controller listener): while the session walks,
the belt heads for the phase's planned speed, changed by at most ``ramp_step``
every ``ramp_every`` seconds, never above the person's backward cap nor outside
the number's range; the incline goes to the phase's grade. A pause, a stop or the
end brings the belt to the number's lowest speed and switches it off (or presses
the stop button). Unloading the person or stopping Home Assistant pauses a walking
session, which stops the belt.

Every speed command is checked against the treadmill's speed sensor: a belt that
does not follow in time, or a treadmill that goes unavailable, pauses the session
(the reason is in the session event) and the person is told in a notification.
Nothing polls: ramp steps and follow deadlines are ``async_track_point_in_utc_time``
callbacks, readings arrive as state changes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
import contextlib
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from homeassistant.components import persistent_notification
from homeassistant.const import ATTR_ENTITY_ID, EVENT_HOMEASSISTANT_STOP, STATE_ON
from homeassistant.core import (
    CALLBACK_TYPE,
    Event,
    EventStateChangedData,
    HomeAssistant,
    callback,
)
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers.event import (
    async_track_point_in_utc_time,
    async_track_state_change_event,
)
from homeassistant.util import dt as dt_util

from .belt_number import (
    FOLLOW_TOLERANCE_M_S,
    GONE,
    Expectation,
    SpeedNumber,
    number_range,
    speed_in_m_s,
)
from .const import DOMAIN, LOGGER
from .display import format_speed
from .settings import PersonSettings
from .texts import async_texts
from .validation import refuse

if TYPE_CHECKING:
    from .controller import SessionController

FOLLOW_GRACE_S = 10.0
"""Time a treadmill has to report the commanded speed, besides its acceleration."""
SLOWEST_ACCELERATION_M_S2 = 0.1
"""The slowest acceleration allowed for (0.36 km/h per second)."""
COMMAND_WAIT_S = 10.0
"""Longest wait for the treadmill's commands when unloading or stopping."""
REASON_NOT_FOLLOWING = "treadmill_not_following"
REASON_UNAVAILABLE = "treadmill_unavailable"
REASON_UNLOADED = "unloaded"
REASON_HOME_ASSISTANT_STOP = "home_assistant_stop"


class BeltControl:
    """Sets one person's treadmill to the session's plan, and checks it follows."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry_id: str,
        settings: PersonSettings,
        controller: SessionController,
    ) -> None:
        """Bind the control to a person and their treadmill options."""
        self.hass = hass
        self.entry_id = entry_id
        self.settings = settings
        self.treadmill = settings.treadmill
        self.controller = controller
        self.walking = False
        """Whether the belt is set to a walking session's plan."""
        self.goal_m_s: float | None = None
        """The speed the ramp heads for (capped)."""
        self.commanded: float | None = None
        """The last speed set, in the number's unit."""
        self.commanded_at: datetime | None = None
        self.incline_pct: float | None = None
        """The last incline set."""
        self.pending: list[Expectation] = []
        """Speeds commanded that the sensor has not reached yet, oldest first."""
        self._unsub_ramp: CALLBACK_TYPE | None = None
        self._unsub_deadline: CALLBACK_TYPE | None = None
        self._unsub_stop: CALLBACK_TYPE | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self._last_command: asyncio.Task[None] | None = None

    # Set-up --------------------------------------------------------------------

    @callback
    def async_start(self) -> CALLBACK_TYPE:
        """Follow the session and the treadmill; return the undo."""
        if not self.treadmill.controlled:
            return lambda: None
        watched = [
            entity
            for entity in (self.treadmill.target_speed, self.treadmill.speed_sensor)
            if entity
        ]
        self.controller.start_checks.append(self.check_start)
        removers = [
            self.controller.async_add_listener(self._async_session_changed),
            async_track_state_change_event(
                self.hass, watched, self._async_treadmill_changed
            ),
        ]
        self._unsub_stop = self.hass.bus.async_listen_once(
            EVENT_HOMEASSISTANT_STOP, self._async_home_assistant_stop
        )

        @callback
        def stop() -> None:
            self.controller.start_checks.remove(self.check_start)
            for remove in removers:
                remove()
            if self._unsub_stop is not None:
                self._unsub_stop()
                self._unsub_stop = None
            self._cancel_ramp()
            self._cancel_deadline()

        return stop

    async def async_release(self, reason: str = REASON_UNLOADED) -> None:
        """Unloading (or stopping): pause a walking session, which stops the belt."""
        if self.walking:
            await self.controller.async_pause(reason=reason)
        await self.async_wait_commands()

    async def async_wait_commands(self) -> None:
        """Wait until the commands sent so far are done (at most ``COMMAND_WAIT_S``)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + COMMAND_WAIT_S
        awaited: set[asyncio.Task[Any]] = set()
        while pending := self._tasks - awaited:
            await asyncio.wait(pending, timeout=max(0.0, deadline - loop.time()))
            awaited |= pending

    async def _async_home_assistant_stop(self, _event: Event) -> None:
        self._unsub_stop = None
        await self.async_release(REASON_HOME_ASSISTANT_STOP)

    # The safety gate -----------------------------------------------------------

    def check_start(self) -> None:
        """Refuse a start while the belt already runs above the person's cap."""
        speed = self.belt_speed_m_s()
        cap = self.settings.speed_cap_m_s
        if speed is not None and speed > cap + FOLLOW_TOLERANCE_M_S:
            raise refuse(
                "belt_above_cap",
                name=self.settings.name,
                speed=format_speed(self.hass, speed),
                cap=format_speed(self.hass, cap),
            )

    def belt_speed_m_s(self) -> float | None:
        """How fast the belt runs: the speed sensor, else the number while it is on."""
        if self.treadmill.speed_sensor:
            return speed_in_m_s(self.hass.states.get(self.treadmill.speed_sensor))
        power = self.treadmill.power
        if power and power.startswith("switch."):
            state = self.hass.states.get(power)
            if state is None or state.state != STATE_ON:
                return None
        return speed_in_m_s(self.hass.states.get(self.treadmill.target_speed or ""))

    # Following the session -----------------------------------------------------

    @callback
    def _async_session_changed(self) -> None:
        """Set the belt to the phase's plan, or stop it when the session no longer walks."""
        now = dt_util.utcnow()
        walks = self.controller.running and not self.controller.paused
        snapshot = self.controller.snapshot(now) if walks else None
        if snapshot is None:
            if self.walking:
                self.walking = False
                self._async_halt(now)
            return
        if not self.walking:
            if (number := self._number()) is None:
                self._async_pause_soon(REASON_UNAVAILABLE)
                return
            self.walking = True
            # Walking again: what the last pause said no longer holds.
            persistent_notification.async_dismiss(self.hass, self._notification_id)
            self._async_power(on=True)
            reading = self.belt_speed_m_s() if self.treadmill.speed_sensor else None
            self.commanded = number.of_m_s(reading or 0.0)
            self.commanded_at = None
            self.incline_pct = None
        goal = min(snapshot.speed_m_s, self.settings.speed_cap_m_s)
        if goal != self.goal_m_s:
            self.goal_m_s = goal
            self._async_schedule_ramp(now)
        incline = round(snapshot.grade * 100, 1)
        if self.treadmill.target_incline and incline != self.incline_pct:
            self.incline_pct = incline
            self._async_set_incline(incline)

    @callback
    def _async_schedule_ramp(self, now: datetime) -> None:
        """Take the next ramp step now, or when the last one is ``ramp_every`` old."""
        if self._unsub_ramp is not None:
            return
        every = timedelta(seconds=self.treadmill.ramp_every_s)
        if self.commanded_at is None or self.commanded_at + every <= now:
            self._async_ramp_step(now)
            return
        self._unsub_ramp = async_track_point_in_utc_time(
            self.hass, self._async_ramp_step, self.commanded_at + every
        )

    @callback
    def _async_ramp_step(self, _now: datetime) -> None:
        self._unsub_ramp = None
        now = dt_util.utcnow()
        number = self._number()
        if number is None or self.goal_m_s is None or self.commanded is None:
            if self.walking:
                self._async_pause_soon(REASON_UNAVAILABLE)
            return
        goal = number.goal(self.goal_m_s, self.settings.speed_cap_m_s)
        if goal == self.commanded:
            return
        value = number.toward(self.commanded, goal, self.treadmill.ramp_step_m_s)
        self._async_set_speed(number, value, now)
        if value != goal:
            self._unsub_ramp = async_track_point_in_utc_time(
                self.hass,
                self._async_ramp_step,
                now + timedelta(seconds=self.treadmill.ramp_every_s),
            )

    @callback
    def _async_halt(self, now: datetime) -> None:
        """The session paused or ended: slowest speed, belt off."""
        self._cancel_ramp()
        self.goal_m_s = None
        if (number := self._number()) is not None:
            self._async_set_speed(number, number.low, now)
        self._async_power(on=False)

    # Commands ------------------------------------------------------------------

    @callback
    def _async_set_speed(
        self, number: SpeedNumber, value: float, now: datetime
    ) -> None:
        rising = self.commanded is not None and value > self.commanded
        self.commanded, self.commanded_at = value, now
        self._async_call(
            "number",
            "set_value",
            {ATTR_ENTITY_ID: self.treadmill.target_speed, "value": value},
        )
        self._async_expect(Expectation(number.to_m_s(value), rising), now)

    @callback
    def _async_set_incline(self, incline_pct: float) -> None:
        entity_id = self.treadmill.target_incline
        if (found := number_range(self.hass.states.get(entity_id or ""))) is None:
            return  # unavailable: the belt's speed is what the check watches
        low, high, _step = found
        value = min(max(incline_pct, low), high)
        self._async_call(
            "number", "set_value", {ATTR_ENTITY_ID: entity_id, "value": value}
        )

    @callback
    def _async_power(self, *, on: bool) -> None:
        """Switch the belt on or off; a button is pressed to stop only."""
        power = self.treadmill.power
        if power is None:
            return
        if power.startswith("switch."):
            service = "turn_on" if on else "turn_off"
            self._async_call("switch", service, {ATTR_ENTITY_ID: power})
        elif not on and power.split(".")[0] in ("button", "input_button"):
            self._async_call(power.split(".")[0], "press", {ATTR_ENTITY_ID: power})

    @callback
    def _async_call(self, domain: str, service: str, data: dict[str, Any]) -> None:
        """Send a command after those before it: a Bluetooth treadmill takes one at a time."""
        self._last_command = self._track(
            self._async_service(self._last_command, domain, service, data)
        )

    async def _async_service(
        self,
        previous: asyncio.Task[None] | None,
        domain: str,
        service: str,
        data: dict[str, Any],
    ) -> None:
        if previous is not None:
            await asyncio.wait([previous])
        try:
            await self.hass.services.async_call(domain, service, data, blocking=True)
        except HomeAssistantError as err:
            # The follow check finds out what this means for the session.
            LOGGER.warning(
                "%s: the treadmill refused %s.%s %s: %s",
                self.settings.name,
                domain,
                service,
                data,
                err,
            )

    def _track(self, job: Coroutine[Any, Any, None]) -> asyncio.Task[None]:
        task = self.hass.async_create_task(job)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    # The follow check ----------------------------------------------------------

    @callback
    def _async_expect(self, expectation: Expectation, now: datetime) -> None:
        """Check that the speed sensor reaches the command (with a speed sensor)."""
        if self.treadmill.speed_sensor:
            self.pending.append(expectation)
            self._async_check_reading(now)

    @callback
    def _async_check_reading(self, now: datetime) -> None:
        """Drop the commands the reading has reached; give the oldest left a deadline.

        The deadline runs from the last progress: a belt that keeps reaching the
        ramp's steps, however late, is following.
        """
        reading = self.belt_speed_m_s()
        if reading is not None:
            reached = [i for i, item in enumerate(self.pending) if item.met_by(reading)]
            if reached:
                del self.pending[: reached[-1] + 1]
                self._cancel_deadline()
        if self.pending and self._unsub_deadline is None:
            gap = abs(self.pending[0].speed_m_s - (reading or 0.0))
            grace = FOLLOW_GRACE_S + gap / SLOWEST_ACCELERATION_M_S2
            self._unsub_deadline = async_track_point_in_utc_time(
                self.hass, self._async_deadline, now + timedelta(seconds=grace)
            )

    @callback
    def _async_treadmill_changed(self, event: Event[EventStateChangedData]) -> None:
        """A reading or an availability change of the number or the speed sensor."""
        new_state = event.data["new_state"]
        if new_state is None or new_state.state in GONE:
            if self.walking:
                self._async_pause_soon(REASON_UNAVAILABLE, event.data["entity_id"])
            return
        if event.data["entity_id"] == self.treadmill.speed_sensor:
            self._async_check_reading(dt_util.utcnow())

    @callback
    def _async_deadline(self, _now: datetime) -> None:
        self._unsub_deadline = None
        missed, self.pending = self.pending[0], []
        speed = format_speed(self.hass, missed.speed_m_s)
        if self.walking:
            self._async_pause_soon(REASON_NOT_FOLLOWING, speed=speed)
        else:
            self._track(self._async_notify("treadmill_not_stopped", speed=speed))

    @callback
    def _async_pause_soon(
        self, reason: str, entity_id: str | None = None, **extra: str
    ) -> None:
        """Pause the walking session for ``reason`` and tell the person why."""
        self._track(
            self._async_pause(
                reason, entity=entity_id or self.treadmill.target_speed or "", **extra
            )
        )

    async def _async_pause(self, reason: str, **placeholders: str) -> None:
        with contextlib.suppress(ServiceValidationError):  # paused or ended meanwhile
            await self.controller.async_pause(reason=reason)
        await self._async_notify(reason, **placeholders)

    async def _async_notify(self, key: str, **placeholders: str) -> None:
        texts = await async_texts(self.hass, "exceptions")
        values = {
            "name": self.settings.name,
            "entity": self.treadmill.target_speed or "",
            "speed": "",
        } | placeholders
        persistent_notification.async_create(
            self.hass,
            texts[f"{key}.message"].format(**values),
            title=texts["treadmill_title.message"].format(**values),
            notification_id=self._notification_id,
        )

    @property
    def _notification_id(self) -> str:
        """The person's treadmill notification (one at a time)."""
        return f"{DOMAIN}_treadmill_{self.entry_id}"

    # Helpers -------------------------------------------------------------------

    def _number(self) -> SpeedNumber | None:
        return SpeedNumber.of(self.hass.states.get(self.treadmill.target_speed or ""))

    @callback
    def _cancel_ramp(self) -> None:
        if self._unsub_ramp is not None:
            self._unsub_ramp()
            self._unsub_ramp = None

    @callback
    def _cancel_deadline(self) -> None:
        if self._unsub_deadline is not None:
            self._unsub_deadline()
            self._unsub_deadline = None
