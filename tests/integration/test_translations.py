"""Every translation has exactly the keys and placeholders of strings.json."""

from __future__ import annotations

import json
from pathlib import Path
import re
from typing import Any

from homeassistant.util.yaml import load_yaml_dict
import pytest

INTEGRATION = Path(__file__).resolve().parents[2] / "custom_components" / "retrowalk"
TRANSLATIONS = INTEGRATION / "translations"
REQUIRED_LANGUAGES = {"de", "en", "es", "fr", "nl"}
LANGUAGES = sorted(path.stem for path in TRANSLATIONS.glob("*.json"))
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def load(path: Path) -> dict[str, Any]:
    """Read a strings file as JSON."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def flatten(node: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Map the dotted path of every leaf in a nested dict to its value."""
    leaves: dict[str, Any] = {}
    for key, value in node.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            leaves.update(flatten(value, f"{path}."))
        else:
            leaves[path] = value
    return leaves


def placeholders(text: str) -> set[str]:
    """Return the names of the ``{placeholder}`` fields in a string."""
    return set(PLACEHOLDER.findall(text))


ENGLISH = flatten(load(INTEGRATION / "strings.json"))


def translation(language: str) -> dict[str, Any]:
    """Return the flattened strings of one language."""
    return flatten(load(TRANSLATIONS / f"{language}.json"))


def test_english_matches_strings() -> None:
    """translations/en.json is an exact copy of strings.json."""
    assert load(TRANSLATIONS / "en.json") == load(INTEGRATION / "strings.json")


def test_required_languages_present() -> None:
    """German, English, Spanish, French and Dutch are all shipped."""
    assert set(LANGUAGES) >= REQUIRED_LANGUAGES


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_missing_keys(language: str) -> None:
    """Each language has every key of strings.json."""
    missing = sorted(ENGLISH.keys() - translation(language).keys())
    assert not missing, f"{language}.json lacks {missing}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_extra_keys(language: str) -> None:
    """Each language has no key that strings.json lacks."""
    extra = sorted(translation(language).keys() - ENGLISH.keys())
    assert not extra, f"{language}.json has extra keys {extra}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_values_are_nonempty_strings(language: str) -> None:
    """Every translated value is a non-empty string."""
    bad = sorted(
        key
        for key, value in translation(language).items()
        if not isinstance(value, str) or not value.strip()
    )
    assert not bad, f"{language}.json has empty or non-string values at {bad}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_match_english(language: str) -> None:
    """Each translated string uses the same placeholders as its English source."""
    strings = translation(language)
    mismatched = {
        key: (sorted(placeholders(english)), sorted(placeholders(strings[key])))
        for key, english in ENGLISH.items()
        if key in strings
        and isinstance(strings[key], str)
        and placeholders(english) != placeholders(strings[key])
    }
    assert not mismatched, f"{language}.json placeholders differ: {mismatched}"


def test_every_entity_and_action_has_an_icon() -> None:
    """icons.json covers each translated entity and every action."""
    icons = load(INTEGRATION / "icons.json")
    strings = load(INTEGRATION / "strings.json")
    missing = [
        f"{platform}.{key}"
        for platform, keys in strings["entity"].items()
        for key in keys
        if key not in icons["entity"].get(platform, {})
    ]
    assert missing == []
    assert set(icons["services"]) == set(strings["services"])


def test_every_action_field_is_translated() -> None:
    """Each field in services.yaml has a name and a description in strings.json."""
    actions = load_yaml_dict(INTEGRATION / "services.yaml")
    strings = load(INTEGRATION / "strings.json")["services"]
    assert set(actions) == set(strings)
    for action, spec in actions.items():
        for field in (spec or {}).get("fields", {}):
            assert {"name", "description"} <= set(strings[action]["fields"][field])
