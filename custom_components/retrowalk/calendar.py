"""A calendar per person: sessions done, planned sessions missed, and the plan ahead."""

from __future__ import annotations

from datetime import datetime

from homeassistant.components.calendar import (
    CalendarEntity,
    CalendarEntityDescription,
    CalendarEvent,
)
from homeassistant.const import UnitOfLength
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.util import dt as dt_util

from .data import RetrowalkConfigEntry
from .entity import RetrowalkEntity
from .planning import EntryKind, PlanEntry, Planner
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


def minutes(seconds: float) -> str:
    """Minutes with at most one decimal: ``10``, ``9.5``."""
    return f"{round(seconds / 60, 1):g}"


class RetrowalkCalendar(RetrowalkEntity, CalendarEntity):
    """The person's sessions: done, missed and planned (in the system language)."""

    def __init__(self, entry: RetrowalkConfigEntry) -> None:
        """Plan from the day the person was added."""
        super().__init__(entry, DESCRIPTION)
        self._planner = Planner(
            self.data.settings,
            self.data.storage,
            dt_util.as_local(entry.created_at).date(),
        )
        self._texts: dict[str, str] = {}
        self._written: CalendarEvent | None = None

    async def async_added_to_hass(self) -> None:
        """Load the texts of the system language before the first write."""
        self._texts = await async_entity_texts(self.hass)
        self._written = self.event
        await super().async_added_to_hass()

    @property
    def event(self) -> CalendarEvent | None:
        """The session under way or next to come."""
        now = dt_util.now()
        entry = self._planner.next_entry(now)
        return self._event(entry) if entry else None

    async def async_get_events(
        self, hass: HomeAssistant, start_date: datetime, end_date: datetime
    ) -> list[CalendarEvent]:
        """The sessions between ``start_date`` and ``end_date``."""
        return [
            self._event(entry)
            for entry in self._planner.entries(start_date, end_date, dt_util.now())
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
        length = minutes(entry.duration_s)
        if entry.kind is EntryKind.DONE:
            units = self.hass.config.units
            distance = units.length(entry.distance_m, UnitOfLength.METERS)
            description = self._text(
                "description",
                entry.kind,
                minutes=length,
                distance=f"{distance:.2f} {units.length_unit}",
                energy=f"{entry.kcal:.0f}",
            )
        else:
            program = self._texts.get(f"select.program.state.{entry.program}")
            description = self._text(
                "description",
                EntryKind.PLANNED,
                minutes=length,
                speed=self.data.controller.format_speed(entry.speed_m_s),
                program=program or entry.program,
            )
        return CalendarEvent(
            start=entry.start,
            end=entry.end,
            summary=self._text("message", entry.kind, minutes=length),
            description=description,
            uid=entry.uid,
        )
