"""Session phases and plans (what to walk, in which order, for how long)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import accumulate

from .checks import require_range, require_whole
from .energy import MAX_GRADE, MAX_SPEED_M_S, MIN_GRADE, Direction

MAX_PHASE_S = 4 * 3600
"""Longest phase (and session) accepted, in seconds."""


class PhaseKind(StrEnum):
    """Kinds of session phase; only ``backward`` phases are walked backward."""

    WARMUP = "warmup"
    BACKWARD = "backward"
    REST = "rest"
    COOLDOWN = "cooldown"


@dataclass(frozen=True, slots=True)
class Phase:
    """One phase: a kind, a whole number of seconds, a speed and a grade (fraction).

    A ``rest`` phase with a speed above zero is an easy forward recovery walk.
    """

    kind: PhaseKind
    duration_s: int
    speed_m_s: float
    grade: float = 0.0

    def __post_init__(self) -> None:
        """Reject phases outside the model's range."""
        require_whole("duration_s", self.duration_s, 1, MAX_PHASE_S)
        require_range("speed_m_s", self.speed_m_s, 0.0, MAX_SPEED_M_S)
        require_range("grade", self.grade, MIN_GRADE, MAX_GRADE)

    @property
    def direction(self) -> Direction:
        """Direction walked in this phase."""
        return (
            Direction.BACKWARD if self.kind is PhaseKind.BACKWARD else Direction.FORWARD
        )


@dataclass(frozen=True, slots=True)
class SessionPlan:
    """An ordered, non-empty sequence of phases."""

    phases: tuple[Phase, ...]
    starts_s: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        """Check the phases and remember where each one starts."""
        if not self.phases:
            raise ValueError("a session plan needs at least one phase")
        starts = (0, *accumulate(phase.duration_s for phase in self.phases))
        object.__setattr__(self, "starts_s", starts[:-1])

    @property
    def duration_s(self) -> int:
        """Total active duration in seconds."""
        return self.starts_s[-1] + self.phases[-1].duration_s

    @property
    def backward_s(self) -> int:
        """Seconds walked backward."""
        return sum(p.duration_s for p in self.phases if p.kind is PhaseKind.BACKWARD)

    def phase_at(self, t_s: float) -> tuple[int, Phase, float]:
        """Return (index, phase, seconds into the phase) at active time ``t_s``.

        A phase boundary belongs to the phase that starts there; times at or
        after the end map to the end of the last phase.
        """
        require_range("t_s", t_s, 0.0, float("inf"))
        if t_s >= self.duration_s:
            index = len(self.phases) - 1
            return index, self.phases[index], float(self.phases[index].duration_s)
        index = bisect_right(self.starts_s, t_s) - 1
        return index, self.phases[index], t_s - self.starts_s[index]
