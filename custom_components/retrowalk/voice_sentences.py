"""Sentences the built-in conversation agent understands, per intent.

They are hassil templates for conversation triggers: ``(a|b)`` alternatives,
``[x]`` optional words and ``{name}`` wildcards whose raw text the trigger
hands over: ``{details}`` (person, duration, speed of a start), ``{person}``
and ``{minutes}``. Triggers are matched before Home Assistant's own intents,
so every sentence names the session, the walk or the week to stay clear of
media, timers and lights. Wildcards are parsed by :mod:`.voice_parse`.
"""

from __future__ import annotations

from .intent import (
    INTENT_EXTEND,
    INTENT_PAUSE,
    INTENT_RESUME,
    INTENT_START,
    INTENT_STATUS,
    INTENT_STOP,
    INTENT_SUMMARY,
)

EN_S = (
    "(session|workout|retro walk|retrowalk|backward walk|backwards walk|"
    "walking session|retro walking session|backward walking session)"
)
EN_A = "[a|an|the|my|new]"
DE_S = (
    "(sitzung|einheit|trainingseinheit|rückwärtsgehen|rückwärtslauf|training|"
    "retrowalk|retro walk)"
)
DE_A = "[ein|eine|die|meine|das|den|mein|meinen]"
FR_S = "(séance|session|marche arrière|marche à reculons|retrowalk|retro walk)"
FR_A = "[une|la|ma|mon]"


def _expand(sentences: list[str]) -> list[str]:
    return [
        sentence.format(
            EN_S=EN_S, EN_A=EN_A, DE_S=DE_S, DE_A=DE_A, FR_S=FR_S, FR_A=FR_A
        )
        for sentence in sentences
    ]


SENTENCES: dict[str, list[str]] = {
    INTENT_START: _expand(
        [
            # English
            "(start|begin) {EN_A} {EN_S} [now]",
            "(start|begin) {EN_A} {EN_S} {{details}}",
            "(start|begin) [a|an|my] {{details}} {EN_S}",
            "(start|begin) (walking|to walk) backward[s] [now]",
            "(start|begin) (walking|to walk) backward[s] {{details}}",
            "(let's|let us|i want to) (walk|go) backward[s] [now]",
            "(let's|let us|i want to) (walk|go) backward[s] {{details}}",
            # German
            "(starte|beginne|start) {DE_A} {DE_S} [jetzt]",
            "(starte|beginne|start) {DE_A} {DE_S} {{details}}",
            "{DE_A} {DE_S} (starten|beginnen)",
            "{{details}} {DE_S} (starten|beginnen)",
            "(ich will|lass uns) [jetzt] rückwärts gehen",
            "(ich will|lass uns) {{details}} rückwärts gehen",
            # French
            "(lance|démarre|commence|démarrer|lancer) {FR_A} {FR_S} [maintenant]",
            "(lance|démarre|commence|démarrer|lancer) {FR_A} {FR_S} {{details}}",
            "(je veux|on va) marcher à reculons [maintenant]",
            "(je veux|on va) marcher à reculons {{details}}",
        ]
    ),
    INTENT_PAUSE: _expand(
        [
            "(pause|hold) {EN_A} {EN_S}",
            "(pause|hold) {EN_A} {EN_S} (for|of) {{person}}",
            "(pause|hold) {{person}} {EN_S}",
            "put {EN_A} {EN_S} on hold",
            "(pausiere|unterbrich|pausier) {DE_A} {DE_S}",
            "(pausiere|unterbrich|pausier) {DE_A} {DE_S} von {{person}}",
            "{DE_A} {DE_S} (pausieren|unterbrechen|anhalten)",
            "{DE_A} {DE_S} von {{person}} (pausieren|unterbrechen|anhalten)",
            "(mets|mettre) {FR_A} {FR_S} en pause",
            "(mets|mettre) {FR_A} {FR_S} {{person}} en pause",
            "pause {FR_A} {FR_S}",
        ]
    ),
    INTENT_RESUME: _expand(
        [
            "(resume|continue|unpause|restart) {EN_A} {EN_S}",
            "(resume|continue|unpause|restart) {EN_A} {EN_S} (for|of) {{person}}",
            "(resume|continue|unpause) {{person}} {EN_S}",
            "(keep|carry on|go on) walking backward[s]",
            "(setze|setz) {DE_A} {DE_S} fort",
            "(setze|setz) {DE_A} {DE_S} von {{person}} fort",
            "{DE_A} {DE_S} (fortsetzen|weiterführen)",
            "{DE_A} {DE_S} von {{person}} (fortsetzen|weiterführen)",
            "(reprends|reprendre|continue|relance) {FR_A} {FR_S}",
            "(reprends|reprendre|continue|relance) {FR_A} {FR_S} {{person}}",
        ]
    ),
    INTENT_STOP: _expand(
        [
            "(stop|end|finish|cancel) {EN_A} {EN_S}",
            "(stop|end|finish|cancel) {EN_A} {EN_S} (for|of) {{person}}",
            "(stop|end|finish|cancel) {{person}} {EN_S}",
            "stop walking backward[s]",
            "(beende|stoppe|stopp|stoppen) {DE_A} {DE_S}",
            "(beende|stoppe|stopp) {DE_A} {DE_S} von {{person}}",
            "{DE_A} {DE_S} (beenden|stoppen|abbrechen)",
            "{DE_A} {DE_S} von {{person}} (beenden|stoppen|abbrechen)",
            "(arrête|termine|stoppe|finis|arrêter|terminer) {FR_A} {FR_S}",
            "(arrête|termine|stoppe|finis) {FR_A} {FR_S} {{person}}",
        ]
    ),
    INTENT_EXTEND: _expand(
        [
            "(extend|lengthen|prolong) {EN_A} {EN_S} by {{minutes}}",
            "(extend|lengthen|prolong) {EN_A} {EN_S} (for|of) {{person}} by {{minutes}}",
            "(extend|lengthen|prolong) {{person}} {EN_S} by {{minutes}}",
            "add {{minutes}} to {EN_A} {EN_S}",
            "add {{minutes}} to {{person}} {EN_S}",
            "verlängere {DE_A} {DE_S} um {{minutes}}",
            "verlängere {DE_A} {DE_S} von {{person}} um {{minutes}}",
            "{DE_A} {DE_S} um {{minutes}} verlängern",
            "(prolonge|rallonge) {FR_A} {FR_S} de {{minutes}}",
            "(prolonge|rallonge) {FR_A} {FR_S} {{person}} de {{minutes}}",
            "ajoute {{minutes}} (à|a) {FR_A} {FR_S}",
        ]
    ),
    INTENT_STATUS: _expand(
        [
            "how (much time|long) is left (on|in|of) {EN_A} {EN_S}",
            "how (much time|long) is left (on|in|of) {{person}} {EN_S}",
            "how much longer is {EN_A} {EN_S}",
            "how is {EN_A} {EN_S} going",
            "how is {{person}} {EN_S} going",
            "(what is|what's|give me) {EN_A} {EN_S} status",
            "{EN_S} status",
            "status of {EN_A} {EN_S}",
            "how many calories have i burned [so far]",
            "how many calories has {{person}} burned [so far]",
            "wie lange (läuft|geht|dauert) {DE_A} {DE_S} noch",
            "wie lange (läuft|geht|dauert) {DE_A} {DE_S} von {{person}} noch",
            "wie viel zeit bleibt [noch] (bei|in) {DE_A} {DE_S}",
            "wie läuft {DE_A} {DE_S}",
            "wie läuft {DE_A} {DE_S} von {{person}}",
            "{DE_S} status",
            "status {DE_A} {DE_S}",
            "wie viele kalorien habe ich [bisher|schon] verbrannt",
            "combien de temps (il reste|reste-t-il|reste t il) (dans|pour|sur) {FR_A} {FR_S}",
            "combien de temps reste-t-il (dans|pour|sur) {FR_A} {FR_S} {{person}}",
            "où en est {FR_A} {FR_S}",
            "où en est {FR_A} {FR_S} {{person}}",
            "comment se passe {FR_A} {FR_S}",
            "(statut|état) de {FR_A} {FR_S}",
            "combien de calories (j'ai|ai-je) brûlé[es]",
        ]
    ),
    INTENT_SUMMARY: _expand(
        [
            "[give me] [my|the] weekly (summary|report|progress)",
            "weekly (summary|report|progress) (for|of) {{person}}",
            "how (did i do|am i doing) this week",
            "how (did|is) {{person}} (do|doing) this week",
            "(what is|what's) my (weekly|week's) (summary|progress)",
            "[my] (summary|report) (of|for) this week",
            "(wochenzusammenfassung|wochenbilanz|wochenbericht)",
            "[meine|die] (wochenzusammenfassung|wochenbilanz|wochenbericht)",
            "(wochenzusammenfassung|wochenbilanz) (für|von) {{person}}",
            "wie war meine woche",
            "wie war die woche von {{person}}",
            "wie viel habe ich diese woche trainiert",
            "[mon|le] (résumé|bilan) (de la semaine|hebdomadaire)",
            "(résumé|bilan) (de la semaine|hebdomadaire) {{person}}",
            "comment s'est passée ma semaine",
            "comment (ça|ca) (s'est passé|se passe) cette semaine",
        ]
    ),
}
