"""Back-fill of long-term statistics for a long history: wall time and loop holds.

Run through ``scripts/bench_statistics.py``; it prints one Markdown table row.
Nothing here asserts a time: the figures go to docs/performance.md.
"""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path
import time
from typing import Any
from unittest.mock import patch

from homeassistant.components.recorder import Recorder
from homeassistant.components.recorder.statistics import get_last_statistics
from homeassistant.core import HomeAssistant
from homeassistant.helpers import storage
from homeassistant.helpers.recorder import get_instance
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.recorder.common import (
    async_wait_recording_done,
)

from custom_components.retrowalk.const import DOMAIN
from custom_components.retrowalk.long_term import KINDS, statistic_id
from tests.integration.conftest import person_entry
from tests.integration.test_storage_damage import GOOD

SESSIONS = 1000
TICK_S = 0.001
REAL_STORE = {
    name: getattr(storage.Store, name)
    for name in ("_async_load", "_async_write_data", "async_remove")
}
"""Home Assistant's own file storage, taken before the test harness replaces it
with an in-memory one that copies and encodes every load and save on the loop."""


@pytest.fixture(autouse=True)
def order(recorder_mock: Recorder, enable_custom_integrations: None) -> None:
    """The recorder before Home Assistant; retrowalk from custom_components."""


def history(count: int) -> list[dict[str, Any]]:
    """``count`` sessions like ``GOOD`` (20 minutes), one a day at 17:00 UTC, back from 2026-11-01."""
    base = time.mktime((2026, 11, 1, 17, 0, 0, 0, 0, 0)) - time.timezone
    records = []
    for index in range(count):
        start = base - (count - index) * 86400
        started = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(start))
        ended = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(start + 1200))
        records.append(
            GOOD | {"session_id": f"s{index}", "started_at": started, "ended_at": ended}
        )
    return records


async def test_backfill(hass: HomeAssistant, tmp_path: Path) -> None:
    """Set up a person with a long history and measure until the sums are written."""
    with patch.multiple(storage.Store, **REAL_STORE):
        await backfill(hass, tmp_path)


async def backfill(hass: HomeAssistant, tmp_path: Path) -> None:
    """Measure with the person's store read from and written to real files."""
    hass.config.config_dir = str(tmp_path)
    # As in a real installation: the test harness turns on asyncio's debug mode
    # (a stack trace taken for every future and task) and logs every SQL
    # statement; Home Assistant does neither unless asked to.
    asyncio.get_running_loop().set_debug(False)
    logging.getLogger().setLevel(logging.WARNING)
    for name in ("sqlalchemy", "sqlalchemy.engine"):
        logging.getLogger(name).setLevel(logging.WARNING)
    entry: MockConfigEntry = person_entry()
    key = f"{DOMAIN}.{entry.entry_id}"
    stored = {
        "version": 1,
        "minor_version": 3,
        "key": key,
        "data": {"active": None, "sessions": history(SESSIONS)},
    }
    # The store and its last-good copy, as after any earlier start.
    (tmp_path / ".storage").mkdir()
    for name in (key, f"{key}.last_good"):
        (tmp_path / ".storage" / name).write_text(json.dumps(stored | {"key": name}))
    entry.add_to_hass(hass)
    longest = 0.0
    stop = False

    async def watch() -> None:
        nonlocal longest
        last = time.perf_counter()
        while not stop:
            await asyncio.sleep(TICK_S)
            now = time.perf_counter()
            longest = max(longest, now - last - TICK_S)
            last = now

    watcher = asyncio.create_task(watch())
    began = time.perf_counter()
    assert await hass.config_entries.async_setup(entry.entry_id)
    set_up = time.perf_counter() - began
    setup_longest, longest = longest, 0.0
    await hass.async_block_till_done(wait_background_tasks=True)
    await async_wait_recording_done(hass)
    wall = time.perf_counter() - began
    stop = True
    await watcher
    sid = statistic_id(KINDS[0], entry.entry_id)
    last = await get_instance(hass).async_add_executor_job(
        get_last_statistics, hass, 1, sid, False, {"sum"}
    )
    assert last[sid][0]["sum"] == pytest.approx(SESSIONS * 20)
    print(  # noqa: T201 - the script reads this row
        f"\nRESULT | {SESSIONS} | {set_up * 1000:.0f} | {setup_longest * 1000:.1f} "
        f"| {wall * 1000:.0f} | {longest * 1000:.1f} |"
    )
