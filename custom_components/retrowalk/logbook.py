"""Logbook lines for a person's sessions, in the user's language."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from homeassistant.components.logbook.const import (
    LOGBOOK_ENTRY_ICON,
    LOGBOOK_ENTRY_MESSAGE,
    LOGBOOK_ENTRY_NAME,
)
from homeassistant.components.logbook.models import LazyEventPartialState
from homeassistant.core import HomeAssistant, callback

from .const import DOMAIN, EVENT_SESSION, SessionEvent
from .controller import MIN_RECORDED_S
from .display import format_distance, format_energy, whole_minutes
from .texts import LOGBOOK_CATEGORY, cached_texts

type Describe = Callable[[LazyEventPartialState], dict[str, Any]]

ICONS: dict[str, str] = {
    SessionEvent.STARTED: "mdi:play",
    SessionEvent.PAUSED: "mdi:pause",
    SessionEvent.RESUMED: "mdi:play-pause",
    SessionEvent.EXTENDED: "mdi:timer-plus-outline",
    SessionEvent.FINISHED: "mdi:flag-checkered",
    SessionEvent.STOPPED: "mdi:stop",
}
"""One icon per kind of line (a custom integration has no logo to show there)."""


@callback
def async_describe_events(
    hass: HomeAssistant, async_describe_event: Callable[[str, str, Describe], None]
) -> None:
    """Describe the session events: started, paused, resumed, extended, ended."""

    @callback
    def async_describe_session(event: LazyEventPartialState) -> dict[str, Any]:
        data = event.data
        return {
            LOGBOOK_ENTRY_NAME: data.get("name"),
            LOGBOOK_ENTRY_MESSAGE: describe_session(hass, data),
            LOGBOOK_ENTRY_ICON: ICONS.get(str(data.get("type")), "mdi:walk"),
        }

    async_describe_event(DOMAIN, EVENT_SESSION, async_describe_session)


def describe_session(hass: HomeAssistant, data: Mapping[str, Any]) -> str:
    """What happened, as a sentence after the person's name."""
    texts = cached_texts(hass, LOGBOOK_CATEGORY)
    kind = data.get("type")
    key = f"logbook_{kind}.message"
    placeholders: dict[str, str] = {}
    if kind == SessionEvent.STARTED and (planned := _number(data, "planned_s")):
        placeholders["minutes"] = str(whole_minutes(planned))
    elif kind == SessionEvent.EXTENDED:
        placeholders["minutes"] = str(round(_number(data, "minutes") or 0))
    elif kind in (SessionEvent.FINISHED, SessionEvent.STOPPED):
        walked = _number(data, "active_s") or 0
        if walked < MIN_RECORDED_S:
            key = "logbook_too_short.message"
        placeholders |= {
            "minutes": str(whole_minutes(walked)),
            "planned": str(whole_minutes(_number(data, "planned_s") or walked)),
            "distance": format_distance(
                hass, _number(data, "distance_m") or 0, short=True
            ),
            "energy": format_energy(hass, _number(data, "kcal") or 0),
        }
    elif kind == SessionEvent.STARTED:
        key = "logbook_started_plain.message"
    elif f"logbook_{kind}_{data.get('reason')}.message" in texts:
        key = (
            f"logbook_{kind}_{data.get('reason')}.message"  # belt_stopped, belt_moving
        )
    template = texts.get(key) or texts.get("logbook_other.message") or str(kind)
    return template.format(**placeholders)


def _number(data: Mapping[str, Any], key: str) -> float | None:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)
