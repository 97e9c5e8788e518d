"""Full session timelines driven by freezer: start, phases, pause, extend, finish."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
    async_fire_time_changed,
)

from custom_components.retrowalk.const import DOMAIN, EVENT_SESSION

from .conftest import AddPerson

START = "2026-11-23T08:00:00+00:00"


async def call(hass: HomeAssistant, service: str, **data: Any) -> Any:
    """Call a retrowalk action and wait for its effects."""
    result = await hass.services.async_call(DOMAIN, service, data, blocking=True)
    await hass.async_block_till_done()
    return result


async def advance(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, seconds: float
) -> None:
    """Move time on and run what was scheduled."""
    freezer.tick(timedelta(seconds=seconds))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()


def state(hass: HomeAssistant, entity_id: str) -> str:
    """The state of an entity that must exist."""
    found = hass.states.get(entity_id)
    assert found is not None, entity_id
    return found.state


@pytest.mark.freeze_time(START)
async def test_full_session_with_pause_and_extend(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, alex: MockConfigEntry
) -> None:
    """A 30-minute session: warm-up, walking, a pause, an extension, the end."""
    events = async_capture_events(hass, EVENT_SESSION)
    assert state(hass, "sensor.alex_phase") == "idle"
    assert state(hass, "switch.alex_session") == "off"

    await call(hass, "start_session", duration=30, speed=3.0)
    assert state(hass, "sensor.alex_phase") == "warmup"
    assert state(hass, "binary_sensor.alex_walking") == "on"
    switch = hass.states.get("switch.alex_session")
    assert switch is not None
    assert switch.state == "on"
    assert switch.attributes["duration"] == "0:30:00"
    assert switch.attributes["remaining"] == "0:30:00"
    assert switch.attributes["finishes_at"] == "2026-11-23T08:30:00+00:00"
    assert switch.attributes["heart_rate_sensor"] is None
    phases = switch.attributes["phases"]
    assert [phase["kind"] for phase in phases] == ["warmup", "backward", "cooldown"]
    assert sum(phase["seconds"] for phase in phases) == 1800
    assert phases[0]["seconds"] == 180
    assert state(hass, "sensor.alex_ends_at") == "2026-11-23T08:30:00+00:00"
    assert events[-1].data["type"] == "started"

    # The 3-minute warm-up (10 %) ends, backward walking begins.
    await advance(hass, freezer, 180)
    assert state(hass, "sensor.alex_phase") == "active"
    assert float(state(hass, "sensor.alex_speed")) == pytest.approx(3.0, abs=0.05)
    kcal_before = float(state(hass, "sensor.alex_session_energy"))
    assert kcal_before > 0

    await advance(hass, freezer, 120)
    energy = hass.states.get("sensor.alex_session_energy")
    assert energy is not None
    assert float(energy.state) > kcal_before
    assert energy.attributes["per_minute"] > 0

    # Pause for 5 minutes: nothing accrues, the end moves by 5 minutes.
    await call(hass, "pause_session")
    assert state(hass, "sensor.alex_phase") == "paused"
    assert state(hass, "binary_sensor.alex_walking") == "off"
    assert state(hass, "sensor.alex_ends_at") == "unknown"
    paused_kcal = state(hass, "sensor.alex_session_energy")
    await advance(hass, freezer, 300)
    assert state(hass, "sensor.alex_session_energy") == paused_kcal
    await call(hass, "resume_session")
    assert state(hass, "sensor.alex_ends_at") == "2026-11-23T08:35:00+00:00"
    switch = hass.states.get("switch.alex_session")
    assert switch is not None
    assert switch.attributes["remaining"] == "0:25:00"

    await call(hass, "extend_session", minutes=5)
    assert state(hass, "sensor.alex_ends_at") == "2026-11-23T08:40:00+00:00"
    assert [event.data["type"] for event in events] == [
        "started",
        "paused",
        "resumed",
        "extended",
    ]

    # 5 minutes walked so far; the cool-down is the last 3 of 35 minutes.
    await advance(hass, freezer, 31 * 60 - 300)
    assert state(hass, "sensor.alex_phase") == "active"
    await advance(hass, freezer, 90)
    assert state(hass, "sensor.alex_phase") == "cooldown"
    await advance(hass, freezer, 150)
    assert state(hass, "sensor.alex_phase") == "finished"
    assert state(hass, "switch.alex_session") == "off"
    assert events[-1].data["type"] == "finished"
    assert events[-1].data["completed"] is True
    assert events[-1].data["active_s"] == pytest.approx(35 * 60)

    assert state(hass, "sensor.alex_sessions_this_week") == "1"
    assert float(state(hass, "sensor.alex_minutes_this_week")) == pytest.approx(35)
    assert float(state(hass, "sensor.alex_lifetime_minutes")) == pytest.approx(35)
    assert state(hass, "sensor.alex_last_session") == "2026-11-23T08:40:00+00:00"
    assert float(state(hass, "sensor.alex_session_distance")) > 1.0
    assert int(state(hass, "sensor.alex_session_steps")) > 1000

    # The finished phase stays until the next start, across a restart.
    await advance(hass, freezer, 3600)
    assert state(hass, "sensor.alex_phase") == "finished"
    assert await hass.config_entries.async_reload(alex.entry_id)
    await hass.async_block_till_done()
    assert state(hass, "sensor.alex_phase") == "finished"
    await call(hass, "start_session", duration=10)
    assert state(hass, "sensor.alex_phase") == "warmup"


@pytest.mark.freeze_time(START)
async def test_the_switch_tells_what_the_phase_and_next_session_sensors_do(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, alex: MockConfigEntry
) -> None:
    """The card reads only the switch: its attributes match the disabled sensors."""

    def switch() -> dict[str, Any]:
        found = hass.states.get("switch.alex_session")
        assert found is not None
        return dict(found.attributes)

    def agree() -> None:
        phase = hass.states.get("sensor.alex_phase")
        assert phase is not None
        attributes = switch()
        assert attributes["phase"] == phase.state
        for key, value in phase.attributes.items():
            if key not in ("friendly_name", "icon", "options", "device_class"):
                assert attributes[key] == value, key

    next_session = hass.states.get("sensor.alex_next_session")
    assert next_session is not None
    attributes = switch()
    assert attributes["next_session"] == next_session.state
    for key in ("duration_min", "speed", "speed_m_s", "incline", "program"):
        assert attributes[key] == next_session.attributes[key], key
    assert attributes["overridden"] == []
    agree()

    await call(hass, "start_session", duration=12)
    assert "next_session" not in switch()
    agree()
    warmup, _walking, cooldown = (phase["seconds"] for phase in switch()["phases"])
    await advance(hass, freezer, warmup + 1)
    assert switch()["phase"] == "active"
    agree()
    await call(hass, "pause_session")
    assert switch()["phase"] == "paused"
    agree()
    await call(hass, "resume_session")
    finishes_at = dt_util.parse_datetime(switch()["finishes_at"])
    assert finishes_at is not None
    await advance(
        hass, freezer, (finishes_at - dt_util.utcnow()).total_seconds() - cooldown + 1
    )
    assert switch()["phase"] == "cooldown"
    agree()
    await advance(hass, freezer, cooldown)
    assert switch()["phase"] == "finished"
    agree()
    summary = switch()
    assert summary["saved"] is True
    assert summary["walked_s"] == 12 * 60
    assert summary["next_session"] == state(hass, "sensor.alex_next_session")


@pytest.mark.freeze_time(START)
async def test_stop_early_records_what_was_walked(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, alex: MockConfigEntry
) -> None:
    """Stopping early records the minutes walked, marked not completed."""
    events = async_capture_events(hass, EVENT_SESSION)
    await call(hass, "start_session", duration=20)
    await advance(hass, freezer, 600)
    await call(hass, "stop_session")
    assert events[-1].data["type"] == "stopped"
    assert events[-1].data["completed"] is False
    assert events[-1].data["active_s"] == pytest.approx(600)
    assert events[-1].data["saved"] is True
    assert events[-1].data["reason"] is None
    assert state(hass, "sensor.alex_phase") == "finished"
    assert float(state(hass, "sensor.alex_minutes_this_week")) == pytest.approx(10)
    # The phase carries the summary while finished, for the card.
    phase = hass.states.get("sensor.alex_phase")
    assert phase is not None
    summary = {
        key: phase.attributes.get(key) for key in ("saved", "reason", "walked_s")
    }
    assert summary == {"saved": True, "reason": None, "walked_s": 600}
    assert phase.attributes["completed"] is False
    assert phase.attributes["distance_m"] == events[-1].data["distance_m"] > 0
    assert phase.attributes["steps"] == events[-1].data["steps"] > 0
    assert phase.attributes["energy_kcal"] == pytest.approx(
        events[-1].data["kcal"], abs=0.05
    )
    assert phase.attributes["ended_at"] == events[-1].data["ended_at"]
    # The summary stays with the finished phase until the next start.
    await advance(hass, freezer, 3600)
    phase = hass.states.get("sensor.alex_phase")
    assert phase is not None
    assert phase.state == "finished"
    assert phase.attributes["saved"] is True
    await call(hass, "start_session", duration=10)
    phase = hass.states.get("sensor.alex_phase")
    assert phase is not None
    assert "saved" not in phase.attributes


@pytest.mark.freeze_time(START)
async def test_very_short_session_is_not_recorded(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, alex: MockConfigEntry
) -> None:
    """A session stopped within a minute is not counted, and says so."""
    events = async_capture_events(hass, EVENT_SESSION)
    await call(hass, "start_session")
    await advance(hass, freezer, 20)
    await call(hass, "stop_session")
    assert state(hass, "sensor.alex_sessions_this_week") == "0"
    assert events[-1].data["type"] == "stopped"
    assert events[-1].data["saved"] is False
    assert events[-1].data["reason"] == "too_short"
    phase = hass.states.get("sensor.alex_phase")
    assert phase is not None
    assert phase.state == "finished"
    assert phase.attributes["saved"] is False
    assert phase.attributes["reason"] == "too_short"
    assert phase.attributes["walked_s"] == 20


@pytest.mark.freeze_time(START)
async def test_extend_during_cooldown_lengthens_it(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, alex: MockConfigEntry
) -> None:
    """Extending in the cool-down makes the cool-down longer."""
    await call(hass, "start_session", duration=10)
    await advance(hass, freezer, 9 * 60 + 30)
    assert state(hass, "sensor.alex_phase") == "cooldown"
    await call(hass, "extend_session", minutes=2)
    await advance(hass, freezer, 120)
    assert state(hass, "sensor.alex_phase") == "cooldown"
    await advance(hass, freezer, 90)
    assert state(hass, "sensor.alex_phase") == "finished"


@pytest.mark.freeze_time(START)
@pytest.mark.parametrize(
    ("service", "data", "key"),
    [
        ("pause_session", {}, "not_running"),
        ("resume_session", {}, "not_running"),
        ("stop_session", {}, "not_running"),
        ("extend_session", {"minutes": 5}, "not_running"),
        ("start_session", {"duration": 0}, "invalid_duration"),
        ("start_session", {"duration": -5}, "invalid_duration"),
        ("start_session", {"duration": 181}, "invalid_duration"),
        ("start_session", {"speed": 9.0}, "speed_above_cap"),
        ("start_session", {"speed": 0}, "speed_above_cap"),
        ("start_session", {"incline": 30}, "invalid_incline"),
        ("start_session", {"config_entry_id": "nope"}, "unknown_person"),
    ],
)
async def test_invalid_calls_change_nothing(
    hass: HomeAssistant,
    alex: MockConfigEntry,
    service: str,
    data: dict[str, Any],
    key: str,
) -> None:
    """Every invalid call is refused with a translation key and changes nothing."""
    with pytest.raises(ServiceValidationError) as refused:
        await call(hass, service, **data)
    assert refused.value.translation_key == key
    assert state(hass, "sensor.alex_phase") == "idle"
    assert alex.runtime_data.storage.active is None


@pytest.mark.freeze_time(START)
async def test_invalid_calls_while_running(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, alex: MockConfigEntry
) -> None:
    """Starting twice, resuming a running session, pausing twice, extending too far."""
    await call(hass, "start_session", duration=170)
    before = alex.runtime_data.storage.active
    assert before is not None
    for service, data, key in (
        ("start_session", {}, "already_running"),
        ("resume_session", {}, "not_paused"),
        ("extend_session", {"minutes": 0}, "invalid_extension"),
        ("extend_session", {"minutes": 61}, "invalid_extension"),
        ("extend_session", {"minutes": 15}, "too_long"),
    ):
        with pytest.raises(ServiceValidationError) as refused:
            await call(hass, service, **data)
        assert refused.value.translation_key == key
    await call(hass, "pause_session")
    with pytest.raises(ServiceValidationError) as refused:
        await call(hass, "pause_session")
    assert refused.value.translation_key == "already_paused"
    assert alex.runtime_data.storage.active.extensions == []  # type: ignore[union-attr]


@pytest.mark.freeze_time(START)
async def test_restart_in_the_middle_goes_on(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, alex: MockConfigEntry
) -> None:
    """After a reload mid-session, elapsed time is right and the session ends on time."""
    await call(hass, "start_session", duration=20)
    await advance(hass, freezer, 300)
    assert await hass.config_entries.async_unload(alex.entry_id)
    await hass.async_block_till_done()
    await advance(hass, freezer, 120)
    assert await hass.config_entries.async_setup(alex.entry_id)
    await hass.async_block_till_done()
    assert state(hass, "sensor.alex_phase") == "active"
    assert state(hass, "sensor.alex_ends_at") == "2026-11-23T08:20:00+00:00"
    snapshot = alex.runtime_data.controller.snapshot()
    assert snapshot is not None
    assert snapshot.elapsed_s == pytest.approx(420)
    events = async_capture_events(hass, EVENT_SESSION)
    await advance(hass, freezer, 13 * 60)
    assert events[-1].data["type"] == "finished"


@pytest.mark.freeze_time(START)
async def test_restart_after_the_end_finalizes_and_announces(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, alex: MockConfigEntry
) -> None:
    """A session that ended while Home Assistant was down is finished with full totals."""
    await call(hass, "start_session", duration=15)
    await advance(hass, freezer, 60)
    await call(hass, "pause_session")
    await advance(hass, freezer, 60)
    await call(hass, "resume_session")
    assert await hass.config_entries.async_unload(alex.entry_id)
    await hass.async_block_till_done()
    freezer.tick(timedelta(hours=2))
    events = async_capture_events(hass, EVENT_SESSION)
    assert await hass.config_entries.async_setup(alex.entry_id)
    await hass.async_block_till_done()
    assert [event.data["type"] for event in events] == ["finished"]
    assert events[0].data["ended_at"] == "2026-11-23T08:16:00+00:00"
    assert events[0].data["active_s"] == pytest.approx(900)
    assert events[0].data["saved"] is True
    assert state(hass, "sensor.alex_phase") == "finished"
    assert state(hass, "sensor.alex_sessions_this_week") == "1"


@pytest.mark.freeze_time(START)
async def test_two_people_do_not_disturb_each_other(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, add_person: AddPerson
) -> None:
    """Two people run sessions at once; each action needs a person."""
    alex = await add_person("Alex")
    sam = await add_person("Sam")
    with pytest.raises(ServiceValidationError) as refused:
        await call(hass, "start_session")
    assert refused.value.translation_key == "person_required"
    await call(hass, "start_session", config_entry_id=alex.entry_id, duration=10)
    await advance(hass, freezer, 120)
    await call(hass, "start_session", config_entry_id=sam.entry_id, duration=10)
    await call(hass, "pause_session", config_entry_id=alex.entry_id)
    assert state(hass, "sensor.alex_phase") == "paused"
    assert state(hass, "sensor.sam_phase") == "warmup"
    await advance(hass, freezer, 600)
    assert state(hass, "sensor.sam_phase") == "finished"
    assert state(hass, "sensor.alex_phase") == "paused"
    assert state(hass, "sensor.alex_sessions_this_week") == "0"
    assert state(hass, "sensor.sam_sessions_this_week") == "1"


async def test_person_not_loaded(hass: HomeAssistant, alex: MockConfigEntry) -> None:
    """An unloaded person is refused by name."""
    assert await hass.config_entries.async_unload(alex.entry_id)
    with pytest.raises(ServiceValidationError) as refused:
        await call(hass, "pause_session", config_entry_id=alex.entry_id)
    assert refused.value.translation_key == "person_not_loaded"


@pytest.mark.freeze_time(START)
async def test_week_rolls_over_at_monday_midnight(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, alex: MockConfigEntry
) -> None:
    """The week's figures reset when a new week begins, with no session running."""
    await call(hass, "start_session", duration=10)
    await advance(hass, freezer, 601)
    assert state(hass, "sensor.alex_sessions_this_week") == "1"
    now = dt_util.utcnow()
    next_monday = dt_util.start_of_local_day(
        dt_util.as_local(now).date() + timedelta(days=7)
    )
    await advance(hass, freezer, (next_monday - now).total_seconds() + 2)
    assert state(hass, "sensor.alex_sessions_this_week") == "0"
    assert float(state(hass, "sensor.alex_lifetime_minutes")) == pytest.approx(10)


@pytest.mark.freeze_time(START)
async def test_summary_of_a_finish_found_in_the_history(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, alex: MockConfigEntry
) -> None:
    """Without the finish in memory (a restart) the summary is the saved record, else none."""
    await call(hass, "start_session", duration=20)
    await advance(hass, freezer, 300)
    await call(hass, "stop_session")
    controller = alex.runtime_data.controller
    controller.last_result = None
    controller.async_refresh()
    await hass.async_block_till_done()
    phase = hass.states.get("sensor.alex_phase")
    assert phase is not None
    assert (phase.attributes["saved"], phase.attributes["walked_s"]) == (True, 300)

    controller.storage.sessions.clear()
    controller.async_refresh()
    await hass.async_block_till_done()
    phase = hass.states.get("sensor.alex_phase")
    assert phase is not None
    assert phase.state == "finished"
    assert "saved" not in phase.attributes
