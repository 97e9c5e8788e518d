"""LLM agents reach every retrowalk intent as a described tool, on both lanes."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from homeassistant.core import Context, HomeAssistant
from homeassistant.helpers import llm
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.retrowalk.compat import LLM_TOOL_PLATFORM
from custom_components.retrowalk.intent import (
    INTENT_EXTEND,
    INTENT_PAUSE,
    INTENT_RESUME,
    INTENT_START,
    INTENT_STATUS,
    INTENT_STOP,
    INTENT_SUMMARY,
    INTENTS,
)
from custom_components.retrowalk.llm import async_get_tools

from .conftest import AddPerson
from .test_voice import assist, phase

__all__ = ["assist"]


def tool_name(intent_type: str) -> str:
    """The tool's name: ``retrowalk__<Intent>`` from the llm platform, else the intent."""
    return f"retrowalk__{intent_type}" if LLM_TOOL_PLATFORM else intent_type


def llm_context(language: str) -> llm.LLMContext:
    """A request from the conversation agent in ``language``."""
    values: dict[str, Any] = {
        "platform": "conversation",
        "context": Context(),
        "user_prompt": None,
        "language": language,
        "assistant": "conversation",
        "device_id": None,
    }
    names = {field.name for field in fields(llm.LLMContext)}
    return llm.LLMContext(**{key: values[key] for key in names})


async def api(hass: HomeAssistant, language: str = "en") -> llm.APIInstance:
    """The Assist API as an LLM agent gets it."""
    return await llm.async_get_api(hass, llm.LLM_API_ASSIST, llm_context(language))


async def call(
    hass: HomeAssistant, intent_type: str, language: str = "en", **args: Any
) -> dict[str, Any]:
    """Call a retrowalk tool; return the intent response it gives the LLM."""
    instance = await api(hass, language)
    result = await instance.async_call_tool(
        llm.ToolInput(tool_name=tool_name(intent_type), tool_args=args)
    )
    await hass.async_block_till_done()
    data: dict[str, Any] = getattr(result, "data", result)
    return data


def speech(data: dict[str, Any]) -> str:
    """What the tool's answer says."""
    text: str = data["speech"]["plain"]["speech"]
    return text


@pytest.mark.usefixtures("assist")
async def test_tools_are_described(hass: HomeAssistant, alex: MockConfigEntry) -> None:
    """Each intent is one tool with a description and a parameter schema."""
    tools = {tool.name: tool for tool in (await api(hass)).tools}
    for intent_type in INTENTS:
        tool = tools[tool_name(intent_type)]
        assert tool.description
        assert "backward" in tool.description
        if LLM_TOOL_PLATFORM:
            assert getattr(tool, "integration", None) == "retrowalk"
        assert "person" in {str(key) for key in tool.parameters.schema}
    start = {str(key) for key in tools[tool_name(INTENT_START)].parameters.schema}
    assert start == {"person", "duration", "speed", "program"}
    extend = {str(key) for key in tools[tool_name(INTENT_EXTEND)].parameters.schema}
    assert extend == {"person", "minutes"}


@pytest.mark.freeze_time("2026-11-23T08:00:00+00:00")
@pytest.mark.usefixtures("assist")
async def test_every_tool(hass: HomeAssistant, alex: MockConfigEntry) -> None:
    """Start, status, pause, resume, extend, stop and summary through the LLM API."""
    data = await call(hass, INTENT_START, duration=20, speed=2.5, program="steady")
    assert speech(data) == "Started a session of 20 minutes for Alex at 2.5 km/h."
    assert data["response_type"] == "action_done"
    assert phase(hass) == "warmup"

    assert speech(await call(hass, INTENT_STATUS)).startswith(
        "Alex: Warm-up, 20 minutes left"
    )
    data = await call(hass, INTENT_PAUSE, person="Alex")
    assert speech(data) == "Paused Alex's session, 20 minutes left."
    assert phase(hass) == "paused"
    data = await call(hass, INTENT_RESUME, "de")
    assert speech(data) == "Training von Alex geht weiter, noch 20 Minuten."
    assert phase(hass) == "warmup"
    data = await call(hass, INTENT_EXTEND, minutes=5)
    assert speech(data) == "Added 5 minutes to Alex's session, 25 minutes left now."
    data = await call(hass, INTENT_STOP, "fr")
    assert speech(data) == (
        "Séance arrêtée pour Alex après 0 secondes : trop courte pour être enregistrée."
    )
    assert phase(hass) == "finished"
    data = await call(hass, INTENT_SUMMARY, "es")
    assert speech(data).startswith("Esta semana Alex hizo 0 sesiones, 0 minutos")


@pytest.mark.usefixtures("assist")
async def test_refusals(hass: HomeAssistant, add_person: AddPerson) -> None:
    """Invalid calls are errors the LLM can read, and change nothing."""
    await add_person()
    data = await call(hass, INTENT_START, duration=-5)
    assert data["response_type"] == "error"
    assert speech(data) == "A session lasts from 1 to 180 minutes."
    assert phase(hass) == "idle"
    data = await call(hass, INTENT_PAUSE, "de")
    assert speech(data) == "Alex hat kein laufendes Training."
    await call(hass, INTENT_START, duration=10)
    data = await call(hass, INTENT_EXTEND, minutes=500)
    assert speech(data) == "A session can be extended by 1 to 60 minutes at a time."
    await add_person("Sam")
    data = await call(hass, INTENT_START)
    assert speech(data) == "Whose session? Alex or Sam?"
    assert data["data"]["code"] == "no_valid_targets"
    assert phase(hass, "sam") == "idle"
    data = await call(hass, INTENT_STATUS)
    assert speech(data).startswith("Alex: Warm-up")


async def test_platform_only_for_assist_with_people(
    hass: HomeAssistant, alex: MockConfigEntry
) -> None:
    """The llm platform answers only the Assist API, and only with people set up."""
    assert async_get_tools(hass, llm_context("en"), "another_api") is None
    await hass.config_entries.async_unload(alex.entry_id)
    assert async_get_tools(hass, llm_context("en"), llm.LLM_API_ASSIST) is None
