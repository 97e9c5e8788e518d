#!/usr/bin/env python3
"""Back-fill 1 000 sessions into long-term statistics: wall time and loop holds.

Runs tests/bench/bench_backfill.py (a real Home Assistant with its recorder on
SQLite) with the interpreter given, and prints its Markdown table row:
sessions | setup (ms) | longest loop hold during setup (ms) | until written (ms) |
longest loop hold while back-filling (ms).

Usage: <lane python> scripts/bench_statistics.py
"""

from __future__ import annotations

from pathlib import Path
import subprocess
import sys

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    """Run the benchmark once and print its row."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "tests/bench/bench_backfill.py",
            "-q",
            "-s",
            "-p",
            "no:cacheprovider",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    rows = [line for line in done.stdout.splitlines() if line.startswith("RESULT")]
    if done.returncode or not rows:
        sys.stdout.write(done.stdout[-3000:] + done.stderr[-3000:])
        return 1
    print(rows[0].removeprefix("RESULT "))
    return 0


if __name__ == "__main__":
    sys.exit(main())
