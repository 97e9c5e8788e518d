"""Entries stored by older versions that break a bound are corrected at setup.

A value outside its bound (``sim/bounds.py``) is moved to the nearest valid
value (a fraction of a whole number is rounded); a value that is not a number
at all takes the default, or is dropped when the field is optional. A name
longer than the bound is cut; one without a letter or digit becomes
``FALLBACK_NAME``. The entry is updated and a repair issue lists what changed, so the person loads instead of
failing.
"""

from __future__ import annotations

import math
from typing import Any

from homeassistant.const import CONF_NAME
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import issue_registry as ir

from .const import (
    CONF_AGE,
    CONF_AUTO_PAUSE_AFTER,
    CONF_GOAL_MINUTES,
    CONF_GOAL_SESSIONS,
    CONF_HEIGHT,
    CONF_HYDRATE_EVERY,
    CONF_LUX_THRESHOLD,
    CONF_PATH_CHECK_EVERY,
    CONF_POSTURE_EVERY,
    CONF_RAMP_EVERY,
    CONF_RAMP_STEP,
    CONF_REFRESH_INTERVAL,
    CONF_WEIGHT,
    DEFAULT_AUTO_PAUSE_AFTER_S,
    DEFAULT_GOAL_MINUTES,
    DEFAULT_GOAL_SESSIONS,
    DEFAULT_HYDRATE_EVERY_MIN,
    DEFAULT_LUX_THRESHOLD,
    DEFAULT_PATH_CHECK_EVERY_MIN,
    DEFAULT_POSTURE_EVERY_MIN,
    DEFAULT_RAMP_EVERY_S,
    DEFAULT_RAMP_STEP_M_S,
    DEFAULT_REFRESH_INTERVAL_S,
    DOMAIN,
)
from .data import RetrowalkConfigEntry
from .sim.bounds import NAME_LENGTH, clean_name
from .validation import STORED_BOUNDS, shown

TYPICAL_WEIGHT_KG = 70.0
"""Stands in for a stored weight that is not a number; the issue asks for the real one."""

FALLBACKS: dict[str, float | None] = {
    CONF_HEIGHT: None,
    CONF_AGE: None,
    CONF_WEIGHT: TYPICAL_WEIGHT_KG,
    CONF_GOAL_SESSIONS: DEFAULT_GOAL_SESSIONS,
    CONF_GOAL_MINUTES: DEFAULT_GOAL_MINUTES,
    CONF_LUX_THRESHOLD: DEFAULT_LUX_THRESHOLD,
    CONF_REFRESH_INTERVAL: DEFAULT_REFRESH_INTERVAL_S,
    CONF_PATH_CHECK_EVERY: DEFAULT_PATH_CHECK_EVERY_MIN,
    CONF_POSTURE_EVERY: DEFAULT_POSTURE_EVERY_MIN,
    CONF_HYDRATE_EVERY: DEFAULT_HYDRATE_EVERY_MIN,
    CONF_AUTO_PAUSE_AFTER: DEFAULT_AUTO_PAUSE_AFTER_S,
    CONF_RAMP_STEP: DEFAULT_RAMP_STEP_M_S,
    CONF_RAMP_EVERY: DEFAULT_RAMP_EVERY_S,
}
"""What a stored value that is not a number becomes (None: the field is dropped)."""
FALLBACK_NAME = "Walker"
"""Stands in for a stored name without a letter or digit (rename the device)."""


def issue_id(entry_id: str) -> str:
    """The repair issue of one person's corrected settings."""
    return f"entry_repaired_{entry_id}"


def repaired(values: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """``values`` with every bounded field valid, and a line per change."""
    fixed = dict(values)
    changes: list[str] = []
    if CONF_NAME in values and clean_name(values[CONF_NAME]) is None:
        cut = str(values[CONF_NAME]).strip()[: NAME_LENGTH[1]].strip()
        fixed[CONF_NAME] = clean_name(cut) or FALLBACK_NAME
        changes.append(f"name: {cut[:20]!r} -> {fixed[CONF_NAME]!r}")
    for key, (bound, scale) in STORED_BOUNDS.items():
        if key not in values or values[key] is None:
            continue
        value = values[key]
        number = (
            float(value) / scale
            if isinstance(value, (int, float)) and not isinstance(value, bool)
            else None
        )
        if number is not None and bound.accepts(number):
            continue
        if number is not None and math.isfinite(number):
            new: float | None = bound.clamp(number) * scale
        else:
            new = FALLBACKS[key]
        if new is None:
            del fixed[key]
            changes.append(f"{key}: {str(value)[:20]} -> -")
            continue
        new = round(new) if bound.whole else round(new, 2)
        fixed[key] = new
        changes.append(f"{key}: {str(value)[:20]} -> {shown(new)} {bound.unit}".strip())
    return fixed, changes


@callback
def async_repair_entry(hass: HomeAssistant, entry: RetrowalkConfigEntry) -> None:
    """Correct out-of-bound stored values and say so in a repair issue."""
    data, data_changes = repaired(dict(entry.data))
    options, option_changes = repaired(dict(entry.options))
    changes = data_changes + option_changes
    if not changes:
        return
    title = data.get(CONF_NAME, entry.title)
    hass.config_entries.async_update_entry(
        entry, title=title, data=data, options=options
    )
    ir.async_create_issue(
        hass,
        DOMAIN,
        issue_id(entry.entry_id),
        is_fixable=False,
        is_persistent=True,
        severity=ir.IssueSeverity.WARNING,
        translation_key="entry_repaired",
        translation_placeholders={"name": title, "changes": "; ".join(changes)},
    )


@callback
def async_delete_repair_issue(hass: HomeAssistant, entry_id: str) -> None:
    """Remove a removed person's issue."""
    ir.async_delete_issue(hass, DOMAIN, issue_id(entry_id))
