"""Benchmark: state writes of all retrowalk entities during a 30-minute session."""

from __future__ import annotations

from collections import Counter
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import EVENT_STATE_CHANGED
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.helpers import entity_registry as er
import pytest

from custom_components.retrowalk.const import DOMAIN

from .conftest import AddPerson
from .test_session import START, advance

WRITE_BUDGET = 150


@pytest.mark.parametrize(
    "options",
    [
        pytest.param({}, id="treadmill"),
        # Away from a treadmill the path checks add a reminder every 2 minutes.
        pytest.param(
            {"surface": "indoor_hallway", "illuminance_sensor": "sensor.light"},
            id="hallway",
        ),
    ],
)
@pytest.mark.default_entities
@pytest.mark.freeze_time(START)
async def test_state_writes_of_a_30_minute_session(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    entity_registry: er.EntityRegistry,
    add_person: AddPerson,
    options: dict[str, Any],
) -> None:
    """Count state changes from the start to 5 minutes after the end, second by second."""
    hass.states.async_set("sensor.light", "300")
    alex = await add_person(**options)
    ours = {
        entry.entity_id
        for entry in er.async_entries_for_config_entry(entity_registry, alex.entry_id)
    }
    writes: Counter[str] = Counter()

    @callback
    def _count(event: Event) -> None:
        if event.data["entity_id"] in ours:
            writes[event.data["entity_id"]] += 1

    hass.bus.async_listen(EVENT_STATE_CHANGED, _count)
    await hass.services.async_call(
        DOMAIN, "start_session", {"duration": 30}, blocking=True
    )
    for _second in range(30 * 60 + 301):
        await advance(hass, freezer, 1)
    session = hass.states.get("switch.alex_session")
    assert session is not None
    assert session.attributes["phase"] == "finished"
    total = sum(writes.values())
    print(f"\nstate writes in a 30-minute session: {total}")  # noqa: T201
    for entity_id, count in writes.most_common():
        print(f"  {count:4d}  {entity_id}")  # noqa: T201
    assert total <= WRITE_BUDGET
    # The live figures refresh once a minute while walking, not every second.
    assert writes["sensor.alex_session_energy"] <= 32
