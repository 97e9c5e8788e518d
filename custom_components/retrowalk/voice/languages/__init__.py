"""One module per language: the words and sentences retrowalk understands.

Every module has the same names: ``NUMBERS``, ``ARTICLES``, ``UNITS``,
``FILLERS``, ``INTRODUCERS``, ``SELF``, ``HUNDREDS``, ``HALVES``,
``QUARTERS``, ``NEGATIVE`` (the words :mod:`..parse` reads), ``NOUNS`` (the
``<KEY>`` markers of its sentences) and the sentences per command:
``SENTENCES`` always name the walk, the session or the person; ``BARE`` ones
("pause", "how much longer") are only attached while a session is on. In a
sentence ``<NAME>`` stands for the people's names, ``{details}``,
``{person}``, ``{minutes}``, ``{length_min}`` and ``{length_h}`` are wildcards.
"""

from __future__ import annotations

from types import ModuleType

from . import de, en, es, fr, nl

LANGUAGES: dict[str, ModuleType] = {"en": en, "de": de, "fr": fr, "es": es, "nl": nl}
COMMANDS = ("start", "pause", "resume", "stop", "extend", "status", "summary")
