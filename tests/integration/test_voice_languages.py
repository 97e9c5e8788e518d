"""Five languages through the real conversation agent: retrowalk's phrasings, nothing else.

One flow of steps per language (the same steps, said the way that language
says them): digits and words, with and without names, one and two people,
during and outside a session. Then at least 30 requests per language that are
Home Assistant's (lights, covers, media, timers, weather, time, shopping list),
with a media player playing and an Assist timer running, with no session on
and with one on: retrowalk never answers them.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any
from unittest.mock import AsyncMock, patch

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components import conversation
from homeassistant.components.intent import async_register_timer_handler
from homeassistant.components.media_player import MediaPlayerEntityFeature
from homeassistant.core import Context, HomeAssistant
from homeassistant.helpers import (
    area_registry as ar,
    device_registry as dr,
    entity_registry as er,
    intent,
)
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
    async_mock_service,
)

from custom_components.retrowalk.data import RetrowalkData
from custom_components.retrowalk.voice import triggers

from .conftest import AddPerson

# Coverage tracing makes Home Assistant's own sentence matching about ten times
# slower on the oldest lane (minutes for these tests); they are evidence run on both
# lanes, and the code they pass through is measured by test_voice*.py and test_intent.py.
pytestmark = pytest.mark.no_cover

START = "2026-11-23T08:00:00+00:00"
LANGUAGES = ("en", "de", "fr", "es", "nl")

ADD_SAM = "+Sam"
"""A step that sets Sam up as the second person."""

type Expected = tuple[float, tuple[str, ...] | None, str, str]
"""Minutes to wait first; what the answer contains (None: not retrowalk's);
Alex's and Sam's session afterwards: ``off``, ``on`` or ``paused``."""

STEPS: list[Expected] = [
    # Alex alone.
    (0, ("Alex", "10"), "on", "off"),  # start, digits
    (0, ("10",), "on", "off"),  # time left, with a noun
    (2, ("8",), "on", "off"),  # bare "how much longer"
    (0, ("Alex", "8"), "paused", "off"),  # bare pause
    (0, ("Alex",), "on", "off"),  # bare resume
    (0, ("5", "13"), "on", "off"),  # bare extend, words
    (0, ("5", "18"), "on", "off"),  # extend with a noun, digits
    (0, ("18",), "on", "off"),  # bare time left
    (0, ("kcal",), "on", "off"),  # bare calories
    (0, ("Alex",), "paused", "off"),  # pause with a noun
    (0, ("Alex",), "on", "off"),  # resume with a noun
    (0, ("Alex", "2", "kcal"), "off", "off"),  # stop with a noun: saved
    (0, None, "off", "off"),  # bare stop, no session: Home Assistant's
    (0, ("Alex",), "on", "off"),  # start without a length
    (0.5, ("Alex", "30"), "off", "off"),  # stop after 30 seconds: not saved
    (0, ("Alex", "10"), "on", "off"),  # start, a length before its unit
    (0, ("Alex",), "on", "off"),  # status with a noun
    (0, ("Alex",), "off", "off"),  # stop with another noun
    (0, ("30", "2"), "on", "off"),  # start, half an hour and a speed
    (0, ("10", "40"), "on", "off"),  # extend with a noun, words
    (0, ("40",), "on", "off"),  # time left with a noun
    (0, ("Alex",), "off", "off"),  # stop with a noun
    (0, ("Alex",), "off", "off"),  # the week
    (0, ("Alex",), "off", "off"),  # the week, with a noun
    (0, None, "off", "off"),  # bare "how much longer", no session
    (0, ("Alex", "15"), "on", "off"),  # start for a named person
    (0, ("15",), "on", "off"),  # time left on a named person's walk
    (0, ("Alex",), "off", "off"),  # stop a named person's walk
    # Sam joins.
    (0, ("Sam", "20"), "off", "on"),  # start for Sam, digits
    (0, ("Sam",), "off", "paused"),  # bare pause: only Sam is on
    (0, ("Alex", "20"), "on", "paused"),  # start for Alex, words
    (0, ("Alex", "Sam"), "on", "paused"),  # bare pause, two on: asked back
    (0, ("Alex",), "paused", "paused"),  # pause Alex's
    (0, ("Sam",), "paused", "on"),  # resume Sam's
    (0, ("Sam",), "paused", "on"),  # time left on Sam's
    (0, ("Sam", "5"), "paused", "on"),  # extend Sam's
    (0, ("Sam",), "paused", "off"),  # stop Sam's
    (0, ("Alex",), "paused", "off"),  # bare status: only Alex is on
    (0, ("Alex",), "off", "off"),  # bare stop: only Alex is on
    (0, ("Sam",), "off", "off"),  # Sam's week
    (0, ("Alex", "Sam"), "off", "off"),  # start without a name: asked back
    (0, None, "off", "off"),  # bare pause, no session: Home Assistant's
    (0, ("Sam", "60"), "off", "on"),  # start for Sam, an hour
    (0, ("Sam", "60"), "off", "on"),  # bare time left
    (0, ("Sam",), "off", "off"),  # bare stop
]
SAM_JOINS = 28
"""Index of the first step with Sam set up."""

SAID: dict[str, list[str]] = {
    "en": [
        "start a walk for 10 minutes",
        "how much time is left on my walk",
        "how much longer",
        "pause",
        "resume",
        "add five minutes",
        "add 5 minutes to my walk",
        "how much time is left",
        "how many calories have I burned",
        "pause the walk",
        "continue walking",
        "stop walking",
        "stop",
        "start a workout",
        "stop the workout",
        "begin a ten minute retro walk",
        "how is my training going",
        "end the training session",
        "start a backward walk for half an hour at 2 km/h",
        "extend my workout by ten minutes",
        "how long is left on my walk",
        "end my retro walk",
        "how did my week go",
        "weekly walking summary",
        "how much longer",
        "start a walk for Alex for 15 minutes",
        "how much time is left on Alex's walk",
        "stop Alex's walk",
        "start a walk for Sam for 20 minutes",
        "pause",
        "start a session for Alex for twenty minutes",
        "pause",
        "pause Alex's walk",
        "resume the walk for Sam",
        "how much time is left on Sam's walk",
        "add 5 minutes to Sam's workout",
        "stop the walk for Sam",
        "how much longer",
        "stop",
        "how did Sam do with the walks this week",
        "start a walk",
        "pause",
        "start a retro walk for Sam for an hour",
        "how much time is left",
        "stop",
    ],
    "de": [
        "starte ein Training für 10 Minuten",
        "wie lange läuft mein Training noch",
        "wie lange noch",
        "Pause",
        "weiter",
        "noch fünf Minuten",
        "verlängere das Training um 5 Minuten",
        "wie viel Zeit bleibt noch",
        "wie viele Kalorien habe ich verbrannt",
        "pausiere den Spaziergang",
        "setze das Rückwärtsgehen fort",
        "beende das Workout",
        "stopp",
        "starte ein Workout",
        "das Training beenden",
        "zehn Minuten Rückwärtsgehen starten",
        "wie läuft meine Einheit",
        "beende die Trainingseinheit",
        "starte einen Spaziergang für eine halbe Stunde mit 2 km/h",
        "verlängere mein Workout um zehn Minuten",
        "wie lange dauert mein Spaziergang noch",
        "hör mit dem Training auf",
        "wie war meine Trainingswoche",
        "Wochenbilanz vom Training",
        "wie lange noch",
        "starte ein Training für Alex für 15 Minuten",
        "wie lange läuft Alex Training noch",
        "beende Alex Training",
        "starte ein Training für Sam für 20 Minuten",
        "Pause",
        "starte ein Training für Alex für zwanzig Minuten",
        "Pause",
        "pausiere Alex Spaziergang",
        "setze das Training von Sam fort",
        "wie läuft das Training von Sam",
        "verlängere das Training von Sam um 5 Minuten",
        "beende das Training von Sam",
        "wie lange noch",
        "stopp",
        "die Wochenbilanz vom Training für Sam",
        "starte ein Training",
        "Pause",
        "starte ein Rückwärtsgehen für Sam für eine Stunde",
        "wie viel Zeit bleibt noch",
        "Schluss",
    ],
    "fr": [
        "lance une séance de 10 minutes",
        "combien de temps reste-t-il dans ma séance",
        "encore combien de temps",
        "pause",
        "reprends",
        "ajoute cinq minutes",
        "ajoute 5 minutes à ma marche",
        "combien de temps il reste",
        "combien de calories j'ai brûlé",
        "mets la marche en pause",
        "reprends la marche",
        "arrête l'entraînement",
        "stop",
        "lance un entraînement",
        "termine l'entraînement",
        "démarre une séance de dix minutes",
        "comment se passe mon entraînement",
        "arrête la séance",
        "lance une marche arrière d'une demi-heure à 2 km/h",
        "prolonge mon entraînement de dix minutes",
        "combien de temps reste-t-il sur ma marche",
        "termine la marche à reculons",
        "comment s'est passée ma semaine de marche",
        "bilan de la semaine de mes séances",
        "encore combien de temps",
        "lance une séance pour Alex de 15 minutes",
        "où en est la séance d'Alex",
        "arrête la séance d'Alex",
        "lance une séance pour Sam de 20 minutes",
        "pause",
        "lance une séance pour Alex de vingt minutes",
        "pause",
        "mets la séance d'Alex en pause",
        "reprends la séance de Sam",
        "combien de temps reste-t-il dans la séance de Sam",
        "prolonge la séance de Sam de 5 minutes",
        "arrête la marche de Sam",
        "combien de temps reste-t-il",
        "stop",
        "bilan de la semaine des séances de Sam",
        "lance une séance",
        "pause",
        "lance une marche pour Sam d'une heure",
        "il reste combien de temps",
        "c'est fini",
    ],
    "es": [
        "empieza una sesión de 10 minutos",
        "cuánto tiempo queda de mi sesión",
        "cuánto falta",
        "pausa",
        "continúa",
        "añade cinco minutos",
        "añade 5 minutos a mi caminata",
        "cuánto tiempo queda",
        "cuántas calorías he quemado",
        "pausa la caminata",
        "reanuda el entrenamiento",
        "termina la caminata",
        "para",
        "empieza un entrenamiento",
        "para el entrenamiento",
        "inicia una caminata hacia atrás de diez minutos",
        "cómo va mi entrenamiento",
        "detén la sesión",
        "empieza una caminata de media hora a 2 km/h",
        "alarga mi entrenamiento en diez minutos",
        "cuánto tiempo me queda de caminata",
        "acaba el paseo",
        "cómo fue mi semana de entrenamiento",
        "resumen semanal de mis sesiones",
        "cuánto falta",
        "empieza una sesión para Alex de 15 minutos",
        "cómo va la sesión de Alex",
        "termina la sesión de Alex",
        "empieza una sesión para Sam de 20 minutos",
        "pausa",
        "empieza una sesión para Alex de veinte minutos",
        "pausa",
        "pausa la sesión de Alex",
        "reanuda la sesión de Sam",
        "cuánto tiempo le queda a la sesión de Sam",
        "alarga la sesión de Sam en 5 minutos",
        "para la caminata de Sam",
        "cuánto queda",
        "para",
        "resumen semanal de las sesiones de Sam",
        "empieza una sesión",
        "pausa",
        "empieza una caminata para Sam de una hora",
        "cuánto tiempo queda",
        "basta",
    ],
    "nl": [
        "start een training van 10 minuten",
        "hoe lang duurt mijn training nog",
        "hoe lang nog",
        "pauze",
        "ga door",
        "nog vijf minuten",
        "verleng de wandeling met 5 minuten",
        "hoeveel tijd nog",
        "hoeveel calorieën heb ik verbrand",
        "pauzeer de wandeling",
        "hervat de training",
        "stop met achteruit lopen",
        "stop",
        "start een workout",
        "stop de workout",
        "start een sessie van tien minuten",
        "hoe gaat mijn training",
        "beëindig de sessie",
        "start een wandeling van een half uur op 2 km/h",
        "verleng mijn workout met tien minuten",
        "hoe lang loopt mijn wandeling nog",
        "stop de training",
        "hoe ging mijn trainingsweek",
        "weekoverzicht van mijn sessies",
        "hoe lang nog",
        "start een training voor Alex van 15 minuten",
        "hoe gaat de training van Alex",
        "stop Alex training",
        "start een training voor Sam van 20 minuten",
        "pauze",
        "start een training voor Alex van twintig minuten",
        "pauze",
        "pauzeer de training van Alex",
        "hervat de training van Sam",
        "hoe lang duurt de training van Sam nog",
        "verleng de training van Sam met 5 minuten",
        "stop de training van Sam",
        "hoe lang nog",
        "stop",
        "weekoverzicht van de sessies van Sam",
        "start een training",
        "pauze",
        "start een wandeling voor Sam van een uur",
        "hoeveel tijd nog",
        "klaar",
    ],
}

# Home Assistant's requests: none of them may reach retrowalk.
UNRELATED: dict[str, list[str]] = {
    "en": [
        "turn on the kitchen light",
        "turn off the kitchen light",
        "set the kitchen light to 50 percent",
        "is the kitchen light on",
        "open the garage door",
        "close the garage door",
        "pause the music",
        "pause the kitchen speaker",
        "resume the music",
        "next track",
        "stop the music",
        "set the volume to 30 percent",
        "set a timer for 10 minutes",
        "how much time is left on my timer",
        "pause my timer",
        "cancel my timer",
        "add 5 minutes to my timer",
        "what's the weather",
        "what's the weather like today",
        "what time is it",
        "what is the date",
        "add milk to my shopping list",
        "add walking shoes to my shopping list",
        "what's on my shopping list",
        "start the vacuum session",
        "how did the solar panels do this week",
        "how many calories does the fridge use",
        "turn on the walk-in closet light",
        "never mind",
        "pause",
        "stop",
        "how much time is left",
    ],
    "de": [
        "schalte das Küchenlicht ein",
        "schalte das Küchenlicht aus",
        "dimme das Küchenlicht auf 50 Prozent",
        "ist das Küchenlicht an",
        "öffne das Garagentor",
        "schließe das Garagentor",
        "pausiere die Musik",
        "Musik pausieren",
        "setze die Musik fort",
        "nächster Titel",
        "stoppe die Musik",
        "stelle die Lautstärke auf 30 Prozent",
        "stelle einen Timer auf 10 Minuten",
        "wie viel Zeit ist noch auf meinem Timer",
        "pausiere meinen Timer",
        "brich meinen Timer ab",
        "füge 5 Minuten zu meinem Timer hinzu",
        "wie ist das Wetter",
        "wie wird das Wetter heute",
        "wie spät ist es",
        "welcher Tag ist heute",
        "füge Milch zur Einkaufsliste hinzu",
        "setze Laufschuhe auf die Einkaufsliste",
        "was steht auf meiner Einkaufsliste",
        "die Staubsauger Sitzung starten",
        "wie viele Kalorien verbraucht der Kühlschrank",
        "Wochenbilanz",
        "wie war meine Woche",
        "vergiss es",
        "pause",
        "stopp",
        "wie lange noch",
    ],
    "fr": [
        "allume la lumière de la cuisine",
        "éteins la lumière de la cuisine",
        "règle la lumière de la cuisine à 50 pour cent",
        "est-ce que la lumière de la cuisine est allumée",
        "ouvre la porte du garage",
        "ferme la porte du garage",
        "mets la musique en pause",
        "pause la musique",
        "reprends la musique",
        "chanson suivante",
        "arrête la musique",
        "mets le volume à 30 pour cent",
        "mets un minuteur de 10 minutes",
        "combien de temps reste-t-il sur mon minuteur",
        "mets mon minuteur en pause",
        "annule mon minuteur",
        "ajoute 5 minutes à mon minuteur",
        "quel temps fait-il",
        "quelle est la météo aujourd'hui",
        "quelle heure est-il",
        "quelle est la date",
        "ajoute du lait à la liste de courses",
        "ajoute des chaussures de marche à ma liste de courses",
        "qu'est-ce qu'il y a sur ma liste de courses",
        "lance l'aspirateur",
        "combien de calories consomme le frigo",
        "bilan de la semaine",
        "comment ça se passe cette semaine",
        "laisse tomber",
        "pause",
        "stop",
        "combien de temps reste-t-il",
    ],
    "es": [
        "enciende la luz de la cocina",
        "apaga la luz de la cocina",
        "pon la luz de la cocina al 50 por ciento",
        "está encendida la luz de la cocina",
        "abre la puerta del garaje",
        "cierra la puerta del garaje",
        "pausa la música",
        "pon la música en pausa",
        "reanuda la música",
        "siguiente canción",
        "para la música",
        "pon el volumen al 30 por ciento",
        "pon un temporizador de 10 minutos",
        "cuánto tiempo le queda a mi temporizador",
        "pausa mi temporizador",
        "cancela mi temporizador",
        "añade 5 minutos a mi temporizador",
        "qué tiempo hace",
        "qué tiempo hará hoy",
        "qué hora es",
        "qué día es hoy",
        "añade leche a la lista de la compra",
        "añade zapatillas para caminar a la lista de la compra",
        "qué hay en mi lista de la compra",
        "enciende la aspiradora",
        "cuántas calorías gasta la nevera",
        "resumen semanal",
        "cómo me fue esta semana",
        "olvídalo",
        "pausa",
        "para",
        "cuánto queda",
    ],
    "nl": [
        "zet het keukenlicht aan",
        "zet het keukenlicht uit",
        "zet het keukenlicht op 50 procent",
        "is het keukenlicht aan",
        "open de garagedeur",
        "sluit de garagedeur",
        "pauzeer de muziek",
        "zet de muziek op pauze",
        "hervat de muziek",
        "volgend nummer",
        "stop de muziek",
        "zet het volume op 30 procent",
        "zet een timer voor 10 minuten",
        "hoeveel tijd heeft mijn timer nog",
        "pauzeer mijn timer",
        "annuleer mijn timer",
        "voeg 5 minuten toe aan mijn timer",
        "wat voor weer is het",
        "hoe wordt het weer vandaag",
        "hoe laat is het",
        "welke dag is het vandaag",
        "zet melk op de boodschappenlijst",
        "zet wandelschoenen op mijn boodschappenlijst",
        "wat staat er op mijn boodschappenlijst",
        "start de stofzuigersessie",
        "hoeveel calorieën verbruikt de koelkast",
        "weekoverzicht",
        "hoe was mijn week",
        "laat maar",
        "pauze",
        "stop",
        "hoe lang nog",
    ],
}
BARE_ONLY = 3
"""The last requests of each list are bare commands: retrowalk's while a session is on."""
DEVICE = "satellite"

# What Home Assistant 2025.4 and the newest release both answer (the rest they
# answer differently or not at all; retrowalk answers none of them).
HA_INTENTS: dict[str, dict[str, str]] = {
    "en": {
        "turn on the kitchen light": "HassTurnOn",
        "turn off the kitchen light": "HassTurnOff",
        "is the kitchen light on": "HassGetState",
        "pause the kitchen speaker": "HassMediaPause",
        "next track": "HassMediaNext",
        "set the volume to 30 percent": "HassSetVolume",
        "set a timer for 10 minutes": "HassStartTimer",
        "how much time is left on my timer": "HassTimerStatus",
        "pause my timer": "HassPauseTimer",
        "cancel my timer": "HassCancelTimer",
        "what time is it": "HassGetCurrentTime",
        "what is the date": "HassGetCurrentDate",
        "never mind": "HassNevermind",
        "pause": "HassMediaPause",
    },
    "de": {
        "nächster Titel": "HassMediaNext",
        "stelle die Lautstärke auf 30 Prozent": "HassSetVolume",
        "stelle einen Timer auf 10 Minuten": "HassStartTimer",
        "pausiere meinen Timer": "HassPauseTimer",
        "wie spät ist es": "HassGetCurrentTime",
        "welcher Tag ist heute": "HassGetCurrentDate",
        "vergiss es": "HassNevermind",
        "pause": "HassMediaPause",
        "stopp": "HassMediaPause",
    },
    "fr": {
        "allume la lumière de la cuisine": "HassTurnOn",
        "éteins la lumière de la cuisine": "HassTurnOff",
        "mets la musique en pause": "HassMediaPause",
        "chanson suivante": "HassMediaNext",
        "arrête la musique": "HassMediaPause",
        "mets le volume à 30 pour cent": "HassSetVolume",
        "mets un minuteur de 10 minutes": "HassStartTimer",
        "combien de temps reste-t-il sur mon minuteur": "HassTimerStatus",
        "mets mon minuteur en pause": "HassPauseTimer",
        "annule mon minuteur": "HassCancelTimer",
        "quelle heure est-il": "HassGetCurrentTime",
        "quelle est la date": "HassGetCurrentDate",
        "pause": "HassMediaPause",
        "combien de temps reste-t-il": "HassTimerStatus",
    },
    "es": {
        "enciende la luz de la cocina": "HassTurnOn",
        "apaga la luz de la cocina": "HassTurnOff",
        "siguiente canción": "HassMediaNext",
        "pon el volumen al 30 por ciento": "HassSetVolume",
        "pon un temporizador de 10 minutos": "HassStartTimer",
        "cuánto tiempo le queda a mi temporizador": "HassTimerStatus",
        "pausa mi temporizador": "HassPauseTimer",
        "cancela mi temporizador": "HassCancelTimer",
        "qué hora es": "HassGetCurrentTime",
        "qué día es hoy": "HassGetCurrentDate",
        "olvídalo": "HassNevermind",
        "pausa": "HassMediaPause",
        "para": "HassMediaPause",
    },
    "nl": {
        "zet het keukenlicht aan": "HassTurnOn",
        "zet het keukenlicht uit": "HassTurnOff",
        "pauzeer de muziek": "HassMediaPause",
        "zet de muziek op pauze": "HassMediaPause",
        "stop de muziek": "HassMediaPause",
        "zet het volume op 30 procent": "HassSetVolume",
        "zet een timer voor 10 minuten": "HassStartTimer",
        "pauzeer mijn timer": "HassPauseTimer",
        "annuleer mijn timer": "HassCancelTimer",
        "hoe laat is het": "HassGetCurrentTime",
        "welke dag is het vandaag": "HassGetCurrentDate",
        "laat maar": "HassNevermind",
        "pauze": "HassMediaPause",
        "stop": "HassMediaPause",
    },
}


@pytest.fixture
def answers() -> Iterator[AsyncMock]:
    """Every request a retrowalk sentence matched, still answered as before."""
    mock = AsyncMock(side_effect=triggers.async_answer)
    with patch.object(triggers, "async_answer", mock):
        yield mock


AREA = {"en": "Kitchen", "de": "Küche", "fr": "Cuisine", "es": "Cocina", "nl": "Keuken"}
NAMES = {
    "light": {
        "en": "Kitchen light",
        "de": "Küchenlicht",
        "fr": "Plafonnier",
        "es": "Lámpara",
        "nl": "Keukenlicht",
    },
    "cover": {
        "en": "Garage door",
        "de": "Garagentor",
        "fr": "Porte du garage",
        "es": "Puerta del garaje",
        "nl": "Garagedeur",
    },
    "media_player": {
        "en": "Kitchen speaker",
        "de": "Küchenlautsprecher",
        "fr": "Enceinte",
        "es": "Altavoz",
        "nl": "Speaker",
    },
}
SERVICES = {
    "light": ("turn_on", "turn_off"),
    "cover": ("open_cover", "close_cover"),
    "media_player": ("media_pause", "media_play", "media_stop", "media_next_track",
                     "volume_set"),
}  # fmt: skip
STATES = {
    "light": ("on", {}),
    "cover": ("closed", {"supported_features": 3}),
    "media_player": (
        "playing",
        {
            "supported_features": MediaPlayerEntityFeature.PAUSE
            | MediaPlayerEntityFeature.PLAY
            | MediaPlayerEntityFeature.STOP
            | MediaPlayerEntityFeature.NEXT_TRACK
            | MediaPlayerEntityFeature.VOLUME_SET
        },
    ),
}


async def async_home(hass: HomeAssistant, language: str) -> tuple[str, dict[str, Any]]:
    """Assist with a light, a garage door and a playing speaker in the satellite's room.

    Returns the satellite's device id and the service calls and timers to watch.
    """
    for component in ("homeassistant", "conversation", "intent", "media_player"):
        assert await async_setup_component(hass, component, {})
    area = ar.async_get(hass).async_create(AREA[language])
    entry = MockConfigEntry(domain="test")
    entry.add_to_hass(hass)
    device = dr.async_get(hass).async_get_or_create(
        config_entry_id=entry.entry_id, identifiers={("test", DEVICE)}
    )
    dr.async_get(hass).async_update_device(device.id, area_id=area.id)
    entities = er.async_get(hass)
    watched: dict[str, Any] = {}
    for domain, names in NAMES.items():
        entity = entities.async_get_or_create(domain, "test", domain)
        entities.async_update_entity(entity.entity_id, area_id=area.id)
        state, attributes = STATES[domain]
        hass.states.async_set(
            entity.entity_id, state, {"friendly_name": names[language], **attributes}
        )
        for service in SERVICES[domain]:
            watched[service] = async_mock_service(hass, domain, service)
    timers: list[intent.TimerInfo] = []
    async_register_timer_handler(
        hass, device.id, lambda event, timer: timers.append(timer)
    )
    watched["timers"] = timers
    return device.id, watched


async def say(
    hass: HomeAssistant, text: str, language: str, device_id: str | None = None
) -> conversation.ConversationResult:
    """Talk to the default agent as a satellite would."""
    result = await conversation.async_converse(
        hass, text, None, Context(), language=language, device_id=device_id
    )
    await hass.async_block_till_done()
    return result


def session(person: RetrowalkData | None) -> str:
    """``off``, ``on`` or ``paused``."""
    if person is None or not person.controller.running:
        return "off"
    return "paused" if person.controller.paused else "on"


@pytest.mark.freeze_time(START)
@pytest.mark.parametrize("language", LANGUAGES)
async def test_retrowalk_phrasings(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    add_person: AddPerson,
    answers: AsyncMock,
    language: str,
) -> None:
    """At least 40 phrasings per language reach retrowalk, and only they."""
    await async_home(hass, language)
    said = SAID[language]
    assert len(said) == len(STEPS)
    assert sum(expected is not None for _, expected, _, _ in STEPS) >= 40
    alex = (await add_person()).runtime_data
    sam: RetrowalkData | None = None
    for index, (text, (minutes, expected, alex_after, sam_after)) in enumerate(
        zip(said, STEPS, strict=True)
    ):
        if index == SAM_JOINS:
            sam = (await add_person("Sam")).runtime_data
        if minutes:
            freezer.tick(timedelta(minutes=minutes))
            async_fire_time_changed(hass)
            await hass.async_block_till_done()
        calls = answers.await_count
        result = await say(hass, text, language)
        answer = result.response.speech["plain"]["speech"]
        step = (index, text, answer)
        if expected is None:
            assert answers.await_count == calls, step
        else:
            assert answers.await_count == calls + 1, step
            assert all(part in answer for part in expected), step
        assert (session(alex), session(sam)) == (alex_after, sam_after), step


@pytest.mark.parametrize("language", LANGUAGES)
async def test_home_assistant_keeps_its_requests(
    hass: HomeAssistant,
    alex: MockConfigEntry,
    answers: AsyncMock,
    language: str,
) -> None:
    """At least 30 requests per language stay Home Assistant's, with or without a session.

    Bare "pause" and "stop" with no session on pause the playing speaker or
    stay unanswered, while an Assist timer runs; never retrowalk.
    """
    device_id, watched = await async_home(hass, language)
    requests = UNRELATED[language]
    assert len(requests) >= 30
    answered: dict[str, str] = {}
    for text in requests:
        response = (await say(hass, text, language, device_id)).response
        if response.intent is not None:
            answered[text] = response.intent.intent_type
    answers.assert_not_called()
    expected = HA_INTENTS[language]
    assert {text: answered.get(text) for text in expected} == expected
    assert watched["timers"], "the timer was set"
    assert watched["media_pause"], "the speaker was paused"
    controller = alex.runtime_data.controller
    assert not controller.running
    # With a session on the bare commands are retrowalk's; the rest stays Home Assistant's.
    await controller.async_start(600, 0.6, acknowledge=True)
    await hass.async_block_till_done()
    for text in requests[:-BARE_ONLY]:
        response = (await say(hass, text, language, device_id)).response
        if text in expected:
            assert response.intent is not None, text
            assert response.intent.intent_type == expected[text], text
    answers.assert_not_called()
    assert controller.running
