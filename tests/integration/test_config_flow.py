"""Config, options and reconfigure flows."""

from __future__ import annotations

from datetime import time
from typing import Any

from homeassistant.config_entries import SOURCE_USER
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.translation import async_get_translations
from homeassistant.util import dt as dt_util
from homeassistant.util.unit_system import US_CUSTOMARY_SYSTEM
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_mock_service,
)

from custom_components.retrowalk.compat import vol
from custom_components.retrowalk.config_flow import person_schema, walking_schema
from custom_components.retrowalk.const import DOMAIN
from custom_components.retrowalk.sim.bounds import AGE_YEARS
from custom_components.retrowalk.sim.reminders import ReminderType

WALKING = {
    "weight": 72.5,
    "surface": "indoor_hallway",
    "planned_at": "07:30:00",
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
    assert result["result"].unique_id == "alex"
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
    """Pounds and inches are stored as kg and cm; the planned time is kept."""
    hass.config.units = US_CUSTOMARY_SYSTEM
    result = await start_flow(hass, {"name": "Sam", "height": 70, "level": "regular"})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], WALKING | {"weight": 160}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["result"].unique_id == "sam"
    assert result["data"]["height"] == pytest.approx(177.8)
    assert result["options"]["weight"] == pytest.approx(72.57, abs=0.01)
    assert result["options"]["planned_at"] == "07:30:00"
    await hass.async_block_till_done()
    # The planned time of day places the next session.
    state = hass.states.get("sensor.sam_next_session")
    assert state is not None
    assert dt_util.as_local(dt_util.parse_datetime(state.state)).time() == time(7, 30)


async def test_errors_then_recovery(hass: HomeAssistant) -> None:
    """A blank name is refused with a field error; the walking step has no speed."""
    result = await start_flow(hass, {"name": "  ", "level": "new"})
    assert result["errors"] == {"name": "invalid_name"}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"name": "Alex", "level": "rehabilitation"}
    )
    assert "speed" not in result["data_schema"].schema
    assert "duration" not in result["data_schema"].schema
    result = await hass.config_entries.flow.async_configure(result["flow_id"], WALKING)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["result"].unique_id == "alex"


async def test_same_person_twice_aborts(hass: HomeAssistant) -> None:
    """The same person cannot be added twice."""
    result = await start_flow(hass, {"name": "Alex", "level": "new"})
    result = await hass.config_entries.flow.async_configure(result["flow_id"], WALKING)
    assert result["result"].unique_id == "alex"
    result = await start_flow(hass, {"name": "alex", "level": "new"})
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"


async def test_options_flow(hass: HomeAssistant, alex: MockConfigEntry) -> None:
    """Day-to-day settings change and the entry reloads with them."""
    result = await hass.config_entries.options.async_init(alex.entry_id)
    assert result["step_id"] == "init"
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
    assert result["step_id"] == "phone"
    result = await hass.config_entries.options.async_configure(result["flow_id"], {})
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
    assert settings.companion.services == ()
    assert not settings.companion.reminders


async def test_options_choose_the_companion_devices(
    hass: HomeAssistant, alex: MockConfigEntry
) -> None:
    """Phones are offered by name; a gone one, reminders without one or twice are refused."""
    phone_entry = MockConfigEntry(
        domain="mobile_app", title="Pixel 9", data={"device_name": "Pixel 9"}
    )
    phone_entry.add_to_hass(hass)
    async_mock_service(hass, "notify", "mobile_app_pixel_9")
    # A registration without pushes has no notify action: not offered.
    MockConfigEntry(
        domain="mobile_app", title="Old tablet", data={"device_name": "Old tablet"}
    ).add_to_hass(hass)
    phone_notify = er.async_get(hass).async_get_or_create(
        "notify", "mobile_app", "pixel-9", config_entry=phone_entry
    )
    other_notify = er.async_get(hass).async_get_or_create("notify", "group", "family")
    hass.config_entries.async_update_entry(
        alex, options=alex.options | {"companion_devices": ["mobile_app_gone"]}
    )
    await hass.async_block_till_done()

    async def phone_step(reminders: dict[str, Any]) -> Any:
        result = await hass.config_entries.options.async_init(alex.entry_id)
        result = await hass.config_entries.options.async_configure(
            result["flow_id"], WALKING
        )
        return await hass.config_entries.options.async_configure(
            result["flow_id"], reminders
        )

    result = await phone_step({})
    assert result["step_id"] == "phone"
    assert result["last_step"] is True
    schema = result["data_schema"].schema
    devices = next(v for k, v in schema.items() if k == "companion_devices")
    assert devices.config["options"] == [
        {"value": "mobile_app_pixel_9", "label": "Pixel 9"},
        {"value": "mobile_app_gone", "label": "mobile_app_gone"},
    ]
    flow_id = result["flow_id"]
    result = await hass.config_entries.options.async_configure(
        flow_id, {"companion_devices": ["mobile_app_gone"]}
    )
    assert result["errors"] == {"companion_devices": "companion_unknown"}
    result = await hass.config_entries.options.async_configure(
        flow_id, {"companion_reminders": True}
    )
    assert result["errors"] == {"companion_reminders": "companion_required"}
    result = await phone_step({"notify_entities": [phone_notify.entity_id]})
    result = await hass.config_entries.options.async_configure(
        result["flow_id"],
        {"companion_devices": ["mobile_app_pixel_9"], "companion_reminders": True},
    )
    assert result["errors"] == {"companion_reminders": "companion_twice"}
    result = await phone_step(
        {"notify_entities": ["notify.unknown", other_notify.entity_id]}
    )
    result = await hass.config_entries.options.async_configure(
        result["flow_id"],
        {"companion_devices": ["mobile_app_pixel_9"], "companion_reminders": True},
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    companion = alex.runtime_data.settings.companion
    assert companion.services == ("mobile_app_pixel_9",)
    assert companion.reminders


async def test_reconfigure_flow(hass: HomeAssistant, alex: MockConfigEntry) -> None:
    """Level and health flags change; the name stays."""
    result = await alex.start_reconfigure_flow(hass)
    assert result["step_id"] == "reconfigure"
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


async def test_unique_id_is_the_slug(hass: HomeAssistant) -> None:
    """The unique ID is the slug of the trimmed name; its duplicate aborts."""
    result = await start_flow(hass, {"name": "  Anne Marie ", "level": "new"})
    result = await hass.config_entries.flow.async_configure(result["flow_id"], WALKING)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["result"].unique_id == "anne_marie"
    result = await start_flow(hass, {"name": "anne-marie", "level": "new"})
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert len(hass.config_entries.async_entries(DOMAIN)) == 1


@pytest.mark.parametrize(
    ("person", "errors"),
    [
        ({"name": "!!!"}, {"name": "invalid_name"}),
        ({"name": "x" * 10_000}, {"name": "invalid_name"}),
        ({"name": "x" * 41}, {"name": "invalid_name"}),
        ({"name": "Alex", "height": float("nan")}, {"height": "out_of_range"}),
        ({"name": "Alex", "age": 40.5}, {"age": "whole_number"}),
        (
            {"name": "!!!", "age": float("nan")},
            {"name": "invalid_name", "age": "out_of_range"},
        ),
    ],
)
async def test_person_step_field_errors(
    hass: HomeAssistant, person: dict[str, object], errors: dict[str, str]
) -> None:
    """Names and body measures outside the bounds get field errors."""
    result = await start_flow(hass, person | {"level": "new"})
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == errors
    assert hass.config_entries.async_entries(DOMAIN) == []


@pytest.mark.parametrize("value", [95, 251, float("inf"), -1])
async def test_person_step_refuses_out_of_range_with_the_range(
    hass: HomeAssistant, value: float
) -> None:
    """The height box's ends are the model's bound: 95 cm is refused, naming them."""
    result = await start_flow(hass, {"name": "Alex", "height": value, "level": "new"})
    assert result["errors"] == {"height": "out_of_range"}
    assert result["description_placeholders"]["range"] == "100–250 cm"
    assert hass.config_entries.async_entries(DOMAIN) == []


async def test_a_refusal_names_the_range_in_the_persons_language_and_units(
    hass: HomeAssistant,
) -> None:
    """German, US units, two boxes out of range: the first is refused with its range."""
    hass.config.units = US_CUSTOMARY_SYSTEM
    result = await start_flow(
        hass, {"name": "Alex", "height": 20, "age": 300, "level": "new"}
    )
    assert result["errors"] == {"height": "out_of_range"}
    texts = await async_get_translations(hass, "de", "config", [DOMAIN])
    template = texts[f"component.{DOMAIN}.config.error.out_of_range"]
    assert template.format(**result["description_placeholders"]) == (
        "Gib eine Zahl im Bereich 39.5–98 in ein."
    )
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"name": "Alex", "height": 70, "age": 300, "level": "new"}
    )
    assert result["errors"] == {"age": "out_of_range"}
    assert result["description_placeholders"]["range"] == "10–110 y"


@pytest.mark.parametrize(
    ("walking", "errors"),
    [
        ({"weight": float("nan")}, {"weight": "out_of_range"}),
        ({"goal_sessions": 2.5}, {"goal_sessions": "whole_number"}),
        ({"goal_minutes": float("nan")}, {"goal_minutes": "out_of_range"}),
        ({"lux_threshold": float("nan")}, {"lux_threshold": "out_of_range"}),
    ],
)
async def test_walking_step_field_errors(
    hass: HomeAssistant, walking: dict[str, object], errors: dict[str, str]
) -> None:
    """Non-finite or fractional values get field errors; nothing is created."""
    result = await start_flow(hass, {"name": "Alex", "level": "regular"})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], WALKING | walking
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == errors
    assert hass.config_entries.async_entries(DOMAIN) == []


async def test_weight_is_never_pre_filled(hass: HomeAssistant) -> None:
    """The weight box has no default (no fake minimum); leaving it empty is an error."""
    result = await start_flow(hass, {"name": "Alex", "level": "regular"})
    weight = next(key for key in result["data_schema"].schema if key == "weight")
    assert weight.default is vol.UNDEFINED
    assert result["data_schema"]({}).get("weight") is None
    without_weight = {key: value for key, value in WALKING.items() if key != "weight"}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], without_weight
    )
    assert result["errors"] == {"weight": "weight_required"}


@pytest.mark.parametrize(
    ("us", "ends"),
    [
        (False, {"weight": (20, 350), "height": (100, 250)}),
        (True, {"weight": (44.5, 771.5), "height": (39.5, 98)}),
    ],
)
async def test_selector_ends_come_from_the_bounds(
    hass: HomeAssistant, us: bool, ends: dict[str, tuple[float, float]]
) -> None:
    """Box ends are the bounds in the form's unit, rounded inwards to the step."""
    if us:
        hass.config.units = US_CUSTOMARY_SYSTEM
    schemas = {
        "height": person_schema(hass, with_name=True),
        "weight": walking_schema(hass, with_refresh=True),
    }
    for key, (low, high) in ends.items():
        selector = next(
            value for marker, value in schemas[key].schema.items() if marker == key
        )
        assert (selector.config["min"], selector.config["max"]) == (low, high), key
    age = next(v for k, v in schemas["height"].schema.items() if k == "age")
    assert (age.config["min"], age.config["max"]) == (AGE_YEARS.low, AGE_YEARS.high)


async def test_options_and_reconfigure_refuse_bad_values(
    hass: HomeAssistant, alex: MockConfigEntry
) -> None:
    """nan, fractions and empty weights never reach an existing person's entry."""
    before = (dict(alex.data), dict(alex.options))
    result = await hass.config_entries.options.async_init(alex.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"],
        WALKING | {"weight": float("nan"), "refresh_interval": 32.5},
    )
    assert result["errors"] == {
        "weight": "out_of_range",
        "refresh_interval": "whole_number",
    }
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], WALKING
    )
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"path_check_every": 2.5, "posture_every": float("nan")}
    )
    assert result["errors"] == {
        "path_check_every": "whole_number",
        "posture_every": "out_of_range",
    }
    result = await alex.start_reconfigure_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"level": "regular", "height": float("nan")}
    )
    assert result["errors"] == {"height": "out_of_range"}
    assert (dict(alex.data), dict(alex.options)) == before


async def test_options_form_shows_us_units(
    hass: HomeAssistant, alex: MockConfigEntry
) -> None:
    """Stored kilograms are offered in pounds when Home Assistant uses US units."""
    hass.config.units = US_CUSTOMARY_SYSTEM
    result = await hass.config_entries.options.async_init(alex.entry_id)
    suggested = {
        str(marker): marker.description["suggested_value"]
        for marker in result["data_schema"].schema
        if marker.description and "suggested_value" in marker.description
    }
    assert suggested["weight"] == pytest.approx(154.3)
    assert suggested.get("planned_at") in (None, "18:00:00")


def form_fields(result: Any) -> dict[str, Any]:
    """The fields of a form, by name, with their selector config."""
    return {str(key): value for key, value in result["data_schema"].schema.items()}


async def test_reminders_can_be_switched_off_and_suit_the_surface(
    hass: HomeAssistant, alex: MockConfigEntry
) -> None:
    """Step one says "Next"; a treadmill is not offered path checks; ticks stick."""
    result = await hass.config_entries.options.async_init(alex.entry_id)
    assert result["last_step"] is False
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], WALKING | {"surface": "treadmill_no_handrails"}
    )
    assert result["step_id"] == "treadmill"
    result = await hass.config_entries.options.async_configure(result["flow_id"], {})
    assert result["step_id"] == "reminders"
    assert result["last_step"] is False
    assert result["description_placeholders"] == {"name": "Alex", "range": ""}
    fields = form_fields(result)
    assert "path_check_every" not in fields
    offered = fields["reminders"].config["options"]
    assert "check_path" not in offered
    assert "hand_on_rail" not in offered
    on = [kind for kind in offered if kind not in ("hydrate", "session_complete")]
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"reminders": on, "posture_every": 5, "hydrate_every": 10}
    )
    assert result["step_id"] == "phone"
    assert result["last_step"] is True
    result = await hass.config_entries.options.async_configure(result["flow_id"], {})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    assert alex.options["reminders_off"] == ["hydrate", "session_complete"]
    assert "reminders" not in alex.options
    off = alex.runtime_data.settings.reminders.off
    assert off == {ReminderType.HYDRATE, ReminderType.SESSION_COMPLETE}

    # Outdoors the path check is offered again, and what was off is shown off.
    result = await hass.config_entries.options.async_init(alex.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], WALKING | {"surface": "outdoor_path"}
    )
    fields = form_fields(result)
    assert "check_path" in fields["reminders"].config["options"]
    assert "path_check_every" in fields
    suggested = {
        str(key): key.description["suggested_value"]
        for key in result["data_schema"].schema
        if key.description and "suggested_value" in key.description
    }
    assert "hydrate" not in suggested["reminders"]
    assert "check_path" in suggested["reminders"]


TREADMILL_WALKING = WALKING | {"surface": "treadmill_handrails"}


async def treadmill_step(hass: HomeAssistant, entry: MockConfigEntry) -> Any:
    """Open the options and fill the walking step with a treadmill surface."""
    result = await hass.config_entries.options.async_init(entry.entry_id)
    return await hass.config_entries.options.async_configure(
        result["flow_id"], TREADMILL_WALKING
    )


async def finish(hass: HomeAssistant, result: Any) -> Any:
    """Leave the reminders and phone steps as they are."""
    result = await hass.config_entries.options.async_configure(result["flow_id"], {})
    assert result["step_id"] == "phone"
    result = await hass.config_entries.options.async_configure(result["flow_id"], {})
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    return result


def suggested(result: Any) -> dict[str, Any]:
    """The values a form suggests, by field."""
    return {
        str(key): key.description["suggested_value"]
        for key in result["data_schema"].schema
        if key.description and "suggested_value" in key.description
    }


async def test_treadmill_step_stores_the_treadmill(
    hass: HomeAssistant, alex: MockConfigEntry
) -> None:
    """The treadmill step follows the walking step on a treadmill; km/h in, m/s stored."""
    hass.states.async_set("sensor.belt_speed", "0.0", {"unit_of_measurement": "km/h"})
    hass.states.async_set("sensor.belt_incline", "0", {"unit_of_measurement": "%"})
    hass.states.async_set("number.belt_speed", "0.0")
    hass.states.async_set("switch.belt", "off")
    result = await treadmill_step(hass, alex)
    assert result["step_id"] == "treadmill"
    assert result["last_step"] is False
    assert result["description_placeholders"] == {"name": "Alex", "range": ""}
    fields = form_fields(result)
    assert fields["treadmill_speed"].config["device_class"] == ["speed"]
    assert fields["treadmill_distance"].config["device_class"] == ["distance"]
    assert fields["treadmill_direction"].config["device_class"] == ["enum"]
    assert fields["treadmill_power"].config["domain"] == [
        "button",
        "input_button",
        "switch",
    ]
    ramp = fields["ramp_step"].config
    assert (ramp["min"], ramp["max"], ramp["unit_of_measurement"]) == (0.1, 1.8, "km/h")
    assert (
        fields["auto_pause_after"].config["min"],
        fields["auto_pause_after"].config["max"],
    ) == (1, 120)
    # Nothing stored yet: auto-pause shows on, speed control off, 0.5 km/h steps.
    assert suggested(result) == {"auto_pause": True, "ramp_step": 0.5}
    entered = {
        "treadmill_speed": "sensor.belt_speed",
        "treadmill_incline": "sensor.belt_incline",
        "treadmill_target_speed": "number.belt_speed",
        "treadmill_power": "switch.belt",
        "auto_pause_after": 8,
        "speed_control": True,
        "ramp_step": 0.9,
        "ramp_every": 3,
    }
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], entered
    )
    assert result["step_id"] == "reminders"
    await finish(hass, result)
    assert alex.options["ramp_step"] == 0.25
    treadmill = alex.runtime_data.settings.treadmill
    assert treadmill.speed_sensor == "sensor.belt_speed"
    assert treadmill.incline_sensor == "sensor.belt_incline"
    assert treadmill.target_speed == "number.belt_speed"
    assert treadmill.power == "switch.belt"
    assert treadmill.auto_pause
    assert treadmill.auto_pause_after_s == 8
    assert treadmill.controlled
    assert treadmill.ramp_step_m_s == 0.25
    assert treadmill.ramp_every_s == 3

    # Shown again as stored; an entity emptied in the form is gone.
    result = await treadmill_step(hass, alex)
    shown = suggested(result)
    assert shown["treadmill_speed"] == "sensor.belt_speed"
    assert shown["ramp_step"] == 0.9
    assert shown["speed_control"] is True
    result = await hass.config_entries.options.async_configure(
        result["flow_id"],
        # The frontend leaves an emptied field out.
        {
            key: value
            for key, value in entered.items()
            if key not in ("treadmill_incline", "treadmill_power")
        }
        | {"auto_pause": False},
    )
    await finish(hass, result)
    assert "treadmill_incline" not in alex.options
    assert "treadmill_power" not in alex.options
    treadmill = alex.runtime_data.settings.treadmill
    assert treadmill.incline_sensor is None
    assert treadmill.power is None
    assert not treadmill.auto_pause


async def test_treadmill_step_refusals(
    hass: HomeAssistant, alex: MockConfigEntry
) -> None:
    """Speed control needs the number; the speed sensor needs a convertible unit."""
    hass.states.async_set("sensor.no_unit", "3.0")
    hass.states.async_set("sensor.watts", "3.0", {"unit_of_measurement": "W"})
    hass.states.async_set("sensor.mph", "3.0", {"unit_of_measurement": "mph"})
    before = dict(alex.options)
    result = await treadmill_step(hass, alex)
    flow_id = result["flow_id"]
    for sensor in ("sensor.no_unit", "sensor.watts"):
        result = await hass.config_entries.options.async_configure(
            flow_id, {"treadmill_speed": sensor, "speed_control": True}
        )
        assert result["errors"] == {
            "treadmill_speed": "speed_unit",
            "speed_control": "target_speed_required",
        }, sensor
        assert suggested(result)["treadmill_speed"] == sensor
    # Entities that do not exist, and an incline in metres.
    hass.states.async_set("sensor.metres", "3", {"unit_of_measurement": "m"})
    result = await hass.config_entries.options.async_configure(
        flow_id,
        {
            "treadmill_speed": "sensor.gone",
            "treadmill_incline": "sensor.metres",
            "treadmill_distance": "sensor.nothing",
            "speed_control": True,
            "treadmill_target_speed": "number.nope",
        },
    )
    assert result["errors"] == {
        "treadmill_speed": "entity_missing",
        "treadmill_incline": "incline_unit",
        "treadmill_distance": "entity_missing",
        "treadmill_target_speed": "entity_missing",
    }
    result = await hass.config_entries.options.async_configure(
        flow_id, {"treadmill_speed": "sensor.mph", "ramp_every": 2.5}
    )
    assert result["errors"] == {"ramp_every": "whole_number"}
    result = await hass.config_entries.options.async_configure(
        flow_id, {"treadmill_speed": "sensor.mph", "ramp_step": 1.9}
    )
    assert result["errors"] == {"ramp_step": "out_of_range"}
    assert result["description_placeholders"]["range"] == "0.1–1.8 km/h"
    assert dict(alex.options) == before
    # Registered but not reporting yet (its integration starts later): accepted.
    later = er.async_get(hass).async_get_or_create("sensor", "ftms", "belt-speed")
    result = await hass.config_entries.options.async_configure(
        flow_id, {"treadmill_speed": later.entity_id}
    )
    assert result["step_id"] == "reminders", result.get("errors")
    result = await treadmill_step(hass, alex)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"treadmill_speed": "sensor.mph"}
    )
    await finish(hass, result)
    treadmill = alex.runtime_data.settings.treadmill
    assert treadmill.speed_sensor == "sensor.mph"
    assert treadmill.auto_pause
    assert treadmill.auto_pause_after_s == 5
    assert not treadmill.speed_control


async def test_treadmill_step_in_us_units(
    hass: HomeAssistant, alex: MockConfigEntry
) -> None:
    """The ramp step is entered in mph and stored in m/s."""
    hass.config.units = US_CUSTOMARY_SYSTEM
    result = await treadmill_step(hass, alex)
    ramp = form_fields(result)["ramp_step"].config
    assert (ramp["min"], ramp["max"], ramp["unit_of_measurement"]) == (0.1, 1.1, "mph")
    assert suggested(result)["ramp_step"] == 0.3
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {"ramp_step": 1.1}
    )
    await finish(hass, result)
    assert alex.options["ramp_step"] == pytest.approx(0.49174, abs=1e-5)


async def test_other_surfaces_skip_the_treadmill_step(
    hass: HomeAssistant, add_person: Any
) -> None:
    """In a hallway there is no treadmill step; the treadmill's options wait, unused."""
    hass.states.async_set("sensor.belt_speed", "0", {"unit_of_measurement": "km/h"})
    entry = await add_person(
        treadmill_speed="sensor.belt_speed",
        treadmill_target_speed="number.belt_speed",
        speed_control=True,
    )
    assert entry.runtime_data.settings.treadmill.controlled
    result = await hass.config_entries.options.async_init(entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], WALKING
    )
    assert result["step_id"] == "reminders"
    await finish(hass, result)
    assert entry.options["treadmill_speed"] == "sensor.belt_speed"
    assert entry.options["speed_control"] is True
    treadmill = entry.runtime_data.settings.treadmill
    assert treadmill.speed_sensor is None
    assert not treadmill.controlled
    # Back on the treadmill, the step offers what was stored.
    result = await treadmill_step(hass, entry)
    assert suggested(result)["treadmill_speed"] == "sensor.belt_speed"
