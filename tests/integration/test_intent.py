"""Intent behaviour beyond one person: who is meant, safety answers, setup order."""

from __future__ import annotations

from unittest.mock import patch

from homeassistant.components import conversation
from homeassistant.core import Context, HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import intent
from homeassistant.setup import async_setup_component
from homeassistant.util.unit_system import US_CUSTOMARY_SYSTEM
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.retrowalk.const import DOMAIN, SessionPhase
from custom_components.retrowalk.intent import (
    INTENT_START,
    INTENT_STATUS,
    INTENTS,
    async_refusal,
    async_setup_intents,
)
from custom_components.retrowalk.voice.responses import Speech

from .conftest import AddPerson
from .test_voice import assist, phase, say

__all__ = ["assist"]


@pytest.mark.usefixtures("assist")
async def test_two_people(hass: HomeAssistant, add_person: AddPerson) -> None:
    """A missing person is the only one with a session, or asked back; never guessed."""
    await add_person()
    await add_person("Sam")

    assert await say(hass, "start a session") == "Whose session? Alex or Sam?"
    assert (phase(hass), phase(hass, "sam")) == ("idle", "idle")
    assert await say(hass, "weekly session summary") == "Whose session? Alex or Sam?"
    assert await say(hass, "how is my session going") == "Whose session? Alex or Sam?"

    answer = await say(hass, "start a session for Sam")
    assert answer == "Started a session of 10 minutes for Sam at 2.2 km/h."
    assert (phase(hass), phase(hass, "sam")) == ("idle", "warmup")

    assert (
        await say(hass, "pause the session") == "Paused Sam's session, 10 minutes left."
    )
    assert phase(hass, "sam") == "paused"

    answer = await say(hass, "start a session for Alex for ten minutes")
    assert answer == "Started a session of 10 minutes for Alex at 2.2 km/h."
    assert await say(hass, "stop the session") == "Whose session? Alex or Sam?"
    assert (phase(hass), phase(hass, "sam")) == ("warmup", "paused")

    assert (await say(hass, "stop Sam's session")).startswith("Stopped Sam's session")
    assert phase(hass, "sam") == "finished"
    answer = await say(hass, "how much time is left on my session")
    assert answer.startswith("Alex: Warm-up, 10 minutes left")

    answer = await say(hass, "pause the session for Kim")
    assert answer == "I don't know Kim. Whose session? Alex or Sam?"
    assert phase(hass) == "warmup"
    answer = await say(hass, "weekly session summary for Alex", "en")
    assert answer.startswith("This week Alex did 0 sessions, 0 minutes and 0 kcal")
    answer = await say(hass, "Wochenbilanz vom Training für Sam", "de")
    assert answer.startswith("Diese Woche hat Sam 0 Trainings")
    answer = await say(hass, "mets la séance d'Alex en pause", "fr")
    assert answer == "Séance en pause pour Alex, il reste 10 minutes."


@pytest.mark.usefixtures("assist")
async def test_nobody_set_up(hass: HomeAssistant, add_person: AddPerson) -> None:
    """Without a loaded person no sentence is retrowalk's; the intent says why."""
    entry = await add_person()
    await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
    for text, language in [
        ("start a workout", "en"),
        ("stop the workout", "en"),
        ("session status", "en"),
        ("wie läuft die Einheit", "de"),
    ]:
        answer = await say(hass, text, language)
        assert "Alex" not in answer
        assert "Retrowalk" not in answer
    response = await intent.async_handle(hass, "test", INTENT_START, {}, language="de")
    assert response.speech["plain"]["speech"] == (
        "Es ist keine Retrowalk-Person eingerichtet."
    )


@pytest.mark.usefixtures("assist")
async def test_safety_warning_is_spoken(
    hass: HomeAssistant, add_person: AddPerson
) -> None:
    """A start the safety check warns about starts and mentions the warning."""
    await add_person(surface="treadmill_no_handrails")
    with patch(
        "homeassistant.components.persistent_notification.async_create"
    ) as notify:
        answer = await say(hass, "starte ein Training", "de")
    notify.assert_not_called()
    assert answer.startswith(
        "10 Minuten Training für Alex mit 2,2 km/h gestartet. Pass auf: "
    )
    assert phase(hass) == "warmup"


@pytest.mark.usefixtures("assist")
async def test_safety_block_is_spoken_in_the_request_language(
    hass: HomeAssistant, add_person: AddPerson
) -> None:
    """A blocked start changes nothing and says why, reasons in the asked language."""
    hass.states.async_set("sun.sun", "below_horizon")
    await add_person(surface="outdoor_path")
    english = await say(hass, "start a session")
    french = await say(hass, "lance une séance", "fr")
    assert english == (
        "Alex cannot start a session now: The sun has set: it is dark outdoors."
    )
    assert french.startswith("Alex ne peut pas commencer de séance maintenant : ")
    assert "The sun has set" not in french
    assert phase(hass) == "idle"


async def test_sentences_follow_a_late_conversation_agent(
    hass: HomeAssistant, alex: MockConfigEntry
) -> None:
    """When the agent loads after retrowalk, the sentences are added then."""
    for component in ("homeassistant", "conversation", "intent"):
        assert await async_setup_component(hass, component, {})
    await hass.async_block_till_done()
    assert await say(hass, "start a session") == (
        "Started a session of 10 minutes for Alex at 2.2 km/h."
    )


@pytest.mark.usefixtures("assist")
async def test_intents_registered_once(
    hass: HomeAssistant, alex: MockConfigEntry
) -> None:
    """The intent platform and async_setup share one registration."""
    await async_setup_intents(hass)
    registered = [handler.intent_type for handler in intent.async_get(hass)]
    assert [name for name in registered if name in INTENTS] == list(INTENTS)
    response = await intent.async_handle(
        hass, "test", INTENT_STATUS, {}, context=Context(), language="nl"
    )
    assert response.speech["plain"]["speech"] == "Alex heeft geen lopende training."


@pytest.mark.usefixtures("assist")
async def test_unrelated_sentences_pass_through(
    hass: HomeAssistant, alex: MockConfigEntry
) -> None:
    """Sentences that do not name a session are left to Home Assistant's intents."""
    result = await conversation.async_converse(
        hass, "pause", None, Context(), language="en"
    )
    assert result.response.response_type is not intent.IntentResponseType.ACTION_DONE
    assert phase(hass) == "idle"


@pytest.mark.usefixtures("assist")
async def test_spoken_speeds(hass: HomeAssistant, alex: MockConfigEntry) -> None:
    """A speed said in km/h or mph becomes the session's speed, said in the user's unit."""
    answer = await say(hass, "start a session for ten minutes at 2 km/h")
    assert answer == "Started a session of 10 minutes for Alex at 2.0 km/h."
    active = alex.runtime_data.storage.active
    assert active is not None
    assert active.speed_m_s == pytest.approx(2 / 3.6)
    await say(hass, "stop the session")
    answer = await say(hass, "start a session at 1 mph")
    assert answer.endswith(" at 1.6 km/h.")
    active = alex.runtime_data.storage.active
    assert active is not None
    assert active.speed_m_s == pytest.approx(0.44704)
    await say(hass, "stop the session")
    hass.config.units = US_CUSTOMARY_SYSTEM
    answer = await say(hass, "start a session at 1 mph")
    assert answer.endswith(" at 1.0 mph.")
    assert await say(hass, "stop the session") == (
        "Stopped Alex's session after 0 seconds: too short to be saved."
    )
    assert await say(hass, "start eine Einheit mit 1 mph", "de") == (
        "10 Minuten Training für Alex mit 1,0 mph gestartet."
    )


async def test_spoken_numbers(hass: HomeAssistant) -> None:
    """One of a thing is singular; lists of names read naturally."""
    speech = await Speech.async_load(hass, "en")
    assert speech.minutes(60) == "1 minute"
    assert speech.minutes(29) == "29 seconds"
    assert speech.minutes(1) == "1 second"
    assert speech.minutes(59.6) == "1 minute"
    assert speech.number("2.5 km/h") == "2.5 km/h"
    assert (await Speech.async_load(hass, "de-DE")).number("2.5 km/h") == "2,5 km/h"
    assert (await Speech.async_load(hass, "nl")).minutes(0.4) == "0 seconden"
    assert speech.sessions(1) == "1 session"
    assert speech.either(["Alex"]) == "Alex"
    assert speech.either(["Alex", "Kim", "Sam"]) == "Alex, Kim or Sam"
    assert speech.phase(SessionPhase.IDLE) == "Idle"
    assert (await Speech.async_load(hass, "pt")).text(
        "not_running", name="Alex"
    ) == "Alex has no session running."


async def test_refusal_without_translation(hass: HomeAssistant) -> None:
    """A refusal without a translated message falls back to its own text."""
    err = ServiceValidationError(
        "Something else", translation_domain=DOMAIN, translation_key="not_a_key"
    )
    assert await async_refusal(hass, err, "de") == "Something else"
