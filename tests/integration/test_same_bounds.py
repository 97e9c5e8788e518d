"""The forms, the actions and sim/ accept exactly the same values for each bounded field."""

from __future__ import annotations

import math
from types import SimpleNamespace
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.util.unit_system import METRIC_SYSTEM
from hypothesis import given, settings, strategies as st
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.retrowalk.compat import vol
from custom_components.retrowalk.config_flow import (
    bound_errors,
    person_schema,
    walking_errors,
    walking_schema,
)
from custom_components.retrowalk.const import DOMAIN
from custom_components.retrowalk.display import speed_to_display
from custom_components.retrowalk.sim.body import Body
from custom_components.retrowalk.sim.bounds import (
    AGE_YEARS,
    AUTO_PAUSE_AFTER_S,
    BACKWARD_SPEED_M_S,
    EXTENSION_MINUTES,
    HEIGHT_CM,
    INCLINE_PCT,
    MODEL_GRADE,
    RAMP_EVERY_S,
    SESSION_MINUTES,
    WEEKLY_MINUTES,
    WEEKLY_SESSIONS,
    WEIGHT_KG,
    Bound,
)
from custom_components.retrowalk.sim.plan import WeeklyGoal
from custom_components.retrowalk.treadmill_form import (
    treadmill_from_form,
    treadmill_schema,
)

from .test_session import START

METRIC = SimpleNamespace(config=SimpleNamespace(units=METRIC_SYSTEM))
WALKING = {
    "weight": 70.0,
    "surface": "indoor_hallway",
    "goal_sessions": 3,
    "goal_minutes": 40,
    "lux_threshold": 60,
}


def values(bound: Bound) -> st.SearchStrategy[float]:
    """Any float, and values at and just beyond both ends."""
    edges = [
        bound.low,
        bound.high,
        math.nextafter(bound.low, -math.inf),
        math.nextafter(bound.high, math.inf),
        (bound.low + bound.high) / 2 + 0.5,
    ]
    return st.one_of(
        st.floats(allow_nan=True, allow_infinity=True),
        st.floats(min_value=bound.low - 2, max_value=bound.high + 2),
        st.integers(int(bound.low) - 2, int(bound.high) + 2).map(float),
        st.sampled_from(edges),
    )


def form_accepts(step: str, field: str, value: float) -> bool:
    """What the flow step does with the value: the selectors, then the bound checks."""
    hass: Any = METRIC
    try:
        if step == "user":
            entered = person_schema(hass, with_name=True)(
                {"name": "Alex", "level": "regular", field: value}
            )
            return not bound_errors(entered)
        if step == "treadmill":
            entered = treadmill_schema(hass)({field: value})
            return not bound_errors(treadmill_from_form(hass, entered))
        entered = walking_schema(hass, with_refresh=True)(WALKING | {field: value})
        return not walking_errors(entered)
    except vol.Invalid:
        return False


def sim_accepts(make: Any, value: float) -> bool:
    """Whether the simulation takes the value."""
    try:
        make(value)
    except ValueError:
        return False
    return True


FIELDS = [
    ("user", "height", HEIGHT_CM, lambda v: Body(weight_kg=70, height_cm=v)),
    ("user", "age", AGE_YEARS, lambda v: Body(weight_kg=70, age=v)),
    ("walking", "weight", WEIGHT_KG, lambda v: Body(weight_kg=v)),
    ("walking", "goal_sessions", WEEKLY_SESSIONS, lambda v: WeeklyGoal(v, 60)),
    ("walking", "goal_minutes", WEEKLY_MINUTES, lambda v: WeeklyGoal(3, v)),
    # Used by the integration only: the bound itself stands in for sim/.
    ("treadmill", "auto_pause_after", AUTO_PAUSE_AFTER_S, AUTO_PAUSE_AFTER_S.check),
    ("treadmill", "ramp_every", RAMP_EVERY_S, RAMP_EVERY_S.check),
]


@pytest.mark.parametrize(
    ("step", "field", "bound", "make"), FIELDS, ids=[f[1] for f in FIELDS]
)
def test_forms_and_sim_agree(step: str, field: str, bound: Bound, make: Any) -> None:
    """For every drawn value the form, sim/ and the bound give the same answer."""

    @settings(derandomize=True, max_examples=300, database=None, deadline=None)
    @given(values(bound))
    def check(value: float) -> None:
        expected = bound.accepts(value)
        assert form_accepts(step, field, value) == expected, value
        assert sim_accepts(make, value) == expected, value

    check()


DRAWN: dict[str, list[float]] = {}


def draw(name: str, bound: Bound) -> None:
    """Let hypothesis draw values for ``name`` into ``DRAWN`` (replayed by an async test)."""
    DRAWN[name] = []

    @settings(derandomize=True, max_examples=150, database=None, deadline=None)
    @given(values(bound))
    def collect(value: float) -> None:
        DRAWN[name].append(value)

    collect()


@pytest.mark.freeze_time(START)
async def test_actions_and_form_agree_on_lengths(
    hass: HomeAssistant, alex: MockConfigEntry
) -> None:
    """Lengths: simulate_session, the controller and the bound agree."""
    for name, bound in (("duration", SESSION_MINUTES), ("minutes", EXTENSION_MINUTES)):
        draw(name, bound)
    for value in DRAWN["duration"]:
        try:
            await hass.services.async_call(
                DOMAIN,
                "simulate_session",
                {"duration": value},
                blocking=True,
                return_response=True,
            )
            action = True
        except ServiceValidationError:
            action = False
        expected = SESSION_MINUTES.accepts(value)
        assert action == expected, value
    controller = alex.runtime_data.controller
    await hass.services.async_call(
        DOMAIN, "start_session", {"duration": 5}, blocking=True
    )
    for value in DRAWN["minutes"]:
        plan = controller.plan()
        assert plan is not None
        try:
            # A session may not grow beyond the longest length: stay well inside it.
            await controller.async_extend(value)
            extended = True
        except ServiceValidationError:
            extended = False
        assert extended == EXTENSION_MINUTES.accepts(value), value
        if extended:
            await hass.services.async_call(DOMAIN, "stop_session", {}, blocking=True)
            await hass.services.async_call(
                DOMAIN, "start_session", {"duration": 5}, blocking=True
            )


async def accepted(hass: HomeAssistant, domain: str, service: str, data: Any) -> bool:
    """Whether an action call goes through (a refusal changes nothing)."""
    try:
        await hass.services.async_call(
            domain, service, data, blocking=True, return_response=domain == DOMAIN
        )
    except (ServiceValidationError, vol.Invalid):
        return False
    return True


@pytest.mark.parametrize("system", ["metric", "us_customary"])
@pytest.mark.freeze_time(START)
async def test_numbers_and_actions_agree_on_speed_and_incline(
    hass: HomeAssistant, alex: MockConfigEntry, system: str
) -> None:
    """A speed or incline the number takes is one a start takes, in either unit system.

    Speeds are drawn on the display step (what a person can type), around the
    shared bound and the person's cap; inclines anywhere, non-finite included.
    """
    await hass.config.async_update(unit_system=system)
    await hass.async_block_till_done()
    cap = alex.runtime_data.settings.speed_cap_m_s
    top = round(speed_to_display(hass, cap) * 10) + 10
    speeds: list[float] = []
    inclines: list[float] = []

    @settings(derandomize=True, max_examples=120, database=None, deadline=None)
    @given(
        st.one_of(
            st.integers(-3, top).map(lambda tenths: tenths / 10),
            st.sampled_from([math.nan, math.inf, -math.inf]),
        ),
        values(INCLINE_PCT),
    )
    def collect(speed: float, incline: float) -> None:
        speeds.append(speed)
        inclines.append(incline)

    collect()
    lowest = speed_to_display(hass, BACKWARD_SPEED_M_S.low, rounded=False)
    for speed in speeds:
        number = await accepted(
            hass,
            "number",
            "set_value",
            {"entity_id": "number.alex_backward_speed", "value": speed},
        )
        action = await accepted(hass, DOMAIN, "simulate_session", {"speed": speed})
        assert number == action, (system, speed)
        expected = math.isfinite(speed) and (
            lowest <= speed <= speed_to_display(hass, cap)
        )
        assert number == expected, (system, speed)
    for incline in inclines:
        number = await accepted(
            hass,
            "number",
            "set_value",
            {"entity_id": "number.alex_incline", "value": incline},
        )
        action = await accepted(hass, DOMAIN, "simulate_session", {"incline": incline})
        assert number == action == INCLINE_PCT.accepts(incline), incline
        if number:  # sim/'s energy model covers every accepted incline
            assert MODEL_GRADE.accepts(incline / 100)
