"""Changing a person reloads them exactly once."""

from __future__ import annotations

from unittest.mock import Mock

from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components import retrowalk


@pytest.fixture
def setups(monkeypatch: pytest.MonkeyPatch) -> Mock:
    """Count the person's setups (the real one runs)."""
    counted = Mock(wraps=retrowalk.async_setup_entry)
    monkeypatch.setattr(retrowalk, "async_setup_entry", counted)
    return counted


async def test_reconfigure_reloads_once(
    hass: HomeAssistant, alex: MockConfigEntry, setups: Mock
) -> None:
    """The update listener reloads; the flow does not reload a second time."""
    result = await alex.start_reconfigure_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"level": "regular", "age": 51}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    await hass.async_block_till_done()
    assert setups.call_count == 1
    assert alex.runtime_data.settings.body.age == 51


async def test_unchanged_reconfigure_does_not_reload(
    hass: HomeAssistant, alex: MockConfigEntry, setups: Mock
) -> None:
    """Saving the same details again changes nothing and reloads nothing."""
    for _ in range(2):
        result = await alex.start_reconfigure_flow(hass)
        result = await hass.config_entries.flow.async_configure(
            result["flow_id"], {"level": "regular", "age": 51}
        )
        assert result["reason"] == "reconfigure_successful"
        await hass.async_block_till_done()
    assert setups.call_count == 1


async def test_options_reload_once(
    hass: HomeAssistant, alex: MockConfigEntry, setups: Mock
) -> None:
    """Changed options reload the person once."""
    hass.config_entries.async_update_entry(alex, options=alex.options | {"speed": 2.5})
    await hass.async_block_till_done()
    assert setups.call_count == 1
