"""Part 2: kill -9 at random moments with a session running and logs in flight.

Each cycle makes sure a session runs (1 to 4 minutes, so some end while Home
Assistant is down), sends a burst of ``log_session`` calls (with a client id when
the action takes one), kills Home Assistant at a random moment of the burst and
starts it again. Then: every log that got a success answer must be in the
history (lost), calls that got no answer are retried with the same client id
and values (duplicates), and the running session must end when it was due:
its ``finishes_at`` (or, if it ended meanwhile, its recorded end) against the
value read before the kill (elapsed error).
"""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
import math
import random
import time
from typing import Any

from live_ha import step
from soak_rig import FINISHED_MARK, Rig, call_message, moment, parse_time

MAX_ELAPSED_ERROR_S = 2.0
LOG_MINUTES = 5
LOG_SPACING_MIN = 10
SESSION_MINUTES = (1, 2, 3, 4)
FINISHED_WAIT_S = 3.0
CALIBRATION_CALLS = 10
NEAR_END_S = 15


@dataclass
class KillResults:
    """What the kill cycles found."""

    cycles: int = 0
    log_calls: int = 0
    answered: int = 0
    """Log calls that got a success answer (first try or retry)."""
    found: int = 0
    lost: list[str] = field(default_factory=list)
    duplicates: int = 0
    duplicate_examples: list[str] = field(default_factory=list)
    unanswered: int = 0
    """Log calls in flight at a kill (retried after the restart)."""
    retries_refused: Counter[str] = field(default_factory=Counter)
    refused_valid: Counter[str] = field(default_factory=Counter)
    elapsed_errors: list[float] = field(default_factory=list)
    sessions_lost: int = 0
    ended_while_down: int = 0
    finished_seen: int = 0
    client_ids: bool = False
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def max_elapsed_error(self) -> float:
        """The largest elapsed error after a crash (inf when a session was lost)."""
        return max(self.elapsed_errors, default=0.0)


@dataclass
class Running:
    """The session running at the kill, as read before it."""

    finishes_at: datetime


class KillCycles:
    """Runs the cycles for one person."""

    def __init__(
        self, rig: Rig, rng: random.Random, entry_id: str, ids: dict[str, str]
    ) -> None:
        """Bind to the person (``ids``: entity ids by key)."""
        self.rig = rig
        self.rng = rng
        self.entry_id = entry_id
        self.switch = ids["session"]
        self.results = KillResults()
        self.expected: dict[str, dict[str, Any]] = {}
        """Answered logs by their (unique) start time."""
        self.unanswered: list[dict[str, Any]] = []
        self.next_log = 0
        self.per_call_s = 0.01
        self.log_base = (datetime.now(UTC) - timedelta(days=60)).replace(
            second=0, microsecond=0
        )

    async def run(self, cycles: int) -> KillResults:
        """``cycles`` kill/restart cycles, then the final count."""
        began = time.monotonic()
        services = await self.rig.ws.command("get_services")
        fields = services["retrowalk"]["log_session"].get("fields", {})
        self.results.client_ids = "client_id" in fields
        step(
            "log_session "
            + ("takes a client id" if self.results.client_ids else "has no client id")
        )
        await self.calibrate()
        for cycle in range(cycles):
            await self.cycle(cycle)
        await self.retry_unanswered()
        await self.count()
        self.results.seconds = time.monotonic() - began
        return self.results

    async def calibrate(self) -> None:
        """How long one log call takes under a burst (sets the kill window)."""
        payloads = [self.log_payload() for _ in range(CALIBRATION_CALLS)]
        began = time.monotonic()
        futures = [
            await self.rig.ws.send(call_message("log_session", p, response=True))
            for p in payloads
        ]
        replies = await asyncio.gather(*futures)
        self.per_call_s = (time.monotonic() - began) / CALIBRATION_CALLS
        for payload, reply in zip(payloads, replies, strict=True):
            self.results.log_calls += 1
            self.book(payload, reply, self.results.refused_valid)
        step(f"a log call takes {self.per_call_s * 1000:.1f} ms in a burst")

    async def cycle(self, cycle: int) -> None:
        """One kill -9 and restart."""
        results = self.results
        results.cycles += 1
        await self.retry_unanswered()
        running = await self.ensure_running()
        if running is not None:
            # Near its end: kill just before it, so it ends while Home Assistant is down.
            left = (running.finishes_at - datetime.now(UTC)).total_seconds()
            if left < NEAR_END_S:
                await asyncio.sleep(max(0.0, left - self.rng.uniform(0.3, 2.0)))
        payloads = [self.log_payload() for _ in range(self.rng.randint(3, 12))]
        # Sent about as fast as Home Assistant answers; the kill lands anywhere
        # from before the first answer to a little after the last.
        gaps = [self.rng.uniform(0, self.per_call_s) for _ in payloads]
        kill_after = self.rng.uniform(0, 1.5 * self.per_call_s * len(payloads))
        futures = await self.burst_and_kill(payloads, gaps, kill_after)
        killed_at = datetime.now(UTC)
        for payload, future in zip(payloads, futures, strict=False):
            self.settle(payload, future)
        self.unanswered.extend(payloads[len(futures) :])
        await self.rig.start()
        await self.rig.wait_settled(self.entry_id)
        restarted_at = datetime.now(UTC)
        error = await self.elapsed_error(running, killed_at, restarted_at)
        step(
            f"cycle {cycle + 1}: killed {kill_after * 1000:.0f} ms into a burst of "
            f"{len(payloads)} logs ({len(futures)} sent, "
            f"{sum(1 for f in futures if f.done() and not f.exception())} answered); "
            f"elapsed error {error:.3f} s"
        )

    async def burst_and_kill(
        self, payloads: list[dict[str, Any]], gaps: list[float], kill_after: float
    ) -> list[asyncio.Future[dict[str, Any]]]:
        """Send the logs with small gaps while a timer kills Home Assistant."""
        futures: list[asyncio.Future[dict[str, Any]]] = []

        async def send() -> None:
            for payload, gap in zip(payloads, gaps, strict=True):
                futures.append(
                    await self.rig.ws.send(
                        call_message("log_session", payload, response=True)
                    )
                )
                await asyncio.sleep(gap)

        sender = asyncio.create_task(send())
        await asyncio.sleep(kill_after)
        sender.cancel()
        await asyncio.gather(sender, return_exceptions=True)
        # Let replies already on their way arrive, then kill.
        await asyncio.sleep(0)
        await self.rig.kill()
        await asyncio.gather(*futures, return_exceptions=True)
        return futures

    def settle(
        self, payload: dict[str, Any], future: asyncio.Future[dict[str, Any]]
    ) -> None:
        """Book one log call by its answer (none: retried after the restart)."""
        self.results.log_calls += 1
        if future.exception() is not None:
            self.results.unanswered += 1
            self.unanswered.append(payload)
            return
        self.book(payload, future.result(), self.results.refused_valid)

    def book(
        self,
        payload: dict[str, Any],
        reply: dict[str, Any],
        refusals: Counter[str],
    ) -> None:
        """An answered log: success is expected in the history, a refusal is noted."""
        if reply.get("success"):
            self.results.answered += 1
            self.expected[payload["started_at"]] = payload
        else:
            error = reply.get("error") or {}
            refusals[f"{error.get('code')}: {error.get('translation_key')}"] += 1

    async def retry_unanswered(self) -> None:
        """Send again what got no answer: same client id, same values."""
        pending, self.unanswered = self.unanswered, []
        for payload in pending:
            reply = await self.rig.call("log_session", payload, response=True)
            self.book(payload, reply, self.results.retries_refused)

    def log_payload(self) -> dict[str, Any]:
        """A valid past session with a start no other call uses."""
        started = self.log_base + timedelta(minutes=LOG_SPACING_MIN * self.next_log)
        self.next_log += 1
        payload: dict[str, Any] = {
            "config_entry_id": self.entry_id,
            "started_at": started.isoformat(),
            "duration": LOG_MINUTES,
        }
        if self.results.client_ids:
            payload["client_id"] = (
                f"soak-{self.next_log}-{self.rng.getrandbits(32):08x}"
            )
        return payload

    async def ensure_running(self) -> Running | None:
        """The running session's end (a new session if none runs)."""
        state = await self.rig.state(self.switch)
        if state["state"] != "on":
            reply = await self.rig.call(
                "start_session",
                {
                    "config_entry_id": self.entry_id,
                    "duration": self.rng.choice(SESSION_MINUTES),
                    "acknowledge_warnings": True,
                },
            )
            if not reply.get("success"):
                self.results.notes.append(f"start refused: {reply.get('error')}")
                return None
            state = await self.rig.state(self.switch)
        finishes_at = parse_time(state["attributes"].get("finishes_at"))
        return Running(finishes_at) if finishes_at else None

    async def elapsed_error(
        self, running: Running | None, killed_at: datetime, restarted_at: datetime
    ) -> float:
        """How far the session's end moved across the kill (inf: session lost)."""
        if running is None:
            return 0.0
        due = running.finishes_at
        state = await self.rig.state(self.switch)
        if state["state"] == "on":
            after = parse_time(state["attributes"].get("finishes_at"))
            error = abs((after - due).total_seconds()) if after else math.inf
        else:
            records = [
                record
                for record in await self.rig.history(self.entry_id)
                if not record.get("manual")
            ]
            ends = [abs((moment(r["ended_at"]) - due).total_seconds()) for r in records]
            error = min(ends, default=math.inf)
            if due > datetime.now(UTC) + timedelta(seconds=MAX_ELAPSED_ERROR_S):
                error = math.inf  # it should still run
            if killed_at <= due <= restarted_at:
                await self.check_finished_seen()
        if math.isinf(error):
            self.results.sessions_lost += 1
        self.results.elapsed_errors.append(error)
        return error

    async def check_finished_seen(self) -> None:
        """Whether an automation saw the ``finished`` event after the restart.

        For a session that ended while Home Assistant was down.
        """
        self.results.ended_while_down += 1
        mark = f"{FINISHED_MARK} {self.entry_id}"
        deadline = time.monotonic() + FINISHED_WAIT_S
        while time.monotonic() < deadline:
            # The current process's log only: it started after the session ended.
            if mark in self.rig.hass.log.read_text(errors="replace"):
                self.results.finished_seen += 1
                return
            await asyncio.sleep(0.25)

    async def count(self) -> None:
        """Answered vs found, and duplicates, in the final history."""
        history = await self.rig.history(self.entry_id)
        starts = Counter(
            moment(record["started_at"]) for record in history if record.get("manual")
        )
        ids = Counter(record["session_id"] for record in history)
        results = self.results
        for started_at in self.expected:
            if starts[moment(started_at)] == 0:
                results.lost.append(started_at)
        results.found = len(self.expected) - len(results.lost)
        results.duplicates = sum(n - 1 for n in starts.values() if n > 1) + sum(
            n - 1 for n in ids.values() if n > 1
        )
        results.duplicate_examples = [
            f"{start.isoformat()} ×{n}" for start, n in starts.items() if n > 1
        ][:5]
