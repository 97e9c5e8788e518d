"""German words and sentences."""

from __future__ import annotations

NUMBERS: dict[str, float] = {
    "null": 0, "eins": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5,
    "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11,
    "zwölf": 12, "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15,
    "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19,
    "zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50,
    "sechzig": 60, "siebzig": 70, "achtzig": 80, "neunzig": 90,
    "anderthalb": 1.5, "eineinhalb": 1.5, "zweieinhalb": 2.5,
}  # fmt: skip
ARTICLES = {"ein", "eine", "einen", "einer"}
UNITS = {"minute": 1.0, "minuten": 1.0, "stunde": 60.0, "stunden": 60.0}
FILLERS = {
    "für", "um", "noch", "weitere", "weiteren", "zusätzliche", "und", "von",
    "etwa", "bitte", "lang", "mehr", "mit", "jetzt", "die", "der", "den", "dem",
    "des", "mal", "lange", "dauer", "neue", "neues", "ich", "mich", "mir",
    "meine", "mein", "meinen",
}  # fmt: skip
INTRODUCERS = {"für"}
SELF = {"ich", "mich", "mir", "mein", "meine", "meinen", "meiner", "selbst"}
HUNDREDS = {"hundert"}
HALVES = {"halbe", "halben", "halb"}
QUARTERS = {"viertel"}
NEGATIVE = {"negativ"}

COMPOUNDS: dict[str, tuple[str, ...]] = {
    "viertelstunde": ("viertel", "stunde"),
    "dreiviertelstunde": ("drei", "viertel", "stunde"),
    "halbestunde": ("halbe", "stunde"),
}

NOUNS = {
    "S": "(training|trainingseinheit|einheit|sitzung|session|workout|"
    "rückwärtsgehen|rückwärtslaufen|rückwärtslauf|spaziergang|rückwärtsspaziergang|"
    "retrowalk|retro walk)",
    "A": "[ein|eine|einen|die|das|den|der|dem|mein|meine|meinen|meinem]",
    "W": "(wochenzusammenfassung|wochenbilanz|wochenbericht)",
    "MIN": "(minute|minuten)",
    "HOURS": "(stunde|stunden)",
}

SENTENCES: dict[str, list[str]] = {
    "start": [
        "(starte|beginne|start) <A> <S> [jetzt]",
        "(starte|beginne|start) <A> <S> {details}",
        "<A> <S> (starten|beginnen)",
        "{length_min} <MIN> <S> (starten|beginnen)",
        "{length_h} <HOURS> <S> (starten|beginnen)",
        "(starte|beginne) <NAME> <S>",
        "(ich will|ich möchte|lass uns) [jetzt] rückwärts (gehen|laufen)",
        "(ich will|ich möchte|lass uns) {details} rückwärts (gehen|laufen)",
    ],
    "pause": [
        "(pausiere|unterbrich|pausier) <A> <S>",
        "(pausiere|unterbrich|pausier) <A> <S> von {person}",
        "(pausiere|unterbrich|pausier) <NAME> <S>",
        "<A> <S> (pausieren|unterbrechen|anhalten)",
        "<A> <S> von {person} (pausieren|unterbrechen|anhalten)",
    ],
    "resume": [
        "(setze|setz) <A> <S> fort",
        "(setze|setz) <A> <S> von {person} fort",
        "(setze|setz) <NAME> <S> fort",
        "<A> <S> (fortsetzen|weiterführen)",
        "<A> <S> von {person} (fortsetzen|weiterführen)",
        "mach mit <A> <S> weiter",
    ],
    "stop": [
        "(beende|stoppe|stopp|stoppen) <A> <S>",
        "(beende|stoppe|stopp) <A> <S> von {person}",
        "(beende|stoppe|stopp) <NAME> <S>",
        "<A> <S> (beenden|stoppen|abbrechen)",
        "<A> <S> von {person} (beenden|stoppen|abbrechen)",
        "(hör|höre) mit <A> <S> auf",
    ],
    "extend": [
        "verlängere <A> <S> um {minutes}",
        "verlängere <A> <S> von {person} um {minutes}",
        "verlängere <NAME> <S> um {minutes}",
        "<A> <S> um {minutes} verlängern",
        "(füge|häng) {minutes} (zum|an das|an den) <S> (hinzu|an)",
    ],
    "status": [
        "wie lange (läuft|geht|dauert) <A> <S> noch",
        "wie lange (läuft|geht|dauert) <A> <S> von {person} noch",
        "wie lange (läuft|geht|dauert) <NAME> <S> noch",
        "wie viel zeit bleibt [noch] (bei|in|im|beim) <A> <S>",
        "wie läuft <A> <S>",
        "wie läuft <A> <S> von {person}",
        "<S> status",
        "status [des|der|vom] <S>",
        "wie viele kalorien habe ich [bisher|schon] (beim|im|in der|bei der) <S> "
        "verbrannt",
    ],
    "summary": [
        "[meine|die] <W> [vom|fürs|für das|beim] <S>",
        "[die] <W> [vom|fürs|für das|beim] <S> (für|von) {person}",
        "wie war meine (trainingswoche|woche beim <S>)",
        "wie war die (trainingswoche|woche beim <S>) von {person}",
        "wie viel habe ich diese woche trainiert",
        "wie lief meine (trainingswoche|woche beim <S>)",
    ],
}

BARE: dict[str, list[str]] = {
    "pause": [
        "(pause|pausieren|pausiere|anhalten) [bitte]",
        "(mach|machen) [mal] [eine] pause",
    ],
    "resume": [
        "(weiter|weitermachen|fortsetzen) [bitte]",
        "mach weiter",
        "es geht weiter",
    ],
    "stop": [
        "(stopp|stop|stoppen|beenden|aufhören) [bitte]",
        "ich bin fertig",
        "(genug|schluss) [jetzt|für heute]",
    ],
    "extend": [
        "noch {length_min} <MIN> [mehr|länger|dazu]",
        "{length_min} <MIN> (mehr|länger|dazu|verlängern)",
        "verlängere um {length_min} <MIN>",
        "noch {length_h} <HOURS> [mehr|länger|dazu]",
        "noch {length_h} (stunde|viertelstunde)",
    ],
    "status": [
        "wie lange [dauert es|geht es] noch",
        "wie viel zeit (bleibt|ist) [mir] noch",
        "wie viele minuten noch",
        "wie viele kalorien habe ich [bisher|schon] verbrannt",
        "status",
    ],
}
