"""Shipped blueprints: installed when absent, valid, and working as automations."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
import shutil
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.blueprint import BLUEPRINT_SCHEMA, models
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr
from homeassistant.setup import async_setup_component
from homeassistant.util.yaml import load_yaml_dict
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
    async_mock_service,
)

from custom_components.retrowalk import blueprints
from custom_components.retrowalk.blueprints import (
    SOURCE,
    STORE_KEY,
    async_install_blueprints,
)

from .conftest import AddPerson

NAMES = sorted(path.name for path in SOURCE.glob("*.yaml"))
START = "2026-11-23T18:00:00+00:00"


def installed(hass: HomeAssistant) -> Path:
    """The folder retrowalk installs its blueprints into."""
    return Path(hass.config.path("blueprints/automation/retrowalk"))


async def use_blueprint(hass: HomeAssistant, name: str, inputs: dict[str, Any]) -> None:
    """Set up one automation from an installed retrowalk blueprint."""
    config = {
        "automation": {
            "id": name,
            "alias": "Blueprint under test",
            "use_blueprint": {"path": f"retrowalk/{name}", "input": inputs},
        }
    }
    assert await async_setup_component(hass, "automation", config)
    await hass.async_block_till_done()
    # An automation whose blueprint or inputs are invalid is not created at all.
    automation = hass.states.get("automation.blueprint_under_test")
    assert automation is not None
    assert automation.state == "on"


def test_four_blueprints_ship() -> None:
    """The blueprints the issues ask for are in the package."""
    assert NAMES == [
        "pause_when_dark_or_away.yaml",
        "planned_session_reminder.yaml",
        "speak_reminders.yaml",
        "upload_to_garmin_connect.yaml",
    ]


@pytest.mark.parametrize("name", NAMES)
def test_blueprint_passes_the_schema(name: str) -> None:
    """Each blueprint is a valid automation blueprint with named inputs."""
    blueprint = models.Blueprint(
        load_yaml_dict(SOURCE / name),
        expected_domain="automation",
        schema=BLUEPRINT_SCHEMA,
    )
    assert blueprint.domain == "automation"
    assert blueprint.inputs
    assert all(spec and spec.get("name") for spec in blueprint.inputs.values())


async def test_installed_on_setup_without_overwriting(
    hass: HomeAssistant, add_person: AddPerson
) -> None:
    """Setup copies missing blueprints and leaves a user's edited copy alone."""
    folder = installed(hass)
    folder.mkdir(parents=True)
    edited = folder / "speak_reminders.yaml"
    edited.write_text("# my own version\n")
    await add_person()
    assert sorted(path.name for path in folder.iterdir()) == NAMES
    assert edited.read_text() == "# my own version\n"
    for name in NAMES:
        if name != edited.name:
            assert (folder / name).read_bytes() == (SOURCE / name).read_bytes()


async def test_a_deleted_blueprint_stays_deleted(
    hass: HomeAssistant,
    add_person: AddPerson,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Deleted once offered: not back at the next start, only with a changed version."""
    folder = installed(hass)
    await add_person()
    deleted = folder / "speak_reminders.yaml"
    deleted.unlink()
    # The next start of Home Assistant installs the blueprints again.
    assert await async_install_blueprints(hass) == []
    assert not deleted.exists()
    # An update ships a changed version of it: offered once more.
    shipped = tmp_path / "shipped"
    shutil.copytree(SOURCE, shipped)
    changed = (shipped / deleted.name).read_text() + "# changed\n"
    (shipped / deleted.name).write_text(changed)
    monkeypatch.setattr(blueprints, "SOURCE", shipped)
    assert await async_install_blueprints(hass) == [deleted.name]
    assert deleted.read_text() == changed
    deleted.unlink()
    assert await async_install_blueprints(hass) == []
    assert sorted(path.name for path in folder.iterdir()) == [
        name for name in NAMES if name != deleted.name
    ]


async def test_a_copy_found_before_the_first_start_counts_as_offered(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    """A copy installed by an older retrowalk, later deleted, does not come back."""
    folder = installed(hass)
    folder.mkdir(parents=True)
    for name in NAMES:
        shutil.copyfile(SOURCE / name, folder / name)
    assert await async_install_blueprints(hass) == []
    assert set(hass_storage[STORE_KEY]["data"]["offered"]) == set(NAMES)
    (folder / NAMES[0]).unlink()
    assert await async_install_blueprints(hass) == []
    assert not (folder / NAMES[0]).exists()


async def test_unwritable_config_folder_is_not_fatal(
    hass: HomeAssistant, add_person: AddPerson, caplog: pytest.LogCaptureFixture
) -> None:
    """A blueprints path that cannot be created is logged; the person still loads."""
    Path(hass.config.path("blueprints")).write_text("not a folder")
    entry = await add_person()
    assert entry.state is ConfigEntryState.LOADED
    assert "Could not install the retrowalk blueprints" in caplog.text


@pytest.mark.freeze_time(START)
async def test_speak_reminders_blueprint(
    hass: HomeAssistant, alex: MockConfigEntry
) -> None:
    """Every reminder is spoken on the chosen media player."""
    spoken = async_mock_service(hass, "tts", "speak")
    await use_blueprint(
        hass,
        "speak_reminders.yaml",
        {
            "reminder_entity": "event.alex_reminder",
            "tts_entity": "tts.piper",
            "media_player": ["media_player.kitchen"],
        },
    )
    await hass.services.async_call(
        "retrowalk", "start_session", {"duration": 10}, blocking=True
    )
    await hass.async_block_till_done()
    assert len(spoken) == 1
    assert spoken[0].data["entity_id"] == ["tts.piper"]
    assert spoken[0].data["media_player_entity_id"] == ["media_player.kitchen"]
    assert spoken[0].data["message"] == (
        "Warm up: walk backwards slowly for a few minutes."
    )


def device_of(hass: HomeAssistant, entry: MockConfigEntry) -> str:
    """The device id of a person."""
    (device,) = dr.async_entries_for_config_entry(dr.async_get(hass), entry.entry_id)
    return device.id


@pytest.mark.parametrize(
    ("light_sensor", "entity_id", "value"),
    [
        ("sensor.room_light", "sensor.room_light", "10"),
        ("sensor.room_light", "zone.home", "0"),
        ("", "zone.home", "0"),
    ],
)
@pytest.mark.freeze_time(START)
async def test_pause_when_dark_or_away_blueprint(
    hass: HomeAssistant,
    add_person: AddPerson,
    light_sensor: str,
    entity_id: str,
    value: str,
) -> None:
    """The person's session pauses when the light drops or the last person leaves."""
    hass.states.async_set("sensor.room_light", "300")
    hass.states.async_set("zone.home", "1")
    alex = await add_person()
    sam = await add_person("Sam")
    await use_blueprint(
        hass,
        "pause_when_dark_or_away.yaml",
        {"person": device_of(hass, alex), "light_sensor": light_sensor, "min_lux": 50},
    )
    for person in (alex, sam):
        await hass.services.async_call(
            "retrowalk",
            "start_session",
            {"config_entry_id": person.entry_id, "duration": 10},
            blocking=True,
        )
    await hass.async_block_till_done()
    assert not alex.runtime_data.controller.paused
    hass.states.async_set(entity_id, value)
    await hass.async_block_till_done()
    assert alex.runtime_data.controller.paused
    assert not sam.runtime_data.controller.paused
    state = hass.states.get("sensor.alex_phase")
    assert state is not None
    assert state.state == "paused"


@pytest.mark.parametrize("light_sensor", [None, ""])
async def test_pause_blueprint_ignores_light_without_a_sensor(
    hass: HomeAssistant, alex: MockConfigEntry, light_sensor: str | None
) -> None:
    """With no light sensor chosen (empty or cleared), only the home zone matters."""
    hass.states.async_set("zone.home", "1")
    await use_blueprint(
        hass,
        "pause_when_dark_or_away.yaml",
        {"person": device_of(hass, alex), "light_sensor": light_sensor, "min_lux": 50},
    )
    await hass.services.async_call(
        "retrowalk", "start_session", {"duration": 10}, blocking=True
    )
    hass.states.async_set("sensor.room_light", "1")
    await hass.async_block_till_done()
    assert not alex.runtime_data.controller.paused
    hass.states.async_set("zone.home", "0")
    await hass.async_block_till_done()
    assert alex.runtime_data.controller.paused


@pytest.mark.parametrize(
    ("day", "done", "reminded"),
    [
        ("2026-11-23", None, True),  # Monday, planned, nothing done yet
        ("2026-11-23", "logged", False),  # Monday, already walked
        ("2026-11-23", "walking", False),  # Monday, walking right now
        ("2026-11-24", None, False),  # Tuesday, nothing planned
    ],
)
@pytest.mark.default_entities  # as a new user has it: no disabled sensor needed
async def test_planned_session_reminder_blueprint(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    add_person: AddPerson,
    day: str,
    done: str | None,
    reminded: bool,
) -> None:
    """At the chosen time on a planned day without a session, a notification goes out.

    A session logged yesterday evening does not count for today.
    """
    freezer.move_to(f"{day}T14:00:00+00:00")  # 15:00 in Amsterdam
    notified = async_mock_service(hass, "notify", "send_message")
    alex = await add_person(goal_sessions=3)
    await use_blueprint(
        hass,
        "planned_session_reminder.yaml",
        {
            "person": device_of(hass, alex),
            "plan_calendar": "calendar.alex_plan",
            "at_time": "17:00:00",
            "notify_target": ["notify.phone"],
        },
    )
    yesterday = (date.fromisoformat(day) - timedelta(days=1)).isoformat()
    await hass.services.async_call(
        "retrowalk",
        "log_session",
        {"started_at": f"{yesterday}T21:30:00+00:00", "duration": 20},
        blocking=True,
    )
    if done == "logged":
        await hass.services.async_call(
            "retrowalk",
            "log_session",
            {"started_at": f"{day}T07:00:00+00:00", "duration": 20},
            blocking=True,
        )
    freezer.move_to(f"{day}T15:55:00+00:00")
    if done == "walking":
        await hass.services.async_call(
            "retrowalk", "start_session", {"duration": 30}, blocking=True
        )
    freezer.move_to(f"{day}T16:00:01+00:00")  # 17:00:01 in Amsterdam
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    assert len(notified) == int(reminded)
    if reminded:
        assert notified[0].data["entity_id"] == ["notify.phone"]
        assert notified[0].data["message"].startswith("Time for your retro walk")
    # Turning the automation off detaches its daily time trigger.
    await hass.services.async_call(
        "automation", "turn_off", {"entity_id": "all"}, blocking=True
    )


@pytest.mark.parametrize("account", ["", "sensor.garmin_connect_total_steps"])
@pytest.mark.freeze_time(START)
async def test_upload_to_garmin_connect_blueprint(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    alex: MockConfigEntry,
    tmp_path: Path,
    account: str,
) -> None:
    """A saved session goes up as a FIT file; one too short to save does not."""
    hass.config.config_dir = str(tmp_path)
    uploads = async_mock_service(hass, "garmin_connect", "upload_activity")
    await use_blueprint(
        hass,
        "upload_to_garmin_connect.yaml",
        {"person": alex.entry_id, "garmin_account": account},
    )
    await hass.services.async_call(
        "retrowalk", "start_session", {"duration": 10}, blocking=True
    )
    freezer.tick(timedelta(seconds=20))
    await hass.services.async_call("retrowalk", "stop_session", {}, blocking=True)
    await hass.async_block_till_done()
    assert uploads == []
    await hass.services.async_call(
        "retrowalk", "start_session", {"duration": 10}, blocking=True
    )
    freezer.tick(timedelta(minutes=11))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    [upload] = uploads
    path = Path(upload.data["file_path"])
    assert path.parent == tmp_path / "retrowalk" / "exports"
    assert path.read_bytes()[8:12] == b".FIT"
    assert upload.data.get("entity_id", "") == account
