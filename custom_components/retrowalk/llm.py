"""LLM tools platform: the retrowalk intents as ``retrowalk__<Intent>`` tools.

Releases with the ``llm`` integration ask this platform for tools; on older
ones the intents' descriptions and slot schemas make them tools by themselves.
"""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import intent
from homeassistant.helpers.llm import LLM_API_ASSIST, LLMContext

from .compat import llm_intent_tools
from .const import DOMAIN
from .intent import (
    INTENT_EXTEND,
    INTENT_PAUSE,
    INTENT_RESUME,
    INTENT_START,
    INTENT_STATUS,
    INTENT_STOP,
    INTENT_SUMMARY,
)
from .people import loaded_people

TITLES = {
    INTENT_START: "Start a backward-walking session",
    INTENT_PAUSE: "Pause the backward-walking session",
    INTENT_RESUME: "Resume the backward-walking session",
    INTENT_STOP: "Stop the backward-walking session",
    INTENT_EXTEND: "Extend the backward-walking session",
    INTENT_STATUS: "Backward-walking session status",
    INTENT_SUMMARY: "Backward-walking weekly summary",
}
# Sessions live in Home Assistant only (no open world). Pausing, resuming and
# extending change nothing that cannot be changed back; stopping ends and
# records the session; asking twice for the status changes nothing.
_CHANGES = {"destructive": False, "open_world": False}
_READS = {"read_only": True, "destructive": False, "open_world": False}
ANNOTATIONS: dict[str, dict[str, bool]] = {
    INTENT_START: _CHANGES,
    INTENT_PAUSE: _CHANGES | {"idempotent": True},
    INTENT_RESUME: _CHANGES | {"idempotent": True},
    INTENT_STOP: {"open_world": False, "idempotent": True},
    INTENT_EXTEND: _CHANGES,
    INTENT_STATUS: _READS | {"idempotent": True},
    INTENT_SUMMARY: _READS | {"idempotent": True},
}


@callback
def async_get_tools(hass: HomeAssistant, llm_context: LLMContext, api_id: str) -> Any:
    """The session tools for the Assist API while someone is set up."""
    if api_id != LLM_API_ASSIST or not loaded_people(hass):
        return None
    handlers = [
        handler for handler in intent.async_get(hass) if handler.intent_type in TITLES
    ]
    return llm_intent_tools(DOMAIN, handlers, TITLES, ANNOTATIONS)
