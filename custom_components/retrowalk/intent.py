"""Intents: start, pause, resume, stop, extend, status and the week's summary.

Every handler answers with a short sentence in the request's language:
actions as ``action_done``, status and summary as ``query_answer``. A refused
request changes nothing, says why and is an ``error`` response; a missing or
unknown person is asked back (``no_valid_targets``), never guessed.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, cast, override

from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import intent
from homeassistant.util import dt as dt_util

from .compat import vol
from .const import ATTR_DURATION, ATTR_PROGRAM, ATTR_SPEED, SessionPhase
from .controller import FinishResult, UnsafeStartError
from .data import RetrowalkData
from .display import format_speed, speed_unit
from .history import goal_progress, week_totals
from .safety import async_describe_reasons
from .services import session_request
from .sim.bounds import EXTENSION_MINUTES, SESSION_MINUTES
from .sim.programs import Program
from .texts import async_texts
from .voice.people import AskPerson, resolve_person
from .voice.responses import Speech, kcal

INTENT_START = "RetrowalkStartSession"
INTENT_PAUSE = "RetrowalkPauseSession"
INTENT_RESUME = "RetrowalkResumeSession"
INTENT_STOP = "RetrowalkStopSession"
INTENT_EXTEND = "RetrowalkExtendSession"
INTENT_STATUS = "RetrowalkSessionStatus"
INTENT_SUMMARY = "RetrowalkWeeklySummary"

SLOT_PERSON = "person"
SLOT_DURATION = "duration"
SLOT_SPEED = "speed"
SLOT_PROGRAM = "program"
SLOT_MINUTES = "minutes"

PERSON_SLOT: dict[Any, Any] = {
    vol.Optional(
        SLOT_PERSON,
        description=(
            "Name of the person whose backward-walking session this is. Leave "
            "it out when only one person is set up or only one has a session."
        ),
    ): intent.non_empty_string,
}

type Action = Callable[
    [HomeAssistant, RetrowalkData, dict[str, Any], Speech], Awaitable[str]
]


async def async_refusal(
    hass: HomeAssistant, err: ServiceValidationError, language: str
) -> str:
    """A refusal's message in ``language``, from its translation key."""
    texts = await async_texts(hass, "exceptions", language)
    template = texts.get(f"{err.translation_key}.message")
    if template is None:
        return str(err)
    return template.format(**(err.translation_placeholders or {}))


class RetrowalkIntentHandler(intent.IntentHandler):
    """Resolves the person, runs one action and speaks its answer or refusal."""

    def __init__(
        self, intent_type: str, description: str, action: Action, **options: Any
    ) -> None:
        """Describe the intent for assistants and bind its action."""
        self.intent_type = intent_type
        self.description = description
        self._action = action
        self.prefer_running: bool = options.get("prefer_running", True)
        self.query: bool = options.get("query", False)
        self.extra_slots: dict[Any, Any] = options.get("slots", {})

    @property
    @override
    def slot_schema(self) -> dict[Any, Any]:
        """The person plus the intent's own slots."""
        return {**PERSON_SLOT, **self.extra_slots}

    @override
    async def async_handle(self, intent_obj: intent.Intent) -> intent.IntentResponse:
        """Run the action for the resolved person and say how it went."""
        hass = intent_obj.hass
        language = intent_obj.language or hass.config.language
        speech = await Speech.async_load(hass, language)
        response = intent_obj.create_response()
        slots = {
            key: slot["value"]
            for key, slot in self.async_validate_slots(intent_obj.slots).items()
            if isinstance(slot, dict) and "value" in slot
        }
        try:
            person = resolve_person(
                hass,
                slots.get(SLOT_PERSON),
                prefer_running=self.prefer_running,
                user_id=intent_obj.context.user_id,
            )
        except AskPerson as ask:
            response.async_set_error(
                intent.IntentResponseErrorCode.NO_VALID_TARGETS,
                speech.say(ask.key, names=speech.either(ask.names), heard=ask.heard),
            )
            return response
        try:
            text = await self._action(hass, person, slots, speech)
        except ServiceValidationError as err:
            response.async_set_error(
                intent.IntentResponseErrorCode.FAILED_TO_HANDLE,
                await _async_refusal_for(hass, err, language),
            )
            return response
        if self.query:
            response.response_type = intent.IntentResponseType.QUERY_ANSWER
        response.async_set_speech(text)
        return response


async def _async_refusal_for(
    hass: HomeAssistant, err: ServiceValidationError, language: str
) -> str:
    """The refusal in ``language``; safety reasons are described in it too."""
    if isinstance(err, UnsafeStartError):
        err.translation_placeholders = {
            **(err.translation_placeholders or {}),
            "reasons": await async_describe_reasons(
                hass, err.verdict.reasons, language
            ),
        }
    return await async_refusal(hass, err, language)


def _fields(slots: dict[str, Any]) -> dict[str, Any]:
    """Slots as the start action's fields (minutes, unit-system speed, program)."""
    names = {
        SLOT_DURATION: ATTR_DURATION,
        SLOT_SPEED: ATTR_SPEED,
        SLOT_PROGRAM: ATTR_PROGRAM,
    }
    return {names[key]: value for key, value in slots.items() if key in names}


def _left(person: RetrowalkData) -> float:
    snapshot = person.controller.snapshot()
    return 0.0 if snapshot is None else snapshot.remaining_s


async def _async_start(
    hass: HomeAssistant, person: RetrowalkData, slots: dict[str, Any], speech: Speech
) -> str:
    controller = person.controller
    duration_s, speed_m_s, grade, program = session_request(
        hass, person, _fields(slots)
    )
    # The answer speaks the safety warnings, so no notification repeats them.
    verdict = await controller.async_start(
        duration_s, speed_m_s, grade, program, acknowledge=True
    )
    plan, active = controller.plan(), controller.active
    text = speech.say(
        "started",
        name=person.settings.name,
        duration=speech.minutes(plan.duration_s if plan else duration_s),
        speed=speech.number(
            format_speed(hass, active.speed_m_s if active else speed_m_s)
        ),
    )
    if verdict.reasons:
        described = await async_describe_reasons(hass, verdict.reasons, speech.language)
        text = f"{text} {speech.say('warnings', reasons=described)}"
    return text


async def _async_pause(
    hass: HomeAssistant, person: RetrowalkData, slots: dict[str, Any], speech: Speech
) -> str:
    await person.controller.async_pause()
    return speech.say(
        "paused", name=person.settings.name, left=speech.minutes(_left(person))
    )


async def _async_resume(
    hass: HomeAssistant, person: RetrowalkData, slots: dict[str, Any], speech: Speech
) -> str:
    await person.controller.async_resume()
    return speech.say(
        "resumed", name=person.settings.name, left=speech.minutes(_left(person))
    )


async def _async_stop(
    hass: HomeAssistant, person: RetrowalkData, slots: dict[str, Any], speech: Speech
) -> str:
    controller = person.controller
    await controller.async_stop()
    # Every stop leaves its result: what was walked and whether it was saved
    # (too short a session is not, and the answer says so instead of its figures).
    result = cast(FinishResult, controller.last_result)
    return speech.say(
        "stopped" if result.saved else "stopped_short",
        name=person.settings.name,
        walked=speech.minutes(result.record.active_s),
        kcal=kcal(result.record.kcal),
    )


async def _async_extend(
    hass: HomeAssistant, person: RetrowalkData, slots: dict[str, Any], speech: Speech
) -> str:
    minutes = float(slots[SLOT_MINUTES])
    await person.controller.async_extend(minutes)
    return speech.say(
        "extended",
        name=person.settings.name,
        added=speech.minutes(minutes * 60),
        left=speech.minutes(_left(person)),
    )


async def _async_status(
    hass: HomeAssistant, person: RetrowalkData, slots: dict[str, Any], speech: Speech
) -> str:
    controller = person.controller
    name = person.settings.name
    if (snapshot := controller.snapshot()) is None:
        return speech.text("not_running", name=name)
    phase = controller.phase()
    return speech.say(
        "status_paused" if phase is SessionPhase.PAUSED else "status",
        name=name,
        phase=speech.phase(phase),
        left=speech.minutes(snapshot.remaining_s),
        walked=speech.minutes(snapshot.elapsed_s),
        kcal=kcal(snapshot.kcal),
    )


async def _async_summary(
    hass: HomeAssistant, person: RetrowalkData, slots: dict[str, Any], speech: Speech
) -> str:
    totals = week_totals(person.storage.sessions, dt_util.utcnow())
    return speech.say(
        "summary",
        name=person.settings.name,
        sessions=speech.sessions(totals.sessions),
        minutes=speech.minutes(totals.minutes * 60, short_in_seconds=False),
        kcal=kcal(totals.kcal),
        progress=round(goal_progress(totals, person.settings.goal)),
    )


def _handlers(hass: HomeAssistant) -> list[RetrowalkIntentHandler]:
    unit = speed_unit(hass)
    return [
        RetrowalkIntentHandler(
            INTENT_START,
            "Starts a backward-walking (retro walking) exercise session for a "
            "person. Duration, speed and program are optional; left out, the "
            "person's next-session settings are used.",
            _async_start,
            prefer_running=False,
            slots={
                vol.Optional(
                    SLOT_DURATION,
                    description=(
                        "Session length in minutes, "
                        f"{SESSION_MINUTES.low:g} to {SESSION_MINUTES.high:g}."
                    ),
                ): vol.Coerce(float),
                vol.Optional(
                    SLOT_SPEED,
                    description=f"Backward walking speed in {unit}.",
                ): vol.Coerce(float),
                vol.Optional(
                    SLOT_PROGRAM,
                    description="Session program.",
                ): vol.In([program.value for program in Program]),
            },
        ),
        RetrowalkIntentHandler(
            INTENT_PAUSE,
            "Pauses a person's running backward-walking session.",
            _async_pause,
        ),
        RetrowalkIntentHandler(
            INTENT_RESUME,
            "Resumes a person's paused backward-walking session.",
            _async_resume,
        ),
        RetrowalkIntentHandler(
            INTENT_STOP,
            "Stops a person's backward-walking session early and records what "
            "was walked.",
            _async_stop,
        ),
        RetrowalkIntentHandler(
            INTENT_EXTEND,
            "Adds minutes to a person's running backward-walking session.",
            _async_extend,
            slots={
                vol.Required(
                    SLOT_MINUTES,
                    description=(
                        "Minutes to add, "
                        f"{EXTENSION_MINUTES.low:g} to {EXTENSION_MINUTES.high:g}."
                    ),
                ): vol.Coerce(float),
            },
        ),
        RetrowalkIntentHandler(
            INTENT_STATUS,
            "Tells how a person's backward-walking session is going: phase, "
            "time left, time walked and calories so far.",
            _async_status,
            query=True,
        ),
        RetrowalkIntentHandler(
            INTENT_SUMMARY,
            "Summarizes a person's backward walking this week: sessions, "
            "minutes, calories and progress towards the weekly goal.",
            _async_summary,
            prefer_running=False,
            query=True,
        ),
    ]


INTENTS = (
    INTENT_START,
    INTENT_PAUSE,
    INTENT_RESUME,
    INTENT_STOP,
    INTENT_EXTEND,
    INTENT_STATUS,
    INTENT_SUMMARY,
)


@callback
def async_refresh_intent_units(hass: HomeAssistant) -> None:
    """Describe the start's speed in the unit system's unit again (for LLM tools)."""
    registered = {handler.intent_type for handler in intent.async_get(hass)}
    for handler in _handlers(hass):
        if handler.intent_type == INTENT_START and INTENT_START in registered:
            intent.async_remove(hass, INTENT_START)
            intent.async_register(hass, handler)


@callback
def async_register_intents(hass: HomeAssistant) -> None:
    """Register the intents once (async_setup and the intent platform both call it)."""
    registered = {handler.intent_type for handler in intent.async_get(hass)}
    for handler in _handlers(hass):
        if handler.intent_type not in registered:
            intent.async_register(hass, handler)


async def async_setup_intents(hass: HomeAssistant) -> None:
    """Intent platform: register the retrowalk intents."""
    async_register_intents(hass)
