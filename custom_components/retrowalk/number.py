"""Numbers for the next session: length, speed and incline.

Each shows what the next start will use: the plan's value, or the person's
override. Setting one overrides that field for the next start only (stored in
SI in the person's store); setting the plan's value again clears the override.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
import math

from homeassistant.components.number import (
    NumberDeviceClass,
    NumberEntity,
    NumberEntityDescription,
    NumberMode,
)
from homeassistant.const import PERCENTAGE, EntityCategory, UnitOfTime
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .data import RetrowalkConfigEntry, RetrowalkData
from .display import SPEED_STEP, lowest_speed, speed_input, speed_to_display, speed_unit
from .entity import RetrowalkEntity
from .models import NextOverride
from .planning import NextSession
from .sim.bounds import INCLINE_PCT, SESSION_MINUTES
from .validation import refuse, shown

PARALLEL_UPDATES = 0


@dataclass(frozen=True, kw_only=True)
class RetrowalkNumberDescription(NumberEntityDescription):
    """A next-session field: shown in display units, overridden in SI."""

    get_fn: Callable[[HomeAssistant, NextSession], float]
    planned_fn: Callable[[HomeAssistant, NextSession], float]
    """The plan's value in display units: setting it clears the override."""
    set_fn: Callable[[HomeAssistant, NextOverride, float | None, float], None]
    """Set the override (``None`` clears it), given the speed cap in m/s."""


def _set_duration(
    _hass: HomeAssistant, override: NextOverride, value: float | None, _cap: float
) -> None:
    override.duration_s = None if value is None else round(value) * 60


def _set_speed(
    hass: HomeAssistant, override: NextOverride, value: float | None, cap_m_s: float
) -> None:
    override.speed_m_s = None if value is None else speed_input(hass, value, cap_m_s)


def _set_incline(
    _hass: HomeAssistant, override: NextOverride, value: float | None, _cap: float
) -> None:
    override.grade = None if value is None else value / 100


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
        get_fn=lambda _hass, upcoming: round(upcoming.duration_s / 60),
        planned_fn=lambda _hass, upcoming: round(upcoming.planned.duration_s / 60),
        set_fn=_set_duration,
    ),
    RetrowalkNumberDescription(
        key="speed",
        translation_key="speed",
        device_class=NumberDeviceClass.SPEED,
        native_min_value=SPEED_STEP,
        native_step=SPEED_STEP,
        mode=NumberMode.BOX,
        entity_category=EntityCategory.CONFIG,
        get_fn=lambda hass, upcoming: speed_to_display(hass, upcoming.speed_m_s),
        planned_fn=lambda hass, upcoming: speed_to_display(
            hass, upcoming.planned.speed_m_s
        ),
        set_fn=_set_speed,
    ),
    RetrowalkNumberDescription(
        key="incline",
        translation_key="incline",
        entity_registry_enabled_default=False,
        native_unit_of_measurement=PERCENTAGE,
        native_min_value=INCLINE_PCT.low,
        native_max_value=INCLINE_PCT.high,
        native_step=0.5,
        mode=NumberMode.SLIDER,
        entity_category=EntityCategory.CONFIG,
        get_fn=lambda _hass, upcoming: round(upcoming.grade * 100, 1),
        planned_fn=lambda _hass, _upcoming: 0.0,
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


async def async_set_override(data: RetrowalkData) -> None:
    """Keep the changed override and show it everywhere."""
    await data.storage.async_save()
    # The safety verdict, the plan sensor, the calendar and the other controls follow.
    data.controller.async_refresh()


class RetrowalkNumber(RetrowalkEntity, NumberEntity):
    """A field of the next session; nothing to restore: the override is stored."""

    entity_description: RetrowalkNumberDescription

    @property
    def native_unit_of_measurement(self) -> str | None:
        """The unit system's speed unit, read at every write."""
        if self.entity_description.key == "speed":
            return speed_unit(self.hass)
        return super().native_unit_of_measurement

    @property
    def native_min_value(self) -> float:
        """The lowest speed of the shared bound (rounded up to the step), else fixed."""
        if self.entity_description.key == "speed":
            return lowest_speed(self.hass)
        return super().native_min_value

    @property
    def native_max_value(self) -> float:
        """The session cap, or the person's speed cap in the display unit."""
        if self.entity_description.key == "speed":
            return speed_to_display(self.hass, self.data.settings.speed_cap_m_s)
        return super().native_max_value

    @property
    def native_value(self) -> float:
        """What the next start uses, in display units."""
        return self.entity_description.get_fn(self.hass, self.data.next_session())

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
        description = self.entity_description
        planned = description.planned_fn(self.hass, self.data.next_session())
        description.set_fn(
            self.hass,
            self.data.storage.next_override,
            None if abs(value - planned) < 1e-6 else value,
            self.data.settings.speed_cap_m_s,
        )
        await async_set_override(self.data)
