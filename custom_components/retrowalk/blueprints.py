"""Blueprints shipped with retrowalk, copied into the user's config when absent."""

from __future__ import annotations

from pathlib import Path
import shutil

from homeassistant.core import HomeAssistant

from .const import DOMAIN, LOGGER

SOURCE = Path(__file__).parent / "blueprints"


async def async_install_blueprints(hass: HomeAssistant) -> list[str]:
    """Copy each automation blueprint the user does not have yet; return their names.

    A file that exists is never touched, so a user's edits survive updates. A
    config folder that cannot be written is logged, never fatal.
    """
    target = Path(hass.config.path("blueprints", "automation", DOMAIN))
    try:
        installed = await hass.async_add_executor_job(_copy_missing, SOURCE, target)
    except OSError as err:
        LOGGER.warning(
            "Could not install the retrowalk blueprints in %s: %s", target, err
        )
        return []
    if installed:
        LOGGER.info("Installed retrowalk blueprints: %s", ", ".join(installed))
    return installed


def _copy_missing(source: Path, target: Path) -> list[str]:
    """Copy the YAML files of ``source`` that ``target`` lacks (executor)."""
    target.mkdir(parents=True, exist_ok=True)
    installed = []
    for blueprint in sorted(source.glob("*.yaml")):
        destination = target / blueprint.name
        if not destination.exists():
            shutil.copyfile(blueprint, destination)
            installed.append(blueprint.name)
    return installed
