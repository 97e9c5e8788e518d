"""Select the program of the next session (the plan's, or an override)."""

from __future__ import annotations

from homeassistant.components.select import SelectEntity, SelectEntityDescription
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .data import RetrowalkConfigEntry
from .entity import RetrowalkEntity
from .number import async_set_override
from .sim.programs import Program

PARALLEL_UPDATES = 0

PROGRAM = SelectEntityDescription(
    key="program",
    translation_key="program",
    entity_registry_enabled_default=False,
    entity_category=EntityCategory.CONFIG,
    options=[program.value for program in Program],
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: RetrowalkConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the program select."""
    async_add_entities([ProgramSelect(entry, PROGRAM)])


class ProgramSelect(RetrowalkEntity, SelectEntity):
    """The program the next start follows; the override is in the person's store."""

    @property
    def current_option(self) -> str:
        """The program of the next session."""
        return self.data.next_session().program.value

    async def async_select_option(self, option: str) -> None:
        """Override the program for the next start (the plan's clears it)."""
        planned = self.data.next_session().planned.program
        self.data.storage.next_override.program = None if option == planned else option
        await async_set_override(self.data)
