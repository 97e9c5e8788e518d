"""Diagnostics: settings and history, with body and health data redacted."""

from __future__ import annotations

from typing import Any

from homeassistant.components.diagnostics import async_redact_data
from homeassistant.core import HomeAssistant

from .const import (
    CONF_AGE,
    CONF_CONTRAINDICATIONS,
    CONF_HEART_RATE_SENSOR,
    CONF_HEIGHT,
    CONF_SEX,
    CONF_WEIGHT,
)
from .data import RetrowalkConfigEntry

TO_REDACT = {
    CONF_WEIGHT,
    CONF_HEIGHT,
    CONF_AGE,
    CONF_SEX,
    CONF_CONTRAINDICATIONS,
    CONF_HEART_RATE_SENSOR,
    "heart_rate",
    "heart_rate_bpm",
    "heart_rate_kcal",
}


async def async_get_config_entry_diagnostics(
    hass: HomeAssistant, entry: RetrowalkConfigEntry
) -> dict[str, Any]:
    """Return what helps debugging, without the person's body data."""
    data = entry.runtime_data
    controller = data.controller
    return {
        "entry": {
            "data": async_redact_data(dict(entry.data), TO_REDACT),
            "options": async_redact_data(dict(entry.options), TO_REDACT),
        },
        "phase": controller.phase().value,
        "active": (
            async_redact_data(controller.active.as_dict(), TO_REDACT)
            if controller.active
            else None
        ),
        "finishes_at": (
            finishes.isoformat() if (finishes := controller.finishes_at()) else None
        ),
        "sessions_recorded": len(data.storage.sessions),
        "last_sessions": [
            async_redact_data(record.as_dict(), TO_REDACT)
            for record in data.storage.sessions[-5:]
        ],
    }
