"""Transitions like Home Assistant's timer: isolated listeners, saves, catch-up after a restart."""

from __future__ import annotations

import copy
from datetime import timedelta
import logging
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import CoreState, HomeAssistant, callback
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
)

from custom_components.retrowalk.const import DOMAIN, EVENT_REMINDER, EVENT_SESSION

from .conftest import AddPerson
from .test_device_automation import automate, device_of, device_trigger_config
from .test_reminders import HALLWAY, LIGHT, run_for
from .test_session import START, advance, call, state


class Broken(RuntimeError):
    """What the raising listener raises."""


def failures(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    """The errors logged with a listener's traceback."""
    return [
        record
        for record in caplog.records
        if record.levelno >= logging.ERROR and record.exc_info is not None
    ]


@pytest.mark.freeze_time(START)
async def test_a_raising_listener_stops_nothing_else(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    alex: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A listener that raises at every change: the timer, the entities and later listeners go on."""
    controller = alex.runtime_data.controller
    after: list[str] = []

    @callback
    def broken() -> None:
        raise Broken("listener is broken")

    controller.async_add_listener(broken)
    controller.async_add_listener(lambda: after.append(controller.phase().value))
    events = async_capture_events(hass, EVENT_SESSION)
    await call(hass, "start_session", duration=10)
    assert controller.finishes_at() == dt_util.utcnow() + timedelta(minutes=10)
    assert controller.wake_up_scheduled
    assert state(hass, "sensor.alex_phase") == "warmup"
    await call(hass, "pause_session")
    await call(hass, "resume_session")
    await advance(hass, freezer, 10 * 60)
    assert [event.data["type"] for event in events] == [
        "started",
        "paused",
        "resumed",
        "finished",
    ]
    assert state(hass, "sensor.alex_phase") == "finished"
    assert len(alex.runtime_data.storage.sessions) == 1
    assert after[:3] == ["warmup", "paused", "warmup"]
    assert after[-1] == "finished"
    # One traceback, although the listener failed at every change.
    assert len(failures(caplog)) == 1
    assert caplog.text.count("Traceback") == 1


@pytest.mark.freeze_time(START)
async def test_a_listener_that_recovers_is_logged_again_when_it_fails_again(
    hass: HomeAssistant, alex: MockConfigEntry, caplog: pytest.LogCaptureFixture
) -> None:
    """Only a repeated failure in a row is kept quiet; a removed listener is gone."""
    controller = alex.runtime_data.controller
    failing = [True]

    @callback
    def flaky() -> None:
        if failing[0]:
            raise Broken("flaky listener")

    remove = controller.async_add_listener(flaky)
    await call(hass, "start_session", duration=10)
    failing[0] = False
    await call(hass, "pause_session")
    failing[0] = True
    await call(hass, "resume_session")
    assert len(failures(caplog)) == 2
    remove()
    await call(hass, "stop_session")
    assert len(failures(caplog)) == 2


@pytest.mark.freeze_time(START)
async def test_an_action_returns_with_its_data_on_disk(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    alex: MockConfigEntry,
    hass_storage: dict[str, Any],
) -> None:
    """Start, pause and stop are saved before the action answers (no delayed save)."""
    key = f"{DOMAIN}.{alex.entry_id}"
    await hass.services.async_call(
        DOMAIN, "start_session", {"duration": 10}, blocking=True
    )
    assert hass_storage[key]["data"]["active"]["base_duration_s"] == 600
    await advance(hass, freezer, 120)
    await hass.services.async_call(DOMAIN, "pause_session", {}, blocking=True)
    assert hass_storage[key]["data"]["active"]["paused_at"] is not None
    await hass.services.async_call(DOMAIN, "stop_session", {}, blocking=True)
    assert hass_storage[key]["data"]["active"] is None
    assert len(hass_storage[key]["data"]["sessions"]) == 1


@pytest.mark.freeze_time(START)
async def test_a_kill_just_after_a_reminder_does_not_repeat_it(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    add_person: AddPerson,
    hass_storage: dict[str, Any],
) -> None:
    """The store as it was when each reminder was given: a restart from it gives none again."""
    hass.states.async_set(LIGHT, "400")
    entry = await add_person(**HALLWAY)
    key = f"{DOMAIN}.{entry.entry_id}"
    on_disk: list[dict[str, Any]] = []

    @callback
    def snapshot(_event: Any) -> None:
        on_disk.append(copy.deepcopy(hass_storage[key]))

    hass.bus.async_listen(EVENT_REMINDER, snapshot)
    events = async_capture_events(hass, EVENT_REMINDER)
    await call(hass, "start_session", duration=10)
    await run_for(hass, freezer, 60)
    given = [event.data["type"] for event in events]
    assert given == ["warmup_cue", "stop_on_pain", "check_path"]
    # Killed right after the last reminder: whatever was not on disk then is lost.
    assert await hass.config_entries.async_unload(entry.entry_id)
    hass_storage[key] = on_disk[-1]
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    await run_for(hass, freezer, 10)
    assert [event.data["type"] for event in events] == given


@pytest.mark.freeze_time(START)
async def test_automations_see_a_session_that_ended_while_home_assistant_was_down(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, add_person: AddPerson
) -> None:
    """The finished event of the catch-up comes once Home Assistant has started."""
    alex = await add_person()
    await call(hass, "start_session", duration=10)
    await advance(hass, freezer, 60)
    assert await hass.config_entries.async_unload(alex.entry_id)
    await hass.async_block_till_done()
    freezer.tick(timedelta(hours=2))

    hass.set_state(CoreState.not_running)
    calls = await automate(
        hass,
        [
            device_trigger_config(device_of(hass, alex), "finished"),
            {
                "trigger": "event",
                "event_type": EVENT_SESSION,
                "event_data": {"type": "finished"},
                "id": "event",
            },
        ],
    )
    events = async_capture_events(hass, EVENT_SESSION)
    assert await hass.config_entries.async_setup(alex.entry_id)
    await hass.async_block_till_done()
    # Recorded at once, announced only once Home Assistant has started.
    assert len(alex.runtime_data.storage.sessions) == 1
    assert events == []
    await hass.async_start()
    await hass.async_block_till_done()
    assert [event.data["type"] for event in events] == ["finished"]
    assert events[0].data["ended_at"] == "2026-11-23T08:10:00+00:00"
    assert sorted(c.data["id"] for c in calls) == ["event", "finished"]


@pytest.mark.freeze_time(START)
async def test_a_reload_after_the_start_announces_at_once(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, alex: MockConfigEntry
) -> None:
    """Home Assistant already runs: a reload that finds a finished session fires at once."""
    await call(hass, "start_session", duration=10)
    assert await hass.config_entries.async_unload(alex.entry_id)
    freezer.tick(timedelta(minutes=30))
    events = async_capture_events(hass, EVENT_SESSION)
    assert await hass.config_entries.async_setup(alex.entry_id)
    assert [event.data["type"] for event in events] == ["finished"]


@pytest.mark.freeze_time(START)
async def test_completion_found_at_a_restart_is_given_once_started(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    add_person: AddPerson,
) -> None:
    """Decided when the restart finds the session, given when Home Assistant has started."""
    hass.states.async_set(LIGHT, "400")
    entry = await add_person(**HALLWAY)
    await call(hass, "start_session", duration=10)
    await run_for(hass, freezer, 590)
    assert await hass.config_entries.async_unload(entry.entry_id)
    freezer.tick(timedelta(seconds=20))
    hass.set_state(CoreState.not_running)
    reminders = async_capture_events(hass, EVENT_REMINDER)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert reminders == []
    # A slow start does not make the completion stale: it was due when found.
    freezer.tick(timedelta(minutes=2))
    await hass.async_start()
    await hass.async_block_till_done()
    assert [event.data["type"] for event in reminders] == ["session_complete"]
