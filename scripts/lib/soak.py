"""Soak test of retrowalk against a real Home Assistant (run by ``scripts/soak``).

Starts the newest release from the develop venv with this working tree's
integration in a temporary config (loopback only), then:

1. ``--calls N`` hostile and random action calls for one person, each answer
   classified: refused cleanly (translated, or by the action's schema), succeeded,
   or unhandled (``unknown_error``, a bare HTTP 500, no answer); a refusal must
   change nothing. Then the person must still work.
2. ``--cycles M`` kill -9 cycles for a second person with a session running and
   ``log_session`` calls in flight: records answered vs found, duplicates after
   retries, and the elapsed error of the running session across each kill.
3. Every damaged-store case for a third person (``--no-damage`` skips them).

The log is scanned for tracebacks that mention retrowalk. Prints a summary and
exits 1 when anything misses what issue 11 asks: an unhandled exception, a
state change on a refusal, a lost or duplicated record, an elapsed error over 2 s,
or a damaged case that takes the person down (or refuses a future version
without a repair issue).
"""

from __future__ import annotations

import argparse
import asyncio
from dataclasses import dataclass, field
import os
from pathlib import Path
import platform
import random
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import traceback

import aiohttp
from live_ha import ROOT, STARTED, CheckError, free_port, step, write_junit
from soak_calls import CallResults, HostileCalls
from soak_damage import CaseResult, DamagedStores
from soak_kills import MAX_ELAPSED_ERROR_S, KillCycles, KillResults
from soak_rig import Rig
from soak_values import Hostile

CHECKS = (
    "unhandled",
    "refusal",
    "health",
    "lost",
    "duplicates",
    "elapsed",
    "finished-event",
    "damage",
)
"""The checks that decide the exit code (``--skip-check`` names them)."""


@dataclass
class Report:
    """Everything a run measured."""

    seed: int
    version: str = ""
    calls: CallResults | None = None
    kills: KillResults | None = None
    damage: list[CaseResult] = field(default_factory=list)
    tracebacks: dict[str, dict[str, int]] = field(default_factory=dict)
    start_seconds: list[float] = field(default_factory=list)

    def failures(self) -> list[tuple[str, str]]:
        """Every check that failed: (check name, what failed)."""
        failed: list[tuple[str, str]] = []
        if (calls := self.calls) is not None:
            tracebacks = sum(self.tracebacks.get("calls", {}).values())
            if calls.unhandled or tracebacks:
                failed.append(
                    (
                        "unhandled",
                        f"{calls.unhandled} unhandled exceptions in answers, "
                        f"{tracebacks} retrowalk tracebacks in the log",
                    )
                )
            if calls.changed_on_refusal:
                failed.append(
                    ("refusal", f"{calls.changed_on_refusal} refusals changed state")
                )
            if not calls.healthy_after:
                failed.append(("health", f"after the calls: {calls.health_note}"))
        if (kills := self.kills) is not None:
            failed.extend(kill_failures(kills, self.tracebacks.get("kills", {})))
        failed.extend(
            ("damage", f"{result.case.name}: {'; '.join(result.problems)}")
            for result in self.damage
            if not result.passed
        )
        return failed


def kill_failures(
    kills: KillResults, tracebacks: dict[str, int]
) -> list[tuple[str, str]]:
    """The failed checks of the kill cycles."""
    failed = []
    if kills.lost or kills.refused_valid:
        failed.append(
            (
                "lost",
                f"{len(kills.lost)} answered records lost, valid logs refused: "
                f"{dict(kills.refused_valid)}",
            )
        )
    if kills.duplicates:
        failed.append(("duplicates", f"{kills.duplicates} duplicated records"))
    if kills.max_elapsed_error > MAX_ELAPSED_ERROR_S:
        failed.append(
            (
                "elapsed",
                f"elapsed error {kills.max_elapsed_error:.3f} s > "
                f"{MAX_ELAPSED_ERROR_S} s ({kills.sessions_lost} sessions lost)",
            )
        )
    if kills.finished_seen < kills.ended_while_down:
        failed.append(
            (
                "finished-event",
                f"{kills.ended_while_down - kills.finished_seen} of "
                f"{kills.ended_while_down} sessions that ended while Home Assistant "
                "was down: no automation saw their finished event",
            )
        )
    if tracebacks:
        failed.append(
            (
                "unhandled",
                f"{sum(tracebacks.values())} retrowalk tracebacks in the kill cycles",
            )
        )
    return failed


def machine() -> str:
    """The machine facts a figure depends on."""
    cpus = os.cpu_count()
    model = ""
    with open("/proc/cpuinfo", encoding="utf-8") as info:
        model = next(
            (line.split(":", 1)[1].strip() for line in info if "model name" in line), ""
        )
    mem_kib = 0
    with open("/proc/meminfo", encoding="utf-8") as info:
        mem_kib = int(
            next(line.split()[1] for line in info if line.startswith("MemTotal"))
        )
    return (
        f"{cpus} CPUs ({model}), {mem_kib / 1048576:.0f} GiB RAM, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    )


def commit() -> str:
    """The working tree's commit (with a mark when it has changes)."""
    try:
        head = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + (" (with local changes)" if dirty else "")


async def soak(args: argparse.Namespace, report: Report) -> None:
    """Boot Home Assistant and run the parts asked for."""
    rng = random.Random(args.seed)  # noqa: S311 - repeatable, not secret
    config = Path(tempfile.mkdtemp(prefix="retrowalk-soak-"))
    port = free_port()
    step(f"config {config}, http://127.0.0.1:{port}, seed {args.seed}")
    async with aiohttp.ClientSession() as http:
        rig = Rig(http, config, port)
        try:
            report.version = await rig.boot()
            step(f"Home Assistant {report.version} onboarded")
            if args.calls:
                rig.logs.phase = "calls"
                entry_id, ids = await rig.add_person("Hostile")
                calls = HostileCalls(rig, Hostile(rng), entry_id, ids)
                report.calls = await calls.run(args.calls)
                rig.logs.harvest()
                await rig.remove_person(entry_id)
            if args.cycles:
                rig.logs.phase = "setup"
                entry_id, ids = await rig.add_person("Crash", restart=True)
                rig.logs.phase = "kills"
                report.kills = await KillCycles(rig, rng, entry_id, ids).run(
                    args.cycles
                )
            if args.damage:
                rig.logs.phase = "setup"
                entry_id, ids = await rig.add_person("Damage", restart=True)
                report.damage = await DamagedStores(rig, entry_id, ids).run()
            rig.logs.phase = "end"
        except BaseException:
            print(f"--- end of the Home Assistant log ---\n{rig.hass.log_tail()}")
            raise
        finally:
            await rig.stop()
            report.start_seconds = rig.start_seconds
            report.tracebacks = {
                phase: dict(rig.logs.by_phase(phase))
                for phase in sorted({tb.phase for tb in rig.logs.tracebacks})
            }
            if args.keep:
                step(f"kept {config}")
            else:
                shutil.rmtree(config, ignore_errors=True)


def print_summary(report: Report, args: argparse.Namespace, seconds: float) -> None:
    """The figures, in the order of issue 11."""
    print("\n===== soak summary =====")
    print(
        f"command: scripts/soak --calls {args.calls} --cycles {args.cycles} "
        f"--seed {args.seed}{'' if args.damage else ' --no-damage'}"
    )
    print(
        f"date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; "
        f"commit {commit()}; Home Assistant {report.version}"
    )
    print(f"machine: {machine()}")
    starts = report.start_seconds
    if starts:
        print(
            f"run: {seconds:.0f} s; {len(starts)} starts of Home Assistant, "
            f"{min(starts):.1f}-{max(starts):.1f} s each"
        )
    if (calls := report.calls) is not None:
        print(
            f"\nhostile calls: {calls.calls} in {calls.seconds:.1f} s "
            f"({', '.join(f'{k} {v}' for k, v in sorted(calls.by_service.items()))})"
        )
        print(
            f"  refused cleanly:      {calls.refused_cleanly} "
            f"(translated {calls.refused}, by the schema {calls.refused_by_schema}, "
            f"untranslated {calls.refused_untranslated})"
        )
        print(f"  succeeded:            {calls.succeeded}")
        print(f"  unhandled exceptions: {calls.unhandled}")
        print(f"  state changed on a refusal: {calls.changed_on_refusal}")
        print(f"  person healthy after: {calls.healthy_after} ({calls.health_note})")
        for key, count in calls.refusal_keys.most_common(12):
            print(f"    refused {count:5d} × {key}")
        for example in calls.examples:
            print(f"    unhandled: {example}")
        for example in calls.change_examples:
            print(f"    changed on refusal: {example}")
    if (kills := report.kills) is not None:
        print(
            f"\nkill -9 cycles: {kills.cycles} in {kills.seconds:.0f} s "
            f"(log_session {'with' if kills.client_ids else 'without'} client ids)"
        )
        print(
            f"  log calls {kills.log_calls}, unanswered at a kill {kills.unanswered} "
            f"(retried)"
        )
        print(
            f"  records answered vs found: {kills.answered} vs {kills.found} "
            f"(lost {len(kills.lost)})"
        )
        print(
            f"  duplicates:           {kills.duplicates} {kills.duplicate_examples or ''}"
        )
        errors = kills.elapsed_errors
        print(
            f"  max elapsed error:    {kills.max_elapsed_error:.3f} s over "
            f"{len(errors)} crashes (sessions lost {kills.sessions_lost})"
        )
        print(
            f"  sessions that ended while down: {kills.ended_while_down}, "
            f"their finished event seen by an automation: {kills.finished_seen}"
        )
        if kills.retries_refused:
            print(f"  retries refused: {dict(kills.retries_refused)}")
        for note in kills.notes[:5]:
            print(f"  note: {note}")
    if report.damage:
        print("\ndamaged store cases:")
        print(f"  {'case':22} {'setup':12} {'repair issues':40} {'lost':28} result")
        for result in report.damage:
            print(
                f"  {result.case.name:22} {result.state:12} "
                f"{', '.join(result.issues) or 'none':40} {result.lost():28} "
                f"{'ok' if result.passed else 'FAIL: ' + '; '.join(result.problems)}"
            )
    print("\nretrowalk tracebacks in the log, by phase:")
    if not report.tracebacks:
        print("  none")
    for phase, counts in report.tracebacks.items():
        for line, count in sorted(counts.items(), key=lambda item: -item[1])[:8]:
            print(f"  {phase:22} {count:5d} × {line}")


def main() -> int:
    """Parse the flags, run, print, exit 1 on any failed check."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=10_000, help="hostile calls")
    parser.add_argument("--cycles", type=int, default=50, help="kill -9 cycles")
    parser.add_argument("--seed", type=int, default=None, help="random seed")
    parser.add_argument(
        "--no-damage",
        dest="damage",
        action="store_false",
        help="skip the damaged-store cases",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary config")
    parser.add_argument("--junitxml", type=Path, help="write a JUnit report here")
    parser.add_argument(
        "--skip-check",
        action="append",
        default=[],
        choices=CHECKS,
        help="report this check but leave it out of the exit code (repeatable)",
    )
    args = parser.parse_args()
    if args.calls < 0 or args.cycles < 0:
        parser.error("--calls and --cycles must not be negative")
    if args.seed is None:
        args.seed = secrets.randbelow(1_000_000)
    report = Report(seed=args.seed)
    failure: str | None = None
    try:
        asyncio.run(soak(args, report))
    except CheckError as err:
        failure = f"soak could not run: {err}"
    except Exception as err:  # noqa: BLE001 - any failure fails the run, clearly
        traceback.print_exc()
        failure = f"soak could not run: {type(err).__name__}: {err}"
    seconds = time.monotonic() - STARTED
    print_summary(report, args, seconds)
    failures = [("run", failure)] if failure else []
    ignored: list[tuple[str, str]] = []
    for check_name, what in report.failures():
        (ignored if check_name in args.skip_check else failures).append(
            (check_name, what)
        )
    for check_name, what in ignored:
        print(f"\nnot counted (--skip-check {check_name}): {what}")
    if args.junitxml:
        write_junit(
            args.junitxml,
            "soak",
            "soak",
            seconds,
            "; ".join(what for _, what in failures) or None,
        )
    if failures:
        print("\nsoak FAILED:")
        print("\n".join(f"  - [{name}] {what}" for name, what in failures))
        return 1
    print("\nsoak passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
