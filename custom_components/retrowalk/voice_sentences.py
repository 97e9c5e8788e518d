"""Sentences the built-in conversation agent understands, per intent.

They are hassil templates for conversation triggers: ``(a|b)`` alternatives,
``[x]`` optional words and ``{name}`` wildcards whose raw text the trigger
hands over: ``{details}`` (person, duration, speed of a start),
``{length_min}`` / ``{length_h}`` (a duration said before "minutes" /
"hours"), ``{person}`` and ``{minutes}``. Triggers are matched before Home
Assistant's own intents and a matched trigger always answers, so every
sentence names the session, the walk or backward walking, and a wildcard only
follows such words ("pause the session for {person}"). Where a name comes
first ("pause Sam's session", "how did Sam do with the walks this week") the
configured people's names are spelled out instead of a wildcard, so "start the
vacuum session" or "how did the solar panels do this week" stay with Home
Assistant. Wildcards are parsed by :mod:`.voice_parse`.
"""

from __future__ import annotations

from collections.abc import Sequence
import re

from .intent import (
    INTENT_EXTEND,
    INTENT_PAUSE,
    INTENT_RESUME,
    INTENT_START,
    INTENT_STATUS,
    INTENT_STOP,
    INTENT_SUMMARY,
)
from .voice_parse import normalize

EN_S = (
    "(session|workout|retro walk|retrowalk|backward walk|backwards walk|"
    "walking session|retro walking session|backward walking session)"
)
EN_SS = (
    "(sessions|workouts|retro walks|backward walks|backwards walks|walks|"
    "backward walking|backwards walking|retro walking|retrowalk)"
)
EN_W = (
    "(walking|retro walk|retro walking|backward walking|backwards walking|"
    "session|workout|retrowalk)"
)
EN_A = "[a|an|the|my|new]"
DE_S = (
    "(sitzung|einheit|trainingseinheit|rückwärtsgehen|rückwärtslauf|training|"
    "retrowalk|retro walk)"
)
DE_A = "[ein|eine|die|meine|das|den|mein|meinen]"
DE_W = "(wochenzusammenfassung|wochenbilanz|wochenbericht)"
FR_S = "(séance|session|marche arrière|marche à reculons|retrowalk|retro walk)"
FR_A = "[une|la|ma|mon]"
FR_W = (
    "(de marche arrière|de marche à reculons|des séances|de mes séances|de retrowalk)"
)
NAME = "{NAME}"
"""Stands for the configured people's names (and their possessives)."""


def spoken(text: str) -> str:
    """Text as the sentences spell names: lower case, only letters and spaces."""
    return " ".join(re.sub(r"[^\w ]", "", normalize(text)).split())


def spoken_names(names: Sequence[str]) -> dict[str, str]:
    """Every way a name is spelled in the sentences, mapped to its person.

    "J.R." is said "jr", "jr's" or "jrs". A name itself beats another's
    possessive ("Kims" is not "Kim's"); otherwise the first person wins.
    """
    bases: dict[str, str] = {}
    for name in names:
        if said := spoken(name):
            bases.setdefault(said, name)
    forms: dict[str, str] = {}
    for said, name in bases.items():
        for form in (said, f"{said}'s", f"{said}s"):
            forms.setdefault(form, bases.get(form, name))
    return forms


def name_said(text: str, names: Sequence[str]) -> str | None:
    """The person whose spoken name ``text`` contains (longest form first)."""
    words = f" {spoken(text)} "
    forms = spoken_names(names)
    for form in sorted(forms, key=len, reverse=True):
        if f" {form} " in words:
            return forms[form]
    return None


def _names(names: Sequence[str]) -> str | None:
    """The names as one hassil alternative, or None when none can be said."""
    forms = spoken_names(names)
    return f"({'|'.join(forms)})" if forms else None


def _expand(templates: list[str], names: str | None) -> list[str]:
    return [
        template.format(
            EN_S=EN_S,
            EN_SS=EN_SS,
            EN_W=EN_W,
            EN_A=EN_A,
            DE_S=DE_S,
            DE_A=DE_A,
            DE_W=DE_W,
            FR_S=FR_S,
            FR_A=FR_A,
            FR_W=FR_W,
            NAME=names,
        )
        for template in templates
        if names is not None or NAME not in template
    ]


TEMPLATES: dict[str, list[str]] = {
    INTENT_START: [
        # English
        "(start|begin) {EN_A} {EN_S} [now]",
        "(start|begin) {EN_A} {EN_S} {{details}}",
        "(start|begin) [a|an|my] {{length_min}} (minute|minutes|min) {EN_S}",
        "(start|begin) [a|an|my] {{length_h}} (hour|hours) {EN_S}",
        "(start|begin) (walking|to walk) backward[s] [now]",
        "(start|begin) (walking|to walk) backward[s] {{details}}",
        "(let's|let us|i want to) (walk|go) backward[s] [now]",
        "(let's|let us|i want to) (walk|go) backward[s] {{details}}",
        # German
        "(starte|beginne|start) {DE_A} {DE_S} [jetzt]",
        "(starte|beginne|start) {DE_A} {DE_S} {{details}}",
        "{DE_A} {DE_S} (starten|beginnen)",
        "{{length_min}} (minute|minuten) {DE_S} (starten|beginnen)",
        "{{length_h}} (stunde|stunden) {DE_S} (starten|beginnen)",
        "(ich will|lass uns) [jetzt] rückwärts gehen",
        "(ich will|lass uns) {{details}} rückwärts gehen",
        # French
        "(lance|démarre|commence|démarrer|lancer) {FR_A} {FR_S} [maintenant]",
        "(lance|démarre|commence|démarrer|lancer) {FR_A} {FR_S} {{details}}",
        "(je veux|on va) marcher à reculons [maintenant]",
        "(je veux|on va) marcher à reculons {{details}}",
    ],
    INTENT_PAUSE: [
        "(pause|hold) {EN_A} {EN_S}",
        "(pause|hold) {EN_A} {EN_S} (for|of) {{person}}",
        "(pause|hold) {NAME} {EN_S}",
        "put {EN_A} {EN_S} on hold",
        "(pausiere|unterbrich|pausier) {DE_A} {DE_S}",
        "(pausiere|unterbrich|pausier) {DE_A} {DE_S} von {{person}}",
        "{DE_A} {DE_S} (pausieren|unterbrechen|anhalten)",
        "{DE_A} {DE_S} von {{person}} (pausieren|unterbrechen|anhalten)",
        "(mets|mettre) {FR_A} {FR_S} en pause",
        "(mets|mettre) {FR_A} {FR_S} {{person}} en pause",
        "pause {FR_A} {FR_S}",
    ],
    INTENT_RESUME: [
        "(resume|continue|unpause|restart) {EN_A} {EN_S}",
        "(resume|continue|unpause|restart) {EN_A} {EN_S} (for|of) {{person}}",
        "(resume|continue|unpause) {NAME} {EN_S}",
        "(keep|carry on|go on) walking backward[s]",
        "(setze|setz) {DE_A} {DE_S} fort",
        "(setze|setz) {DE_A} {DE_S} von {{person}} fort",
        "{DE_A} {DE_S} (fortsetzen|weiterführen)",
        "{DE_A} {DE_S} von {{person}} (fortsetzen|weiterführen)",
        "(reprends|reprendre|continue|relance) {FR_A} {FR_S}",
        "(reprends|reprendre|continue|relance) {FR_A} {FR_S} {{person}}",
    ],
    INTENT_STOP: [
        "(stop|end|finish|cancel) {EN_A} {EN_S}",
        "(stop|end|finish|cancel) {EN_A} {EN_S} (for|of) {{person}}",
        "(stop|end|finish|cancel) {NAME} {EN_S}",
        "stop walking backward[s]",
        "(beende|stoppe|stopp|stoppen) {DE_A} {DE_S}",
        "(beende|stoppe|stopp) {DE_A} {DE_S} von {{person}}",
        "{DE_A} {DE_S} (beenden|stoppen|abbrechen)",
        "{DE_A} {DE_S} von {{person}} (beenden|stoppen|abbrechen)",
        "(arrête|termine|stoppe|finis|arrêter|terminer) {FR_A} {FR_S}",
        "(arrête|termine|stoppe|finis) {FR_A} {FR_S} {{person}}",
    ],
    INTENT_EXTEND: [
        "(extend|lengthen|prolong) {EN_A} {EN_S} by {{minutes}}",
        "(extend|lengthen|prolong) {EN_A} {EN_S} (for|of) {{person}} by {{minutes}}",
        "(extend|lengthen|prolong) {NAME} {EN_S} by {{minutes}}",
        "add {{minutes}} to {EN_A} {EN_S}",
        "add {{minutes}} to {NAME} {EN_S}",
        "verlängere {DE_A} {DE_S} um {{minutes}}",
        "verlängere {DE_A} {DE_S} von {{person}} um {{minutes}}",
        "{DE_A} {DE_S} um {{minutes}} verlängern",
        "(prolonge|rallonge) {FR_A} {FR_S} de {{minutes}}",
        "(prolonge|rallonge) {FR_A} {FR_S} {{person}} de {{minutes}}",
        "ajoute {{minutes}} (à|a) {FR_A} {FR_S}",
    ],
    INTENT_STATUS: [
        "how (much time|long) is left (on|in|of) {EN_A} {EN_S}",
        "how (much time|long) is left (on|in|of) {NAME} {EN_S}",
        "how much longer is {EN_A} {EN_S}",
        "how is {EN_A} {EN_S} going",
        "how is {NAME} {EN_S} going",
        "(what is|what's|give me) {EN_A} {EN_S} status",
        "{EN_S} status",
        "status of {EN_A} {EN_S}",
        "how many calories (have i burned|did i burn) [so far] (in|on|during) {EN_A} {EN_S}",
        "how many calories (has {NAME} burned|did {NAME} burn) [so far] (in|on|during) [the|his|her|their] {EN_S}",
        "wie lange (läuft|geht|dauert) {DE_A} {DE_S} noch",
        "wie lange (läuft|geht|dauert) {DE_A} {DE_S} von {{person}} noch",
        "wie viel zeit bleibt [noch] (bei|in) {DE_A} {DE_S}",
        "wie läuft {DE_A} {DE_S}",
        "wie läuft {DE_A} {DE_S} von {{person}}",
        "{DE_S} status",
        "status {DE_A} {DE_S}",
        "wie viele kalorien habe ich [bisher|schon] (beim|im|in der|bei der) {DE_S} verbrannt",
        "combien de temps (il reste|reste-t-il|reste t il) (dans|pour|sur) {FR_A} {FR_S}",
        "combien de temps reste-t-il (dans|pour|sur) {FR_A} {FR_S} {{person}}",
        "où en est {FR_A} {FR_S}",
        "où en est {FR_A} {FR_S} {{person}}",
        "comment se passe {FR_A} {FR_S}",
        "(statut|état) de {FR_A} {FR_S}",
        "combien de calories (j'ai|ai-je) brûlé[es] (pendant|dans|durant|pour) {FR_A} {FR_S}",
    ],
    INTENT_SUMMARY: [
        "[give me] [my|the] weekly {EN_W} (summary|report|progress)",
        "[give me] [the] weekly {EN_W} (summary|report|progress) (for|of) {{person}}",
        "[give me] [my|the] {EN_W} (summary|report|progress) (of|for) this week",
        "how (did i do|am i doing) (with|on|in) [my|the] {EN_SS} this week",
        "how (did {NAME} do|is {NAME} doing) (with|on|in) [his|her|their|the] {EN_SS} this week",
        "(what is|what's) my weekly {EN_W} (summary|progress)",
        "[meine|die] {DE_W} [vom|fürs|für das|beim] {DE_S}",
        "[die] {DE_W} [vom|fürs|für das|beim] {DE_S} (für|von) {{person}}",
        "wie war meine (trainingswoche|woche beim {DE_S})",
        "wie war die (trainingswoche|woche beim {DE_S}) von {{person}}",
        "wie viel habe ich diese woche trainiert",
        "[mon|le] (résumé|bilan) (de la semaine|hebdomadaire) {FR_W}",
        "[le] (résumé|bilan) (de la semaine|hebdomadaire) {FR_W} {{person}}",
        "comment s'est passée ma semaine de (marche arrière|marche à reculons|séances)",
        "comment se (passent|sont passées) mes séances cette semaine",
    ],
}


def sentences(names: Sequence[str]) -> dict[str, list[str]]:
    """The sentences per intent for the people called ``names``."""
    spoken = _names(names)
    return {
        intent: _expand(templates, spoken) for intent, templates in TEMPLATES.items()
    }
