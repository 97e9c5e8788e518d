"""Retrowalk's sentences answer only what names a session; the rest is Home Assistant's."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from unittest.mock import AsyncMock, patch

from homeassistant.components import conversation
from homeassistant.config_entries import SIGNAL_CONFIG_ENTRY_CHANGED, ConfigEntryChange
from homeassistant.core import CALLBACK_TYPE, Context, HomeAssistant
from homeassistant.helpers import intent
from homeassistant.helpers.dispatcher import async_dispatcher_send
from homeassistant.helpers.trigger import async_initialize_triggers
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_mock_service,
)

from custom_components.retrowalk.compat import vol
from custom_components.retrowalk.const import DOMAIN
from custom_components.retrowalk.intent import (
    INTENT_START,
    INTENT_STATUS,
    INTENT_SUMMARY,
)
from custom_components.retrowalk.voice import triggers as voice
from custom_components.retrowalk.voice.sentences import (
    name_said,
    sentences,
    spoken_names,
)

from .conftest import AddPerson
from .test_voice import assist, phase, say

__all__ = ["assist"]

UNRELATED = [
    ("en", "how did the solar panels do this week"),
    ("en", "start the vacuum session"),
    ("en", "how many calories does the fridge use"),
    ("en", "turn on the kitchen light"),
    ("en", "weekly report for the solar panels"),
    ("en", "how many calories have I burned"),
    ("en", "how is the dishwasher session going"),
    ("en", "stop the vacuum session"),
    ("en", "weekly summary"),
    ("de", "wie war meine Woche"),
    ("de", "Wochenbilanz"),
    ("de", "die Staubsauger Sitzung starten"),
    ("de", "wie viele Kalorien verbraucht der Kühlschrank"),
    ("de", "schalte das Küchenlicht ein"),
    ("fr", "comment ça se passe cette semaine"),
    ("fr", "bilan de la semaine"),
    ("fr", "combien de calories consomme le frigo"),
    ("fr", "allume la lumière de la cuisine"),
]


@pytest.fixture
def answers() -> Iterator[AsyncMock]:
    """Every request a retrowalk sentence matched, still answered as before."""
    mock = AsyncMock(side_effect=voice.async_answer)
    with patch.object(voice, "async_answer", mock):
        yield mock


@pytest.mark.usefixtures("assist")
@pytest.mark.parametrize(("language", "text"), UNRELATED)
async def test_unrelated_requests_fall_through(
    hass: HomeAssistant,
    alex: MockConfigEntry,
    answers: AsyncMock,
    language: str,
    text: str,
) -> None:
    """No retrowalk sentence matches them, so Home Assistant's own intents answer."""
    await say(hass, text, language)
    answers.assert_not_called()
    assert phase(hass) == "idle"
    # The same agent still hands session requests to retrowalk.
    await say(hass, "how is my session going")
    answers.assert_called_once()


@pytest.mark.usefixtures("assist")
async def test_home_assistant_turns_on_the_light(
    hass: HomeAssistant, alex: MockConfigEntry, answers: AsyncMock
) -> None:
    """A light command reaches Home Assistant's own intent, not retrowalk."""
    hass.states.async_set("light.kitchen", "off", {"friendly_name": "Kitchen light"})
    calls = async_mock_service(hass, "light", "turn_on")
    await say(hass, "turn on the kitchen light")
    assert [call.data["entity_id"] for call in calls] == [["light.kitchen"]]
    answers.assert_not_called()


@pytest.mark.usefixtures("assist")
async def test_names_follow_the_people(
    hass: HomeAssistant, add_person: AddPerson, answers: AsyncMock
) -> None:
    """Sentences that start with a name know exactly the loaded people."""
    await add_person()
    kim = await add_person("Kim")
    answer = await say(hass, "start a session for Kim")
    assert answer == "Started a session of 10 minutes for Kim at 2.2 km/h."
    assert await say(hass, "pause Kim's session") == (
        "Paused Kim's session, 10 minutes left."
    )
    assert (await say(hass, "how is Kim's session going")).startswith(
        "Kim's session is paused"
    )
    answer = await say(hass, "how did Kim do with the walks this week")
    assert answer.startswith("This week Kim did 0 sessions")
    calls = answers.await_count
    await say(hass, "pause the vacuum session")
    assert answers.await_count == calls

    await hass.config_entries.async_unload(kim.entry_id)
    await hass.async_block_till_done()
    await say(hass, "pause Kim's session")
    assert answers.await_count == calls
    answer = await say(hass, "pause the session for Kim")
    assert answer == "I don't know Kim; did you mean Alex?"


@pytest.mark.usefixtures("assist")
async def test_start_for_an_unknown_person(
    hass: HomeAssistant, add_person: AddPerson
) -> None:
    """An unknown name is asked back, not taken for a duration; nothing starts."""
    await add_person()
    assert await say(hass, "start a session for Kim") == (
        "I don't know Kim; did you mean Alex?"
    )
    assert await say(hass, "starte eine Einheit für Kim für zehn Minuten", "de") == (
        "Kim kenne ich nicht. Meinst du Alex?"
    )
    assert await say(hass, "lance une séance pour Kim", "fr") == (
        "Je ne connais pas Kim. Vouliez-vous dire Alex ?"
    )
    assert phase(hass) == "idle"
    await add_person("Sam")
    assert await say(hass, "start a session for Kim") == (
        "I don't know Kim. Whose session? Alex or Sam?"
    )
    assert (phase(hass), phase(hass, "sam")) == ("idle", "idle")


@pytest.mark.usefixtures("assist")
@pytest.mark.parametrize(
    ("text", "heard"),
    [
        ("start a session right now", "right now"),
        ("start a session for a bit", "for a bit"),
        ("start a session quickly", "quickly"),
        ("start a session tomorrow", "tomorrow"),
        ("start a session on the treadmill", "on the treadmill"),
        ("start a session for my dad", "for my dad"),
        ("start a session for 10 minutes at max speed", "for 10 minutes at max speed"),
        ("start a Kim minute session", "Kim"),
        ("start a right hour session", "right"),
    ],
)
async def test_fillers_are_no_names(
    hass: HomeAssistant, alex: MockConfigEntry, text: str, heard: str
) -> None:
    """Everyday words are neither a person nor a length: not understood, no start."""
    assert await say(hass, text) == f"I didn't catch a duration in “{heard}”."
    assert phase(hass) == "idle"


@pytest.mark.usefixtures("assist")
async def test_spoken_names_find_their_person(
    hass: HomeAssistant, add_person: AddPerson
) -> None:
    """Possessives without apostrophe and names said plainly ("jr") are found."""
    await add_person()
    await add_person("Kim")
    await add_person("J.R.")
    assert await say(hass, "how is kims session going") == (
        "Kim has no session running."
    )
    assert await say(hass, "start a session for Kim") == (
        "Started a session of 10 minutes for Kim at 2.2 km/h."
    )
    assert (await say(hass, "how is kims session going")).startswith("Kim: Warm-up")
    assert await say(hass, "pause jrs session") == "J.R. has no session running."
    assert await say(hass, "how is JR's session going") == (
        "J.R. has no session running."
    )


@pytest.mark.usefixtures("assist")
async def test_durations_before_the_unit(
    hass: HomeAssistant, alex: MockConfigEntry
) -> None:
    """A length said before "minutes" or "hours" is the session's length."""
    assert await say(hass, "start an hour session") == (
        "Started a session of 60 minutes for Alex at 2.2 km/h."
    )
    assert await say(hass, "pause the session for me") == (
        "Paused Alex's session, 60 minutes left."
    )
    await say(hass, "stop the session")
    assert await say(hass, "eine Stunde Training starten", "de") == (
        "60 Minuten Training für Alex mit 2,2 km/h gestartet."
    )
    await say(hass, "stop the session")
    assert await say(hass, "start a few minute session") == (
        "Started a session of 3 minutes for Alex at 2.2 km/h."
    )


@pytest.mark.usefixtures("assist")
async def test_sentence_setup_never_fails(
    hass: HomeAssistant, add_person: AddPerson, caplog: pytest.LogCaptureFixture
) -> None:
    """Sentences that do not validate are logged; retrowalk still sets up."""
    with patch.object(
        voice, "async_validate_trigger_config", side_effect=vol.Invalid("bad")
    ):
        entry = await add_person()
    assert entry.runtime_data.controller is not None
    assert "Voice sentences could not be added: bad" in caplog.text
    result = await conversation.async_converse(
        hass, "start a session", None, Context(), language="en"
    )
    assert "Alex" not in result.response.speech["plain"]["speech"]
    assert phase(hass) == "idle"


@pytest.mark.usefixtures("assist")
async def test_failed_sentences_logged_once(
    hass: HomeAssistant, add_person: AddPerson, caplog: pytest.LogCaptureFixture
) -> None:
    """Sentences that do not validate are logged once per set of names."""

    def failures() -> int:
        return caplog.text.count("Voice sentences could not be added")

    with patch.object(
        voice, "async_validate_trigger_config", side_effect=vol.Invalid("bad")
    ) as validate:
        entry = await add_person()
        logged, validated = failures(), validate.call_count
        assert logged >= 1
        for _ in range(3):
            async_dispatcher_send(
                hass, SIGNAL_CONFIG_ENTRY_CHANGED, ConfigEntryChange.UPDATED, entry
            )
            await hass.async_block_till_done()
        assert (failures(), validate.call_count) == (logged, validated)
        await add_person("Sam")
        assert failures() == logged + 1


@pytest.mark.usefixtures("assist")
async def test_new_sentences_attached_before_old_removed(
    hass: HomeAssistant, add_person: AddPerson
) -> None:
    """A change of people never leaves a moment without sentences."""
    events: list[str] = []

    async def tracked(*args: Any, **kwargs: Any) -> CALLBACK_TYPE | None:
        number = len([event for event in events if event.startswith("attach")])
        events.append(f"attach {number}")
        remove = await async_initialize_triggers(*args, **kwargs)
        assert remove is not None

        def untrack() -> None:
            events.append(f"remove {number}")
            remove()

        return untrack

    with patch.object(voice, "async_initialize_triggers", tracked):
        await add_person()
        await add_person("Sam")
    # Nobody loaded yet (no sentences), then Alex, then Alex and Sam.
    assert events == ["attach 0", "attach 1", "remove 0"]
    assert await say(hass, "pause Sam's session") == "Sam has no session running."


def test_spoken_forms() -> None:
    """Each spoken form maps to its person; a name beats another's possessive."""
    assert spoken_names(["J.R.", "?!", "Kim", "Kims", "kim"]) == {
        "jr": "J.R.",
        "jr's": "J.R.",
        "jrs": "J.R.",
        "kim": "Kim",
        "kim's": "Kim",
        "kims": "Kims",
        "kims's": "Kims",
        "kimss": "Kims",
    }
    names = ["Ann", "Ann Marie"]
    assert name_said("how is Ann-Marie's session going", names) == "Ann Marie"
    assert name_said("how is anns session going", names) == "Ann"
    assert name_said("how is the session going", names) is None


def test_names_in_sentences() -> None:
    """Names are spelled out plainly; unsayable names leave those sentences out."""
    spelled = sentences(["Anne-Marie", "O'Neil", "(x)", "Anne Marie"], bare=False)
    names = "(anne marie|anne marie's|anne maries|o neil|o neil's|o neils|x|x's|xs)"
    pause = spelled["pause"]
    assert any(sentence.startswith(f"(pause|hold) {names} (") for sentence in pause)
    unsayable = sentences(["?!"], bare=False)["pause"]
    assert unsayable == [sentence for sentence in pause if names not in sentence]
    assert len(unsayable) < len(pause)
    assert not any("<" in sentence for sentence in unsayable + pause)
    assert sentences([], bare=True) == {}


@pytest.mark.usefixtures("assist")
async def test_llm_self_references(hass: HomeAssistant, add_person: AddPerson) -> None:
    """Me, myself or moi name nobody: the only person, else asked back."""
    await add_person()
    for said in ("me", "I", "my", "mine", "myself", "mich", "moi-même", "mezelf"):
        response = await intent.async_handle(
            hass, DOMAIN, INTENT_STATUS, {"person": {"value": said}}, language="en"
        )
        assert response.speech["plain"]["speech"] == "Alex has no session running."
    await add_person("Sam")
    response = await intent.async_handle(
        hass, DOMAIN, INTENT_STATUS, {"person": {"value": "myself"}}, language="en"
    )
    assert response.speech["plain"]["speech"] == "Whose session? Alex or Sam?"


@pytest.mark.usefixtures("assist")
async def test_response_types(hass: HomeAssistant, alex: MockConfigEntry) -> None:
    """Queries answer as query_answer, actions as action_done, refusals as errors."""

    async def handle(intent_type: str, **slots: object) -> intent.IntentResponse:
        return await intent.async_handle(
            hass,
            DOMAIN,
            intent_type,
            {key: {"value": value} for key, value in slots.items()},
            context=Context(),
            language="en",
        )

    status = await handle(INTENT_STATUS)
    assert status.response_type is intent.IntentResponseType.QUERY_ANSWER
    summary = await handle(INTENT_SUMMARY, person="me")
    assert summary.response_type is intent.IntentResponseType.QUERY_ANSWER
    started = await handle(INTENT_START, duration=10, person="myself")
    assert started.response_type is intent.IntentResponseType.ACTION_DONE
    refused = await handle(INTENT_START)
    assert refused.response_type is intent.IntentResponseType.ERROR
    assert refused.error_code is intent.IntentResponseErrorCode.FAILED_TO_HANDLE
    asked = await handle(INTENT_STATUS, person="Kim")
    assert asked.response_type is intent.IntentResponseType.ERROR
    assert asked.error_code is intent.IntentResponseErrorCode.NO_VALID_TARGETS
    assert asked.speech["plain"]["speech"] == "I don't know Kim; did you mean Alex?"
