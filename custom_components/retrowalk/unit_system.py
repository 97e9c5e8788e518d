"""Follow the unit system: a change shows at once, and never changes a stored value."""

from __future__ import annotations

from homeassistant.components.sensor import DOMAIN as SENSOR_DOMAIN
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import EVENT_CORE_CONFIG_UPDATE
from homeassistant.core import CALLBACK_TYPE, Event, HomeAssistant, callback
from homeassistant.helpers import entity_registry as er

from .const import DOMAIN
from .data import RetrowalkConfigEntry
from .intent import async_refresh_intent_units

PRIVATE_OPTIONS = f"{SENSOR_DOMAIN}.private"


@callback
def async_refresh_suggested_units(hass: HomeAssistant, entry_id: str) -> None:
    """Let the person's sensors suggest the unit system's units again.

    Home Assistant's own "update units" does this for every sensor; retrowalk does
    it for its own at every change. A display unit the user picked in the entity
    settings (the ``sensor`` options) is kept: it takes precedence over the suggestion.
    """
    registry = er.async_get(hass)
    for registry_entry in er.async_entries_for_config_entry(registry, entry_id):
        if registry_entry.domain != SENSOR_DOMAIN:
            continue
        private = dict(registry_entry.options.get(PRIVATE_OPTIONS, {}))
        if "suggested_unit_of_measurement" not in private:
            continue
        private["refresh_initial_entity_options"] = True
        registry.async_update_entity_options(
            registry_entry.entity_id, PRIVATE_OPTIONS, private
        )


@callback
def async_follow_unit_system(hass: HomeAssistant) -> CALLBACK_TYPE:
    """Re-show every person's figures when the unit system changes."""
    units = hass.config.units

    @callback
    def _config_changed(_event: Event) -> None:
        nonlocal units
        if hass.config.units is units:
            return
        units = hass.config.units
        async_refresh_intent_units(hass)
        entry: RetrowalkConfigEntry
        for entry in hass.config_entries.async_entries(DOMAIN):
            if entry.state is ConfigEntryState.LOADED:
                async_refresh_suggested_units(hass, entry.entry_id)
                entry.runtime_data.controller.async_refresh()

    return hass.bus.async_listen(EVENT_CORE_CONFIG_UPDATE, _config_changed)
