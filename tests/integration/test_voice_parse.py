"""The wildcard parser: durations in digits and words, speeds and names."""

from __future__ import annotations

import pytest

from custom_components.retrowalk.voice.parse import (
    Request,
    base_language,
    find_person,
    only_fillers,
    parse_length,
    parse_minutes,
    parse_request,
    refers_to_self,
)


@pytest.mark.parametrize(
    ("text", "language", "minutes"),
    [
        ("ten minutes", "en", 10),
        ("10 minutes", "en", 10),
        ("20", "en", 20),
        ("1.5 hours", "en", 90),
        ("half an hour", "en", 30),
        ("a half hour", "en", 30),
        ("a quarter of an hour", "en", 15),
        ("three quarters of an hour", "en", 45),
        ("an hour", "en", 60),
        ("an hour and a half", "en", 90),
        ("an hour and a quarter", "en", 75),
        ("one and a half hours", "en", 90),
        ("two hours and 15 minutes", "en", 135),
        ("twenty-five minutes", "en", 25),
        ("a few minutes", "en", 3),
        ("for another ten minutes", "en", 10),
        ("minus five minutes", "en", -5),
        ("500 minutes", "en", 500),
        ("five hundred minutes", "en", 500),
        ("a hundred and twenty minutes", "en", 120),
        ("zehn Minuten", "de", 10),
        ("eine halbe Stunde", "de", 30),
        ("eine Viertelstunde", "de", 15),
        ("eine Dreiviertelstunde", "de", 45),
        ("anderthalb Stunden", "de", 90),
        ("eineinhalb Stunden", "de", 90),
        ("eine Stunde und zehn Minuten", "de", 70),
        ("fünfundzwanzig Minuten", "de", 25),
        ("fünfhundert Minuten", "de", 500),
        ("minus fünf Minuten", "de-CH", -5),
        ("dix minutes", "fr", 10),
        ("une demi-heure", "fr", 30),
        ("un quart d'heure", "fr", 15),
        ("trois quarts d'heure", "fr", 45),
        ("une heure et demie", "fr", 90),
        ("une heure et quart", "fr", 75),
        ("vingt-cinq minutes", "fr", 25),
        ("vingt et un minutes", "fr", 21),
        ("soixante-dix minutes", "fr", 70),
        ("quatre-vingt-dix minutes", "fr", 90),
        ("moins cinq minutes", "fr", -5),
        ("media hora", "es", 30),
        ("una hora y media", "es", 90),
        ("un cuarto de hora", "es", 15),
        ("treinta y cinco minutos", "es", 35),
        ("een half uur", "nl", 30),
        ("een kwartier", "nl", 15),
        ("anderhalf uur", "nl", 90),
        ("vijfentwintig minuten", "nl", 25),
        ("min vijf minuten", "nl", -5),
    ],
)
def test_durations(text: str, language: str, minutes: float) -> None:
    """Digits, words, fractions and signs become minutes."""
    assert parse_minutes(text, language) == minutes


@pytest.mark.parametrize(
    "text",
    [
        "",
        "for",
        "banana minutes",
        "twenty twenty",
        "the moon",
        "minutes ten x",
        "blahundert",
    ],
)
def test_not_durations(text: str) -> None:
    """Text without a duration, or with words it cannot place, is not one."""
    assert parse_minutes(text, "en") is None


def test_language_codes() -> None:
    """Regional codes use their language; unknown languages read as English."""
    assert base_language("de-AT") == "de"
    assert base_language("pt_BR") == "en"
    assert base_language(None) == "en"


def test_person_names() -> None:
    """Names are found whole, possessives and elisions included, longest first."""
    names = ["Ann", "Ann Marie", "Sam"]
    assert find_person("for Ann Marie", names) == ("Ann Marie", "for")
    assert find_person("Sam's", names) == ("Sam", "s")
    assert find_person("d'Ann", names) == ("Ann", "d")
    assert find_person("Samuel", names) == (None, "samuel")


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("for Alex for ten minutes at 3 km/h", "en", Request("Alex", 10, 3, "kmh")),
        ("Alex's 20 minute", "en", Request("Alex", 20)),
        ("for half an hour at 2 mph", "en", Request(None, 30, 2, "mph")),
        ("at 2.5 kilometers per hour", "en", Request(None, None, 2.5, "kmh")),
        ("for Sam", "en", Request("Sam")),
        ("a", "en", Request()),
        ("for ten bananas", "en", Request(rest="for ten bananas")),
        ("Kim for ten bananas", "en", Request(rest="kim for ten bananas")),
        ("for the moon", "en", Request(rest="for the moon")),
        ("right now", "en", Request(rest="right now")),
        ("for a bit", "en", Request(rest="for a bit")),
        ("quickly", "en", Request(rest="quickly")),
        ("tomorrow", "en", Request(rest="tomorrow")),
        ("on the treadmill", "en", Request(rest="on the treadmill")),
        ("for my dad", "en", Request(rest="for my dad")),
        (
            "for 10 minutes at max speed",
            "en",
            Request(rest="for 10 minutes at max speed"),
        ),
        ("Kim for ten minutes", "en", Request(rest="kim for ten minutes")),
        ("for Mary Jane for ten minutes", "en", Request(None, 10, unknown="Mary Jane")),
        ("for Mary Jane Smith", "en", Request(rest="for mary jane smith")),
        ("for ten minutes for Kim", "en", Request(None, 10, unknown="Kim")),
        ("für Kim zehn Minuten", "de", Request(None, 10, unknown="Kim")),
        ("de Kim", "fr", Request(unknown="Kim")),
        ("para Kim", "es", Request(unknown="Kim")),
        ("voor Kim", "nl", Request(unknown="Kim")),
        (
            "for Kim for ten minutes at 3 km/h",
            "en",
            Request(None, 10, 3, "kmh", unknown="Kim"),
        ),
        ("pour Jean-Luc", "fr", Request(unknown="Jean Luc")),
        ("für Alex zehn Minuten mit 3 km/h", "de", Request("Alex", 10, 3, "kmh")),
        ("d'Alex pendant un quart d'heure", "fr", Request("Alex", 15)),
    ],
)
def test_start_requests(text: str, language: str, expected: Request) -> None:
    """A start's wildcard splits into person, duration and speed."""
    assert parse_request(text, language, ["Alex", "Sam"]) == expected


def test_fillers() -> None:
    """Articles and possessives alone say nothing."""
    assert only_fillers("my", "en")
    assert only_fillers("meine", "de")
    assert not only_fillers("Kim", "fr")
    assert refers_to_self("Me")
    assert refers_to_self("moi-même")
    assert refers_to_self("ich selbst")
    assert not refers_to_self("Kim")


@pytest.mark.parametrize(
    ("text", "unit", "language", "minutes"),
    [
        ("ten", "minutes", "en", 10),
        ("few", "minutes", "en", 3),
        ("an", "hours", "en", 60),
        ("a half", "hours", "en", 30),
        ("eine", "hours", "de", 60),
        ("Kim", "minutes", "en", None),
        ("right", "minutes", "en", None),
        ("the ten", "minutes", "en", 10),
        ("another five", "minutes", "en", 5),
        ("the", "minutes", "en", None),
        ("", "minutes", "en", None),
        ("twenty twenty", "minutes", "en", None),
    ],
)
def test_lengths(text: str, unit: str, language: str, minutes: float | None) -> None:
    """A length said before its unit is a number, maybe with fillers, nothing else."""
    assert parse_length(text, unit, language) == minutes
