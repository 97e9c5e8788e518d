"""What the voice intents say, per language, with naturally spoken numbers.

Refusals reuse the ``exceptions`` translations; this table holds the answers
that only voice needs. English is the fallback for other languages.
"""

from __future__ import annotations

from collections.abc import Sequence
import math

from ..const import SessionPhase
from .parse import base_language

RESPONSES: dict[str, dict[str, str]] = {
    "en": {
        "started": "Started a session of {duration} for {name} at {speed}.",
        "warnings": "Take care: {reasons}.",
        "paused": "Paused {name}'s session, {left} left.",
        "resumed": "Resumed {name}'s session, {left} left.",
        "stopped": "Stopped {name}'s session after {walked}, {kcal} kcal.",
        "stopped_short": "Stopped {name}'s session after {walked}: too short to be saved.",
        "extended": "Added {added} to {name}'s session, {left} left now.",
        "status": "{name} is {phase}: {left} left, {walked} walked, {kcal} kcal so far.",
        "status_paused": "{name}'s session is paused: {left} left, {walked} walked, {kcal} kcal so far.",
        "status_idle": "{name} has no session running.",
        "summary": "This week {name} did {sessions}, {minutes} and {kcal} kcal: {progress} percent of the weekly goal.",
        "which_person": "Whose session? {names}?",
        "unknown_person": "I don't know {heard}. Whose session? {names}?",
        "did_you_mean": "I don't know {heard}; did you mean {names}?",
        "no_people": "No retrowalk person is set up.",
        "not_understood": "I didn't catch a duration in “{heard}”.",
        "or": "or",
        "minute": "1 minute",
        "minutes": "{n} minutes",
        "second": "1 second",
        "seconds": "{n} seconds",
        "session": "1 session",
        "sessions": "{n} sessions",
        "phase_warmup": "warming up",
        "phase_active": "walking backward",
        "phase_cooldown": "cooling down",
    },
    "de": {
        "started": "{duration} Training für {name} mit {speed} gestartet.",
        "warnings": "Pass auf: {reasons}.",
        "paused": "Training von {name} pausiert, noch {left}.",
        "resumed": "Training von {name} geht weiter, noch {left}.",
        "stopped": "Training von {name} nach {walked} beendet, {kcal} kcal.",
        "stopped_short": "Training von {name} nach {walked} beendet: zu kurz, um gespeichert zu werden.",
        "extended": "{added} zum Training von {name} hinzugefügt, jetzt noch {left}.",
        "status": "{name} ist beim {phase}: noch {left}, {walked} gegangen, bisher {kcal} kcal.",
        "status_paused": "Das Training von {name} ist pausiert: noch {left}, {walked} gegangen, bisher {kcal} kcal.",
        "status_idle": "{name} hat gerade kein Training.",
        "summary": "Diese Woche hat {name} {sessions}, {minutes} und {kcal} kcal geschafft: {progress} Prozent des Wochenziels.",
        "which_person": "Wessen Training? {names}?",
        "unknown_person": "{heard} kenne ich nicht. Wessen Training? {names}?",
        "did_you_mean": "{heard} kenne ich nicht. Meinst du {names}?",
        "no_people": "Es ist keine Retrowalk-Person eingerichtet.",
        "not_understood": "In „{heard}“ habe ich keine Dauer erkannt.",
        "or": "oder",
        "minute": "1 Minute",
        "minutes": "{n} Minuten",
        "second": "1 Sekunde",
        "seconds": "{n} Sekunden",
        "session": "1 Training",
        "sessions": "{n} Trainings",
        "phase_warmup": "Aufwärmen",
        "phase_active": "Rückwärtsgehen",
        "phase_cooldown": "Abkühlen",
    },
    "fr": {
        "started": "Séance de {duration} à {speed} lancée pour {name}.",
        "warnings": "Attention : {reasons}.",
        "paused": "Séance en pause pour {name}, il reste {left}.",
        "resumed": "Séance reprise pour {name}, il reste {left}.",
        "stopped": "Séance arrêtée pour {name} après {walked}, {kcal} kcal.",
        "stopped_short": "Séance arrêtée pour {name} après {walked} : trop courte pour être enregistrée.",
        "extended": "{added} de plus pour {name}, il reste maintenant {left}.",
        "status": "{name} est en {phase} : il reste {left}, {walked} de marche, {kcal} kcal jusqu'ici.",
        "status_paused": "Séance en pause pour {name} : il reste {left}, {walked} de marche, {kcal} kcal jusqu'ici.",
        "status_idle": "{name} n'a pas de séance en cours.",
        "summary": "Cette semaine, {name} a fait {sessions}, {minutes} et {kcal} kcal : {progress} pour cent de l'objectif hebdomadaire.",
        "which_person": "La séance de qui ? {names} ?",
        "unknown_person": "Je ne connais pas {heard}. La séance de qui ? {names} ?",
        "did_you_mean": "Je ne connais pas {heard}. Vouliez-vous dire {names} ?",
        "no_people": "Aucune personne Retrowalk n'est configurée.",
        "not_understood": "Je n'ai pas reconnu de durée dans « {heard} ».",
        "or": "ou",
        "minute": "1 minute",
        "minutes": "{n} minutes",
        "second": "1 seconde",
        "seconds": "{n} secondes",
        "session": "1 séance",
        "sessions": "{n} séances",
        "phase_warmup": "échauffement",
        "phase_active": "marche arrière",
        "phase_cooldown": "retour au calme",
    },
    "es": {
        "started": "Sesión de {duration} a {speed} iniciada para {name}.",
        "warnings": "Cuidado: {reasons}.",
        "paused": "Sesión de {name} en pausa, quedan {left}.",
        "resumed": "Sesión de {name} reanudada, quedan {left}.",
        "stopped": "Sesión de {name} detenida tras {walked}, {kcal} kcal.",
        "stopped_short": "Sesión de {name} detenida tras {walked}: demasiado corta para guardarse.",
        "extended": "{added} más para la sesión de {name}, ahora quedan {left}.",
        "status": "{name} está en {phase}: quedan {left}, {walked} caminados, {kcal} kcal hasta ahora.",
        "status_paused": "La sesión de {name} está en pausa: quedan {left}, {walked} caminados, {kcal} kcal hasta ahora.",
        "status_idle": "{name} no tiene ninguna sesión en curso.",
        "summary": "Esta semana {name} hizo {sessions}, {minutes} y {kcal} kcal: {progress} por ciento del objetivo semanal.",
        "which_person": "¿La sesión de quién? ¿{names}?",
        "unknown_person": "No conozco a {heard}. ¿La sesión de quién? ¿{names}?",
        "did_you_mean": "No conozco a {heard}. ¿Querías decir {names}?",
        "no_people": "No hay ninguna persona de Retrowalk configurada.",
        "not_understood": "No he reconocido una duración en «{heard}».",
        "or": "o",
        "minute": "1 minuto",
        "minutes": "{n} minutos",
        "second": "1 segundo",
        "seconds": "{n} segundos",
        "session": "1 sesión",
        "sessions": "{n} sesiones",
        "phase_warmup": "calentamiento",
        "phase_active": "marcha atrás",
        "phase_cooldown": "vuelta a la calma",
    },
    "nl": {
        "started": "Sessie van {duration} op {speed} gestart voor {name}.",
        "warnings": "Let op: {reasons}.",
        "paused": "Sessie van {name} gepauzeerd, nog {left}.",
        "resumed": "Sessie van {name} hervat, nog {left}.",
        "stopped": "Sessie van {name} gestopt na {walked}, {kcal} kcal.",
        "stopped_short": "Sessie van {name} gestopt na {walked}: te kort om op te slaan.",
        "extended": "{added} toegevoegd aan de sessie van {name}, nu nog {left}.",
        "status": "{name} is bezig met {phase}: nog {left}, {walked} gelopen, tot nu toe {kcal} kcal.",
        "status_paused": "De sessie van {name} is gepauzeerd: nog {left}, {walked} gelopen, tot nu toe {kcal} kcal.",
        "status_idle": "{name} heeft geen sessie lopen.",
        "summary": "Deze week deed {name} {sessions}, {minutes} en {kcal} kcal: {progress} procent van het weekdoel.",
        "which_person": "Wiens sessie? {names}?",
        "unknown_person": "{heard} ken ik niet. Wiens sessie? {names}?",
        "did_you_mean": "{heard} ken ik niet. Bedoelde je {names}?",
        "no_people": "Er is geen Retrowalk-persoon ingesteld.",
        "not_understood": "Ik hoorde geen duur in „{heard}”.",
        "or": "of",
        "minute": "1 minuut",
        "minutes": "{n} minuten",
        "second": "1 seconde",
        "seconds": "{n} seconden",
        "session": "1 sessie",
        "sessions": "{n} sessies",
        "phase_warmup": "opwarmen",
        "phase_active": "achteruitlopen",
        "phase_cooldown": "afkoelen",
    },
}


class Speech:
    """The voice answers of one language."""

    def __init__(self, language: str | None) -> None:
        """Pick the table for ``language`` (``de-DE`` reads as ``de``)."""
        self.language = base_language(language)
        self._table = RESPONSES.get(self.language, RESPONSES["en"])

    def say(self, key: str, **values: object) -> str:
        """The answer ``key`` with ``values`` filled in."""
        return self._table[key].format(**values)

    def minutes(self, seconds: float, *, short_in_seconds: bool = True) -> str:
        """A length spoken: "12 minutes", "1 minute"; under a minute "40 seconds".

        Without ``short_in_seconds`` (a week's total) always in minutes.
        """
        seconds = max(0.0, seconds)
        if short_in_seconds and seconds < 59.5:
            count, one, many = math.floor(seconds + 0.5), "second", "seconds"
        else:
            count, one, many = math.floor(seconds / 60 + 0.5), "minute", "minutes"
        if count == 1:
            return self._table[one]
        return self._table[many].format(n=count)

    def number(self, text: str) -> str:
        """A figure with the language's decimal separator ("2,5 km/h")."""
        return text if self.language == "en" else text.replace(".", ",")

    def sessions(self, count: int) -> str:
        """A count of sessions, spoken."""
        if count == 1:
            return self._table["session"]
        return self._table["sessions"].format(n=count)

    def phase(self, phase: SessionPhase) -> str:
        """What someone in ``phase`` is doing."""
        return self._table.get(f"phase_{phase.value}", phase.value)

    def either(self, names: Sequence[str]) -> str:
        """Names joined for speech: "Alex or Sam", "Alex, Kim or Sam"."""
        if len(names) < 2:
            return "".join(names)
        return f"{', '.join(names[:-1])} {self._table['or']} {names[-1]}"


def kcal(value: float) -> int:
    """Energy rounded to whole kilocalories for speech."""
    return round(value)
