"""Tests for the config flow."""

from homeassistant.config_entries import SOURCE_USER
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType

from custom_components.retrowalk.const import DOMAIN


async def test_user_flow_creates_entry(hass: HomeAssistant) -> None:
    """A person is added with name and weight."""
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    assert result["type"] is FlowResultType.FORM
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"name": "Alex", "weight": 72.5}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Alex"
    assert result["data"] == {"name": "Alex", "weight": 72.5}
    await hass.async_block_till_done()
    state = hass.states.get("sensor.alex_phase")
    assert state is not None
    assert state.state == "idle"


async def test_same_person_twice_aborts(hass: HomeAssistant) -> None:
    """The same person cannot be added twice."""
    for expected in (FlowResultType.CREATE_ENTRY, FlowResultType.ABORT):
        result = await hass.config_entries.flow.async_init(
            DOMAIN, context={"source": SOURCE_USER}
        )
        result = await hass.config_entries.flow.async_configure(
            result["flow_id"], {"name": "Alex", "weight": 72.5}
        )
        assert result["type"] is expected


async def test_unload(hass: HomeAssistant) -> None:
    """An entry unloads cleanly."""
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    await hass.config_entries.flow.async_configure(
        result["flow_id"], {"name": "Alex", "weight": 72.5}
    )
    await hass.async_block_till_done()
    entry = hass.config_entries.async_entries(DOMAIN)[0]
    assert await hass.config_entries.async_unload(entry.entry_id)
    assert hass.states.get("sensor.alex_phase").state == "unavailable"
