"""The heart-rate energy estimate, pushed by the sensor's readings."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
)

from custom_components.retrowalk.const import DOMAIN

from .conftest import person_entry

START = "2026-11-23T18:00:00+00:00"
PULSE = "sensor.watch_heart_rate"
# Keytel 2005 for a 40-year-old man of 70 kg, in kcal/min.
KEYTEL_100 = (-55.0969 + 0.6309 * 100 + 0.1988 * 70 + 0.2017 * 40) / 4.184
KEYTEL_120 = (-55.0969 + 0.6309 * 120 + 0.1988 * 70 + 0.2017 * 40) / 4.184


async def set_up(hass: HomeAssistant, **data: object) -> MockConfigEntry:
    """Alex with a heart-rate sensor and, unless overridden, sex and age."""
    await hass.config.async_set_time_zone("Europe/Amsterdam")
    base = person_entry(heart_rate_sensor=PULSE)
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="Alex",
        unique_id="alex",
        data=dict(base.data) | {"sex": "male", "age": 40} | data,
        options=dict(base.options),
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry


async def tick(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, seconds: int
) -> None:
    """Move time on."""
    freezer.tick(timedelta(seconds=seconds))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()


async def act(hass: HomeAssistant, action: str, **data: object) -> None:
    """Call a retrowalk action and let its effects settle."""
    await hass.services.async_call(DOMAIN, action, data, blocking=True)
    await hass.async_block_till_done()


async def pulse(hass: HomeAssistant, bpm: str) -> None:
    """The watch reports a reading."""
    hass.states.async_set(PULSE, bpm)
    await hass.async_block_till_done()


def recorded_kcal(entry: MockConfigEntry) -> float | None:
    """The heart-rate energy of the one recorded session."""
    (record,) = entry.runtime_data.storage.sessions
    return record.heart_rate_kcal


def heart_rate_kcal(hass: HomeAssistant) -> float:
    """The heart-rate energy sensor's value."""
    state = hass.states.get("sensor.alex_session_energy_heart_rate")
    assert state is not None
    return float(state.state)


@pytest.mark.freeze_time(START)
async def test_readings_add_up_without_pauses(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Each reading counts until the next; a pause counts nothing."""
    hass.states.async_set(PULSE, "100")
    entry = await set_up(hass)
    await act(hass, "start_session", duration=10)
    await tick(hass, freezer, 60)
    await pulse(hass, "120")
    await tick(hass, freezer, 60)
    assert heart_rate_kcal(hass) == pytest.approx(KEYTEL_100 + KEYTEL_120, abs=0.01)

    await act(hass, "pause_session")
    await tick(hass, freezer, 300)
    await pulse(hass, "unavailable")
    await act(hass, "resume_session")
    await tick(hass, freezer, 60)
    await pulse(hass, "120")
    await act(hass, "stop_session")

    assert recorded_kcal(entry) == pytest.approx(KEYTEL_100 + KEYTEL_120, abs=0.01)
    assert heart_rate_kcal(hass) == pytest.approx(recorded_kcal(entry))


@pytest.mark.freeze_time(START)
async def test_a_stale_reading_stops_counting(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """A sensor that goes quiet counts for two minutes at most."""
    hass.states.async_set(PULSE, "100")
    entry = await set_up(hass)
    await act(hass, "start_session", duration=10)
    await tick(hass, freezer, 300)
    await act(hass, "stop_session")
    assert recorded_kcal(entry) == pytest.approx(2 * KEYTEL_100, abs=0.01)


async def test_no_sensor_without_sex_and_age(
    hass: HomeAssistant, entity_registry: er.EntityRegistry
) -> None:
    """Keytel needs sex and age: without them there is no heart-rate sensor."""
    entry = await set_up(hass, sex=None, age=None)
    assert not [
        item
        for item in er.async_entries_for_config_entry(entity_registry, entry.entry_id)
        if item.translation_key == "heart_rate_energy"
    ]


@pytest.mark.freeze_time(START)
async def test_unusable_readings_count_nothing(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Text, out-of-range values and readings between sessions add nothing."""
    hass.states.async_set(PULSE, "fast")
    entry = await set_up(hass)
    hass.states.async_set(PULSE, "100")  # no session yet: ignored
    await hass.async_block_till_done()
    hass.states.async_set(PULSE, "fast")
    await act(hass, "start_session", duration=10)
    await tick(hass, freezer, 60)
    await pulse(hass, "300")
    await tick(hass, freezer, 60)
    await act(hass, "stop_session")
    assert recorded_kcal(entry) == 0.0


@pytest.mark.freeze_time(START)
async def test_a_steady_value_reported_again_keeps_counting(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """A sensor repeating the same value (state_reported, no state change) still counts."""
    hass.states.async_set(PULSE, "100")
    entry = await set_up(hass)
    await act(hass, "start_session", duration=10)
    for _ in range(10):
        await tick(hass, freezer, 30)
        await pulse(hass, "100")
    await act(hass, "stop_session")
    assert recorded_kcal(entry) == pytest.approx(5 * KEYTEL_100, abs=0.01)


@pytest.mark.freeze_time(START)
async def test_reload_keeps_the_pending_total(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Unloading writes what is pending, so a reload neither loses nor revives anything."""
    hass.states.async_set(PULSE, "100")
    entry = await set_up(hass)
    await act(hass, "start_session", duration=10)
    await tick(hass, freezer, 60)
    await pulse(hass, "120")
    await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    active = entry.runtime_data.controller.active
    assert active is not None
    assert active.heart_rate_kcal == pytest.approx(KEYTEL_100, abs=0.01)
    await act(hass, "stop_session")
    await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.runtime_data.controller.active is None
    assert len(entry.runtime_data.storage.sessions) == 1


@pytest.mark.freeze_time(START)
async def test_frequent_readings_are_saved_during_the_session(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    hass_storage: dict[str, Any],
) -> None:
    """Readings every 5 s do not keep postponing the save: it comes within 31 s."""
    await pulse(hass, "100")
    entry = await set_up(hass)
    await act(hass, "start_session", duration=10)
    for _ in range(7):
        await tick(hass, freezer, 5)
        await pulse(hass, "100")
    await tick(hass, freezer, 1)
    stored = hass_storage[f"{DOMAIN}.{entry.entry_id}"]["data"]["active"]
    assert stored["heart_rate_kcal"] == pytest.approx(30 / 60 * KEYTEL_100, abs=0.01)


@pytest.mark.default_entities
async def test_heart_rate_energy_keeps_the_person_within_15_entities(
    hass: HomeAssistant, entity_registry: er.EntityRegistry
) -> None:
    """With a heart-rate sensor the extra energy sensor is on: 14 entities in all."""
    entry = await set_up(hass)
    entries = er.async_entries_for_config_entry(entity_registry, entry.entry_id)
    [heart] = [e for e in entries if e.translation_key == "heart_rate_energy"]
    assert heart.disabled_by is None
    assert len([e for e in entries if e.disabled_by is None]) == 14
