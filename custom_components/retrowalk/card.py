"""Serve the dashboard card and load it in every browser, with no manual resource step.

Registration waits for Home Assistant's ``frontend`` (an after-dependency, so a
headless install or a test without it pays nothing) and happens once per run,
however many people are set up.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from homeassistant.components.frontend import add_extra_js_url
from homeassistant.core import HomeAssistant, callback
from homeassistant.loader import async_get_integration
from homeassistant.setup import async_when_setup

from .compat import StaticPathConfig
from .const import DOMAIN

FOLDER = Path(__file__).parent / "frontend"
CARD_FILE = "retrowalk-card.js"
URL_BASE = f"/{DOMAIN}_frontend"
"""Served folder; one word without a dash, so no dashboard path can shadow it."""


def card_digest() -> str:
    """A short hash of the card's source (reads the file: run it in the executor)."""
    return hashlib.sha256((FOLDER / CARD_FILE).read_bytes()).hexdigest()[:8]


async def async_card_url(hass: HomeAssistant) -> str:
    """The card's URL; the query string changes with the version and the source."""
    integration = await async_get_integration(hass, DOMAIN)
    digest = await hass.async_add_executor_job(card_digest)
    return f"{URL_BASE}/{CARD_FILE}?v={integration.version}-{digest}"


@callback
def async_setup_card(hass: HomeAssistant) -> None:
    """Register the card as soon as the frontend is set up (now, if it already is)."""
    async_when_setup(hass, "frontend", _async_register)


async def _async_register(hass: HomeAssistant, _component: str) -> None:
    """Serve the card's folder and add the card to every page's extra modules."""
    await hass.http.async_register_static_paths(
        [StaticPathConfig(URL_BASE, str(FOLDER), cache_headers=True)]
    )
    add_extra_js_url(hass, await async_card_url(hass))
