"""Named programs that turn a duration, speed and grade into a session plan."""

from __future__ import annotations

from enum import StrEnum

from .checks import require_range, require_whole
from .energy import MAX_GRADE, MAX_SPEED_M_S, MIN_GRADE
from .phases import MAX_PHASE_S, Phase, PhaseKind, SessionPlan

MIN_SESSION_S = 60
WARMUP_SHARE = 0.10
"""Warm-up and cool-down each take this share of the session ..."""
WARMUP_BOUNDS_S = (60, 300)
"""... bounded to 1-5 minutes ..."""
NO_WARMUP_BELOW_S = 300
"""... and sessions shorter than 5 minutes have neither."""
FORWARD_SPEED_LIMIT_M_S = 1.2
"""Fastest forward walking in a session (warm-up, cool-down, recoveries).

A design choice: an easy pace just below the 1.3 m/s that healthy adults
choose for themselves (`gait.COMFORTABLE_SPEED_M_S`); faster is no warm-up.
"""
EASY_FORWARD_BOUNDS_M_S = (0.5, FORWARD_SPEED_LIMIT_M_S)
"""Forward warm-up speed: 1.5 x the backward speed, within these bounds."""
INTERVAL_BOUT_S, INTERVAL_RECOVERY_S = 120, 60
REHAB_BOUT_S, REHAB_REST_S = 60, 30
REHAB_MAX_SPEED_M_S = 0.5
REHAB_MAX_WARMUP_SPEED_M_S = 0.6
DEFAULT_HILL_GRADE = 0.05
"""Incline of ``treadmill_hill`` when no positive grade is given."""


class Program(StrEnum):
    """Session programs."""

    STEADY = "steady"
    INTERVALS = "intervals"
    REHAB = "rehab"
    TREADMILL_HILL = "treadmill_hill"


def warmup_s(duration_s: int) -> int:
    """Return the warm-up (and cool-down) length of a session of ``duration_s``."""
    if duration_s < NO_WARMUP_BELOW_S:
        return 0
    low, high = WARMUP_BOUNDS_S
    return min(max(round(WARMUP_SHARE * duration_s), low), high)


def easy_forward_speed(backward_speed_m_s: float) -> float:
    """Return the forward warm-up and cool-down speed for a backward speed."""
    low, high = EASY_FORWARD_BOUNDS_M_S
    return min(max(1.5 * backward_speed_m_s, low), high)


def _split(total_s: int, parts: int) -> list[int]:
    """Split ``total_s`` into ``parts`` whole seconds differing by at most one."""
    base, extra = divmod(total_s, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def _bouts(
    main_s: int, bout_s: int, recovery: Phase, speed_m_s: float, grade: float
) -> list[Phase]:
    """Alternate backward bouts of about ``bout_s`` with ``recovery`` phases, filling ``main_s``."""
    count = max(
        1, round((main_s + recovery.duration_s) / (bout_s + recovery.duration_s))
    )
    walking = main_s - (count - 1) * recovery.duration_s
    phases: list[Phase] = []
    for i, length in enumerate(_split(walking, count)):
        if i:
            phases.append(recovery)
        phases.append(Phase(PhaseKind.BACKWARD, length, speed_m_s, grade))
    return phases


def build_program(
    program: Program, duration_s: int, speed_m_s: float, grade: float = 0.0
) -> SessionPlan:
    """Return the session plan of ``program`` lasting exactly ``duration_s`` seconds.

    ``speed_m_s`` is the backward speed and ``grade`` (a fraction) the backward
    incline; ``rehab`` caps the speed and ignores the grade.
    """
    require_whole("duration_s", duration_s, MIN_SESSION_S, MAX_PHASE_S)
    require_range("speed_m_s", speed_m_s, 0.0, MAX_SPEED_M_S)
    require_range("grade", grade, MIN_GRADE, MAX_GRADE)
    edge_s = warmup_s(duration_s)
    main_s = duration_s - 2 * edge_s
    easy = easy_forward_speed(speed_m_s)
    if program is Program.REHAB:
        speed_m_s, grade = min(speed_m_s, REHAB_MAX_SPEED_M_S), 0.0
        easy = min(easy, REHAB_MAX_WARMUP_SPEED_M_S)
        rest = Phase(PhaseKind.REST, REHAB_REST_S, 0.0)
        main = _bouts(main_s, REHAB_BOUT_S, rest, speed_m_s, grade)
    elif program is Program.INTERVALS:
        recovery = Phase(PhaseKind.REST, INTERVAL_RECOVERY_S, round(0.8 * easy, 3))
        main = _bouts(main_s, INTERVAL_BOUT_S, recovery, speed_m_s, grade)
    else:
        if program is Program.TREADMILL_HILL and grade <= 0:
            grade = DEFAULT_HILL_GRADE
        main = [Phase(PhaseKind.BACKWARD, main_s, speed_m_s, grade)]
    if not edge_s:
        return SessionPlan(tuple(main))
    warmup = Phase(PhaseKind.WARMUP, edge_s, easy)
    cooldown = Phase(PhaseKind.COOLDOWN, edge_s, easy)
    return SessionPlan((warmup, *main, cooldown))
