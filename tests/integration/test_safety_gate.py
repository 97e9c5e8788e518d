"""The safety gate: the safe-to-start sensor, refused starts and warned starts."""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from custom_components.retrowalk.const import DOMAIN

from .conftest import AddPerson, person_entry

LIGHT = "sensor.hallway_light"


def verdict(hass: HomeAssistant, name: str = "alex") -> tuple[str, str, list[str]]:
    """State, verdict and reasons of the safe-to-start sensor."""
    found = hass.states.get(f"binary_sensor.{name}_safe_to_start")
    assert found is not None
    return found.state, found.attributes["verdict"], found.attributes["reasons"]


async def start(hass: HomeAssistant, **data: Any) -> Any:
    """Start a session through the action and return its response."""
    return await hass.services.async_call(
        DOMAIN, "start_session", data, blocking=True, return_response=True
    )


def phase(hass: HomeAssistant, name: str = "alex") -> str:
    """The session phase of a person."""
    found = hass.states.get(f"sensor.{name}_phase")
    assert found is not None
    return found.state


async def notifications(
    hass: HomeAssistant, hass_ws_client: WebSocketGenerator
) -> list[dict[str, Any]]:
    """The persistent notifications, read through the websocket API."""
    client = await hass_ws_client(hass)
    await client.send_json_auto_id({"type": "persistent_notification/get"})
    reply = await client.receive_json()
    assert reply["success"]
    result: list[dict[str, Any]] = reply["result"]
    return result


async def test_all_clear_on_a_treadmill_with_handrails(
    hass: HomeAssistant, alex: MockConfigEntry, hass_ws_client: WebSocketGenerator
) -> None:
    """No light sensor on a treadmill is no finding; the start says nothing."""
    await async_setup_component(hass, "persistent_notification", {})
    assert verdict(hass) == ("on", "ok", [])
    assert await start(hass, duration=10) == {"verdict": "ok", "reasons": []}
    assert phase(hass) == "warmup"
    assert await notifications(hass, hass_ws_client) == []


async def test_dim_hallway_refuses_until_the_light_is_on(
    hass: HomeAssistant, add_person: AddPerson
) -> None:
    """Dim light away from a treadmill blocks every way of starting."""
    hass.states.async_set(LIGHT, "12", {"unit_of_measurement": "lx"})
    await add_person(
        surface="indoor_hallway", illuminance_sensor=LIGHT, lux_threshold=50
    )
    assert verdict(hass) == ("off", "block", ["too_dark"])

    with pytest.raises(ServiceValidationError) as refused:
        await start(hass, duration=10)
    assert refused.value.translation_key == "unsafe_start"
    assert refused.value.translation_placeholders == {
        "name": "Alex",
        "reasons": "It is too dark to walk backwards",
    }
    assert str(refused.value).startswith(
        "Alex cannot start a session now: It is too dark to walk backwards"
    )
    with pytest.raises(ServiceValidationError):
        await hass.services.async_call(
            "button", "press", {"entity_id": "button.alex_start_session"}, blocking=True
        )
    with pytest.raises(ServiceValidationError):
        await hass.services.async_call(
            "switch", "turn_on", {"entity_id": "switch.alex_session"}, blocking=True
        )
    assert phase(hass) == "idle"

    hass.states.async_set(LIGHT, "300", {"unit_of_measurement": "lx"})
    await hass.async_block_till_done()
    assert verdict(hass) == ("on", "ok", [])
    await start(hass, duration=10)
    assert phase(hass) == "warmup"


@pytest.mark.parametrize("reading", ["unavailable", "unknown", "bright", "-5"])
async def test_unreadable_light_warns(
    hass: HomeAssistant, add_person: AddPerson, reading: str
) -> None:
    """A configured sensor that gives no usable reading is a warning, not a block."""
    hass.states.async_set(LIGHT, reading)
    await add_person(surface="indoor_hallway", illuminance_sensor=LIGHT)
    assert verdict(hass) == ("on", "warn", ["light_unknown"])


async def test_warning_starts_and_notifies_unless_acknowledged(
    hass: HomeAssistant, add_person: AddPerson, hass_ws_client: WebSocketGenerator
) -> None:
    """A treadmill without handrails warns: the session starts and the person is told."""
    await async_setup_component(hass, "persistent_notification", {})
    alex = await add_person(surface="treadmill_no_handrails")
    sam = await add_person("Sam", surface="treadmill_no_handrails")
    assert verdict(hass) == ("on", "warn", ["no_handrails"])

    response = await start(hass, config_entry_id=alex.entry_id, duration=10)
    assert response == {"verdict": "warn", "reasons": ["no_handrails"]}
    assert phase(hass) == "warmup"
    (notice,) = await notifications(hass, hass_ws_client)
    assert notice["notification_id"] == f"retrowalk_safety_{alex.entry_id}"
    assert notice["title"] == "Retrowalk: take care, Alex"
    assert "The treadmill has no handrails" in notice["message"]

    await start(
        hass, config_entry_id=sam.entry_id, duration=10, acknowledge_warnings=True
    )
    assert phase(hass, "sam") == "warmup"
    assert len(await notifications(hass, hass_ws_client)) == 1
    await hass.services.async_call(
        DOMAIN, "stop_session", {"config_entry_id": alex.entry_id}, blocking=True
    )
    assert await notifications(hass, hass_ws_client) == []


@pytest.mark.parametrize(
    ("sun", "expected"),
    [
        ("below_horizon", ("off", "block", ["dark_outdoors"])),
        ("above_horizon", ("on", "ok", [])),
        (None, ("on", "warn", ["light_unknown"])),
    ],
)
async def test_outdoors_follows_the_sun(
    hass: HomeAssistant,
    add_person: AddPerson,
    sun: str | None,
    expected: tuple[str, str, list[str]],
) -> None:
    """Outdoors without a light sensor, the sun decides."""
    if sun is not None:
        hass.states.async_set("sun.sun", sun)
    await add_person(surface="outdoor_path")
    assert verdict(hass) == expected


async def test_sunset_changes_the_verdict(
    hass: HomeAssistant, add_person: AddPerson
) -> None:
    """The sensor follows the sun without any session change."""
    hass.states.async_set("sun.sun", "above_horizon")
    await add_person(surface="outdoor_path")
    assert verdict(hass)[0] == "on"
    hass.states.async_set("sun.sun", "below_horizon")
    await hass.async_block_till_done()
    assert verdict(hass) == ("off", "block", ["dark_outdoors"])


async def test_health_flags_block_or_warn(hass: HomeAssistant) -> None:
    """An eye condition blocks; a recent injury only warns."""
    entry = person_entry()
    flagged = MockConfigEntry(
        domain=DOMAIN,
        title="Alex",
        unique_id="alex",
        data=dict(entry.data)
        | {"contraindications": ["recent_injury", "eye_condition"]},
        options=dict(entry.options),
    )
    flagged.add_to_hass(hass)
    assert await hass.config_entries.async_setup(flagged.entry_id)
    await hass.async_block_till_done()
    assert verdict(hass) == ("off", "block", ["eye_condition", "recent_injury"])
    with pytest.raises(ServiceValidationError) as refused:
        await start(hass)
    assert refused.value.translation_placeholders["reasons"] == (
        "An eye condition was reported; A recent injury was reported"
    )
