"""The one place where retrowalk branches on the installed Home Assistant.

Supported: Home Assistant 2025.4 (Python 3.13) up to the newest release
(Python 3.14). Newer releases validate with probatio, which Home Assistant
installs under the name ``voluptuous`` at start-up, so ``vol`` is voluptuous at
run time everywhere; type checkers see the engine of the lane they check.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from homeassistant.const import MAJOR_VERSION, MINOR_VERSION

if TYPE_CHECKING:
    if sys.version_info >= (3, 14):
        from homeassistant.components.binary_sensor.const import BinarySensorDeviceClass
        import probatio as vol
    else:
        from homeassistant.components.binary_sensor import BinarySensorDeviceClass
        import voluptuous as vol
else:
    # Both names import like this at run time on every supported release.
    from homeassistant.components.binary_sensor import BinarySensorDeviceClass
    import voluptuous as vol

HA_VERSION = (MAJOR_VERSION, MINOR_VERSION)
"""Installed Home Assistant release as (year, month)."""

__all__ = ["HA_VERSION", "BinarySensorDeviceClass", "vol"]
