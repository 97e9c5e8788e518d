"""A session's figures measured by the treadmill: speed, incline, direction and steps.

Driven against the virtual treadmill (real entities in the test Home Assistant),
with the belt set on the treadmill's own keys (no speed control).
"""

from __future__ import annotations

import csv
from dataclasses import asdict
import io
from pathlib import Path

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components import persistent_notification
from homeassistant.const import EVENT_STATE_CHANGED
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
)

from custom_components.retrowalk.belt_figures import measured
from custom_components.retrowalk.const import (
    CONF_TREADMILL_DIRECTION,
    CONF_TREADMILL_DISTANCE,
    CONF_TREADMILL_INCLINE,
    CONF_TREADMILL_SPEED,
    CONF_TREADMILL_STEPS,
    DOMAIN,
)
from custom_components.retrowalk.data import RetrowalkData
from custom_components.retrowalk.models import BeltReadings, DamagedDataError
from custom_components.retrowalk.sim.energy import Direction
from custom_components.retrowalk.sim.session import snapshot_at, walking_rates

from .conftest import AddPerson
from .virtual_treadmill import (
    BACKWARD,
    FORWARD,
    VirtualTreadmill,
    async_run,
    async_setup_virtual_treadmill,
)

START = "2026-11-23T18:00:00+00:00"


def data(entry: MockConfigEntry) -> RetrowalkData:
    """The person's runtime data."""
    runtime: RetrowalkData = entry.runtime_data
    return runtime


async def on_treadmill(
    hass: HomeAssistant, add_person: AddPerson, *sensors: str
) -> tuple[VirtualTreadmill, MockConfigEntry]:
    """Alex with the chosen treadmill sensors; the belt already runs at 2.0 km/h."""
    treadmill = await async_setup_virtual_treadmill(hass)
    options = {
        key: value for key, value in treadmill.options().items() if key in sensors
    }
    entry = await add_person(**options)
    treadmill.set_target_speed(2.0)
    treadmill.set_running(True)
    return treadmill, entry


async def walking_at_1_m_s(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, add_person: AddPerson
) -> tuple[VirtualTreadmill, MockConfigEntry]:
    """Alex with a belt speed sensor, walking a 30-minute session at 3.6 km/h.

    The plan says 0.8 m/s (2.88 km/h): figures at 1 m/s are the belt's.
    """
    treadmill, entry = await on_treadmill(hass, add_person, CONF_TREADMILL_SPEED)
    treadmill.set_target_speed(3.6)
    await async_run(hass, freezer, 10)
    await data(entry).controller.async_start(1800, 0.8, 0.0)
    return treadmill, entry


def kcal(speed_km_h: float, seconds: float, entry: MockConfigEntry) -> float:
    """What the model says walking backwards at a speed for a time costs."""
    rates = walking_rates(
        Direction.BACKWARD, speed_km_h / 3.6, 0.0, data(entry).settings.body
    )
    return rates.kcal_per_min * seconds / 60


@pytest.mark.freeze_time(START)
async def test_distance_and_energy_follow_the_belt(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, add_person: AddPerson
) -> None:
    """5 min at 2 km/h then 5 at 3 km/h, a reload between: the belt's figures, not the plan's."""
    treadmill, entry = await on_treadmill(
        hass, add_person, CONF_TREADMILL_SPEED, CONF_TREADMILL_INCLINE
    )
    await async_run(hass, freezer, 10)  # up to speed
    controller = data(entry).controller
    await controller.async_start(600, 0.8, 0.0)  # the plan says 2.88 km/h
    plan = controller.plan()
    assert plan is not None
    from_m = treadmill.distance_m

    await async_run(hass, freezer, 150)
    await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    controller = data(entry).controller
    await async_run(hass, freezer, 150)
    treadmill.set_target_speed(3.0)
    await async_run(hass, freezer, 150)
    figures = data(entry).controller
    active = figures.active
    assert active is not None
    assert active.belt is not None
    assert active.belt.speed_m_s == pytest.approx(3.0 / 3.6, abs=0.01)
    await async_run(hass, freezer, 152)

    record = data(entry).storage.sessions[-1]
    belt_m = treadmill.distance_m - from_m - 3.0 / 3.6 * 2  # it ran 2 s past the end
    assert record.distance_m == pytest.approx(belt_m, rel=0.01)
    # About 2 s of the 300 s at 3 km/h went on speeding up.
    expected = kcal(2.0, 300, entry) + kcal(3.0, 300, entry)
    assert record.kcal == pytest.approx(expected, rel=0.01)
    planned = snapshot_at(plan, data(entry).settings.body, 600)
    assert record.planned_distance_m == pytest.approx(planned.distance_m, abs=0.1)
    assert record.planned_kcal == pytest.approx(planned.kcal, abs=0.01)
    assert record.distance_m < planned.distance_m - 40  # the plan was faster
    assert record.active_s == 600
    assert record.turns is None


@pytest.mark.freeze_time(START)
async def test_only_time_walking_backwards_counts(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, add_person: AddPerson
) -> None:
    """Turned round for a minute: 4 of 5 minutes count, and the turns are known."""
    treadmill, entry = await on_treadmill(
        hass, add_person, CONF_TREADMILL_SPEED, CONF_TREADMILL_DIRECTION
    )
    await async_run(hass, freezer, 10)
    await data(entry).controller.async_start(300, 0.8, 0.0)
    await async_run(hass, freezer, 120)
    treadmill.set_direction(FORWARD)
    await async_run(hass, freezer, 60)
    figures = data(entry).controller.active
    assert figures is not None
    assert figures.belt is not None
    assert figures.belt.backward is False
    treadmill.set_direction(BACKWARD)
    await async_run(hass, freezer, 125)

    record = data(entry).storage.sessions[-1]
    assert record.turns == 2
    assert record.active_s == pytest.approx(240, abs=1)
    assert record.distance_m == pytest.approx(2.0 / 3.6 * 240, rel=0.01)
    assert record.kcal == pytest.approx(kcal(2.0, 240, entry), rel=0.01)

    # The history's CSV carries the plan beside the measured figures, and the turns.
    exported = await hass.services.async_call(
        DOMAIN, "export_history", {}, blocking=True, return_response=True
    )
    assert exported is not None
    text = await hass.async_add_executor_job(Path(str(exported["path"])).read_text)
    (row,) = csv.DictReader(io.StringIO(text))
    assert float(row["distance_m"]) == pytest.approx(record.distance_m, abs=0.05)
    assert float(row["planned_distance_m"]) == record.planned_distance_m
    assert float(row["planned_energy_kcal"]) == record.planned_kcal
    assert row["turns"] == "2"


@pytest.mark.freeze_time(START)
async def test_steps_come_from_the_sensor_and_pauses_do_not_count(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, add_person: AddPerson
) -> None:
    """The steps sensor's increase while walking; the belt running during a pause is left out."""
    treadmill, entry = await on_treadmill(
        hass, add_person, CONF_TREADMILL_SPEED, CONF_TREADMILL_STEPS
    )
    await async_run(hass, freezer, 10)
    controller = data(entry).controller
    await controller.async_start(300, 0.8, 0.0)
    first = treadmill.belt.steps
    await async_run(hass, freezer, 100)
    await controller.async_pause()
    walked_steps = treadmill.belt.steps - first
    await async_run(hass, freezer, 60)
    await controller.async_resume()
    resumed = treadmill.belt.steps
    await async_run(hass, freezer, 200)  # the session ends
    walked_steps += treadmill.belt.steps - resumed
    await async_run(hass, freezer, 5)

    record = data(entry).storage.sessions[-1]
    # The belt counts 1.4 steps a second here; the last second may be missed.
    assert record.steps == pytest.approx(walked_steps, abs=2)
    assert record.distance_m == pytest.approx(2.0 / 3.6 * 300, rel=0.01)


@pytest.mark.freeze_time(START)
async def test_a_steady_belt_that_reports_nothing_keeps_counting(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, add_person: AddPerson
) -> None:
    """A sensor that only writes changes: the refresh reads it again, so 10 quiet minutes count."""
    hass.states.async_set("sensor.belt", "2.0", {"unit_of_measurement": "km/h"})
    entry = await add_person(**{CONF_TREADMILL_SPEED: "sensor.belt"})
    await data(entry).controller.async_start(600, 0.8, 0.0)
    await async_run(hass, freezer, 605, step=5)
    record = data(entry).storage.sessions[-1]
    assert record.distance_m == pytest.approx(2.0 / 3.6 * 600, rel=0.001)


async def test_a_sensor_that_goes_quiet_is_not_believed_for_ever(
    hass: HomeAssistant, add_person: AddPerson
) -> None:
    """The last reading counts for at most two minutes of walking after it came."""
    hass.states.async_set("sensor.belt", "3.6", {"unit_of_measurement": "km/h"})
    entry = await add_person(**{CONF_TREADMILL_SPEED: "sensor.belt"})
    controller = data(entry).controller
    await controller.async_start(1800, 0.8, 0.0)
    active, plan = controller.active, controller.plan()
    assert active is not None
    assert plan is not None
    # The last reading: at 0 s.
    active.belt = BeltReadings(at_s=0.0, speed_m_s=1.0, speed_read_s=0.0)
    settings = data(entry).settings
    at_10_min = measured(
        active, settings, snapshot_at(plan, settings.body, 600), walking=True
    )
    assert at_10_min is not None
    assert at_10_min.distance_m == pytest.approx(120.0)


@pytest.mark.freeze_time(START)
async def test_the_first_write_of_a_start_shows_the_belt(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, add_person: AddPerson
) -> None:
    """The figures written at a start already read the belt, not the plan."""
    await walking_at_1_m_s(hass, freezer, add_person)
    await hass.async_block_till_done()
    speed = hass.states.get("sensor.alex_speed")
    distance = hass.states.get("sensor.alex_session_distance")
    assert speed is not None
    assert distance is not None
    assert float(speed.state) == pytest.approx(3.6, abs=0.05)
    assert distance.attributes["per_minute"] == pytest.approx(60.0, abs=0.5)


@pytest.mark.freeze_time(START)
async def test_an_unavailable_speed_sensor_stops_counting_after_two_minutes(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, add_person: AddPerson
) -> None:
    """Not a speed of zero: the last speed holds 120 s, then nothing counts until it returns."""
    treadmill, entry = await on_treadmill(hass, add_person, CONF_TREADMILL_SPEED)
    treadmill.set_target_speed(3.6)
    await async_run(hass, freezer, 10)  # up to speed
    controller = data(entry).controller
    await controller.async_start(1800, 0.8, 0.0)
    await async_run(hass, freezer, 60)
    treadmill.set_available(False)
    await async_run(hass, freezer, 60)
    speed = hass.states.get("sensor.alex_speed")
    assert speed is not None
    assert float(speed.state) == pytest.approx(3.6, abs=0.05)  # still held
    await async_run(hass, freezer, 240)
    speed = hass.states.get("sensor.alex_speed")
    assert speed is not None
    assert speed.state == "unknown"
    active = controller.active
    assert active is not None
    figures = measured(
        active,
        data(entry).settings,
        snapshot_at(controller.plan(), data(entry).settings.body, 360),
        walking=True,
    )
    assert figures is not None
    # 60 s read + 120 s held at 1 m/s; none of the 3 minutes after.
    assert figures.distance_m == pytest.approx(180.0, abs=1.0)
    assert figures.kcal == pytest.approx(kcal(3.6, 180, entry), rel=0.01)
    assert figures.walked_s == 180  # the minutes, like the metres, at a known speed
    assert (figures.distance_m_per_min, figures.kcal_per_min) == (0.0, 0.0)

    treadmill.set_available(True)
    await async_run(hass, freezer, 60)
    await controller.async_stop()
    record = data(entry).storage.sessions[-1]
    assert record.distance_m == pytest.approx(240.0, abs=1.5)
    assert record.kcal == pytest.approx(kcal(3.6, 240, entry), rel=0.01)
    assert record.active_s == pytest.approx(240.0, abs=1.5)


@pytest.mark.freeze_time(START)
async def test_home_assistant_down_mid_session_keeps_minutes_and_metres_together(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, add_person: AddPerson
) -> None:
    """Five minutes down: the record's average speed is still the belt's."""
    _, entry = await walking_at_1_m_s(hass, freezer, add_person)
    await async_run(hass, freezer, 120)
    assert await hass.config_entries.async_unload(entry.entry_id)
    await async_run(hass, freezer, 300)  # the belt runs on, nobody measures
    assert await hass.config_entries.async_setup(entry.entry_id)
    await async_run(hass, freezer, 60)
    await data(entry).controller.async_stop()
    record = data(entry).storage.sessions[-1]
    # 120 s before, the last speed held 120 s of the gap, 60 s after.
    assert record.active_s == pytest.approx(300.0, abs=2.0)
    assert record.distance_m / record.active_s == pytest.approx(1.0, abs=0.01)


async def test_a_distance_counter_keeps_the_minutes_it_counted(
    hass: HomeAssistant, add_person: AddPerson
) -> None:
    """Speed silent, the distance counter counting on: its metres keep their minutes."""
    hass.states.async_set("sensor.belt", "3.6", {"unit_of_measurement": "km/h"})
    hass.states.async_set("sensor.odometer", "0", {"unit_of_measurement": "m"})
    entry = await add_person(
        **{
            CONF_TREADMILL_SPEED: "sensor.belt",
            CONF_TREADMILL_DISTANCE: "sensor.odometer",
        }
    )
    controller = data(entry).controller
    await controller.async_start(1800, 0.8, 0.0)
    active, plan = controller.active, controller.plan()
    assert active is not None
    assert plan is not None
    # 600 s walked: the speed known for the first 120 s, the counter all along.
    active.belt = BeltReadings(
        at_s=600.0, speed_m_s=1.0, speed_read_s=0.0, speed_s=120.0, counted_m=600.0
    )
    settings = data(entry).settings
    figures = measured(
        active, settings, snapshot_at(plan, settings.body, 600), walking=True
    )
    assert figures is not None
    assert (figures.distance_m, figures.walked_s) == (600.0, 600.0)


def test_stored_readings_from_before_speed_read_s() -> None:
    """A store from before ``speed_read_s`` held its speed from ``at_s``; null: none yet."""
    stored = asdict(BeltReadings(at_s=30.0, speed_m_s=1.0, backward_s=25.0))
    del stored["speed_read_s"], stored["speed_s"]
    assert BeltReadings.from_dict(stored).speed_read_s == 30.0
    assert BeltReadings.from_dict(stored).speed_s == 25.0
    assert BeltReadings.from_dict(stored | {"speed_read_s": None}).speed_read_s is None
    assert BeltReadings.from_dict(stored | {"speed_read_s": 12}).speed_read_s == 12.0
    with pytest.raises(DamagedDataError):
        BeltReadings.from_dict(stored | {"speed_read_s": -1})


async def test_no_treadmill_sensor_no_measured_figures(
    hass: HomeAssistant, add_person: AddPerson
) -> None:
    """Without treadmill sensors the session is the plan's, as before."""
    entry = await add_person()
    await data(entry).controller.async_start(600, 0.8, 0.0)
    await hass.async_block_till_done()
    active = data(entry).controller.active
    assert active is not None
    assert active.belt is None


@pytest.mark.freeze_time(START)
async def test_direction_without_speed_shares_out_the_plan(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, add_person: AddPerson
) -> None:
    """With only a direction sensor, the plan's figures count for the time backwards."""
    hass.states.async_set("sensor.way", "backward")
    entry = await add_person(**{CONF_TREADMILL_DIRECTION: "sensor.way"})
    controller = data(entry).controller
    await controller.async_start(600, 0.8, 0.0)
    plan = controller.plan()
    assert plan is not None
    await async_run(hass, freezer, 150, step=5)
    hass.states.async_set("sensor.way", "Forward")
    await async_run(hass, freezer, 150, step=5)
    hass.states.async_set("sensor.way", "unknown")  # keeps the last direction
    await async_run(hass, freezer, 150, step=5)
    hass.states.async_set("sensor.way", "backwards")
    await async_run(hass, freezer, 155, step=5)

    record = data(entry).storage.sessions[-1]
    planned = snapshot_at(plan, data(entry).settings.body, 600)
    assert record.active_s == pytest.approx(300)
    assert record.turns == 2
    assert record.distance_m == pytest.approx(planned.distance_m / 2, abs=0.1)
    assert record.steps == pytest.approx(planned.steps / 2, abs=1)


@pytest.mark.freeze_time(START)
async def test_a_steps_counter_that_starts_again(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, add_person: AddPerson
) -> None:
    """A counter reset mid-session (a new workout on the treadmill) loses nothing."""
    hass.states.async_set("sensor.steps", "1000")
    entry = await add_person(**{CONF_TREADMILL_STEPS: "sensor.steps"})
    await data(entry).controller.async_start(600, 0.8, 0.0)
    for value in ("1100", "1200", "unavailable", "50", "abc", "150"):
        await async_run(hass, freezer, 60, step=5)
        hass.states.async_set("sensor.steps", value)
    await async_run(hass, freezer, 250, step=5)
    record = data(entry).storage.sessions[-1]
    assert record.steps == 200 + 50 + 100


@pytest.mark.freeze_time(START)
async def test_distance_from_the_treadmills_own_counter(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, add_person: AddPerson
) -> None:
    """A distance sensor in km (a WalkingPad's) gives the distance; forward time is left out."""
    hass.states.async_set("sensor.odo", "12.000", {"unit_of_measurement": "km"})
    hass.states.async_set("sensor.way", "backward")
    entry = await add_person(
        **{
            CONF_TREADMILL_DISTANCE: "sensor.odo",
            CONF_TREADMILL_DIRECTION: "sensor.way",
        }
    )
    await data(entry).controller.async_start(600, 0.8, 0.0)
    for value in ("12.100", "12.200", "nonsense", "12.300"):
        await async_run(hass, freezer, 60, step=5)
        hass.states.async_set("sensor.odo", value, {"unit_of_measurement": "km"})
    hass.states.async_set("sensor.way", "forward")
    await async_run(hass, freezer, 60, step=5)
    hass.states.async_set("sensor.odo", "12.380", {"unit_of_measurement": "km"})
    hass.states.async_set("sensor.way", "backward")
    await async_run(hass, freezer, 60, step=5)
    hass.states.async_set("sensor.odo", "0.05", {"unit_of_measurement": "km"})  # reset
    await async_run(hass, freezer, 250, step=5)
    record = data(entry).storage.sessions[-1]
    assert record.distance_m == pytest.approx(300 + 50)


def notification(hass: HomeAssistant, notification_id: str) -> str | None:
    """The text of a persistent notification, if it is shown."""
    shown = persistent_notification._async_get_or_create_notifications(hass)
    found = shown.get(notification_id)
    return None if found is None else found["message"]


async def test_a_silent_sensor_warns_before_and_during_a_session(
    hass: HomeAssistant, add_person: AddPerson
) -> None:
    """Unavailable at the start: a warning, not a refusal; gone mid-session: a notification."""
    hass.states.async_set("sensor.belt", "unavailable")
    entry = await add_person(**{CONF_TREADMILL_SPEED: "sensor.belt"})
    safe = hass.states.get("binary_sensor.alex_safe_to_start")
    assert safe is not None
    assert safe.attributes["verdict"] == "warn"
    assert safe.attributes["reasons"] == ["treadmill_sensor_unavailable"]

    await hass.services.async_call(DOMAIN, "start_session", {}, blocking=True)
    await hass.async_block_till_done()
    warning = notification(hass, f"retrowalk_safety_{entry.entry_id}")
    assert warning is not None
    assert "A treadmill sensor is not reporting" in warning
    silent = notification(hass, f"retrowalk_treadmill_sensor_{entry.entry_id}")
    assert silent is not None
    assert silent.startswith(
        "sensor.belt, a treadmill sensor of Alex, is not reporting"
    )

    hass.states.async_set("sensor.belt", "2.0", {"unit_of_measurement": "km/h"})
    await hass.async_block_till_done()
    assert notification(hass, f"retrowalk_treadmill_sensor_{entry.entry_id}") is None
    safe = hass.states.get("binary_sensor.alex_safe_to_start")
    assert safe is not None
    assert safe.attributes["reasons"] == []

    hass.states.async_set("sensor.belt", "unknown", {"unit_of_measurement": "km/h"})
    await hass.async_block_till_done()
    assert notification(hass, f"retrowalk_treadmill_sensor_{entry.entry_id}")


async def test_readings_do_not_rewrite_the_safety_verdict(
    hass: HomeAssistant, add_person: AddPerson
) -> None:
    """A belt reporting every second writes the safe-to-start sensor only when it comes or goes."""
    hass.states.async_set("sensor.belt", "2.0", {"unit_of_measurement": "km/h"})
    await add_person(**{CONF_TREADMILL_SPEED: "sensor.belt"})
    safe = "binary_sensor.alex_safe_to_start"
    before = hass.states.get(safe)
    assert before is not None
    writes = async_capture_events(hass, EVENT_STATE_CHANGED)
    for speed in range(20, 40):
        hass.states.async_set(
            "sensor.belt", str(speed / 10), {"unit_of_measurement": "km/h"}
        )
    await hass.async_block_till_done()
    after = hass.states.get(safe)
    assert after is not None
    assert after.last_reported == before.last_reported  # not even written again
    hass.states.async_set("sensor.belt", "unavailable")
    await hass.async_block_till_done()
    changed = [e for e in writes if e.data["entity_id"] == safe]
    assert len(changed) == 1
    assert changed[0].data["new_state"].attributes["verdict"] == "warn"
