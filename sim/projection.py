"""Monte-Carlo projection of many walkers following the progression planner.

`project` is vectorized over walkers; `project_loop` is the same model in plain
Python (for the benchmark). Both consume the same random draws and do the same
floating-point operations, so the same seed gives bit-identical results.
"""

from __future__ import annotations

from dataclasses import dataclass
import math
from typing import cast

import numpy as np
from numpy.typing import NDArray

from .body import RESTING_VO2
from .checks import require_range, require_whole
from .energy import (
    BACKWARD_HORIZONTAL,
    BACKWARD_WALK_RUN_TRANSITION_M_S,
    FORWARD_HORIZONTAL,
    PRACTICED_PREMIUM_FLOOR,
    Direction,
    familiarization_reduction,
    met,
)
from .plan import (
    FREQUENCY_STEP_WEEKS,
    MAX_STEP_BACK,
    PROFILES,
    STEP_BACK_PER_MISSED,
    Level,
    LevelProfile,
    WeeklyGoal,
)

ROUND_TO_S = 10
"""The population projection grows lengths in 10 s steps: the average of the
planner's whole-minute growth, which gives earned seconds as whole minutes later."""
DEFAULT_PERCENTILES = (10.0, 25.0, 50.0, 75.0, 90.0)
WEIGHT_MEAN_KG, WEIGHT_SD_KG, WEIGHT_BOUNDS_KG = 75.0, 13.0, (45.0, 150.0)
DURATION_FACTOR_BOUNDS = (0.5, 1.5)
SPEED_FACTOR_BOUNDS = (0.7, 1.3)
MIN_SPEED_M_S = 0.1
MAX_WALKERS = 1_000_000
LEVEL_FLOOR_PER_M_MIN = FORWARD_HORIZONTAL + PRACTICED_PREMIUM_FLOOR * (
    BACKWARD_HORIZONTAL - FORWARD_HORIZONTAL
)
"""Practiced backward floor on level ground, VO2 per m/min (the floor `met` uses at grade 0)."""
PATCH_SHARE = 0.25
"""While at most this share of walkers can still beat the floor, only their columns get the practice factor."""


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


def practice_factors(sessions: int) -> NDArray[np.float64]:
    """Return ``1 - familiarization_reduction(n)`` for n = 0 .. ``sessions``, as `met` computes it."""
    return np.array([1.0 - familiarization_reduction(n) for n in range(sessions + 1)])


def floor_wins_from(practice: NDArray[np.float64]) -> int:
    """Return the first session count from which the practiced floor sets backward VO2 at every pace.

    From then on ``max(novice * practice, floor)`` is the floor at any pace the
    projection allows, so the practice factor is not needed. floor / novice is
    monotonic in speed, so the two ends of the pace range cover every pace; the
    margin is far above rounding.
    """
    speed_m_min = np.array([MIN_SPEED_M_S, BACKWARD_WALK_RUN_TRANSITION_M_S]) * 60.0
    novice = RESTING_VO2 + speed_m_min * BACKWARD_HORIZONTAL
    floor = RESTING_VO2 + speed_m_min * LEVEL_FLOOR_PER_M_MIN
    beaten = np.all(practice[:, None] * novice < floor * (1.0 - 1e-9), axis=1)
    losing = np.flatnonzero(~beaten)
    return int(losing[-1]) + 1 if losing.size else 0


def duration_steps(profile: LevelProfile, target: int, slots: int) -> NDArray[np.intp]:
    """Return next week's session length for each whole-second length 0 .. ``target``.

    The flat table has rows of ``target + 1`` entries: row 0 keeps the length,
    row 1 grows it (every planned session done) and row 1 + f steps it back
    (none of f planned sessions done). Lengths stay whole seconds because the
    profiles, the target and ROUND_TO_S are integers.
    """
    duration = np.arange(target + 1, dtype=np.float64)
    step = np.minimum(profile.weekly_growth * duration, profile.weekly_add_s)
    grown = np.minimum(
        np.maximum(np.floor((duration + step) / ROUND_TO_S) * ROUND_TO_S, duration),
        target,
    )
    keep = np.array(
        [
            1.0 - min(STEP_BACK_PER_MISSED * frequency, MAX_STEP_BACK)
            for frequency in range(1, slots + 1)
        ]
    )
    back = np.maximum(
        np.floor(duration * keep[:, None] / ROUND_TO_S) * ROUND_TO_S,
        profile.min_duration_s,
    )
    steps: NDArray[np.float64] = np.concatenate((duration, grown, back.ravel()))
    return steps.astype(np.intp)


def speed_steps(profile: LevelProfile, weeks: int) -> NDArray[np.float64]:
    """Return the planned speed after 0 .. ``weeks`` weeks with every session done."""
    speeds = [profile.start_speed_m_s]
    for _ in range(weeks):
        speed = speeds[-1]
        step = min(profile.weekly_speed_growth * speed, profile.weekly_speed_add_m_s)
        speeds.append(min(speed + step, profile.max_speed_m_s))
    return np.array(speeds)


def _step_offsets(slots: int, row: int) -> NDArray[np.intp]:
    """Return the `duration_steps` row offset for each (sessions done, planned) pair, flattened."""
    offsets = np.zeros((slots + 1, slots + 1), dtype=np.intp)
    for planned in range(1, slots + 1):
        offsets[planned, planned] = row
        offsets[0, planned] = (1 + planned) * row
    return offsets.ravel()


def walker_totals(
    level: Level, goal: WeeklyGoal, draws: Draws, adherence: float
) -> WalkerTotals:
    """Run the model for every walker at once: numpy over walkers, a loop over weeks.

    Each week works in place on preallocated (sessions, walkers) buffers, only
    for the slots some walker plans. The plan state changes through lookup
    tables (`duration_steps`, `speed_steps`) and each session's MET is the
    level-ground backward case of `met`, with the practice factor applied only
    while some walker can still beat the floor (`floor_wins_from`). All of it
    gives the same floats as `walker_totals_loop`.
    """
    profile = PROFILES[level]
    target = max(goal.session_s, profile.min_duration_s)
    weeks, slots, walkers = draws.attend.shape
    practice = practice_factors(weeks * slots)
    floor_from = floor_wins_from(practice)
    speeds = speed_steps(profile, weeks)
    steps = duration_steps(profile, target, slots)
    minutes_of = np.arange(target + 1) / 60.0
    step_minutes = minutes_of[steps]
    offsets = _step_offsets(slots, target + 1)
    weight_factor = RESTING_VO2 * draws.weight_kg / 200.0

    planned = min(profile.start_sessions_per_week, slots)
    fewest = most = planned
    frequency = np.full(walkers, planned, dtype=np.uint8)
    duration = np.full(walkers, min(profile.start_duration_s, target), dtype=np.intp)
    session_minutes = minutes_of[duration]
    speed_step = np.zeros(walkers, dtype=np.intp)
    speed = np.empty(walkers)
    sessions = np.zeros((weeks + 1, walkers), dtype=np.int64)
    totals = np.empty((weeks + 1, 3, walkers))
    totals[0] = 0.0

    attended_buf = np.empty((slots, walkers), dtype=bool)
    counted_buf = np.zeros((slots + 1, walkers), dtype=np.uint8)
    before_buf = np.empty((slots, walkers), dtype=np.intp)
    # minutes, distance, kcal (summed per week), then two scratch buffers
    work = np.empty((5, slots, walkers))
    slot_open = np.empty(walkers, dtype=bool)
    all_done = np.empty(walkers, dtype=bool)
    key = np.empty(walkers, dtype=np.uint8)
    index = np.empty(walkers, dtype=np.intp)
    practiced = floor_from > 0
    for week in range(weeks):
        done = sessions[week]
        attended = np.less(
            draws.attend[week, :most], adherence, out=attended_buf[:most]
        )
        for slot in range(fewest, most):
            np.greater(frequency, slot, out=slot_open)
            np.logical_and(attended[slot], slot_open, out=attended[slot])
        # counted[s]: sessions done this week before slot s
        counted = counted_buf[: most + 1]
        ones = attended.view(np.uint8)
        for slot in range(most):
            np.add(counted[slot], ones[slot], out=counted[slot + 1])
        count = counted[most]
        np.add(done, count, out=sessions[week + 1])

        quantities = work[:3, :most]
        minutes, distance, kcal = quantities
        novice, factor = work[3, :most], work[4, :most]
        # Zeroed minutes of skipped sessions zero their distance and kcal too.
        np.copyto(distance, attended)  # the 0/1 mask, until distance needs the buffer
        np.multiply(session_minutes, draws.duration_factor[week, :most], out=minutes)
        np.multiply(minutes, distance, out=minutes)
        np.take(speeds, speed_step, out=speed, mode="clip")
        speed_m_min = kcal  # kcal's buffer holds the speed, then VO2, then kcal
        np.multiply(speed, draws.speed_factor[week, :most], out=speed_m_min)
        np.clip(
            speed_m_min,
            MIN_SPEED_M_S,
            BACKWARD_WALK_RUN_TRANSITION_M_S,
            out=speed_m_min,
        )
        np.multiply(speed_m_min, 60.0, out=speed_m_min)
        np.multiply(speed_m_min, minutes, out=distance)

        patch: NDArray[np.intp] | None = None
        dense = False
        if practiced:
            learners = int(np.count_nonzero(done < floor_from))
            practiced = learners > 0
            dense = learners > PATCH_SHARE * walkers
            if dense:
                np.multiply(speed_m_min, BACKWARD_HORIZONTAL, out=novice)
                np.add(novice, RESTING_VO2, out=novice)
                before = np.add(done, counted[:most], out=before_buf[:most])
                np.take(practice, before, out=factor, mode="clip")
                np.multiply(novice, factor, out=novice)
            elif practiced:
                patch = np.flatnonzero(done < floor_from)
                patched = speed_m_min[:, patch] * BACKWARD_HORIZONTAL
                patched += RESTING_VO2
                patched *= practice.take(done[patch] + counted[:most, patch])
        vo2 = kcal
        np.multiply(speed_m_min, LEVEL_FLOOR_PER_M_MIN, out=vo2)
        np.add(vo2, RESTING_VO2, out=vo2)
        if dense:
            np.maximum(novice, vo2, out=vo2)
        elif patch is not None:
            vo2[:, patch] = np.maximum(patched, vo2[:, patch])
        np.divide(vo2, RESTING_VO2, out=kcal)
        np.multiply(kcal, weight_factor, out=kcal)
        np.multiply(kcal, minutes, out=kcal)

        # weekly sums slot by slot, then onto last week's totals (as the loop adds)
        week_totals = totals[week + 1]
        if most > 1:
            np.add(quantities[:, 0], quantities[:, 1], out=week_totals)
        else:
            np.copyto(week_totals, quantities[:, 0])
        for slot in range(2, most):
            np.add(week_totals, quantities[:, slot], out=week_totals)
        np.add(totals[week], week_totals, out=week_totals)

        # next week's plan: grow after a full week, step back after an empty one
        np.equal(count, frequency, out=all_done)
        np.multiply(count, slots + 1, out=key)
        np.add(key, frequency, out=key)
        np.take(offsets, key, out=index, mode="clip")
        index += duration
        if (week + 1) % FREQUENCY_STEP_WEEKS == 0 and fewest < slots:
            # At the target length growing changes nothing, so only the frequency moves.
            more = all_done & (duration >= target) & (frequency < slots)
            np.add(frequency, more, out=frequency)
            fewest, most = int(frequency.min()), int(frequency.max())
        np.take(steps, index, out=duration, mode="clip")
        np.take(step_minutes, index, out=session_minutes, mode="clip")
        np.add(speed_step, all_done, out=speed_step)
    return WalkerTotals(
        sessions=sessions[1:].T,
        minutes=totals[1:, 0].T,
        distance_m=totals[1:, 1].T,
        kcal=totals[1:, 2].T,
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
                distance_week += pace * 60.0 * minutes
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
