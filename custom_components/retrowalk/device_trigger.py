"""Device triggers of a person: session transitions and in-session reminders."""

from __future__ import annotations

from typing import Any

from homeassistant.components.device_automation import DEVICE_TRIGGER_BASE_SCHEMA
from homeassistant.components.device_automation.exceptions import (
    InvalidDeviceAutomationConfig,
)
from homeassistant.components.homeassistant.triggers import event as event_trigger
from homeassistant.const import (
    CONF_DEVICE_ID,
    CONF_DOMAIN,
    CONF_EVENT_DATA,
    CONF_PLATFORM,
    CONF_TYPE,
)
from homeassistant.core import CALLBACK_TYPE, HomeAssistant
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers.trigger import TriggerActionType, TriggerInfo
from homeassistant.helpers.typing import ConfigType

from .compat import vol
from .const import (
    ATTR_CONFIG_ENTRY_ID,
    DOMAIN,
    EVENT_REMINDER,
    EVENT_SESSION,
    SessionEvent as Session,
)
from .sim.reminders import ReminderType

CONF_SUBTYPE = "subtype"
TYPE_REMINDER = "reminder"
SESSION_TYPES = (
    Session.STARTED,
    Session.PAUSED,
    Session.RESUMED,
    Session.EXTENDED,
    Session.FINISHED,
    Session.STOPPED,
)
"""Transitions offered as triggers; ``stopped`` means stopped early."""
TRIGGER_TYPES = (*(kind.value for kind in SESSION_TYPES), TYPE_REMINDER)
REMINDER_TYPES = tuple(kind.value for kind in ReminderType)

TRIGGER_SCHEMA = DEVICE_TRIGGER_BASE_SCHEMA.extend(
    {
        vol.Required(CONF_TYPE): vol.In(TRIGGER_TYPES),
        vol.Optional(CONF_SUBTYPE): vol.In(REMINDER_TYPES),
    }
)


def person_entry_id(hass: HomeAssistant, device_id: str) -> str:
    """The config entry id of the person whose device this is."""
    device = dr.async_get(hass).async_get(device_id)
    for domain, identifier in device.identifiers if device else ():
        if domain == DOMAIN:
            return identifier
    raise InvalidDeviceAutomationConfig(f"Device {device_id} is not a retrowalk person")


async def async_validate_trigger_config(
    hass: HomeAssistant, config: ConfigType
) -> ConfigType:
    """Check the schema, the device and that only reminders carry a subtype."""
    config = TRIGGER_SCHEMA(config)
    person_entry_id(hass, config[CONF_DEVICE_ID])
    if (config[CONF_TYPE] == TYPE_REMINDER) != (CONF_SUBTYPE in config):
        raise InvalidDeviceAutomationConfig(
            "A reminder trigger needs a subtype (the reminder type); "
            "session triggers take none"
        )
    return config


async def async_get_triggers(
    hass: HomeAssistant, device_id: str
) -> list[dict[str, Any]]:
    """Every session transition, then one trigger per reminder type."""
    base = {CONF_PLATFORM: "device", CONF_DOMAIN: DOMAIN, CONF_DEVICE_ID: device_id}
    return [
        *({**base, CONF_TYPE: kind.value} for kind in SESSION_TYPES),
        *(
            {**base, CONF_TYPE: TYPE_REMINDER, CONF_SUBTYPE: reminder}
            for reminder in REMINDER_TYPES
        ),
    ]


async def async_attach_trigger(
    hass: HomeAssistant,
    config: ConfigType,
    action: TriggerActionType,
    trigger_info: TriggerInfo,
) -> CALLBACK_TYPE:
    """Listen for the person's session or reminder event on the bus."""
    entry_id = person_entry_id(hass, config[CONF_DEVICE_ID])
    if config[CONF_TYPE] == TYPE_REMINDER:
        event_type, kind = EVENT_REMINDER, config[CONF_SUBTYPE]
    else:
        event_type, kind = EVENT_SESSION, config[CONF_TYPE]
    return await event_trigger.async_attach_trigger(
        hass,
        event_trigger.TRIGGER_SCHEMA(
            {
                CONF_PLATFORM: "event",
                event_trigger.CONF_EVENT_TYPE: event_type,
                CONF_EVENT_DATA: {
                    ATTR_CONFIG_ENTRY_ID: entry_id,
                    CONF_TYPE: kind,
                },
            }
        ),
        action,
        trigger_info,
        platform_type="device",
    )
