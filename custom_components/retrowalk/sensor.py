"""Sensors of a person: the session now, this week, lifetime and what is next."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.const import (
    PERCENTAGE,
    EntityCategory,
    UnitOfEnergy,
    UnitOfLength,
    UnitOfSpeed,
    UnitOfTime,
)
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.typing import StateType
from homeassistant.util import dt as dt_util

from .const import SessionPhase
from .data import RetrowalkConfigEntry
from .display import distance_unit, speed_unit
from .entity import RetrowalkEntity
from .figures import Figures
from .heart_rate import keytel_possible

PARALLEL_UPDATES = 0


@dataclass(frozen=True, kw_only=True)
class RetrowalkSensorDescription(SensorEntityDescription):
    """A sensor whose value and attributes come from the person's figures."""

    value_fn: Callable[[Figures], StateType | datetime | date]
    attrs_fn: Callable[[Figures], Mapping[str, Any]] | None = None
    last_reset_fn: Callable[[Figures], datetime | None] | None = None
    display_unit_fn: Callable[[HomeAssistant], str] | None = None
    """The unit suggested for display, read from the unit system at each call."""


# Counted units ("steps", "sessions", "weeks") come from the translations
# (``unit_of_measurement`` under the sensor's translation key), in the system language.
SENSORS: tuple[RetrowalkSensorDescription, ...] = (
    RetrowalkSensorDescription(
        key="phase",
        translation_key="phase",
        # The session switch carries the phase for the card: this sensor's
        # changes would add four logbook lines to every session.
        entity_registry_enabled_default=False,
        device_class=SensorDeviceClass.ENUM,
        options=[phase.value for phase in SessionPhase],
        value_fn=lambda f: f.phase.value,
        attrs_fn=lambda f: f.summary_attributes(),
    ),
    RetrowalkSensorDescription(
        key="elapsed",
        translation_key="elapsed",
        device_class=SensorDeviceClass.DURATION,
        native_unit_of_measurement=UnitOfTime.MINUTES,
        suggested_display_precision=0,
        entity_registry_enabled_default=False,
        value_fn=lambda f: f.elapsed_min,
    ),
    RetrowalkSensorDescription(
        key="remaining",
        translation_key="remaining",
        device_class=SensorDeviceClass.DURATION,
        native_unit_of_measurement=UnitOfTime.MINUTES,
        suggested_display_precision=0,
        entity_registry_enabled_default=False,
        value_fn=lambda f: f.remaining_min,
    ),
    RetrowalkSensorDescription(
        key="ends_at",
        translation_key="ends_at",
        entity_registry_enabled_default=False,
        device_class=SensorDeviceClass.TIMESTAMP,
        value_fn=lambda f: f.finishes_at,
    ),
    RetrowalkSensorDescription(
        key="speed",
        translation_key="speed",
        device_class=SensorDeviceClass.SPEED,
        state_class=SensorStateClass.MEASUREMENT,
        native_unit_of_measurement=UnitOfSpeed.METERS_PER_SECOND,
        display_unit_fn=speed_unit,
        suggested_display_precision=1,
        value_fn=lambda f: f.speed_m_s,
    ),
    RetrowalkSensorDescription(
        key="distance",
        translation_key="distance",
        device_class=SensorDeviceClass.DISTANCE,
        state_class=SensorStateClass.TOTAL,
        native_unit_of_measurement=UnitOfLength.METERS,
        display_unit_fn=distance_unit,
        suggested_display_precision=2,
        value_fn=lambda f: f.session.distance_m,
        attrs_fn=lambda f: f.rate_attributes(f.session.distance_m_per_min),
        last_reset_fn=lambda f: f.session.started_at,
    ),
    RetrowalkSensorDescription(
        key="steps",
        translation_key="steps",
        state_class=SensorStateClass.TOTAL,
        suggested_display_precision=0,
        value_fn=lambda f: round(f.session.steps),
        attrs_fn=lambda f: f.rate_attributes(f.session.steps_per_min),
        last_reset_fn=lambda f: f.session.started_at,
    ),
    RetrowalkSensorDescription(
        key="met",
        translation_key="met",
        entity_registry_enabled_default=False,
        state_class=SensorStateClass.MEASUREMENT,
        native_unit_of_measurement="MET",
        suggested_display_precision=1,
        entity_category=EntityCategory.DIAGNOSTIC,
        value_fn=lambda f: f.met,
    ),
    RetrowalkSensorDescription(
        key="energy",
        translation_key="energy",
        device_class=SensorDeviceClass.ENERGY,
        state_class=SensorStateClass.TOTAL,
        native_unit_of_measurement=UnitOfEnergy.KILO_CALORIE,
        suggested_display_precision=1,
        value_fn=lambda f: round(f.session.kcal, 2),
        attrs_fn=lambda f: f.rate_attributes(f.session.kcal_per_min),
        last_reset_fn=lambda f: f.session.started_at,
    ),
    RetrowalkSensorDescription(
        key="week_sessions",
        translation_key="week_sessions",
        entity_registry_enabled_default=False,
        state_class=SensorStateClass.TOTAL,
        value_fn=lambda f: f.week.sessions,
        last_reset_fn=lambda f: f.week_start,
    ),
    RetrowalkSensorDescription(
        key="week_minutes",
        translation_key="week_minutes",
        entity_registry_enabled_default=False,
        device_class=SensorDeviceClass.DURATION,
        state_class=SensorStateClass.TOTAL,
        native_unit_of_measurement=UnitOfTime.MINUTES,
        suggested_display_precision=0,
        value_fn=lambda f: round(f.week.minutes, 1),
        last_reset_fn=lambda f: f.week_start,
    ),
    RetrowalkSensorDescription(
        key="week_energy",
        translation_key="week_energy",
        entity_registry_enabled_default=False,
        device_class=SensorDeviceClass.ENERGY,
        state_class=SensorStateClass.TOTAL,
        native_unit_of_measurement=UnitOfEnergy.KILO_CALORIE,
        suggested_display_precision=0,
        value_fn=lambda f: round(f.week.kcal, 1),
        last_reset_fn=lambda f: f.week_start,
    ),
    RetrowalkSensorDescription(
        key="goal_progress",
        translation_key="goal_progress",
        state_class=SensorStateClass.MEASUREMENT,
        native_unit_of_measurement=PERCENTAGE,
        suggested_display_precision=0,
        value_fn=lambda f: f.goal_progress,
        attrs_fn=lambda f: f.goal_attributes(),
    ),
    RetrowalkSensorDescription(
        key="streak",
        translation_key="streak",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda f: f.streak_weeks,
    ),
    RetrowalkSensorDescription(
        key="last_session",
        translation_key="last_session",
        entity_registry_enabled_default=False,
        device_class=SensorDeviceClass.TIMESTAMP,
        value_fn=lambda f: f.last_session_at,
    ),
    RetrowalkSensorDescription(
        key="lifetime_minutes",
        translation_key="lifetime_minutes",
        entity_registry_enabled_default=False,
        device_class=SensorDeviceClass.DURATION,
        state_class=SensorStateClass.TOTAL_INCREASING,
        native_unit_of_measurement=UnitOfTime.MINUTES,
        suggested_display_precision=0,
        value_fn=lambda f: round(f.lifetime.minutes, 1),
    ),
    RetrowalkSensorDescription(
        key="lifetime_distance",
        translation_key="lifetime_distance",
        entity_registry_enabled_default=False,
        device_class=SensorDeviceClass.DISTANCE,
        state_class=SensorStateClass.TOTAL_INCREASING,
        native_unit_of_measurement=UnitOfLength.METERS,
        display_unit_fn=distance_unit,
        suggested_display_precision=1,
        value_fn=lambda f: round(f.lifetime.distance_m, 1),
    ),
    RetrowalkSensorDescription(
        key="lifetime_energy",
        translation_key="lifetime_energy",
        entity_registry_enabled_default=False,
        device_class=SensorDeviceClass.ENERGY,
        state_class=SensorStateClass.TOTAL_INCREASING,
        native_unit_of_measurement=UnitOfEnergy.KILO_CALORIE,
        suggested_display_precision=0,
        value_fn=lambda f: round(f.lifetime.kcal, 1),
    ),
    RetrowalkSensorDescription(
        key="lifetime_steps",
        translation_key="lifetime_steps",
        entity_registry_enabled_default=False,
        state_class=SensorStateClass.TOTAL_INCREASING,
        suggested_display_precision=0,
        value_fn=lambda f: round(f.lifetime.steps),
    ),
    RetrowalkSensorDescription(
        key="next_session",
        translation_key="next_session",
        # The session switch and the plan calendar carry it too.
        entity_registry_enabled_default=False,
        device_class=SensorDeviceClass.TIMESTAMP,
        value_fn=lambda f: f.next_session.starts_at,
        attrs_fn=lambda f: f.next_session_attributes(),
    ),
)


HEART_RATE_ENERGY = RetrowalkSensorDescription(
    key="heart_rate_energy",
    translation_key="heart_rate_energy",
    device_class=SensorDeviceClass.ENERGY,
    state_class=SensorStateClass.TOTAL,
    native_unit_of_measurement=UnitOfEnergy.KILO_CALORIE,
    suggested_display_precision=1,
    value_fn=lambda f: f.session.heart_rate_kcal,
    last_reset_fn=lambda f: f.session.started_at,
)
"""Added only when a heart-rate sensor, sex and age are known (then enabled:
the person has 14 entities enabled, within the 15 of the lean set)."""


async def async_setup_entry(
    hass: HomeAssistant,
    entry: RetrowalkConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the person's sensors."""
    descriptions = list(SENSORS)
    if keytel_possible(entry.runtime_data.settings):
        descriptions.append(HEART_RATE_ENERGY)
    async_add_entities(
        RetrowalkSensor(entry, description) for description in descriptions
    )


class RetrowalkSensor(RetrowalkEntity, SensorEntity):
    """A figure of the person's walking."""

    entity_description: RetrowalkSensorDescription
    # The rate and its time change at every write: for the card, not for history.
    _unrecorded_attributes = frozenset({"per_minute", "as_of"})

    def __init__(
        self, entry: RetrowalkConfigEntry, description: RetrowalkSensorDescription
    ) -> None:
        """Bind the sensor to its person."""
        super().__init__(entry, description)
        self._description = description

    @property
    def suggested_unit_of_measurement(self) -> str | None:
        """Km or mi, km/h or mph, by the unit system in force now.

        Home Assistant stores it in the entity registry; ``units.py`` refreshes
        it when the unit system changes. A unit picked in the entity settings wins.
        """
        if (unit_fn := self._description.display_unit_fn) is not None:
            return unit_fn(self.hass)
        return super().suggested_unit_of_measurement

    async def async_added_to_hass(self) -> None:
        """Take the first values before the first write."""
        self._read_figures()
        await super().async_added_to_hass()

    @callback
    def _async_handle_update(self) -> None:
        """Refresh from the figures, then write."""
        self._read_figures()
        super()._async_handle_update()

    def _read_figures(self) -> None:
        """Read value, attributes and last reset from one look at the figures."""
        description = self._description
        figures = Figures(self.hass, self.data, dt_util.utcnow())
        self._attr_native_value = description.value_fn(figures)
        if description.attrs_fn is not None:
            self._attr_extra_state_attributes = dict(description.attrs_fn(figures))
        if description.last_reset_fn is not None:
            self._attr_last_reset = description.last_reset_fn(figures)
