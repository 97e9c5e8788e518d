"""The safety gate: the core's pre-session check applied to live states."""

from __future__ import annotations

from homeassistant.const import STATE_UNAVAILABLE, STATE_UNKNOWN
from homeassistant.core import HomeAssistant, State

from .readings import numeric_reading
from .settings import PersonSettings
from .sim.safety import ReasonCode, SafetyInput, Verdict, check_safety
from .sim.surfaces import Surface
from .texts import async_entity_texts

SUN_ENTITY = "sun.sun"
SUN_BELOW_HORIZON = "below_horizon"
SUN_ABOVE_HORIZON = "above_horizon"
MAX_LUX = 200_000.0
REASON_KEY = "binary_sensor.safe_to_start.state_attributes.reasons.state.{}"


def watched_entities(settings: PersonSettings) -> list[str]:
    """Entities whose state changes the verdict."""
    entities = [settings.illuminance_sensor] if settings.illuminance_sensor else []
    if settings.surface is Surface.OUTDOOR_PATH:
        entities.append(SUN_ENTITY)
    return entities


def reports(state: State | None) -> bool:
    """Whether a sensor has a value: it exists and is not unavailable or unknown."""
    return state is not None and state.state not in (STATE_UNAVAILABLE, STATE_UNKNOWN)


def silent_sensors(hass: HomeAssistant, settings: PersonSettings) -> list[str]:
    """The treadmill sensors that are missing, unavailable or unknown."""
    return [
        entity
        for entity in settings.treadmill.sensors
        if not reports(hass.states.get(entity))
    ]


def light_reading(hass: HomeAssistant, entity_id: str | None) -> float | None:
    """The illuminance in lux, or None when it is not known."""
    return numeric_reading(hass, entity_id, 0.0, MAX_LUX)


def dark_outdoors(hass: HomeAssistant) -> bool | None:
    """Whether the sun is below the horizon; None without the sun integration."""
    state = hass.states.get(SUN_ENTITY)
    if state is None or state.state not in (SUN_BELOW_HORIZON, SUN_ABOVE_HORIZON):
        return None
    return state.state == SUN_BELOW_HORIZON


def current_verdict(
    hass: HomeAssistant, settings: PersonSettings, speed_m_s: float
) -> Verdict:
    """Check a start at ``speed_m_s`` against the light, surface, level and health flags."""
    outdoors = settings.surface is Surface.OUTDOOR_PATH
    return check_safety(
        SafetyInput(
            level=settings.level,
            surface=settings.surface,
            lux=light_reading(hass, settings.illuminance_sensor),
            lux_threshold=settings.lux_threshold,
            is_dark_outdoors=dark_outdoors(hass) if outdoors else None,
            speed_m_s=speed_m_s,
            contraindications=settings.contraindications,
            light_monitored=settings.illuminance_sensor is not None or outdoors,
            treadmill_sensor_unavailable=bool(silent_sensors(hass, settings)),
        )
    )


async def async_describe_reasons(
    hass: HomeAssistant, reasons: tuple[ReasonCode, ...], language: str | None = None
) -> str:
    """The reasons as one translated sentence list, most severe first."""
    texts = await async_entity_texts(hass, language)
    return "; ".join(texts.get(REASON_KEY.format(code), code) for code in reasons)
