"""Sensors of a retrowalk person."""

from __future__ import annotations

from homeassistant.components.sensor import SensorDeviceClass, SensorEntity
from homeassistant.core import HomeAssistant
from homeassistant.helpers.device_registry import DeviceInfo
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .const import DOMAIN
from .data import RetrowalkConfigEntry

PARALLEL_UPDATES = 0

PHASES = ["idle"]


async def async_setup_entry(
    hass: HomeAssistant,
    entry: RetrowalkConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the person's sensors."""
    async_add_entities([PhaseSensor(entry)])


class PhaseSensor(SensorEntity):
    """Which phase the person's session is in."""

    _attr_has_entity_name = True
    _attr_translation_key = "phase"
    _attr_device_class = SensorDeviceClass.ENUM
    _attr_options = PHASES
    _attr_native_value = "idle"

    def __init__(self, entry: RetrowalkConfigEntry) -> None:
        """Bind the sensor to its person."""
        self._attr_unique_id = f"{entry.entry_id}_phase"
        self._attr_device_info = DeviceInfo(
            identifiers={(DOMAIN, entry.entry_id)},
            name=entry.runtime_data.name,
        )
