"""In-session safety reminders: the core's schedule, run against the session clock.

The runner follows the controller. While a session walks, one callback is
scheduled for the next reminder; a pause cancels it and a resume or an
extension schedules again. Progress is stored as seconds of walking
(``ActiveSession.reminded_s``), saved before a reminder is delivered, so a
restart neither repeats nor floods them. What a restart finds due is delivered
once Home Assistant has started.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from homeassistant.const import ATTR_ENTITY_ID
from homeassistant.core import CALLBACK_TYPE, Event, HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers.event import async_track_point_in_utc_time
from homeassistant.util import dt as dt_util

from .companion import async_notify
from .compat import vol
from .const import EVENT_REMINDER, EVENT_SESSION, LOGGER, SessionEvent
from .controller import SessionController
from .listeners import Listeners, async_run_when_started
from .settings import PersonSettings
from .sim.phases import SessionPlan
from .sim.reminders import Reminder, ReminderType, reminder_schedule
from .texts import async_entity_texts

STALE_S = 30
"""Reminders overdue by more than this (say, after a restart) are skipped."""
TEXT_KEY = "event.reminder.state_attributes.event_type.state.{}"

type ReminderListener = Callable[[ReminderType, str], None]


class ReminderRunner:
    """Gives one person's reminders on time, on every channel."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry_id: str,
        settings: PersonSettings,
        controller: SessionController,
    ) -> None:
        """Bind the runner to a person's controller."""
        self.hass = hass
        self.entry_id = entry_id
        self.settings = settings
        self.controller = controller
        self._listeners: Listeners[[ReminderType, str]] = Listeners(
            f"Reminders of {settings.name}"
        )
        self._unsub_timer: CALLBACK_TYPE | None = None
        self._wake_at: datetime | None = None
        self._schedule: tuple[SessionPlan, tuple[Reminder, ...]] | None = None
        self._following = False

    @callback
    def async_start(self) -> CALLBACK_TYPE:
        """Follow the controller and the session events; return the undo."""
        remove_listener = self.controller.async_add_listener(self._async_follow)
        remove_bus = self.hass.bus.async_listen(
            EVENT_SESSION, self._async_session_event, self._is_mine
        )
        self._following = True
        self._async_follow()

        @callback
        def stop() -> None:
            self._following = False
            remove_listener()
            remove_bus()
            self._cancel()

        return stop

    @callback
    def async_add_listener(self, listener: ReminderListener) -> CALLBACK_TYPE:
        """Call ``listener(type, text)`` for every reminder given."""
        return self._listeners.async_add(listener)

    def schedule(self, plan: SessionPlan) -> tuple[Reminder, ...]:
        """The reminders of ``plan`` given by the timer (completion comes with the end)."""
        if self._schedule is None or self._schedule[0] is not plan:
            options = self.settings.reminders
            reminders = reminder_schedule(
                plan,
                self.settings.surface,
                path_check_every_s=options.path_check_every_s,
                posture_every_s=options.posture_every_s,
                hydrate_every_s=options.hydrate_every_s,
                speed_cap_m_s=self.settings.speed_cap_m_s,
            )
            self._schedule = (
                plan,
                tuple(
                    r
                    for r in reminders
                    if r.type is not ReminderType.SESSION_COMPLETE
                    and r.type not in options.off
                ),
            )
        return self._schedule[1]

    @callback
    def _is_mine(self, event_data: Any) -> bool:
        return bool(event_data.get("config_entry_id") == self.entry_id)

    @callback
    def _async_session_event(self, event: Event) -> None:
        """Congratulate at the end, unless it ended long before it was noticed.

        A session found finished after a restart was noticed then; the event
        itself comes once Home Assistant has started.
        """
        if (
            event.data.get("type") != SessionEvent.FINISHED
            or ReminderType.SESSION_COMPLETE in self.settings.reminders.off
        ):
            return
        ended = dt_util.parse_datetime(str(event.data.get("ended_at")))
        noticed = self.controller.finish_noticed_at or dt_util.utcnow()
        if ended is not None and noticed - ended > timedelta(seconds=STALE_S):
            return
        self.hass.async_create_task(
            self._async_give([ReminderType.SESSION_COMPLETE]), eager_start=True
        )

    @callback
    def _cancel(self) -> None:
        if self._unsub_timer is not None:
            self._unsub_timer()
            self._unsub_timer = None
        self._wake_at = None

    @callback
    def _async_follow(self) -> None:
        """Schedule the next reminder of a walking session, or nothing."""
        active, plan = self.controller.active, self.controller.plan()
        if (
            not self._following
            or active is None
            or plan is None
            or active.paused_at is not None
        ):
            self._cancel()
            return
        now = dt_util.utcnow()
        walked = active.active_s(now)
        upcoming = [r for r in self.schedule(plan) if r.at_s > active.reminded_s]
        stale = [r for r in upcoming if r.at_s < walked - STALE_S]
        if stale:
            active.reminded_s = stale[-1].at_s
            self.controller.storage.async_schedule_save()
            upcoming = upcoming[len(stale) :]
        if not upcoming:
            self._cancel()
            return
        wake = now + timedelta(seconds=max(0.0, upcoming[0].at_s - walked))
        if wake == self._wake_at:
            return
        self._cancel()
        self._wake_at = wake
        if wake <= now:
            # Due now (say, found after a restart): given once Home Assistant runs.
            async_run_when_started(
                self.hass,
                lambda: self.hass.async_create_task(
                    self._async_wake(now), eager_start=False
                ),
            )
            return
        self._unsub_timer = async_track_point_in_utc_time(
            self.hass, self._async_wake, wake
        )

    async def _async_wake(self, _now: datetime) -> None:
        # Whatever was scheduled meanwhile is recomputed below.
        self._cancel()
        active, plan = self.controller.active, self.controller.plan()
        if not self._following or active is None or plan is None:
            return
        walked = active.active_s(dt_util.utcnow())
        due = [
            r for r in self.schedule(plan) if active.reminded_s < r.at_s <= walked + 0.5
        ]
        if due:
            # On disk before it is given: a crash right after it does not repeat it.
            active.reminded_s = due[-1].at_s
            await self.controller.storage.async_save()
        try:
            await self._async_give([r.type for r in due])
        finally:
            self._async_follow()

    async def _async_give(self, kinds: list[ReminderType]) -> None:
        """Deliver reminders: event entity, bus event, notify entities, speech."""
        texts = await async_entity_texts(self.hass)
        for kind in kinds:
            text = texts.get(TEXT_KEY.format(kind), kind.value)
            self._listeners.async_notify(kind, text)
            self.hass.bus.async_fire(
                EVENT_REMINDER,
                {
                    "config_entry_id": self.entry_id,
                    "name": self.settings.name,
                    "type": kind.value,
                    "message": text,
                },
            )
            await self._async_announce(text)

    async def _async_announce(self, text: str) -> None:
        """Send the reminder to the chosen notify entities and phones, and speak it."""
        options = self.settings.reminders
        if options.notify_entities:
            await self._async_call(
                "notify",
                "send_message",
                {"message": text, "title": self.settings.name},
                list(options.notify_entities),
            )
        companion = self.settings.companion
        if companion.reminders and companion.services:
            await async_notify(
                self.hass,
                companion.services,
                [
                    {
                        "message": text,
                        "title": self.settings.name,
                        "data": {"tag": f"retrowalk_{self.entry_id}_reminder"},
                    }
                ],
                blocking=False,
            )
        if options.tts_entity and options.media_players:
            await self._async_call(
                "tts",
                "speak",
                {
                    "media_player_entity_id": list(options.media_players),
                    "message": text,
                },
                [options.tts_entity],
            )

    async def _async_call(
        self, domain: str, service: str, data: dict[str, Any], targets: list[str]
    ) -> None:
        """Call an action without waiting; a missing one is logged, not raised."""
        try:
            await self.hass.services.async_call(
                domain, service, data, target={ATTR_ENTITY_ID: targets}, blocking=False
            )
        except (HomeAssistantError, vol.Invalid) as err:
            LOGGER.warning(
                "Could not deliver a reminder for %s with %s.%s: %s",
                self.settings.name,
                domain,
                service,
                err,
            )
