"""Diagnostics redaction, the missing-sensor repair and storage migration."""

from __future__ import annotations

from datetime import timedelta
import json
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import __version__ as HA_VERSION
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er, issue_registry as ir
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.retrowalk.const import DOMAIN
from custom_components.retrowalk.diagnostics import async_get_config_entry_diagnostics

from .conftest import AddPerson, person_entry


@pytest.mark.freeze_time("2026-11-23T08:00:00+00:00")
async def test_diagnostics_redact_name_body_and_health_data(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    add_person: AddPerson,
) -> None:
    """Name, body and every session's health data and times are left out; counts stay."""
    assert await async_setup_component(hass, "diagnostics", {})
    entry = person_entry(
        heart_rate_sensor="sensor.pulse", companion_devices=["mobile_app_alex_s_phone"]
    )
    entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(
        entry, data=entry.data | {"height": 180, "age": 44, "sex": "male"}
    )
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.services.async_call(
        DOMAIN,
        "log_session",
        {"started_at": "2026-11-20T07:00:00+00:00", "duration": 20},
        blocking=True,
    )
    await hass.services.async_call(DOMAIN, "start_session", {}, blocking=True)
    freezer.tick(timedelta(minutes=5))
    await hass.services.async_call(DOMAIN, "stop_session", {}, blocking=True)
    await hass.services.async_call(DOMAIN, "start_session", {}, blocking=True)
    await hass.services.async_call(DOMAIN, "pause_session", {}, blocking=True)
    # Called directly: under a frozen clock, the HTTP view's imports fail on 2025.4.
    result = json.loads(
        json.dumps(await async_get_config_entry_diagnostics(hass, entry))
    )
    assert result["entry"]["options"]["weight"] == "**REDACTED**"
    assert result["entry"]["options"]["heart_rate_sensor"] == "**REDACTED**"
    assert result["entry"]["options"]["companion_devices"] == "**REDACTED**"
    # The start and the stop; the second start and its pause wait for the 15 s gap.
    # (The phone's notify action is missing here: each push is tried and logged.)
    assert result["companion"] == {
        "devices": 1,
        "reminders": False,
        "pushes_since_setup": 2,
    }
    for key in ("name", "height", "age", "sex"):
        assert result["entry"]["data"][key] == "**REDACTED**"
    assert result["entry"]["data"]["level"] == "regular"
    assert result["phase"] == "paused"
    assert result["active"]["paused"] is True
    assert result["active"]["pauses"] == 1
    assert result["wake_up_scheduled"] is False
    assert result["sessions"] == {
        "recorded": 2,
        "completed": 1,
        "logged_by_hand": 1,
        "with_heart_rate": 1,
        "programs": {"steady": 2},
    }
    assert result["versions"]["storage"].startswith("1.")
    assert result["versions"]["home_assistant"] == HA_VERSION
    leaves = [str(leaf) for leaf in _leaves(result)]
    assert "Alex" not in leaves
    assert "70.0" not in leaves
    assert not [leaf for leaf in leaves if leaf.startswith("2026-")]
    for record in entry.runtime_data.storage.sessions:
        for value in (record.kcal, record.distance_m, record.steps, record.session_id):
            assert str(value) not in leaves
    assert entry.runtime_data.storage.active is not None
    assert entry.runtime_data.storage.active.session_id not in leaves


async def test_diagnostics_download(
    hass: HomeAssistant, hass_client: ClientSessionGenerator, alex: MockConfigEntry
) -> None:
    """The diagnostics download works and leaves the name out."""
    assert await async_setup_component(hass, "diagnostics", {})
    idle: dict[str, Any] = await get_diagnostics_for_config_entry(
        hass, hass_client, alex
    )
    assert idle["phase"] == "idle"
    assert idle["active"] is None
    await hass.services.async_call(DOMAIN, "start_session", {}, blocking=True)
    result: dict[str, Any] = await get_diagnostics_for_config_entry(
        hass, hass_client, alex
    )
    assert result["entry"]["data"]["name"] == "**REDACTED**"
    assert result["phase"] == "warmup"
    assert result["wake_up_scheduled"] is True


def _leaves(value: Any) -> Any:
    """Every scalar inside nested dicts and lists."""
    if isinstance(value, dict):
        for item in value.values():
            yield from _leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from _leaves(item)
    else:
        yield value


async def test_missing_sensor_raises_and_clears_a_repair(
    hass: HomeAssistant,
    entity_registry: er.EntityRegistry,
    issue_registry: ir.IssueRegistry,
    add_person: AddPerson,
) -> None:
    """A configured sensor that disappears raises a repair issue; it clears when back."""
    light = entity_registry.async_get_or_create(
        "sensor", "test", "lux", suggested_object_id="hall_light"
    )
    entry = await add_person(illuminance_sensor=light.entity_id)
    issue_id = f"missing_sensor_{entry.entry_id}_{light.entity_id}"
    assert issue_registry.async_get_issue(DOMAIN, issue_id) is None
    entity_registry.async_remove(light.entity_id)
    await hass.async_block_till_done()
    issue = issue_registry.async_get_issue(DOMAIN, issue_id)
    assert issue is not None
    assert issue.translation_key == "missing_sensor"
    assert issue.translation_placeholders == {
        "name": "Alex",
        "entity_id": light.entity_id,
    }
    # Back as a state (no reload needed).
    hass.states.async_set(light.entity_id, "120")
    await hass.async_block_till_done()
    assert issue_registry.async_get_issue(DOMAIN, issue_id) is None


async def test_missing_sensor_repair_clears_when_registered_again(
    hass: HomeAssistant,
    entity_registry: er.EntityRegistry,
    issue_registry: ir.IssueRegistry,
    add_person: AddPerson,
) -> None:
    """A sensor registered again under the same entity id clears the issue."""
    light = entity_registry.async_get_or_create(
        "sensor", "test", "lux", suggested_object_id="hall_light"
    )
    entry = await add_person(illuminance_sensor=light.entity_id)
    issue_id = f"missing_sensor_{entry.entry_id}_{light.entity_id}"
    entity_registry.async_remove(light.entity_id)
    await hass.async_block_till_done()
    assert issue_registry.async_get_issue(DOMAIN, issue_id) is not None
    entity_registry.async_get_or_create(
        "sensor", "test", "lux", suggested_object_id="hall_light"
    )
    await hass.async_block_till_done()
    assert issue_registry.async_get_issue(DOMAIN, issue_id) is None


async def test_missing_sensor_repair_clears_with_the_option(
    hass: HomeAssistant, issue_registry: ir.IssueRegistry, add_person: AddPerson
) -> None:
    """Clearing the sensor option clears its issue; the other person's stays."""
    entry = await add_person(
        illuminance_sensor="sensor.gone", heart_rate_sensor="sensor.pulse_gone"
    )
    sam = await add_person("Sam", illuminance_sensor="sensor.gone")
    ids = {
        issue.issue_id
        for issue in issue_registry.issues.values()
        if issue.domain == DOMAIN
    }
    assert ids == {
        f"missing_sensor_{entry.entry_id}_sensor.gone",
        f"missing_sensor_{entry.entry_id}_sensor.pulse_gone",
        f"missing_sensor_{sam.entry_id}_sensor.gone",
    }
    options = dict(entry.options)
    del options["illuminance_sensor"]
    hass.config_entries.async_update_entry(entry, options=options)
    await hass.async_block_till_done()
    assert {
        issue.issue_id
        for issue in issue_registry.issues.values()
        if issue.domain == DOMAIN
    } == ids - {f"missing_sensor_{entry.entry_id}_sensor.gone"}
    # Removing the person removes what is left of theirs.
    assert await hass.config_entries.async_remove(entry.entry_id)
    await hass.async_block_till_done()
    assert {
        issue.issue_id
        for issue in issue_registry.issues.values()
        if issue.domain == DOMAIN
    } == {f"missing_sensor_{sam.entry_id}_sensor.gone"}


async def test_storage_migrates_from_1_1(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    """Sessions stored before 1.2 are read as completed, timer-recorded sessions."""
    entry = person_entry()
    hass_storage[f"{DOMAIN}.{entry.entry_id}"] = {
        "version": 1,
        "minor_version": 1,
        "key": f"{DOMAIN}.{entry.entry_id}",
        "data": {
            "active": None,
            "sessions": [
                {
                    "session_id": "old",
                    "started_at": "2026-11-02T08:00:00+00:00",
                    "ended_at": "2026-11-02T08:20:00+00:00",
                    "active_s": 1200,
                    "planned_s": 1200,
                    "distance_m": 1000,
                    "kcal": 80,
                    "steps": 1500,
                    "program": "steady",
                }
            ],
        },
    }
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    (record,) = entry.runtime_data.storage.sessions
    assert record.completed is True
    assert record.manual is False
    assert hass.states.get("sensor.alex_lifetime_minutes").state == "20.0"


async def test_remove_entry_deletes_history(
    hass: HomeAssistant, hass_storage: dict[str, Any], alex: MockConfigEntry
) -> None:
    """Removing the person removes their stored history."""
    await hass.services.async_call(
        DOMAIN,
        "log_session",
        {"started_at": "2026-11-02T08:00:00+00:00", "duration": 10},
        blocking=True,
    )
    key = f"{DOMAIN}.{alex.entry_id}"
    assert key in hass_storage
    assert await hass.config_entries.async_remove(alex.entry_id)
    await hass.async_block_till_done()
    assert key not in hass_storage
