"""Which person a voice command is for, never guessed silently."""

from __future__ import annotations

from homeassistant.core import HomeAssistant

from ..data import RetrowalkData
from ..people import loaded_people, person_of_user
from .parse import find_person, refers_to_self


class AskPerson(Exception):
    """The person is unknown or ambiguous: ask back instead of acting.

    ``key`` is a voice response (``which_person``, ``unknown_person``,
    ``did_you_mean`` or ``no_people``); ``names`` are the people to choose from.
    """

    def __init__(self, key: str, names: list[str], heard: str = "") -> None:
        """Remember what to ask."""
        super().__init__(key)
        self.key = key
        self.names = names
        self.heard = heard


def resolve_person(
    hass: HomeAssistant,
    said: str | None,
    *,
    prefer_running: bool,
    user_id: str | None = None,
) -> RetrowalkData:
    """The person ``said`` names, or the only sensible one when nobody was named.

    Without a name (or with "me", "myself", "moi"...): the person linked to the
    speaking user, else the only person set up; with ``prefer_running`` also the
    only person with a session. Otherwise
    raise :class:`AskPerson`; an unknown name is asked back, never replaced.
    """
    people = loaded_people(hass)
    names = [person.settings.name for person in people]
    if not people:
        raise AskPerson("no_people", names)
    if said and not refers_to_self(said):
        name, _rest = find_person(said, names)
        if name is None:
            key = "did_you_mean" if len(names) == 1 else "unknown_person"
            raise AskPerson(key, names, heard=said.strip())
        return people[names.index(name)]
    if (own := person_of_user(hass, people, user_id)) is not None:
        return own
    if len(people) == 1:
        return people[0]
    if prefer_running:
        running = [person for person in people if person.controller.running]
        if len(running) == 1:
            return running[0]
        if running:
            names = [person.settings.name for person in running]
    raise AskPerson("which_person", names)
