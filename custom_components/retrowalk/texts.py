"""Translated texts the integration speaks or writes itself."""

from __future__ import annotations

from homeassistant.core import HomeAssistant
from homeassistant.helpers.translation import async_get_translations

from .const import DOMAIN

PREFIX = f"component.{DOMAIN}."


async def async_texts(
    hass: HomeAssistant, category: str, language: str | None = None
) -> dict[str, str]:
    """The integration's strings of one category, keys without the component prefix.

    ``language`` defaults to the system language; missing keys fall back to English.
    """
    translations = await async_get_translations(
        hass, language or hass.config.language, category, [DOMAIN]
    )
    return {
        key.removeprefix(f"{PREFIX}{category}."): value
        for key, value in translations.items()
        if key.startswith(PREFIX)
    }


async def async_entity_texts(
    hass: HomeAssistant, language: str | None = None
) -> dict[str, str]:
    """The ``entity`` strings, keyed ``<platform>.<translation_key>...``."""
    return await async_texts(hass, "entity", language)
