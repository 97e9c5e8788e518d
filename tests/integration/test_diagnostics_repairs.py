"""Diagnostics redaction, the missing-sensor repair and storage migration."""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er, issue_registry as ir
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.retrowalk.const import DOMAIN

from .conftest import AddPerson, person_entry


async def test_diagnostics_redact_body_data(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    add_person: AddPerson,
) -> None:
    """Weight, height, age, sex and the heart-rate sensor are redacted."""
    assert await async_setup_component(hass, "diagnostics", {})
    entry = person_entry(heart_rate_sensor="sensor.pulse")
    entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(
        entry, data=entry.data | {"height": 180, "age": 44, "sex": "male"}
    )
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.services.async_call(DOMAIN, "start_session", {}, blocking=True)
    result: dict[str, Any] = await get_diagnostics_for_config_entry(
        hass, hass_client, entry
    )
    assert result["entry"]["options"]["weight"] == "**REDACTED**"
    assert result["entry"]["options"]["heart_rate_sensor"] == "**REDACTED**"
    for key in ("height", "age", "sex"):
        assert result["entry"]["data"][key] == "**REDACTED**"
    assert result["entry"]["data"]["name"] == "Alex"
    assert result["phase"] == "warmup"
    assert (
        result["finishes_at"] == entry.runtime_data.controller.finishes_at().isoformat()
    )
    assert 70.0 not in list(_leaves(result))


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
    hass.states.async_set(light.entity_id, "120")
    await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert issue_registry.async_get_issue(DOMAIN, issue_id) is None


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
