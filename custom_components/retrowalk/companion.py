"""The companion apps: the phones a person picked and how a message reaches them.

Each companion-app registration that accepts pushes has a notify action
``notify.mobile_app_<device>``; unlike its notify entity, that action carries
``data`` (tag, live update fields, buttons), so retrowalk sends through it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import entity_registry as er
from homeassistant.util import slugify

from .compat import vol
from .const import LOGGER

MOBILE_APP = "mobile_app"
NOTIFY = "notify"


def service_of(device_name: str) -> str:
    """The notify action of a companion-app device, as Home Assistant names it."""
    return slugify(f"{MOBILE_APP}_{device_name}")


def companion_devices(hass: HomeAssistant) -> dict[str, str]:
    """Device name by notify action, for every companion device that takes pushes."""
    devices: dict[str, str] = {}
    for entry in hass.config_entries.async_entries(MOBILE_APP):
        name = entry.data.get("device_name") or entry.title
        service = service_of(name)
        if hass.services.has_service(NOTIFY, service):
            devices[service] = name
    return devices


def companion_service_of_entity(hass: HomeAssistant, entity_id: str) -> str | None:
    """The notify action of the companion device that owns a notify entity, if any."""
    entity = er.async_get(hass).async_get(entity_id)
    entry = (
        hass.config_entries.async_get_entry(entity.config_entry_id)
        if entity is not None
        and entity.platform == MOBILE_APP
        and entity.config_entry_id
        else None
    )
    return (
        None
        if entry is None
        else service_of(entry.data.get("device_name") or entry.title)
    )


async def async_notify(
    hass: HomeAssistant,
    services: Iterable[str],
    messages: list[dict[str, Any]],
    *,
    blocking: bool = True,
) -> None:
    """Send ``messages`` in order to every device; a device that fails is logged.

    ``blocking`` waits for each message to be handed over, which keeps their order.
    """
    for service in services:
        for message in messages:
            try:
                await hass.services.async_call(
                    NOTIFY, service, message, blocking=blocking
                )
            except (HomeAssistantError, vol.Invalid) as err:
                LOGGER.warning("Could not notify %s.%s: %s", NOTIFY, service, err)
                break
