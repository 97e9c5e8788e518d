"""Blueprints shipped with retrowalk, copied into the user's config once per version.

A small store remembers which version (content hash) of each blueprint was
offered. A file that exists is never touched, so a user's edits survive
updates; a file the user deleted stays deleted until retrowalk ships a changed
version of it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
import shutil

from homeassistant.core import HomeAssistant
from homeassistant.helpers.storage import Store

from .const import DOMAIN, LOGGER

SOURCE = Path(__file__).parent / "blueprints"
STORE_KEY = f"{DOMAIN}.blueprints"
STORE_VERSION = 1

type Offered = dict[str, str]
"""File name -> hash of the shipped version that was offered."""


async def async_install_blueprints(hass: HomeAssistant) -> list[str]:
    """Copy each shipped blueprint not offered in this version yet; return their names.

    A config folder that cannot be written is logged, never fatal.
    """
    store: Store[dict[str, Offered]] = Store(hass, STORE_VERSION, STORE_KEY)
    stored = await store.async_load()
    offered: Offered = dict(stored["offered"]) if stored else {}
    target = Path(hass.config.path("blueprints", "automation", DOMAIN))
    try:
        installed, now_offered = await hass.async_add_executor_job(
            _install, SOURCE, target, offered
        )
    except OSError as err:
        LOGGER.warning(
            "Could not install the retrowalk blueprints in %s: %s", target, err
        )
        return []
    if now_offered != offered:
        await store.async_save({"offered": now_offered})
    if installed:
        LOGGER.info("Installed retrowalk blueprints: %s", ", ".join(installed))
    return installed


def _install(source: Path, target: Path, offered: Offered) -> tuple[list[str], Offered]:
    """Copy the blueprints of ``source`` that ``target`` lacks, unless offered (executor).

    Returns the names copied and the versions offered from now on.
    """
    target.mkdir(parents=True, exist_ok=True)
    installed = []
    now_offered = dict(offered)
    for blueprint in sorted(source.glob("*.yaml")):
        version = hashlib.sha256(blueprint.read_bytes()).hexdigest()
        destination = target / blueprint.name
        if not destination.exists() and offered.get(blueprint.name) != version:
            shutil.copyfile(blueprint, destination)
            installed.append(blueprint.name)
        now_offered[blueprint.name] = version
    return installed, now_offered
