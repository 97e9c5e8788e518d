"""The sentences the built-in conversation agent understands, per command.

They are hassil templates for conversation triggers, gathered from the
language modules of :mod:`.languages`: ``(a|b)`` alternatives, ``[x]``
optional words and ``{name}`` wildcards whose raw text the trigger hands
over. Triggers are matched before Home Assistant's own intents and a matched
trigger always answers, so a sentence either names the walk, the session or
a person, or is a bare command ("pause", "how much longer") attached only
while a session is on. A wildcard only follows such words ("pause the
session for {person}"). Where a name comes first ("pause Sam's walk") the
configured people's names are spelled out instead of a wildcard, so "start
the vacuum session" stays with Home Assistant. Wildcards are read by
:mod:`.parse`.
"""

from __future__ import annotations

from collections.abc import Sequence
import re

from .languages import COMMANDS, LANGUAGES
from .parse import normalize

NAME = "<NAME>"
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


def _expand(template: str, nouns: dict[str, str], names: str) -> str:
    for key, words in nouns.items():
        template = template.replace(f"<{key}>", words)
    return template.replace(NAME, names)


def sentences(names: Sequence[str], *, bare: bool) -> dict[str, list[str]]:
    """The sentences per command for the people called ``names``.

    Nobody set up: none at all. ``bare``: the commands without a noun (for
    while a session is on); otherwise those that name the walk or a person.
    """
    if not names:
        return {}
    forms = spoken_names(names)
    said_names = f"({'|'.join(forms)})"
    found: dict[str, list[str]] = {command: [] for command in COMMANDS}
    for module in LANGUAGES.values():
        for command, templates in (module.BARE if bare else module.SENTENCES).items():
            found[command].extend(
                _expand(template, module.NOUNS, said_names)
                for template in templates
                if forms or NAME not in template
            )
    return found
