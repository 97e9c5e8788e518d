"""The dashboard card is served and added to the frontend once, with a cache-busting URL."""

from __future__ import annotations

import hashlib
from pathlib import Path
from unittest.mock import patch

from homeassistant.components.frontend import DATA_EXTRA_MODULE_URL
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.retrowalk import card
from custom_components.retrowalk.card import CARD_FILE, URL_BASE, async_card_url

from .conftest import AddPerson

MANIFEST_VERSION = "0.1.0"


def card_urls(hass: HomeAssistant) -> list[str]:
    """The extra module URLs that point at the card."""
    return [
        url for url in hass.data[DATA_EXTRA_MODULE_URL].urls if url.startswith(URL_BASE)
    ]


async def test_card_served_and_added_once(
    hass: HomeAssistant, hass_client: ClientSessionGenerator, add_person: AddPerson
) -> None:
    """Two people, one extra module URL; the URL serves the card's source."""
    assert await async_setup_component(hass, "frontend", {})
    await add_person("Alex")
    await add_person("Sam")
    await hass.async_block_till_done()

    source = Path(card.FOLDER, CARD_FILE).read_bytes()
    digest = hashlib.sha256(source).hexdigest()[:8]
    assert card_urls(hass) == [f"{URL_BASE}/{CARD_FILE}?v={MANIFEST_VERSION}-{digest}"]

    client = await hass_client()
    response = await client.get(card_urls(hass)[0])
    assert response.status == 200
    assert await response.read() == source
    assert "max-age" in response.headers["Cache-Control"]
    assert (await client.get(f"{URL_BASE}/missing.js")).status == 404


async def test_no_frontend_no_registration(
    hass: HomeAssistant, add_person: AddPerson
) -> None:
    """Without the frontend nothing is loaded for it; the card follows when it arrives."""
    await add_person()
    assert "frontend" not in hass.config.components
    assert DATA_EXTRA_MODULE_URL not in hass.data

    assert await async_setup_component(hass, "frontend", {})
    await hass.async_block_till_done()
    assert len(card_urls(hass)) == 1


async def test_url_changes_with_the_source(hass: HomeAssistant, tmp_path: Path) -> None:
    """A changed card gets a new query string, so browsers do not keep the old one."""
    (tmp_path / CARD_FILE).write_text("// one")
    with patch.object(card, "FOLDER", tmp_path):
        first = await async_card_url(hass)
        (tmp_path / CARD_FILE).write_text("// two")
        second = await async_card_url(hass)
    assert first.startswith(f"{URL_BASE}/{CARD_FILE}?v={MANIFEST_VERSION}-")
    assert first != second
