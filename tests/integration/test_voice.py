"""The built-in conversation agent runs retrowalk sessions in English, German and French."""

from __future__ import annotations

from datetime import timedelta

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components import conversation
from homeassistant.core import Context, HomeAssistant
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import async_fire_time_changed

from .conftest import AddPerson

START = "2026-11-23T08:00:00+00:00"

type Step = tuple[float, str, str, str]
"""Minutes to wait, what is said, the phase afterwards, what the answer contains."""

ENGLISH: list[Step] = [
    (0, "Start a session.", "warmup", "Started a session of 30 minutes for Alex at "),
    (
        0,
        "How much time is left on my session?",
        "warmup",
        "30 minutes left, 0 seconds walked",
    ),
    (
        5,
        "What's my session status",
        "active",
        "Alex: Walking backward, 25 minutes left, 5 minutes walked",
    ),
    (
        0,
        "how many calories have I burned so far in my session",
        "active",
        "kcal so far",
    ),
    (1, "Pause the session", "paused", "Paused Alex's session, 24 minutes left."),
    (0, "pause my workout", "paused", "Alex's session is already paused."),
    (
        3,
        "how is my session going",
        "paused",
        "Alex's session is paused: 24 minutes left, 6 minutes walked",
    ),
    (0, "Resume the session", "active", "Resumed Alex's session, 24 minutes left."),
    (0, "continue my session", "active", "Alex's session is not paused."),
    (
        0,
        "extend the session by ten minutes",
        "active",
        "Added 10 minutes to Alex's session, 34 minutes left now.",
    ),
    (
        0,
        "add a quarter of an hour to my session",
        "active",
        "Added 15 minutes to Alex's session, 49 minutes left now.",
    ),
    (
        0,
        "extend my session by minus five minutes",
        "active",
        "A session can be extended by 1 to 60 minutes at a time.",
    ),
    (
        0,
        "extend the session by 500 minutes",
        "active",
        "A session can be extended by 1 to 60 minutes at a time.",
    ),
    (
        0,
        "extend the session by a banana",
        "active",
        "I didn't catch a duration in “a banana”.",
    ),
    (
        0,
        "start a session for ten minutes",
        "active",
        "Alex already has a session running.",
    ),
    (4, "Stop the session", "finished", "Stopped Alex's session after 10 minutes"),
    (0, "stop my retro walk", "finished", "Alex has no session running."),
    (0, "pause the session", "finished", "Alex has no session running."),
    (
        0,
        "how much time is left in my session",
        "finished",
        "Alex has no session running.",
    ),
    (
        0,
        "start a session for minus five minutes",
        "finished",
        "A session lasts from 1 to 180 minutes.",
    ),
    (
        0,
        "start a session for 500 minutes",
        "finished",
        "A session lasts from 1 to 180 minutes.",
    ),
    (
        0,
        "start a session for ten bananas",
        "finished",
        "I didn't catch a duration in “for ten bananas”.",
    ),
    (
        0,
        "start a retro walk for half an hour",
        "warmup",
        "Started a session of 30 minutes for Alex at ",
    ),
    (2, "end my backward walk", "finished", "Stopped Alex's session after 2 minutes"),
    (
        0,
        "Begin a ten minute session",
        "warmup",
        "Started a session of 10 minutes for Alex at ",
    ),
    (
        0,
        "cancel the session",
        "finished",
        "Stopped Alex's session after 0 seconds: too short to be saved.",
    ),
    (
        0,
        "start a session for an hour and a half",
        "warmup",
        "Started a session of 90 minutes for Alex at ",
    ),
    (0, "finish the workout", "finished", "Stopped Alex's session"),
    (
        0,
        "let's walk backwards for a quarter of an hour",
        "warmup",
        "Started a session of 15 minutes for Alex at ",
    ),
    (0, "stop walking backwards", "finished", "Stopped Alex's session"),
    (
        0,
        "weekly session summary",
        "finished",
        "This week Alex did 2 sessions, 12 minutes and",
    ),
    (
        0,
        "How did I do with my walks this week?",
        "finished",
        "percent of the weekly goal.",
    ),
]

GERMAN: list[Step] = [
    (0, "Starte eine Einheit", "warmup", "30 Minuten Training für Alex mit "),
    (
        0,
        "wie lange läuft die Einheit noch",
        "warmup",
        "noch 30 Minuten, 0 Sekunden gegangen",
    ),
    (
        5,
        "Wie läuft meine Einheit?",
        "active",
        "Alex: Rückwärtsgehen, noch 25 Minuten, 5 Minuten gegangen",
    ),
    (
        0,
        "wie viele Kalorien habe ich bisher beim Training verbrannt",
        "active",
        "bisher",
    ),
    (
        1,
        "Pausiere die Einheit",
        "paused",
        "Training von Alex pausiert, noch 24 Minuten.",
    ),
    (
        0,
        "die Sitzung anhalten",
        "paused",
        "Das Training von Alex ist bereits pausiert.",
    ),
    (
        0,
        "Einheit Status",
        "paused",
        "Das Training von Alex ist pausiert: noch 24 Minuten",
    ),
    (
        0,
        "setze die Einheit fort",
        "active",
        "Training von Alex geht weiter, noch 24 Minuten.",
    ),
    (
        0,
        "die Einheit fortsetzen",
        "active",
        "Das Training von Alex ist nicht pausiert.",
    ),
    (
        0,
        "verlängere die Einheit um zehn Minuten",
        "active",
        "10 Minuten zum Training von Alex hinzugefügt, jetzt noch 34 Minuten.",
    ),
    (
        0,
        "die Einheit um eine Viertelstunde verlängern",
        "active",
        "15 Minuten zum Training von Alex hinzugefügt, jetzt noch 49 Minuten.",
    ),
    (
        0,
        "verlängere die Einheit um minus fünf Minuten",
        "active",
        "Ein Training kann jeweils um 1 bis 60 Minuten verlängert werden.",
    ),
    (
        0,
        "verlängere die Einheit um 500 Minuten",
        "active",
        "Ein Training kann jeweils um 1 bis 60 Minuten verlängert werden.",
    ),
    (
        0,
        "starte eine Einheit für zehn Minuten",
        "active",
        "Alex hat bereits ein laufendes Training.",
    ),
    (4, "Beende die Einheit", "finished", "Training von Alex nach 10 Minuten beendet"),
    (0, "stoppe das Training", "finished", "Alex hat kein laufendes Training."),
    (0, "pausiere die Einheit", "finished", "Alex hat kein laufendes Training."),
    (
        0,
        "starte eine Einheit für minus fünf Minuten",
        "finished",
        "Ein Training dauert 1 bis 180 Minuten.",
    ),
    (
        0,
        "starte eine Einheit für 500 Minuten",
        "finished",
        "Ein Training dauert 1 bis 180 Minuten.",
    ),
    (
        0,
        "starte eine Einheit für eine halbe Stunde",
        "warmup",
        "30 Minuten Training für Alex mit ",
    ),
    (2, "die Einheit beenden", "finished", "Training von Alex nach 2 Minuten beendet"),
    (
        0,
        "zehn Minuten Rückwärtsgehen starten",
        "warmup",
        "10 Minuten Training für Alex mit ",
    ),
    (
        0,
        "stoppe die Einheit",
        "finished",
        "Training von Alex nach 0 Sekunden beendet: zu kurz",
    ),
    (
        0,
        "starte das Training für anderthalb Stunden",
        "warmup",
        "90 Minuten Training für Alex mit ",
    ),
    (0, "das Training abbrechen", "finished", "beendet"),
    (
        0,
        "lass uns eine Viertelstunde rückwärts gehen",
        "warmup",
        "15 Minuten Training für Alex mit ",
    ),
    (0, "beende das Rückwärtsgehen", "finished", "beendet"),
    (
        0,
        "Wochenbilanz vom Training",
        "finished",
        "Diese Woche hat Alex 2 Trainings, 12 Minuten und",
    ),
    (0, "wie war meine Trainingswoche", "finished", "Prozent des Wochenziels."),
]

FRENCH: list[Step] = [
    (0, "Lance une séance", "warmup", "Séance de 30 minutes à "),
    (
        0,
        "combien de temps reste-t-il dans ma séance",
        "warmup",
        "il reste 30 minutes, 0 secondes de marche",
    ),
    (
        5,
        "Où en est la séance ?",
        "active",
        "Alex : Marche arrière, il reste 25 minutes, 5 minutes de marche",
    ),
    (
        0,
        "combien de calories j'ai brûlé pendant la séance",
        "active",
        "kcal jusqu'ici",
    ),
    (
        1,
        "Mets la séance en pause",
        "paused",
        "Séance en pause pour Alex, il reste 24 minutes.",
    ),
    (0, "pause la séance", "paused", "La séance de Alex est déjà en pause."),
    (
        0,
        "comment se passe ma séance",
        "paused",
        "Séance en pause pour Alex : il reste 24 minutes",
    ),
    (
        0,
        "reprends la séance",
        "active",
        "Séance reprise pour Alex, il reste 24 minutes.",
    ),
    (0, "continue la séance", "active", "La séance de Alex n'est pas en pause."),
    (
        0,
        "prolonge la séance de dix minutes",
        "active",
        "10 minutes de plus pour Alex, il reste maintenant 34 minutes.",
    ),
    (
        0,
        "ajoute un quart d'heure à la séance",
        "active",
        "15 minutes de plus pour Alex, il reste maintenant 49 minutes.",
    ),
    (
        0,
        "prolonge la séance de moins cinq minutes",
        "active",
        "Une séance peut être prolongée de 1 à 60 minutes à la fois.",
    ),
    (
        0,
        "prolonge la séance de 500 minutes",
        "active",
        "Une séance peut être prolongée de 1 à 60 minutes à la fois.",
    ),
    (
        0,
        "lance une séance de dix minutes",
        "active",
        "Alex a déjà une séance en cours.",
    ),
    (4, "Arrête la séance", "finished", "Séance arrêtée pour Alex après 10 minutes"),
    (0, "termine la marche arrière", "finished", "Alex n'a aucune séance en cours."),
    (0, "mets la séance en pause", "finished", "Alex n'a aucune séance en cours."),
    (
        0,
        "lance une séance de moins cinq minutes",
        "finished",
        "Une séance dure de 1 à 180 minutes.",
    ),
    (
        0,
        "lance une séance de 500 minutes",
        "finished",
        "Une séance dure de 1 à 180 minutes.",
    ),
    (
        0,
        "démarre une séance d'une demi-heure",
        "warmup",
        "Séance de 30 minutes à ",
    ),
    (2, "arrête ma séance", "finished", "Séance arrêtée pour Alex après 2 minutes"),
    (
        0,
        "lance une séance de dix minutes",
        "warmup",
        "Séance de 10 minutes à ",
    ),
    (
        0,
        "stoppe la séance",
        "finished",
        "Séance arrêtée pour Alex après 0 secondes : trop courte",
    ),
    (
        0,
        "commence une marche arrière d'une heure et demie",
        "warmup",
        "Séance de 90 minutes à ",
    ),
    (0, "termine la séance", "finished", "Séance arrêtée"),
    (
        0,
        "je veux marcher à reculons pendant un quart d'heure",
        "warmup",
        "Séance de 15 minutes à ",
    ),
    (0, "arrête la marche à reculons", "finished", "Séance arrêtée"),
    (
        0,
        "bilan de la semaine des séances",
        "finished",
        "Cette semaine, Alex a fait 2 séances, 12 minutes et",
    ),
    (
        0,
        "comment s'est passée ma semaine de marche arrière",
        "finished",
        "pour cent de l'objectif hebdomadaire.",
    ),
]


@pytest.fixture
async def assist(hass: HomeAssistant) -> None:
    """The built-in conversation agent, as default_config sets it up."""
    for component in ("homeassistant", "conversation", "intent"):
        assert await async_setup_component(hass, component, {})


async def say(hass: HomeAssistant, text: str, language: str = "en") -> str:
    """Talk to the default agent; return what it answered."""
    result = await conversation.async_converse(
        hass, text, None, Context(), language=language
    )
    await hass.async_block_till_done()
    speech: str = result.response.speech["plain"]["speech"]
    return speech


def phase(hass: HomeAssistant, person: str = "alex") -> str:
    """The phase sensor of a person."""
    state = hass.states.get(f"sensor.{person}_phase")
    assert state is not None
    return state.state


@pytest.mark.freeze_time(START)
@pytest.mark.usefixtures("assist")
@pytest.mark.parametrize(
    ("language", "steps"), [("en", ENGLISH), ("de", GERMAN), ("fr", FRENCH)]
)
async def test_conversation(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    add_person: AddPerson,
    language: str,
    steps: list[Step],
) -> None:
    """At least 20 phrasings per language start, query, pause, extend and stop."""
    assert len(steps) >= 20
    await add_person()
    # The first start runs the next session: 30 minutes instead of the plan's 10.
    await hass.services.async_call(
        "number",
        "set_value",
        {"entity_id": "number.alex_session_length", "value": 30},
        blocking=True,
    )
    for minutes, text, expected_phase, expected in steps:
        if minutes:
            freezer.tick(timedelta(minutes=minutes))
            async_fire_time_changed(hass)
            await hass.async_block_till_done()
        answer = await say(hass, text, language)
        assert expected in answer, (text, answer)
        assert phase(hass) == expected_phase, text
