"""Translated texts the integration speaks or writes itself."""

from __future__ import annotations

from homeassistant.const import EVENT_CORE_CONFIG_UPDATE
from homeassistant.core import CALLBACK_TYPE, Event, HomeAssistant, callback
from homeassistant.helpers.translation import (
    async_get_cached_translations,
    async_get_translations,
)

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


@callback
def cached_texts(hass: HomeAssistant, category: str) -> dict[str, str]:
    """The strings of one category already loaded for the system language.

    For callers that cannot wait (the logbook); ``async_load_texts`` loads them.
    English fills the keys the language lacks.
    """
    texts: dict[str, str] = {}
    for language in ("en", hass.config.language):
        translations = async_get_cached_translations(hass, language, category, DOMAIN)
        texts |= {
            key.removeprefix(f"{PREFIX}{category}."): value
            for key, value in translations.items()
            if key.startswith(PREFIX)
        }
    return texts


async def async_load_texts(hass: HomeAssistant, category: str) -> None:
    """Load one category for the system language (and English) into the cache."""
    for language in {"en", hass.config.language}:
        await async_get_translations(hass, language, category, [DOMAIN])


LOGBOOK_CATEGORY = "exceptions"
"""The category that holds the logbook lines (with the other sentences retrowalk writes)."""


async def async_setup_texts(hass: HomeAssistant) -> CALLBACK_TYPE:
    """Keep the logbook's sentences loaded, in the system language as it changes."""
    await async_load_texts(hass, LOGBOOK_CATEGORY)

    async def _config_changed(_event: Event) -> None:
        await async_load_texts(hass, LOGBOOK_CATEGORY)

    return hass.bus.async_listen(EVENT_CORE_CONFIG_UPDATE, _config_changed)
