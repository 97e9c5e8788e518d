"""Pre-session safety checks and speed caps (pure rules the integration applies)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .checks import require_range
from .energy import BACKWARD_WALK_RUN_TRANSITION_M_S, MAX_SPEED_M_S
from .plan import Level
from .reminders import Reminder, ReminderType, reminder_schedule
from .surfaces import Surface

__all__ = [
    "Contraindication",
    "ReasonCode",
    "Reminder",
    "ReminderType",
    "SafetyInput",
    "Surface",
    "Verdict",
    "VerdictLevel",
    "check_safety",
    "reminder_schedule",
    "speed_cap_m_s",
]

DEFAULT_LUX_THRESHOLD = 50.0
"""Light below this (lux) is too dim to walk backward safely away from a treadmill."""
LEVEL_SPEED_CAP_M_S = {Level.NEW: 0.9, Level.REGULAR: 1.4, Level.REHABILITATION: 0.6}
"""Backward speed caps by level; rehabilitation stays at the 0.6 m/s fall-risk pace."""


SURFACE_SPEED_FACTOR = {
    Surface.TREADMILL_HANDRAILS: 1.0,
    Surface.TREADMILL_NO_HANDRAILS: 0.8,
    Surface.INDOOR_HALLWAY: 0.9,
    Surface.OUTDOOR_PATH: 0.8,
}
"""Share of the level's cap allowed on each surface."""


class Contraindication(StrEnum):
    """Conditions that speak against walking backward."""

    SEVERE_BALANCE_PROBLEMS = "severe_balance_problems"
    EYE_CONDITION = "eye_condition"
    INNER_EAR_CONDITION = "inner_ear_condition"
    RECENT_INJURY = "recent_injury"


class VerdictLevel(StrEnum):
    """Outcome of the pre-session check, from best to worst."""

    OK = "ok"
    WARN = "warn"
    BLOCK = "block"


class ReasonCode(StrEnum):
    """Machine-readable reasons behind a verdict."""

    SEVERE_BALANCE_PROBLEMS = "severe_balance_problems"
    EYE_CONDITION = "eye_condition"
    INNER_EAR_CONDITION = "inner_ear_condition"
    RECENT_INJURY = "recent_injury"
    TOO_DARK = "too_dark"
    DARK_OUTDOORS = "dark_outdoors"
    LIGHT_UNKNOWN = "light_unknown"
    NO_HANDRAILS = "no_handrails"
    SPEED_ABOVE_CAP = "speed_above_cap"
    SPEED_ABOVE_WALK_RUN = "speed_above_walk_run"
    TREADMILL_SENSOR_UNAVAILABLE = "treadmill_sensor_unavailable"


_CONTRAINDICATION_RULES = {
    Contraindication.SEVERE_BALANCE_PROBLEMS: (
        VerdictLevel.BLOCK,
        ReasonCode.SEVERE_BALANCE_PROBLEMS,
    ),
    Contraindication.EYE_CONDITION: (VerdictLevel.BLOCK, ReasonCode.EYE_CONDITION),
    Contraindication.INNER_EAR_CONDITION: (
        VerdictLevel.BLOCK,
        ReasonCode.INNER_EAR_CONDITION,
    ),
    Contraindication.RECENT_INJURY: (VerdictLevel.WARN, ReasonCode.RECENT_INJURY),
}
_SEVERITY = {VerdictLevel.OK: 0, VerdictLevel.WARN: 1, VerdictLevel.BLOCK: 2}


@dataclass(frozen=True, slots=True)
class SafetyInput:
    """Everything the pre-session check looks at."""

    level: Level
    surface: Surface
    lux: float | None
    lux_threshold: float = DEFAULT_LUX_THRESHOLD
    is_dark_outdoors: bool | None = None
    speed_m_s: float = 0.0
    contraindications: frozenset[Contraindication] = frozenset()
    light_monitored: bool = True
    """False when nothing measures the light: an unknown level is then no finding."""
    treadmill_sensor_unavailable: bool = False
    """A treadmill sensor the person set is not reporting: its figures would be missing."""


@dataclass(frozen=True, slots=True)
class Verdict:
    """The worst finding and every reason, most severe first."""

    level: VerdictLevel
    reasons: tuple[ReasonCode, ...]


def speed_cap_m_s(level: Level, surface: Surface) -> float:
    """Return the highest backward speed advised for ``level`` on ``surface``."""
    return round(LEVEL_SPEED_CAP_M_S[level] * SURFACE_SPEED_FACTOR[surface], 3)


def _light_findings(data: SafetyInput) -> list[tuple[VerdictLevel, ReasonCode]]:
    """Check the light: dim light blocks off the treadmill and warns on it."""
    dim = VerdictLevel.WARN if data.surface.is_treadmill else VerdictLevel.BLOCK
    if data.surface is Surface.OUTDOOR_PATH and data.is_dark_outdoors:
        return [(VerdictLevel.BLOCK, ReasonCode.DARK_OUTDOORS)]
    if data.lux is None:
        if not data.light_monitored or (
            data.surface is Surface.OUTDOOR_PATH and data.is_dark_outdoors is False
        ):
            return []
        return [(VerdictLevel.WARN, ReasonCode.LIGHT_UNKNOWN)]
    if data.lux < data.lux_threshold:
        return [(dim, ReasonCode.TOO_DARK)]
    return []


def _speed_findings(data: SafetyInput) -> list[tuple[VerdictLevel, ReasonCode]]:
    """Check the planned speed against the walk-run transition and the cap."""
    if data.speed_m_s > BACKWARD_WALK_RUN_TRANSITION_M_S:
        return [(VerdictLevel.BLOCK, ReasonCode.SPEED_ABOVE_WALK_RUN)]
    if data.speed_m_s > speed_cap_m_s(data.level, data.surface):
        return [(VerdictLevel.WARN, ReasonCode.SPEED_ABOVE_CAP)]
    return []


def check_safety(data: SafetyInput) -> Verdict:
    """Return ok, warn or block with machine-readable reasons.

    Severe balance problems and eye or inner-ear conditions block; a recent
    injury warns. Dim light blocks in a hallway or outdoors and warns on a
    treadmill; a treadmill without handrails warns, and blocks for
    rehabilitation. Speeds above the cap warn; above the backward walk-run
    transition they block. A treadmill sensor that does not report warns.
    """
    require_range("speed_m_s", data.speed_m_s, 0.0, MAX_SPEED_M_S)
    if data.lux is not None:
        require_range("lux", data.lux, 0.0, 200_000.0)
    require_range("lux_threshold", data.lux_threshold, 0.0, 200_000.0)
    findings = [_CONTRAINDICATION_RULES[c] for c in sorted(data.contraindications)]
    findings += _light_findings(data)
    if data.surface is Surface.TREADMILL_NO_HANDRAILS:
        severity = (
            VerdictLevel.BLOCK
            if data.level is Level.REHABILITATION
            else VerdictLevel.WARN
        )
        findings.append((severity, ReasonCode.NO_HANDRAILS))
    findings += _speed_findings(data)
    if data.treadmill_sensor_unavailable:
        findings.append((VerdictLevel.WARN, ReasonCode.TREADMILL_SENSOR_UNAVAILABLE))
    if not findings:
        return Verdict(VerdictLevel.OK, ())
    findings.sort(key=lambda finding: -_SEVERITY[finding[0]])
    worst = findings[0][0]
    return Verdict(worst, tuple(reason for _, reason in findings))
