"""The virtual treadmill the belt tests rely on behaves like a treadmill."""

from __future__ import annotations

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import STATE_UNAVAILABLE, UnitOfSpeed
from homeassistant.core import HomeAssistant
import pytest

from .virtual_treadmill import (
    BELT,
    DIRECTION,
    DISTANCE,
    INCLINE,
    SPEED,
    START_BUTTON,
    STEPS,
    STOP_BUTTON,
    TARGET_INCLINE,
    TARGET_SPEED,
    TreadmillSpec,
    async_run,
    async_setup_virtual_treadmill,
)


async def set_number(hass: HomeAssistant, entity_id: str, value: float) -> None:
    """Set a number as an automation would."""
    await hass.services.async_call(
        "number", "set_value", {"entity_id": entity_id, "value": value}, blocking=True
    )


async def test_belt_follows_the_target_with_limited_acceleration(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """0 to 3.6 km/h takes 4 s at 0.25 m/s²; distance and steps add up exactly."""
    treadmill = await async_setup_virtual_treadmill(hass)
    assert hass.states.get(SPEED).state == "0.0"
    assert hass.states.get(TARGET_SPEED).attributes["min"] == 0.5
    await set_number(hass, TARGET_SPEED, 3.6)
    await hass.services.async_call(
        "switch", "turn_on", {"entity_id": BELT}, blocking=True
    )
    await async_run(hass, freezer, 2)
    assert float(hass.states.get(SPEED).state) == pytest.approx(1.8)
    await async_run(hass, freezer, 2)
    assert float(hass.states.get(SPEED).state) == pytest.approx(3.6)
    # 2 m while accelerating, then 1 m/s.
    await async_run(hass, freezer, 10)
    assert float(hass.states.get(DISTANCE).state) == pytest.approx(12.0)
    assert hass.states.get(STEPS).state == "30"
    assert treadmill.distance_m == pytest.approx(12.0)
    await hass.services.async_call(
        "button", "press", {"entity_id": STOP_BUTTON}, blocking=True
    )
    await async_run(hass, freezer, 10)
    assert treadmill.speed_m_s == 0.0
    assert hass.states.get(BELT).state == "off"
    assert treadmill.distance_m == pytest.approx(14.0)
    assert not treadmill.wake_up_scheduled


async def test_late_steps_integrate_exactly(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """One step fired 10 s late covers the ramp and the cruise of those 10 s."""
    treadmill = await async_setup_virtual_treadmill(
        hass, TreadmillSpec(speed_unit=UnitOfSpeed.METERS_PER_SECOND, running=True)
    )
    await set_number(hass, TARGET_SPEED, 1.0)
    await async_run(hass, freezer, 10, step=10)
    assert float(hass.states.get(SPEED).state) == 1.0
    assert treadmill.distance_m == pytest.approx(2.0 + 6.0)


async def test_incline_direction_and_buttons(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """The deck tilts 1 %/s, the direction is an enum, start starts the belt."""
    treadmill = await async_setup_virtual_treadmill(
        hass, TreadmillSpec(speed_unit=UnitOfSpeed.MILES_PER_HOUR)
    )
    assert hass.states.get(SPEED).attributes["unit_of_measurement"] == "mph"
    await set_number(hass, TARGET_INCLINE, 3)
    await async_run(hass, freezer, 2)
    assert hass.states.get(INCLINE).state == "2.0"
    await async_run(hass, freezer, 2)
    assert hass.states.get(INCLINE).state == "3.0"
    assert hass.states.get(DIRECTION).state == "backward"
    treadmill.set_direction("forward")
    assert hass.states.get(DIRECTION).state == "forward"
    await set_number(hass, TARGET_SPEED, 2.0)
    await hass.services.async_call(
        "button", "press", {"entity_id": START_BUTTON}, blocking=True
    )
    await async_run(hass, freezer, 10)
    assert float(hass.states.get(SPEED).state) == 2.0
    assert treadmill.to_unit(treadmill.speed_m_s) == pytest.approx(2.0)


async def test_ignoring_and_unavailable(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """An ignoring treadmill records the command and stays put; an unavailable one is."""
    treadmill = await async_setup_virtual_treadmill(hass, TreadmillSpec(running=True))
    treadmill.ignore_commands = True
    await set_number(hass, TARGET_SPEED, 3.0)
    await async_run(hass, freezer, 5)
    assert treadmill.commands == [(TARGET_SPEED, 3.0)]
    assert hass.states.get(TARGET_SPEED).state == "0.0"
    assert treadmill.speed_m_s == 0.0
    treadmill.ignore_commands = False
    treadmill.set_target_speed(1.8)
    await async_run(hass, freezer, 5)
    assert hass.states.get(SPEED).state == "1.8"
    treadmill.set_available(False)
    assert hass.states.get(SPEED).state == STATE_UNAVAILABLE
    assert hass.states.get(TARGET_SPEED).state == STATE_UNAVAILABLE
    treadmill.set_available(True)
    treadmill.set_running(False)
    await async_run(hass, freezer, 5)
    assert hass.states.get(SPEED).state == "0.0"
    assert await hass.config_entries.async_unload(treadmill.entry.entry_id)
    assert not treadmill.wake_up_scheduled
