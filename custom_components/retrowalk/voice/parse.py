"""Parse the raw text of a voice command's wildcard: person, duration, speed.

Conversation triggers hand over wildcard slots as the words that were said.
This module turns them into values without Home Assistant: durations in
digits or words ("ten minutes", "half an hour", "eine Viertelstunde",
"un quart d'heure", "an hour and a half"), a signed amount ("minus five
minutes" stays negative so the caller can refuse it), an optional speed
("at 3 km/h") and a configured person's name.
"""

from __future__ import annotations

from dataclasses import dataclass
import re
import unicodedata

from .languages import LANGUAGES

MINUTE = 1.0
HOUR = 60.0


def _per_language[T](name: str) -> dict[str, T]:
    return {code: getattr(module, name) for code, module in LANGUAGES.items()}


def _union(name: str) -> set[str]:
    return set().union(*(getattr(module, name) for module in LANGUAGES.values()))


# The words of each language; English is always understood as well.
NUMBERS: dict[str, dict[str, float]] = _per_language("NUMBERS")
ARTICLES: dict[str, set[str]] = _per_language("ARTICLES")
UNITS: dict[str, dict[str, float]] = _per_language("UNITS")
# Words that carry no value of their own around a duration or a name.
FILLERS: dict[str, set[str]] = _per_language("FILLERS")
# Words after which a name may follow ("for Kim", "pour Jean-Luc", "d'Alex").
INTRODUCERS: dict[str, set[str]] = _per_language("INTRODUCERS")
# Words a speaker (or an LLM) uses for themself instead of a name.
SELF: dict[str, set[str]] = _per_language("SELF")
HUNDREDS = _union("HUNDREDS")
HALVES = _union("HALVES")
QUARTERS = _union("QUARTERS")
NEGATIVE = _union("NEGATIVE")
# Words that stand for more than one: split before reading.
COMPOUNDS: dict[str, tuple[str, ...]] = {
    word: parts
    for module in LANGUAGES.values()
    for word, parts in module.COMPOUNDS.items()
}
MAX_NAME_WORDS = 2
SPEED_UNITS = (
    (r"km\s*/\s*h|kmh|km\s+h|kph|stundenkilometern?|kilometers?\s+per\s+hour|"
     r"kilometres?\s+per\s+hour|kilometers?\s+an\s+hour|kilometer\s+pro\s+stunde|"
     r"kilomètres?\s+(?:par|à\s*l\s*)\s*heure|kilómetros?\s+por\s+hora|"
     r"kilometer\s+per\s+uur", "kmh"),
    (r"mph|miles?\s+(?:per|an)\s+hour|meilen\s+pro\s+stunde", "mph"),
)  # fmt: skip
NUMBER = r"(\d+(?:[.,]\d+)?|[^\W\d_]+)"


def _plain(text: str) -> str:
    """NFC, hyphens and apostrophes as spaces, no punctuation, single spaces."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"[-‐‑–—'’`´]", " ", text)
    text = re.sub(r"[?!.,;:](?=\s|$)", " ", text)
    return " ".join(text.split())


def normalize(text: str) -> str:
    """Lower case, NFC, hyphens and apostrophes as spaces, single spaces."""
    return _plain(text).casefold()


def base_language(language: str | None) -> str:
    """``de-CH`` → ``de``; unknown languages read as English."""
    code = (language or "en").split("-")[0].split("_")[0].lower()
    return code if code in NUMBERS else "en"


def _vocabulary(language: str) -> tuple[dict[str, float], set[str], dict[str, float]]:
    """Numbers, articles and units of ``language`` on top of English."""
    numbers = {**NUMBERS["en"], **NUMBERS[language]}
    articles = ARTICLES["en"] | ARTICLES[language]
    units = {**UNITS["en"], **UNITS[language]}
    if language == "nl":
        # "min" means minus in Dutch.
        units.pop("min")
    return numbers, articles, units


def _number(token: str, numbers: dict[str, float]) -> float | None:
    """A number in digits or one word (German and Dutch compounds included)."""
    if re.fullmatch(r"\d+(?:[.,]\d+)?", token):
        return float(token.replace(",", "."))
    if token in numbers:
        return numbers[token]
    # fünfundzwanzig, vijfentwintig: unit + und/en + tens.
    if match := re.fullmatch(r"(\w+?)(?:und|en)(\w+)", token):
        unit, tens = numbers.get(match[1]), numbers.get(match[2])
        if unit is not None and tens is not None and unit < 10 <= tens:
            return unit + tens
    # fünfhundert, vijfhonderd.
    if match := re.fullmatch(r"(\w+?)(hundert|honderd)", token):
        if (factor := numbers.get(match[1])) is not None:
            return factor * 100
    return None


def _tokens(text: str) -> list[str]:
    tokens: list[str] = []
    for token in normalize(text).split():
        tokens.extend(COMPOUNDS.get(token, (token,)))
    return tokens


def _combine(pending: float, value: float) -> float | None:
    """Join number words said in a row ("twenty five", "soixante dix")."""
    if pending >= 20 and pending % 10 == 0 and value < 10:
        return pending + value
    if pending in (60, 80) and 10 <= value < 20:
        return pending + value
    if pending == 4 and value == 20:
        return 80
    if pending >= 100 and pending % 100 == 0 and value < 100:
        return pending + value
    return None


def parse_minutes(text: str, language: str | None = None) -> float | None:
    """The duration said in ``text`` in minutes, or None when it is not one.

    A number without a unit counts as minutes. The sign is kept: "minus five
    minutes" gives -5.0, for the caller to refuse.
    """
    lang = base_language(language)
    numbers, articles, units = _vocabulary(lang)
    fillers = FILLERS["en"] | FILLERS[lang]
    total = 0.0
    pending: float | None = None
    article = False
    last_unit: float | None = None
    negative = False
    said = False
    for token in _tokens(text):
        if token in NEGATIVE and (lang == "nl" or token not in units):
            negative = True
        elif token in articles:
            if pending is None:
                pending, article = 1.0, True
            elif not article and (joined := _combine(pending, 1.0)) is not None:
                pending = joined  # "vingt et un"
        elif token in HUNDREDS:
            pending, article = (pending or 1.0) * 100, False
        elif token in HALVES or token in QUARTERS:
            share = 0.5 if token in HALVES else 0.25
            if (pending is None or article) and last_unit is not None:
                # "an hour and a half", "une heure et quart"
                total += share * last_unit
                pending, article = None, False
            elif pending is None or article:
                # "half an hour", "a quarter of an hour", "eine halbe Stunde"
                pending, article = share, False
            elif token in HALVES:
                pending += 0.5  # "one and a half hours"
            else:
                pending *= share  # "three quarters of an hour"
        elif token in units:
            total += (1.0 if pending is None else pending) * units[token]
            last_unit, pending, article, said = units[token], None, False, True
        elif (value := _number(token, numbers)) is not None:
            if pending is not None and not article:
                if (joined := _combine(pending, value)) is None:
                    return None
                pending = joined
            else:
                pending, article = value, False
        elif token not in fillers:
            return None
    if pending is not None and not article:
        total += pending * MINUTE  # a bare number counts as minutes
        said = True
    if not said:
        return None
    return -total if negative else total


@dataclass(frozen=True, slots=True)
class Request:
    """What a wildcard said: who, how long, how fast, and what was not understood.

    ``unknown`` is a name said that is not a configured person's.
    """

    person: str | None = None
    minutes: float | None = None
    speed: float | None = None
    speed_unit: str | None = None
    rest: str = ""
    unknown: str = ""


def find_person(text: str, names: list[str]) -> tuple[str | None, str]:
    """The configured name said in ``text`` (longest first) and the text without it."""
    normalized = f" {normalize(text)} "
    for name in sorted(names, key=len, reverse=True):
        wanted = f" {normalize(name)} "
        if wanted.strip() and wanted in normalized:
            return name, " ".join(normalized.replace(wanted, " ", 1).split())
    return None, normalized.strip()


def _find_speed(text: str, language: str) -> tuple[float | None, str | None, str]:
    numbers = {**NUMBERS["en"], **NUMBERS[language]}
    for pattern, unit in SPEED_UNITS:
        match = re.search(rf"{NUMBER}\s*(?:{pattern})(?=\s|$)", text)
        if match and (value := _number(match[1], numbers)) is not None:
            rest = f"{text[: match.start()]} {text[match.end() :]}"
            return value, unit, " ".join(rest.split())
    return None, None, text


def only_fillers(text: str, language: str | None) -> bool:
    """Tell whether ``text`` says nothing but articles and filler words."""
    lang = base_language(language)
    words = FILLERS["en"] | FILLERS[lang] | ARTICLES["en"] | ARTICLES[lang]
    return all(token in words for token in _tokens(text))


def refers_to_self(text: str) -> bool:
    """Tell whether ``text`` names nobody but the speaker ("me", "myself", "moi")."""
    words = set().union(*SELF.values()) | set().union(*ARTICLES.values())
    return all(token in words for token in _tokens(text))


def _durational(token: str, lang: str) -> bool:
    """Whether ``token`` belongs to a duration (a number, a unit, a half, ...)."""
    numbers, _articles, units = _vocabulary(lang)
    return (
        token in units
        or token in HUNDREDS | HALVES | QUARTERS | NEGATIVE
        or _number(token, numbers) is not None
    )


def _split(text: str, lang: str, names: list[str]) -> Request:
    """Person, speed and duration of ``text``; what is left over in ``rest``."""
    person, rest = find_person(text, names)
    speed, unit, rest = _find_speed(rest, lang)
    minutes: float | None = None
    if not only_fillers(rest, lang):
        minutes = parse_minutes(rest, lang)
        if minutes is not None:
            rest = ""
    else:
        rest = ""
    return Request(person, minutes, speed, unit, rest)


def _unknown_name(text: str, lang: str) -> Request | None:
    """Read the one or two words after "for" as a name nobody set up ("for Kim").

    Only words right after a person-introducing word count, and a filler or
    a duration ends the name, so "for a bit" or "at max speed" are no names.
    """
    shown = _plain(text).split()
    words = [word.casefold() for word in shown]
    introducers = INTRODUCERS["en"] | INTRODUCERS[lang]
    fillers = FILLERS["en"] | FILLERS[lang] | ARTICLES["en"] | ARTICLES[lang]
    for start in range(1, len(words)):
        if words[start - 1] not in introducers:
            continue
        end = start
        while (
            end < len(words)
            and end - start < MAX_NAME_WORDS
            and words[end] not in fillers
            and not _durational(words[end], lang)
        ):
            end += 1
        if end == start:
            continue
        request = _split(" ".join(words[: start - 1] + words[end:]), lang, [])
        if not request.rest:
            heard = " ".join(shown[start:end])
            return Request(
                None, request.minutes, request.speed, request.speed_unit, "", heard
            )
    return None


def parse_length(text: str, unit: str, language: str | None) -> float | None:
    """Minutes of a length said before ``unit`` ("ten" minutes, "an" hour).

    Every word must belong to the number or be a filler ("another five"), so
    "Kim" or "right" is no length.
    """
    lang = base_language(language)
    _numbers, articles, _units = _vocabulary(lang)
    tokens = _tokens(text)
    fillers = FILLERS["en"] | FILLERS[lang]
    if not any(
        token in articles or _durational(token, lang) for token in tokens
    ) or not all(
        token in articles or token in fillers or _durational(token, lang)
        for token in tokens
    ):
        return None
    return parse_minutes(f"{text} {unit}", lang)


def parse_request(text: str, language: str | None, names: list[str]) -> Request:
    """Split a start command's wildcard text into person, duration and speed.

    One or two words right after "for" (für, pour, de, voor, para) that are
    neither a configured name nor a duration nor a filler are taken for a name
    nobody set up (``unknown``); anything else left over is ``rest``.
    """
    lang = base_language(language)
    request = _split(text, lang, names)
    if request.rest and request.person is None:
        return _unknown_name(text, lang) or request
    return request
