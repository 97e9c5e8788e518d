"""Entries from older versions that break a bound are corrected at setup."""

from __future__ import annotations

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
import pytest

from custom_components.retrowalk.const import DOMAIN
from custom_components.retrowalk.entry_repair import issue_id, repaired

from .conftest import person_entry


async def test_out_of_bound_entry_is_repaired(hass: HomeAssistant) -> None:
    """A nan weight, 95 cm and a goal of 2.5 load as 70 kg, 100 cm and 2 sessions."""
    entry = person_entry(
        weight=float("nan"), goal_sessions=2.5, lux_threshold=5000, hydrate_every="x"
    )
    entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(
        entry, data=dict(entry.data) | {"height": 95, "age": float("inf")}
    )
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED
    assert entry.data["height"] == 100
    assert "age" not in entry.data
    assert entry.options["weight"] == 70.0
    assert entry.options["goal_sessions"] == 2
    assert entry.options["lux_threshold"] == 2000
    assert entry.options["hydrate_every"] == 10
    settings = entry.runtime_data.settings
    assert settings.body.height_cm == 100
    assert settings.goal.sessions_per_week == 2
    issue = ir.async_get(hass).async_get_issue(DOMAIN, issue_id(entry.entry_id))
    assert issue is not None
    assert issue.translation_key == "entry_repaired"
    changes = issue.translation_placeholders["changes"]
    for part in ("height: 95 -> 100", "age: inf -> -", "weight: nan -> 70"):
        assert part in changes
    assert await hass.config_entries.async_remove(entry.entry_id)
    assert ir.async_get(hass).async_get_issue(DOMAIN, issue_id(entry.entry_id)) is None


async def test_an_old_unusable_name_is_repaired(hass: HomeAssistant) -> None:
    """A name of 10 000 characters, stored before names were checked, is cut to 40."""
    entry = person_entry()
    entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(
        entry, title="y" * 10_000, data=dict(entry.data) | {"name": "y" * 10_000}
    )
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED
    assert entry.data["name"] == entry.title == "y" * 40
    assert entry.runtime_data.settings.name == "y" * 40
    issue = ir.async_get(hass).async_get_issue(DOMAIN, issue_id(entry.entry_id))
    assert issue is not None
    assert issue.translation_placeholders["name"] == "y" * 40


async def test_valid_entry_is_left_alone(hass: HomeAssistant) -> None:
    """Nothing changes and no issue is raised for an entry inside every bound."""
    entry = person_entry()
    entry.add_to_hass(hass)
    before = (dict(entry.data), dict(entry.options))
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert (dict(entry.data), dict(entry.options)) == before
    assert ir.async_get(hass).async_get_issue(DOMAIN, issue_id(entry.entry_id)) is None


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"lux_threshold": 1e9}, {"lux_threshold": 2000}),
        ({"refresh_interval": 7.4}, {"refresh_interval": 15}),
        ({"goal_minutes": True}, {"goal_minutes": 30}),
        ({"weight": None}, {"weight": None}),
        ({"name": " Alex "}, {"name": " Alex "}),
        ({"name": "  " + "x" * 10_000}, {"name": "x" * 40}),
        ({"name": "!!!"}, {"name": "Walker"}),
        ({"name": ""}, {"name": "Walker"}),
    ],
)
def test_repaired_values(
    values: dict[str, object], expected: dict[str, object]
) -> None:
    """Finite values are clamped in stored units; others take the default."""
    assert repaired(values)[0] == expected
