"""Monte-Carlo projection of many walkers following the progression planner.

`project` is vectorized over walkers; `project_loop` is the same model in plain
Python (for the benchmark). Both consume the same random draws, so the same
seed gives the same results up to floating-point rounding.
"""

from __future__ import annotations

from dataclasses import dataclass
import math
from typing import cast

import numpy as np
from numpy.typing import NDArray

from .body import RESTING_VO2
from .checks import require_range, require_whole
from .energy import BACKWARD_WALK_RUN_TRANSITION_M_S, Direction, met, met_array
from .plan import (
    FREQUENCY_STEP_WEEKS,
    MAX_STEP_BACK,
    PROFILES,
    ROUND_TO_S,
    STEP_BACK_PER_MISSED,
    Level,
    WeeklyGoal,
)

DEFAULT_PERCENTILES = (10.0, 25.0, 50.0, 75.0, 90.0)
WEIGHT_MEAN_KG, WEIGHT_SD_KG, WEIGHT_BOUNDS_KG = 75.0, 13.0, (45.0, 150.0)
DURATION_FACTOR_BOUNDS = (0.5, 1.5)
SPEED_FACTOR_BOUNDS = (0.7, 1.3)
MIN_SPEED_M_S = 0.1
MAX_WALKERS = 1_000_000


@dataclass(frozen=True, slots=True, eq=False)
class Draws:
    """Random numbers of one projection, drawn before any computation."""

    weight_kg: NDArray[np.float64]
    """Body mass per walker, shape (walkers,)."""
    attend: NDArray[np.float64]
    """Uniform numbers, shape (weeks, sessions, walkers); a session happens when below adherence."""
    duration_factor: NDArray[np.float64]
    """Day-to-day factor on the planned length, same shape."""
    speed_factor: NDArray[np.float64]
    """Day-to-day factor on the planned speed, same shape."""


def draw(
    walkers: int, weeks: int, sessions_per_week: int, variation: float, seed: int
) -> Draws:
    """Draw every random number a projection needs from ``np.random.default_rng(seed)``."""
    rng = np.random.default_rng(seed)
    shape = (weeks, sessions_per_week, walkers)
    weight = np.clip(
        rng.normal(WEIGHT_MEAN_KG, WEIGHT_SD_KG, walkers), *WEIGHT_BOUNDS_KG
    )
    attend = rng.random(shape)
    duration = np.clip(
        np.exp(variation * rng.standard_normal(shape)), *DURATION_FACTOR_BOUNDS
    )
    speed = np.clip(
        np.exp(0.5 * variation * rng.standard_normal(shape)), *SPEED_FACTOR_BOUNDS
    )
    return Draws(weight, attend, duration, speed)


@dataclass(frozen=True, slots=True, eq=False)
class WalkerTotals:
    """Cumulative totals at the end of each week, shape (walkers, weeks)."""

    sessions: NDArray[np.int64]
    minutes: NDArray[np.float64]
    distance_m: NDArray[np.float64]
    kcal: NDArray[np.float64]


@dataclass(frozen=True, slots=True, eq=False)
class ProjectionResult:
    """Per-walker totals and their percentiles.

    ``minutes``, ``distance_m`` and ``kcal`` have shape (weeks, percentiles):
    the percentiles over walkers of the totals at the end of each week.
    """

    percentiles: tuple[float, ...]
    walkers: WalkerTotals
    minutes: NDArray[np.float64]
    distance_m: NDArray[np.float64]
    kcal: NDArray[np.float64]

    @property
    def walker_count(self) -> int:
        """Number of simulated walkers."""
        return int(self.walkers.minutes.shape[0])

    @property
    def weeks(self) -> int:
        """Number of simulated weeks."""
        return int(self.walkers.minutes.shape[1])


def _validate(walkers: int, weeks: int, adherence: float, variation: float) -> None:
    """Reject projection settings outside their ranges."""
    require_whole("walkers", walkers, 1, MAX_WALKERS)
    require_whole("weeks", weeks, 1, 104)
    require_range("adherence", adherence, 0.0, 1.0)
    require_range("variation", variation, 0.0, 1.0)


def summarize(totals: WalkerTotals, percentiles: tuple[float, ...]) -> ProjectionResult:
    """Return the percentiles over walkers of each week's totals."""

    def summary(values: NDArray[np.float64]) -> NDArray[np.float64]:
        return np.asarray(
            np.percentile(values, percentiles, axis=0).T, dtype=np.float64
        )

    return ProjectionResult(
        percentiles,
        totals,
        summary(totals.minutes),
        summary(totals.distance_m),
        summary(totals.kcal),
    )


def walker_totals(
    level: Level, goal: WeeklyGoal, draws: Draws, adherence: float
) -> WalkerTotals:
    """Run the model for every walker at once: numpy over walkers, a loop over weeks.

    Each week works on (sessions, walkers) slices, which stay in the CPU cache.
    """
    profile = PROFILES[level]
    target = max(goal.session_s, profile.min_duration_s)
    weeks, slots, walkers = draws.attend.shape
    slot_index = np.arange(slots)[:, None]
    weight_factor = RESTING_VO2 * draws.weight_kg / 200.0
    duration: NDArray[np.float64] = np.full(
        walkers, float(min(profile.start_duration_s, target))
    )
    speed: NDArray[np.float64] = np.full(walkers, profile.start_speed_m_s)
    frequency: NDArray[np.int64] = np.full(
        walkers, min(profile.start_sessions_per_week, slots), dtype=np.int64
    )
    done: NDArray[np.int64] = np.zeros(walkers, dtype=np.int64)
    totals = np.zeros((4, walkers))
    out = np.empty((4, weeks, walkers))
    for week in range(weeks):
        attended = (draws.attend[week] < adherence) & (slot_index < frequency)
        before = np.empty((slots, walkers), dtype=np.int64)
        running = done.copy()
        for slot in range(slots):
            before[slot] = running
            running += attended[slot]
        count = running - done
        # Multiplying by the 0/1 mask zeroes skipped sessions (same values as np.where).
        minutes = duration / 60.0 * draws.duration_factor[week] * attended
        pace = np.minimum(
            np.maximum(speed * draws.speed_factor[week], MIN_SPEED_M_S),
            BACKWARD_WALK_RUN_TRANSITION_M_S,
        )
        mets = met_array(Direction.BACKWARD, pace, 0.0, sessions_done=before)
        totals[0] = running
        totals[1] += minutes.sum(axis=0)
        totals[2] += (pace * minutes * 60.0).sum(axis=0)
        totals[3] += (mets * weight_factor * minutes).sum(axis=0)
        out[:, week] = totals
        done = running

        all_done, none_done = count == frequency, count == 0
        more = (
            all_done
            & (duration >= target)
            & (frequency < slots)
            & ((week + 1) % FREQUENCY_STEP_WEEKS == 0)
        )
        step = np.minimum(profile.weekly_growth * duration, profile.weekly_add_s)
        grown = np.minimum(
            np.maximum(np.floor((duration + step) / ROUND_TO_S) * ROUND_TO_S, duration),
            target,
        )
        keep = 1.0 - np.minimum(STEP_BACK_PER_MISSED * frequency, MAX_STEP_BACK)
        back = np.maximum(
            np.floor(duration * keep / ROUND_TO_S) * ROUND_TO_S, profile.min_duration_s
        )
        duration = np.where(
            none_done, back, np.where(all_done & ~more, grown, duration)
        )
        speed_step = np.minimum(
            profile.weekly_speed_growth * speed, profile.weekly_speed_add_m_s
        )
        speed = np.where(
            all_done, np.minimum(speed + speed_step, profile.max_speed_m_s), speed
        )
        frequency = np.where(more, frequency + 1, frequency)
    return WalkerTotals(
        sessions=out[0].T.astype(np.int64),
        minutes=out[1].T,
        distance_m=out[2].T,
        kcal=out[3].T,
    )


def walker_totals_loop(
    level: Level, goal: WeeklyGoal, draws: Draws, adherence: float
) -> WalkerTotals:
    """Run the same model as `walker_totals`, one walker and session at a time in plain Python."""
    profile = PROFILES[level]
    target = max(goal.session_s, profile.min_duration_s)
    weeks, slots, walkers = draws.attend.shape
    weights = cast("list[float]", draws.weight_kg.tolist())
    attend = cast("list[list[list[float]]]", draws.attend.tolist())
    duration_factor = cast("list[list[list[float]]]", draws.duration_factor.tolist())
    speed_factor = cast("list[list[list[float]]]", draws.speed_factor.tolist())
    rows: list[list[list[float]]] = []
    for walker in range(walkers):
        duration = float(min(profile.start_duration_s, target))
        speed = profile.start_speed_m_s
        frequency = min(profile.start_sessions_per_week, slots)
        done = 0
        minutes_total = distance_total = kcal_total = 0.0
        walker_rows: list[list[float]] = []
        weight_factor = RESTING_VO2 * weights[walker] / 200.0
        for week in range(weeks):
            count = 0
            minutes_week = distance_week = kcal_week = 0.0
            for slot in range(frequency):
                if attend[week][slot][walker] >= adherence:
                    continue
                minutes = duration / 60.0 * duration_factor[week][slot][walker]
                pace = min(
                    max(speed * speed_factor[week][slot][walker], MIN_SPEED_M_S),
                    BACKWARD_WALK_RUN_TRANSITION_M_S,
                )
                session_met = met(
                    Direction.BACKWARD, pace, 0.0, sessions_done=done + count
                )
                minutes_week += minutes
                distance_week += pace * minutes * 60.0
                kcal_week += session_met * weight_factor * minutes
                count += 1
            minutes_total += minutes_week
            distance_total += distance_week
            kcal_total += kcal_week
            done += count
            walker_rows.append([float(done), minutes_total, distance_total, kcal_total])

            if count == 0:
                keep = 1.0 - min(STEP_BACK_PER_MISSED * frequency, MAX_STEP_BACK)
                duration = max(
                    math.floor(duration * keep / ROUND_TO_S) * ROUND_TO_S,
                    float(profile.min_duration_s),
                )
            elif count == frequency:
                if (
                    duration >= target
                    and frequency < slots
                    and (week + 1) % FREQUENCY_STEP_WEEKS == 0
                ):
                    frequency += 1
                else:
                    step = min(profile.weekly_growth * duration, profile.weekly_add_s)
                    grown = math.floor((duration + step) / ROUND_TO_S) * ROUND_TO_S
                    duration = min(max(float(grown), duration), float(target))
                speed_step = min(
                    profile.weekly_speed_growth * speed, profile.weekly_speed_add_m_s
                )
                speed = min(speed + speed_step, profile.max_speed_m_s)
        rows.append(walker_rows)
    values = np.asarray(rows, dtype=np.float64)
    return WalkerTotals(
        sessions=values[:, :, 0].astype(np.int64),
        minutes=values[:, :, 1],
        distance_m=values[:, :, 2],
        kcal=values[:, :, 3],
    )


def project(
    level: Level,
    goal: WeeklyGoal,
    walkers: int,
    weeks: int,
    *,
    adherence: float = 0.8,
    variation: float = 0.15,
    seed: int = 0,
    percentiles: tuple[float, ...] = DEFAULT_PERCENTILES,
) -> ProjectionResult:
    """Project ``walkers`` walkers over ``weeks`` weeks, vectorized over walkers.

    Each planned session happens with probability ``adherence``; its length and
    speed vary day to day by a log-normal factor with spread ``variation``.
    """
    _validate(walkers, weeks, adherence, variation)
    draws = draw(walkers, weeks, goal.sessions_per_week, variation, seed)
    return summarize(walker_totals(level, goal, draws, adherence), percentiles)


def project_loop(
    level: Level,
    goal: WeeklyGoal,
    walkers: int,
    weeks: int,
    *,
    adherence: float = 0.8,
    variation: float = 0.15,
    seed: int = 0,
    percentiles: tuple[float, ...] = DEFAULT_PERCENTILES,
) -> ProjectionResult:
    """Project like `project`, computed with the plain-Python loop."""
    _validate(walkers, weeks, adherence, variation)
    draws = draw(walkers, weeks, goal.sessions_per_week, variation, seed)
    return summarize(walker_totals_loop(level, goal, draws, adherence), percentiles)
