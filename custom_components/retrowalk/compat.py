"""The one place where retrowalk branches on the installed Home Assistant.

Supported: Home Assistant 2025.4 (Python 3.13) up to the newest release
(Python 3.14). Newer releases validate with probatio, which Home Assistant
installs under the name ``voluptuous`` at start-up, so ``vol`` is voluptuous at
run time everywhere; type checkers see the engine of the lane they check.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from importlib import import_module
from importlib.util import find_spec
import sys
from typing import TYPE_CHECKING, Any, cast

from homeassistant.const import MAJOR_VERSION, MINOR_VERSION

if TYPE_CHECKING:
    from homeassistant.components.recorder.models import StatisticMetaData
    from homeassistant.helpers.intent import IntentHandler

    if sys.version_info >= (3, 14):
        from homeassistant.components.http.server import StaticPathConfig
        import probatio as vol
    else:
        from homeassistant.components.http import StaticPathConfig
        import voluptuous as vol
else:
    # These names import like this at run time on every supported release.
    from homeassistant.components.http import StaticPathConfig
    import voluptuous as vol

HA_VERSION = (MAJOR_VERSION, MINOR_VERSION)
"""Installed Home Assistant release as (year, month)."""

__all__ = [
    "HA_VERSION",
    "LLM_TOOL_PLATFORM",
    "STORAGE_VERSION_ERRORS",
    "StaticPathConfig",
    "llm_intent_tools",
    "statistic_metadata",
    "vol",
]


# Voice: LLM tools. Releases with the ``llm`` integration offer an integration's
# intents to LLM agents only through its ``llm.py`` platform; older ones (2025.4)
# offer every registered intent with a description and slot schema by themselves,
# as a tool named after the intent.
LLM_TOOL_PLATFORM = find_spec("homeassistant.components.llm") is not None
"""Whether intents reach LLM agents through the integration's llm platform."""


def llm_intent_tools(
    domain: str,
    handlers: Sequence[IntentHandler],
    titles: Mapping[str, str],
    annotations: Mapping[str, Mapping[str, bool]],
) -> Any:
    """The llm platform's ``LLMTools``: one ``<domain>__<intent>`` tool per handler.

    Called only where ``LLM_TOOL_PLATFORM`` holds; typed loosely because older
    releases lack these classes.
    """
    llm_component: Any = import_module("homeassistant.components.llm")
    llm_helper: Any = import_module("homeassistant.helpers.llm")
    return llm_component.LLMTools(
        tools=[
            llm_helper.IntentTool(
                f"{domain}__{handler.intent_type}",
                handler,
                title=titles[handler.intent_type],
                integration=domain,
                annotations=llm_helper.ToolAnnotations(
                    **annotations[handler.intent_type]
                ),
            )
            for handler in handlers
        ]
    )


# Storage: releases that know ``max_readable_version`` refuse a newer major
# version with their own error before the migration runs; older ones leave it to
# the migration function (retrowalk's raises for it on every release).
STORAGE_VERSION_ERRORS: tuple[type[Exception], ...] = tuple(
    error
    for error in (
        getattr(
            import_module("homeassistant.exceptions"),
            "UnsupportedStorageVersionError",
            None,
        ),
    )
    if error is not None
)
"""What Home Assistant's Store raises for a newer major version, where it checks."""


# Companion apps (live_notification.py): no branching. The live notification is
# the same ``notify.mobile_app_<device>`` call on every supported release: 2026.7
# and newer relay ``live_update`` to iOS as a Live Activity; 2025.4 passes every
# ``data`` field through unchanged, and apps that do not know them show an ordinary
# notification replaced in place under the same ``tag``.


# Long-term statistics: newer releases add the unit class to the metadata (and
# warn when it is missing); 2025.4 has no such field.
def statistic_metadata(
    *,
    statistic_id: str,
    source: str,
    name: str,
    unit_of_measurement: str | None,
    unit_class: str | None,
) -> StatisticMetaData:
    """Metadata of an hourly sum statistic for the installed release."""
    # Imported here: the recorder is only loaded when statistics are written.
    from homeassistant.components.recorder import models  # noqa: PLC0415

    metadata: dict[str, Any] = {
        "has_sum": True,
        "mean_type": models.StatisticMeanType.NONE,
        "name": name,
        "source": source,
        "statistic_id": statistic_id,
        "unit_of_measurement": unit_of_measurement,
    }
    if "unit_class" in models.StatisticMetaData.__annotations__:
        metadata["unit_class"] = unit_class
    return cast("StatisticMetaData", metadata)


def device_entry_ids(device: Any) -> tuple[str, ...]:
    """The config entries of a device registry entry.

    Newer releases give a device one entry (``config_entry_id``) and deprecate
    ``config_entries``; older ones have only ``config_entries``.
    """
    single = getattr(device, "config_entry_id", None)
    if isinstance(single, str):
        return (single,)
    return tuple(device.config_entries)
