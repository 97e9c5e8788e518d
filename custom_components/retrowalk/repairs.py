"""Repair issues: a configured sensor that no longer exists, damaged storage.

A missing sensor's issue is cleared when the sensor comes back, when the option
is cleared or changed, and when the person is removed.
"""

from __future__ import annotations

from typing import Any

from homeassistant.core import (
    CALLBACK_TYPE,
    Event,
    EventStateChangedData,
    HomeAssistant,
    callback,
)
from homeassistant.helpers import entity_registry as er, issue_registry as ir
from homeassistant.helpers.event import async_track_state_change_event
from homeassistant.helpers.start import async_at_started

from .const import DOMAIN
from .data import RetrowalkConfigEntry
from .storage import LoadOutcome


def issue_id(entry: RetrowalkConfigEntry, entity_id: str) -> str:
    """The repair issue of one missing sensor of one person."""
    return f"{_prefix(entry.entry_id)}{entity_id}"


def _prefix(entry_id: str) -> str:
    return f"missing_sensor_{entry_id}_"


@callback
def async_delete_sensor_issues(
    hass: HomeAssistant, entry_id: str, keep: frozenset[str] = frozenset()
) -> None:
    """Delete the person's missing-sensor issues, except those in ``keep``."""
    prefix = _prefix(entry_id)
    for domain, found in list(ir.async_get(hass).issues):
        if domain == DOMAIN and found.startswith(prefix) and found not in keep:
            ir.async_delete_issue(hass, DOMAIN, found)


@callback
def async_check_sensors(hass: HomeAssistant, entry: RetrowalkConfigEntry) -> None:
    """Raise the repair issue of each missing sensor, clear every other one."""
    registry = er.async_get(hass)
    missing = [
        entity_id
        for entity_id in entry.runtime_data.settings.sensor_entities
        if registry.async_get(entity_id) is None and hass.states.get(entity_id) is None
    ]
    async_delete_sensor_issues(
        hass,
        entry.entry_id,
        keep=frozenset(issue_id(entry, entity_id) for entity_id in missing),
    )
    for entity_id in missing:
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
    """Check once Home Assistant runs, and again when a sensor goes, comes back or is renamed."""
    watched = set(entry.runtime_data.settings.sensor_entities)

    @callback
    def _on_started(_hass: HomeAssistant) -> None:
        async_check_sensors(hass, entry)

    @callback
    def _on_registry_change(_event: Event[er.EventEntityRegistryUpdatedData]) -> None:
        async_check_sensors(hass, entry)

    @callback
    def _on_state_added(event: Event[EventStateChangedData]) -> None:
        if event.data["old_state"] is None:
            async_check_sensors(hass, entry)

    @callback
    def _is_watched(event_data: er.EventEntityRegistryUpdatedData) -> bool:
        return event_data["entity_id"] in watched or (
            event_data["action"] == "update"
            and event_data.get("old_entity_id") in watched
        )

    unsubscribers = [
        hass.bus.async_listen(
            er.EVENT_ENTITY_REGISTRY_UPDATED,
            _on_registry_change,
            event_filter=_is_watched,
        ),
        async_track_state_change_event(hass, list(watched), _on_state_added),
        async_at_started(hass, _on_started),
    ]

    @callback
    def _unsubscribe() -> None:
        for unsubscribe in unsubscribers:
            unsubscribe()

    return _unsubscribe


def storage_issue_ids(entry_id: str) -> dict[str, str]:
    """The storage repair issues of one person, by translation key."""
    return {
        key: f"{key}_{entry_id}"
        for key in (
            "set_aside",
            "restored",
            "data_lost",
            "future_version",
            "unreadable_store",
        )
    }


@callback
def async_report_storage(
    hass: HomeAssistant,
    entry: RetrowalkConfigEntry,
    outcome: LoadOutcome,
    path: str,
) -> None:
    """Raise the issues of a load that set data aside, restored or lost it."""
    ids = storage_issue_ids(entry.entry_id)
    for key in ("future_version", "unreadable_store"):
        ir.async_delete_issue(hass, DOMAIN, ids[key])
    if outcome.set_aside:
        _create(
            hass, ids["set_aside"], "set_aside", entry, path, count=outcome.set_aside
        )
    else:
        ir.async_delete_issue(hass, DOMAIN, ids["set_aside"])
    if outcome.restored:
        _create(
            hass, ids["restored"], "restored", entry, path, kept=outcome.moved_to or "-"
        )
    if outcome.lost_to is not None:
        _create(hass, ids["data_lost"], "data_lost", entry, path, kept=outcome.lost_to)


@callback
def async_report_refused_storage(
    hass: HomeAssistant, entry: RetrowalkConfigEntry, key: str, path: str, **values: str
) -> None:
    """Raise the issue of a store file that setup refused to read."""
    _create(
        hass,
        storage_issue_ids(entry.entry_id)[key],
        key,
        entry,
        path,
        severity=ir.IssueSeverity.ERROR,
        **values,
    )


@callback
def async_clear_storage_issues(hass: HomeAssistant, entry_id: str) -> None:
    """Remove a removed person's storage issues."""
    for issue in storage_issue_ids(entry_id).values():
        ir.async_delete_issue(hass, DOMAIN, issue)


def _create(
    hass: HomeAssistant,
    issue: str,
    key: str,
    entry: RetrowalkConfigEntry,
    path: str,
    *,
    severity: ir.IssueSeverity = ir.IssueSeverity.WARNING,
    **values: Any,
) -> None:
    ir.async_create_issue(
        hass,
        DOMAIN,
        issue,
        is_fixable=False,
        severity=severity,
        translation_key=key,
        translation_placeholders={
            "name": entry.title,
            "path": path,
            **{name: str(value) for name, value in values.items()},
        },
    )
