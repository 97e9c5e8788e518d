"""Select the program of the next session."""

from __future__ import annotations

from homeassistant.components.select import SelectEntity, SelectEntityDescription
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.restore_state import RestoreEntity

from .data import RetrowalkConfigEntry
from .entity import RetrowalkEntity
from .sim.programs import Program

PARALLEL_UPDATES = 0

PROGRAM = SelectEntityDescription(
    key="program",
    translation_key="program",
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


class ProgramSelect(RetrowalkEntity, SelectEntity, RestoreEntity):
    """The program the next session follows; kept across restarts."""

    async def async_added_to_hass(self) -> None:
        """Restore the last choice."""
        await super().async_added_to_hass()
        last = await self.async_get_last_state()
        if last is not None and last.state in self.options:
            self.data.next_session.program = last.state

    @property
    def current_option(self) -> str:
        """The selected program."""
        return self.data.next_session.program

    async def async_select_option(self, option: str) -> None:
        """Choose the program."""
        self.data.next_session.program = option
        self.async_write_ha_state()
