"""Part 1: hostile and random action calls, each answer classified.

Every retrowalk action Home Assistant lists is called (so actions and fields added
later are covered without a change here), mostly over the websocket and some over
REST, in random order, with values from ``soak_values``. Time zones change during
the run (west of UTC, +14 h, UTC, -11 h).
"""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass, field
import json
import time
from typing import Any
from zoneinfo import ZoneInfo

from live_ha import step
from soak_rig import DOMAIN, Rig, call_message, dumps
from soak_values import CallContext, Hostile, field_value

ZONES = ("America/Los_Angeles", "Pacific/Kiritimati", "UTC", "Pacific/Pago_Pago")
REST_SHARE = 0.05
CLEAN_CODES = ("service_validation_error", "home_assistant_error")
CHANGES = {"started", "paused", "resumed", "extended", "stopped"}
"""Events only a successful call fires (``finished`` also comes by itself)."""
HISTORY_CHANGERS = {"log_session", "delete_session"}
REPLY_TIMEOUT_S = 60


@dataclass
class CallResults:
    """What the hostile calls found."""

    calls: int = 0
    succeeded: int = 0
    refused: int = 0
    """Refused with a translated message (service_validation_error and the like)."""
    refused_by_schema: int = 0
    """Refused by the action's schema (invalid_format: Home Assistant's own message)."""
    refused_untranslated: int = 0
    unhandled: int = 0
    changed_on_refusal: int = 0
    by_service: Counter[str] = field(default_factory=Counter)
    refusal_keys: Counter[str] = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)
    change_examples: list[str] = field(default_factory=list)
    healthy_after: bool | None = None
    health_note: str = ""
    seconds: float = 0.0

    @property
    def refused_cleanly(self) -> int:
        """Every refusal that is not an unhandled exception."""
        return self.refused + self.refused_by_schema + self.refused_untranslated


def classify_ws(reply: dict[str, Any]) -> tuple[str, str]:
    """(kind, detail) of a websocket reply."""
    if reply.get("success"):
        return "succeeded", ""
    error = reply.get("error") or {}
    code = error.get("code", "")
    message = str(error.get("message", ""))
    if code == "invalid_format":
        return "schema", message
    if code in CLEAN_CODES and error.get("translation_key"):
        return (
            "refused",
            f"{error.get('translation_domain')}.{error['translation_key']}",
        )
    if code in CLEAN_CODES:
        return "untranslated", message
    return "unhandled", f"{code}: {message}"


async def call_rest(
    rig: Rig, service: str, data: Any, response: bool
) -> tuple[str, str]:
    """One action over REST; (kind, detail). A bare HTTP 500 is an unhandled error."""
    url = f"{rig.hass.base}/api/services/{DOMAIN}/{service}"
    async with rig.http.post(
        url + ("?return_response" if response else ""),
        data=json.dumps(data),
        headers={"Authorization": f"Bearer {rig.client.token}"},
    ) as reply:
        body = await reply.text()
    if reply.status == 200:
        return "succeeded", ""
    try:
        message = json.loads(body).get("message", "")
    except (ValueError, AttributeError):
        message = None
    if reply.status == 400:
        return "schema", str(message)
    if reply.status == 500 and message is not None:
        return "refused", f"HTTP 500 HomeAssistantError: {message}"  # REST's mapping
    return "unhandled", f"HTTP {reply.status}: {body[:200]}"


class HostileCalls:
    """Sends the calls and keeps the tally."""

    def __init__(
        self, rig: Rig, rng_values: Hostile, entry_id: str, ids: dict[str, str]
    ) -> None:
        """Bind to the person the calls are for (``ids``: their entity ids by key)."""
        self.rig = rig
        self.ids = ids
        self.values = rng_values
        self.rng = rng_values.rng
        self.context = CallContext(entry_id, ZoneInfo(ZONES[0]))
        self.results = CallResults()
        self.services: dict[str, dict[str, Any]] = {}

    async def discover(self) -> None:
        """The actions and fields Home Assistant lists for retrowalk."""
        services = await self.rig.ws.command("get_services")
        self.services = services[DOMAIN]

    def build(self) -> tuple[str, dict[str, Any], bool]:
        """A random call: the action, its data and whether a response is asked."""
        rng = self.rng
        service = rng.choice(sorted(self.services))
        description = self.services[service]
        data: dict[str, Any] = {}
        for name, spec in description.get("fields", {}).items():
            if rng.random() < (0.93 if spec.get("required") else 0.5):
                data[name] = field_value(name, self.values, self.context)
        if rng.random() < 0.04:
            data[rng.choice(["bogus", "entity_id", "duration_s"])] = (
                self.values.anything()
            )
        supports = description.get("response") or {}
        response = "optional" in supports and (
            not supports.get("optional") or rng.random() < 0.7
        )
        if rng.random() < 0.03:
            response = not response
        return service, data, response

    async def run(self, calls: int) -> CallResults:
        """Send ``calls`` calls; then check the person still works."""
        began = time.monotonic()
        await self.discover()
        step(f"actions under test: {', '.join(sorted(self.services))}")
        per_zone = max(1, -(-calls // len(ZONES)))
        for index in range(calls):
            if index % per_zone == 0:
                zone = ZONES[(index // per_zone) % len(ZONES)]
                await self.rig.ws.command("config/core/update", time_zone=zone)
                self.context.zone = ZoneInfo(zone)
                step(
                    f"calls {index}-{min(calls, index + per_zone) - 1}: time zone {zone}"
                )
            await self.one(*self.build())
        self.results.seconds = time.monotonic() - began
        await self.rig.ws.command("config/core/update", time_zone=ZONES[0])
        await self.check_health()
        return self.results

    async def one(self, service: str, data: dict[str, Any], response: bool) -> None:
        """One call, classified; a refusal must change nothing."""
        results = self.results
        results.calls += 1
        results.by_service[service] += 1
        before = None
        if service in HISTORY_CHANGERS:
            before = await self.safe_history()
        events_before = len(self.rig.ws.events)
        if self.rng.random() < REST_SHARE:
            kind, detail = await call_rest(self.rig, service, data, response)
        else:
            try:
                reply = await self.rig.ws.request(
                    call_message(service, data, response=response), REPLY_TIMEOUT_S
                )
                kind, detail = classify_ws(reply)
                if kind == "succeeded":
                    self.remember(service, reply)
            except TimeoutError:
                kind, detail = "unhandled", f"no answer within {REPLY_TIMEOUT_S} s"
        if kind == "succeeded":
            results.succeeded += 1
            return
        if kind == "unhandled":
            results.unhandled += 1
            if len(results.examples) < 12:
                results.examples.append(f"{service} {dumps(data)} → {detail[:200]}")
            return
        if kind == "refused":
            results.refused += 1
            results.refusal_keys[detail.split(":")[0]] += 1
        elif kind == "schema":
            results.refused_by_schema += 1
        else:
            results.refused_untranslated += 1
            results.refusal_keys[f"untranslated: {detail[:60]}"] += 1
        await self.check_unchanged(service, data, before, events_before)

    async def check_unchanged(
        self,
        service: str,
        data: dict[str, Any],
        before: list[str] | None,
        events_before: int,
    ) -> None:
        """A refused call fired no change event and left the history as it was."""
        await asyncio.sleep(0)
        fired = [
            event["data"].get("type")
            for event in self.rig.ws.events[events_before:]
            if event["data"].get("type") in CHANGES
        ]
        after = await self.safe_history() if before is not None else None
        if fired or (before is not None and after is not None and after != before):
            self.results.changed_on_refusal += 1
            if len(self.results.change_examples) < 6:
                self.results.change_examples.append(
                    f"{service} {dumps(data)}: events {fired}, history "
                    f"{len(before or [])} → {len(after or [])}"
                )

    async def safe_history(self) -> list[str] | None:
        """The person's recorded session ids, or None when the history fails."""
        reply = await self.rig.call(
            "get_history", {"config_entry_id": self.context.entry_id}, response=True
        )
        if not reply.get("success"):
            return None
        return [item["session_id"] for item in reply["result"]["response"]["sessions"]]

    def remember(self, service: str, reply: dict[str, Any]) -> None:
        """Keep ids a later call (delete_session) can use."""
        answer = (reply.get("result") or {}).get("response") or {}
        if service == "log_session" and "session" in answer:
            self.context.session_ids.append(answer["session"]["session_id"])
        elif service == "get_history":
            ids = [item["session_id"] for item in answer.get("sessions", [])]
            if ids:
                self.context.session_ids.extend(self.rng.sample(ids, min(3, len(ids))))
                del self.context.session_ids[:-50]

    async def check_health(self) -> None:
        """After the calls: the person still works (history, start, live state, stop)."""
        entry_id = self.context.entry_id
        note = []
        await self.rig.call("stop_session", {"config_entry_id": entry_id})
        history = await self.safe_history()
        note.append("history answers" if history is not None else "history FAILS")
        reply = await self.rig.call(
            "start_session",
            {"config_entry_id": entry_id, "duration": 5, "acknowledge_warnings": True},
        )
        started = bool(reply.get("success"))
        note.append("a valid start works" if started else f"start fails: {reply}")
        phase_ok = False
        if started:
            phase = await self.phase()
            phase_ok = phase in ("warmup", "active")
            note.append(f"phase {phase}")
            await self.rig.call("stop_session", {"config_entry_id": entry_id})
        self.results.healthy_after = history is not None and started and phase_ok
        self.results.health_note = ", ".join(note)

    async def phase(self) -> str:
        """The session's phase (the switch's attribute) after a moment to update."""
        await asyncio.sleep(1)
        state = await self.rig.state(self.ids["session"])
        return str(state["attributes"].get("phase"))
