"""Buttons, the session switch, the program select and the next-session numbers."""

from __future__ import annotations

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.helpers.translation import async_get_translations
from homeassistant.loader import async_get_integration
from homeassistant.util.unit_system import US_CUSTOMARY_SYSTEM
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.retrowalk.const import DOMAIN

from .conftest import AddPerson, person_entry
from .test_session import START, advance, state


async def press(hass: HomeAssistant, entity_id: str) -> None:
    """Press a button."""
    await hass.services.async_call(
        "button", "press", {"entity_id": entity_id}, blocking=True
    )
    await hass.async_block_till_done()


@pytest.mark.freeze_time(START)
async def test_buttons_drive_a_session(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, alex: MockConfigEntry
) -> None:
    """Start, pause, resume and stop with the buttons."""
    await press(hass, "button.alex_start_session")
    assert state(hass, "sensor.alex_phase") == "warmup"
    await press(hass, "button.alex_pause_or_resume")
    assert state(hass, "sensor.alex_phase") == "paused"
    await press(hass, "button.alex_pause_or_resume")
    assert state(hass, "sensor.alex_phase") == "warmup"
    await advance(hass, freezer, 90)
    await press(hass, "button.alex_stop_session")
    assert state(hass, "sensor.alex_phase") == "finished"
    with pytest.raises(ServiceValidationError):
        await press(hass, "button.alex_stop_session")


@pytest.mark.freeze_time(START)
async def test_switch_starts_and_stops(
    hass: HomeAssistant, alex: MockConfigEntry
) -> None:
    """Turning the session switch on starts, off stops; repeats change nothing."""
    for service, expected in (
        ("turn_on", "on"),
        ("turn_on", "on"),
        ("turn_off", "off"),
        ("turn_off", "off"),
    ):
        await hass.services.async_call(
            "switch", service, {"entity_id": "switch.alex_session"}, blocking=True
        )
        await hass.async_block_till_done()
        assert state(hass, "switch.alex_session") == expected
    switch = hass.states.get("switch.alex_session")
    assert switch is not None
    assert switch.attributes["finishes_at"] is None
    assert switch.attributes["last_transition"] == "2026-11-23T08:00:00+00:00"


@pytest.mark.freeze_time(START)
async def test_next_session_settings_are_used(
    hass: HomeAssistant, alex: MockConfigEntry
) -> None:
    """Program, length, speed and incline set on the entities shape the next start."""
    await hass.services.async_call(
        "select",
        "select_option",
        {"entity_id": "select.alex_program", "option": "treadmill_hill"},
        blocking=True,
    )
    for entity_id, value in (
        ("number.alex_session_length", 20),
        ("number.alex_backward_speed", 2.5),
        ("number.alex_incline", 5),
    ):
        await hass.services.async_call(
            "number",
            "set_value",
            {"entity_id": entity_id, "value": value},
            blocking=True,
        )
    assert state(hass, "select.alex_program") == "treadmill_hill"
    number = hass.states.get("number.alex_backward_speed")
    assert number is not None
    assert number.attributes["unit_of_measurement"] == "km/h"
    assert number.attributes["max"] == pytest.approx(5.0)
    await press(hass, "button.alex_start_session")
    active = alex.runtime_data.controller.active
    assert active is not None
    assert active.program == "treadmill_hill"
    assert active.base_duration_s == 1200
    assert active.speed_m_s == pytest.approx(2.5 / 3.6)
    assert active.grade == pytest.approx(0.05)
    with pytest.raises(ServiceValidationError):
        await hass.services.async_call(
            "number",
            "set_value",
            {"entity_id": "number.alex_backward_speed", "value": 9},
            blocking=True,
        )


async def test_us_units(hass: HomeAssistant, add_person: AddPerson) -> None:
    """Speeds in mph and distances in miles with US customary units."""
    hass.config.units = US_CUSTOMARY_SYSTEM
    await add_person()
    speed = hass.states.get("sensor.alex_speed")
    distance = hass.states.get("sensor.alex_lifetime_distance")
    number = hass.states.get("number.alex_backward_speed")
    assert speed is not None
    assert distance is not None
    assert number is not None
    assert speed.attributes["unit_of_measurement"] == "mph"
    assert distance.attributes["unit_of_measurement"] == "mi"
    assert number.attributes["unit_of_measurement"] == "mph"
    # The plan's 0.6 m/s for a regular walker, rounded to the mph step.
    assert float(number.state) == pytest.approx(1.3)


ENABLED_BY_DEFAULT = {
    "switch.session",
    "button.pause_resume",
    *(
        f"sensor.{key}"
        for key in (
            "speed",
            "distance",
            "steps",
            "energy",
            "goal_progress",
            "streak",
        )
    ),
    "number.duration",
    "number.speed",
    "binary_sensor.safe_to_start",
    "calendar.plan",
    "event.reminder",
}
"""What a new user sees; the card relies on these (and only these).

The phase and next-session sensors are disabled: the session switch carries
both, and their changes would add five logbook lines to every session.
"""


@pytest.mark.default_entities
async def test_entity_defaults(
    hass: HomeAssistant, entity_registry: er.EntityRegistry, alex: MockConfigEntry
) -> None:
    """At most 15 entities enabled; the rest kept but disabled; categories set."""
    enabled = {
        f"{entry.domain}.{entry.unique_id.removeprefix(f'{alex.entry_id}_')}"
        for entry in er.async_entries_for_config_entry(entity_registry, alex.entry_id)
        if entry.disabled_by is None
    }
    assert enabled == ENABLED_BY_DEFAULT
    assert len(enabled) <= 15
    for entity_id in (
        "sensor.alex_time_walked",
        "sensor.alex_time_left",
        "sensor.alex_lifetime_steps",
    ):
        entry = entity_registry.async_get(entity_id)
        assert entry is not None
        assert entry.disabled_by is er.RegistryEntryDisabler.INTEGRATION
    met = entity_registry.async_get("sensor.alex_current_met")
    assert met is not None
    assert met.entity_category == "diagnostic"
    number = entity_registry.async_get("number.alex_session_length")
    assert number is not None
    assert number.entity_category == "config"
    entries = er.async_entries_for_config_entry(entity_registry, alex.entry_id)
    assert all(entry.translation_key for entry in entries)
    assert len({entry.device_id for entry in entries}) == 1
    device = dr.async_get(hass).async_get(entries[0].device_id or "")
    assert device is not None
    assert (device.manufacturer, device.model) == ("Retrowalk", None)
    assert sorted(
        f"{entry.domain}.{entry.unique_id.removeprefix(f'{alex.entry_id}_')}"
        for entry in entries
    ) == sorted(
        [
            "binary_sensor.running",
            "binary_sensor.safe_to_start",
            "button.pause_resume",
            "button.start",
            "button.stop",
            "calendar.plan",
            "event.reminder",
            "number.duration",
            "number.incline",
            "number.speed",
            "select.program",
            "switch.session",
            *(
                f"sensor.{key}"
                for key in (
                    "phase",
                    "elapsed",
                    "remaining",
                    "ends_at",
                    "speed",
                    "distance",
                    "steps",
                    "met",
                    "energy",
                    "week_sessions",
                    "week_minutes",
                    "week_energy",
                    "goal_progress",
                    "streak",
                    "last_session",
                    "lifetime_minutes",
                    "lifetime_distance",
                    "lifetime_energy",
                    "lifetime_steps",
                    "next_session",
                )
            ),
        ]
    )


@pytest.mark.freeze_time(START)
async def test_disabled_time_sensors_work_when_enabled(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    entity_registry: er.EntityRegistry,
    alex: MockConfigEntry,
) -> None:
    """Time walked and time left follow the session once enabled."""
    for entity_id in (
        "sensor.alex_time_walked",
        "sensor.alex_time_left",
        "sensor.alex_lifetime_steps",
    ):
        entity_registry.async_update_entity(entity_id, disabled_by=None)
    await hass.config_entries.async_reload(alex.entry_id)
    await hass.async_block_till_done()
    await hass.services.async_call(
        "retrowalk", "start_session", {"duration": 10}, blocking=True
    )
    await advance(hass, freezer, 120)
    assert float(state(hass, "sensor.alex_time_walked")) == pytest.approx(2)
    assert float(state(hass, "sensor.alex_time_left")) == pytest.approx(8)
    assert float(state(hass, "sensor.alex_current_met")) > 1


async def test_lifetime_steps_when_turned_on(
    hass: HomeAssistant, entity_registry: er.EntityRegistry, alex: MockConfigEntry
) -> None:
    """The disabled-by-default lifetime steps count every recorded session."""
    entity_registry.async_update_entity("sensor.alex_lifetime_steps", disabled_by=None)
    assert await hass.config_entries.async_reload(alex.entry_id)
    await hass.async_block_till_done()
    for day in ("2026-11-17", "2026-11-18"):
        await hass.services.async_call(
            DOMAIN,
            "log_session",
            {"started_at": f"{day}T06:00:00+00:00", "duration": 20},
            blocking=True,
            return_response=True,
        )
    await hass.async_block_till_done()
    state = hass.states.get("sensor.alex_lifetime_steps")
    assert state is not None
    records = alex.runtime_data.storage.sessions
    assert float(state.state) == round(sum(record.steps for record in records))
    assert float(state.state) > 0
    assert state.attributes["unit_of_measurement"] == "steps"


async def test_units_and_states_in_the_users_language(
    hass: HomeAssistant, alex: MockConfigEntry
) -> None:
    """Counted units come from the translations: the frontend shows them translated."""
    units = []
    for entity_id in (
        "sensor.alex_session_steps",
        "sensor.alex_sessions_this_week",
        "sensor.alex_streak",
    ):
        found = hass.states.get(entity_id)
        assert found is not None, entity_id
        units.append(found.attributes["unit_of_measurement"])
    assert units == ["steps", "sessions", "weeks"]
    german = await async_get_translations(hass, "de", "entity", ["retrowalk"])
    assert [
        german[f"component.retrowalk.entity.sensor.{key}.unit_of_measurement"]
        for key in ("steps", "week_sessions", "streak")
    ] == ["Schritte", "Trainings", "Wochen"]
    # Not the "running" device class, whose "off" reads as "out of order" in German.
    walking = hass.states.get("binary_sensor.alex_walking")
    assert walking is not None
    assert "device_class" not in walking.attributes
    assert german["component.retrowalk.entity.binary_sensor.running.state.off"] == (
        "Geht gerade nicht"
    )


async def test_a_person_is_a_device_added_as_a_person(
    hass: HomeAssistant, device_registry: dr.DeviceRegistry
) -> None:
    """The integration page counts devices and its button says "Add person".

    A device an older version registered as a service becomes a plain device.
    """
    entry = person_entry()
    entry.add_to_hass(hass)
    device_registry.async_get_or_create(
        config_entry_id=entry.entry_id,
        identifiers={("retrowalk", entry.entry_id)},
        entry_type=dr.DeviceEntryType.SERVICE,
    )
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    [device] = dr.async_entries_for_config_entry(device_registry, entry.entry_id)
    assert device.entry_type is None
    integration = await async_get_integration(hass, "retrowalk")
    assert integration.integration_type == "device"
    texts = await async_get_translations(hass, "de", "config", ["retrowalk"])
    assert texts["component.retrowalk.config.initiate_flow.user"] == "Person hinzufügen"


STANDARD_ATTRIBUTES = {
    "friendly_name",
    "unit_of_measurement",
    "device_class",
    "state_class",
    "options",
    "last_reset",
    "min",
    "max",
    "step",
    "mode",
    "event_types",
    "event_type",
    "message",
    "all_day",
    "start_time",
    "end_time",
    "location",
    "description",
    "supported_features",
    "icon",
}
"""Attributes Home Assistant itself names and shows (or the calendar's own)."""


@pytest.mark.freeze_time(START)
async def test_every_attribute_has_a_name_in_every_language(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, alex: MockConfigEntry
) -> None:
    """What the more-info dialog lists is named (and its values translated) in 5 languages."""
    await hass.services.async_call(
        "retrowalk", "start_session", {"duration": 10}, blocking=True
    )
    await advance(hass, freezer, 120)
    registry = er.async_get(hass)
    for language in ("en", "de", "fr", "es", "nl"):
        texts = await async_get_translations(hass, language, "entity", ["retrowalk"])
        for entry in er.async_entries_for_config_entry(registry, alex.entry_id):
            found = hass.states.get(entry.entity_id)
            assert found is not None
            prefix = (
                f"component.retrowalk.entity.{entry.domain}.{entry.translation_key}"
                ".state_attributes"
            )
            for attribute in set(found.attributes) - STANDARD_ATTRIBUTES:
                assert f"{prefix}.{attribute}.name" in texts, (
                    language,
                    entry.entity_id,
                )
