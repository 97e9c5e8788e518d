"""Numeric readings of other integrations' sensors."""

from __future__ import annotations

import math

from homeassistant.core import HomeAssistant


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
