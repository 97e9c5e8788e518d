"""Actions with response data: log, simulate and history."""

from __future__ import annotations

import itertools

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.retrowalk.const import DOMAIN

from .test_session import START, state


async def respond(hass: HomeAssistant, service: str, **data: object) -> dict:
    """Call an action that answers with data."""
    response = await hass.services.async_call(
        DOMAIN, service, data, blocking=True, return_response=True
    )
    await hass.async_block_till_done()
    assert isinstance(response, dict)
    return response


@pytest.mark.freeze_time(START)
async def test_log_session_counts(hass: HomeAssistant, alex: MockConfigEntry) -> None:
    """A logged session feeds the week and lifetime figures."""
    response = await respond(
        hass,
        "log_session",
        started_at="2026-11-23T07:00:00+00:00",
        duration=20,
        speed=2.5,
    )
    session = response["session"]
    assert session["manual"] is True
    assert session["active_s"] == 1200
    assert session["kcal"] > 0
    assert state(hass, "sensor.alex_sessions_this_week") == "1"
    assert float(state(hass, "sensor.alex_lifetime_energy")) == pytest.approx(
        session["kcal"], abs=0.1
    )


@pytest.mark.freeze_time(START)
async def test_log_session_refusals(hass: HomeAssistant, alex: MockConfigEntry) -> None:
    """A session that has not ended yet, or an impossible one, is refused."""
    for data, key in (
        ({"started_at": "2026-11-23T07:50:00+00:00", "duration": 20}, "log_in_future"),
        (
            {"started_at": "2026-11-23T07:00:00+00:00", "duration": 0},
            "invalid_duration",
        ),
    ):
        with pytest.raises(ServiceValidationError) as refused:
            await respond(hass, "log_session", **data)
        assert refused.value.translation_key == key
    assert alex.runtime_data.storage.sessions == []


async def test_simulate_session(hass: HomeAssistant, alex: MockConfigEntry) -> None:
    """The prediction has phases, a per-minute series and totals that agree."""
    response = await respond(
        hass, "simulate_session", duration=20, speed=3.0, program="intervals"
    )
    assert response["program"] == "intervals"
    assert response["duration_min"] == 20
    assert sum(phase["duration_min"] for phase in response["phases"]) == pytest.approx(
        20, abs=0.05
    )
    series = response["per_minute"]
    assert len(series) == 21
    assert series[-1]["kcal"] == pytest.approx(response["kcal"], abs=0.1)
    assert all(a["kcal"] <= b["kcal"] for a, b in itertools.pairwise(series))
    with pytest.raises(ServiceValidationError):
        await respond(hass, "simulate_session", duration=500)


@pytest.mark.freeze_time(START)
async def test_get_history(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, alex: MockConfigEntry
) -> None:
    """Sessions in a range, with totals; a reversed range is refused."""
    for day in ("2026-11-16", "2026-11-20", "2026-11-22"):
        await respond(
            hass, "log_session", started_at=f"{day}T07:00:00+00:00", duration=10
        )
    response = await respond(
        hass,
        "get_history",
        start="2026-11-19T00:00:00+00:00",
        end="2026-11-23T00:00:00+00:00",
    )
    assert [s["started_at"][:10] for s in response["sessions"]] == [
        "2026-11-20",
        "2026-11-22",
    ]
    assert response["totals"]["sessions"] == 2
    assert response["totals"]["minutes"] == pytest.approx(20)
    everything = await respond(hass, "get_history")
    assert everything["totals"]["sessions"] == 3
    with pytest.raises(ServiceValidationError) as refused:
        await respond(
            hass,
            "get_history",
            start="2026-11-23T00:00:00+00:00",
            end="2026-11-19T00:00:00+00:00",
        )
    assert refused.value.translation_key == "invalid_range"


@pytest.mark.freeze_time(START)
async def test_streak_and_goal(hass: HomeAssistant, alex: MockConfigEntry) -> None:
    """Two past weeks met the goal of 3 sessions and 45 minutes: a 2-week streak."""
    for day in ("09", "10", "11", "16", "17", "18"):
        await respond(
            hass, "log_session", started_at=f"2026-11-{day}T07:00:00+00:00", duration=15
        )
    assert state(hass, "sensor.alex_streak") == "2"
    assert float(state(hass, "sensor.alex_weekly_goal_progress")) == 0
    await respond(
        hass, "log_session", started_at="2026-11-23T07:00:00+00:00", duration=15
    )
    assert float(state(hass, "sensor.alex_weekly_goal_progress")) == pytest.approx(
        50 * (1 / 3 + 15 / 45), abs=0.1
    )
    next_session = hass.states.get("sensor.alex_next_session")
    assert next_session is not None
    assert next_session.state >= "2026-11-23"
    assert next_session.attributes["duration_min"] > 0
