"""Numeric readings of other integrations' sensors."""

from __future__ import annotations

import math

from homeassistant.core import HomeAssistant

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
