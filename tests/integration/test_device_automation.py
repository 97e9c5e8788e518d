"""Device triggers and conditions of a person, run through real automations."""

from __future__ import annotations

from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.device_automation import (
    DeviceAutomationType,
    InvalidDeviceAutomationConfig,
    async_get_device_automations,
)
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.helpers import device_registry as dr
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_mock_service,
)

from custom_components.retrowalk import device_condition, device_trigger
from custom_components.retrowalk.const import DOMAIN, EVENT_REMINDER, EVENT_SESSION
from custom_components.retrowalk.sim.reminders import ReminderType

from .conftest import AddPerson
from .test_session import START, advance, call

SESSION_TYPES = ["started", "paused", "resumed", "extended", "finished", "stopped"]


def device_of(hass: HomeAssistant, entry: MockConfigEntry) -> str:
    """The id of a person's device."""
    (device,) = dr.async_entries_for_config_entry(dr.async_get(hass), entry.entry_id)
    assert (DOMAIN, entry.entry_id) in device.identifiers
    return device.id


def device_trigger_config(device_id: str, kind: str, **extra: Any) -> dict[str, Any]:
    """A device trigger of retrowalk."""
    return {
        "trigger": "device",
        "domain": DOMAIN,
        "device_id": device_id,
        "type": kind,
        "id": f"{kind}{'-' + extra['subtype'] if extra else ''}",
        **extra,
    }


async def automate(
    hass: HomeAssistant,
    triggers: list[dict[str, Any]],
    conditions: list[dict[str, Any]] | None = None,
) -> list[ServiceCall]:
    """One automation calling ``test.automation`` with the trigger id; returns the calls."""
    calls = async_mock_service(hass, "test", "automation")
    assert await async_setup_component(
        hass,
        "automation",
        {
            "automation": {
                "alias": "hooks",
                "triggers": triggers,
                "conditions": conditions or [],
                "actions": {
                    "action": "test.automation",
                    "data": {
                        "id": "{{ trigger.id }}",
                        "name": "{{ trigger.event.data.name if 'event' in trigger"
                        " else '' }}",
                    },
                },
            }
        },
    )
    await hass.async_block_till_done()
    return calls


async def test_triggers_and_conditions_are_listed(
    hass: HomeAssistant, alex: MockConfigEntry
) -> None:
    """Six session triggers, one reminder trigger per type, three conditions."""
    device_id = device_of(hass, alex)
    triggers = (
        await async_get_device_automations(
            hass, DeviceAutomationType.TRIGGER, [device_id]
        )
    )[device_id]
    listed = {(t["type"], t.get("subtype")) for t in triggers if t["domain"] == DOMAIN}
    assert listed == {(kind, None) for kind in SESSION_TYPES} | {
        ("reminder", kind.value) for kind in ReminderType
    }
    assert all(t["device_id"] == device_id for t in triggers)
    conditions = (
        await async_get_device_automations(
            hass, DeviceAutomationType.CONDITION, [device_id]
        )
    )[device_id]
    assert {c["type"] for c in conditions if c["domain"] == DOMAIN} == {
        "is_running",
        "is_paused",
        "is_idle",
    }


@pytest.mark.freeze_time(START)
async def test_session_triggers_fire_for_their_person_only(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, add_person: AddPerson
) -> None:
    """Each transition of Alex's session runs the automation once; Bob's do not."""
    alex = await add_person("Alex")
    bob = await add_person("Bob")
    alex_device = device_of(hass, alex)
    calls = await automate(
        hass,
        [device_trigger_config(alex_device, kind) for kind in SESSION_TYPES],
    )
    await call(hass, "start_session", config_entry_id=bob.entry_id, duration=5)
    await call(hass, "stop_session", config_entry_id=bob.entry_id)
    assert calls == []

    alex_id = alex.entry_id
    await call(hass, "start_session", config_entry_id=alex_id, duration=5)
    await call(hass, "pause_session", config_entry_id=alex_id)
    await call(hass, "resume_session", config_entry_id=alex_id)
    await call(hass, "extend_session", config_entry_id=alex_id, minutes=2)
    await advance(hass, freezer, 3 * 60)
    await call(hass, "stop_session", config_entry_id=alex_id)
    await call(hass, "start_session", config_entry_id=alex_id, duration=2)
    await advance(hass, freezer, 2 * 60 + 1)

    assert [c.data["id"] for c in calls] == [
        "started",
        "paused",
        "resumed",
        "extended",
        "stopped",
        "started",
        "finished",
    ]
    assert {c.data["name"] for c in calls} == {"Alex"}


async def test_reminder_trigger_fires_for_its_type_only(
    hass: HomeAssistant, add_person: AddPerson
) -> None:
    """A ``retrowalk_reminder`` event runs the trigger of its type and person."""
    alex = await add_person("Alex")
    bob = await add_person("Bob")
    calls = await automate(
        hass,
        [
            device_trigger_config(device_of(hass, alex), "reminder", subtype=kind)
            for kind in ("hydrate", "check_path")
        ],
    )
    for entry, kind in ((alex, "hydrate"), (bob, "check_path"), (alex, "slow_down")):
        hass.bus.async_fire(
            EVENT_REMINDER,
            {"config_entry_id": entry.entry_id, "name": entry.title, "type": kind},
        )
    # A session event of the same person with a reminder's name is not a reminder.
    hass.bus.async_fire(
        EVENT_SESSION,
        {"config_entry_id": alex.entry_id, "name": "Alex", "type": "check_path"},
    )
    await hass.async_block_till_done()
    assert [c.data["id"] for c in calls] == ["reminder-hydrate"]


@pytest.mark.freeze_time(START)
async def test_conditions_follow_the_controller(
    hass: HomeAssistant, add_person: AddPerson
) -> None:
    """Running, paused and idle, read from the session controller."""
    alex = await add_person("Alex")
    device_id = device_of(hass, alex)
    calls = await automate(
        hass,
        [
            {"trigger": "event", "event_type": f"check_{kind}", "id": kind}
            for kind in device_condition.CONDITION_TYPES
        ],
        [
            {
                "condition": "or",
                "conditions": [
                    {
                        "condition": "and",
                        "conditions": [
                            {"condition": "trigger", "id": kind},
                            {
                                "condition": "device",
                                "domain": DOMAIN,
                                "device_id": device_id,
                                "type": kind,
                            },
                        ],
                    }
                    for kind in device_condition.CONDITION_TYPES
                ],
            }
        ],
    )

    async def holding() -> list[str]:
        calls.clear()
        for kind in device_condition.CONDITION_TYPES:
            hass.bus.async_fire(f"check_{kind}")
        await hass.async_block_till_done()
        return [c.data["id"] for c in calls]

    assert await holding() == ["is_idle"]
    await call(hass, "start_session", duration=10)
    assert await holding() == ["is_running"]
    await call(hass, "pause_session")
    assert await holding() == ["is_paused"]
    await call(hass, "resume_session")
    assert await holding() == ["is_running"]
    await call(hass, "stop_session")
    assert await holding() == ["is_idle"]
    # Unloaded, nothing is known: every condition is false.
    await hass.config_entries.async_unload(alex.entry_id)
    await hass.async_block_till_done()
    assert await holding() == []


async def test_invalid_configs_are_refused(
    hass: HomeAssistant, alex: MockConfigEntry
) -> None:
    """A reminder needs its type, a session trigger takes none, devices must be people."""
    device_id = device_of(hass, alex)
    base = {"platform": "device", "domain": DOMAIN, "device_id": device_id}
    with pytest.raises(InvalidDeviceAutomationConfig):
        await device_trigger.async_validate_trigger_config(
            hass, {**base, "type": "reminder"}
        )
    with pytest.raises(InvalidDeviceAutomationConfig):
        await device_trigger.async_validate_trigger_config(
            hass, {**base, "type": "started", "subtype": "hydrate"}
        )
    valid = await device_trigger.async_validate_trigger_config(
        hass, {**base, "type": "reminder", "subtype": "hydrate"}
    )
    assert valid["subtype"] == "hydrate"

    other = MockConfigEntry(domain="other")
    other.add_to_hass(hass)
    stranger = dr.async_get(hass).async_get_or_create(
        config_entry_id=other.entry_id, identifiers={("other", "x")}
    )
    with pytest.raises(InvalidDeviceAutomationConfig):
        await device_trigger.async_validate_trigger_config(
            hass, {**base, "device_id": stranger.id, "type": "started"}
        )
    with pytest.raises(InvalidDeviceAutomationConfig):
        await device_condition.async_validate_condition_config(
            hass,
            {
                "condition": "device",
                "domain": DOMAIN,
                "device_id": stranger.id,
                "type": "is_running",
            },
        )
    checked = await device_condition.async_validate_condition_config(
        hass,
        {
            "condition": "device",
            "domain": DOMAIN,
            "device_id": device_id,
            "type": "is_paused",
        },
    )
    assert checked["type"] == "is_paused"
