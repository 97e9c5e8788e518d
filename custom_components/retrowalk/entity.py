"""Base entity: one device per person, updated by the session controller."""

from __future__ import annotations

from homeassistant.core import callback
from homeassistant.helpers.device_registry import DeviceInfo
from homeassistant.helpers.entity import Entity, EntityDescription

from .const import DOMAIN
from .data import RetrowalkConfigEntry


class RetrowalkEntity(Entity):
    """An entity of one person, refreshed on every controller change."""

    _attr_has_entity_name = True
    _attr_should_poll = False

    def __init__(
        self, entry: RetrowalkConfigEntry, description: EntityDescription
    ) -> None:
        """Bind the entity to its person's device."""
        self.entity_description = description
        self.entry = entry
        self.data = entry.runtime_data
        self._attr_unique_id = f"{entry.entry_id}_{description.key}"
        self._attr_device_info = DeviceInfo(
            identifiers={(DOMAIN, entry.entry_id)},
            name=entry.runtime_data.settings.name,
            manufacturer="Retrowalk",
            # Home Assistant cannot translate a model line: none rather than
            # English in every language (None also clears it on older devices).
            model=None,
            # A person is a device, not a service: the integration page counts
            # "1 device" (None also clears the service type of older installs).
            entry_type=None,
        )

    async def async_added_to_hass(self) -> None:
        """Follow the controller."""
        await super().async_added_to_hass()
        self.async_on_remove(
            self.data.controller.async_add_listener(self._async_handle_update)
        )

    @callback
    def _async_handle_update(self) -> None:
        """Write the state after a controller change."""
        self.async_write_ha_state()
