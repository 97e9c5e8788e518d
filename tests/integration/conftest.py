"""Fixtures for the integration tests."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any
from unittest.mock import PropertyMock, patch

from homeassistant.const import CONF_NAME
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.retrowalk.const import (
    CONF_GOAL_MINUTES,
    CONF_GOAL_SESSIONS,
    CONF_LEVEL,
    CONF_LUX_THRESHOLD,
    CONF_SURFACE,
    CONF_WEIGHT,
    DOMAIN,
)

type AddPerson = Callable[..., Awaitable[MockConfigEntry]]


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(enable_custom_integrations: None) -> None:
    """Let Home Assistant load retrowalk from custom_components."""


@pytest.fixture(autouse=True)
def every_entity_enabled(request: pytest.FixtureRequest) -> Iterator[None]:
    """Enable the entities disabled by default, so tests can read them.

    Tests marked ``default_entities`` see the person as a new user does.
    """
    if request.node.get_closest_marker("default_entities"):
        yield
        return
    with patch(
        "homeassistant.helpers.entity.Entity.entity_registry_enabled_default",
        new_callable=PropertyMock,
        return_value=True,
    ):
        yield


@pytest.fixture(autouse=True)
def config_dir_in_tmp(hass: HomeAssistant, tmp_path: Path) -> None:
    """Give each test its own config folder (retrowalk installs blueprints there)."""
    hass.config.config_dir = str(tmp_path)


def person_entry(
    name: str = "Alex", *, data: dict[str, Any] | None = None, **options: Any
) -> MockConfigEntry:
    """A config entry for one person, as the config flow stores it."""
    return MockConfigEntry(
        domain=DOMAIN,
        title=name,
        unique_id=name.lower(),
        minor_version=2,
        data={CONF_NAME: name, CONF_LEVEL: "regular"} | (data or {}),
        options={
            CONF_WEIGHT: 70.0,
            CONF_SURFACE: "treadmill_handrails",
            CONF_GOAL_SESSIONS: 3,
            CONF_GOAL_MINUTES: 45,
            CONF_LUX_THRESHOLD: 50,
        }
        | options,
    )


@pytest.fixture
async def add_person(hass: HomeAssistant) -> AddPerson:
    """Add and set up a person."""

    await hass.config.async_set_time_zone("Europe/Amsterdam")

    async def _add(name: str = "Alex", **options: Any) -> MockConfigEntry:
        entry = person_entry(name, **options)
        entry.add_to_hass(hass)
        assert await hass.config_entries.async_setup(entry.entry_id)
        await hass.async_block_till_done()
        return entry

    return _add


@pytest.fixture
async def alex(add_person: AddPerson) -> MockConfigEntry:
    """One person, set up."""
    return await add_person()
