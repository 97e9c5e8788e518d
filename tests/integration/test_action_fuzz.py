"""Hostile and random action calls: only translated refusals, and nothing changes on one.

Hypothesis draws call sequences (every action, hostile and plausible values, random
order); the async test replays them against a real person. Every call must either
succeed or raise ``ServiceValidationError`` with a translation key, and a refused
call must leave the store, the entry and every state unchanged.
"""

from __future__ import annotations

import math
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from hypothesis import HealthCheck, given, settings, strategies as st
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.retrowalk.const import DOMAIN
from custom_components.retrowalk.data import RetrowalkData

from .test_session import START

HOSTILE_NUMBERS = st.sampled_from(
    [
        math.nan,
        math.inf,
        -math.inf,
        1e308,
        -1e308,
        10**5000,
        -(10**5000),
        "abc",
        "10",
        "",
        [10],
        {"a": 1},
        None,
        True,
        0,
        -1,
        0.5,
        2.5,
        181,
        61,
    ]
)
PLAUSIBLE_NUMBERS = st.one_of(
    st.integers(min_value=-5, max_value=200),
    st.floats(min_value=-20, max_value=200, allow_nan=False),
)
NUMBERS = st.one_of(HOSTILE_NUMBERS, PLAUSIBLE_NUMBERS)
DATETIMES = st.sampled_from(
    [
        "0001-01-01T00:00:00",
        "0001-01-01T00:00:00-10:00",
        "9999-12-31T23:59:59",
        "9999-12-31T23:59:59+14:00",
        "1999-12-31T23:00:00",
        "2026-11-23T07:00:00",
        "2026-11-23T07:00:00+00:00",
        "2026-11-22T18:00:00-05:00",
        "2026-11-25T07:00:00+00:00",
        "not a date",
        "",
        12345,
        None,
        [1],
    ]
)
TEXTS = st.one_of(
    st.sampled_from(["", "   ", "x" * 65, "abc", None, 5, ["a"], "\x00"]),
    st.text(max_size=8),
)
SESSION = {
    "duration": NUMBERS,
    "speed": NUMBERS,
    "incline": NUMBERS,
    "program": st.sampled_from(["steady", "intervals", "bogus", 3, None]),
}
FIELDS: dict[str, dict[str, st.SearchStrategy[Any]]] = {
    "start_session": SESSION | {"acknowledge_warnings": st.sampled_from([True, "x"])},
    "pause_session": {},
    "resume_session": {},
    "stop_session": {},
    "extend_session": {"minutes": NUMBERS},
    "log_session": SESSION
    | {"started_at": DATETIMES, "client_id": TEXTS, "unknown_field": NUMBERS},
    "delete_session": {"session_id": TEXTS},
    "simulate_session": SESSION,
    "get_history": {"start": DATETIMES, "end": DATETIMES},
}
RESPONDS = {"start_session", "log_session", "delete_session", "simulate_session"}
ONLY_RESPONSE = {"simulate_session", "get_history"}


VALID: dict[str, st.SearchStrategy[Any]] = {
    "duration": st.integers(1, 40),
    "speed": st.floats(0.5, 4.0),
    "incline": st.integers(0, 5),
    "program": st.sampled_from(["steady", "intervals"]),
    "acknowledge_warnings": st.just(True),
    "minutes": st.integers(1, 10),
    "started_at": st.sampled_from(["2026-11-22T07:00:00", "2026-11-20T18:00:00+01:00"]),
    "client_id": st.sampled_from(["a", "b"]),
    "start": st.just("2026-11-01T00:00:00"),
    "end": st.just("2026-11-30T00:00:00+00:00"),
}


@st.composite
def action_call(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    """One action with a random subset of its fields (and sometimes a stray one).

    Half the calls use only plausible values, so sessions start, run and log.
    """
    service = draw(st.sampled_from(sorted(FIELDS)))
    hostile = draw(st.booleans())
    data = {
        key: draw(strategy if hostile or key not in VALID else VALID[key])
        for key, strategy in FIELDS[service].items()
        if draw(st.booleans()) and (hostile or key in VALID)
    }
    if draw(st.integers(0, 9)) == 0:
        data["config_entry_id"] = draw(st.sampled_from(["nope", 5, None]))
    return service, data


SEQUENCES: list[list[tuple[str, dict[str, Any]]]] = []


@settings(
    derandomize=True,
    max_examples=150,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
@given(st.lists(action_call(), min_size=1, max_size=12))
def _collect(sequence: list[tuple[str, dict[str, Any]]]) -> None:
    SEQUENCES.append(sequence)


def snapshot(hass: HomeAssistant, entry: MockConfigEntry) -> Any:
    """What a refused call must not change: the store, the entry and all states."""
    data: RetrowalkData = entry.runtime_data
    return (
        repr(data.storage._data()),
        dict(entry.options),
        dict(entry.data),
        {state.entity_id: state.state for state in hass.states.async_all()},
    )


@pytest.mark.freeze_time(START)
@pytest.mark.parametrize("zone", ["Pacific/Pago_Pago", "Pacific/Kiritimati"])
async def test_hostile_and_random_calls(
    hass: HomeAssistant,
    alex: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
    zone: str,
) -> None:
    """0 unhandled exceptions; a refusal is translated and changes nothing."""
    await hass.config.async_set_time_zone(zone)
    if not SEQUENCES:
        _collect()
    problems: list[str] = []
    keys: set[str] = set()
    calls = succeeded = 0
    for sequence in SEQUENCES:
        for service, data in sequence:
            calls += 1
            before = snapshot(hass, alex)
            try:
                await hass.services.async_call(
                    DOMAIN,
                    service,
                    data,
                    blocking=True,
                    return_response=service in ONLY_RESPONSE
                    or (service in RESPONDS and calls % 2 == 0),
                )
            except ServiceValidationError as err:
                keys.add(str(err.translation_key))
                await hass.async_block_till_done()
                if not err.translation_key or snapshot(hass, alex) != before:
                    problems.append(f"{service} {data!r:.200}: {err!r}")
            except Exception as err:  # noqa: BLE001 - counted and reported
                problems.append(f"{service} {data!r:.200}: unhandled {err!r}")
            else:
                succeeded += 1
            await hass.async_block_till_done()
        # End any session the sequence left running so sequences stay independent.
        if alex.runtime_data.controller.running:
            await hass.services.async_call(DOMAIN, "stop_session", {}, blocking=True)
        freezer.tick(3600)
    assert problems == []
    assert calls > 500
    assert succeeded > 50
    assert {
        "invalid_duration",
        "invalid_extension",
        "invalid_incline",
        "speed_above_cap",
        "invalid_datetime",
        "invalid_field",
    } <= keys
