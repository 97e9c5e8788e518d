"""The plan calendar: a week of done, missed and planned sessions, and its trigger."""

from __future__ import annotations

from datetime import datetime, time, timedelta
import re
from typing import Any, cast

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
from homeassistant.util.unit_system import US_CUSTOMARY_SYSTEM
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
    async_mock_service,
)

from custom_components.retrowalk.planning import WEEKS_AHEAD

from .conftest import AddPerson
from .test_session import START, advance, call

CALENDAR = "calendar.alex_plan"
# START is Monday 23 November 2026, 09:00 in Amsterdam; Alex plans three
# sessions a week (Monday, Wednesday, Friday), ten minutes each at first.


def local(text: str) -> datetime:
    """A local time of the test's time zone."""
    parsed = dt_util.parse_datetime(text)
    assert parsed is not None
    return parsed.replace(tzinfo=dt_util.get_default_time_zone())


async def get_events(
    hass: HomeAssistant, start: datetime, end: datetime, entity_id: str = CALENDAR
) -> list[dict[str, Any]]:
    """The events of the ``calendar.get_events`` action."""
    response = await hass.services.async_call(
        "calendar",
        "get_events",
        {
            "entity_id": entity_id,
            "start_date_time": start.isoformat(),
            "end_date_time": end.isoformat(),
        },
        blocking=True,
        return_response=True,
    )
    assert response is not None
    found = cast(dict[str, list[dict[str, Any]]], response[entity_id])
    return found["events"]


def outline(events: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    """Start, end and summary of each event."""
    return [(e["start"], e["end"], e["summary"]) for e in events]


async def move_to(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, moment: datetime
) -> None:
    """Jump to ``moment`` and run what was due."""
    freezer.move_to(moment)
    async_fire_time_changed(hass)
    await hass.async_block_till_done()


@pytest.mark.freeze_time(START)
async def test_a_week_of_done_missed_and_planned_sessions(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, alex: MockConfigEntry
) -> None:
    """Monday walked, Wednesday missed, Friday to come; a late walk covers Wednesday."""
    monday, next_monday = local("2026-11-23 00:00"), local("2026-11-30 00:00")
    state = hass.states.get(CALENDAR)
    assert state is not None
    assert state.state == "off"
    assert state.attributes["message"] == "Retro walk (10 min)"
    assert state.attributes["start_time"] == "2026-11-23 18:00:00"
    assert state.attributes["description"] == ("10 min at 2.2 km/h, program: Steady")

    await call(hass, "start_session", duration=10)
    await advance(hass, freezer, 10 * 60 + 1)
    state = hass.states.get(CALENDAR)
    assert state is not None
    # Monday's walk covers Monday's plan: next is Wednesday.
    assert state.attributes["start_time"] == "2026-11-25 18:00:00"

    await move_to(hass, freezer, local("2026-11-26 10:00"))
    state = hass.states.get(CALENDAR)
    assert state is not None
    assert state.attributes["start_time"] == "2026-11-27 18:00:00"
    events = await get_events(hass, monday, next_monday)
    assert outline(events) == [
        (
            "2026-11-23T09:00:00+01:00",
            "2026-11-23T09:10:00+01:00",
            "Retro walk done (10 min)",
        ),
        (
            "2026-11-25T18:00:00+01:00",
            "2026-11-25T18:10:00+01:00",
            "Missed retro walk (10 min)",
        ),
        (
            "2026-11-27T18:00:00+01:00",
            "2026-11-27T18:10:00+01:00",
            "Retro walk (10 min)",
        ),
    ]
    assert re.fullmatch(
        r"10 min walked, 0\.\d\d km, \d+ kcal", events[0]["description"]
    )
    # The plan alternates Alex's programs.
    assert events[1]["description"] == "10 min at 2.2 km/h, program: Intervals"

    # A walk on Thursday morning makes up for Wednesday.
    await call(hass, "log_session", started_at="2026-11-26T08:00:00+01:00", duration=12)
    assert [e["summary"] for e in await get_events(hass, monday, next_monday)] == [
        "Retro walk done (10 min)",
        "Retro walk done (12 min)",
        "Retro walk (10 min)",
    ]
    # Only what overlaps the range is listed.
    assert outline(
        await get_events(hass, local("2026-11-26 08:05"), local("2026-11-27 18:00"))
    ) == [
        (
            "2026-11-26T08:00:00+01:00",
            "2026-11-26T08:12:00+01:00",
            "Retro walk done (12 min)",
        )
    ]

    # Nothing was planned before Alex was added; the weeks ahead are planned.
    assert await get_events(hass, monday - timedelta(days=28), monday) == []
    ahead = await get_events(hass, next_monday, next_monday + timedelta(days=7))
    assert [e["start"][:10] for e in ahead] == [
        "2026-11-30",
        "2026-12-02",
        "2026-12-04",
    ]
    assert all(e["summary"].startswith("Retro walk (") for e in ahead)
    far = await get_events(hass, next_monday, next_monday + timedelta(days=365))
    assert len(far) == 3 * WEEKS_AHEAD
    assert far[-1]["start"] < "2027-02-22"


@pytest.mark.freeze_time(START)
async def test_sessions_covered_in_order_and_missed_after_their_day(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, alex: MockConfigEntry
) -> None:
    """Two walks on Monday cover Monday and Wednesday; Friday is missed on Saturday."""
    await call(hass, "log_session", started_at="2026-11-23T07:00:00+01:00", duration=10)
    await call(hass, "log_session", started_at="2026-11-23T08:00:00+01:00", duration=10)
    await move_to(hass, freezer, local("2026-11-27 20:00"))
    week = (local("2026-11-23 00:00"), local("2026-11-30 00:00"))
    assert [e["summary"][:16] for e in await get_events(hass, *week)] == [
        "Retro walk done ",
        "Retro walk done ",
        "Retro walk (10 m",
    ]
    await move_to(hass, freezer, local("2026-11-28 00:00:05"))
    assert [e["summary"][:16] for e in await get_events(hass, *week)] == [
        "Retro walk done ",
        "Retro walk done ",
        "Missed retro wal",
    ]
    state = hass.states.get(CALENDAR)
    assert state is not None
    assert state.attributes["start_time"].startswith("2026-11-30 18:00")


@pytest.mark.freeze_time(START)
async def test_calendar_trigger_announces_a_planned_session(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, alex: MockConfigEntry
) -> None:
    """A calendar trigger ten minutes before Monday's planned walk fires once."""
    calls = async_mock_service(hass, "test", "automation")
    assert await async_setup_component(
        hass,
        "automation",
        {
            "automation": {
                "alias": "time for your retro walk",
                "triggers": {
                    "trigger": "calendar",
                    "event": "start",
                    "offset": "-0:10:00",
                    "entity_id": CALENDAR,
                },
                "actions": {
                    "action": "test.automation",
                    "data": {"message": "{{ trigger.calendar_event.summary }}"},
                },
            }
        },
    )
    await hass.async_block_till_done()
    planned = datetime.combine(
        local("2026-11-23 00:00").date(),
        time(18, 0),
        tzinfo=dt_util.get_default_time_zone(),
    )
    await move_to(hass, freezer, planned - timedelta(minutes=30))
    for _minute in range(19):
        await advance(hass, freezer, 60)
    assert dt_util.now() == planned - timedelta(minutes=11)
    assert calls == []
    await advance(hass, freezer, 60)
    assert [c.data["message"] for c in calls] == ["Retro walk (10 min)"]
    for _minute in range(11):
        await advance(hass, freezer, 60)
    assert len(calls) == 1
    state = hass.states.get(CALENDAR)
    assert state is not None
    assert state.state == "on"
    # Detach the trigger (its refresh timer) before Home Assistant stops.
    await hass.services.async_call(
        "automation",
        "turn_off",
        {"entity_id": "automation.time_for_your_retro_walk"},
        blocking=True,
    )


@pytest.mark.freeze_time(START)
async def test_texts_follow_language_and_units(
    hass: HomeAssistant, add_person: AddPerson
) -> None:
    """German summaries, miles and mph on a US-customary system."""
    hass.config.language = "de"
    hass.config.units = US_CUSTOMARY_SYSTEM
    await add_person()
    await call(hass, "log_session", started_at="2026-11-23T07:00:00+01:00", duration=10)
    events = await get_events(
        hass, local("2026-11-23 00:00"), local("2026-11-26 00:00")
    )
    assert [e["summary"] for e in events] == [
        "Rückwärtsgehen erledigt (10 min)",
        "Rückwärtsgehen (10 min)",
    ]
    assert re.fullmatch(
        r"10 min gegangen, 0,\d\d mi, \d+ kcal", events[0]["description"]
    )
    assert events[1]["description"] == "10 min mit 1,3 mph, Programm: Intervalle"
