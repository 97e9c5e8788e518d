"""Numeric readings of other integrations' sensors."""

from __future__ import annotations

from collections.abc import Callable
import math
from typing import Any

from homeassistant.core import CALLBACK_TYPE, Event, HomeAssistant, callback
from homeassistant.helpers.event import (
    async_track_state_change_event,
    async_track_state_report_event,
)

MAX_READING_AGE_S = 120.0
"""A sensor reading counts for at most this many seconds of walking after it came
(heart rate, treadmill): a sensor that went quiet is not believed for ever."""


def numeric_reading(
    hass: HomeAssistant, entity_id: str | None, minimum: float, maximum: float
) -> float | None:
    """The sensor's value when it is a number within [minimum, maximum], else None.

    Missing, unavailable, unknown, text and out-of-range states all read as None.
    """
    if entity_id is None or (state := hass.states.get(entity_id)) is None:
        return None
    try:
        value = float(state.state)
    except ValueError:
        return None
    return value if math.isfinite(value) and minimum <= value <= maximum else None


@callback
def async_track_readings(
    hass: HomeAssistant, entities: str | list[str], action: Callable[[Event[Any]], None]
) -> CALLBACK_TYPE:
    """Call ``action`` at each reading: a new value, or the same value reported again.

    A sensor that reports an unchanged value fires ``state_reported`` only.
    """
    removers = [
        async_track_state_change_event(hass, entities, action),
        async_track_state_report_event(hass, entities, action),
    ]

    @callback
    def remove() -> None:
        for remover in removers:
            remover()

    return remove
