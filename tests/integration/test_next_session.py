"""One next session: the plan's, or an override for one start, shown the same everywhere."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import datetime, timedelta
import re
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import CONF_NAME
from homeassistant.core import HomeAssistant
from homeassistant.helpers import intent
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.retrowalk.const import DOMAIN
from custom_components.retrowalk.data import RetrowalkData

from .conftest import AddPerson
from .test_calendar import get_events, local, move_to
from .test_services import respond
from .test_session import START, advance, call
from .test_units import shown

SENSOR = "sensor.alex_next_session"
CALENDAR = "calendar.alex_plan"


def minutes_and_speed(event: dict[str, Any]) -> tuple[int, float]:
    """Length and speed of a planned event's description ("10 min at 2.2 km/h, ...")."""
    found = re.match(r"(\d+) min at (\d+\.\d) km/h", event["description"])
    assert found is not None, event
    return int(found[1]), float(found[2])


async def set_number(hass: HomeAssistant, entity_id: str, value: float) -> None:
    """Set a next-session number."""
    await hass.services.async_call(
        "number", "set_value", {"entity_id": entity_id, "value": value}, blocking=True
    )
    await hass.async_block_till_done()


def sensor_start(hass: HomeAssistant) -> datetime:
    """The sensor's planned start, local time."""
    parsed = dt_util.parse_datetime(shown(hass, SENSOR).state)
    assert parsed is not None
    return dt_util.as_local(parsed)


async def assert_agree(hass: HomeAssistant, alex: MockConfigEntry) -> None:
    """The sensor, the calendar and Start describe the same session."""
    attributes = shown(hass, SENSOR).attributes
    start = sensor_start(hass)
    calendar = shown(hass, CALENDAR).attributes
    assert calendar["start_time"] == start.strftime("%Y-%m-%d %H:%M:%S")
    assert calendar["message"] == f"Retro walk ({attributes['duration_min']} min)"
    assert calendar["description"].startswith(
        f"{attributes['duration_min']} min at {attributes['speed']}, "
    )
    # The calendar lists the same session at the same time.
    day = dt_util.start_of_local_day(start)
    events = await get_events(hass, day, day + (start - day) * 2)
    assert [e["summary"] for e in events if e["start"] == start.isoformat()] == [
        calendar["message"]
    ]
    # Lengths are whole minutes; the time is the planned time of day.
    assert isinstance(attributes["duration_min"], int)
    assert (start.hour, start.minute) == (18, 0)
    # Start does exactly that.
    await hass.services.async_call(
        "button", "press", {"entity_id": "button.alex_start_session"}, blocking=True
    )
    active = alex.runtime_data.controller.active
    assert active is not None
    assert active.base_duration_s == attributes["duration_min"] * 60
    assert active.speed_m_s == pytest.approx(attributes["speed_m_s"], abs=5e-4)
    assert active.program == attributes["program"]
    assert active.grade == pytest.approx(attributes["incline"] / 100)


async def no_history(hass: HomeAssistant, freezer: FrozenDateTimeFactory) -> str:
    return "2026-11-23"


async def done_today(hass: HomeAssistant, freezer: FrozenDateTimeFactory) -> str:
    await call(hass, "log_session", started_at="2026-11-23T07:00:00+01:00", duration=10)
    return "2026-11-25"


async def missed(hass: HomeAssistant, freezer: FrozenDateTimeFactory) -> str:
    await move_to(hass, freezer, local("2026-11-26 10:00"))
    return "2026-11-27"


async def stopped_early(hass: HomeAssistant, freezer: FrozenDateTimeFactory) -> str:
    await call(hass, "start_session")
    await advance(hass, freezer, 138)
    await call(hass, "stop_session")
    return "2026-11-25"


async def planned_time_over(hass: HomeAssistant, freezer: FrozenDateTimeFactory) -> str:
    await move_to(hass, freezer, local("2026-11-23 18:30"))
    return "2026-11-25"


async def overridden(hass: HomeAssistant, freezer: FrozenDateTimeFactory) -> str:
    await set_number(hass, "number.alex_session_length", 15)
    await set_number(hass, "number.alex_backward_speed", 2.0)
    await set_number(hass, "number.alex_incline", 2.5)
    return "2026-11-23"


@pytest.mark.freeze_time(START)
@pytest.mark.parametrize(
    "arrange",
    [no_history, done_today, missed, stopped_early, planned_time_over, overridden],
)
async def test_sensor_calendar_and_start_agree(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    alex: MockConfigEntry,
    arrange: Callable[[HomeAssistant, FrozenDateTimeFactory], Awaitable[str]],
) -> None:
    """In every plan state the sensor is the calendar's next planned session."""
    day = await arrange(hass, freezer)
    assert sensor_start(hass).date().isoformat() == day
    await assert_agree(hass, alex)


@pytest.mark.freeze_time(START)
async def test_an_early_stop_does_not_raise_the_plan(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, alex: MockConfigEntry
) -> None:
    """Stopped at 2.3 min: the following weeks are no longer and no faster."""
    next_monday = local("2026-11-30 00:00")
    before = await get_events(hass, next_monday, local("2026-12-28 00:00"))
    await call(hass, "start_session")
    await advance(hass, freezer, 138)
    await call(hass, "stop_session")
    record = alex.runtime_data.storage.sessions[-1]
    assert not record.completed
    after = await get_events(hass, next_monday, local("2026-12-28 00:00"))
    assert len(after) == len(before)
    for old, new in zip(before, after, strict=True):
        (new_minutes, new_speed), (old_minutes, old_speed) = (
            minutes_and_speed(new),
            minutes_and_speed(old),
        )
        assert new_minutes <= old_minutes
        assert new_speed <= old_speed
    assert shown(hass, SENSOR).attributes["duration_min"] == 10


@pytest.mark.freeze_time(START)
async def test_an_override_shows_and_clears_after_its_start(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, alex: MockConfigEntry
) -> None:
    """The override is stored in SI, listed on the sensor, and used by one start."""
    data: RetrowalkData = alex.runtime_data
    await set_number(hass, "number.alex_session_length", 15)
    await hass.services.async_call(
        "select",
        "select_option",
        {"entity_id": "select.alex_program", "option": "treadmill_hill"},
        blocking=True,
    )
    attributes = shown(hass, SENSOR).attributes
    assert attributes["overridden"] == ["duration", "program"]
    assert attributes["duration_min"] == 15
    assert data.storage.next_override.duration_s == 900
    # Setting the plan's value again clears that field.
    await hass.services.async_call(
        "select",
        "select_option",
        {"entity_id": "select.alex_program", "option": "steady"},
        blocking=True,
    )
    assert shown(hass, SENSOR).attributes["overridden"] == ["duration"]
    # The override survives a restart (from the store, in seconds).
    await hass.config_entries.async_reload(alex.entry_id)
    await hass.async_block_till_done()
    assert shown(hass, "number.alex_session_length").state == "15"
    # A voice start without a length uses it; then the plan is back.
    await call(hass, "start_session", speed=2.0)
    active = alex.runtime_data.controller.active
    assert active is not None
    assert active.base_duration_s == 900
    assert shown(hass, SENSOR).attributes["overridden"] == []
    assert shown(hass, "number.alex_session_length").state == "10"
    await advance(hass, freezer, 60)
    await call(hass, "stop_session")


async def test_old_entries_lose_the_default_length_and_speed(
    hass: HomeAssistant, add_person: AddPerson
) -> None:
    """Version 1.1 options are migrated: the default length and speed go."""
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="Alex",
        unique_id="alex",
        minor_version=1,
        data={CONF_NAME: "Alex", "level": "regular"},
        options={
            "weight": 70.0,
            "surface": "treadmill_handrails",
            "duration": 30,
            "speed": 3.0,
            "goal_sessions": 3,
            "goal_minutes": 45,
        },
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.minor_version == 2
    assert "duration" not in entry.options
    assert "speed" not in entry.options
    assert entry.options["weight"] == 70.0
    future = MockConfigEntry(domain=DOMAIN, title="Kim", unique_id="kim", version=2)
    future.add_to_hass(hass)
    assert not await hass.config_entries.async_setup(future.entry_id)


async def test_the_llm_speed_slot_follows_the_unit_system(
    hass: HomeAssistant, alex: MockConfigEntry
) -> None:
    """The start intent describes its speed in the current unit."""

    def described() -> str:
        handler = next(
            h
            for h in intent.async_get(hass)
            if h.intent_type == "RetrowalkStartSession"
        )
        return str(
            [
                getattr(key, "description", "")
                for key in (handler.slot_schema or {})
                if str(key) == "speed"
            ]
        )

    assert "km/h" in described()
    await hass.config.async_update(unit_system="us_customary")
    await hass.async_block_till_done()
    assert "mph" in described()
    # Another change of the core configuration leaves the intents alone.
    await hass.config.async_update(location_name="Home")
    await hass.async_block_till_done()
    assert "mph" in described()


@pytest.mark.freeze_time(START)
async def test_the_next_session_never_lies_in_the_past(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, alex: MockConfigEntry
) -> None:
    """Today's planned session moves on when its time is over or a walk covers it."""
    monday, wednesday = local("2026-11-23 18:00"), local("2026-11-25 18:00")
    assert sensor_start(hass) == monday
    end = alex.runtime_data.next_session().planned.end
    # Nothing else happens: the wake-up at the planned end moves the sensor on.
    await move_to(hass, freezer, end - timedelta(seconds=1))
    assert sensor_start(hass) == monday
    await move_to(hass, freezer, end)
    assert sensor_start(hass) == wednesday
    assert shown(hass, CALENDAR).attributes["start_time"] == "2026-11-25 18:00:00"
    # Wednesday, walking at the planned time: the session under way covers it.
    await move_to(hass, freezer, wednesday)
    assert sensor_start(hass) == wednesday
    await call(hass, "start_session")
    assert sensor_start(hass) > wednesday
    following = sensor_start(hass)
    await advance(hass, freezer, 60)
    await call(hass, "pause_session")
    assert sensor_start(hass) == following
    await call(hass, "stop_session")
    assert sensor_start(hass) == following
    assert following.date() > wednesday.date()
    assert dt_util.as_local(dt_util.utcnow()) < following


@pytest.mark.freeze_time(START)
async def test_a_walk_logged_or_deleted_today_moves_the_next_session_at_once(
    hass: HomeAssistant, alex: MockConfigEntry
) -> None:
    """The planner's cached days walked follow every log and deletion, without time passing."""
    monday, wednesday = local("2026-11-23 18:00"), local("2026-11-25 18:00")
    assert sensor_start(hass) == monday
    logged = await respond(
        hass,
        "log_session",
        started_at="2026-11-23T07:00:00+01:00",
        duration=10,
        config_entry_id=alex.entry_id,
    )
    assert sensor_start(hass) == wednesday
    assert alex.runtime_data.walked_today(dt_util.utcnow())
    await respond(
        hass,
        "delete_session",
        session_id=logged["session"]["session_id"],
        config_entry_id=alex.entry_id,
    )
    assert sensor_start(hass) == monday
    assert not alex.runtime_data.walked_today(dt_util.utcnow())
    # A walk on another day does not count as today's.
    await respond(
        hass,
        "log_session",
        started_at="2026-11-22T07:00:00+01:00",
        duration=10,
        config_entry_id=alex.entry_id,
    )
    assert not alex.runtime_data.walked_today(dt_util.utcnow())
    # Asked first after a change, before any entity has read the plan.
    sessions = alex.runtime_data.storage.sessions
    sessions.append(
        replace(
            sessions[-1],
            session_id="today",
            started_at=local("2026-11-23 07:00"),
            ended_at=local("2026-11-23 07:10"),
        )
    )
    assert alex.runtime_data.walked_today(dt_util.utcnow())


@pytest.mark.freeze_time(START)
async def test_a_new_time_zone_recounts_the_days_walked(
    hass: HomeAssistant, alex: MockConfigEntry
) -> None:
    """00:30 in Amsterdam is Monday; in UTC the same walk was on Sunday."""
    await respond(
        hass,
        "log_session",
        started_at="2026-11-23T00:30:00+01:00",
        duration=10,
        config_entry_id=alex.entry_id,
    )
    assert alex.runtime_data.walked_today(dt_util.utcnow())
    await hass.config.async_update(time_zone="UTC")
    await hass.async_block_till_done()
    assert not alex.runtime_data.walked_today(dt_util.utcnow())
