"""Hostile and plausible values for the soak's action calls (all JSON-able).

Non-finite numbers travel as the strings a form or a template would send ("nan",
"inf"); 5 000-digit numbers as strings (a JSON parser refuses them as numbers, so
they never reach the integration); 1e308 and 10**300 as JSON numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
import random
from typing import Any
from zoneinfo import ZoneInfo

PROGRAMS = ("steady", "intervals", "rehab", "treadmill_hill")
LONG_DIGITS = "9" * 5000


def nested(depth: int) -> dict[str, Any]:
    """An object nested ``depth`` levels deep."""
    value: dict[str, Any] = {"value": 1}
    for _ in range(depth):
        value = {"value": value}
    return value


WRONG_TYPES: tuple[Any, ...] = (
    True,
    False,
    None,
    "",
    "   ",
    "abc",
    [],
    [1, 2],
    {},
    {"value": 5},
    nested(60),
    "💥",
    "\u0000",
    "x" * 10_000,
)
HOSTILE_NUMBERS: tuple[Any, ...] = (
    "nan",
    "NaN",
    "inf",
    "-inf",
    "Infinity",
    "-Infinity",
    "1e308",
    "1e309",
    "-1e309",
    1e308,
    -1e308,
    1.7976931348623157e308,
    5e-324,
    10**300,
    -(10**300),
    LONG_DIGITS,
    "-" + LONG_DIGITS,
    "0." + "0" * 4998 + "1",
    "1" + "0" * 5000,
    0,
    -0.0,
    -1,
    -1e9,
    1e9,
    "15min",
    "1_000",
    "0x10",
    "½",
    " 15 ",
)
HOSTILE_WHENS: tuple[Any, ...] = (
    "0001-01-01T00:00:00",
    "0001-01-01T00:00:00+00:00",
    "0001-01-01T00:00:00-12:00",
    "0001-01-01T00:00:00+14:00",
    "0001-01-01",
    "0001-01-02T03:04:05-05:00",
    "9999-12-31T23:59:59",
    "9999-12-31T23:59:59+00:00",
    "9999-12-31T23:59:59-12:00",
    "9999-12-31T23:59:59.999999+14:00",
    "9999-12-31",
    "9999-12-30T12:00:00Z",
    "1970-01-01T00:00:00Z",
    "2026-02-30T10:00:00",
    "2026-13-01T00:00:00",
    "2026-12-01T10:00:00+25:00",
    "2026-12-01T24:00:00",
    "yesterday",
    "now",
    "T",
    1_700_000_000,
    "1700000000",
    1e308,
    -1,
)
HOSTILE_TEXTS: tuple[Any, ...] = (
    "bogus",
    "STEADY",
    "steady ",
    "../../etc/passwd",
    "0" * 26,
    "01ARZ3NDEKTSV4RRFFQ69G5FAV",
    5,
    1.5,
    ["steady"],
)


class Hostile:
    """Values for each kind of field: about half plausible, half hostile."""

    def __init__(self, rng: random.Random) -> None:
        """Draw from ``rng`` (seeded by the caller, so a run can be repeated)."""
        self.rng = rng

    def pick(self, *pools: Sequence[Any]) -> Any:
        """One value from the joined pools."""
        return self.rng.choice([value for pool in pools for value in pool])

    def number(self, low: float, high: float) -> Any:
        """A number for a field bounded by ``low`` and ``high``."""
        rng = self.rng
        if rng.random() < 0.55:
            value = rng.uniform(low, high)
            return rng.choice(
                [round(value), value, low, high, str(round(value)), round(value, 1)]
            )
        near = [low - 1e-9, high + 1e-9, high * 1000, -high, low / 2]
        return self.pick(HOSTILE_NUMBERS, WRONG_TYPES, near)

    def when(self, zone: ZoneInfo) -> Any:
        """A point in time: aware, naive, date-only, extreme or not a time at all."""
        rng = self.rng
        if rng.random() < 0.5:
            moment = datetime.now(UTC) - timedelta(
                seconds=rng.uniform(3600, 90 * 86400)
            )
            local = moment.astimezone(zone)
            return rng.choice(
                [
                    local.isoformat(),
                    local.replace(tzinfo=None).isoformat(),
                    moment.isoformat().replace("+00:00", "Z"),
                    local.replace(microsecond=0).isoformat(),
                    local.date().isoformat(),
                ]
            )
        future = datetime.now(UTC) + timedelta(days=rng.uniform(0.01, 400))
        return self.pick(HOSTILE_WHENS, WRONG_TYPES, [future.isoformat()])

    def text(self, valid: Sequence[Any]) -> Any:
        """One of ``valid`` most of the time, otherwise a wrong string or type."""
        if valid and self.rng.random() < 0.7:
            return self.rng.choice(list(valid))
        return self.pick(HOSTILE_TEXTS, WRONG_TYPES)

    def flag(self) -> Any:
        """A boolean, or something that is not one."""
        if self.rng.random() < 0.8:
            return self.rng.random() < 0.5
        return self.pick(["yes", "true", 1, 0, "on"], WRONG_TYPES)

    def anything(self) -> Any:
        """Any hostile value."""
        return self.pick(HOSTILE_NUMBERS, HOSTILE_WHENS, HOSTILE_TEXTS, WRONG_TYPES)


FieldMaker = Callable[[Hostile, "CallContext"], Any]


class CallContext:
    """What a field generator may use: the real ids and the time zone in force."""

    def __init__(self, entry_id: str, zone: ZoneInfo) -> None:
        """Start with no known session ids or client ids."""
        self.entry_id = entry_id
        self.zone = zone
        self.session_ids: list[str] = []
        self.client_ids: list[str] = []


def _client_id(values: Hostile, context: CallContext) -> Any:
    rng = values.rng
    if context.client_ids and rng.random() < 0.15:
        return rng.choice(context.client_ids)  # a reused id with other values
    if rng.random() < 0.7:
        client_id = f"soak-{rng.getrandbits(64):016x}"
        context.client_ids.append(client_id)
        return client_id
    return values.pick(WRONG_TYPES, HOSTILE_TEXTS)


FIELDS: dict[str, FieldMaker] = {
    "config_entry_id": lambda values, context: (
        context.entry_id
        if values.rng.random() < 0.85
        else values.pick(HOSTILE_TEXTS, WRONG_TYPES)
    ),
    "duration": lambda values, _: values.number(1, 180),
    "speed": lambda values, _: values.number(0.3, 3.0),
    "incline": lambda values, _: values.number(-10, 15),
    "program": lambda values, _: values.text(PROGRAMS),
    "acknowledge_warnings": lambda values, _: values.flag(),
    "minutes": lambda values, _: values.number(1, 60),
    "started_at": lambda values, context: values.when(context.zone),
    "start": lambda values, context: values.when(context.zone),
    "end": lambda values, context: values.when(context.zone),
    "client_id": _client_id,
    "session_id": lambda values, context: values.text(context.session_ids[-20:]),
}
"""How each known field is filled; a field the soak does not know gets anything."""


def field_value(name: str, values: Hostile, context: CallContext) -> Any:
    """A value for the field ``name``."""
    maker = FIELDS.get(name)
    return maker(values, context) if maker else values.anything()
