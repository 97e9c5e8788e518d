"""Entered values checked against the shared bounds (``sim/bounds.py``).

Actions, voice and forms use these helpers, so they accept the same values as
the simulation. A refusal is a translated ``ServiceValidationError`` that names
the allowed range; nothing has changed when it is raised.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
import math
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.util import dt as dt_util

from .compat import vol
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
    DOMAIN,
)
from .sim.bounds import (
    AGE_YEARS,
    AUTO_PAUSE_AFTER_S,
    FIRST_LOG_YEAR,
    HEIGHT_CM,
    LOG_AHEAD,
    LUX_THRESHOLD,
    RAMP_EVERY_S,
    RAMP_STEP_M_S,
    REFRESH_INTERVAL_S,
    REMINDER_EVERY_MINUTES,
    WEEKLY_MINUTES,
    WEEKLY_SESSIONS,
    WEIGHT_KG,
    Bound,
    check_log_datetime,
)

STORED_BOUNDS: dict[str, tuple[Bound, float]] = {
    CONF_HEIGHT: (HEIGHT_CM, 1.0),
    CONF_AGE: (AGE_YEARS, 1.0),
    CONF_WEIGHT: (WEIGHT_KG, 1.0),
    CONF_GOAL_SESSIONS: (WEEKLY_SESSIONS, 1.0),
    CONF_GOAL_MINUTES: (WEEKLY_MINUTES, 1.0),
    CONF_LUX_THRESHOLD: (LUX_THRESHOLD, 1.0),
    CONF_REFRESH_INTERVAL: (REFRESH_INTERVAL_S, 1.0),
    CONF_PATH_CHECK_EVERY: (REMINDER_EVERY_MINUTES, 1.0),
    CONF_POSTURE_EVERY: (REMINDER_EVERY_MINUTES, 1.0),
    CONF_HYDRATE_EVERY: (REMINDER_EVERY_MINUTES, 1.0),
    CONF_AUTO_PAUSE_AFTER: (AUTO_PAUSE_AFTER_S, 1.0),
    CONF_RAMP_STEP: (RAMP_STEP_M_S, 1.0),
    CONF_RAMP_EVERY: (RAMP_EVERY_S, 1.0),
}
"""Each numeric field's bound (sim/bounds.py) and its stored unit per bound unit."""


def refuse(key: str, **placeholders: Any) -> ServiceValidationError:
    """A translated refusal; the caller raises it before changing anything."""
    return ServiceValidationError(
        translation_domain=DOMAIN,
        translation_key=key,
        translation_placeholders={
            key: str(value) for key, value in placeholders.items()
        },
    )


def shown(value: float) -> str:
    """A bound's end for a message: no trailing zeros."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def number_in(
    data: Mapping[str, Any],
    key: str,
    bound: Bound,
    *,
    scale: float = 1.0,
    unit: str | None = None,
    error: str = "out_of_range",
) -> float | None:
    """Field ``key`` in stored units (entered value / ``scale``), None when absent.

    ``scale`` converts stored units to the entered ones (e.g. km/h per m/s).
    Anything but a finite number inside the bound is refused with the
    translation ``error``, naming the bound in the entered unit.
    """
    if key not in data:
        return None
    value = data[key]
    stored = float(value) / scale if is_number(value) else None
    if stored is None or bound.parse(stored) is None:
        raise refuse(
            error,
            field=key,
            minimum=shown(bound.low * scale),
            maximum=shown(bound.high * scale),
            unit=unit if unit is not None else bound.unit,
        )
    return stored


def is_number(value: object) -> bool:
    """A real, finite int or float of sane size (not a bool, string or list)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    if isinstance(value, int):
        return abs(value) <= 10**15
    return math.isfinite(value)


def log_datetime(hass: HomeAssistant, key: str, value: datetime) -> datetime:
    """An entered datetime in UTC; naive ones are read in Home Assistant's time zone.

    Refused unless it lies from 2000 to a day from now.
    """
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt_util.get_default_time_zone())
    try:
        return check_log_datetime(value, dt_util.utcnow())
    except ValueError:
        raise refuse(
            "invalid_datetime",
            field=key,
            first=str(FIRST_LOG_YEAR),
            hours=shown(LOG_AHEAD.total_seconds() / 3600),
        ) from None


class TranslatedSchema(vol.Schema):  # type: ignore[misc,unused-ignore]
    """A schema whose refusals are translated ``ServiceValidationError``s."""

    def __call__(self, data: Any, **kwargs: Any) -> Any:
        """Validate, naming the first bad field in a translated error."""
        try:
            return super().__call__(data, **kwargs)  # type: ignore[no-untyped-call,unused-ignore]
        except vol.Invalid as err:
            field = ".".join(str(part) for part in err.path) or "data"
            raise refuse("invalid_field", field=field) from None
