"""Event entity: the in-session safety reminders, one typed event each."""

from __future__ import annotations

from homeassistant.components.event import EventEntity, EventEntityDescription
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .data import RetrowalkConfigEntry
from .entity import RetrowalkEntity
from .sim.reminders import ReminderType

PARALLEL_UPDATES = 0

REMINDER = EventEntityDescription(
    key="reminder",
    translation_key="reminder",
    event_types=[kind.value for kind in ReminderType],
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: RetrowalkConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the reminder event entity."""
    async_add_entities([ReminderEvent(entry, REMINDER)])


class ReminderEvent(RetrowalkEntity, EventEntity):
    """Fires one event per reminder; its state is when the last one came."""

    async def async_added_to_hass(self) -> None:
        """Follow the reminder runner instead of every controller change."""
        await super().async_added_to_hass()
        self.async_on_remove(self.data.reminders.async_add_listener(self._async_remind))

    @callback
    def _async_handle_update(self) -> None:
        """Session changes do not change an event entity."""

    @callback
    def _async_remind(self, kind: ReminderType, text: str) -> None:
        self._trigger_event(kind.value, {"message": text})
        self.async_write_ha_state()
