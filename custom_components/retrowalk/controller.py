"""One person's session: a state machine driven by stored UTC timestamps.

Nothing ticks. One callback at a time is scheduled with
``async_track_point_in_utc_time`` for the next thing that happens: a phase
boundary, the end, or the next refresh of the live figures.

Like Home Assistant's ``timer``, each transition (start, pause, resume, extend,
stop, finish) is one synchronous step: cancel the wake-up, change the state,
schedule the next wake-up, fire the event, tell the listeners. Only then is the
save awaited, so an action returns once its data is on disk.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from homeassistant.components import persistent_notification
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers.event import async_track_point_in_utc_time
from homeassistant.util import dt as dt_util, ulid as ulid_util

from .belt_figures import measured
from .const import DOMAIN, EVENT_SESSION, SessionEvent, SessionPhase
from .display import format_number, format_speed, lowest_speed, speed_unit
from .heart_rate import kcal_until
from .listeners import Listeners, async_run_when_started
from .models import ActiveSession, Extension, NextOverride, SessionRecord
from .safety import async_describe_reasons, current_verdict
from .settings import PersonSettings
from .sim.bounds import (
    BACKWARD_SPEED_M_S,
    EXTENSION_MINUTES,
    INCLINE_PCT,
    SESSION_MINUTES,
)
from .sim.phases import Phase, PhaseKind, SessionPlan
from .sim.programs import Program, build_program
from .sim.safety import Verdict, VerdictLevel
from .sim.session import SessionSnapshot, snapshot_at
from .storage import PersonStorage
from .texts import async_texts
from .validation import refuse, shown

MIN_RECORDED_S = 60
"""Sessions stopped before this many seconds of walking are not recorded."""
REASON_TOO_SHORT = "too_short"
"""Why a finished session was not saved: under ``MIN_RECORDED_S`` of walking."""
TOLERANCE_S = 0.01

PHASE_OF_KIND = {
    PhaseKind.WARMUP: SessionPhase.WARMUP,
    PhaseKind.BACKWARD: SessionPhase.ACTIVE,
    PhaseKind.REST: SessionPhase.ACTIVE,
    PhaseKind.COOLDOWN: SessionPhase.COOLDOWN,
}


class UnsafeStartError(ServiceValidationError):
    """A start the safety check blocked; carries the verdict for other languages."""

    def __init__(self, name: str, reasons: str, verdict: Verdict) -> None:
        """Refuse with the reasons described in the system language."""
        super().__init__(
            translation_domain=DOMAIN,
            translation_key="unsafe_start",
            translation_placeholders={"name": name, "reasons": reasons},
        )
        self.verdict = verdict


def extended_plan(base: SessionPlan, extensions: list[Extension]) -> SessionPlan:
    """Apply the extensions in order to ``base``.

    Before the cool-down has begun, extra backward walking goes in front of it;
    once it has begun, the cool-down itself grows.
    """
    plan = base
    for extension in extensions:
        phases = list(plan.phases)
        has_cooldown = phases[-1].kind is PhaseKind.COOLDOWN
        cooldown_start = plan.starts_s[-1] if has_cooldown else plan.duration_s
        if extension.at_s < cooldown_start:
            walked = [p for p in phases if p.kind is PhaseKind.BACKWARD] or phases
            model = walked[-1]
            extra = Phase(
                PhaseKind.BACKWARD, extension.seconds, model.speed_m_s, model.grade
            )
            phases.insert(len(phases) - 1 if has_cooldown else len(phases), extra)
        else:
            last = phases[-1]
            phases[-1] = replace(last, duration_s=last.duration_s + extension.seconds)
        plan = SessionPlan(tuple(phases))
    return plan


@dataclass(frozen=True, slots=True)
class FinishResult:
    """A session that ended, and whether it was saved in the history."""

    record: SessionRecord
    saved: bool

    @property
    def reason(self) -> str | None:
        """Why it was not saved (``too_short``), ``None`` when it was."""
        return None if self.saved else REASON_TOO_SHORT


class SessionController:
    """Runs, pauses, extends and records one person's sessions."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry_id: str,
        settings: PersonSettings,
        storage: PersonStorage,
    ) -> None:
        """Bind the controller to a person."""
        self.hass = hass
        self.entry_id = entry_id
        self.settings = settings
        self.storage = storage
        self.finish_noticed_at: datetime | None = None
        """When the last finish was noticed: its end, or the restart that found it."""
        self.last_record: SessionRecord | None = None
        """The session that ended last (recorded or too short to record)."""
        self.last_result: FinishResult | None = None
        """The last session ended since setup, saved or not (for the summary)."""
        self._listeners: Listeners[[]] = Listeners(f"Session of {settings.name}")
        self._unsub_timer: CALLBACK_TYPE | None = None
        self.start_checks: list[Callable[[], None]] = []
        """Checks that refuse a start (raise a translated error), as the belt's cap."""
        self._plan_cache: tuple[tuple[str, int], SessionPlan] | None = None

    # Reading the state ---------------------------------------------------------

    @property
    def active(self) -> ActiveSession | None:
        """The running or paused session, if any."""
        return self.storage.active

    @property
    def running(self) -> bool:
        """Tell whether a session is running or paused."""
        return self.storage.active is not None

    @property
    def paused(self) -> bool:
        """Tell whether the session is paused."""
        active = self.storage.active
        return active is not None and active.paused_at is not None

    @property
    def finished_at(self) -> datetime | None:
        """When the last session ended; the phase shows finished until the next start."""
        return self.storage.finished_at

    @finished_at.setter
    def finished_at(self, value: datetime | None) -> None:
        self.storage.finished_at = value

    @property
    def sessions_done(self) -> int:
        """How many sessions this person has recorded."""
        return len(self.storage.sessions)

    def plan(self) -> SessionPlan | None:
        """The running session's plan, extensions included."""
        active = self.storage.active
        if active is None:
            return None
        key = (active.session_id, len(active.extensions))
        if self._plan_cache is None or self._plan_cache[0] != key:
            base = build_program(
                Program(active.program),
                active.base_duration_s,
                active.speed_m_s,
                active.grade,
            )
            self._plan_cache = (key, extended_plan(base, active.extensions))
        return self._plan_cache[1]

    def plan_duration_s(self) -> float | None:
        """How long the running session lasts, extensions included."""
        plan = self.plan()
        return None if plan is None else plan.duration_s

    def snapshot(self, now: datetime | None = None) -> SessionSnapshot | None:
        """Where the running session is at ``now``."""
        active, plan = self.storage.active, self.plan()
        if active is None or plan is None:
            return None
        return snapshot_at(
            plan,
            self.settings.body,
            min(active.active_s(now or dt_util.utcnow()), plan.duration_s),
            sessions_done=active.sessions_done,
        )

    def phase(self, now: datetime | None = None) -> SessionPhase:
        """The phase shown to the user."""
        now = now or dt_util.utcnow()
        if self.paused:
            return SessionPhase.PAUSED
        if (snapshot := self.snapshot(now)) is not None:
            return PHASE_OF_KIND[snapshot.phase]
        if self.finished_at is not None:
            return SessionPhase.FINISHED
        return SessionPhase.IDLE

    def finish_result(self) -> FinishResult | None:
        """The session that ended last, while the phase says finished.

        After a restart only saved sessions are known: the record that ended then.
        """
        if self.finished_at is None:
            return None
        if self.last_result and self.last_result.record.ended_at == self.finished_at:
            return self.last_result
        for record in self.storage.sessions:
            if record.ended_at == self.finished_at:
                return FinishResult(record, saved=True)
        return None

    @property
    def wake_up_scheduled(self) -> bool:
        """Tell whether the next wake-up (phase change, end, refresh) is scheduled."""
        return self._unsub_timer is not None

    def finishes_at(self) -> datetime | None:
        """When the running session ends; ``None`` when idle or paused."""
        active, plan = self.storage.active, self.plan()
        if active is None or plan is None or active.paused_at is not None:
            return None
        return active.ends_at(plan.duration_s)

    # Listeners -----------------------------------------------------------------

    @callback
    def async_add_listener(self, update: Callable[[], None]) -> CALLBACK_TYPE:
        """Call ``update`` after every change; returns the remover.

        A listener that raises is logged; the others and the timer go on.
        """
        return self._listeners.async_add(update)

    @callback
    def async_refresh(self, _now: datetime | None = None) -> None:
        """Re-announce the figures (the date changed)."""
        self._async_notify()

    @callback
    def _async_notify(self) -> None:
        self._listeners.async_notify()

    # Validation ----------------------------------------------------------------

    def validate_start(
        self, duration_s: int, speed_m_s: float, grade: float, *, idle: bool = True
    ) -> None:
        """Refuse a session that is not possible, before anything changes.

        ``idle`` also requires that no session runs (a start, not a log).
        """
        if idle and self.running:
            raise refuse("already_running", name=self.settings.name)
        if SESSION_MINUTES.parse(duration_s / 60) is None:
            raise refuse(
                "invalid_duration",
                minimum=shown(SESSION_MINUTES.low),
                maximum=shown(SESSION_MINUTES.high),
            )
        cap = self.settings.speed_cap_m_s
        if not BACKWARD_SPEED_M_S.low <= speed_m_s <= cap + 1e-9:
            raise self.speed_refusal()
        if INCLINE_PCT.parse(grade * 100) is None:
            raise refuse(
                "invalid_incline",
                minimum=shown(INCLINE_PCT.low),
                maximum=shown(INCLINE_PCT.high),
            )

    def speed_refusal(self) -> ServiceValidationError:
        """The refusal of a speed: from the lowest the number offers to the cap."""
        return refuse(
            "speed_above_cap",
            minimum=f"{format_number(self.hass, lowest_speed(self.hass), 1)} "
            f"{speed_unit(self.hass)}",
            cap=format_speed(self.hass, self.settings.speed_cap_m_s),
        )

    # Transitions ---------------------------------------------------------------

    async def async_start(
        self,
        duration_s: int,
        speed_m_s: float,
        grade: float = 0.0,
        program: Program = Program.STEADY,
        *,
        acknowledge: bool = False,
    ) -> Verdict:
        """Start a session now, unless the safety check blocks it.

        A warning lets it start; unless ``acknowledge`` is set, the person is told
        in a notification. Returns the verdict.
        """
        self.validate_start(duration_s, speed_m_s, grade)
        for check in self.start_checks:
            check()
        verdict = current_verdict(self.hass, self.settings, speed_m_s)
        if verdict.level is VerdictLevel.BLOCK:
            raise UnsafeStartError(
                self.settings.name,
                await async_describe_reasons(self.hass, verdict.reasons),
                verdict,
            )
        now = dt_util.utcnow()
        self._cancel_timer()
        self.storage.active = ActiveSession(
            session_id=ulid_util.ulid_now(),
            program=program.value,
            base_duration_s=duration_s,
            speed_m_s=speed_m_s,
            grade=grade,
            started_at=now,
            sessions_done=self.sessions_done,
            last_transition=now,
        )
        # An override is for one start: the plan takes over again.
        self.storage.next_override = NextOverride()
        self.finished_at = None
        self._async_transitioned(
            now,
            SessionEvent.STARTED,
            planned_s=self.plan_duration_s(),
            warnings=[str(reason) for reason in verdict.reasons],
        )
        await self.storage.async_save()
        if verdict.reasons and not acknowledge:
            await self._async_notify_warnings(verdict)
        else:
            persistent_notification.async_dismiss(self.hass, self._warning_id)
        return verdict

    async def _async_notify_warnings(self, verdict: Verdict) -> None:
        """Tell the person what the started session's safety check found."""
        texts = await async_texts(self.hass, "exceptions")
        placeholders = {
            "name": self.settings.name,
            "reasons": await async_describe_reasons(self.hass, verdict.reasons),
        }
        persistent_notification.async_create(
            self.hass,
            texts["start_warning.message"].format(**placeholders),
            title=texts["start_warning_title.message"].format(**placeholders),
            notification_id=self._warning_id,
        )

    @property
    def _warning_id(self) -> str:
        """The notification that tells the person about a started session's warnings."""
        return f"{DOMAIN}_safety_{self.entry_id}"

    async def async_pause(self, *, reason: str | None = None) -> None:
        """Pause the running session; ``reason`` (in the event) when not the person's."""
        active, _plan = self._require_running()
        if active.paused_at is not None:
            raise refuse("already_paused", name=self.settings.name)
        now = dt_util.utcnow()
        self._cancel_timer()
        active.paused_at = now
        active.pause_reason = reason
        active.pauses += 1
        active.last_transition = now
        self._async_transitioned(
            now, SessionEvent.PAUSED, **({"reason": reason} if reason else {})
        )
        await self.storage.async_save()

    async def async_resume(self, *, reason: str | None = None) -> None:
        """Resume the paused session; ``reason`` (in the event) when not the person's."""
        active, _plan = self._require_running()
        if active.paused_at is None:
            raise refuse("not_paused", name=self.settings.name)
        now = dt_util.utcnow()
        self._cancel_timer()
        active.paused_s += (now - active.paused_at).total_seconds()
        active.paused_at = None
        active.pause_reason = None
        active.last_transition = now
        self._async_transitioned(
            now, SessionEvent.RESUMED, **({"reason": reason} if reason else {})
        )
        await self.storage.async_save()

    async def async_extend(self, minutes: float) -> None:
        """Add minutes to the running session."""
        active, plan = self._require_running()
        if EXTENSION_MINUTES.parse(minutes) is None:
            raise refuse(
                "invalid_extension",
                minimum=shown(EXTENSION_MINUTES.low),
                maximum=shown(EXTENSION_MINUTES.high),
            )
        seconds = round(minutes * 60)
        if plan.duration_s + seconds > SESSION_MINUTES.high * 60:
            raise refuse("too_long", maximum=shown(SESSION_MINUTES.high))
        now = dt_util.utcnow()
        self._cancel_timer()
        active.extensions.append(Extension(at_s=active.active_s(now), seconds=seconds))
        active.last_transition = now
        self._async_transitioned(now, SessionEvent.EXTENDED, minutes=seconds / 60)
        await self.storage.async_save()

    async def async_stop(self) -> None:
        """Stop the running session early and record what was walked."""
        self._require_running()
        self._async_finish(dt_util.utcnow(), SessionEvent.STOPPED)
        await self.storage.async_save()

    async def async_log(self, record: SessionRecord) -> None:
        """Record a session done without the timer."""
        self.storage.sessions.append(record)
        self.storage.sessions.sort(key=lambda item: item.started_at)
        self._async_notify()
        await self.storage.async_save()

    def recorded(self, session_id: str) -> SessionRecord:
        """The recorded session ``session_id``; refused when there is none."""
        for record in self.storage.sessions:
            if record.session_id == session_id:
                return record
        raise refuse("unknown_session", name=self.settings.name, session_id=session_id)

    async def async_delete(self, session_id: str) -> SessionRecord:
        """Take a recorded session out of the history; every figure follows."""
        record = self.recorded(session_id)
        self.storage.remove_record(session_id)
        self._async_notify()
        await self.storage.async_save()
        return record

    def _require_running(self) -> tuple[ActiveSession, SessionPlan]:
        active, plan = self.storage.active, self.plan()
        if active is None or plan is None:
            raise refuse("not_running", name=self.settings.name)
        return active, plan

    # Time ----------------------------------------------------------------------

    async def async_restore(self) -> None:
        """Carry on after a restart: resume the timer or finish what ended meanwhile.

        The events of what is found are fired once Home Assistant has started.
        """
        now = dt_util.utcnow()
        if (ends := self.finishes_at()) is not None and ends <= now:
            self._async_finish(ends, SessionEvent.FINISHED)
            await self.storage.async_save()
            return
        self._async_refresh_step(now)

    @callback
    def async_shutdown(self) -> None:
        """Cancel the scheduled callback (entry unload)."""
        self._cancel_timer()

    @callback
    def _cancel_timer(self) -> None:
        if self._unsub_timer is not None:
            self._unsub_timer()
            self._unsub_timer = None

    @callback
    def _async_transitioned(
        self, now: datetime, event: SessionEvent, **data: Any
    ) -> None:
        """End a transition: schedule the next wake-up, fire the event, tell the listeners.

        The caller has cancelled the wake-up and changed the state.
        """
        self._schedule(now)
        self._async_fire(event, **data)
        self._async_notify()

    @callback
    def _async_refresh_step(self, now: datetime) -> None:
        """No transition, only time passing: schedule the next wake-up, tell the listeners."""
        self._cancel_timer()
        self._schedule(now)
        self._async_notify()

    @callback
    def _schedule(self, now: datetime) -> None:
        if (wake := self._next_wake(now)) is not None:
            self._unsub_timer = async_track_point_in_utc_time(
                self.hass, self._async_wake, wake
            )

    def _next_wake(self, now: datetime) -> datetime | None:
        active, plan = self.storage.active, self.plan()
        if active is None or plan is None:
            return None
        if active.paused_at is not None:
            return None
        walked = active.active_s(now)
        upcoming = [start for start in plan.starts_s if start > walked + TOLERANCE_S]
        until_next = min([*upcoming, plan.duration_s]) - walked
        return now + timedelta(seconds=min(until_next, self.settings.refresh_s))

    async def _async_wake(self, now: datetime) -> None:
        self._unsub_timer = None
        now = dt_util.utcnow()
        active, plan = self.storage.active, self.plan()
        if (
            active is not None
            and plan is not None
            and active.active_s(now) >= plan.duration_s - TOLERANCE_S
        ):
            self._async_finish(active.ends_at(plan.duration_s), SessionEvent.FINISHED)
            await self.storage.async_save()
            return
        self._async_refresh_step(now)

    @callback
    def _async_finish(self, ended_at: datetime, event: SessionEvent) -> None:
        """Record the session and go idle (the caller saves)."""
        active, plan = self._require_running()
        self._cancel_timer()
        walked = min(active.active_s(ended_at), plan.duration_s)
        snapshot = snapshot_at(
            plan, self.settings.body, walked, sessions_done=active.sessions_done
        )
        belt = measured(active, self.settings, snapshot, walking=False)
        record = SessionRecord(
            session_id=active.session_id,
            started_at=active.started_at,
            ended_at=ended_at,
            active_s=round(belt.walked_s if belt else walked, 1),
            planned_s=plan.duration_s,
            distance_m=round(belt.distance_m if belt else snapshot.distance_m, 1),
            kcal=round(belt.kcal if belt else snapshot.kcal, 2),
            steps=round(belt.steps if belt else snapshot.steps),
            planned_distance_m=round(snapshot.distance_m, 1) if belt else None,
            planned_kcal=round(snapshot.kcal, 2) if belt else None,
            turns=belt.turns if belt else None,
            program=active.program,
            completed=walked >= plan.duration_s - TOLERANCE_S,
            heart_rate_kcal=(
                round(kcal_until(active, self.settings.body, walked), 2)
                if active.heart_rate_at_s is not None
                else None
            ),
        )
        result = FinishResult(record, saved=walked >= MIN_RECORDED_S)
        if result.saved:
            self.storage.sessions.append(record)
        self.storage.active = None
        self.finished_at = ended_at
        self.last_record = record
        self.last_result = result
        now = dt_util.utcnow()
        self.finish_noticed_at = now
        self._async_transitioned(
            now, event, **record.as_dict(), saved=result.saved, reason=result.reason
        )
        persistent_notification.async_dismiss(self.hass, self._warning_id)

    def _device_id(self) -> str | None:
        """The person's device: the logbook files the session's lines under it."""
        devices = dr.async_entries_for_config_entry(
            dr.async_get(self.hass), self.entry_id
        )
        return devices[0].id if devices else None

    @callback
    def _async_fire(self, event: SessionEvent, **data: Any) -> None:
        """Fire a session event, once Home Assistant has started (automations listen)."""
        event_data = {
            "config_entry_id": self.entry_id,
            "device_id": self._device_id(),
            "name": self.settings.name,
            "type": event.value,
            **data,
        }
        async_run_when_started(
            self.hass, lambda: self.hass.bus.async_fire(EVENT_SESSION, event_data)
        )
