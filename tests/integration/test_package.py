"""The HACS zip release sets up in a real Home Assistant, with no link and no top-level sim."""

from __future__ import annotations

import json
from pathlib import Path
import signal
import subprocess
import sys
import time
import zipfile

import pytest

from custom_components.retrowalk.const import DOMAIN

ROOT = Path(__file__).resolve().parents[2]
STARTED = "Home Assistant initialized"
STARTUP_TIMEOUT_S = 120


def build_zip(destination: Path) -> Path:
    """Build the release with the project's own packaging script."""
    subprocess.run(
        [sys.executable, ROOT / "scripts/lib/build_package.py", destination],
        check=True,
        capture_output=True,
    )
    return destination


def free_port() -> int:
    """Return a free loopback port, found in a child: tests may not open sockets."""
    probe = "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"
    return int(
        subprocess.run(
            [sys.executable, "-c", probe], check=True, capture_output=True, text=True
        ).stdout
    )


def write_config(config: Path) -> None:
    """Write a Home Assistant config with one retrowalk person already added."""
    (config / ".storage").mkdir(parents=True)
    (config / "configuration.yaml").write_text(
        "homeassistant:\n  name: Package test\n"
        "logger:\n  default: info\n"
        f"http:\n  server_host: 127.0.0.1\n  server_port: {free_port()}\n"
    )
    entry = {
        "entry_id": "01JPACKAGETEST0000000000000",
        "version": 1,
        "domain": DOMAIN,
        "title": "Alex",
        "data": {"name": "Alex", "level": "new"},
        "options": {"weight": 70.0, "surface": "treadmill_handrails"},
        "source": "user",
        "unique_id": "alex",
        "disabled_by": None,
    }
    store = {
        "version": 1,
        "minor_version": 1,
        "key": "core.config_entries",
        "data": {"entries": [entry]},
    }
    (config / ".storage/core.config_entries").write_text(json.dumps(store))


def run_home_assistant(config: Path) -> str:
    """Start Home Assistant on ``config``, wait until it saved its entities, stop it.

    Home Assistant installs its SIGTERM handler only after it has started, a moment after it
    logs that it is initialized, so the test waits for the entity registry's delayed save
    (10 s) instead of racing that window. Returns the log.
    """
    log = config / "home-assistant.log"
    registry = config / ".storage/core.entity_registry"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "homeassistant",
            "--config",
            str(config),
            "--skip-pip",
            "--log-file",
            str(log),
        ],
        cwd=config,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while time.monotonic() < deadline and process.poll() is None:
            if registry.exists() and STARTED in log.read_text():
                break
            time.sleep(0.2)
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    return log.read_text()


@pytest.mark.timeout(300)
def test_zip_release_sets_up_in_home_assistant(tmp_path: Path) -> None:
    """Home Assistant sets retrowalk up from the unpacked zip alone."""
    archive = build_zip(tmp_path / "retrowalk.zip")
    with zipfile.ZipFile(archive) as release:
        names = release.namelist()
        assert "manifest.json" in names
        assert "sim/__init__.py" in names
        assert not any(name.startswith(("custom_components/", "../")) for name in names)
        config = tmp_path / "config"
        target = config / "custom_components" / DOMAIN
        release.extractall(target)
    assert not any(path.is_symlink() for path in target.rglob("*"))
    assert (target / "sim").is_dir()
    write_config(config)

    log = run_home_assistant(config)

    assert STARTED in log, log[-3000:]
    assert "Error setting up entry" not in log, log[-3000:]
    registry_file = config / ".storage/core.entity_registry"
    assert registry_file.exists(), log[-3000:]
    registry = json.loads(registry_file.read_text())
    platforms = {entity["platform"] for entity in registry["data"]["entities"]}
    assert DOMAIN in platforms
    assert "retrowalk" in log


def test_no_top_level_sim_in_release(tmp_path: Path) -> None:
    """Outside the repository, no top-level ``sim`` module is importable."""
    archive = build_zip(tmp_path / "retrowalk.zip")
    with zipfile.ZipFile(archive) as release:
        release.extractall(tmp_path / "config/custom_components" / DOMAIN)
    probe = subprocess.run(
        [sys.executable, "-c", "import sim"],
        cwd=tmp_path / "config",
        capture_output=True,
        text=True,
        check=False,
    )
    assert probe.returncode != 0
    assert "No module named 'sim'" in probe.stderr
