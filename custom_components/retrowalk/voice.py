"""Voice: register the intents and teach the built-in agent its sentences.

Home Assistant has no platform for an integration's own sentences, so the
sentences of :mod:`.voice_sentences` become conversation triggers (one per
intent, set up with the public trigger helpers). They spell out the people's
names, so they are set up again whenever the loaded people change. A matched
sentence's wildcards are parsed here, its intent runs, and the intent's answer
is what the agent says.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from homeassistant.config_entries import (
    SIGNAL_CONFIG_ENTRY_CHANGED,
    ConfigEntry,
    ConfigEntryChange,
)
from homeassistant.const import EVENT_COMPONENT_LOADED
from homeassistant.core import CALLBACK_TYPE, Context, Event, HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import intent
from homeassistant.helpers.dispatcher import async_dispatcher_connect
from homeassistant.helpers.script import ScriptRunResult
from homeassistant.helpers.trigger import (
    async_initialize_triggers,
    async_validate_trigger_config,
)
from homeassistant.util.hass_dict import HassKey

from .compat import vol
from .const import DOMAIN, LOGGER
from .display import SPOKEN_SPEED_UNITS, speed_from_display, speed_to_display
from .intent import (
    INTENT_EXTEND,
    INTENT_START,
    SLOT_DURATION,
    SLOT_MINUTES,
    SLOT_PERSON,
    SLOT_SPEED,
    async_register_intents,
)
from .voice_parse import only_fillers, parse_length, parse_minutes, parse_request
from .voice_people import loaded_people
from .voice_responses import Speech
from .voice_sentences import name_said, sentences

CONVERSATION = "conversation"
# A duration said before its unit: "a {length_min} minute session".
LENGTHS = {"length_min": "minutes", "length_h": "hours"}


@dataclass
class _Triggers:
    """The registered sentences and the names they were made for."""

    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    names: tuple[str, ...] | None = None
    remove: CALLBACK_TYPE | None = None


VOICE: HassKey[_Triggers] = HassKey(f"{DOMAIN}_voice")


async def async_setup_voice(hass: HomeAssistant) -> None:
    """Register the intents; add the sentences once the conversation agent runs."""
    async_register_intents(hass)
    hass.data[VOICE] = _Triggers()

    @callback
    def _entry_changed(change: ConfigEntryChange, entry: ConfigEntry) -> None:
        if entry.domain == DOMAIN and CONVERSATION in hass.config.components:
            hass.async_create_task(_async_add_sentences(hass), eager_start=True)

    async_dispatcher_connect(hass, SIGNAL_CONFIG_ENTRY_CHANGED, _entry_changed)
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
    """(Re)register the sentences for the loaded people; never fail setup."""
    triggers = hass.data[VOICE]
    async with triggers.lock:
        names = tuple(person.settings.name for person in loaded_people(hass))
        if names == triggers.names:
            return
        try:
            config = await async_validate_trigger_config(
                hass,
                [
                    {"platform": CONVERSATION, "id": intent_type, "command": said}
                    for intent_type, said in sentences(names).items()
                ],
            )
        except (vol.Invalid, HomeAssistantError) as err:
            # Remember the names tried, so the next change does not log again.
            triggers.names = names
            LOGGER.warning("Voice sentences could not be added: %s", err)
            return

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

        # Attach the new sentences before the old ones go, so none are missed.
        remove_old = triggers.remove
        triggers.remove = await async_initialize_triggers(
            hass, config, run, DOMAIN, "retrowalk voice", log
        )
        triggers.names = names
        if remove_old is not None:
            remove_old()


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
    names = [person.settings.name for person in loaded_people(hass)]
    person = heard.get("person", "")
    if person and not only_fillers(person, language):
        slots[SLOT_PERSON] = person
    elif "person" not in heard:
        # A sentence that spells out the names: look up the one that was said.
        said = name_said(str(user_input.get("text") or ""), names)
        if said is not None:
            slots[SLOT_PERSON] = said
    for wildcard, unit in LENGTHS.items():
        if wildcard in heard:
            length = parse_length(heard[wildcard], unit, language)
            if length is None:
                return speech.say("not_understood", heard=heard[wildcard])
            slots[SLOT_DURATION] = length
    details = heard.get("details", "")
    if intent_type == INTENT_START and details:
        request = parse_request(details, language, names)
        if request.rest:
            return speech.say("not_understood", heard=request.rest)
        if request.person or request.unknown:
            slots[SLOT_PERSON] = request.person or request.unknown
        if request.minutes is not None:
            slots[SLOT_DURATION] = request.minutes
        if request.speed is not None and request.speed_unit is not None:
            said_m_s = speed_from_display(
                hass, request.speed, SPOKEN_SPEED_UNITS[request.speed_unit]
            )
            slots[SLOT_SPEED] = speed_to_display(hass, said_m_s, rounded=False)
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
