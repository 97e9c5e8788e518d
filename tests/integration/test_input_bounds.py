"""Actions refuse values outside the shared bounds with translated errors."""

from __future__ import annotations

from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.util.unit_system import US_CUSTOMARY_SYSTEM
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.retrowalk.const import DOMAIN

from .conftest import AddPerson, person_entry
from .test_session import START


async def refusal(hass: HomeAssistant, service: str, **data: object) -> str:
    """Call an action that must be refused; return the refusal's English text."""
    with pytest.raises(ServiceValidationError) as refused:
        await hass.services.async_call(
            DOMAIN,
            service,
            data,
            blocking=True,
            return_response=service not in ("extend_session",),
        )
    return str(refused.value)


@pytest.mark.freeze_time(START)
async def test_log_session_needs_a_duration(
    hass: HomeAssistant, alex: MockConfigEntry
) -> None:
    """A missing duration is refused, not defaulted; nothing is recorded."""
    text = await refusal(hass, "log_session", started_at="2026-11-23T07:00:00+00:00")
    assert "duration" in text
    assert alex.runtime_data.storage.sessions == []


@pytest.mark.freeze_time(START)
@pytest.mark.parametrize("zone", ["Pacific/Pago_Pago", "Pacific/Kiritimati", "UTC"])
@pytest.mark.parametrize(
    "started_at",
    [
        "0001-01-01T00:00:00",
        "0001-01-01T00:30:00+00:00",
        "9999-12-31T23:59:00",
        "9999-12-31T23:59:00-10:00",
        "1999-12-31T12:00:00",
    ],
)
async def test_log_session_dates_at_the_ends_of_the_calendar(
    hass: HomeAssistant, alex: MockConfigEntry, zone: str, started_at: str
) -> None:
    """Year 1 and year 9999 are refused in any time zone; updates keep working."""
    await hass.config.async_set_time_zone(zone)
    text = await refusal(hass, "log_session", started_at=started_at, duration=10)
    assert "2000" in text
    response = await hass.services.async_call(
        DOMAIN,
        "log_session",
        {"started_at": "2026-11-23T06:00:00+00:00", "duration": 10},
        blocking=True,
        return_response=True,
    )
    assert response is not None
    assert response["duplicate"] is False


@pytest.mark.freeze_time(START)
async def test_history_with_naive_and_aware_datetimes(
    hass: HomeAssistant, alex: MockConfigEntry
) -> None:
    """A naive start (Home Assistant's zone) and an aware end work together."""
    await hass.services.async_call(
        DOMAIN,
        "log_session",
        {"started_at": "2026-11-23T06:00:00", "duration": 10},
        blocking=True,
        return_response=True,
    )
    response = await hass.services.async_call(
        DOMAIN,
        "get_history",
        {"start": "2026-11-23T06:00:00", "end": "2026-11-23T08:00:00+00:00"},
        blocking=True,
        return_response=True,
    )
    assert response is not None
    assert response["totals"]["sessions"] == 1
    text = await refusal(
        hass,
        "get_history",
        start="2026-11-23T08:00:00+00:00",
        end="2026-11-23T06:00:00",
    )
    assert "before" in text


@pytest.mark.freeze_time(START)
@pytest.mark.parametrize(
    ("metric", "expected"),
    [(True, "from 0.4 km/h to 5.0 km/h"), (False, "from 0.3 mph to 3.1 mph")],
)
async def test_speed_refusal_names_the_cap_in_the_users_unit(
    hass: HomeAssistant, alex: MockConfigEntry, metric: bool, expected: str
) -> None:
    """The regular walker's cap on a treadmill with handrails, in km/h or mph.

    Too fast, too slow or not a number at all: the same range, as the number shows it.
    """
    if not metric:
        hass.config.units = US_CUSTOMARY_SYSTEM
    for speed in (9, 0.01, "fast", "nan", "inf", [1]):
        text = await refusal(hass, "start_session", speed=speed)
        assert expected in text, speed
    assert not alex.runtime_data.controller.running


@pytest.mark.freeze_time(START)
@pytest.mark.parametrize(
    ("service", "field", "range_text"),
    [
        ("start_session", "duration", "1 to 180"),
        ("simulate_session", "incline", "-10 % and 15 %"),
    ],
)
@pytest.mark.parametrize(
    "value",
    [float("nan"), float("inf"), 1e308, 10**5000, "5", [5]],
    ids=["nan", "inf", "1e308", "5000 digits", "string", "list"],
)
async def test_hostile_numbers_name_the_range(
    hass: HomeAssistant,
    alex: MockConfigEntry,
    service: str,
    field: str,
    range_text: str,
    value: object,
) -> None:
    """NaN, infinities, huge numbers, strings and lists are refused with the range."""
    text = await refusal(hass, service, **{field: value})
    assert range_text in text
    assert not alex.runtime_data.controller.running


@pytest.mark.freeze_time(START)
async def test_extend_refuses_non_finite_minutes(
    hass: HomeAssistant, alex: MockConfigEntry, freezer: FrozenDateTimeFactory
) -> None:
    """A running session is not touched by a NaN extension."""
    await hass.services.async_call(
        DOMAIN, "start_session", {"duration": 10}, blocking=True
    )
    plan = alex.runtime_data.controller.plan()
    assert plan is not None
    for minutes in (float("nan"), float("inf"), 0.2, 61, "5"):
        text = await refusal(hass, "extend_session", minutes=minutes)
        assert "1 to 60" in text
    assert alex.runtime_data.controller.plan() == plan
    text = await refusal(hass, "extend_session", minutes=5, unknown=1)
    assert "unknown" in text


@pytest.mark.parametrize(
    "entity_id",
    ["number.alex_session_length", "number.alex_backward_speed", "number.alex_incline"],
)
async def test_number_entities_refuse_nan(
    hass: HomeAssistant, alex: MockConfigEntry, entity_id: str
) -> None:
    """Home Assistant's range check lets nan by; the entity refuses it, unchanged."""
    before = alex.runtime_data.next_session()
    snapshot = (before.duration_s, before.speed_m_s, before.grade)
    with pytest.raises(ServiceValidationError) as refused:
        await hass.services.async_call(
            "number",
            "set_value",
            {"entity_id": entity_id, "value": float("nan")},
            blocking=True,
        )
    assert refused.value.translation_key == "out_of_range"
    after = alex.runtime_data.next_session()
    assert (after.duration_s, after.speed_m_s, after.grade) == snapshot


async def test_a_stored_nan_override_is_dropped(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    """A nan override in a damaged store does not break setup; the plan's value stays."""
    entry = person_entry()
    hass_storage[f"{DOMAIN}.{entry.entry_id}"] = {
        "version": 1,
        "minor_version": 3,
        "key": f"{DOMAIN}.{entry.entry_id}",
        "data": {
            "active": None,
            "sessions": [],
            "next_override": {"duration_s": float("nan"), "speed_m_s": "fast"},
        },
    }
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.runtime_data.storage.next_override.fields == []
    upcoming = entry.runtime_data.next_session()
    assert upcoming.duration_s == upcoming.planned.duration_s


@pytest.mark.parametrize(("metric", "low"), [(True, 0.4), (False, 0.3)])
async def test_speed_number_starts_at_the_shared_bound(
    hass: HomeAssistant, add_person: AddPerson, metric: bool, low: float
) -> None:
    """The speed box offers nothing below the bound that a start would refuse."""
    if not metric:
        hass.config.units = US_CUSTOMARY_SYSTEM
    await add_person()
    number = hass.states.get("number.alex_backward_speed")
    assert number is not None
    assert number.attributes["min"] == low
    with pytest.raises(ServiceValidationError):
        await hass.services.async_call(
            "number",
            "set_value",
            {"entity_id": "number.alex_backward_speed", "value": 0.2},
            blocking=True,
        )
