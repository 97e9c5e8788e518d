"""Voice: register the intents and teach the built-in agent its sentences.

Home Assistant has no platform for an integration's own sentences, so the
sentences of :mod:`.voice_sentences` become conversation triggers (one per
intent, set up with the public trigger helpers). A matched sentence's
wildcards are parsed here, its intent runs, and the intent's answer is what
the agent says.
"""

from __future__ import annotations

from typing import Any

from homeassistant.const import EVENT_COMPONENT_LOADED
from homeassistant.core import Context, Event, HomeAssistant, callback
from homeassistant.helpers import intent
from homeassistant.helpers.script import ScriptRunResult
from homeassistant.helpers.trigger import (
    async_initialize_triggers,
    async_validate_trigger_config,
)

from .const import DOMAIN, LOGGER
from .intent import (
    INTENT_EXTEND,
    INTENT_START,
    SLOT_DURATION,
    SLOT_MINUTES,
    SLOT_PERSON,
    SLOT_SPEED,
    async_register_intents,
)
from .settings import KMH_PER_M_S, MPH_PER_M_S, speed_unit
from .voice_parse import only_fillers, parse_minutes, parse_request
from .voice_people import loaded_people
from .voice_responses import Speech

CONVERSATION = "conversation"
SPEED_FACTORS = {"kmh": KMH_PER_M_S, "mph": MPH_PER_M_S}


async def async_setup_voice(hass: HomeAssistant) -> None:
    """Register the intents; add the sentences once the conversation agent runs."""
    async_register_intents(hass)
    if CONVERSATION in hass.config.components:
        await _async_add_sentences(hass)
        return

    @callback
    def _component_loaded(event: Event) -> None:
        if event.data.get("component") == CONVERSATION:
            remove()
            hass.async_create_task(_async_add_sentences(hass), eager_start=True)

    remove = hass.bus.async_listen(EVENT_COMPONENT_LOADED, _component_loaded)


async def _async_add_sentences(hass: HomeAssistant) -> None:
    # Imported here: the sentences import the intents, which need the integration.
    from .voice_sentences import SENTENCES  # noqa: PLC0415

    config = await async_validate_trigger_config(
        hass,
        [
            {"platform": CONVERSATION, "id": intent_type, "command": sentences}
            for intent_type, sentences in SENTENCES.items()
        ],
    )

    def log(level: int, message: str, **kwargs: Any) -> None:
        LOGGER.log(level, "Voice sentences: %s", message, **kwargs)

    async def run(
        run_variables: dict[str, Any], context: Context | None = None
    ) -> ScriptRunResult:
        trigger = run_variables["trigger"]
        answer = await async_answer(
            hass, trigger["id"], trigger["slots"], trigger["user_input"]
        )
        return ScriptRunResult(
            conversation_response=answer, service_response=None, variables={}
        )

    await async_initialize_triggers(hass, config, run, DOMAIN, "retrowalk voice", log)


async def async_answer(
    hass: HomeAssistant,
    intent_type: str,
    wildcards: dict[str, Any],
    user_input: dict[str, Any],
) -> str:
    """Run the intent a sentence matched, with its wildcards parsed; say the answer."""
    language: str = user_input.get("language") or hass.config.language
    speech = Speech(language)
    slots: dict[str, Any] = {}
    heard = {key: str(value).strip() for key, value in wildcards.items()}
    person = heard.get("person", "")
    if person and not only_fillers(person, language):
        slots[SLOT_PERSON] = person
    if intent_type == INTENT_START and (details := heard.get("details")):
        names = [person.settings.name for person in loaded_people(hass)]
        request = parse_request(details, language, names)
        if request.rest:
            return speech.say("not_understood", heard=request.rest)
        if request.person:
            slots[SLOT_PERSON] = request.person
        if request.minutes is not None:
            slots[SLOT_DURATION] = request.minutes
        if request.speed is not None and request.speed_unit is not None:
            factor = speed_unit(hass)[0] / SPEED_FACTORS[request.speed_unit]
            slots[SLOT_SPEED] = request.speed * factor
    if intent_type == INTENT_EXTEND:
        minutes = parse_minutes(heard.get("minutes", ""), language)
        if minutes is None:
            return speech.say("not_understood", heard=heard.get("minutes", ""))
        slots[SLOT_MINUTES] = minutes
    context = user_input.get("context") or {}
    response = await intent.async_handle(
        hass,
        DOMAIN,
        intent_type,
        {key: {"value": value} for key, value in slots.items()},
        text_input=user_input.get("text"),
        context=Context(
            user_id=context.get("user_id"),
            parent_id=context.get("id"),
        ),
        language=language,
    )
    spoken: str = response.speech.get("plain", {}).get("speech", "")
    return spoken
