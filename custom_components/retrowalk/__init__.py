"""Retrowalk: backward-walking exercise sessions for Home Assistant."""

from __future__ import annotations

from homeassistant.const import CONF_NAME, Platform
from homeassistant.core import HomeAssistant

from .data import RetrowalkConfigEntry, RetrowalkData

PLATFORMS: list[Platform] = [Platform.SENSOR]


async def async_setup_entry(hass: HomeAssistant, entry: RetrowalkConfigEntry) -> bool:
    """Set up one person."""
    entry.runtime_data = RetrowalkData(name=entry.data[CONF_NAME])
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    return True


async def async_unload_entry(hass: HomeAssistant, entry: RetrowalkConfigEntry) -> bool:
    """Unload one person."""
    return await hass.config_entries.async_unload_platforms(entry, PLATFORMS)
