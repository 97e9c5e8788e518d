"""Attach the sentences to the built-in agent and answer what they matched.

Home Assistant has no platform for an integration's own sentences, so the
sentences of :mod:`.sentences` become conversation triggers (one per intent,
set up with the public trigger helpers). They spell out the people's names
and carry the bare commands only while a session is on, so they are set up
again whenever the loaded people change or a session starts or ends; with
nobody set up there are none. A matched sentence's wildcards are parsed
here, its intent runs, and the intent's answer is what the agent says.
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

from ..compat import vol
from ..const import DOMAIN, EVENT_SESSION, LOGGER
from ..display import SPOKEN_SPEED_UNITS, speed_from_display, speed_to_display
from ..intent import (
    INTENT_EXTEND,
    INTENT_PAUSE,
    INTENT_RESUME,
    INTENT_START,
    INTENT_STATUS,
    INTENT_STOP,
    INTENT_SUMMARY,
    SLOT_DURATION,
    SLOT_MINUTES,
    SLOT_PERSON,
    SLOT_SPEED,
    async_register_intents,
)
from ..people import loaded_people
from .parse import only_fillers, parse_length, parse_minutes, parse_request
from .responses import Speech
from .sentences import name_said, sentences

CONVERSATION = "conversation"
# A duration said before its unit: "a {length_min} minute session".
LENGTHS = {"length_min": "minutes", "length_h": "hours"}


INTENTS = {
    "start": INTENT_START,
    "pause": INTENT_PAUSE,
    "resume": INTENT_RESUME,
    "stop": INTENT_STOP,
    "extend": INTENT_EXTEND,
    "status": INTENT_STATUS,
    "summary": INTENT_SUMMARY,
}


@dataclass
class _Attached:
    """One set of attached sentences and what it was made for."""

    made_for: object = None
    remove: CALLBACK_TYPE | None = None


@dataclass
class _Triggers:
    """The sentences that name the walk, and the bare ones while a session is on.

    Two sets, so a session starting or ending only swaps the few bare ones.
    """

    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    named: _Attached = field(default_factory=_Attached)
    bare: _Attached = field(default_factory=_Attached)


VOICE: HassKey[_Triggers] = HassKey(f"{DOMAIN}_voice")


async def async_setup_voice(hass: HomeAssistant) -> None:
    """Register the intents; add the sentences once the conversation agent runs."""
    async_register_intents(hass)
    hass.data[VOICE] = _Triggers()

    @callback
    def _entry_changed(change: ConfigEntryChange, entry: ConfigEntry) -> None:
        if entry.domain == DOMAIN and CONVERSATION in hass.config.components:
            hass.async_create_task(_async_add_sentences(hass), eager_start=True)

    @callback
    def _session_changed(event: Event) -> None:
        if CONVERSATION in hass.config.components and _bare_for(hass) != (
            hass.data[VOICE].bare.made_for
        ):
            hass.async_create_task(_async_add_sentences(hass), eager_start=True)

    async_dispatcher_connect(hass, SIGNAL_CONFIG_ENTRY_CHANGED, _entry_changed)
    hass.bus.async_listen(EVENT_SESSION, _session_changed)
    if CONVERSATION in hass.config.components:
        await _async_add_sentences(hass)
        return

    @callback
    def _component_loaded(event: Event) -> None:
        if event.data.get("component") == CONVERSATION:
            remove()
            hass.async_create_task(_async_add_sentences(hass), eager_start=True)

    remove = hass.bus.async_listen(EVENT_COMPONENT_LOADED, _component_loaded)


def _names(hass: HomeAssistant) -> tuple[str, ...]:
    return tuple(person.settings.name for person in loaded_people(hass))


def _bare_for(hass: HomeAssistant) -> tuple[tuple[str, ...], bool]:
    """The names, and whether anyone's session is on (bare commands or not)."""
    people = loaded_people(hass)
    return _names(hass), any(person.controller.running for person in people)


async def _async_add_sentences(hass: HomeAssistant) -> None:
    """(Re)attach the sentences for the loaded people and sessions; never fail setup."""
    triggers = hass.data[VOICE]
    async with triggers.lock:
        names = _names(hass)
        await _async_attach(hass, triggers.named, names, sentences(names, bare=False))
        bare_for = _bare_for(hass)
        names, session_on = bare_for
        await _async_attach(
            hass,
            triggers.bare,
            bare_for,
            sentences(names, bare=True) if session_on else {},
        )


async def _async_attach(
    hass: HomeAssistant,
    attached: _Attached,
    made_for: object,
    commands: dict[str, list[str]],
) -> None:
    """Attach ``commands`` in place of ``attached`` unless made for the same."""
    if made_for == attached.made_for:
        return
    if not commands:
        attached.made_for = made_for
        if attached.remove is not None:
            attached.remove()
            attached.remove = None
        return
    try:
        config = await async_validate_trigger_config(
            hass,
            [
                {"platform": CONVERSATION, "id": INTENTS[command], "command": said}
                for command, said in commands.items()
                if said
            ],
        )
    except (vol.Invalid, HomeAssistantError) as err:
        # Remember what was tried, so the next change does not log again.
        attached.made_for = made_for
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
    remove_old = attached.remove
    attached.remove = await async_initialize_triggers(
        hass, config, run, DOMAIN, "retrowalk voice", log
    )
    attached.made_for = made_for
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
                return (await Speech.async_load(hass, language)).say(
                    "not_understood", heard=heard[wildcard]
                )
            slots[SLOT_MINUTES if intent_type == INTENT_EXTEND else SLOT_DURATION] = (
                length
            )
    details = heard.get("details", "")
    if intent_type == INTENT_START and details:
        request = parse_request(details, language, names)
        if request.rest:
            return (await Speech.async_load(hass, language)).say(
                "not_understood", heard=request.rest
            )
        if request.person or request.unknown:
            slots[SLOT_PERSON] = request.person or request.unknown
        if request.minutes is not None:
            slots[SLOT_DURATION] = request.minutes
        if request.speed is not None and request.speed_unit is not None:
            said_m_s = speed_from_display(
                hass, request.speed, SPOKEN_SPEED_UNITS[request.speed_unit]
            )
            slots[SLOT_SPEED] = speed_to_display(hass, said_m_s, rounded=False)
    if intent_type == INTENT_EXTEND and SLOT_MINUTES not in slots:
        minutes = parse_minutes(heard.get("minutes", ""), language)
        if minutes is None:
            return (await Speech.async_load(hass, language)).say(
                "not_understood", heard=heard.get("minutes", "")
            )
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
