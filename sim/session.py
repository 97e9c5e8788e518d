"""Simulate a session second by second, or look up where it is at any moment."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

from .body import Body
from .checks import require_range, require_whole
from .energy import Direction, kcal_per_min, met
from .gait import cadence_steps_min
from .phases import MAX_PHASE_S, Phase, PhaseKind, SessionPlan
from .programs import Program, build_program

__all__ = [
    "PAUSE_MET",
    "Phase",
    "PhaseKind",
    "PhaseSummary",
    "Program",
    "SessionPlan",
    "SessionResult",
    "SessionSnapshot",
    "WalkingRates",
    "build_program",
    "phase_summaries",
    "simulate",
    "snapshot_at",
    "walking_rates",
]

PAUSE_MET = 1.0
"""MET shown while paused (standing at rest); paused time adds no kcal."""


@dataclass(frozen=True, slots=True)
class PhaseSummary:
    """Rates of one phase and the totals at its start (closed form)."""

    index: int
    kind: PhaseKind
    start_s: int
    duration_s: int
    speed_m_s: float
    grade: float
    met: float
    kcal_per_min: float
    steps_per_min: float
    kcal_at_start: float
    distance_m_at_start: float
    steps_at_start: float

    @property
    def kcal(self) -> float:
        """Return the kcal spent in the whole phase."""
        return self.kcal_per_min * self.duration_s / 60.0

    @property
    def distance_m(self) -> float:
        """Metres walked in the whole phase."""
        return self.speed_m_s * self.duration_s

    @property
    def steps(self) -> float:
        """Steps taken in the whole phase."""
        return self.steps_per_min * self.duration_s / 60.0


@dataclass(frozen=True, slots=True)
class WalkingRates:
    """What walking at one speed and grade costs and takes, per minute."""

    met: float
    kcal_per_min: float
    """Gross kcal per minute."""
    steps_per_min: float


def walking_rates(
    direction: Direction,
    speed_m_s: float,
    grade: float,
    body: Body,
    *,
    sessions_done: int = 0,
    familiarization: bool = True,
) -> WalkingRates:
    """Rates of walking at ``speed_m_s`` and ``grade``: a planned phase or a measured belt."""
    walking_met = met(
        direction,
        speed_m_s,
        grade,
        sessions_done=sessions_done,
        familiarization=familiarization,
    )
    return WalkingRates(
        met=walking_met,
        kcal_per_min=kcal_per_min(walking_met, body.weight_kg),
        steps_per_min=cadence_steps_min(direction, speed_m_s, height_cm=body.height_cm),
    )


@lru_cache(maxsize=128)
def phase_summaries(
    plan: SessionPlan,
    body: Body,
    *,
    sessions_done: int = 0,
    familiarization: bool = True,
) -> tuple[PhaseSummary, ...]:
    """Return each phase's rates and start totals (cached; plans and bodies are immutable)."""
    summaries: list[PhaseSummary] = []
    kcal = distance = steps = 0.0
    for index, (phase, start) in enumerate(
        zip(plan.phases, plan.starts_s, strict=True)
    ):
        rates = walking_rates(
            phase.direction,
            phase.speed_m_s,
            phase.grade,
            body,
            sessions_done=sessions_done,
            familiarization=familiarization,
        )
        summary = PhaseSummary(
            index=index,
            kind=phase.kind,
            start_s=start,
            duration_s=phase.duration_s,
            speed_m_s=phase.speed_m_s,
            grade=phase.grade,
            met=rates.met,
            kcal_per_min=rates.kcal_per_min,
            steps_per_min=rates.steps_per_min,
            kcal_at_start=kcal,
            distance_m_at_start=distance,
            steps_at_start=steps,
        )
        summaries.append(summary)
        kcal += summary.kcal
        distance += summary.distance_m
        steps += summary.steps
    return tuple(summaries)


@dataclass(frozen=True, slots=True, eq=False)
class SessionResult:
    """Per-second series of a simulated session (index = wall-clock second).

    Rates (speed, grade, MET) hold for the second starting at ``time_s``;
    cumulative series (kcal, distance, steps) are the totals at its end.
    """

    time_s: NDArray[np.int64]
    active: NDArray[np.bool_]
    phase_index: NDArray[np.int64]
    speed_m_s: NDArray[np.float64]
    grade: NDArray[np.float64]
    met: NDArray[np.float64]
    kcal: NDArray[np.float64]
    distance_m: NDArray[np.float64]
    steps: NDArray[np.float64]

    @property
    def total_kcal(self) -> float:
        """Gross kcal of the active time."""
        return float(self.kcal[-1])

    @property
    def total_distance_m(self) -> float:
        """Metres walked."""
        return float(self.distance_m[-1])

    @property
    def total_steps(self) -> float:
        """Steps taken."""
        return float(self.steps[-1])

    @property
    def active_s(self) -> int:
        """Seconds of walking (the plan's duration)."""
        return int(np.count_nonzero(self.active))

    @property
    def duration_s(self) -> int:
        """Wall-clock seconds, pauses included."""
        return int(self.time_s.size)


def _pause_lengths(
    plan: SessionPlan, pauses: Sequence[tuple[int, int]]
) -> NDArray[np.int64]:
    """Return the paused seconds inserted before each active second (and after the last)."""
    before = np.zeros(plan.duration_s + 1, dtype=np.int64)
    for at_s, length_s in pauses:
        require_whole("pause start", at_s, 0, plan.duration_s)
        require_whole("pause length", length_s, 1, MAX_PHASE_S)
        before[at_s] += length_s
    return before


def simulate(
    plan: SessionPlan,
    body: Body,
    *,
    sessions_done: int = 0,
    familiarization: bool = True,
    pauses: Sequence[tuple[int, int]] = (),
) -> SessionResult:
    """Simulate ``plan`` second by second.

    ``pauses`` are ``(active_second, length_s)``: the walker stops for
    ``length_s`` seconds after ``active_second`` seconds of walking.
    """
    summaries = phase_summaries(
        plan, body, sessions_done=sessions_done, familiarization=familiarization
    )
    durations = [s.duration_s for s in summaries]
    active_phase = np.repeat(np.arange(len(summaries), dtype=np.int64), durations)
    pause_before = _pause_lengths(plan, pauses)
    wall_of_active = (
        np.arange(plan.duration_s, dtype=np.int64) + np.cumsum(pause_before)[:-1]
    )
    total_s = plan.duration_s + int(pause_before.sum())
    active = np.zeros(total_s, dtype=np.bool_)
    active[wall_of_active] = True
    # Each paused second belongs to the phase of the next active second (or the last phase).
    next_active = np.minimum(np.cumsum(active) - active, plan.duration_s - 1)
    phase_index = active_phase[next_active]

    speed = np.array([s.speed_m_s for s in summaries])[phase_index]
    grade = np.array([s.grade for s in summaries])[phase_index]
    phase_met = np.array([s.met for s in summaries])[phase_index]
    kcal_rate = np.array([s.kcal_per_min for s in summaries])[phase_index] / 60.0
    step_rate = np.array([s.steps_per_min for s in summaries])[phase_index] / 60.0
    paused = ~active
    speed[paused] = 0.0
    kcal_rate[paused] = 0.0
    step_rate[paused] = 0.0
    phase_met[paused] = PAUSE_MET
    return SessionResult(
        time_s=np.arange(total_s, dtype=np.int64),
        active=active,
        phase_index=phase_index,
        speed_m_s=speed,
        grade=grade,
        met=phase_met,
        kcal=np.cumsum(kcal_rate),
        distance_m=np.cumsum(speed),
        steps=np.cumsum(step_rate),
    )


@dataclass(frozen=True, slots=True)
class SessionSnapshot:
    """Where a session is after some active time, and how fast things accrue there."""

    phase_index: int
    phase: PhaseKind
    phase_remaining_s: float
    elapsed_s: float
    remaining_s: float
    speed_m_s: float
    grade: float
    met: float
    kcal: float
    distance_m: float
    steps: float
    kcal_per_min: float
    distance_m_per_min: float
    steps_per_min: float
    finished: bool


def snapshot_at(
    plan: SessionPlan,
    body: Body,
    active_elapsed_s: float,
    *,
    sessions_done: int = 0,
    familiarization: bool = True,
) -> SessionSnapshot:
    """Return the state of ``plan`` after ``active_elapsed_s`` seconds of walking.

    Closed form per phase (cached), so it is cheap enough for every state update.
    Times past the end report the finished session.
    """
    require_range("active_elapsed_s", active_elapsed_s, 0.0, float("inf"))
    summaries = phase_summaries(
        plan, body, sessions_done=sessions_done, familiarization=familiarization
    )
    index, _phase, into_s = plan.phase_at(active_elapsed_s)
    here = summaries[index]
    elapsed = min(float(active_elapsed_s), float(plan.duration_s))
    return SessionSnapshot(
        phase_index=index,
        phase=here.kind,
        phase_remaining_s=here.duration_s - into_s,
        elapsed_s=elapsed,
        remaining_s=plan.duration_s - elapsed,
        speed_m_s=here.speed_m_s,
        grade=here.grade,
        met=here.met,
        kcal=here.kcal_at_start + here.kcal_per_min * into_s / 60.0,
        distance_m=here.distance_m_at_start + here.speed_m_s * into_s,
        steps=here.steps_at_start + here.steps_per_min * into_s / 60.0,
        kcal_per_min=here.kcal_per_min,
        distance_m_per_min=here.speed_m_s * 60.0,
        steps_per_min=here.steps_per_min,
        finished=active_elapsed_s >= plan.duration_s,
    )
