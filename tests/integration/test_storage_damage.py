"""Damaged store files: what loads, what is set aside, restored or refused."""

from __future__ import annotations

from collections.abc import Iterator
from copy import deepcopy
from datetime import timedelta
import json
from pathlib import Path
from typing import Any
from unittest.mock import patch

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.storage import Store
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
)

from custom_components.retrowalk.const import DOMAIN
from custom_components.retrowalk.models import ActiveSession, SessionRecord
from custom_components.retrowalk.storage import OWN_PARTS

from .conftest import AddPerson, person_entry
from .test_session import START, call, state

# Home Assistant's own file reading and writing, before the tests' in-memory storage
# replaces it: the truncated-file cases run against real files.
REAL_LOAD = Store._async_load
REAL_WRITE = Store._async_write_data
REAL_REMOVE = Store.async_remove

GOOD = {
    "session_id": "good",
    "started_at": "2026-11-02T08:00:00+00:00",
    "ended_at": "2026-11-02T08:20:00+00:00",
    "active_s": 1200,
    "planned_s": 1200,
    "distance_m": 1000.0,
    "kcal": 80.0,
    "steps": 1500,
    "program": "steady",
    "completed": True,
    "manual": False,
    "heart_rate_kcal": None,
}
ACTIVE = {
    "session_id": "running",
    "program": "steady",
    "base_duration_s": 1800,
    "speed_m_s": 0.8,
    "grade": 0.0,
    "started_at": "2026-11-23T07:50:00+00:00",
    "sessions_done": 1,
    "paused_s": 0.0,
    "paused_at": None,
    "pauses": 0,
    "extensions": [],
    "last_transition": "2026-11-23T07:50:00+00:00",
}
BAD_RECORDS = [
    GOOD | {"session_id": "garbage", "kcal": "lots"},  # one garbage field
    {k: v for k, v in GOOD.items() if k != "ended_at"} | {"session_id": "short"},
    GOOD | {"session_id": "types", "started_at": 20261102},  # wrong type
    GOOD | {"session_id": "huge", "active_s": 1e308},
    GOOD | {"session_id": "ancient", "started_at": "0001-01-01T00:00:00+00:00"},
    GOOD | {"session_id": "naive", "started_at": "2026-11-02T08:00:00"},
    GOOD | {"session_id": "flag", "completed": "yes"},
    GOOD | {"session_id": "program", "program": "moonwalk"},
    GOOD | {"session_id": "backwards", "ended_at": "2026-11-01T08:00:00+00:00"},
    GOOD | {"session_id": "turns", "turns": 1.5},
    GOOD,  # the same id twice
    "not a record",
    None,
]


def key(entry: MockConfigEntry) -> str:
    """The person's store key."""
    return f"{DOMAIN}.{entry.entry_id}"


def stored(data: Any, version: Any = 1, minor_version: int = 3) -> dict[str, Any]:
    """A store file's content."""
    return {"version": version, "minor_version": minor_version, "data": data}


async def set_up(hass: HomeAssistant, entry: MockConfigEntry) -> bool:
    """Set the person up; tell whether it loaded."""
    entry.add_to_hass(hass)
    await hass.config.async_set_time_zone("Europe/Amsterdam")
    loaded = await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return loaded


def issue(hass: HomeAssistant, name: str, entry: MockConfigEntry) -> ir.IssueEntry:
    """A storage repair issue of the person, which must exist."""
    found = ir.async_get(hass).async_get_issue(DOMAIN, f"{name}_{entry.entry_id}")
    assert found is not None, name
    assert found.translation_key == name
    assert found.translation_placeholders is not None
    assert found.translation_placeholders["name"] == "Alex"
    return found


@pytest.mark.freeze_time(START)
async def test_bad_records_are_set_aside_and_kept(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    """Each bad record is set aside in the file; the good one and the session load."""
    entry = person_entry()
    hass_storage[key(entry)] = stored(
        {"active": ACTIVE, "sessions": [GOOD, *BAD_RECORDS], "future_part": [1, 2]}
    )
    assert await set_up(hass, entry)
    storage = entry.runtime_data.storage
    assert [record.session_id for record in storage.sessions] == ["good"]
    assert storage.active is not None
    assert state(hass, "switch.alex_session") == "on"
    assert state(hass, "sensor.alex_lifetime_minutes") == "20.0"
    found = issue(hass, "set_aside", entry)
    assert found.translation_placeholders is not None
    assert found.translation_placeholders["count"] == str(len(BAD_RECORDS))
    assert found.translation_placeholders["path"].endswith(f".storage/{key(entry)}")

    # Set aside in the file at once, and kept by later saves.
    await call(hass, "stop_session")
    data = hass_storage[key(entry)]["data"]
    assert [item["value"] for item in data["set_aside"]] == BAD_RECORDS
    assert {item["part"] for item in data["set_aside"]} == {"sessions"}
    assert "kcal" in data["set_aside"][0]["error"]
    assert data["future_part"] == [1, 2]
    assert [record["session_id"] for record in data["sessions"]] == [
        "good",
        "running",
    ]
    assert hass_storage[f"{key(entry)}.last_good"]["data"] == data

    # A reload finds the same items set aside, not twice.
    await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert len(entry.runtime_data.storage.set_aside) == len(BAD_RECORDS)


@pytest.mark.parametrize(
    ("data", "part"),
    [
        ([GOOD], "data"),  # valid JSON, wrong shape
        ({"active": None, "sessions": {"good": GOOD}}, "sessions"),
        ({"active": None, "sessions": [GOOD], "set_aside": "?"}, "set_aside"),
        ({"active": ACTIVE | {"started_at": "soon"}, "sessions": [GOOD]}, "active"),
        ({"active": ACTIVE | {"speed_m_s": float("nan")}, "sessions": []}, "active"),
        ({"active": ACTIVE | {"extensions": [{"at_s": 1}]}, "sessions": []}, "active"),
        ({"active": ["running"], "sessions": [GOOD]}, "active"),
        ({"active": ACTIVE | {"extensions": {}}, "sessions": []}, "active"),
        ({"active": ACTIVE | {"base_duration_s": 600.5}, "sessions": []}, "active"),
        ({"active": ACTIVE | {"session_id": ""}, "sessions": []}, "active"),
        ({"active": ACTIVE | {"belt": {"at_s": 1}}, "sessions": []}, "active"),
        (
            {"active": ACTIVE | {"belt": {"at_s": 1, "backward": 1}}, "sessions": []},
            "active",
        ),
        (
            {
                "active": ACTIVE | {"paused_at": "2026-11-23T07:00:00+00:00"},
                "sessions": [],
            },
            "active",
        ),
        ({"active": None}, "sessions"),
        ({"active": None, "sessions": [GOOD], "finished_at": "08:00"}, "finished_at"),
        ({"active": None, "sessions": [GOOD], "finished_at": 3}, "finished_at"),
    ],
)
@pytest.mark.freeze_time(START)
async def test_wrong_shapes_load_what_is_valid(
    hass: HomeAssistant, hass_storage: dict[str, Any], data: Any, part: str
) -> None:
    """A part of the wrong shape is set aside whole; the person still loads, idle."""
    entry = person_entry()
    hass_storage[key(entry)] = stored(deepcopy(data))
    assert await set_up(hass, entry)
    storage = entry.runtime_data.storage
    assert storage.active is None
    assert state(hass, "switch.alex_session") == "off"
    assert [item["part"] for item in storage.set_aside] == [part]
    assert issue(hass, "set_aside", entry).translation_placeholders == {
        "name": "Alex",
        "path": storage.path,
        "count": "1",
    }
    expected = (
        [GOOD] if isinstance(data, dict) and data.get("sessions") == [GOOD] else []
    )
    assert [r.as_dict() for r in storage.sessions] == expected
    # The person works: a start replaces nothing that was set aside.
    await call(hass, "start_session")
    assert hass_storage[key(entry)]["data"]["set_aside"][0]["part"] == part


async def test_sound_file_raises_no_issue(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    """A good file loads as it is and writes its last-good copy."""
    entry = person_entry()
    hass_storage[key(entry)] = stored({"active": None, "sessions": [GOOD]})
    assert await set_up(hass, entry)
    assert (
        ir.async_get(hass).async_get_issue(DOMAIN, f"set_aside_{entry.entry_id}")
        is None
    )
    assert f"{key(entry)}.last_good" not in hass_storage
    await _flush_delayed_saves(hass)
    copy = hass_storage[f"{key(entry)}.last_good"]["data"]
    assert copy["sessions"] == [GOOD]
    assert copy["set_aside"] == []
    # Every part retrowalk writes is one it reads back (not kept as unknown).
    assert set(copy) - {"set_aside"} == OWN_PARTS


async def test_unknown_parts_are_kept_as_they_were(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    """A part a newer minor version wrote survives a load and a save."""
    entry = person_entry()
    hass_storage[key(entry)] = stored(
        {"active": None, "sessions": [GOOD], "badges": {"first_walk": True}}
    )
    assert await set_up(hass, entry)
    await call(hass, "start_session", duration=10)
    await hass.async_block_till_done()
    await _flush_delayed_saves(hass)
    saved = hass_storage[key(entry)]["data"]
    assert saved["badges"] == {"first_walk": True}
    assert saved["active"] is not None


async def _flush_delayed_saves(hass: HomeAssistant) -> None:
    """Run the delayed saves now."""
    async_fire_time_changed(hass, dt_util.utcnow() + timedelta(seconds=5))
    await hass.async_block_till_done()


@pytest.mark.parametrize("version", [2, 99])
async def test_future_major_version_refuses_setup(
    hass: HomeAssistant, hass_storage: dict[str, Any], version: int
) -> None:
    """A newer major version: setup refused with a reason and an issue; file untouched."""
    entry = person_entry()
    content = stored({"whatever": "a newer retrowalk wrote"}, version=version)
    hass_storage[key(entry)] = deepcopy(content)
    assert not await set_up(hass, entry)
    assert entry.state is ConfigEntryState.SETUP_ERROR
    assert entry.reason is not None
    assert f"storage version {version}" in entry.reason
    found = issue(hass, "future_version", entry)
    assert found.severity is ir.IssueSeverity.ERROR
    assert found.translation_placeholders is not None
    assert found.translation_placeholders["found"] == str(version)
    assert found.translation_placeholders["supported"] == "1"
    assert hass_storage[key(entry)] == content
    assert f"{key(entry)}.last_good" not in hass_storage

    # A newer copy next to a missing file is refused the same way.
    hass_storage[f"{key(entry)}.last_good"] = hass_storage.pop(key(entry))
    await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.SETUP_ERROR
    assert hass_storage[f"{key(entry)}.last_good"] == content

    # Once the file is readable again (a newer retrowalk, a backup), setup clears it.
    hass_storage[key(entry)] = stored({"active": None, "sessions": [GOOD]})
    await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED
    registry = ir.async_get(hass)
    assert registry.async_get_issue(DOMAIN, f"future_version_{entry.entry_id}") is None


async def test_unreadable_envelope_without_copy_refuses_setup(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    """A file that is no store at all, with no copy: refused, nothing overwritten."""
    entry = person_entry()
    content = stored({"active": None, "sessions": [GOOD]}, version="one")
    hass_storage[key(entry)] = deepcopy(content)
    assert not await set_up(hass, entry)
    assert entry.state is ConfigEntryState.SETUP_ERROR
    issue(hass, "unreadable_store", entry)
    assert hass_storage[key(entry)] == content


async def test_unreadable_envelope_comes_back_from_the_copy(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    """A file that is no store at all comes back from the last-good copy."""
    entry = person_entry()
    hass_storage[key(entry)] = stored({"sessions": []}, version="one")
    hass_storage[f"{key(entry)}.last_good"] = stored(
        {"active": None, "sessions": [GOOD]}
    )
    assert await set_up(hass, entry)
    assert [r.session_id for r in entry.runtime_data.storage.sessions] == ["good"]
    issue(hass, "restored", entry)
    assert hass_storage[key(entry)]["version"] == 1
    assert hass_storage[key(entry)]["data"]["sessions"] == [GOOD]


@pytest.mark.freeze_time(START)
async def test_missing_file_comes_back_from_the_copy(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    """A deleted file comes back from the copy, running session included."""
    entry = person_entry()
    hass_storage[f"{key(entry)}.last_good"] = stored(
        {"active": ACTIVE, "sessions": [GOOD]}
    )
    assert await set_up(hass, entry)
    assert entry.runtime_data.storage.active is not None
    found = issue(hass, "restored", entry)
    assert found.translation_placeholders is not None
    assert found.translation_placeholders["kept"] == "-"


@pytest.fixture
def real_files(hass: HomeAssistant, tmp_path: Path) -> Iterator[Path]:
    """Home Assistant's own file storage in the test's config folder."""
    with (
        patch.object(Store, "_async_load", REAL_LOAD),
        patch.object(Store, "_async_write_data", REAL_WRITE),
        patch.object(Store, "async_remove", REAL_REMOVE),
    ):
        yield tmp_path / ".storage"


@pytest.mark.freeze_time(START)
async def test_truncated_file_comes_back_from_the_copy(
    hass: HomeAssistant, add_person: AddPerson, real_files: Path
) -> None:
    """A truncated file: Home Assistant moves it aside; the copy brings all back."""
    entry = await add_person()
    await call(hass, "log_session", started_at="2026-11-22T08:00:00+00:00", duration=20)
    await call(hass, "start_session")
    main = real_files / key(entry)
    copy = real_files / f"{key(entry)}.last_good"
    assert json.loads(copy.read_text())["data"] == json.loads(main.read_text())["data"]
    assert await hass.config_entries.async_unload(entry.entry_id)
    text = main.read_text()
    main.write_text(text[: len(text) // 2])

    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    storage = entry.runtime_data.storage
    assert len(storage.sessions) == 1
    assert storage.active is not None
    assert state(hass, "switch.alex_session") == "on"
    kept = issue(hass, "restored", entry).translation_placeholders
    assert kept is not None
    assert ".corrupt." in kept["kept"]
    assert Path(kept["kept"]).read_text() == text[: len(text) // 2]
    assert (
        json.loads(main.read_text())["data"]["sessions"]
        == json.loads(text)["data"]["sessions"]
    )


@pytest.mark.freeze_time(START)
async def test_truncated_file_without_copy_says_what_was_lost(
    hass: HomeAssistant, add_person: AddPerson, real_files: Path
) -> None:
    """No copy: the person starts empty and an issue says where the damaged file is."""
    entry = await add_person()
    await call(hass, "log_session", started_at="2026-11-22T08:00:00+00:00", duration=20)
    assert await hass.config_entries.async_unload(entry.entry_id)
    main = real_files / key(entry)
    (real_files / f"{key(entry)}.last_good").unlink()
    main.write_text('{"version": 1, "minor_version": 3, "data": {"sess')

    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.runtime_data.storage.sessions == []
    kept = issue(hass, "data_lost", entry).translation_placeholders
    assert kept is not None
    assert Path(kept["kept"]).read_text().endswith('"sess')
    # The empty start is on disk, with its copy, so the next start is clean.
    assert json.loads(main.read_text())["data"]["sessions"] == []
    assert (real_files / f"{key(entry)}.last_good").exists()


async def test_remove_person_deletes_the_copy_and_issues(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    """Removing the person deletes both files and their storage issues."""
    entry = person_entry()
    hass_storage[key(entry)] = stored({"active": None, "sessions": [GOOD, None]})
    assert await set_up(hass, entry)
    issue(hass, "set_aside", entry)
    assert f"{key(entry)}.last_good" in hass_storage
    assert await hass.config_entries.async_remove(entry.entry_id)
    await hass.async_block_till_done()
    assert key(entry) not in hass_storage
    assert f"{key(entry)}.last_good" not in hass_storage
    assert (
        ir.async_get(hass).async_get_issue(DOMAIN, f"set_aside_{entry.entry_id}")
        is None
    )


async def test_migration_from_1_1_leaves_damage_to_the_load(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    """A 1.1 file with damage migrates what it can; the damage is set aside."""
    entry = person_entry()
    old = {k: v for k, v in GOOD.items() if k not in ("completed", "manual")}
    hass_storage[key(entry)] = stored(
        {"active": None, "sessions": [old, 17]}, minor_version=1
    )
    assert await set_up(hass, entry)
    (record,) = entry.runtime_data.storage.sessions
    assert record.completed is True
    assert issue(hass, "set_aside", entry).translation_placeholders == {
        "name": "Alex",
        "path": entry.runtime_data.storage.path,
        "count": "1",
    }


async def test_migration_from_1_1_of_the_wrong_shape(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    """A 1.1 file whose sessions are no list still loads."""
    entry = person_entry()
    hass_storage[key(entry)] = stored({"sessions": "none"}, minor_version=1)
    assert await set_up(hass, entry)
    assert entry.runtime_data.storage.sessions == []
    issue(hass, "set_aside", entry)


async def test_unreadable_file_and_copy_refuse_setup(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    """When the copy cannot be read either, setup is refused and both stay."""
    entry = person_entry()
    content = stored({"sessions": []}, version="one")
    hass_storage[key(entry)] = deepcopy(content)
    hass_storage[f"{key(entry)}.last_good"] = deepcopy(content)
    assert not await set_up(hass, entry)
    issue(hass, "unreadable_store", entry)
    assert hass_storage[key(entry)] == content
    assert hass_storage[f"{key(entry)}.last_good"] == content


@pytest.mark.freeze_time(START)
async def test_file_of_the_wrong_shape_is_kept_and_restored(
    hass: HomeAssistant, add_person: AddPerson, real_files: Path
) -> None:
    """Valid JSON that is no store file: kept next to it, data from the copy."""
    entry = await add_person()
    await call(hass, "log_session", started_at="2026-11-22T08:00:00+00:00", duration=20)
    assert await hass.config_entries.async_unload(entry.entry_id)
    main = real_files / key(entry)
    main.write_text("[1, 2, 3]")

    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert len(entry.runtime_data.storage.sessions) == 1
    kept = issue(hass, "restored", entry).translation_placeholders
    assert kept is not None
    assert ".unreadable." in kept["kept"]
    assert Path(kept["kept"]).read_text() == "[1, 2, 3]"
    assert len(json.loads(main.read_text())["data"]["sessions"]) == 1


@pytest.mark.parametrize(
    ("stored_reason", "paused_at", "loaded"),
    [
        ("belt_stopped", "2026-11-23T07:55:00+00:00", "belt_stopped"),
        ("Belt stopped!", "2026-11-23T07:55:00+00:00", None),
        (42, "2026-11-23T07:55:00+00:00", None),
        ("belt_stopped", None, None),  # not paused: no reason
    ],
)
def test_a_pause_reason_loads_only_as_a_word_of_a_paused_session(
    stored_reason: object, paused_at: str | None, loaded: str | None
) -> None:
    """An odd pause reason is dropped, not the session: it only names a pause."""
    active = ActiveSession.from_dict(
        ACTIVE | {"paused_at": paused_at, "pause_reason": stored_reason}
    )
    assert active.pause_reason == loaded
    assert ActiveSession.from_dict(active.as_dict()).pause_reason == loaded


def test_a_whole_step_count_reads_back_whole() -> None:
    """359 steps stay 359 (not 359.0) in get_history after a restart; a logged 12.5 stays."""
    record = SessionRecord.from_dict(GOOD | {"steps": 359.0})
    assert type(record.as_dict()["steps"]) is int
    assert SessionRecord.from_dict(GOOD | {"steps": 12.5}).steps == 12.5
