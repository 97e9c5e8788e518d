"""The options step of a treadmill: its entities, auto-pause and speed control.

Entity fields carry no default (the form suggests the stored one), so a person
can empty them. The ramp step is entered in km/h or mph and stored in m/s.
"""

from __future__ import annotations

from collections.abc import Mapping
import math
from typing import Any

from homeassistant.components.sensor import SensorDeviceClass
from homeassistant.const import (
    ATTR_UNIT_OF_MEASUREMENT,
    PERCENTAGE,
    UnitOfSpeed,
    UnitOfTime,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.selector import (
    BooleanSelector,
    EntitySelector,
    EntitySelectorConfig,
)
from homeassistant.util.unit_conversion import SpeedConverter

from .compat import vol
from .const import (
    CONF_AUTO_PAUSE,
    CONF_AUTO_PAUSE_AFTER,
    CONF_RAMP_EVERY,
    CONF_RAMP_STEP,
    CONF_SPEED_CONTROL,
    CONF_TREADMILL_DIRECTION,
    CONF_TREADMILL_DISTANCE,
    CONF_TREADMILL_INCLINE,
    CONF_TREADMILL_POWER,
    CONF_TREADMILL_SPEED,
    CONF_TREADMILL_STEPS,
    CONF_TREADMILL_TARGET_INCLINE,
    CONF_TREADMILL_TARGET_SPEED,
    DEFAULT_AUTO_PAUSE_AFTER_S,
    DEFAULT_RAMP_EVERY_S,
    DEFAULT_RAMP_STEP_M_S,
)
from .display import speed_unit
from .number_box import NumberBox, number_box
from .sim.bounds import AUTO_PAUSE_AFTER_S, RAMP_EVERY_S, RAMP_STEP_M_S, Bound

ENTITY_KEYS = (
    CONF_TREADMILL_SPEED,
    CONF_TREADMILL_INCLINE,
    CONF_TREADMILL_DISTANCE,
    CONF_TREADMILL_STEPS,
    CONF_TREADMILL_DIRECTION,
    CONF_TREADMILL_TARGET_SPEED,
    CONF_TREADMILL_TARGET_INCLINE,
    CONF_TREADMILL_POWER,
)
"""The options that name an entity (sensors, numbers, the power switch)."""
TREADMILL_KEYS = (
    *ENTITY_KEYS,
    CONF_AUTO_PAUSE,
    CONF_AUTO_PAUSE_AFTER,
    CONF_SPEED_CONTROL,
    CONF_RAMP_STEP,
    CONF_RAMP_EVERY,
)
"""Every option of the treadmill step."""
RAMP_STEP_STEP = 0.1
"""The ramp step is entered in tenths of km/h or mph."""


def _entity(domain: str | list[str], device_class: str | None = None) -> EntitySelector:
    config = EntitySelectorConfig(domain=domain)
    if device_class is not None:
        config["device_class"] = device_class
    return EntitySelector(config)


def _whole(bound: Bound) -> NumberBox:
    return number_box(bound.low, bound.high, 1, UnitOfTime.SECONDS)


def _ramp_selector(hass: HomeAssistant) -> NumberBox:
    """The ramp step's bound in the display unit, rounded inwards to the step."""
    unit = speed_unit(hass)
    low, high = (
        SpeedConverter.convert(end, UnitOfSpeed.METERS_PER_SECOND, unit)
        / RAMP_STEP_STEP
        for end in (RAMP_STEP_M_S.low, RAMP_STEP_M_S.high)
    )
    return number_box(
        round(math.ceil(round(low, 6)) * RAMP_STEP_STEP, 1),
        round(math.floor(round(high, 6)) * RAMP_STEP_STEP, 1),
        RAMP_STEP_STEP,
        unit,
    )


def treadmill_schema(hass: HomeAssistant) -> vol.Schema:
    """The treadmill's entities (all optional), auto-pause and speed control."""
    return vol.Schema(
        {
            vol.Optional(CONF_TREADMILL_SPEED): _entity(
                "sensor", SensorDeviceClass.SPEED
            ),
            vol.Optional(CONF_TREADMILL_INCLINE): _entity("sensor"),
            vol.Optional(CONF_TREADMILL_DISTANCE): _entity(
                "sensor", SensorDeviceClass.DISTANCE
            ),
            vol.Optional(CONF_TREADMILL_STEPS): _entity("sensor"),
            vol.Optional(CONF_TREADMILL_DIRECTION): _entity(
                "sensor", SensorDeviceClass.ENUM
            ),
            vol.Optional(CONF_TREADMILL_TARGET_SPEED): _entity("number"),
            vol.Optional(CONF_TREADMILL_TARGET_INCLINE): _entity("number"),
            vol.Optional(CONF_TREADMILL_POWER): _entity(
                ["button", "input_button", "switch"]
            ),
            vol.Required(CONF_AUTO_PAUSE, default=True): BooleanSelector(),
            vol.Required(
                CONF_AUTO_PAUSE_AFTER, default=DEFAULT_AUTO_PAUSE_AFTER_S
            ): _whole(AUTO_PAUSE_AFTER_S),
            vol.Required(CONF_SPEED_CONTROL, default=False): BooleanSelector(),
            vol.Required(
                CONF_RAMP_STEP, default=ramp_shown(hass, DEFAULT_RAMP_STEP_M_S)
            ): _ramp_selector(hass),
            vol.Required(CONF_RAMP_EVERY, default=DEFAULT_RAMP_EVERY_S): _whole(
                RAMP_EVERY_S
            ),
        }
    )


def treadmill_to_form(
    hass: HomeAssistant, options: Mapping[str, Any]
) -> dict[str, Any]:
    """The stored treadmill options as the form shows them (ramp step in km/h or mph).

    Auto-pause shows on unless the person switched it off.
    """
    shown = {key: options[key] for key in TREADMILL_KEYS if key in options}
    ramp_m_s = float(options.get(CONF_RAMP_STEP, DEFAULT_RAMP_STEP_M_S))
    return shown | {
        CONF_AUTO_PAUSE: bool(options.get(CONF_AUTO_PAUSE, True)),
        CONF_RAMP_STEP: ramp_shown(hass, ramp_m_s),
    }


def ramp_shown(hass: HomeAssistant, ramp_m_s: float) -> float:
    """A ramp step in km/h or mph, rounded to the form's step."""
    ramp = SpeedConverter.convert(
        ramp_m_s, UnitOfSpeed.METERS_PER_SECOND, speed_unit(hass)
    )
    return round(round(ramp / RAMP_STEP_STEP) * RAMP_STEP_STEP, 1)


def treadmill_from_form(
    hass: HomeAssistant, values: Mapping[str, Any]
) -> dict[str, Any]:
    """The form's values (validated by the schema) as stored: ramp step in m/s.

    A field the person emptied is left out by the frontend, so it is not stored.
    """
    stored = dict(values)
    stored[CONF_RAMP_STEP] = round(
        SpeedConverter.convert(
            float(values[CONF_RAMP_STEP]),
            speed_unit(hass),
            UnitOfSpeed.METERS_PER_SECOND,
        ),
        6,
    )
    return stored


def treadmill_errors(hass: HomeAssistant, stored: Mapping[str, Any]) -> dict[str, str]:
    """Refuse what the treadmill step cannot use.

    Entities that do not exist, speed control without a number, and speed or
    incline sensors whose unit is not a speed or a percentage.
    """
    errors: dict[str, str] = {}
    registry = er.async_get(hass)
    for key in ENTITY_KEYS:
        entity = stored.get(key)
        if (
            entity
            and hass.states.get(entity) is None
            and registry.async_get(entity) is None
        ):
            errors[key] = "entity_missing"
    if stored.get(CONF_SPEED_CONTROL) and not stored.get(CONF_TREADMILL_TARGET_SPEED):
        errors.setdefault(CONF_SPEED_CONTROL, "target_speed_required")
    units = {
        CONF_TREADMILL_SPEED: ("speed_unit", SpeedConverter.VALID_UNITS),
        CONF_TREADMILL_INCLINE: ("incline_unit", {PERCENTAGE, None}),
    }
    for key, (error, valid) in units.items():
        if (entity := stored.get(key)) and key not in errors:
            state = hass.states.get(entity)
            unit = state.attributes.get(ATTR_UNIT_OF_MEASUREMENT) if state else None
            # A sensor known but not reporting yet (its integration is starting)
            # is judged when it reports: the session warns about it meanwhile.
            if state is not None and unit not in valid:
                errors[key] = error
    return errors
