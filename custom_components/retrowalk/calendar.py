"""A calendar per person: sessions done, planned sessions missed, and the plan ahead."""

from __future__ import annotations

from datetime import datetime

from homeassistant.components.calendar import (
    CalendarEntity,
    CalendarEntityDescription,
    CalendarEvent,
)
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.util import dt as dt_util

from .data import RetrowalkConfigEntry
from .display import format_distance, format_speed, whole_minutes
from .entity import RetrowalkEntity
from .planning import EntryKind, PlanEntry
from .texts import async_entity_texts

PARALLEL_UPDATES = 0
TEXT_KEY = "calendar.plan.state_attributes.{}.state.{}"
DESCRIPTION = CalendarEntityDescription(key="plan", translation_key="plan")


async def async_setup_entry(
    hass: HomeAssistant,
    entry: RetrowalkConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the person's plan calendar."""
    async_add_entities([RetrowalkCalendar(entry)])


class RetrowalkCalendar(RetrowalkEntity, CalendarEntity):
    """The person's sessions: done, missed and planned (in the system language)."""

    def __init__(self, entry: RetrowalkConfigEntry) -> None:
        """Show the person's plan."""
        super().__init__(entry, DESCRIPTION)
        self._texts: dict[str, str] = {}
        self._written: CalendarEvent | None = None

    async def async_added_to_hass(self) -> None:
        """Load the texts of the system language before the first write."""
        self._texts = await async_entity_texts(self.hass)
        self._written = self.event
        await super().async_added_to_hass()

    @property
    def event(self) -> CalendarEvent:
        """The next session: the *Next session* sensor shows the same."""
        return self._event(self.data.next_session().as_entry())

    async def async_get_events(
        self, hass: HomeAssistant, start_date: datetime, end_date: datetime
    ) -> list[CalendarEvent]:
        """The sessions between ``start_date`` and ``end_date``.

        The next planned session shows what the next start will do (an
        override for it included).
        """
        now = dt_util.now()
        upcoming = self.data.next_session(now)
        entries = self.data.planner.entries(start_date, end_date, now)
        return [
            self._event(
                upcoming.as_entry() if entry.uid == upcoming.planned.uid else entry
            )
            for entry in entries
        ]

    @callback
    def _async_handle_update(self) -> None:
        """Write only when the next event changed (a session was recorded, a day passed)."""
        if (event := self.event) != self._written:
            self._written = event
            super()._async_handle_update()

    def _text(self, attribute: str, kind: EntryKind, **values: str) -> str:
        key = TEXT_KEY.format(attribute, kind)
        return self._texts.get(key, kind.value).format(**values)

    def _event(self, entry: PlanEntry) -> CalendarEvent:
        """A calendar event with a translated summary and description."""
        length = str(whole_minutes(entry.duration_s))
        if entry.kind is EntryKind.DONE:
            description = self._text(
                "description",
                entry.kind,
                minutes=length,
                distance=format_distance(self.hass, entry.distance_m),
                energy=f"{entry.kcal:.0f}",
            )
        else:
            program = self._texts.get(f"select.program.state.{entry.program}")
            description = self._text(
                "description",
                EntryKind.PLANNED,
                minutes=length,
                speed=format_speed(self.hass, entry.speed_m_s),
                program=program or entry.program,
            )
        return CalendarEvent(
            start=entry.start,
            end=entry.end,
            summary=self._text("message", entry.kind, minutes=length),
            description=description,
            uid=entry.uid,
        )
