"""Diagnostics: what a maintainer needs, without the person's name, body or health data.

Kept: versions, the settings' shape (keys, with body data redacted), the
running session's phase and timer state, and counts of the history. Left out:
the name, and every session's timestamps, energy, distance, steps and heart rate.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from homeassistant.components.diagnostics import async_redact_data
from homeassistant.const import CONF_NAME, __version__ as HA_VERSION
from homeassistant.core import HomeAssistant
from homeassistant.loader import async_get_integration

from .const import (
    CONF_AGE,
    CONF_COMPANION_DEVICES,
    CONF_CONTRAINDICATIONS,
    CONF_HEART_RATE_SENSOR,
    CONF_HEIGHT,
    CONF_LINKED_PERSON,
    CONF_SEX,
    CONF_WEIGHT,
    DOMAIN,
)
from .data import RetrowalkConfigEntry
from .models import ActiveSession
from .storage import STORAGE_MINOR_VERSION, STORAGE_VERSION

TO_REDACT = {
    CONF_NAME,
    CONF_WEIGHT,
    CONF_HEIGHT,
    CONF_AGE,
    CONF_SEX,
    CONF_CONTRAINDICATIONS,
    CONF_HEART_RATE_SENSOR,
    CONF_COMPANION_DEVICES,  # phones are often named after their owner
    CONF_LINKED_PERSON,  # person.<their name>
}


async def async_get_config_entry_diagnostics(
    hass: HomeAssistant, entry: RetrowalkConfigEntry
) -> dict[str, Any]:
    """Return what helps debugging, without the person's name or health data."""
    data = entry.runtime_data
    controller = data.controller
    sessions = data.storage.sessions
    integration = await async_get_integration(hass, DOMAIN)
    return {
        "versions": {
            "retrowalk": str(integration.version),
            "home_assistant": HA_VERSION,
            "storage": f"{STORAGE_VERSION}.{STORAGE_MINOR_VERSION}",
        },
        "entry": {
            "data": async_redact_data(dict(entry.data), TO_REDACT),
            "options": async_redact_data(dict(entry.options), TO_REDACT),
        },
        "phase": controller.phase().value,
        "active": _running(controller.active),
        "wake_up_scheduled": controller.wake_up_scheduled,
        "companion": {
            "devices": len(data.settings.companion.services),
            "reminders": data.settings.companion.reminders,
            "pushes_since_setup": data.live.pushes,
        },
        "sessions": {
            "recorded": len(sessions),
            "completed": sum(record.completed for record in sessions),
            "logged_by_hand": sum(record.manual for record in sessions),
            "with_heart_rate": sum(
                record.heart_rate_kcal is not None for record in sessions
            ),
            "programs": dict(Counter(record.program for record in sessions)),
        },
    }


def _running(active: ActiveSession | None) -> dict[str, Any] | None:
    """The running session's shape: no timestamps, no health figures."""
    if active is None:
        return None
    return {
        "program": active.program,
        "base_duration_s": active.base_duration_s,
        "speed_m_s": active.speed_m_s,
        "grade": active.grade,
        "paused": active.paused_at is not None,
        "pauses": active.pauses,
        "extensions": len(active.extensions),
        "reminded_s": active.reminded_s,
        "heart_rate_tracked": active.heart_rate_at_s is not None,
    }
