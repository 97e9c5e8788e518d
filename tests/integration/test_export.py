"""Exported workouts read back by independent readers: TCX, FIT (two readers), CSV."""

from __future__ import annotations

import csv
from datetime import datetime, timedelta
import io
from pathlib import Path
from typing import Any

import fitdecode
from freezegun.api import FrozenDateTimeFactory
from garmin_fit_sdk import Decoder, Stream
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from tcxreader.tcxreader import TCXReader

from custom_components.retrowalk.const import DOMAIN
from custom_components.retrowalk.export.actions import EXPORT_FOLDER, write_export
from custom_components.retrowalk.export.fit import fit_crc
from custom_components.retrowalk.export.laps import laps_of
from custom_components.retrowalk.models import SessionRecord

from .conftest import AddPerson
from .test_session import START, advance, call


@pytest.fixture
def exports(hass: HomeAssistant, tmp_path: Path) -> Path:
    """The configuration folder in a temporary place; the export folder in it."""
    hass.config.config_dir = str(tmp_path)
    return tmp_path / EXPORT_FOLDER


async def export(hass: HomeAssistant, action: str, **data: Any) -> dict[str, Any]:
    """Call an export action and return its response."""
    response = await hass.services.async_call(
        DOMAIN, action, data, blocking=True, return_response=True
    )
    assert isinstance(response, dict)
    return response


async def sessions(hass: HomeAssistant) -> list[dict[str, Any]]:
    """The recorded sessions as get_history returns them."""
    found: list[dict[str, Any]] = (await call_history(hass))["sessions"]
    return found


async def call_history(hass: HomeAssistant, **data: Any) -> dict[str, Any]:
    response = await hass.services.async_call(
        DOMAIN, "get_history", data, blocking=True, return_response=True
    )
    assert isinstance(response, dict)
    return response


async def walk_a_session(hass: HomeAssistant, freezer: FrozenDateTimeFactory) -> None:
    """A timed 30-minute steady session with a 2-minute pause."""
    await call(hass, "start_session", duration=30, speed=2.5)
    await advance(hass, freezer, 10 * 60)
    await call(hass, "pause_session")
    await advance(hass, freezer, 120)
    await call(hass, "resume_session")
    for _minute in range(21):
        await advance(hass, freezer, 60)


def fit_messages(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Garmin's own FIT reader: integrity (CRC) checked, no errors."""
    content = bytearray(path.read_bytes())
    checker = Decoder(Stream.from_byte_array(content))
    assert checker.is_fit()
    assert checker.check_integrity()
    messages, errors = Decoder(Stream.from_byte_array(content)).read()
    assert errors == []
    return messages


def fitdecode_frames(path: Path) -> dict[str, list[Any]]:
    """A second, independent FIT reader (it checks the CRC as it reads)."""
    found: dict[str, list[Any]] = {}
    with fitdecode.FitReader(str(path), check_crc=fitdecode.CrcCheck.ENABLED) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage):
                found.setdefault(frame.name, []).append(frame)
    return found


@pytest.mark.freeze_time(START)
async def test_a_timed_session_as_fit_and_tcx(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    alex: MockConfigEntry,
    exports: Path,
) -> None:
    """Totals, start, pause and one lap per phase survive both formats."""
    await walk_a_session(hass, freezer)
    [session] = await sessions(hass)
    assert session["active_s"] == pytest.approx(30 * 60)

    fit = await export(
        hass, "export_session", session_id=session["session_id"], format="fit"
    )
    path = Path(fit["path"])
    assert path.parent == exports
    assert path.suffix == ".fit"
    assert fit["laps"] == 3
    assert fit["bytes"] == path.stat().st_size
    messages = fit_messages(path)
    [summary] = messages["session_mesgs"]
    started = dt_util.parse_datetime(session["started_at"])
    assert summary["start_time"] == started
    assert summary["sport"] == "walking"
    assert summary["sub_sport"] == "treadmill"
    assert summary["total_timer_time"] == pytest.approx(30 * 60)
    assert summary["total_elapsed_time"] == pytest.approx(32 * 60)
    assert summary["total_distance"] == pytest.approx(session["distance_m"], abs=0.01)
    assert summary["total_calories"] == round(session["kcal"])
    assert summary["total_cycles"] == round(session["steps"] / 2)
    laps = messages["lap_mesgs"]
    assert [lap["intensity"] for lap in laps] == ["warmup", "active", "cooldown"]
    assert [lap["total_timer_time"] for lap in laps] == [180, 24 * 60, 180]
    assert sum(lap["total_distance"] for lap in laps) == pytest.approx(
        session["distance_m"], abs=0.05
    )
    assert messages["activity_mesgs"][0]["num_sessions"] == 1
    assert messages["file_id_mesgs"][0]["type"] == "activity"

    frames = fitdecode_frames(path)
    [other] = frames["session"]
    assert other.get_value("total_distance") == pytest.approx(
        session["distance_m"], abs=0.01
    )
    assert other.get_value("start_time") == started
    assert len(frames["lap"]) == 3

    tcx = await export(
        hass, "export_session", session_id=session["session_id"], format="tcx"
    )
    exercise = TCXReader().read(tcx["path"], only_gps=False)
    assert exercise.distance == pytest.approx(session["distance_m"], abs=0.2)
    assert exercise.lx_ext["Steps"] == pytest.approx(session["steps"], abs=3)
    assert exercise.calories == pytest.approx(session["kcal"], abs=2)
    assert len(exercise.laps) == 3
    assert exercise.start_time == started.replace(tzinfo=None)
    assert sorted(path.name for path in exports.iterdir()) == sorted(
        [Path(fit["path"]).name, Path(tcx["path"]).name]
    )


@pytest.mark.freeze_time(START)
async def test_a_back_dated_log_and_a_short_rehab_session(
    hass: HomeAssistant, add_person: AddPerson, exports: Path
) -> None:
    """A logged session exports at its own time; a plan too short for phases is one lap."""
    await add_person(surface="indoor_hallway")
    await call(
        hass,
        "log_session",
        started_at="2026-11-01 09:00:00",
        duration=24,
        program="rehab",
    )
    await call(hass, "log_session", started_at="2026-11-02 09:00:00", duration=2)
    logged, short = await sessions(hass)
    fit = fit_messages(
        Path(
            (
                await export(
                    hass,
                    "export_session",
                    session_id=logged["session_id"],
                    format="fit",
                )
            )["path"]
        )
    )
    [summary] = fit["session_mesgs"]
    assert summary["sub_sport"] == "indoor_walking"
    assert summary["start_time"] == datetime.fromisoformat("2026-11-01T08:00:00+00:00")
    kinds = [lap["intensity"] for lap in fit["lap_mesgs"]]
    assert kinds[0] == "warmup" and kinds[-1] == "cooldown"
    assert "rest" in kinds
    rests = [lap for lap in fit["lap_mesgs"] if lap["intensity"] == "rest"]
    assert all(lap["total_distance"] == 0 for lap in rests)
    assert sum(lap["total_calories"] for lap in fit["lap_mesgs"]) == pytest.approx(
        logged["kcal"], abs=len(kinds)
    )
    one = fit_messages(
        Path(
            (
                await export(
                    hass, "export_session", session_id=short["session_id"], format="fit"
                )
            )["path"]
        )
    )
    assert len(one["lap_mesgs"]) == 1
    assert one["lap_mesgs"][0]["total_timer_time"] == 120


@pytest.mark.freeze_time(START)
async def test_history_as_csv_round_trip(
    hass: HomeAssistant, alex: MockConfigEntry, exports: Path
) -> None:
    """The CSV holds exactly the sessions of the range, with their stored values."""
    for day in (1, 5, 9):
        await call(
            hass, "log_session", started_at=f"2026-11-{day:02d} 18:00:00", duration=20
        )
    response = await export(
        hass, "export_history", start="2026-11-04 00:00:00", end="2026-11-20 00:00:00"
    )
    assert response["sessions"] == 2
    text = await hass.async_add_executor_job(Path(response["path"]).read_text)
    rows = list(csv.DictReader(io.StringIO(text)))
    expected = (
        await call_history(hass, start="2026-11-04 00:00:00", end="2026-11-20 00:00:00")
    )["sessions"]
    assert [row["session_id"] for row in rows] == [s["session_id"] for s in expected]
    for row, record in zip(rows, expected, strict=True):
        assert row["started_at"] == record["started_at"]
        assert float(row["walked_s"]) == pytest.approx(record["active_s"])
        assert float(row["distance_m"]) == pytest.approx(record["distance_m"], abs=0.05)
        assert float(row["energy_kcal"]) == pytest.approx(record["kcal"], abs=0.005)
        assert int(row["steps"]) == round(record["steps"])
        assert row["logged_by_hand"] == "True"
        assert row["heart_rate_energy_kcal"] == ""
        assert row["planned_distance_m"] == row["turns"] == ""
    everything = await export(hass, "export_history")
    assert everything["sessions"] == 3


@pytest.mark.freeze_time(START)
@pytest.mark.parametrize(
    ("action", "data", "key"),
    [
        (
            "export_session",
            {"session_id": "01NOSUCHSESSION", "format": "fit"},
            "unknown_session",
        ),
        (
            "export_session",
            {"session_id": "../../secrets", "format": "tcx"},
            "unknown_session",
        ),
        ("export_session", {"session_id": "", "format": "tcx"}, "invalid_text"),
        ("export_session", {"session_id": 7, "format": "tcx"}, "invalid_text"),
        ("export_session", {"session_id": None, "format": "fit"}, "invalid_text"),
        ("export_session", {"session_id": "x", "format": "gpx"}, "invalid_field"),
        (
            "export_history",
            {"start": "2026-11-20 00:00:00", "end": "2026-11-10 00:00:00"},
            "invalid_range",
        ),
        ("export_history", {"start": "1999-01-01 00:00:00"}, "invalid_datetime"),
    ],
)
async def test_refusals_write_nothing(
    hass: HomeAssistant,
    alex: MockConfigEntry,
    exports: Path,
    action: str,
    data: dict[str, Any],
    key: str,
) -> None:
    """A refused export says why, in a translated error, and writes no file."""
    with pytest.raises(ServiceValidationError) as refused:
        await export(hass, action, **data)
    assert refused.value.translation_key == key
    assert not exports.exists()


def test_a_file_name_cannot_leave_the_export_folder(tmp_path: Path) -> None:
    """Only plain names are written, and only inside the folder."""
    folder = tmp_path / "exports"
    for name in ("../outside.csv", "sub/inner.csv", "/etc/passwd"):
        with pytest.raises(ValueError, match="plain file name"):
            write_export(str(folder), name, lambda: b"x")
    assert not (tmp_path / "outside.csv").exists()
    path, size = write_export(str(folder), "plain.csv", lambda: b"a,b\n")
    assert (Path(path), size) == (folder / "plain.csv", 4)


def test_the_fit_checksum_of_the_protocol() -> None:
    """The CRC of the FIT protocol: known values (a file ending in its CRC gives 0)."""
    assert fit_crc(b"") == 0
    data = b".FIT retrowalk"
    crc = fit_crc(data)
    assert fit_crc(data + crc.to_bytes(2, "little")) == 0


def record(**changes: Any) -> SessionRecord:
    """A stored 20-minute steady session, with ``changes``."""
    started = datetime.fromisoformat("2026-11-20T17:00:00+00:00")
    fields: dict[str, Any] = {
        "session_id": "01TESTSESSION",
        "started_at": started,
        "ended_at": started + timedelta(minutes=20),
        "active_s": 1200.0,
        "planned_s": 1200,
        "distance_m": 900.0,
        "kcal": 80.0,
        "steps": 1500.0,
        "program": "steady",
    }
    return SessionRecord(**(fields | changes))


def test_laps_of_records_the_plan_cannot_explain() -> None:
    """Old or odd records still export: one lap, or the extra time in the last lap."""
    [single] = laps_of(record(planned_s=0))
    assert (single.timer_s, single.distance_m, single.steps) == (1200.0, 900.0, 1500.0)
    longer = laps_of(
        record(active_s=1500.0, ended_at=record().started_at + timedelta(minutes=25))
    )
    assert sum(lap.timer_s for lap in longer) == 1500.0
    assert longer[-1].timer_s == 120 + 300
    assert sum(lap.distance_m for lap in longer) == pytest.approx(900.0)
    assert sum(lap.kcal for lap in longer) == pytest.approx(80.0)
