"""Speed control of a treadmill: ramp, cap, stops, follow check and the start gate.

Driven against the virtual treadmill (real entities in the test Home Assistant).
"""

from __future__ import annotations

from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components import persistent_notification
from homeassistant.const import EVENT_HOMEASSISTANT_STOP, Platform, UnitOfSpeed
from homeassistant.core import CoreState, HomeAssistant
from homeassistant.exceptions import ServiceValidationError
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
)

from custom_components.retrowalk.belt_control import (
    REASON_HOME_ASSISTANT_STOP,
    REASON_NOT_FOLLOWING,
    REASON_UNAVAILABLE,
    REASON_UNLOADED,
)
from custom_components.retrowalk.belt_number import SpeedNumber, speed_in_m_s
from custom_components.retrowalk.const import (
    CONF_RAMP_EVERY,
    CONF_RAMP_STEP,
    CONF_SPEED_CONTROL,
    DOMAIN,
    EVENT_SESSION,
)
from custom_components.retrowalk.data import RetrowalkData

from .conftest import AddPerson
from .test_voice import assist, say
from .virtual_treadmill import (
    BELT,
    SPEED,
    STOP_BUTTON,
    TARGET_INCLINE,
    TARGET_SPEED,
    TreadmillSpec,
    VirtualTreadmill,
    async_run,
    async_setup_virtual_treadmill,
)

__all__ = ["assist"]

START = "2026-11-23T18:00:00+00:00"
NOTIFICATION = "retrowalk_treadmill_{}"


async def controlled(
    hass: HomeAssistant,
    add_person: AddPerson,
    spec: TreadmillSpec | None = None,
    *,
    power: str = BELT,
    **options: Any,
) -> tuple[VirtualTreadmill, MockConfigEntry]:
    """A virtual treadmill and Alex with speed control on it."""
    treadmill = await async_setup_virtual_treadmill(hass, spec)
    entry = await add_person(
        **treadmill.options(power=power) | {CONF_SPEED_CONTROL: True} | options
    )
    return treadmill, entry


def data(entry: MockConfigEntry) -> RetrowalkData:
    """The person's runtime data."""
    runtime: RetrowalkData = entry.runtime_data
    return runtime


def speed_commands(treadmill: VirtualTreadmill) -> list[float]:
    """The target speeds sent so far."""
    return [value for entity, value in treadmill.commands if entity == TARGET_SPEED]


def notification(hass: HomeAssistant, entry: MockConfigEntry) -> str | None:
    """The text of the person's treadmill notification, if any."""
    shown = persistent_notification._async_get_or_create_notifications(hass)
    found = shown.get(NOTIFICATION.format(entry.entry_id))
    return None if found is None else found["message"]


async def start(
    hass: HomeAssistant, entry: MockConfigEntry, seconds: int = 600, speed: float = 0.8
) -> None:
    """Start a session of ``seconds`` at ``speed`` m/s, 3 % incline."""
    await data(entry).controller.async_start(seconds, speed, 0.03)
    await hass.async_block_till_done()


async def timed_commands(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    treadmill: VirtualTreadmill,
    seconds: int,
) -> list[tuple[int, float]]:
    """Run ``seconds`` one by one; the speed commands with the second they came."""
    seen: list[tuple[int, float]] = []
    for second in range(1, seconds + 1):
        before = len(speed_commands(treadmill))
        await async_run(hass, freezer, 1)
        seen += [(second, value) for value in speed_commands(treadmill)[before:]]
    return seen


@pytest.mark.freeze_time(START)
async def test_ramp_steps_follow_the_phases(
    hass: HomeAssistant, add_person: AddPerson, freezer: FrozenDateTimeFactory
) -> None:
    """0.5 km/h every 5 s up to the warm-up, down to the main phase, back up, stop.

    600 s at 0.8 m/s: warm-up and cool-down (60 s each) at 1.2 m/s = 4.32 km/h,
    the main phase at 2.88 km/h; the number has 0.1 km/h steps from 0.5 km/h.
    """
    treadmill, entry = await controlled(hass, add_person)
    await start(hass, entry)
    assert speed_commands(treadmill) == [0.5]
    assert hass.states.get(BELT).state == "on"
    assert treadmill.commands[-1] == (TARGET_INCLINE, 0.0)
    assert await timed_commands(hass, freezer, treadmill, 80) == [
        (5, 1.0),
        (10, 1.5),
        (15, 2.0),
        (20, 2.5),
        (25, 3.0),
        (30, 3.5),
        (35, 4.0),
        (40, 4.3),
        (60, 3.8),
        (65, 3.3),
        (70, 2.9),
    ]
    assert float(hass.states.get(SPEED).state) == 2.9
    # The main phase walks up 3 %.
    assert (TARGET_INCLINE, 3.0) in treadmill.commands
    await async_run(hass, freezer, 475, step=5)
    assert speed_commands(treadmill)[-3:] == [3.4, 3.9, 4.3]
    # The end: slowest speed and the belt switched off.
    await async_run(hass, freezer, 45, step=5)
    assert not data(entry).controller.running
    assert speed_commands(treadmill)[-1] == 0.5
    assert treadmill.commands[-1] == (BELT, False)
    await async_run(hass, freezer, 10)
    assert treadmill.speed_m_s == 0.0
    assert notification(hass, entry) is None
    assert not data(entry).belt.walking


@pytest.mark.freeze_time(START)
async def test_never_above_the_cap_nor_the_number(
    hass: HomeAssistant, add_person: AddPerson, freezer: FrozenDateTimeFactory
) -> None:
    """A new walker without handrails: 0.72 m/s = 2.59 km/h, so 2.5 on a 0.1 grid."""
    treadmill, entry = await _new_walker(hass)
    # Warm-up at 1.5 x 0.71 m/s is capped to 0.72; the main phase's 0.71 m/s
    # (2.56 km/h) also rounds to 2.6 > the cap: 2.5 again, nothing to send.
    await start(hass, entry, speed=0.71)
    await async_run(hass, freezer, 70, step=5)
    commands = speed_commands(treadmill)
    assert max(commands) == 2.5
    assert commands == [0.5, 1.0, 1.5, 2.0, 2.5]
    assert treadmill.speed_m_s <= 0.72


async def _new_walker(hass: HomeAssistant) -> tuple[VirtualTreadmill, MockConfigEntry]:
    """A new walker (entry data) on a treadmill without handrails."""
    treadmill = await async_setup_virtual_treadmill(hass)
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="Alex",
        unique_id="alex",
        minor_version=2,
        data={"name": "Alex", "level": "new"},
        options={"weight": 70.0, "surface": "treadmill_no_handrails"}
        | treadmill.options()
        | {CONF_SPEED_CONTROL: True},
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return treadmill, entry


@pytest.mark.freeze_time(START)
async def test_mph_number_with_a_low_maximum_and_a_custom_ramp(
    hass: HomeAssistant, add_person: AddPerson, freezer: FrozenDateTimeFactory
) -> None:
    """An mph treadmill that tops out at 2 mph; 1 mph every 2 s from standstill."""
    treadmill, entry = await controlled(
        hass,
        add_person,
        TreadmillSpec(
            speed_unit=UnitOfSpeed.MILES_PER_HOUR, min_speed=0.3, max_speed=2.0
        ),
        power=None,
        treadmill_target_incline="number.not_there",
        **{CONF_RAMP_STEP: 0.44704, CONF_RAMP_EVERY: 2},
    )
    await start(hass, entry, seconds=120, speed=1.2)
    assert speed_commands(treadmill) == [1.0]
    assert await timed_commands(hass, freezer, treadmill, 6) == [(2, 2.0)]
    # No power entity and no incline number: only the speed is sent.
    assert {entity for entity, _value in treadmill.commands} == {TARGET_SPEED}


@pytest.mark.freeze_time(START)
@pytest.mark.parametrize(
    ("every", "expected"),
    [
        # A step is due at 80 s when the main phase begins: it heads for the new goal.
        (40, [(0, 1.8), (40, 3.6), (80, 2.9)]),
        # The ramp rested since 50 s: the new goal waits until 75 s.
        (25, [(0, 1.8), (25, 3.6), (50, 4.3), (75, 2.9)]),
    ],
)
async def test_a_phase_change_keeps_the_ramp_rate(
    hass: HomeAssistant,
    add_person: AddPerson,
    freezer: FrozenDateTimeFactory,
    every: int,
    expected: list[tuple[int, float]],
) -> None:
    """1.8 km/h steps: the phase change at 60 s never makes two steps closer than ``every``."""
    treadmill, entry = await controlled(
        hass, add_person, **{CONF_RAMP_STEP: 0.5, CONF_RAMP_EVERY: every}
    )
    await start(hass, entry)
    seen = [(0, value) for value in speed_commands(treadmill)]
    assert seen + await timed_commands(hass, freezer, treadmill, 90) == expected


@pytest.mark.freeze_time(START)
async def test_pause_stops_the_belt_and_resume_ramps_again(
    hass: HomeAssistant, add_person: AddPerson, freezer: FrozenDateTimeFactory
) -> None:
    """A pause: slowest speed, belt off; resuming ramps up from standstill."""
    treadmill, entry = await controlled(hass, add_person)
    await start(hass, entry)
    await async_run(hass, freezer, 40, step=5)
    await hass.services.async_call(
        DOMAIN, "pause_session", {"config_entry_id": entry.entry_id}, blocking=True
    )
    await hass.async_block_till_done()
    assert speed_commands(treadmill)[-1] == 0.5
    assert treadmill.commands[-1] == (BELT, False)
    await async_run(hass, freezer, 30, step=5)
    assert treadmill.speed_m_s == 0.0
    assert notification(hass, entry) is None
    await data(entry).controller.async_resume()
    await hass.async_block_till_done()
    assert treadmill.commands[-3:] == [
        (BELT, True),
        (TARGET_SPEED, 0.5),
        (TARGET_INCLINE, 0.0),
    ]
    await async_run(hass, freezer, 5)
    assert speed_commands(treadmill)[-1] == 1.0


@pytest.mark.freeze_time(START)
async def test_stop_presses_the_stop_button(
    hass: HomeAssistant, add_person: AddPerson, freezer: FrozenDateTimeFactory
) -> None:
    """With a stop button as power entity, a stop presses it; the belt runs down."""
    treadmill, entry = await controlled(hass, add_person, power=STOP_BUTTON)
    treadmill.set_running(True)
    await start(hass, entry)
    await async_run(hass, freezer, 20, step=5)
    await data(entry).controller.async_stop()
    await hass.async_block_till_done()
    assert treadmill.commands[-2:] == [(TARGET_SPEED, 0.5), (STOP_BUTTON, "press")]
    await async_run(hass, freezer, 10)
    assert treadmill.speed_m_s == 0.0


@pytest.mark.freeze_time(START)
async def test_unload_and_home_assistant_stop_pause_and_stop_the_belt(
    hass: HomeAssistant, add_person: AddPerson, freezer: FrozenDateTimeFactory
) -> None:
    """Unloading pauses the walking session (the belt stops); so does a stop of HA."""
    treadmill, entry = await controlled(hass, add_person)
    events = async_capture_events(hass, EVENT_SESSION)
    await start(hass, entry)
    await async_run(hass, freezer, 20, step=5)
    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
    assert events[-1].data["type"] == "paused"
    assert events[-1].data["reason"] == REASON_UNLOADED
    assert treadmill.commands[-2:] == [(TARGET_SPEED, 0.5), (BELT, False)]
    # Set up again: the session stays paused until the person resumes it.
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert data(entry).controller.paused
    await async_run(hass, freezer, 10, step=5)
    await data(entry).controller.async_resume()
    await hass.async_block_till_done()
    await async_run(hass, freezer, 10, step=5)
    assert treadmill.commands[-1] == (TARGET_SPEED, 1.5)
    # As Home Assistant stops: the state is stopping when the event fires.
    hass.set_state(CoreState.stopping)
    hass.bus.async_fire(EVENT_HOMEASSISTANT_STOP)
    await hass.async_block_till_done()
    assert events[-1].data["reason"] == REASON_HOME_ASSISTANT_STOP
    assert treadmill.commands[-2:] == [(TARGET_SPEED, 0.5), (BELT, False)]
    hass.set_state(CoreState.running)
    # Unloading a paused person sends nothing more.
    sent = len(treadmill.commands)
    assert await hass.config_entries.async_unload(entry.entry_id)
    assert len(treadmill.commands) == sent


@pytest.mark.freeze_time(START)
async def test_a_treadmill_that_ignores_commands_pauses_the_session(
    hass: HomeAssistant, add_person: AddPerson, freezer: FrozenDateTimeFactory
) -> None:
    """No response to 0.5 km/h within 10 s plus its acceleration allowance: paused.

    The ramp went on meanwhile; the notification names the first step missed.
    """
    treadmill, entry = await controlled(hass, add_person)
    events = async_capture_events(hass, EVENT_SESSION)
    treadmill.ignore_commands = True
    await start(hass, entry)
    await async_run(hass, freezer, 10)
    assert not data(entry).controller.paused
    await async_run(hass, freezer, 2)
    assert data(entry).controller.paused
    assert events[-1].data["reason"] == REASON_NOT_FOLLOWING
    assert notification(hass, entry) == (
        "Alex's session is paused: the treadmill did not reach 0.5 km/h in time. "
        "Check the belt, then resume."
    )
    # Fixed: resuming ramps again and takes the notification away.
    treadmill.ignore_commands = False
    await data(entry).controller.async_resume()
    await hass.async_block_till_done()
    assert notification(hass, entry) is None
    await async_run(hass, freezer, 20)
    assert not data(entry).controller.paused
    assert treadmill.speed_m_s > 0.4


@pytest.mark.freeze_time(START)
async def test_a_belt_that_does_not_stop_is_reported(
    hass: HomeAssistant, add_person: AddPerson, freezer: FrozenDateTimeFactory
) -> None:
    """Following while walking, deaf to the stop: the person is told to stop it."""
    treadmill, entry = await controlled(hass, add_person)
    await start(hass, entry)
    await async_run(hass, freezer, 30, step=5)
    treadmill.ignore_commands = True
    await data(entry).controller.async_stop()
    await async_run(hass, freezer, 40, step=5)
    assert treadmill.speed_m_s > 0.5
    assert "did not slow down to 0.5 km/h" in (notification(hass, entry) or "")


@pytest.mark.freeze_time(START)
async def test_an_unavailable_treadmill_pauses_the_session(
    hass: HomeAssistant, add_person: AddPerson, freezer: FrozenDateTimeFactory
) -> None:
    """The treadmill drops off: paused at once, with the reason and the entity."""
    treadmill, entry = await controlled(hass, add_person)
    events = async_capture_events(hass, EVENT_SESSION)
    await start(hass, entry)
    await async_run(hass, freezer, 10, step=5)
    treadmill.set_available(False)
    await hass.async_block_till_done()
    assert data(entry).controller.paused
    assert events[-1].data["reason"] == REASON_UNAVAILABLE
    assert "treadmill (number.treadmill_target_speed) is unavailable" in (
        notification(hass, entry) or ""
    )
    # Resuming while it is still gone pauses again before the belt is touched.
    sent = len(treadmill.commands)
    await data(entry).controller.async_resume()
    await hass.async_block_till_done()
    assert data(entry).controller.paused
    assert len(treadmill.commands) == sent


@pytest.mark.freeze_time(START)
async def test_failed_commands_are_logged_and_caught_by_the_check(
    hass: HomeAssistant,
    add_person: AddPerson,
    freezer: FrozenDateTimeFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A command that raises is logged; the follow check pauses the session."""
    treadmill, entry = await controlled(hass, add_person)
    treadmill.fail_commands = True
    await start(hass, entry)
    assert "the treadmill refused number.set_value" in caplog.text
    await async_run(hass, freezer, 12)
    assert data(entry).controller.paused


@pytest.mark.freeze_time(START)
async def test_start_refused_while_the_belt_runs_above_the_cap(
    hass: HomeAssistant, add_person: AddPerson, freezer: FrozenDateTimeFactory
) -> None:
    """6 km/h on the belt, cap 5.04 km/h: every start is refused, nothing changes."""
    treadmill, entry = await controlled(hass, add_person)
    treadmill.set_target_speed(6.0)
    treadmill.set_running(True)
    await async_run(hass, freezer, 10)
    with pytest.raises(ServiceValidationError) as refused:
        await hass.services.async_call(
            DOMAIN, "start_session", {"config_entry_id": entry.entry_id}, blocking=True
        )
    assert refused.value.translation_key == "belt_above_cap"
    assert refused.value.translation_placeholders == {
        "name": "Alex",
        "speed": "6.0 km/h",
        "cap": "5.0 km/h",
    }
    assert str(refused.value) == (
        "The treadmill already runs at 6.0 km/h, above 5.0 km/h, the safe cap for "
        "Alex. Slow the belt down, then start"
    )
    assert not data(entry).controller.running
    treadmill.set_target_speed(4.0)
    await async_run(hass, freezer, 10)
    await start(hass, entry)
    assert data(entry).controller.running


async def test_without_a_speed_sensor_a_stop_button_leaves_the_number(
    hass: HomeAssistant, add_person: AddPerson
) -> None:
    """No speed sensor, a stop button: the gate reads the target-speed number."""
    treadmill, entry = await controlled(
        hass, add_person, power=STOP_BUTTON, treadmill_speed=None
    )
    treadmill.set_target_speed(5.5)
    with pytest.raises(ServiceValidationError):
        await start(hass, entry)
    assert treadmill.commands == []


@pytest.mark.freeze_time(START)
async def test_without_a_speed_sensor_the_number_and_switch_tell(
    hass: HomeAssistant, add_person: AddPerson, freezer: FrozenDateTimeFactory
) -> None:
    """No speed sensor: the gate reads the number while the belt switch is on."""
    treadmill, entry = await controlled(hass, add_person, treadmill_speed=None)
    treadmill.set_target_speed(6.0)
    await start(hass, entry)  # the belt is off: allowed
    await data(entry).controller.async_stop()
    treadmill.set_target_speed(6.0)
    treadmill.set_running(True)
    with pytest.raises(ServiceValidationError):
        await start(hass, entry)
    treadmill.ignore_commands = True
    treadmill.set_target_speed(3.0)
    await start(hass, entry)
    await async_run(hass, freezer, 60, step=5)
    # Nothing to check against: no pause.
    assert not data(entry).controller.paused


async def test_speed_control_off_leaves_the_belt_alone(
    hass: HomeAssistant, add_person: AddPerson, freezer: FrozenDateTimeFactory
) -> None:
    """Off by default: the treadmill's entities are only read."""
    treadmill = await async_setup_virtual_treadmill(hass)
    entry = await add_person(**treadmill.options())
    assert not data(entry).settings.treadmill.controlled
    await start(hass, entry)
    await async_run(hass, freezer, 30, step=5)
    assert treadmill.commands == []


def test_speed_number_and_readings() -> None:
    """Unusable numbers and readings are None; steps snap toward the goal."""
    from homeassistant.core import State

    assert SpeedNumber.of(None) is None
    assert SpeedNumber.of(State(TARGET_SPEED, "unavailable")) is None
    assert SpeedNumber.of(State(TARGET_SPEED, "2", {"min": "x", "max": 3})) is None
    assert SpeedNumber.of(State(TARGET_SPEED, "2", {"max": 3})) is None
    bad_unit = {"min": 0, "max": 3, "unit_of_measurement": "rpm"}
    assert SpeedNumber.of(State(TARGET_SPEED, "2", bad_unit)) is None
    number = SpeedNumber.of(State(TARGET_SPEED, "2", {"min": 1, "max": 10, "step": 1}))
    assert number == SpeedNumber("km/h", 1.0, 10.0, 1.0)
    # A ramp smaller than the number's step still moves one step.
    assert number.toward(3.0, 6.0, 0.1) == 4.0
    assert number.toward(6.0, 3.0, 0.1) == 5.0
    assert number.toward(6.0, 3.0, 1.0) == 3.0
    assert speed_in_m_s(None) is None
    assert speed_in_m_s(State(SPEED, "fast")) is None
    assert speed_in_m_s(State(SPEED, "nan")) is None
    assert speed_in_m_s(State(SPEED, "3.6")) == pytest.approx(1.0)


@pytest.mark.freeze_time(START)
async def test_a_number_that_stops_making_sense_pauses_the_session(
    hass: HomeAssistant, add_person: AddPerson, freezer: FrozenDateTimeFactory
) -> None:
    """A target-speed number without a range at the next ramp step: paused."""
    treadmill, entry = await controlled(hass, add_person)
    await start(hass, entry)
    number = treadmill.entities[Platform.NUMBER][0]
    number._attr_native_min_value = 9.0
    number.async_write_ha_state()
    await async_run(hass, freezer, 5)
    assert data(entry).controller.paused
    assert speed_commands(treadmill) == [0.5]


@pytest.mark.usefixtures("assist")
async def test_voice_start_refused_while_the_belt_runs_too_fast(
    hass: HomeAssistant, add_person: AddPerson, freezer: FrozenDateTimeFactory
) -> None:
    """The voice start shares the gate: the refusal is spoken, nothing starts."""
    treadmill, entry = await controlled(hass, add_person)
    treadmill.set_target_speed(6.0)
    treadmill.set_running(True)
    await async_run(hass, freezer, 10)
    assert await say(hass, "start a session") == (
        "The treadmill already runs at 6.0 km/h, above 5.0 km/h, the safe cap for "
        "Alex. Slow the belt down, then start."
    )
    assert not data(entry).controller.running


def test_treadmill_settings_defaults() -> None:
    """Auto-pause is on by default only with a speed sensor; the ramp defaults to 0.5 km/h / 5 s."""
    from custom_components.retrowalk.settings import TreadmillSettings

    bare = TreadmillSettings.from_options({})
    assert (bare.auto_pause, bare.speed_control, bare.controlled) == (
        False,
        False,
        False,
    )
    assert bare.ramp_step_m_s * 3.6 == pytest.approx(0.5)
    assert (bare.ramp_every_s, bare.auto_pause_after_s) == (5, 5)
    sensed = TreadmillSettings.from_options({"treadmill_speed": SPEED, "ramp_every": 3})
    assert (sensed.auto_pause, sensed.ramp_every_s) == (True, 3)
    # Switched on without a target-speed number: nothing to control.
    assert not TreadmillSettings.from_options({CONF_SPEED_CONTROL: True}).controlled


@pytest.mark.freeze_time(START)
async def test_commands_go_one_at_a_time(
    hass: HomeAssistant, add_person: AddPerson
) -> None:
    """Belt on, speed and incline at a start: each waits for the one before."""
    treadmill, entry = await controlled(hass, add_person)
    treadmill.command_yields = 3
    await start(hass, entry)
    await data(entry).controller.async_pause()
    await hass.async_block_till_done()
    assert treadmill.commands == [
        (BELT, True),
        (TARGET_SPEED, 0.5),
        (TARGET_INCLINE, 0.0),
        (TARGET_SPEED, 0.5),
        (BELT, False),
    ]
    assert treadmill.overlaps == 0
