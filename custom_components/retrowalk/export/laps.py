"""A recorded session divided into laps, one per phase of its program.

A record keeps its totals, program and planned length but not its phases, so
the laps are the phases of the plan rebuilt from the program and the planned
length, cut at the time walked. The record's distance, steps and energy are
shared out: distance and steps by each lap's planned speed times its time,
energy by time. The laps add up to the record's totals. Lap start times count
walking time from the start; the time spent paused (not stored moment by
moment) is added to the last lap's elapsed time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from ..models import SessionRecord
from ..sim.energy import MAX_SPEED_M_S
from ..sim.phases import Phase, PhaseKind
from ..sim.programs import Program, build_program


@dataclass(frozen=True, slots=True)
class Lap:
    """One phase as walked."""

    kind: PhaseKind
    start: datetime
    timer_s: float
    """Time walking (the timer running)."""
    elapsed_s: float
    """Time from the lap's start to its end, pauses included."""
    distance_m: float
    kcal: float
    steps: float

    @property
    def end(self) -> datetime:
        """When the lap ended."""
        return self.start + timedelta(seconds=self.elapsed_s)


def laps_of(record: SessionRecord) -> list[Lap]:
    """The record's laps, in order; at least one."""
    walked = [
        (phase, seconds) for phase, seconds in _walked_phases(record) if seconds > 0
    ] or _one_lap(record)
    timer_total = sum(seconds for _phase, seconds in walked) or 1.0
    moving = sum(phase.speed_m_s * seconds for phase, seconds in walked)
    paused_s = max(
        0.0, (record.ended_at - record.started_at).total_seconds() - record.active_s
    )
    laps: list[Lap] = []
    start = record.started_at
    for index, (phase, seconds) in enumerate(walked):
        last = index == len(walked) - 1
        share = (
            (phase.speed_m_s * seconds / moving) if moving else seconds / timer_total
        )
        laps.append(
            Lap(
                kind=phase.kind,
                start=start,
                timer_s=seconds,
                elapsed_s=seconds + (paused_s if last else 0.0),
                distance_m=record.distance_m * share,
                kcal=record.kcal * seconds / timer_total,
                steps=record.steps * share,
            )
        )
        start += timedelta(seconds=seconds)
    return laps


def _walked_phases(record: SessionRecord) -> list[tuple[Phase, float]]:
    """The plan's phases with the seconds walked in each (the rest to the last)."""
    try:
        plan = build_program(
            Program(record.program),
            record.planned_s,
            min(record.distance_m / record.active_s, MAX_SPEED_M_S)
            if record.active_s > 0
            else 0.0,
        )
    except ValueError:
        # A plan too short (or odd) to rebuild.
        return _one_lap(record)
    left = record.active_s
    walked: list[tuple[Phase, float]] = []
    for phase in plan.phases:
        seconds = min(float(phase.duration_s), left)
        walked.append((phase, seconds))
        left -= seconds
    if left > 0:
        last, seconds = walked[-1]
        walked[-1] = (last, seconds + left)
    return walked


def _one_lap(record: SessionRecord) -> list[tuple[Phase, float]]:
    """The whole session as one backward lap (no speed: shares go by time)."""
    return [(Phase(PhaseKind.BACKWARD, 1, 0.0), record.active_s)]
