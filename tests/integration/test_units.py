"""Units: stored in SI, shown in one unit system everywhere, switched at once.

A matrix over metric and US customary, switched at run time in both
directions and carried over a reload of the entry: the next start's speed in
m/s never changes, and every speed and distance the user sees (entities, the
next-session texts the card shows, the calendar, refusals) is in one system.
"""

from __future__ import annotations

import re

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant, State
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import entity_registry as er
from homeassistant.util.unit_system import METRIC_SYSTEM
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    mock_restore_cache_with_extra_data,
)

from custom_components.retrowalk.data import RetrowalkData

from .conftest import AddPerson
from .test_calendar import get_events, local
from .test_session import START, advance, call

SYSTEMS = {
    "metric": {"speed": "km/h", "distance": "km", "set": 2.5},
    "us_customary": {"speed": "mph", "distance": "mi", "set": 1.7},
}
SPEED_ENTITIES = ("sensor.alex_speed", "number.alex_backward_speed")
DISTANCE_ENTITIES = ("sensor.alex_session_distance", "sensor.alex_lifetime_distance")


def shown(hass: HomeAssistant, entity_id: str) -> State:
    """The state of ``entity_id``, which must exist."""
    state = hass.states.get(entity_id)
    assert state is not None, entity_id
    return state


async def use_system(hass: HomeAssistant, system: str) -> None:
    """Switch Home Assistant's unit system the way the settings page does."""
    await hass.config.async_update(unit_system=system)
    await hass.async_block_till_done()


async def assert_one_system(hass: HomeAssistant, system: str) -> None:
    """Every speed and distance retrowalk shows is in ``system``'s units."""
    units = SYSTEMS[system]
    for entity_id in SPEED_ENTITIES:
        assert (
            shown(hass, entity_id).attributes["unit_of_measurement"] == units["speed"]
        ), entity_id
    for entity_id in DISTANCE_ENTITIES:
        assert (
            shown(hass, entity_id).attributes["unit_of_measurement"]
            == units["distance"]
        ), entity_id
    # What the card shows as the next session.
    upcoming = shown(hass, "sensor.alex_next_session").attributes
    assert re.fullmatch(rf"\d+\.\d {units['speed']}", upcoming["speed"])
    calendar = shown(hass, "calendar.alex_plan").attributes
    assert calendar["description"].split(" at ")[1].startswith(upcoming["speed"])
    events = await get_events(
        hass, local("2026-11-16 00:00"), local("2026-11-30 00:00")
    )
    done = [e for e in events if "walked" in e["description"]]
    planned = [e for e in events if " at " in e["description"]]
    assert done
    assert planned
    for event in done:
        assert re.search(rf"\d\.\d\d {units['distance']},", event["description"])
    for event in planned:
        assert re.search(rf"\d\.\d {units['speed']},", event["description"])
    # A refusal names the cap in the same unit.
    with pytest.raises(ServiceValidationError) as refused:
        await hass.services.async_call(
            "retrowalk",
            "simulate_session",
            {"speed": 50},
            blocking=True,
            return_response=True,
        )
    placeholders = refused.value.translation_placeholders or {}
    assert placeholders["cap"].endswith(f" {units['speed']}")


@pytest.mark.freeze_time(START)
@pytest.mark.parametrize(
    ("first", "second"), [("metric", "us_customary"), ("us_customary", "metric")]
)
async def test_a_unit_switch_never_changes_the_next_speed(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    add_person: AddPerson,
    first: str,
    second: str,
) -> None:
    """Switch at run time both ways and reload: one system shown, one speed started."""
    await use_system(hass, first)
    alex = await add_person()
    await call(hass, "log_session", started_at="2026-11-20T07:00:00+01:00", duration=10)
    await hass.services.async_call(
        "number",
        "set_value",
        {"entity_id": "number.alex_backward_speed", "value": SYSTEMS[first]["set"]},
        blocking=True,
    )
    data: RetrowalkData = alex.runtime_data
    speed_m_s = data.next_session().speed_m_s
    assert data.storage.next_override.speed_m_s == pytest.approx(speed_m_s)
    assert speed_m_s == pytest.approx(
        2.5 / 3.6 if first == "metric" else 1.7 * 1609.344 / 3600
    )
    await assert_one_system(hass, first)

    for system in (second, first, second):
        await use_system(hass, system)
        await assert_one_system(hass, system)
        assert alex.runtime_data.next_session().speed_m_s == speed_m_s

    # A restart reads the stored override in m/s; no value is read in a new unit.
    await hass.config_entries.async_reload(alex.entry_id)
    await hass.async_block_till_done()
    await assert_one_system(hass, second)
    assert alex.runtime_data.next_session().speed_m_s == speed_m_s
    await use_system(hass, first)
    await assert_one_system(hass, first)

    await hass.services.async_call(
        "button", "press", {"entity_id": "button.alex_start_session"}, blocking=True
    )
    active = alex.runtime_data.controller.active
    assert active is not None
    assert active.speed_m_s == speed_m_s
    await advance(hass, freezer, 5 * 60)
    await use_system(hass, second)
    await assert_one_system(hass, second)
    assert float(shown(hass, "sensor.alex_session_distance").state) > 0


@pytest.mark.freeze_time(START)
async def test_a_system_changed_while_unloaded_shows_at_setup(
    hass: HomeAssistant, alex: MockConfigEntry
) -> None:
    """A restart where configuration.yaml's unit system wins: no event, one system."""
    await call(hass, "log_session", started_at="2026-11-20T07:00:00+01:00", duration=10)
    await use_system(hass, "us_customary")
    await assert_one_system(hass, "us_customary")
    assert await hass.config_entries.async_unload(alex.entry_id)
    hass.config.units = METRIC_SYSTEM  # as loaded from YAML: no config-update event
    assert await hass.config_entries.async_setup(alex.entry_id)
    await hass.async_block_till_done()
    await assert_one_system(hass, "metric")


@pytest.mark.freeze_time(START)
async def test_a_display_unit_the_user_picked_is_kept(
    hass: HomeAssistant, entity_registry: er.EntityRegistry, alex: MockConfigEntry
) -> None:
    """A unit chosen in the entity settings survives unit-system changes."""
    entity_registry.async_update_entity_options(
        "sensor.alex_speed", "sensor", {"unit_of_measurement": "m/s"}
    )
    await hass.async_block_till_done()
    for system in ("us_customary", "metric"):
        await use_system(hass, system)
        assert shown(hass, "sensor.alex_speed").attributes["unit_of_measurement"] == (
            "m/s"
        )
    assert shown(hass, "sensor.alex_lifetime_distance").attributes[
        "unit_of_measurement"
    ] == ("km")


@pytest.mark.freeze_time(START)
async def test_an_old_restored_number_is_not_read_in_a_new_unit(
    hass: HomeAssistant, add_person: AddPerson
) -> None:
    """The issue's case: "2" restored on a number after a switch to mph is ignored."""
    mock_restore_cache_with_extra_data(
        hass,
        [
            (
                State("number.alex_backward_speed", "2.0"),
                {
                    "native_value": 2.0,
                    "native_unit_of_measurement": "km/h",
                    "native_min_value": 0.1,
                    "native_max_value": 5.0,
                    "native_step": 0.1,
                },
            )
        ],
    )
    await use_system(hass, "us_customary")
    alex = await add_person()
    upcoming = alex.runtime_data.next_session()
    assert upcoming.overridden == ()
    assert upcoming.speed_m_s == pytest.approx(upcoming.planned.speed_m_s)
    assert float(shown(hass, "number.alex_backward_speed").state) == pytest.approx(1.3)


@pytest.mark.freeze_time(START)
async def test_a_speed_shown_as_the_cap_is_the_cap(
    hass: HomeAssistant, alex: MockConfigEntry
) -> None:
    """The cap shows rounded ("4.5 km/h" for 1.25 m/s); entering it starts at the cap."""
    cap = alex.runtime_data.settings.speed_cap_m_s
    number = shown(hass, "number.alex_backward_speed")
    shown_cap = number.attributes["max"]
    await call(hass, "start_session", speed=shown_cap)
    active = alex.runtime_data.controller.active
    assert active is not None
    assert active.speed_m_s <= cap
    assert active.speed_m_s == pytest.approx(shown_cap / 3.6, abs=0.05 / 3.6)


async def test_an_unloaded_person_is_left_alone(
    hass: HomeAssistant, add_person: AddPerson
) -> None:
    """A unit switch with a person unloaded refreshes the loaded ones only."""
    alex = await add_person()
    sam = await add_person("Sam")
    await hass.config_entries.async_unload(sam.entry_id)
    await use_system(hass, "us_customary")
    assert alex.runtime_data.settings.name == "Alex"
    assert shown(hass, "sensor.alex_speed").attributes["unit_of_measurement"] == "mph"
