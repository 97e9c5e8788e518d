"""Part 3: damaged store files.

A person with six logged sessions and a running one; Home Assistant is stopped,
``.storage/retrowalk.<entry_id>`` is damaged one way, Home Assistant started, and
the soak reads whether the person was set up, which repair issues were raised
(``repairs/list_issues``) and what was lost. Between cases the good file is put
back and the issue registry cleared, so each case stands alone.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
import copy
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
import json
from typing import Any

from live_ha import check, step
from soak_rig import Rig

RECORDS = 6
MARK = "soak-garbage"
"""Put into damaged values, to tell whether the bad data was kept."""

Damage = Callable[[dict[str, Any]], Any]


def _record(change: Callable[[dict[str, Any]], None]) -> Damage:
    """Change the third stored record."""

    def damage(stored: dict[str, Any]) -> dict[str, Any]:
        change(stored["data"]["sessions"][2])
        return stored

    return damage


def _set(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(target: dict[str, Any]) -> None:
        target[key] = value

    return change


def _data(change: Callable[[dict[str, Any]], None]) -> Damage:
    def damage(stored: dict[str, Any]) -> dict[str, Any]:
        change(stored["data"])
        return stored

    return damage


def _not_object(stored: dict[str, Any]) -> dict[str, Any]:
    stored["data"]["sessions"][2] = 42
    return stored


def _data_list(stored: dict[str, Any]) -> dict[str, Any]:
    stored["data"] = [MARK]
    return stored


def _missing(key: str) -> Callable[[dict[str, Any]], None]:
    def change(target: dict[str, Any]) -> None:
        target.pop(key, None)

    return change


def _future_major(stored: dict[str, Any]) -> dict[str, Any]:
    stored["version"] += 1
    return stored


def _newer_minor(stored: dict[str, Any]) -> dict[str, Any]:
    stored["minor_version"] = stored.get("minor_version", 1) + 7
    return stored


def _active(change: Callable[[dict[str, Any]], None]) -> Damage:
    def damage(stored: dict[str, Any]) -> dict[str, Any]:
        change(stored["data"]["active"])
        return stored

    return damage


TRUNCATED = "truncated"


@dataclass(frozen=True)
class Case:
    """One way to damage the file, and what the issue asks for it.

    ``expect``: ``intact`` (loads, nothing lost, no issue needed), ``record`` (loads,
    a repair issue, at most the bad record lost, the running session kept),
    ``active`` (loads, a repair issue, no record lost), ``shape`` (loads, a repair
    issue), ``refuse`` (setup refused, a repair issue, the file untouched),
    ``restore`` (loads, a repair issue, at most one record lost), ``readable``
    (loads, nothing lost; a repair issue allowed).
    """

    name: str
    what: str
    damage: Damage | None
    expect: str


CASES = (
    Case("intact", "a clean restart, nothing damaged", None, "intact"),
    Case("truncated", "the file cut in half (a torn write)", None, "restore"),
    Case(
        "record_garbage_date",
        "one record's started_at is garbage",
        _record(_set("started_at", MARK)),
        "record",
    ),
    Case(
        "record_wrong_types",
        "one record's active_s is a list, planned_s a string",
        _record(lambda r: r.update(active_s=[1, 2], planned_s=MARK)),
        "record",
    ),
    Case(
        "record_missing_field",
        "one record without ended_at",
        _record(_missing("ended_at")),
        "record",
    ),
    Case("record_not_object", "one record is the number 42", _not_object, "record"),
    Case(
        "active_garbage",
        "the running session's extensions is a string",
        _active(_set("extensions", MARK)),
        "active",
    ),
    Case(
        "sessions_not_list",
        "sessions is an object",
        _data(_set("sessions", {"x": MARK})),
        "shape",
    ),
    Case("missing_sessions", "no sessions key", _data(_missing("sessions")), "shape"),
    Case("data_not_object", "data is a list", _data_list, "shape"),
    Case("future_major", "a future major version", _future_major, "refuse"),
    Case("newer_minor", "a newer minor version", _newer_minor, "readable"),
)


@dataclass
class CaseResult:
    """What one damaged case did."""

    case: Case
    state: str = ""
    reason: str = ""
    issues: list[str] = field(default_factory=list)
    lost_records: int | None = None
    running_kept: bool | None = None
    file_untouched: bool = False
    bad_data_kept: bool | None = None
    tracebacks: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        """Whether the case meets what the issue asks."""
        return not self.problems

    def lost(self) -> str:
        """What was lost, in words."""
        if self.state != "loaded":
            return "everything until the file is fixed (person not set up)"
        parts = []
        if self.lost_records:
            parts.append(f"{self.lost_records} of {RECORDS} records")
        if self.running_kept is False:
            parts.append("the running session")
        return ", ".join(parts) or "nothing"


class DamagedStores:
    """Builds the good state once, then runs every case."""

    def __init__(self, rig: Rig, entry_id: str, ids: dict[str, str]) -> None:
        """Bind to a fresh person."""
        self.rig = rig
        self.entry_id = entry_id
        self.switch = ids["session"]
        self.good_ids: set[str] = set()
        self.good = b""

    async def prepare(self) -> None:
        """Six logged sessions and a running one, saved by a clean stop."""
        start = datetime.now(UTC) - timedelta(days=3)
        for index in range(RECORDS):
            reply = await self.rig.call(
                "log_session",
                {
                    "config_entry_id": self.entry_id,
                    "started_at": (start + timedelta(hours=index)).isoformat(),
                    "duration": 10 + index,
                },
                response=True,
            )
            check(reply.get("success"), f"log_session: {reply}")
        reply = await self.rig.call(
            "start_session",
            {
                "config_entry_id": self.entry_id,
                "duration": 120,
                "acknowledge_warnings": True,
            },
        )
        check(reply.get("success"), f"start_session: {reply}")
        self.good_ids = {r["session_id"] for r in await self.rig.history(self.entry_id)}
        await self.rig.stop()
        self.good = self.rig.store_path(self.entry_id).read_bytes()

    def damaged(self, case: Case) -> bytes:
        """The good file with the case's damage."""
        if case.name == TRUNCATED:
            return self.good[: len(self.good) // 2]
        if case.damage is None:
            return self.good
        stored = case.damage(copy.deepcopy(json.loads(self.good)))
        return json.dumps(stored, indent=2).encode()

    async def run(self) -> list[CaseResult]:
        """Every case, Home Assistant stopped between them."""
        await self.prepare()
        results = []
        for case in CASES:
            results.append(await self.one(case))
            result = results[-1]
            step(
                f"damaged store {case.name}: {result.state}"
                f"{' (' + result.reason + ')' if result.reason else ''}; issues "
                f"{result.issues or 'none'}; lost {result.lost()}; "
                + ("ok" if result.passed else "FAILS: " + "; ".join(result.problems))
            )
        await self.rig.start()
        return results

    async def one(self, case: Case) -> CaseResult:
        """Damage, start, look, stop."""
        rig = self.rig
        path = rig.store_path(self.entry_id)
        (rig.config / ".storage" / "repairs.issue_registry").unlink(missing_ok=True)
        written = self.damaged(case)
        path.write_bytes(written)
        rig.logs.phase = f"damage:{case.name}"
        before = len(rig.logs.tracebacks)
        await rig.start()
        entry = await rig.wait_settled(self.entry_id)
        result = CaseResult(case, entry["state"], entry.get("reason") or "")
        await asyncio.sleep(0.5)  # issues raised right after the setup
        result.issues = sorted(
            f"{issue.get('translation_key')} ({issue.get('domain')})"
            for issue in await rig.repairs()
        )
        if result.state == "loaded":
            found = {r["session_id"] for r in await rig.history(self.entry_id)}
            result.lost_records = len(self.good_ids - found)
            result.running_kept = (await rig.state(self.switch))["state"] == "on"
        stored = path.read_bytes() if path.exists() else b""
        result.file_untouched = stored == written
        await rig.stop()
        if case.damage is not None and case.expect != "refuse":
            kept = [p for p in path.parent.glob(f"{path.name}*") if p.is_file()]
            result.bad_data_kept = any(MARK.encode() in p.read_bytes() for p in kept)
        result.tracebacks = len(rig.logs.tracebacks) - before
        judge(result)
        path.write_bytes(self.good)
        return result


def judge(result: CaseResult) -> None:
    """Note every way the case misses what the issue asks."""
    expect, problems = result.case.expect, result.problems
    loaded = result.state == "loaded"
    if expect == "refuse":
        if loaded:
            problems.append("a future version must refuse setup, it loaded")
        if not result.file_untouched:
            problems.append("the file was changed")
    elif not loaded:
        problems.append(f"the person is down ({result.state})")
    if expect not in ("intact", "readable") and not result.issues:
        problems.append("no repair issue")
    if expect == "intact" and result.issues:
        problems.append("a repair issue on an intact file")
    if loaded and result.lost_records:
        allowed = {"record": 1, "restore": 1, "shape": RECORDS}.get(expect, 0)
        if result.lost_records > allowed:
            problems.append(f"{result.lost_records} records lost (at most {allowed})")
    if (
        loaded
        and expect in ("intact", "readable", "record")
        and result.running_kept is False
    ):
        problems.append("the running session was lost")
    if result.tracebacks:
        problems.append(f"{result.tracebacks} traceback(s) in the log")
