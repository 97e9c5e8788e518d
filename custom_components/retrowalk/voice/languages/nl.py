"""Dutch words and sentences."""

from __future__ import annotations

NUMBERS: dict[str, float] = {
    "nul": 0, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5,
    "zes": 6, "zeven": 7, "acht": 8, "negen": 9, "tien": 10, "elf": 11,
    "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15,
    "zestien": 16, "zeventien": 17, "achttien": 18, "negentien": 19,
    "twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50,
    "zestig": 60, "negentig": 90, "anderhalf": 1.5,
}  # fmt: skip
ARTICLES = {"een"}
UNITS = {"minuut": 1.0, "minuten": 1.0, "uur": 60.0, "uren": 60.0}
FILLERS = {
    "voor", "van", "en", "nog", "extra", "met", "erbij", "de", "het", "lang",
    "op", "nu", "s", "mijn", "ik",
}  # fmt: skip
INTRODUCERS = {"voor"}
SELF = {"ik", "mij", "me", "mijn", "mezelf", "zelf"}
HUNDREDS = {"honderd"}
HALVES = {"half"}
QUARTERS = {"kwart"}
NEGATIVE = {"min"}
COMPOUNDS: dict[str, tuple[str, ...]] = {
    "kwartier": ("kwart", "uur"),
    "halfuur": ("half", "uur"),
}

NOUNS = {
    "S": "(sessie|training|trainingssessie|workout|wandeling|loopsessie|"
    "achteruitloopsessie|achteruit lopen|achteruitlopen|achteruitwandeling|"
    "oefening|retrowalk|retro walk)",
    "A": "[een|de|het|mijn]",
    "SS": "(sessies|trainingen|workouts|wandelingen|loopsessies)",
    "MIN": "(minuut|minuten)",
    "HOURS": "uur",
}

SENTENCES: dict[str, list[str]] = {
    "start": [
        "(start|begin) <A> <S> [nu]",
        "(start|begin) <A> <S> {details}",
        "<A> <S> (starten|beginnen)",
        "(start|begin) <NAME> <S>",
        "(ik wil|laten we|laat ons) [nu] achteruit (lopen|wandelen)",
        "(ik wil|laten we|laat ons) {details} achteruit (lopen|wandelen)",
    ],
    "pause": [
        "(pauzeer|pauzeren) <A> <S>",
        "(pauzeer|pauzeren) <A> <S> van {person}",
        "(pauzeer|pauzeren) <NAME> <S>",
        "zet <A> <S> op pauze",
        "<A> <S> pauzeren",
    ],
    "resume": [
        "(hervat|hervatten) <A> <S>",
        "(hervat|hervatten) <A> <S> van {person}",
        "(hervat|hervatten) <NAME> <S>",
        "ga (verder|door) met <A> <S>",
        "<A> <S> hervatten",
    ],
    "stop": [
        "(stop|beëindig|beeindig) <A> <S>",
        "(stop|beëindig|beeindig) <A> <S> van {person}",
        "(stop|beëindig|beeindig) <NAME> <S>",
        "stop met <A> <S>",
        "<A> <S> (stoppen|beëindigen)",
    ],
    "extend": [
        "verleng <A> <S> met {minutes}",
        "verleng <A> <S> van {person} met {minutes}",
        "verleng <NAME> <S> met {minutes}",
        "voeg {minutes} toe aan <A> <S>",
        "<A> <S> met {minutes} verlengen",
    ],
    "status": [
        "hoeveel tijd (is er nog|heb ik nog|rest er nog) (voor|in|van|bij) <A> <S>",
        "hoe lang (duurt|loopt) <A> <S> nog",
        "hoe lang (duurt|loopt) <A> <S> van {person} nog",
        "hoe gaat <A> <S>",
        "hoe gaat <A> <S> van {person}",
        "status van <A> <S>",
        "<S> status",
        "hoeveel calorieën heb ik [al] (verbrand|verbruikt) (tijdens|in|bij) <A> <S>",
    ],
    "summary": [
        "[mijn|het] (weekoverzicht|weekrapport) van [mijn|de] <SS>",
        "[het] (weekoverzicht|weekrapport) van de <SS> van {person}",
        "hoe (ging|was) mijn (trainingsweek|week met de <SS>)",
        "hoe gingen mijn <SS> deze week",
    ],
}

BARE: dict[str, list[str]] = {
    "pause": [
        "(pauze|pauzeer|pauzeren) [alsjeblieft]",
        "even pauze",
    ],
    "resume": [
        "(hervat|hervatten|doorgaan|verder) [alsjeblieft]",
        "ga (door|verder)",
    ],
    "stop": [
        "(stop|stoppen|klaar) [alsjeblieft|ermee]",
        "ik ben klaar",
        "genoeg",
    ],
    "extend": [
        "nog {length_min} <MIN> [erbij|extra]",
        "{length_min} <MIN> (erbij|extra|langer)",
        "voeg {length_min} <MIN> toe",
        "verleng met {length_min} <MIN>",
        "nog {length_h} <HOURS> [erbij|extra]",
    ],
    "status": [
        "hoe lang nog",
        "hoeveel tijd [heb ik] nog",
        "hoeveel minuten nog",
        "hoeveel calorieën heb ik [al] (verbrand|verbruikt)",
        "status",
    ],
}
