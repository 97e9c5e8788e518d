"""In-session reminders: exact times and payloads on every channel."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
    async_fire_time_changed,
    async_mock_service,
)

from custom_components.retrowalk.compat import vol
from custom_components.retrowalk.const import (
    CONF_LEVEL,
    DOMAIN,
    EVENT_REMINDER,
    EVENT_SESSION,
)
from custom_components.retrowalk.sim.programs import FORWARD_SPEED_LIMIT_M_S

from .conftest import AddPerson, person_entry

START = "2026-11-23T18:00:00+00:00"
LIGHT = "sensor.hallway_light"
HALLWAY: dict[str, Any] = {
    "surface": "indoor_hallway",
    "illuminance_sensor": LIGHT,
    "hydrate_every": 5,
}
TEXTS = {
    "warmup_cue": "Warm up: walk backwards slowly for a few minutes.",
    "stop_on_pain": "Stop at once if you feel pain or dizziness.",
    "check_path": "Check the path behind you.",
    "hydrate": "Time for a sip of water.",
    "posture_core": "Stand tall, brace your core, look ahead.",
    "cooldown_cue": "Cool down: slow to an easy pace.",
    "session_complete": "Session complete. Well done!",
}


async def run_for(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, seconds: int, step: int = 10
) -> None:
    """Move time on in steps, running what falls due."""
    for _ in range(seconds // step):
        freezer.tick(timedelta(seconds=step))
        async_fire_time_changed(hass)
        await hass.async_block_till_done()


async def restart(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    entry: MockConfigEntry,
    down: timedelta,
) -> None:
    """Unload the person, let ``down`` pass, and set them up again."""
    assert await hass.config_entries.async_unload(entry.entry_id)
    freezer.tick(down)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()


async def act(hass: HomeAssistant, service: str, **data: Any) -> None:
    """Call a retrowalk action."""
    await hass.services.async_call(DOMAIN, service, data, blocking=True)
    await hass.async_block_till_done()


def timeline(events: list[Event], started: datetime) -> list[tuple[int, str]]:
    """Seconds after the start and type of each reminder event."""
    return [
        (round((event.time_fired - started).total_seconds()), event.data["type"])
        for event in events
    ]


@pytest.fixture
async def hallway(hass: HomeAssistant, add_person: AddPerson) -> MockConfigEntry:
    """Alex in a well-lit hallway, reminders sent to a phone and a speaker."""
    hass.states.async_set(LIGHT, "400")
    return await add_person(
        **HALLWAY,
        notify_entities=["notify.phone"],
        media_players=["media_player.kitchen"],
        tts_entity="tts.piper",
    )


@pytest.mark.freeze_time(START)
async def test_reminders_on_every_channel_with_a_pause(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, hallway: MockConfigEntry
) -> None:
    """A 10-minute hallway session paused for a minute: every reminder, on time."""
    notified = async_mock_service(hass, "notify", "send_message")
    spoken = async_mock_service(hass, "tts", "speak")
    events = async_capture_events(hass, EVENT_REMINDER)
    entity_changes: list[tuple[str | None, str]] = []

    @callback
    def on_change(event: Event[Any]) -> None:
        if event.data["entity_id"] == "event.alex_reminder":
            new = event.data["new_state"]
            entity_changes.append(
                (new.attributes.get("event_type"), new.attributes.get("message"))
            )

    hass.bus.async_listen("state_changed", on_change)
    started = dt_util.utcnow()

    await act(hass, "start_session", duration=10, speed=2.0, program="steady")
    await run_for(hass, freezer, 200)
    await act(hass, "pause_session")
    await run_for(hass, freezer, 60)
    await act(hass, "resume_session")
    await run_for(hass, freezer, 500)

    expected = [
        (0, "warmup_cue"),
        (60, "stop_on_pain"),
        (60, "check_path"),
        (180, "check_path"),
        (360, "check_path"),
        (360, "hydrate"),
        (420, "posture_core"),
        (480, "check_path"),
        (600, "cooldown_cue"),
        (660, "session_complete"),
    ]
    assert timeline(events, started) == expected
    assert events[0].data == {
        "config_entry_id": hallway.entry_id,
        "name": "Alex",
        "type": "warmup_cue",
        "message": TEXTS["warmup_cue"],
    }
    assert entity_changes == [(kind, TEXTS[kind]) for _, kind in expected]
    assert [call.data["message"] for call in notified] == [
        TEXTS[kind] for _, kind in expected
    ]
    assert notified[0].data["title"] == "Alex"
    assert notified[0].data["entity_id"] == ["notify.phone"]
    assert [call.data["message"] for call in spoken] == [
        TEXTS[kind] for _, kind in expected
    ]
    assert spoken[0].data["entity_id"] == ["tts.piper"]
    assert spoken[0].data["media_player_entity_id"] == ["media_player.kitchen"]


@pytest.mark.freeze_time(START)
async def test_treadmill_reminds_of_the_rail_not_the_path(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, add_person: AddPerson
) -> None:
    """On a treadmill with handrails: hand on the rail, no path checks, no other channel."""
    await add_person()
    events = async_capture_events(hass, EVENT_REMINDER)
    started = dt_util.utcnow()
    await act(hass, "start_session", duration=10, speed=2.0, program="steady")
    await run_for(hass, freezer, 600)
    assert timeline(events, started) == [
        (0, "warmup_cue"),
        (60, "stop_on_pain"),
        (60, "hand_on_rail"),
        (360, "posture_core"),
        (540, "cooldown_cue"),
        (600, "session_complete"),
    ]


@pytest.mark.freeze_time(START)
async def test_reminders_switched_off_are_not_given(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, add_person: AddPerson
) -> None:
    """A person who switched off the rail and the congratulations gets neither."""
    await add_person(reminders_off=["hand_on_rail", "session_complete", "gone"])
    events = async_capture_events(hass, EVENT_REMINDER)
    started = dt_util.utcnow()
    await act(hass, "start_session", duration=10, speed=2.0, program="steady")
    await run_for(hass, freezer, 610)
    assert timeline(events, started) == [
        (0, "warmup_cue"),
        (60, "stop_on_pain"),
        (360, "posture_core"),
        (540, "cooldown_cue"),
    ]


@pytest.mark.freeze_time(START)
async def test_stop_ends_the_reminders(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, hallway: MockConfigEntry
) -> None:
    """An early stop gives no completion and no further reminder."""
    events = async_capture_events(hass, EVENT_REMINDER)
    await act(hass, "start_session", duration=10, speed=2.0, program="steady")
    await run_for(hass, freezer, 100)
    await act(hass, "stop_session")
    await run_for(hass, freezer, 600)
    assert [event.data["type"] for event in events] == [
        "warmup_cue",
        "stop_on_pain",
        "check_path",
    ]


@pytest.mark.freeze_time(START)
async def test_restart_skips_what_is_long_overdue(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, hallway: MockConfigEntry
) -> None:
    """Reminders due while Home Assistant was down are skipped, not flooded."""
    events = async_capture_events(hass, EVENT_REMINDER)
    started = dt_util.utcnow()
    await act(hass, "start_session", duration=10, speed=2.0, program="steady")
    await run_for(hass, freezer, 100)
    await restart(hass, freezer, hallway, timedelta(seconds=300))
    await run_for(hass, freezer, 300)
    assert timeline(events, started) == [
        (0, "warmup_cue"),
        (60, "stop_on_pain"),
        (60, "check_path"),
        (420, "check_path"),
        (540, "cooldown_cue"),
        (600, "session_complete"),
    ]


@pytest.mark.freeze_time(START)
async def test_no_late_congratulations_after_a_restart(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, hallway: MockConfigEntry
) -> None:
    """A session found finished an hour late is recorded but not announced on speakers."""
    events = async_capture_events(hass, EVENT_REMINDER)
    finished = async_capture_events(hass, EVENT_SESSION)
    await act(hass, "start_session", duration=10, speed=2.0, program="steady")
    await run_for(hass, freezer, 30)
    await restart(hass, freezer, hallway, timedelta(hours=1))
    assert [event.data["type"] for event in events] == ["warmup_cue"]
    assert finished[-1].data["type"] == "finished"
    assert len(hallway.runtime_data.storage.sessions) == 1


@pytest.mark.freeze_time(START)
async def test_completion_just_after_a_restart_is_given(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, hallway: MockConfigEntry
) -> None:
    """Home Assistant down over the last seconds of a session: completion is still due."""
    events = async_capture_events(hass, EVENT_REMINDER)
    await act(hass, "start_session", duration=10, speed=2.0, program="steady")
    await run_for(hass, freezer, 590)
    await restart(hass, freezer, hallway, timedelta(seconds=20))
    assert events[-1].data["type"] == "session_complete"


@pytest.mark.freeze_time(START)
async def test_a_refused_delivery_loses_no_reminder(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    add_person: AddPerson,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A notify action that rejects the call does not drop the reminders due with it."""
    async_mock_service(
        hass, "notify", "send_message", schema=vol.Schema({vol.Required("x"): int})
    )
    await add_person(notify_entities=["notify.phone"])
    events = async_capture_events(hass, EVENT_REMINDER)
    await act(hass, "start_session", duration=10, speed=2.0, program="steady")
    await run_for(hass, freezer, 60)
    assert [event.data["type"] for event in events] == [
        "warmup_cue",
        "stop_on_pain",
        "hand_on_rail",
    ]
    assert caplog.text.count("Could not deliver a reminder for Alex") == 3


@pytest.mark.freeze_time(START)
async def test_missing_delivery_action_is_logged(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    hallway: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Without the notify and tts actions, reminders still reach the event entity."""
    events = async_capture_events(hass, EVENT_REMINDER)
    await act(hass, "start_session", duration=10, speed=2.0, program="steady")
    assert [event.data["type"] for event in events] == ["warmup_cue"]
    assert "Could not deliver a reminder for Alex with notify.send_message" in (
        caplog.text
    )
    assert "Could not deliver a reminder for Alex with tts.speak" in caplog.text
    state = hass.states.get("event.alex_reminder")
    assert state is not None
    assert state.attributes["event_type"] == "warmup_cue"


@pytest.mark.freeze_time(START)
async def test_beginner_is_not_told_to_slow_down_in_the_warm_up(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """A new walker at the hallway cap: the faster forward warm-up is no reason to slow down."""
    await hass.config.async_set_time_zone("Europe/Amsterdam")
    hass.states.async_set(LIGHT, "400")
    regular = person_entry("Bea", **HALLWAY)
    entry = MockConfigEntry(
        domain=DOMAIN,
        title=regular.title,
        unique_id=regular.unique_id,
        data=dict(regular.data) | {CONF_LEVEL: "new"},
        options=dict(regular.options),
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    events = async_capture_events(hass, EVENT_REMINDER)
    started = dt_util.utcnow()

    # At the cap: 2.9 km/h is how the 0.8 m/s hallway cap of a new walker shows.
    await act(hass, "start_session", duration=10, speed=2.9)
    controller = entry.runtime_data.controller
    plan = controller.plan()
    assert plan is not None
    cap = controller.settings.speed_cap_m_s
    warmup = plan.phases[0]
    assert warmup.speed_m_s > cap >= plan.phases[1].speed_m_s
    assert warmup.speed_m_s <= FORWARD_SPEED_LIMIT_M_S
    await run_for(hass, freezer, 600)

    assert timeline(events, started) == [
        (0, "warmup_cue"),
        (60, "stop_on_pain"),
        (60, "check_path"),
        (180, "check_path"),
        (300, "check_path"),
        (300, "hydrate"),
        (360, "posture_core"),
        (420, "check_path"),
        (540, "cooldown_cue"),
        (600, "session_complete"),
    ]
