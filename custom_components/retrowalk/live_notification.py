"""The session on the phone's lock screen: one live notification per companion device.

The notifier follows the controller. A push goes out when what the phone shows
changes (a start, a phase change, a pause, a resume, an extension, the first
look after a restart, the end), never on a timer: the phone counts down by
itself (``chronometer`` and ``when``). At most one push per ``PUSH_GAP_S``:
a change that comes sooner is not sent at once; a single wake-up at the end of
the gap sends the state of that moment, so the last state always arrives.

Buttons carry the person and the session (``RETROWALK_<ACTION>:<entry>:<session>``);
a tap fires ``mobile_app_notification_action``. *Stop* takes two taps: the first
turns the button into *Tap again to stop* (on iOS it then asks to unlock), which
stops within ``STOP_CONFIRM_S``; any other button puts *Stop* back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from homeassistant.core import CALLBACK_TYPE, Event, HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers.event import async_track_point_in_utc_time
from homeassistant.util import dt as dt_util

from .companion import async_notify
from .const import EVENT_NOTIFICATION_ACTION, LOGGER
from .controller import SessionController
from .display import format_distance, whole_minutes
from .history import goal_progress, week_totals
from .listeners import async_run_when_started
from .models import SessionRecord
from .settings import PersonSettings
from .sim.phases import PhaseKind
from .texts import async_texts

PUSH_GAP_S = 15
"""Never more than one push per device in this many seconds (iOS shows no more)."""
STOP_CONFIRM_S = 60
"""How long a first tap on *Stop* waits for the second."""
EXTEND_MINUTES = 5
ACTION_PREFIX = "RETROWALK_"
CLEAR = "clear_notification"


class Button(StrEnum):
    """What a notification button does."""

    PAUSE = "PAUSE"
    RESUME = "RESUME"
    EXTEND = "EXTEND"
    STOP = "STOP"
    STOP_CONFIRM = "STOP_CONFIRM"


def action_id(button: Button, entry_id: str, session_id: str) -> str:
    """The ``action`` of a button: what it does, for which person and session."""
    return f"{ACTION_PREFIX}{button}:{entry_id}:{session_id}"


def parse_action(value: Any) -> tuple[Button, str, str] | None:
    """(button, entry id, session id) of a retrowalk ``action``; ``None`` otherwise."""
    if not isinstance(value, str) or not value.startswith(ACTION_PREFIX):
        return None
    parts = value.removeprefix(ACTION_PREFIX).split(":")
    if len(parts) != 3 or parts[0] not in Button.__members__ or not all(parts):
        return None
    return Button(parts[0]), parts[1], parts[2]


@dataclass(frozen=True, slots=True)
class LiveView:
    """What the lock screen shows of a running session at one moment."""

    session_id: str
    kind: PhaseKind
    next_kind: PhaseKind | None
    elapsed_s: float
    duration_s: int
    paused: bool
    ends_at: datetime | None
    stop_armed: bool

    @property
    def key(self) -> tuple[Any, ...]:
        """What, when it changes, is worth a push (time passing is not)."""
        return (
            self.session_id,
            self.kind,
            self.next_kind,
            self.duration_s,
            self.paused,
            self.stop_armed,
        )


def clock(seconds: float) -> str:
    """``m:ss`` (or ``h:mm:ss``) for a time left."""
    whole = max(0, round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class LiveNotifier:
    """Mirrors one person's session on their companion devices."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry_id: str,
        settings: PersonSettings,
        controller: SessionController,
    ) -> None:
        """Bind the notifier to a person's controller."""
        self.hass = hass
        self.entry_id = entry_id
        self.settings = settings
        self.controller = controller
        self.tag = f"retrowalk_{entry_id}"
        self._shown: tuple[Any, ...] | None = None
        """The key of what the phones show (or are about to be sent)."""
        self._summarised: str | None = None
        """The session whose end was sent."""
        self._pending_end: SessionRecord | None = None
        self._last_push: datetime | None = None
        self._push_queued = False
        self._unsub_later: CALLBACK_TYPE | None = None
        self._stop_armed_until: datetime | None = None
        self.pushes = 0
        """Pushes sent (per device), for diagnostics and tests."""

    @property
    def services(self) -> tuple[str, ...]:
        """The devices' notify actions."""
        return self.settings.companion.services

    @callback
    def async_start(self) -> CALLBACK_TYPE:
        """Follow the controller and the buttons; return the undo."""
        if not self.services:
            return lambda: None
        remove_listener = self.controller.async_add_listener(self._async_follow)
        remove_bus = self.hass.bus.async_listen(
            EVENT_NOTIFICATION_ACTION, self._async_button, self._is_mine
        )

        @callback
        def stop() -> None:
            remove_listener()
            remove_bus()
            if self._unsub_later is not None:
                self._unsub_later()
                self._unsub_later = None

        return stop

    # What the phone shows --------------------------------------------------------

    def view(self, now: datetime) -> LiveView | None:
        """The running session as the lock screen shows it, or ``None``."""
        active, plan = self.controller.active, self.controller.plan()
        snapshot = self.controller.snapshot(now)
        if active is None or plan is None or snapshot is None:
            return None
        # What comes next: the next phase of another kind (an extension adds a
        # backward phase right after the one walked).
        next_kind = next(
            (
                phase.kind
                for phase in plan.phases[snapshot.phase_index + 1 :]
                if phase.kind is not snapshot.phase
            ),
            None,
        )
        return LiveView(
            session_id=active.session_id,
            kind=snapshot.phase,
            next_kind=next_kind,
            elapsed_s=snapshot.elapsed_s,
            duration_s=plan.duration_s,
            paused=active.paused_at is not None,
            ends_at=self.controller.finishes_at(),
            stop_armed=self._stop_armed_until is not None,
        )

    @callback
    def _async_follow(self) -> None:
        """Push when what the phones show has changed."""
        now = dt_util.utcnow()
        view = self.view(now)
        if view is not None:
            if view.key != self._shown:
                self._shown = view.key
                self._async_request()
            return
        record = self.controller.last_record
        if record is not None and record.session_id != self._summarised:
            self._summarised = record.session_id
            self._shown = None
            self._stop_armed_until = None
            self._pending_end = record
            self._async_request()

    @callback
    def _async_request(self) -> None:
        """Push now, or once the gap since the last push has passed."""
        if self._unsub_later is not None or self._push_queued:
            return  # The push to come sends the state of its moment.
        now = dt_util.utcnow()
        if self._last_push is None or now >= self._last_push + timedelta(
            seconds=PUSH_GAP_S
        ):
            # Once Home Assistant runs: the phones' notify actions come with it.
            self._push_queued = True
            async_run_when_started(self.hass, self._async_push)
            return
        self._unsub_later = async_track_point_in_utc_time(
            self.hass,
            self._async_push_later,
            self._last_push + timedelta(seconds=PUSH_GAP_S),
        )

    @callback
    def _async_push_later(self, _now: datetime) -> None:
        self._unsub_later = None
        self._async_push()

    @callback
    def _async_push(self) -> None:
        """Send the state of this moment (the end first, if one is waiting)."""
        self._push_queued = False
        now = self._last_push = dt_util.utcnow()
        self.pushes += 1
        self.hass.async_create_task(self._async_send(now), eager_start=True)

    async def _async_send(self, now: datetime) -> None:
        texts = await async_texts(self.hass, "exceptions")
        messages: list[dict[str, Any]] = []
        view = self.view(now)
        if self._pending_end is not None:
            record, self._pending_end = self._pending_end, None
            if view is None:
                messages.append({"message": CLEAR, "data": {"tag": self.tag}})
            messages.append(self._summary(texts, record))
        if view is not None:
            messages.append(self._live(texts, view, now))
        await async_notify(self.hass, self.services, messages)

    def _live(
        self, texts: dict[str, str], view: LiveView, now: datetime
    ) -> dict[str, Any]:
        """The live notification of a running or paused session."""

        def text(key: str, **values: Any) -> str:
            return texts[f"{key}.message"].format(**values)

        phase = text(f"live_kind_{view.kind}")
        left = clock(view.duration_s - view.elapsed_s)
        if view.paused:
            message = text("live_paused_message", left=left, phase=phase)
            critical = text("live_paused_critical", left=left)
        else:
            message = (
                text(
                    "live_message",
                    phase=phase,
                    next=text(f"live_kind_{view.next_kind}"),
                )
                if view.next_kind is not None
                else text("live_message_last", phase=phase)
            )
            critical = text("live_critical", phase=phase, left=left)
        data: dict[str, Any] = {
            "tag": self.tag,
            "live_update": True,
            "alert_once": True,
            "sticky": True,
            "critical_text": critical,
            "progress": round(view.elapsed_s),
            "progress_max": view.duration_s,
            "chronometer": not view.paused,
            "actions": self._buttons(text, view),
        }
        if view.ends_at is not None:
            data["when"] = round(view.ends_at.timestamp())
        return {
            "title": text("live_title", name=self.settings.name),
            "message": message,
            "data": data,
        }

    def _buttons(self, text: Any, view: LiveView) -> list[dict[str, Any]]:
        def button(kind: Button, label: str, **extra: Any) -> dict[str, Any]:
            return {
                "action": action_id(kind, self.entry_id, view.session_id),
                "title": text(label),
                **extra,
            }

        return [
            button(Button.RESUME, "live_resume")
            if view.paused
            else button(Button.PAUSE, "live_pause"),
            button(Button.EXTEND, "live_extend", minutes=EXTEND_MINUTES),
            button(
                Button.STOP_CONFIRM,
                "live_stop_confirm",
                destructive=True,
                authenticationRequired=True,
            )
            if view.stop_armed
            else button(Button.STOP, "live_stop"),
        ]

    def _summary(self, texts: dict[str, str], record: SessionRecord) -> dict[str, Any]:
        """The ordinary notification that replaces the live one at the end."""
        week = week_totals(self.controller.storage.sessions, dt_util.utcnow())
        values = {
            "name": self.settings.name,
            "minutes": whole_minutes(record.active_s),
            "distance": format_distance(self.hass, record.distance_m),
            "kcal": round(record.kcal),
            "goal": round(goal_progress(week, self.settings.goal)),
        }
        return {
            "title": texts["live_summary_title.message"].format(**values),
            "message": texts["live_summary.message"].format(**values),
            "data": {"tag": f"{self.tag}_summary"},
        }

    # The buttons -----------------------------------------------------------------

    @callback
    def _is_mine(self, event_data: Any) -> bool:
        parsed = parse_action(event_data.get("action"))
        return parsed is not None and parsed[1] == self.entry_id

    async def _async_button(self, event: Event) -> None:
        """Act on a tap, only on the session the button belongs to."""
        parsed = parse_action(event.data.get("action"))
        if parsed is None:  # pragma: no cover - the filter lets only these through
            return
        button, _entry, session_id = parsed
        active = self.controller.active
        if active is None or active.session_id != session_id:
            await self._async_notice("live_ended_notice")
            return
        now = dt_util.utcnow()
        armed_until, self._stop_armed_until = self._stop_armed_until, None
        try:
            if button is Button.PAUSE and active.paused_at is None:
                await self.controller.async_pause()
            elif button is Button.RESUME and active.paused_at is not None:
                await self.controller.async_resume()
            elif button is Button.EXTEND:
                await self.controller.async_extend(EXTEND_MINUTES)
            elif button is Button.STOP_CONFIRM and armed_until and now < armed_until:
                await self.controller.async_stop()
            elif button in (Button.STOP, Button.STOP_CONFIRM):
                # A first tap, or a second one that came too late: ask (again).
                self._stop_armed_until = now + timedelta(seconds=STOP_CONFIRM_S)
                self._async_follow()
        except HomeAssistantError as err:
            LOGGER.info("%s: %s refused: %s", self.settings.name, button, err)
            await self._async_notice("live_refused_notice")

    async def _async_notice(self, key: str) -> None:
        """A short ordinary notification: a tap that did nothing, and why."""
        texts = await async_texts(self.hass, "exceptions")
        await async_notify(
            self.hass,
            self.services,
            [
                {
                    "title": texts["live_title.message"].format(
                        name=self.settings.name
                    ),
                    "message": texts[f"{key}.message"],
                    "data": {"tag": f"{self.tag}_notice"},
                }
            ],
        )
