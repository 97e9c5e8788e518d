"""Repair issue when a configured sensor entity no longer exists."""

from __future__ import annotations

from homeassistant.core import CALLBACK_TYPE, Event, HomeAssistant, callback
from homeassistant.helpers import entity_registry as er, issue_registry as ir
from homeassistant.helpers.start import async_at_started

from .const import DOMAIN
from .data import RetrowalkConfigEntry


def issue_id(entry: RetrowalkConfigEntry, entity_id: str) -> str:
    """The repair issue of one missing sensor of one person."""
    return f"missing_sensor_{entry.entry_id}_{entity_id}"


@callback
def async_check_sensors(hass: HomeAssistant, entry: RetrowalkConfigEntry) -> None:
    """Raise or clear the repair issue of each configured sensor."""
    registry = er.async_get(hass)
    for entity_id in entry.runtime_data.settings.sensor_entities:
        exists = (
            registry.async_get(entity_id) is not None
            or hass.states.get(entity_id) is not None
        )
        if exists:
            ir.async_delete_issue(hass, DOMAIN, issue_id(entry, entity_id))
            continue
        ir.async_create_issue(
            hass,
            DOMAIN,
            issue_id(entry, entity_id),
            is_fixable=False,
            severity=ir.IssueSeverity.WARNING,
            translation_key="missing_sensor",
            translation_placeholders={"name": entry.title, "entity_id": entity_id},
        )


@callback
def async_watch_sensors(
    hass: HomeAssistant, entry: RetrowalkConfigEntry
) -> CALLBACK_TYPE:
    """Check once Home Assistant runs, and again whenever an entity is removed or renamed."""
    watched = set(entry.runtime_data.settings.sensor_entities)

    @callback
    def _on_started(_hass: HomeAssistant) -> None:
        async_check_sensors(hass, entry)

    @callback
    def _on_registry_change(_event: Event[er.EventEntityRegistryUpdatedData]) -> None:
        async_check_sensors(hass, entry)

    @callback
    def _is_watched(event_data: er.EventEntityRegistryUpdatedData) -> bool:
        return event_data["action"] in ("remove", "update") and (
            event_data["entity_id"] in watched
            or event_data.get("old_entity_id") in watched
        )

    unsubscribers = [
        hass.bus.async_listen(
            er.EVENT_ENTITY_REGISTRY_UPDATED,
            _on_registry_change,
            event_filter=_is_watched,
        ),
        async_at_started(hass, _on_started),
    ]

    @callback
    def _unsubscribe() -> None:
        for unsubscribe in unsubscribers:
            unsubscribe()

    return _unsubscribe
