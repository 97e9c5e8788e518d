"""The logbook of a whole session, read through the logbook's own API."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.recorder.common import (
    async_wait_recording_done,
)
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from custom_components.retrowalk.logbook import describe_session

from .conftest import AddPerson
from .test_session import START, advance, call

STATE_LINES = {"switch.alex_session"}
"""The only entity whose changes the logbook shows: enabled, not continuous."""


@pytest.fixture
def mock_recorder_before_hass(async_setup_recorder_instance: Any) -> None:
    """Set up the recorder before Home Assistant (the logbook reads from it)."""


async def person_logbook(
    hass: HomeAssistant, hass_ws_client: WebSocketGenerator, entry_id: str
) -> list[dict[str, Any]]:
    """The lines of the person's device page: its entities and its device."""
    await async_wait_recording_done(hass)
    [device] = dr.async_entries_for_config_entry(dr.async_get(hass), entry_id)
    entity_ids = [
        entry.entity_id
        for entry in er.async_entries_for_device(er.async_get(hass), device.id)
    ]
    client = await hass_ws_client(hass)
    await client.send_json_auto_id(
        {
            "type": "logbook/get_events",
            "start_time": (
                dt_util.parse_datetime(START) - timedelta(minutes=1)
            ).isoformat(),
            "end_time": (dt_util.utcnow() + timedelta(minutes=1)).isoformat(),
            "entity_ids": entity_ids,
            "device_ids": [device.id],
        }
    )
    response = await client.receive_json()
    assert response["success"], response
    lines: list[dict[str, Any]] = response["result"]
    return [line for line in lines if line.get("entity_id") != "event.alex_reminder"]


@pytest.mark.default_entities
@pytest.mark.freeze_time(START)
@pytest.mark.parametrize(
    ("pause", "budget"),
    [
        pytest.param(False, 4, id="straight"),
        pytest.param(True, 6, id="with-a-pause"),
    ],
)
async def test_a_session_in_the_logbook(
    recorder_mock: Any,
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    freezer: FrozenDateTimeFactory,
    add_person: AddPerson,
    pause: bool,
    budget: int,
) -> None:
    """Sentences for what the person did; no raw figures or technical states."""
    assert await async_setup_component(hass, "logbook", {})
    alex = await add_person()
    await call(hass, "start_session", duration=15)
    await advance(hass, freezer, 7 * 60)
    if pause:
        await call(hass, "pause_session")
        await advance(hass, freezer, 60)
        await call(hass, "resume_session")
    for _minute in range(10):
        await advance(hass, freezer, 60)
    lines = await person_logbook(hass, hass_ws_client, alex.entry_id)
    sentences = [line["message"] for line in lines if line.get("domain") == "retrowalk"]
    assert all(line["name"] == "Alex" for line in lines if "message" in line)
    icons = [line["icon"] for line in lines if line.get("domain") == "retrowalk"]
    paused = ["mdi:pause", "mdi:play-pause"] if pause else []
    assert icons == ["mdi:play", *paused, "mdi:flag-checkered"]
    assert sentences[0] == "started a 15-minute retro walk"
    assert sentences[1:-1] == (
        ["paused the retro walk", "resumed the retro walk"] if pause else []
    )
    assert sentences[-1].startswith("finished a 15-minute retro walk: 0.")
    assert sentences[-1].endswith(" kcal")
    changed = {line["entity_id"] for line in lines if "state" in line}
    assert changed <= STATE_LINES
    assert len(lines) == budget


@pytest.mark.freeze_time(START)
async def test_lines_in_the_system_language(
    recorder_mock: Any,
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    freezer: FrozenDateTimeFactory,
    add_person: AddPerson,
) -> None:
    """German sentences with decimal commas; a short stop says it was not saved."""
    assert await async_setup_component(hass, "logbook", {})
    alex = await add_person()
    await hass.config.async_update(language="de")
    await hass.async_block_till_done()
    await call(hass, "start_session", duration=10)
    await advance(hass, freezer, 30)
    await call(hass, "stop_session")
    await call(hass, "start_session", duration=10)
    await advance(hass, freezer, 4 * 60)
    await call(hass, "extend_session", minutes=5)
    await advance(hass, freezer, 60)
    await call(hass, "stop_session")
    lines = await person_logbook(hass, hass_ws_client, alex.entry_id)
    sentences = [line["message"] for line in lines if line.get("domain") == "retrowalk"]
    assert sentences[:2] == [
        "hat ein 10-minütiges Rückwärtsgehen begonnen",
        "hat das Rückwärtsgehen in der ersten Minute beendet: zu kurz zum Speichern",
    ]
    assert sentences[3] == "hat das Rückwärtsgehen um 5 Minuten verlängert"
    assert sentences[4].startswith(
        "hat das Rückwärtsgehen nach 5 von 15 Minuten beendet: 0,"
    )


async def test_lines_for_older_or_unknown_events(
    hass: HomeAssistant, alex: MockConfigEntry
) -> None:
    """Events recorded by older versions, or of a kind unknown here, still read."""
    assert describe_session(hass, {"type": "started"}) == "started a retro walk"
    assert describe_session(hass, {"type": "phase_changed"}) == "changed the retro walk"
    stopped = {"type": "stopped", "active_s": True, "distance_m": "far"}
    assert describe_session(hass, stopped).startswith("stopped the retro walk within")


async def test_every_pause_reason_reads_in_the_logbook(
    hass: HomeAssistant, alex: MockConfigEntry
) -> None:
    """A pause the person did not make says why; an unknown reason reads as a pause."""
    lines = {
        reason: describe_session(hass, {"type": "paused", "reason": reason})
        for reason in (
            "belt_stopped",
            "treadmill_unavailable",
            "treadmill_not_following",
            "unloaded",
            "home_assistant_stop",
            "from_the_future",
        )
    }
    assert lines == {
        "belt_stopped": "paused the retro walk: the belt stood still",
        "treadmill_unavailable": "paused the retro walk: the treadmill was unavailable",
        "treadmill_not_following": "paused the retro walk: the treadmill did not follow",
        "unloaded": "paused the retro walk: Retrowalk was reloaded",
        "home_assistant_stop": "paused the retro walk: Home Assistant stopped",
        "from_the_future": "paused the retro walk",
    }
