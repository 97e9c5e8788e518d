"""Device conditions of a person: is a session walking, paused, or none at all.

Read from the person's session controller, not from entity states, so they
hold even while the entities are disabled. All are false while the person's
entry is not loaded.
"""

from __future__ import annotations

from typing import Any

from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import CONF_CONDITION, CONF_DEVICE_ID, CONF_DOMAIN, CONF_TYPE
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import config_validation as cv
from homeassistant.helpers.condition import ConditionCheckerType
from homeassistant.helpers.typing import ConfigType, TemplateVarsType

from .compat import vol
from .const import DOMAIN
from .controller import SessionController
from .device_trigger import person_entry_id

IS_RUNNING = "is_running"
"""A session is on and walking (warm-up, walking or cool-down; not paused)."""
IS_PAUSED = "is_paused"
"""A session is on and paused."""
IS_IDLE = "is_idle"
"""No session is on (neither walking nor paused)."""
CONDITION_TYPES = (IS_RUNNING, IS_PAUSED, IS_IDLE)

CONDITION_SCHEMA = cv.DEVICE_CONDITION_BASE_SCHEMA.extend(
    {vol.Required(CONF_TYPE): vol.In(CONDITION_TYPES)}
)


def holds(kind: str, controller: SessionController) -> bool:
    """Whether the condition ``kind`` is true for the controller's session."""
    if kind == IS_RUNNING:
        return controller.running and not controller.paused
    if kind == IS_PAUSED:
        return controller.paused
    return not controller.running


async def async_validate_condition_config(
    hass: HomeAssistant, config: ConfigType
) -> ConfigType:
    """Check the schema and that the device is a person's."""
    config = CONDITION_SCHEMA(config)
    person_entry_id(hass, config[CONF_DEVICE_ID])
    return config


async def async_get_conditions(
    hass: HomeAssistant, device_id: str
) -> list[dict[str, Any]]:
    """The three session conditions of the person's device."""
    return [
        {
            CONF_CONDITION: "device",
            CONF_DEVICE_ID: device_id,
            CONF_DOMAIN: DOMAIN,
            CONF_TYPE: kind,
        }
        for kind in CONDITION_TYPES
    ]


@callback
def async_condition_from_config(
    hass: HomeAssistant, config: ConfigType
) -> ConditionCheckerType:
    """A checker reading the person's controller at the time of the check."""
    entry_id = person_entry_id(hass, config[CONF_DEVICE_ID])
    kind = config[CONF_TYPE]

    @callback
    def test(hass: HomeAssistant, variables: TemplateVarsType = None) -> bool:
        entry = hass.config_entries.async_get_entry(entry_id)
        if entry is None or entry.state is not ConfigEntryState.LOADED:
            return False
        return holds(kind, entry.runtime_data.controller)

    return test
