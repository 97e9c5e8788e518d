"""Config, options and reconfigure flows."""

from __future__ import annotations

from homeassistant.config_entries import SOURCE_USER
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.util.unit_system import US_CUSTOMARY_SYSTEM
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.retrowalk.const import DOMAIN

WALKING = {
    "weight": 72.5,
    "surface": "indoor_hallway",
    "duration": 12,
    "speed": 2.5,
    "goal_sessions": 3,
    "goal_minutes": 40,
    "lux_threshold": 60,
}


async def start_flow(hass: HomeAssistant, person: dict[str, object]) -> dict:
    """Fill the person step and return the next step."""
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "user"
    return await hass.config_entries.flow.async_configure(result["flow_id"], person)


async def test_user_flow_creates_entry(hass: HomeAssistant) -> None:
    """Name and body first, then walking settings; data and options are split."""
    result = await start_flow(
        hass,
        {"name": " Alex ", "height": 175, "age": 40, "sex": "female", "level": "new"},
    )
    assert result["step_id"] == "walking"
    result = await hass.config_entries.flow.async_configure(result["flow_id"], WALKING)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Alex"
    assert result["data"] == {
        "name": "Alex",
        "height": 175,
        "age": 40,
        "sex": "female",
        "level": "new",
        "contraindications": [],
    }
    assert result["options"] == WALKING
    await hass.async_block_till_done()
    assert hass.states.get("sensor.alex_phase").state == "idle"


async def test_user_flow_in_us_units_stores_metric(hass: HomeAssistant) -> None:
    """Pounds, inches and mph are stored as kg, cm and km/h."""
    hass.config.units = US_CUSTOMARY_SYSTEM
    result = await start_flow(hass, {"name": "Sam", "height": 70, "level": "regular"})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], WALKING | {"weight": 160, "speed": 1.5}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"]["height"] == pytest.approx(177.8)
    assert result["options"]["weight"] == pytest.approx(72.57, abs=0.01)
    assert result["options"]["speed"] == pytest.approx(2.41, abs=0.01)


async def test_errors_then_recovery(hass: HomeAssistant) -> None:
    """A blank name and a speed above the cap are refused with field errors."""
    result = await start_flow(hass, {"name": "  ", "level": "new"})
    assert result["errors"] == {"name": "invalid_name"}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"name": "Alex", "level": "rehabilitation"}
    )
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], WALKING | {"speed": 4.0}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"speed": "speed_above_cap"}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], WALKING | {"speed": 1.5}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY


async def test_same_person_twice_aborts(hass: HomeAssistant) -> None:
    """The same person cannot be added twice."""
    result = await start_flow(hass, {"name": "Alex", "level": "new"})
    await hass.config_entries.flow.async_configure(result["flow_id"], WALKING)
    result = await start_flow(hass, {"name": "alex", "level": "new"})
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"


async def test_options_flow(hass: HomeAssistant, alex: MockConfigEntry) -> None:
    """Day-to-day settings change and the entry reloads with them."""
    result = await hass.config_entries.options.async_init(alex.entry_id)
    assert result["step_id"] == "init"
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], WALKING | {"speed": 9.0}
    )
    assert result["errors"] == {"speed": "speed_above_cap"}
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], WALKING | {"refresh_interval": 30}
    )
    assert result["step_id"] == "reminders"
    speech = {"media_players": ["media_player.kitchen"]}
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"path_check_every": 3} | speech
    )
    assert result["errors"] == {"tts_entity": "tts_required"}
    assert "media_players" not in alex.options
    result = await hass.config_entries.options.async_configure(
        result["flow_id"],
        {
            "path_check_every": 3,
            "posture_every": 4,
            "hydrate_every": 15,
            "notify_entities": ["notify.phone"],
            "tts_entity": "tts.piper",
        }
        | speech,
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    assert alex.options["refresh_interval"] == 30
    settings = alex.runtime_data.settings
    assert settings.refresh_s == 30
    assert settings.body.weight_kg == 72.5
    assert settings.reminders.path_check_every_s == 180
    assert settings.reminders.posture_every_s == 240
    assert settings.reminders.hydrate_every_s == 900
    assert settings.reminders.notify_entities == ("notify.phone",)
    assert settings.reminders.media_players == ("media_player.kitchen",)
    assert settings.reminders.tts_entity == "tts.piper"


async def test_reconfigure_flow(hass: HomeAssistant, alex: MockConfigEntry) -> None:
    """Level and health flags change; the name stays."""
    result = await alex.start_reconfigure_flow(hass)
    assert result["step_id"] == "reconfigure"
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"level": "rehabilitation"}
    )
    assert result["errors"] == {"speed": "speed_above_cap"}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {"level": "regular", "age": 50, "contraindications": ["recent_injury"]},
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    await hass.async_block_till_done()
    assert alex.data["name"] == "Alex"
    assert alex.data["age"] == 50
    assert alex.runtime_data.settings.body.age == 50
