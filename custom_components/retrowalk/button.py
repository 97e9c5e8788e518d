"""Buttons: start, pause or resume, and stop a session."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from homeassistant.components.button import ButtonEntity, ButtonEntityDescription
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .data import RetrowalkConfigEntry, RetrowalkData
from .entity import RetrowalkEntity
from .session_actions import async_start_next, async_toggle_pause

PARALLEL_UPDATES = 1


@dataclass(frozen=True, kw_only=True)
class RetrowalkButtonDescription(ButtonEntityDescription):
    """A button and what pressing it does."""

    press_fn: Callable[[RetrowalkData], Awaitable[None]]


BUTTONS = (
    RetrowalkButtonDescription(
        key="start",
        translation_key="start",
        entity_registry_enabled_default=False,
        press_fn=async_start_next,
    ),
    RetrowalkButtonDescription(
        key="pause_resume",
        translation_key="pause_resume",
        press_fn=async_toggle_pause,
    ),
    RetrowalkButtonDescription(
        key="stop",
        translation_key="stop",
        entity_registry_enabled_default=False,
        press_fn=lambda data: data.controller.async_stop(),
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: RetrowalkConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the session buttons."""
    async_add_entities(RetrowalkButton(entry, description) for description in BUTTONS)


class RetrowalkButton(RetrowalkEntity, ButtonEntity):
    """A session control."""

    entity_description: RetrowalkButtonDescription

    async def async_added_to_hass(self) -> None:
        """Buttons keep no state to refresh."""

    async def async_press(self) -> None:
        """Do what the button says; refusals are raised to the caller."""
        await self.entity_description.press_fn(self.data)
