"""Numbers for the next session: duration, speed and incline, within the safety caps."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
import math

from homeassistant.components.number import (
    NumberDeviceClass,
    NumberEntityDescription,
    NumberMode,
    RestoreNumber,
)
from homeassistant.const import PERCENTAGE, EntityCategory, UnitOfTime
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .data import NextSession, RetrowalkConfigEntry, RetrowalkData
from .entity import RetrowalkEntity
from .settings import speed_unit
from .sim.bounds import BACKWARD_SPEED_M_S, INCLINE_PCT, SESSION_MINUTES
from .validation import refuse, shown

PARALLEL_UPDATES = 0


@dataclass(frozen=True, kw_only=True)
class RetrowalkNumberDescription(NumberEntityDescription):
    """A next-session setting, read and written in display units."""

    get_fn: Callable[[NextSession, float], float]
    set_fn: Callable[[NextSession, float, float], None]
    max_fn: Callable[[RetrowalkData, float], float] | None = None


def _set_duration(upcoming: NextSession, value: float, _factor: float) -> None:
    upcoming.duration_s = round(value * 60)


def _set_speed(upcoming: NextSession, value: float, factor: float) -> None:
    upcoming.speed_m_s = value / factor


def _set_incline(upcoming: NextSession, value: float, _factor: float) -> None:
    upcoming.grade = value / 100


NUMBERS = (
    RetrowalkNumberDescription(
        key="duration",
        translation_key="duration",
        device_class=NumberDeviceClass.DURATION,
        native_unit_of_measurement=UnitOfTime.MINUTES,
        native_min_value=SESSION_MINUTES.low,
        native_max_value=SESSION_MINUTES.high,
        native_step=1,
        mode=NumberMode.BOX,
        entity_category=EntityCategory.CONFIG,
        get_fn=lambda upcoming, _f: round(upcoming.duration_s / 60, 1),
        set_fn=_set_duration,
    ),
    RetrowalkNumberDescription(
        key="speed",
        translation_key="speed",
        device_class=NumberDeviceClass.SPEED,
        native_min_value=0.1,
        native_step=0.1,
        mode=NumberMode.BOX,
        entity_category=EntityCategory.CONFIG,
        get_fn=lambda upcoming, factor: round(upcoming.speed_m_s * factor, 1),
        set_fn=_set_speed,
        max_fn=lambda data, factor: round(data.settings.speed_cap_m_s * factor, 1),
    ),
    RetrowalkNumberDescription(
        key="incline",
        translation_key="incline",
        native_unit_of_measurement=PERCENTAGE,
        native_min_value=0,
        native_max_value=INCLINE_PCT.high,
        native_step=0.5,
        mode=NumberMode.SLIDER,
        entity_category=EntityCategory.CONFIG,
        get_fn=lambda upcoming, _f: round(upcoming.grade * 100, 1),
        set_fn=_set_incline,
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: RetrowalkConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the next-session numbers."""
    async_add_entities(RetrowalkNumber(entry, description) for description in NUMBERS)


class RetrowalkNumber(RetrowalkEntity, RestoreNumber):
    """A next-session setting, kept across restarts."""

    entity_description: RetrowalkNumberDescription
    _factor = 1.0

    async def async_added_to_hass(self) -> None:
        """Pick the unit system's speed unit and restore the last value."""
        description = self.entity_description
        if description.key == "speed":
            self._factor, self._attr_native_unit_of_measurement = speed_unit(self.hass)
        await super().async_added_to_hass()
        last = await self.async_get_last_number_data()
        restored = None if last is None else last.native_value
        if restored is not None and math.isfinite(restored):
            value = min(max(restored, self.native_min_value), self.native_max_value)
            description.set_fn(self.data.next_session, value, self._factor)

    @property
    def native_min_value(self) -> float:
        """The lowest speed of the shared bound (rounded up to the step), else fixed."""
        if self.entity_description.key == "speed":
            return math.ceil(round(BACKWARD_SPEED_M_S.low * self._factor * 10, 6)) / 10
        return super().native_min_value

    @property
    def native_max_value(self) -> float:
        """The session cap, or the speed cap of the person's level and surface."""
        description = self.entity_description
        if description.max_fn is not None:
            return description.max_fn(self.data, self._factor)
        return super().native_max_value

    @property
    def native_value(self) -> float:
        """The setting in display units."""
        return self.entity_description.get_fn(self.data.next_session, self._factor)

    async def async_set_native_value(self, value: float) -> None:
        """Change the setting; a non-finite value is refused (the range check lets nan by)."""
        if not math.isfinite(value):
            raise refuse(
                "out_of_range",
                field=self.entity_description.key,
                minimum=shown(self.native_min_value),
                maximum=shown(self.native_max_value),
                unit=self.native_unit_of_measurement or "",
            )
        self.entity_description.set_fn(self.data.next_session, value, self._factor)
        # The safety verdict and the other controls follow the next session.
        self.data.controller.async_refresh()
