"""Long-term statistics: hourly sums per person at the sessions' real times."""

from __future__ import annotations

import asyncio
from datetime import datetime
import json
from pathlib import Path
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.recorder import Recorder
from homeassistant.components.recorder.statistics import (
    list_statistic_ids,
    statistics_during_period,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers.recorder import get_instance
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.recorder.common import (
    async_wait_recording_done,
)

from custom_components.retrowalk import long_term
from custom_components.retrowalk.const import DOMAIN
from custom_components.retrowalk.long_term import KINDS, hourly, statistic_id
from custom_components.retrowalk.models import SessionRecord

from .conftest import AddPerson, person_entry
from .test_session import START, advance, call

RECORD: dict[str, Any] = {
    "session_id": "old",
    "started_at": "2026-11-02T08:30:00+00:00",
    "ended_at": "2026-11-02T09:10:00+00:00",
    "active_s": 2400,
    "planned_s": 2400,
    "distance_m": 2000.0,
    "kcal": 160.0,
    "steps": 3000,
    "program": "steady",
    "completed": True,
    "manual": False,
    "heart_rate_kcal": None,
}


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(
    recorder_mock: Recorder, enable_custom_integrations: None
) -> None:
    """Start the recorder before Home Assistant, then let retrowalk load."""


@pytest.fixture(autouse=True)
def config_dir_in_tmp(
    recorder_mock: Recorder, hass: HomeAssistant, tmp_path: Path
) -> None:
    """The recorder comes before Home Assistant; each test has its own folder."""
    hass.config.config_dir = str(tmp_path)


async def settle(hass: HomeAssistant) -> None:
    """Let retrowalk queue its statistics and the recorder write them."""
    for _ in range(3):
        await hass.async_block_till_done(wait_background_tasks=True)
        await async_wait_recording_done(hass)


async def hours(
    hass: HomeAssistant, entry: MockConfigEntry, key: str
) -> dict[datetime, tuple[float, float]]:
    """Each stored hour of a statistic: (state, sum)."""
    sid = next(statistic_id(k, entry.entry_id) for k in KINDS if k.key == key)
    found = await get_instance(hass).async_add_executor_job(
        statistics_during_period,
        hass,
        dt_util.parse_datetime("2026-01-01T00:00:00+00:00"),
        None,
        {sid},
        "hour",
        None,
        {"state", "sum"},
    )
    result = {}
    for row in found.get(sid, []):
        start = row["start"]
        moment = (
            dt_util.utc_from_timestamp(start)
            if isinstance(start, (int, float))
            else start
        )
        result[moment] = (round(row["state"], 6), round(row["sum"], 6))
    return result


def utc(text: str) -> datetime:
    """A UTC moment."""
    parsed = dt_util.parse_datetime(text)
    assert parsed is not None
    return parsed


def test_a_session_is_spread_over_the_hours_it_spans() -> None:
    """40 minutes from 8:30 to 9:10: three quarters in the first hour."""
    record = SessionRecord.from_dict(RECORD)
    minutes = next(kind for kind in KINDS if kind.key == "minutes")
    assert hourly([record], minutes) == pytest.approx(
        {utc("2026-11-02T08:00:00+00:00"): 30.0, utc("2026-11-02T09:00:00+00:00"): 10.0}
    )


def test_empty_and_instant_sessions() -> None:
    """Nothing for zero figures; a session without duration counts in its hour."""
    steps = next(kind for kind in KINDS if kind.key == "steps")
    instant = SessionRecord.from_dict(RECORD | {"ended_at": RECORD["started_at"]})
    none = SessionRecord.from_dict(RECORD | {"session_id": "none", "steps": 0})
    assert hourly([instant, none], steps) == {utc("2026-11-02T08:00:00+00:00"): 3000}


@pytest.mark.freeze_time(START)
async def test_changes_in_a_burst_and_a_failed_write(
    hass: HomeAssistant, add_person: AddPerson, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Logs arriving together end in the right sums; a failure is logged, then healed."""
    alex = await add_person()
    await settle(hass)
    days = ("2026-11-10", "2026-11-11", "2026-11-12")
    await asyncio.gather(
        *(
            call(hass, "log_session", started_at=f"{day}T06:00:00+00:00", duration=10)
            for day in days
        )
    )
    await settle(hass)
    minutes = await hours(hass, alex, "minutes")
    assert [total for _, total in minutes.values()] == [10.0, 20.0, 30.0]

    def broken(*_args: Any) -> None:
        raise RuntimeError("recorder gone")

    monkeypatch.setattr(long_term, "async_add_external_statistics", broken)
    await call(hass, "log_session", started_at="2026-11-13T06:00:00+00:00", duration=10)
    await settle(hass)
    assert len(await hours(hass, alex, "minutes")) == 3
    monkeypatch.undo()
    await call(hass, "log_session", started_at="2026-11-14T06:00:00+00:00", duration=10)
    await settle(hass)
    minutes = await hours(hass, alex, "minutes")
    assert max(total for _, total in minutes.values()) == 50.0


@pytest.mark.freeze_time(START)
async def test_timed_logged_and_deleted_sessions(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    add_person: AddPerson,
) -> None:
    """A timed session, a log dated in the past and its deletion, read back."""
    alex = await add_person()
    await settle(hass)
    assert await hours(hass, alex, "minutes") == {}
    await call(hass, "start_session", duration=10)
    await advance(hass, freezer, 11 * 60)
    await settle(hass)
    timed = alex.runtime_data.storage.sessions[-1]
    minutes = await hours(hass, alex, "minutes")
    assert sum(state for state, _ in minutes.values()) == pytest.approx(
        timed.active_s / 60, abs=1e-6
    )
    assert min(minutes) == utc(START)
    energy = await hours(hass, alex, "energy")
    assert max(total for _, total in energy.values()) == pytest.approx(
        timed.kcal, abs=1e-6
    )

    # A log for last Tuesday lands on last Tuesday, before the timed session.
    logged = await hass.services.async_call(
        DOMAIN,
        "log_session",
        {"started_at": "2026-11-17T06:00:00+00:00", "duration": 20},
        blocking=True,
        return_response=True,
    )
    await settle(hass)
    minutes = await hours(hass, alex, "minutes")
    tuesday = utc("2026-11-17T06:00:00+00:00")
    assert minutes[tuesday] == (20.0, 20.0)
    assert minutes[utc(START)][1] == pytest.approx(20 + timed.active_s / 60, abs=1e-6)
    steps = await hours(hass, alex, "steps")
    assert steps[tuesday][0] > 0

    # Deleting it corrects every sum after it.
    assert isinstance(logged, dict)
    await call(hass, "delete_session", session_id=logged["session"]["session_id"])
    await settle(hass)
    minutes = await hours(hass, alex, "minutes")
    assert tuesday not in minutes
    assert minutes[utc(START)][1] == pytest.approx(timed.active_s / 60, abs=1e-6)

    # The statistics carry the person's name and the units Home Assistant converts.
    listed = await get_instance(hass).async_add_executor_job(
        list_statistic_ids, hass, {statistic_id(k, alex.entry_id) for k in KINDS}
    )
    by_id = {item["statistic_id"]: item for item in listed}
    minutes_id = statistic_id(KINDS[0], alex.entry_id)
    assert by_id[minutes_id]["name"] == "Alex: minutes walked backwards"
    assert by_id[minutes_id]["statistics_unit_of_measurement"] == "min"
    assert (
        by_id[statistic_id(KINDS[1], alex.entry_id)]["statistics_unit_of_measurement"]
        == "m"
    )


@pytest.mark.freeze_time(START)
async def test_an_upgrade_back_fills_the_history_once(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    freezer: FrozenDateTimeFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A history kept before statistics existed is written at the first start only."""
    entry = person_entry()
    records = [
        RECORD
        | {
            "session_id": f"s{day}",
            "started_at": f"2026-10-{day:02d}T17:00:00+00:00",
            "ended_at": f"2026-10-{day:02d}T17:20:00+00:00",
            "active_s": 1200,
        }
        for day in range(1, 29)
    ]
    hass_storage[f"{DOMAIN}.{entry.entry_id}"] = {
        "version": 1,
        "minor_version": 3,
        "key": f"{DOMAIN}.{entry.entry_id}",
        "data": {"active": None, "sessions": records},
    }
    clears: list[list[str]] = []
    real_clear = Recorder.async_clear_statistics

    def counting_clear(self: Recorder, ids: list[str], **kwargs: Any) -> None:
        clears.append(ids)
        real_clear(self, ids, **kwargs)

    monkeypatch.setattr(Recorder, "async_clear_statistics", counting_clear)
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await settle(hass)
    minutes = await hours(hass, entry, "minutes")
    assert len(minutes) == 28
    assert max(total for _, total in minutes.values()) == pytest.approx(28 * 20)
    assert len(clears) == 1

    # The next start finds the sums equal to the history: nothing is rewritten.
    assert await hass.config_entries.async_reload(entry.entry_id)
    await settle(hass)
    assert len(clears) == 1
    assert len(await hours(hass, entry, "minutes")) == 28

    # A session after all of them only appends its hour.
    await call(hass, "start_session", duration=5)
    await advance(hass, freezer, 6 * 60)
    await settle(hass)
    assert len(clears) == 1
    minutes = await hours(hass, entry, "minutes")
    assert len(minutes) == 29
    assert minutes[utc(START)][1] == pytest.approx(28 * 20 + 5, abs=0.1)


def test_every_kind_has_a_translated_name() -> None:
    """Each statistic has its own name in every language, unlike any sensor's."""
    folder = Path(__file__).parents[2] / "custom_components" / DOMAIN / "translations"
    for path in folder.glob("*.json"):
        strings = json.loads(path.read_text(encoding="utf-8"))
        sensors = {item["name"] for item in strings["entity"]["sensor"].values()}
        for kind in KINDS:
            key, _ = kind.label_key.split(".")
            name = strings["exceptions"][key]["message"]
            assert "{name}" in name, (path.name, kind.key)
            assert name.replace("{name}", "").strip(" :") not in sensors
