#!/usr/bin/env python3
"""Time the projection: vectorized numpy against the plain-Python loop.

Both run the same model on the same pre-drawn random numbers (so drawing is
timed once, separately) and must give identical totals. The loop can run on a
subset of walkers (``--loop-walkers``); its time is then scaled up linearly.

Usage: python scripts/bench_projection.py [--walkers 10000] [--weeks 12] [--markdown]
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
import datetime as dt
import os
from pathlib import Path
import platform
import sys
import time

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sim.plan import Level, WeeklyGoal
from sim.projection import (
    DEFAULT_PERCENTILES,
    Draws,
    draw,
    summarize,
    walker_totals,
    walker_totals_loop,
)


def best_of(repeat: int, run: Callable[[], object]) -> float:
    """Return the best wall-clock time of ``repeat`` runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def subset(draws: Draws, walkers: int) -> Draws:
    """Return the draws of the first ``walkers`` walkers."""
    return Draws(
        draws.weight_kg[:walkers],
        draws.attend[:, :, :walkers],
        draws.duration_factor[:, :, :walkers],
        draws.speed_factor[:, :, :walkers],
    )


def main() -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--walkers", type=int, default=10_000)
    parser.add_argument("--weeks", type=int, default=12)
    parser.add_argument(
        "--loop-walkers", type=int, default=None, help="subset for the loop"
    )
    parser.add_argument(
        "--repeat", type=int, default=5, help="runs of the vectorized code"
    )
    parser.add_argument("--loop-repeat", type=int, default=3, help="runs of the loop")
    parser.add_argument(
        "--markdown", action="store_true", help="also print a markdown row"
    )
    args = parser.parse_args()
    loop_walkers = min(args.loop_walkers or args.walkers, args.walkers)

    level, goal, adherence, variation, seed = (
        Level.NEW,
        WeeklyGoal(4, 50),
        0.8,
        0.15,
        2024,
    )
    draw_s = best_of(
        3,
        lambda: draw(args.walkers, args.weeks, goal.sessions_per_week, variation, seed),
    )
    draws = draw(args.walkers, args.weeks, goal.sessions_per_week, variation, seed)
    walker_totals(level, goal, draws, adherence)  # warm up
    vector_s = best_of(
        args.repeat, lambda: walker_totals(level, goal, draws, adherence)
    )
    loop_draws = subset(draws, loop_walkers)
    loop_s = best_of(
        args.loop_repeat, lambda: walker_totals_loop(level, goal, loop_draws, adherence)
    )
    loop_scaled_s = loop_s * args.walkers / loop_walkers
    summary_s = (
        best_of(
            3,
            lambda: summarize(
                walker_totals(level, goal, draws, adherence), DEFAULT_PERCENTILES
            ),
        )
        - vector_s
    )

    fast = walker_totals(level, goal, loop_draws, adherence)
    slow = walker_totals_loop(level, goal, loop_draws, adherence)
    identical = all(
        np.array_equal(getattr(fast, name), getattr(slow, name))
        for name in ("sessions", "minutes", "distance_m", "kcal")
    )
    ratio = loop_scaled_s / vector_s
    python = platform.python_version()
    machine = f"{platform.machine()}, {os.cpu_count()} cores"
    print(
        f"projection: {args.walkers} walkers x {args.weeks} weeks, Python {python}, numpy {np.__version__}, {machine}"
    )
    print(f"  random draws (shared):     {draw_s * 1e3:9.1f} ms")
    print(
        f"  vectorized model:          {vector_s * 1e3:9.1f} ms (best of {args.repeat})"
    )
    scaled = (
        ""
        if loop_walkers == args.walkers
        else f", {loop_walkers} walkers scaled x{args.walkers / loop_walkers:g}"
    )
    print(
        f"  plain-Python loop model:   {loop_scaled_s * 1e3:9.1f} ms (best of {args.loop_repeat}{scaled})"
    )
    print(f"  percentiles (shared):      {max(summary_s, 0.0) * 1e3:9.1f} ms")
    print(f"  speed-up (loop / vector):  {ratio:9.1f} x")
    print(f"  identical results:         {identical}")
    if args.markdown:
        print(
            f"| {dt.date.today().isoformat()} | {machine} | {python} | {np.__version__} | "
            f"{args.walkers} x {args.weeks} | {vector_s * 1e3:.1f} | {loop_scaled_s * 1e3:.0f} | "
            f"{ratio:.0f}x | {draw_s * 1e3:.1f} |"
        )
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
