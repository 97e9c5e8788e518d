"""Voice: what people say to Assist about their backward walking, in five languages.

- :mod:`.languages` one module per language: its words (numbers, units,
  fillers) and its sentences, with nouns and, while a session is on, bare.
- :mod:`.parse` reads the words of a wildcard: durations, speeds, names.
- :mod:`.sentences` builds the sentences for the people set up.
- :mod:`.people` finds the person a command is for, never guessing.
- :mod:`.responses` says the answers, from the integration's translations.
- :mod:`.triggers` attaches the sentences to the built-in conversation agent.

This package imports nothing from the rest of the integration at import time
of ``voice`` itself, so ``intent`` can use :mod:`.people` and
:mod:`.responses` while :mod:`.triggers` uses ``intent``.
"""
