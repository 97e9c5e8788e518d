"""Number boxes of the flows, whose out-of-range refusals speak the person's language.

Home Assistant's number selector refuses a value outside its ends with an
English message ("Value -1.0 is too small") before the flow sees the value. A
``NumberBox`` shows the same box with the same ends, but lets the value through
to the flow's own check (``validation.STORED_BOUNDS``), whose refusal is
translated and names the box's range (``range_hint``).
"""

from __future__ import annotations

from typing import Any

from homeassistant.helpers.selector import (
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
)

from .compat import vol
from .validation import shown

OUT_OF_RANGE = "out_of_range"


class NumberBox(NumberSelector):
    """A number selector that only reads a number; the flow checks its range."""

    def __call__(self, data: Any) -> float:
        """The value as a number (nan and infinity too: the flow refuses them)."""
        value: float = vol.Coerce(float)(data)
        return value


def number_box(
    low: float, high: float, step: float, unit: str | None = None
) -> NumberBox:
    """A box from ``low`` to ``high`` by ``step``, in ``unit``."""
    config = NumberSelectorConfig(
        min=low, max=high, step=step, mode=NumberSelectorMode.BOX
    )
    if unit is not None:
        config["unit_of_measurement"] = unit
    return NumberBox(config)


def range_hint(
    schema: vol.Schema, errors: dict[str, str], placeholders: dict[str, str]
) -> dict[str, str]:
    """``placeholders`` with ``range``: the first out-of-range box's ends ("1-60 s").

    Only that box keeps its refusal, so each refusal names its own box's range;
    another box out of range is told once the first is mended.
    """
    hint = ""
    for marker, field in schema.schema.items():
        key = str(marker)
        if errors.get(key) != OUT_OF_RANGE or not isinstance(field, NumberBox):
            continue
        if hint:
            del errors[key]
            continue
        config = field.config
        hint = f"{shown(config['min'])}–{shown(config['max'])}"
        if unit := config.get("unit_of_measurement"):
            hint = f"{hint} {unit}"
    return placeholders | {"range": hint}
