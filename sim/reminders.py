"""Cues to give during a session, as times of active walking from its start."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .checks import require_range, require_whole
from .phases import Phase, PhaseKind, SessionPlan
from .programs import FORWARD_SPEED_LIMIT_M_S
from .surfaces import Surface


class ReminderType(StrEnum):
    """Kinds of reminder, in the order they are given when due together."""

    WARMUP_CUE = "warmup_cue"
    STOP_ON_PAIN = "stop_on_pain"
    HAND_ON_RAIL = "hand_on_rail"
    CHECK_PATH = "check_path"
    POSTURE_CORE = "posture_core"
    SLOW_DOWN = "slow_down"
    HYDRATE = "hydrate"
    COOLDOWN_CUE = "cooldown_cue"
    SESSION_COMPLETE = "session_complete"


_ORDER = {kind: index for index, kind in enumerate(ReminderType)}


def reminders_for(surface: Surface) -> tuple[ReminderType, ...]:
    """The kinds of reminder a session on ``surface`` can give, in order.

    A hand on the rail only where there are rails; the path check only away
    from a treadmill.
    """
    return tuple(
        kind
        for kind in ReminderType
        if (
            kind is not ReminderType.HAND_ON_RAIL
            or surface is Surface.TREADMILL_HANDRAILS
        )
        and (kind is not ReminderType.CHECK_PATH or not surface.is_treadmill)
    )


@dataclass(frozen=True, slots=True, order=True)
class Reminder:
    """A reminder due after ``at_s`` seconds of active walking."""

    at_s: int
    type: ReminderType


def _every(
    start_s: int, end_s: int, backward_before_s: int, interval_s: int
) -> list[int]:
    """Return session times in [start, end) where cumulative backward time hits a multiple of interval."""
    first = backward_before_s // interval_s + 1
    last_backward = backward_before_s + end_s - start_s
    return [
        start_s + k * interval_s - backward_before_s
        for k in range(first, (last_backward - 1) // interval_s + 1)
    ]


def _too_fast(
    phase: Phase, backward_cap_m_s: float | None, forward_limit_m_s: float
) -> bool:
    """Whether ``phase`` is faster than its direction allows (backward: the cap, if any)."""
    if phase.kind is PhaseKind.BACKWARD:
        return backward_cap_m_s is not None and phase.speed_m_s > backward_cap_m_s
    return phase.speed_m_s > forward_limit_m_s


def reminder_schedule(
    plan: SessionPlan,
    surface: Surface,
    *,
    path_check_every_s: int = 120,
    posture_every_s: int = 300,
    hydrate_every_s: int = 600,
    speed_cap_m_s: float | None = None,
    forward_limit_m_s: float = FORWARD_SPEED_LIMIT_M_S,
) -> tuple[Reminder, ...]:
    """Return the session's reminders sorted by time, then by type.

    Path checks (away from a treadmill) and posture cues repeat over the
    cumulative backward time; hydration repeats over the whole session.
    ``slow_down`` compares backward phases with ``speed_cap_m_s`` (the
    backward cap; none when not given) and forward walking (warm-up,
    cool-down, recoveries) with ``forward_limit_m_s``.
    """
    require_whole("path_check_every_s", path_check_every_s, 10, 3600)
    require_whole("posture_every_s", posture_every_s, 10, 3600)
    require_whole("hydrate_every_s", hydrate_every_s, 60, 3600)
    if speed_cap_m_s is not None:
        require_range("speed_cap_m_s", speed_cap_m_s, 0.0, 10.0)
    require_range("forward_limit_m_s", forward_limit_m_s, 0.0, 10.0)
    reminders: set[Reminder] = set()
    backward_s = 0
    first_backward = True
    for phase, start in zip(plan.phases, plan.starts_s, strict=True):
        end = start + phase.duration_s
        if phase.kind is PhaseKind.WARMUP:
            reminders.add(Reminder(start, ReminderType.WARMUP_CUE))
        elif phase.kind is PhaseKind.COOLDOWN:
            reminders.add(Reminder(start, ReminderType.COOLDOWN_CUE))
        if _too_fast(phase, speed_cap_m_s, forward_limit_m_s):
            reminders.add(Reminder(start, ReminderType.SLOW_DOWN))
        if phase.kind is not PhaseKind.BACKWARD:
            continue
        if first_backward:
            reminders.add(Reminder(start, ReminderType.STOP_ON_PAIN))
            first_backward = False
        if surface is Surface.TREADMILL_HANDRAILS:
            reminders.add(Reminder(start, ReminderType.HAND_ON_RAIL))
        elif not surface.is_treadmill:
            reminders.add(Reminder(start, ReminderType.CHECK_PATH))
            reminders.update(
                Reminder(t, ReminderType.CHECK_PATH)
                for t in _every(start, end, backward_s, path_check_every_s)
            )
        reminders.update(
            Reminder(t, ReminderType.POSTURE_CORE)
            for t in _every(start, end, backward_s, posture_every_s)
        )
        backward_s += phase.duration_s
    reminders.update(
        Reminder(t, ReminderType.HYDRATE)
        for t in range(hydrate_every_s, plan.duration_s, hydrate_every_s)
    )
    reminders.add(Reminder(plan.duration_s, ReminderType.SESSION_COMPLETE))
    return tuple(sorted(reminders, key=lambda r: (r.at_s, _ORDER[r.type])))
