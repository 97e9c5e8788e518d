"""Session switch: on starts a session, off stops it (for Alexa and Google)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from homeassistant.components.switch import SwitchEntity, SwitchEntityDescription
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.util import dt as dt_util

from .data import RetrowalkConfigEntry
from .entity import RetrowalkEntity
from .figures import Figures
from .session_actions import async_start_next

PARALLEL_UPDATES = 1

SESSION = SwitchEntityDescription(key="session", translation_key="session")


async def async_setup_entry(
    hass: HomeAssistant,
    entry: RetrowalkConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the session switch."""
    async_add_entities([SessionSwitch(entry, SESSION)])


class SessionSwitch(RetrowalkEntity, SwitchEntity):
    """On while a session runs or is paused; carries timer-style attributes."""

    @property
    def is_on(self) -> bool:
        """A session exists."""
        return self.data.controller.running

    @property
    def extra_state_attributes(self) -> Mapping[str, Any]:
        """Like a timer: duration, remaining (at the last transition), finishes_at.

        Also the ``phase``, the plan's ``phases`` (kind and length in seconds,
        for the card's ring), the ``pause_reason`` of a pause the person did
        not make (``belt_stopped``, ``treadmill_unavailable``...) and the configured ``heart_rate_sensor`` (or
        ``None``), and the ``linked_person`` entity (or ``None``: a card without
        a device shows the person of the logged-in user). With no session on: what the next start runs (``next_session``
        and the next-session sensor's attributes) and, while the phase is
        finished, the summary of the session that ended. The switch carries all
        the card needs, so the phase and next-session sensors can stay disabled
        (their changes would fill the logbook).
        """
        controller = self.data.controller
        active, plan = controller.active, controller.plan()
        figures = Figures(self.hass, self.data, dt_util.utcnow())
        common = {
            "phase": figures.phase.value,
            "heart_rate_sensor": self.data.settings.heart_rate_sensor,
            "linked_person": self.data.settings.linked_person,
        }
        if active is None or plan is None:
            return {
                **common,
                "duration": None,
                "remaining": None,
                "finishes_at": None,
                "last_transition": (
                    controller.finished_at.isoformat()
                    if controller.finished_at
                    else None
                ),
                "next_session": dt_util.as_utc(
                    figures.next_session.starts_at
                ).isoformat(),
                **figures.next_session_attributes(),
                **figures.summary_attributes(),
            }
        transition = active.last_transition or active.started_at
        finishes_at = controller.finishes_at()
        return {
            "duration": _hms(plan.duration_s),
            "remaining": _hms(plan.duration_s - active.active_s(transition)),
            "finishes_at": finishes_at.isoformat() if finishes_at else None,
            "last_transition": transition.isoformat(),
            "program": active.program,
            "pause_reason": active.pause_reason,
            "phases": [
                {"kind": phase.kind.value, "seconds": round(phase.duration_s)}
                for phase in plan.phases
            ],
            **common,
        }

    async def async_turn_on(self, **kwargs: Any) -> None:
        """Start a session with the next-session settings (no-op when one runs)."""
        if not self.data.controller.running:
            await async_start_next(self.data)

    async def async_turn_off(self, **kwargs: Any) -> None:
        """Stop the session (no-op when none runs)."""
        if self.data.controller.running:
            await self.data.controller.async_stop()


def _hms(seconds: float) -> str:
    """Format seconds like a timer does: H:MM:SS."""
    whole = max(0, round(seconds))
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"
