"""What the voice intents say, worded by the integration's translations.

The answers live in strings.json and ``translations/*.json`` with every other
text: under ``voice_*`` keys of the ``exceptions`` category (the one category
Home Assistant's format leaves open to an integration's own texts; the live
notification's texts sit there too). A phase is said with the Phase sensor's
state names and "no session" with the ``not_running`` refusal, so those words
exist once. Keys missing in a language fall back to English.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
import math

from homeassistant.core import HomeAssistant

from ..const import SessionPhase
from ..texts import async_entity_texts, async_texts
from .parse import base_language


class Speech:
    """The voice answers of one language."""

    def __init__(
        self,
        language: str | None,
        texts: Mapping[str, str],
        phases: Mapping[str, str] | None = None,
    ) -> None:
        """Answers of ``language`` from its ``exceptions`` texts and phase names."""
        self.language = base_language(language)
        self._texts = texts
        self._phases = phases or {}

    @classmethod
    async def async_load(cls, hass: HomeAssistant, language: str | None) -> Speech:
        """The answers of ``language`` (``de-DE`` reads as ``de``)."""
        language = base_language(language or hass.config.language)
        entity = await async_entity_texts(hass, language)
        prefix = "sensor.phase.state."
        phases = {
            key.removeprefix(prefix): text
            for key, text in entity.items()
            if key.startswith(prefix)
        }
        return cls(language, await async_texts(hass, "exceptions", language), phases)

    def say(self, key: str, **values: object) -> str:
        """The voice answer ``key`` with ``values`` filled in."""
        return self.text(f"voice_{key}", **values)

    def text(self, key: str, **values: object) -> str:
        """Any ``exceptions`` text (a refusal such as ``not_running``), filled in."""
        return self._texts[f"{key}.message"].format(**values)

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
            return self.say(one)
        return self.say(many, n=count)

    def number(self, text: str) -> str:
        """A figure with the language's decimal separator ("2,5 km/h")."""
        return text if self.language == "en" else text.replace(".", ",")

    def sessions(self, count: int) -> str:
        """A count of sessions, spoken."""
        if count == 1:
            return self.say("session")
        return self.say("sessions", n=count)

    def phase(self, phase: SessionPhase) -> str:
        """The name of ``phase``, as the Phase sensor shows it."""
        return self._phases.get(phase.value, phase.value)

    def either(self, names: Sequence[str]) -> str:
        """Names joined for speech: "Alex or Sam", "Alex, Kim or Sam"."""
        if len(names) < 2:
            return "".join(names)
        return f"{', '.join(names[:-1])} {self.say('or')} {names[-1]}"


def kcal(value: float) -> int:
    """Energy rounded to whole kilocalories for speech."""
    return round(value)
