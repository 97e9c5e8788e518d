"""Auto-pause while the belt stands still, auto-resume when it moves again.

Driven against the virtual treadmill without speed control: the person starts
and stops the belt on the treadmill's own keys.
"""

from __future__ import annotations

from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
)

from custom_components.retrowalk.belt_control import REASON_NOT_FOLLOWING
from custom_components.retrowalk.belt_watch import (
    REASON_BELT_MOVING,
    REASON_BELT_STOPPED,
)
from custom_components.retrowalk.const import (
    CONF_AUTO_PAUSE,
    CONF_AUTO_PAUSE_AFTER,
    CONF_SPEED_CONTROL,
    CONF_TREADMILL_SPEED,
    EVENT_SESSION,
)
from custom_components.retrowalk.controller import SessionController
from custom_components.retrowalk.logbook import describe_session

from .conftest import AddPerson
from .virtual_treadmill import (
    BELT,
    SPEED,
    TreadmillSpec,
    VirtualTreadmill,
    async_run,
    async_setup_virtual_treadmill,
)

START = "2026-11-23T18:00:00+00:00"
SPEC = TreadmillSpec(acceleration_m_s2=1.0)
"""Stops from 2.9 km/h (0.8 m/s) within one report."""


async def watched(
    hass: HomeAssistant, add_person: AddPerson, **options: Any
) -> tuple[VirtualTreadmill, MockConfigEntry]:
    """A virtual treadmill whose speed sensor Alex's sessions watch."""
    treadmill = await async_setup_virtual_treadmill(hass, SPEC)
    entry = await add_person(**{CONF_TREADMILL_SPEED: SPEED} | options)
    return treadmill, entry


def controller(entry: MockConfigEntry) -> SessionController:
    """The person's session controller."""
    found: SessionController = entry.runtime_data.controller
    return found


async def walk(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    treadmill: VirtualTreadmill,
    entry: MockConfigEntry,
) -> None:
    """Start the belt at 2.9 km/h, then a 20-minute session on it."""
    treadmill.set_target_speed(2.9)
    treadmill.set_running(True)
    await async_run(hass, freezer, 2)
    assert hass.states.get(SPEED).state == "2.9"
    await controller(entry).async_start(1200, 0.8, 0.0)
    await hass.async_block_till_done()


async def stop_belt(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, treadmill: VirtualTreadmill
) -> None:
    """Stop the belt on its keys; return the second it first reads 0."""
    treadmill.set_running(False)
    for _ in range(3):
        await async_run(hass, freezer, 1)
        if hass.states.get(SPEED).state == "0.0":
            return
    pytest.fail("the belt did not stop")


def data_pending(entry: MockConfigEntry) -> bool:
    """Whether speed control waits for the belt to reach a command."""
    return bool(entry.runtime_data.belt.pending)


def transitions(events: list[Any]) -> list[tuple[str, str | None]]:
    """The pauses and resumes so far, with their reasons."""
    return [
        (event.data["type"], event.data.get("reason"))
        for event in events
        if event.data["type"] in ("paused", "resumed")
    ]


@pytest.mark.freeze_time(START)
async def test_pause_after_five_seconds_and_resume_on_moving(
    hass: HomeAssistant, add_person: AddPerson, freezer: FrozenDateTimeFactory
) -> None:
    """Paused 5 s after the reading hits 0 (not 4 s); resumed when the belt moves."""
    treadmill, entry = await watched(hass, add_person)
    assert entry.runtime_data.settings.treadmill.auto_pause  # on with a speed sensor
    events = async_capture_events(hass, EVENT_SESSION)
    await walk(hass, freezer, treadmill, entry)
    await async_run(hass, freezer, 30)
    assert not controller(entry).paused
    await stop_belt(hass, freezer, treadmill)
    await async_run(hass, freezer, 4)
    assert not controller(entry).paused
    await async_run(hass, freezer, 1)
    assert controller(entry).paused
    assert transitions(events) == [("paused", REASON_BELT_STOPPED)]
    assert controller(entry).active is not None
    assert controller(entry).active.pauses == 1
    assert pause_reason(hass) == REASON_BELT_STOPPED

    # Standing on a stopped belt for a minute changes nothing more.
    await async_run(hass, freezer, 60)
    treadmill.set_running(True)
    await async_run(hass, freezer, 1)
    assert not controller(entry).paused
    assert transitions(events) == [
        ("paused", REASON_BELT_STOPPED),
        ("resumed", REASON_BELT_MOVING),
    ]
    active = controller(entry).active
    assert active is not None
    assert active.paused_s == 61.0
    assert pause_reason(hass) is None
    texts = [describe_session(hass, event.data) for event in events[-2:]]
    assert texts == [
        "paused the retro walk: the belt stood still",
        "resumed the retro walk: the belt moves again",
    ]


def pause_reason(hass: HomeAssistant) -> str | None:
    """The session switch's ``pause_reason`` (what the card shows)."""
    session = hass.states.get("switch.alex_session")
    assert session is not None
    reason: str | None = session.attributes["pause_reason"]
    return reason


@pytest.mark.freeze_time(START)
async def test_a_belt_pause_is_resumed_by_the_belt_after_a_restart(
    hass: HomeAssistant, add_person: AddPerson, freezer: FrozenDateTimeFactory
) -> None:
    """The pause's reason is stored: after a reload the belt still resumes its pause."""
    treadmill, entry = await watched(hass, add_person)
    await walk(hass, freezer, treadmill, entry)
    await stop_belt(hass, freezer, treadmill)
    await async_run(hass, freezer, 5)
    assert controller(entry).paused
    await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert controller(entry).paused
    assert pause_reason(hass) == REASON_BELT_STOPPED
    treadmill.set_running(True)
    await async_run(hass, freezer, 1)
    assert not controller(entry).paused
    assert pause_reason(hass) is None


@pytest.mark.freeze_time(START)
async def test_a_pause_of_the_person_is_never_resumed(
    hass: HomeAssistant, add_person: AddPerson, freezer: FrozenDateTimeFactory
) -> None:
    """The person pauses, stops and restarts the belt: the session stays paused."""
    treadmill, entry = await watched(hass, add_person)
    events = async_capture_events(hass, EVENT_SESSION)
    await walk(hass, freezer, treadmill, entry)
    await controller(entry).async_pause()
    await stop_belt(hass, freezer, treadmill)
    await async_run(hass, freezer, 20)
    treadmill.set_running(True)
    await async_run(hass, freezer, 20)
    assert controller(entry).paused
    assert transitions(events) == [("paused", None)]
    assert pause_reason(hass) is None

    # A belt pause the person ends by hand: the belt's next start resumes nothing.
    await controller(entry).async_resume()
    await stop_belt(hass, freezer, treadmill)
    await async_run(hass, freezer, 5)
    assert controller(entry).paused
    await controller(entry).async_resume()
    await async_run(hass, freezer, 2)
    await controller(entry).async_pause()
    treadmill.set_running(True)
    await async_run(hass, freezer, 3)
    assert controller(entry).paused
    assert transitions(events) == [
        ("paused", None),
        ("resumed", None),
        ("paused", REASON_BELT_STOPPED),
        ("resumed", None),
        ("paused", None),
    ]


@pytest.mark.freeze_time(START)
async def test_custom_wait_and_a_standing_start(
    hass: HomeAssistant, add_person: AddPerson, freezer: FrozenDateTimeFactory
) -> None:
    """12 s of standstill: a session started on a still belt pauses 12 s later."""
    treadmill, entry = await watched(hass, add_person, **{CONF_AUTO_PAUSE_AFTER: 12})
    await controller(entry).async_start(1200, 0.8, 0.0)
    await hass.async_block_till_done()
    await async_run(hass, freezer, 11)
    assert not controller(entry).paused
    await async_run(hass, freezer, 1)
    assert controller(entry).paused
    treadmill.set_target_speed(2.9)
    treadmill.set_running(True)
    await async_run(hass, freezer, 1)
    assert not controller(entry).paused
    # A belt that slows and picks up again within the wait does not pause.
    await stop_belt(hass, freezer, treadmill)
    await async_run(hass, freezer, 10)
    treadmill.set_running(True)
    await async_run(hass, freezer, 1)
    await async_run(hass, freezer, 30)
    assert not controller(entry).paused


@pytest.mark.freeze_time(START)
async def test_no_pause_when_off_or_without_reading(
    hass: HomeAssistant, add_person: AddPerson, freezer: FrozenDateTimeFactory
) -> None:
    """Auto-pause switched off, or a speed sensor gone unavailable: no pause."""
    treadmill, entry = await watched(hass, add_person)
    await walk(hass, freezer, treadmill, entry)
    treadmill.set_available(False)
    await stop_belt_unavailable(hass, freezer, treadmill)
    assert not controller(entry).paused
    treadmill.set_available(True)
    await hass.async_block_till_done()
    await async_run(hass, freezer, 4)
    assert not controller(entry).paused
    await async_run(hass, freezer, 1)
    assert controller(entry).paused

    off = await add_person(
        "Sam", **{CONF_TREADMILL_SPEED: SPEED, CONF_AUTO_PAUSE: False}
    )
    await controller(off).async_start(1200, 0.8, 0.0)
    await hass.async_block_till_done()
    await async_run(hass, freezer, 30)
    assert not controller(off).paused


async def stop_belt_unavailable(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, treadmill: VirtualTreadmill
) -> None:
    """Stop the belt while its sensor is off the air, and wait 20 s."""
    treadmill.set_running(False)
    await async_run(hass, freezer, 20)
    assert hass.states.get(SPEED).state == "unavailable"


@pytest.mark.freeze_time(START)
async def test_the_treadmill_stop_key_under_speed_control(
    hass: HomeAssistant, add_person: AddPerson, freezer: FrozenDateTimeFactory
) -> None:
    """Speed control on: the stop key pauses 5 s after standstill, the start key resumes.

    While the belt is still ramping up to a command, a still belt is the follow
    check's to judge, not auto-pause's.
    """
    treadmill = await async_setup_virtual_treadmill(hass, SPEC)
    entry = await add_person(**treadmill.options() | {CONF_SPEED_CONTROL: True})
    events = async_capture_events(hass, EVENT_SESSION)
    treadmill.ignore_commands = True
    await controller(entry).async_start(1200, 0.8, 0.0)
    await hass.async_block_till_done()
    await async_run(hass, freezer, 10)
    assert not controller(entry).paused
    await async_run(hass, freezer, 2)
    assert transitions(events) == [("paused", REASON_NOT_FOLLOWING)]
    treadmill.ignore_commands = False
    await controller(entry).async_resume()
    # The stop key in the middle of the ramp (0.5 then 1.0 km/h so far).
    await async_run(hass, freezer, 6)
    assert 0.2 < treadmill.speed_m_s < 0.5
    await stop_belt(hass, freezer, treadmill)
    await async_run(hass, freezer, 4)
    assert not controller(entry).paused
    assert data_pending(entry)  # the ramp's next step, which the belt ignores
    await async_run(hass, freezer, 1)
    assert controller(entry).paused
    assert hass.states.get(BELT).state == "off"  # speed control stopped it too
    await async_run(hass, freezer, 10)
    treadmill.set_running(True)
    await async_run(hass, freezer, 1)
    assert not controller(entry).paused
    assert transitions(events)[1:] == [
        ("resumed", None),
        ("paused", REASON_BELT_STOPPED),
        ("resumed", REASON_BELT_MOVING),
    ]
    await async_run(hass, freezer, 30)
    assert treadmill.speed_m_s > 0.6  # ramped up again
