"""Binary sensor: is the person walking right now."""

from __future__ import annotations

from homeassistant.components.binary_sensor import (
    BinarySensorEntity,
    BinarySensorEntityDescription,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .compat import BinarySensorDeviceClass
from .data import RetrowalkConfigEntry
from .entity import RetrowalkEntity

PARALLEL_UPDATES = 0

RUNNING = BinarySensorEntityDescription(
    key="running",
    translation_key="running",
    device_class=BinarySensorDeviceClass.RUNNING,
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: RetrowalkConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the running sensor."""
    async_add_entities([SessionRunningSensor(entry, RUNNING)])


class SessionRunningSensor(RetrowalkEntity, BinarySensorEntity):
    """On while a session runs and is not paused."""

    @property
    def is_on(self) -> bool:
        """Walking now."""
        controller = self.data.controller
        return controller.running and not controller.paused
