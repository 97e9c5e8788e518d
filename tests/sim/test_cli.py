"""Tests for the command line."""

from __future__ import annotations

import json
from pathlib import Path
import runpy
import subprocess
import sys
from typing import Any

import pytest

from sim.cli import main

ROOT = Path(__file__).resolve().parents[2]


def _json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> dict[str, Any]:
    """Run the CLI in-process and parse its JSON output."""
    assert main([*argv, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, dict)
    return data


def test_met_json(capsys: pytest.CaptureFixture[str]) -> None:
    """The met command prints MET and VO2 consistent with each other."""
    data = _json(capsys, ["met", "--direction", "backward", "--speed-mph", "3.5"])
    assert data["met"] == pytest.approx(6.0, rel=0.05)
    forward = _json(capsys, ["met", "--direction", "forward", "--speed-mph", "3.5"])
    assert data["backward_forward_ratio"] == forward["backward_forward_ratio"]
    assert data["backward_forward_ratio"] == pytest.approx(
        data["met"] / forward["met"], abs=1e-3
    )
    assert data["vo2_ml_kg_min"] == pytest.approx(3.5 * data["met"], rel=1e-3)
    practiced = _json(
        capsys,
        [
            "met",
            "--direction",
            "backward",
            "--speed-kmh",
            "3",
            "--grade-pct",
            "5",
            "--sessions-done",
            "12",
            "--weight-kg",
            "70",
        ],
    )
    novice = _json(
        capsys,
        [
            "met",
            "--direction",
            "backward",
            "--speed-kmh",
            "3",
            "--grade-pct",
            "5",
            "--no-familiarization",
        ],
    )
    assert practiced["met"] < novice["met"]
    assert practiced["kcal_per_min"] == pytest.approx(
        practiced["met"] * 3.5 * 70 / 200, rel=1e-3
    )


def test_met_text(capsys: pytest.CaptureFixture[str]) -> None:
    """Without --json the met command prints one readable line."""
    assert (
        main(["met", "--direction", "forward", "--speed-kmh", "5", "--weight-kg", "80"])
        == 0
    )
    out = capsys.readouterr().out
    assert "MET" in out
    assert "kcal/min" in out
    assert "backward/forward 1.2" in out


def test_session(capsys: pytest.CaptureFixture[str]) -> None:
    """The session table and JSON agree on the totals."""
    args = [
        "session",
        "--program",
        "intervals",
        "--minutes",
        "20",
        "--speed-kmh",
        "2.5",
        "--unit",
        "min_per_km",
    ]
    data = _json(capsys, args)
    phases = data["phases"]
    assert isinstance(phases, list)
    assert sum(p["duration_s"] for p in phases) == 1200
    assert main(args) == 0
    table = capsys.readouterr().out
    assert "total" in table
    assert "/km" in table
    assert f"{data['totals']['kcal']:.1f}" in table


def test_plan_and_project(capsys: pytest.CaptureFixture[str]) -> None:
    """Plan and project print tables and JSON."""
    plan = _json(
        capsys,
        ["plan", "--level", "rehabilitation", "--start", "2025-01-06", "--weeks", "2"],
    )
    sessions = plan["sessions"]
    assert isinstance(sessions, list)
    assert sessions[0]["date"] == "2025-01-06"
    assert main(["plan", "--start", "2025-01-06", "--unit", "mph"]) == 0
    assert "mph" in capsys.readouterr().out
    proj = _json(capsys, ["project", "--walkers", "50", "--weeks", "3"])
    assert len(proj["minutes"]) == 3
    assert main(["project", "--walkers", "50", "--weeks", "3"]) == 0
    assert "kcal p50" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["met", "--direction", "backward", "--speed-kmh", "-1"],
            "error: --speed-kmh: must be between 0 and 10.8",
        ),
        (
            ["met", "--direction", "backward", "--speed-kmh", "99"],
            "error: --speed-kmh: must be between 0 and 10.8",
        ),
        (
            ["met", "--direction", "backward", "--speed-kmh", "nan"],
            "error: --speed-kmh: must be between 0 and 10.8",
        ),
        (
            ["met", "--direction", "backward", "--speed-mph", "abc"],
            "error: --speed-mph: must be between 0 and 6.7",
        ),
        (
            ["met", "--direction", "backward", "--speed-kmh", "3", "--grade-pct", "30"],
            "error: --grade-pct: must be between -10 and 25",
        ),
        (
            ["session", "--weight-kg", "10"],
            "error: --weight-kg: must be between 20 and 350",
        ),
        (["session", "--unit", "furlongs"], "error: --unit: invalid SpeedUnit value"),
        (["met", "--direction", "sideways", "--speed-kmh", "3"], "error: --direction:"),
        (
            ["met", "--direction", "backward"],
            "error: one of the arguments --speed-kmh --speed-mph is required",
        ),
        (["plan", "--start", "yesterday"], "error: --start: must be a date"),
        (["project", "--walkers", "0"], "error: --walkers: must be a whole number"),
        (["project", "--weeks", "two"], "error: --weeks: must be a whole number"),
    ],
)
def test_bad_input_exits_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    """Bad input exits with status 2 and one line naming the flag."""
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(message)
    assert err.count("\n") == 1


HOSTILE = ["nan", "inf", "-inf", "1e308", "1e400", "-1e308", "9" * 5000, "", "0x10"]
NUMERIC_FLAGS = {
    "met": (
        ["--direction", "backward"],
        ["--speed-kmh", "--speed-mph", "--grade-pct", "--sessions-done", "--weight-kg"],
    ),
    "session": (
        [],
        [
            "--minutes",
            "--speed-kmh",
            "--speed-mph",
            "--grade-pct",
            "--weight-kg",
            "--sessions-done",
        ],
    ),
    "plan": ([], ["--sessions-per-week", "--minutes-per-week", "--weeks", "--start"]),
    "project": (
        [],
        [
            "--sessions-per-week",
            "--minutes-per-week",
            "--walkers",
            "--weeks",
            "--adherence",
            "--variation",
            "--seed",
        ],
    ),
}
FAR_DATES = ["9999-12-01", "9999-12-31", "0001-01-01", "1999-12-31", "2100-01-01"]


def _hostile_cases() -> list[list[str]]:
    """Every numeric or date flag of every command with every hostile value."""
    cases = []
    for command, (base, flags) in NUMERIC_FLAGS.items():
        for flag in flags:
            speed = [] if flag.startswith("--speed") else ["--speed-kmh", "3"]
            before = [*base, *speed] if command == "met" else base
            values = HOSTILE + (FAR_DATES if flag == "--start" else [])
            cases += [[command, *before, flag, value] for value in values]
    return cases


@pytest.mark.parametrize("argv", _hostile_cases())
def test_hostile_values_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    """Non-finite, huge, empty or far-off values: status 2 and one line naming the flag."""
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {argv[-2]}: ")
    assert err.count("\n") == 1


def test_plan_dates_at_the_edges(capsys: pytest.CaptureFixture[str]) -> None:
    """The first and last start dates plan the longest horizon; the issue's date is refused."""
    last = _json(capsys, ["plan", "--start", "2099-12-31", "--weeks", "104"])
    assert last["sessions"][-1]["date"] > "2101-12-01"
    first = _json(capsys, ["plan", "--start", "2000-01-01", "--weeks", "1"])
    assert first["sessions"][0]["date"] == "2000-01-01"
    with pytest.raises(SystemExit) as exit_info:
        main(["plan", "--start", "9999-12-01"])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err == (
        "error: --start: must be a date YYYY-MM-DD from 2000-01-01 to 2099-12-31, "
        "got '9999-12-01'\n"
    )


def test_projection_too_large_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    """A projection that would not fit in memory is refused before anything is drawn."""
    with pytest.raises(SystemExit) as exit_info:
        main(["project", "--walkers", "1000000", "--weeks", "104"])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err == (
        "error: --walkers: walkers x weeks x sessions per week must be at most "
        "20000000, got 416000000\n"
    )


def test_python_dash_m_sim() -> None:
    """``python -m sim`` works from the repository root, and fails cleanly on bad input."""
    ok = subprocess.run(
        [
            sys.executable,
            "-m",
            "sim",
            "met",
            "--direction",
            "forward",
            "--speed-mph",
            "3.5",
            "--json",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["met"] == pytest.approx(4.8, rel=0.05)
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "sim",
            "met",
            "--direction",
            "forward",
            "--speed-kmh",
            "-3",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2
    assert (
        bad.stderr.strip() == "error: --speed-kmh: must be between 0 and 10.8, got '-3'"
    )


def test_module_entry_point_in_process(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``sim/__main__.py`` runs the CLI and exits with its status."""
    monkeypatch.setattr(
        sys,
        "argv",
        ["sim", "met", "--direction", "forward", "--speed-kmh", "4", "--json"],
    )
    with pytest.raises(SystemExit) as exit_info:
        runpy.run_module("sim", run_name="__main__")
    assert exit_info.value.code == 0
    assert "vo2_ml_kg_min" in capsys.readouterr().out
