#!/usr/bin/env python3
"""Time the projection: vectorized numpy against the plain-Python loop.

Both run the same model on the same pre-drawn random numbers (so drawing is
timed once, separately) and must give identical totals. Each side runs several
times and the median counts. The loop can run on a subset of walkers
(``--loop-walkers``); its time is then scaled up linearly.

Usage: python scripts/bench_projection.py [--walkers 10000] [--weeks 12] [--markdown]
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
import datetime as dt
import os
from pathlib import Path
import platform
import statistics
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

TARGET_SPEEDUP = 100.0


def timings(repeat: int, run: Callable[[], object]) -> list[float]:
    """Return the wall-clock times of ``repeat`` runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return times


def subset(draws: Draws, walkers: int) -> Draws:
    """Return the draws of the first ``walkers`` walkers."""
    return Draws(
        draws.weight_kg[:walkers],
        draws.attend[:, :, :walkers],
        draws.duration_factor[:, :, :walkers],
        draws.speed_factor[:, :, :walkers],
    )


def cpu_model() -> str:
    """Return the processor's model name, if the system tells it."""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def load() -> str:
    """Return the 1-minute load average, or '?' where the system has none."""
    return f"{os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else "?"


def spread(times: list[float]) -> str:
    """Return 'median ms (min-max, n runs)'."""
    return (
        f"{statistics.median(times) * 1e3:9.2f} ms"
        f" (min {min(times) * 1e3:.2f}, max {max(times) * 1e3:.2f}, {len(times)} runs)"
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
        "--repeat", type=int, default=31, help="runs of the vectorized code"
    )
    parser.add_argument("--loop-repeat", type=int, default=5, help="runs of the loop")
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
    load_before = load()
    draw_s = statistics.median(
        timings(
            5,
            lambda: draw(
                args.walkers, args.weeks, goal.sessions_per_week, variation, seed
            ),
        )
    )
    draws = draw(args.walkers, args.weeks, goal.sessions_per_week, variation, seed)
    walker_totals(level, goal, draws, adherence)  # warm up
    vector = timings(args.repeat, lambda: walker_totals(level, goal, draws, adherence))
    loop_draws = subset(draws, loop_walkers)
    loop = timings(
        args.loop_repeat, lambda: walker_totals_loop(level, goal, loop_draws, adherence)
    )
    scale = args.walkers / loop_walkers
    loop = [seconds * scale for seconds in loop]
    summary_s = statistics.median(
        timings(
            5,
            lambda: summarize(
                walker_totals(level, goal, draws, adherence), DEFAULT_PERCENTILES
            ),
        )
    ) - statistics.median(vector)

    fast = walker_totals(level, goal, loop_draws, adherence)
    slow = walker_totals_loop(level, goal, loop_draws, adherence)
    identical = all(
        np.array_equal(getattr(fast, name), getattr(slow, name))
        for name in ("sessions", "minutes", "distance_m", "kcal")
    )
    vector_s, loop_s = statistics.median(vector), statistics.median(loop)
    ratio = loop_s / vector_s
    python = platform.python_version()
    machine = f"{cpu_model()}, {platform.machine()}, {os.cpu_count()} CPUs"
    print(
        f"projection: {args.walkers} walkers x {args.weeks} weeks, Python {python}, numpy {np.__version__}"
    )
    print(f"  machine: {machine}; load average {load_before} before, {load()} after")
    print(f"  random draws (shared):    {draw_s * 1e3:9.2f} ms (median of 5)")
    print(f"  vectorized model:         {spread(vector)}")
    scaled = "" if scale == 1 else f", {loop_walkers} walkers scaled x{scale:g}"
    print(f"  plain-Python loop model:  {spread(loop)}{scaled}")
    print(f"  percentiles (shared):     {max(summary_s, 0.0) * 1e3:9.2f} ms")
    verdict = "met" if ratio >= TARGET_SPEEDUP else "NOT met"
    print(
        f"  speed-up (median loop / median vector): {ratio:.1f}x (target {TARGET_SPEEDUP:g}x {verdict})"
    )
    print(f"  identical results:        {identical}")
    if args.markdown:
        print(
            f"| {dt.date.today().isoformat()} | {python} | {np.__version__} | "
            f"{args.walkers} x {args.weeks} | {vector_s * 1e3:.2f} | {loop_s * 1e3:.0f} | "
            f"{ratio:.0f}x | {draw_s * 1e3:.1f} | {load_before} |"
        )
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
