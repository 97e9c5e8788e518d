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
            "error: --speed-kmh: must be between 0 and 10",
        ),
        (
            ["met", "--direction", "backward", "--speed-kmh", "99"],
            "error: --speed-kmh: must be between 0 and 10",
        ),
        (
            ["met", "--direction", "backward", "--speed-kmh", "nan"],
            "error: --speed-kmh: must be between 0 and 10",
        ),
        (
            ["met", "--direction", "backward", "--speed-mph", "abc"],
            "error: --speed-mph: must be between 0 and 6.2",
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
        bad.stderr.strip() == "error: --speed-kmh: must be between 0 and 10, got '-3'"
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
