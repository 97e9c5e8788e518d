"""The people set up, and which of them a Home Assistant user is."""

from __future__ import annotations

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant

from .const import DOMAIN
from .data import RetrowalkConfigEntry, RetrowalkData


def loaded_people(hass: HomeAssistant) -> list[RetrowalkData]:
    """The people whose entries are loaded, in entry order."""
    entries: list[RetrowalkConfigEntry] = [
        entry
        for entry in hass.config_entries.async_entries(DOMAIN)
        if entry.state is ConfigEntryState.LOADED
    ]
    return [entry.runtime_data for entry in entries]


def person_of_user(
    hass: HomeAssistant, people: list[RetrowalkData], user_id: str | None
) -> RetrowalkData | None:
    """The person linked to the ``person.*`` entity of ``user_id``, if exactly one.

    The user is read from the person entity at each call, so a user re-assigned in
    Home Assistant's people settings counts at once.
    """
    if user_id is None:
        return None
    linked = [
        person
        for person in people
        if person.settings.linked_person is not None
        and (state := hass.states.get(person.settings.linked_person)) is not None
        and state.attributes.get("user_id") == user_id
    ]
    return linked[0] if len(linked) == 1 else None
