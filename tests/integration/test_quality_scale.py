"""The quality scale file names every rule, and the manifest claims only what holds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from homeassistant.util.yaml import load_yaml_dict

PACKAGE = Path(__file__).parents[2] / "custom_components" / "retrowalk"
TIERS = ("bronze", "silver", "gold", "platinum")
RULES = {
    "bronze": [
        "action-setup",
        "appropriate-polling",
        "brands",
        "common-modules",
        "config-flow",
        "config-flow-test-coverage",
        "dependency-transparency",
        "docs-actions",
        "docs-conditions",
        "docs-high-level-description",
        "docs-installation-instructions",
        "docs-removal-instructions",
        "docs-triggers",
        "entity-event-setup",
        "entity-unique-id",
        "has-entity-name",
        "runtime-data",
        "test-before-configure",
        "test-before-setup",
        "unique-config-entry",
    ],
    "silver": [
        "action-exceptions",
        "config-entry-unloading",
        "docs-configuration-parameters",
        "docs-installation-parameters",
        "entity-unavailable",
        "integration-owner",
        "log-when-unavailable",
        "parallel-updates",
        "reauthentication-flow",
        "test-coverage",
    ],
    "gold": [
        "devices",
        "diagnostics",
        "discovery",
        "discovery-update-info",
        "docs-data-update",
        "docs-examples",
        "docs-known-limitations",
        "docs-supported-devices",
        "docs-supported-functions",
        "docs-troubleshooting",
        "docs-use-cases",
        "dynamic-devices",
        "entity-category",
        "entity-device-class",
        "entity-disabled-by-default",
        "entity-translations",
        "exception-translations",
        "icon-translations",
        "reconfiguration-flow",
        "repair-issues",
        "stale-devices",
    ],
    "platinum": ["async-dependency", "inject-websession", "strict-typing"],
}
"""Home Assistant's rules by tier, as hassfest lists them (2026.11)."""
NEVER_EXEMPT = {"test-before-setup", "config-flow", "config-flow-test-coverage"}
"""Rules that allow no exemption for this integration."""


def statuses() -> dict[str, str]:
    """Each rule's status in quality_scale.yaml."""
    rules: dict[str, Any] = load_yaml_dict(PACKAGE / "quality_scale.yaml")["rules"]
    found = {}
    for rule, value in rules.items():
        if isinstance(value, dict):
            assert set(value) == {"status", "comment"}, rule
            assert value["comment"].strip(), rule
            found[rule] = value["status"]
        else:
            found[rule] = value
    return found


def test_every_rule_is_listed_with_a_valid_status() -> None:
    """No rule missing, none unknown; an exemption always says why."""
    found = statuses()
    assert sorted(found) == sorted(rule for tier in TIERS for rule in RULES[tier])
    assert set(found.values()) <= {"done", "todo", "exempt"}
    raw = load_yaml_dict(PACKAGE / "quality_scale.yaml")["rules"]
    for rule, status in found.items():
        if status == "exempt":
            assert isinstance(raw[rule], dict), f"{rule}: exempt without a comment"
    assert not {rule for rule in NEVER_EXEMPT if found[rule] == "exempt"}


def test_the_manifest_claims_the_highest_tier_that_holds() -> None:
    """A tier holds when every rule of it and of the tiers below is done or exempt."""
    manifest = json.loads((PACKAGE / "manifest.json").read_text())
    found = statuses()
    holding = None
    for tier in TIERS:
        if any(found[rule] == "todo" for rule in RULES[tier]):
            break
        holding = tier
    assert manifest.get("quality_scale") == holding
