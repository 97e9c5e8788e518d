"""The one place where stored SI values meet the unit system, for display and input.

Everything is stored in SI (m/s, m, s, kg, cm). Sensors leave conversion to Home
Assistant (native SI units with device classes); everything Home Assistant does not
convert (the speed number, texts, calendar events, voice, errors, form defaults)
converts here, always with the unit system in force at the moment of the call.
"""

from __future__ import annotations

from collections.abc import Mapping
import math
from typing import Any

from homeassistant.const import UnitOfEnergy, UnitOfLength, UnitOfMass, UnitOfSpeed
from homeassistant.core import HomeAssistant
from homeassistant.util.unit_conversion import (
    DistanceConverter,
    MassConverter,
    SpeedConverter,
)
from homeassistant.util.unit_system import US_CUSTOMARY_SYSTEM

from .const import CONF_HEIGHT, CONF_WEIGHT
from .sim.bounds import BACKWARD_SPEED_M_S

SPEED_STEP = 0.1
"""Speeds are shown and entered in tenths of the display unit."""
SPOKEN_SPEED_UNITS = {
    "kmh": UnitOfSpeed.KILOMETERS_PER_HOUR,
    "mph": UnitOfSpeed.MILES_PER_HOUR,
}
"""Speed units a voice request may name."""

FORM_UNITS: dict[str, tuple[str, str, type[MassConverter | DistanceConverter]]] = {
    CONF_WEIGHT: (UnitOfMass.KILOGRAMS, UnitOfMass.POUNDS, MassConverter),
    CONF_HEIGHT: (UnitOfLength.CENTIMETERS, UnitOfLength.INCHES, DistanceConverter),
}
"""Form fields stored in SI (first unit) and entered in US units (second)."""


def is_us(hass: HomeAssistant) -> bool:
    """Whether Home Assistant uses US customary units right now."""
    return hass.config.units is US_CUSTOMARY_SYSTEM


def speed_unit(hass: HomeAssistant) -> UnitOfSpeed:
    """The unit system's walking-speed unit: km/h or mph."""
    return (
        UnitOfSpeed.MILES_PER_HOUR if is_us(hass) else UnitOfSpeed.KILOMETERS_PER_HOUR
    )


def distance_unit(hass: HomeAssistant) -> UnitOfLength:
    """The unit system's unit for walked distances: km or mi."""
    return UnitOfLength.MILES if is_us(hass) else UnitOfLength.KILOMETERS


def speed_to_display(
    hass: HomeAssistant, speed_m_s: float, *, rounded: bool = True
) -> float:
    """A speed in the display unit, rounded to its step unless ``rounded`` is false."""
    shown = SpeedConverter.convert(
        speed_m_s, UnitOfSpeed.METERS_PER_SECOND, speed_unit(hass)
    )
    return round(round(shown / SPEED_STEP) * SPEED_STEP, 1) if rounded else shown


def speed_from_display(
    hass: HomeAssistant, value: float, unit: str | None = None
) -> float:
    """A speed given in ``unit`` (default: the display unit) in m/s."""
    return SpeedConverter.convert(
        value, unit or speed_unit(hass), UnitOfSpeed.METERS_PER_SECOND
    )


def speed_input(hass: HomeAssistant, value: float, cap_m_s: float) -> float:
    """A speed entered in the display unit, in m/s.

    The cap is shown rounded to the step ("2.9 km/h" for 0.8 m/s); a value that
    shows as the cap means the cap, so entering what is shown is never refused.
    """
    speed_m_s = speed_from_display(hass, value)
    if speed_to_display(hass, speed_m_s) <= speed_to_display(hass, cap_m_s):
        return min(speed_m_s, cap_m_s)
    return speed_m_s


DECIMAL_POINT_LANGUAGES = frozenset({"en", "ja", "ko", "zh", "he", "th"})
"""Languages that write decimals with a point; the others write a comma."""


def format_number(hass: HomeAssistant, value: float, digits: int) -> str:
    """A number with the system language's decimal mark: ``0.8`` or ``0,8``."""
    text = f"{value:.{digits}f}"
    language = hass.config.language.split("-")[0].lower()
    return text if language in DECIMAL_POINT_LANGUAGES else text.replace(".", ",")


def lowest_speed(hass: HomeAssistant) -> float:
    """The shared bound's lowest speed in the display unit, rounded up to the step."""
    shown = speed_to_display(hass, BACKWARD_SPEED_M_S.low, rounded=False)
    return round(math.ceil(round(shown / SPEED_STEP, 6)) * SPEED_STEP, 1)


def format_speed(hass: HomeAssistant, speed_m_s: float, *, digits: int = 1) -> str:
    """A speed for texts: ``2.0 km/h``, ``1.2 mph``.

    With one decimal it is the value the speed number shows (rounded to the step);
    more decimals show the unrounded conversion (e.g. a bound of 0.36 km/h).
    """
    shown = speed_to_display(hass, speed_m_s, rounded=digits == 1)
    return f"{format_number(hass, shown, digits)} {speed_unit(hass)}"


def format_distance(
    hass: HomeAssistant, distance_m: float, *, short: bool = False
) -> str:
    """A distance for texts: ``0.45 km``, ``0.28 mi``; ``short``: ``0.5 km``."""
    unit = distance_unit(hass)
    shown = DistanceConverter.convert(distance_m, UnitOfLength.METERS, unit)
    return f"{format_number(hass, shown, 1 if short else 2)} {unit}"


def format_energy(hass: HomeAssistant, kcal: float) -> str:
    """Energy for texts, in whole kilocalories: ``67 kcal``."""
    return f"{format_number(hass, kcal, 0)} {UnitOfEnergy.KILO_CALORIE}"


def whole_minutes(seconds: float) -> int:
    """A length in whole minutes (at least one)."""
    return max(1, round(seconds / 60))


def form_to_display(hass: HomeAssistant, values: Mapping[str, Any]) -> dict[str, Any]:
    """Stored (SI) form values in the unit system's units, for form defaults."""
    shown = dict(values)
    if is_us(hass):
        for key, (stored_unit, us_unit, converter) in FORM_UNITS.items():
            if shown.get(key) is not None:
                shown[key] = round(
                    converter.convert(shown[key], stored_unit, us_unit), 1
                )
    return shown


def form_to_stored(hass: HomeAssistant, values: Mapping[str, Any]) -> dict[str, Any]:
    """Form values in SI units for storage."""
    stored = dict(values)
    if is_us(hass):
        for key, (stored_unit, us_unit, converter) in FORM_UNITS.items():
            if stored.get(key) is not None:
                stored[key] = round(
                    converter.convert(stored[key], us_unit, stored_unit), 2
                )
    return stored
