"""The Home Assistant under soak: start, kill -9, restart, people, and its log."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
import json
from pathlib import Path
import re
import time
from typing import Any

import aiohttp
from live_ha import (
    STARTUP_TIMEOUT_S,
    WALKING_OPTIONS,
    CheckError,
    Client,
    HomeAssistant,
    Socket,
    add_person,
    check,
    onboard,
    person_entities,
    wait_for,
    write_config,
)

DOMAIN = "retrowalk"
TIME_ZONE = "America/Los_Angeles"
"""West of UTC: where a session logged in year 1 broke every later update."""
FINISHED_MARK = "soak-finished"
# An automation on the `finished` event writes a log line, so the soak sees whether
# automations get the events fired at a restart.
AUTOMATION = f"""automation:
  - alias: soak finished
    mode: parallel
    max: 1000
    triggers:
      - trigger: event
        event_type: retrowalk_session
        event_data:
          type: finished
    actions:
      - action: system_log.write
        data:
          level: warning
          logger: soak.automation
          message: "{FINISHED_MARK} {{{{ trigger.event.data.config_entry_id }}}} {{{{ trigger.event.data.ended_at }}}}"
"""
SETTLED = ("loaded", "setup_error", "setup_retry", "migration_error", "failed_unload")
OURS = re.compile(r"custom_components[./]retrowalk")
"""A traceback through the integration's code or logged by its logger."""
RECORD_START = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d")


@dataclass
class Traceback:
    """One logged traceback that mentions the integration."""

    phase: str
    last_line: str
    text: str


@dataclass
class LogWatch:
    """Collects Home Assistant's log across restarts (each start rotates the file)."""

    path: Path
    phase: str = "setup"
    offset: int = 0
    tracebacks: list[Traceback] = field(default_factory=list)
    text: str = ""

    def harvest(self) -> str:
        """Read what was logged since the last harvest; return it."""
        if not self.path.exists():
            return ""
        with self.path.open("rb") as log:
            log.seek(self.offset)
            chunk = log.read()
        self.offset += len(chunk)
        new = chunk.decode(errors="replace")
        self.text += new
        self.tracebacks.extend(tracebacks(new, self.phase))
        return new

    def restarted(self) -> None:
        """A new process writes a new file from its start."""
        self.offset = 0

    def by_phase(self, phase: str) -> Counter[str]:
        """Distinct tracebacks (their last lines) of one phase, counted."""
        return Counter(tb.last_line for tb in self.tracebacks if tb.phase == phase)


REFUSED_SETUP = "homeassistant.exceptions.ConfigEntryError"
"""How Home Assistant reports a setup that retrowalk refused on purpose."""


def tracebacks(text: str, phase: str) -> list[Traceback]:
    """The log records of ``text`` that hold a traceback mentioning retrowalk."""
    records: list[list[str]] = []
    for line in text.splitlines():
        if RECORD_START.match(line) or not records:
            records.append([line])
        else:
            records[-1].append(line)
    found = []
    for record in records:
        body = "\n".join(record)
        if "Traceback (most recent call last)" in body and OURS.search(body):
            last = next(
                (line for line in reversed(record) if line and not line[0].isspace()),
                record[-1],
            )
            if "Error setting up entry" in body and last.startswith(REFUSED_SETUP):
                # Home Assistant logs a refused setup with its traceback: a
                # translated refusal (checked by its case), not an unhandled error.
                continue
            found.append(Traceback(phase, last[:160], body))
    return found


def parse_time(value: str | None) -> datetime | None:
    """An ISO timestamp from an attribute, if it has one."""
    return datetime.fromisoformat(value) if value else None


def moment(value: str) -> datetime:
    """An ISO timestamp of a record."""
    return datetime.fromisoformat(value)


class Rig:
    """One Home Assistant on a temporary config, its REST client and websocket."""

    def __init__(self, http: aiohttp.ClientSession, config: Path, port: int) -> None:
        """Prepare the config; ``boot`` starts it."""
        self.http = http
        self.config = config
        self.hass = HomeAssistant(config, port)
        self.client = Client(http, self.hass.base)
        self.socket: Socket | None = None
        self.logs = LogWatch(self.hass.log)
        self.starts = 0
        self.start_seconds: list[float] = []
        write_config(config, port, name="Retrowalk soak", time_zone=TIME_ZONE)
        with (config / "configuration.yaml").open("a") as yaml:
            yaml.write(AUTOMATION)

    @property
    def ws(self) -> Socket:
        """The websocket of the running server."""
        if self.socket is None:
            raise CheckError("Home Assistant is not running")
        return self.socket

    async def boot(self) -> str:
        """First start: onboard, keep a long-lived token, restart; return the version.

        The clean restart writes Home Assistant's own files before any kill.
        """
        self.hass.start()
        await self.hass.wait_ready(self.http)
        await onboard(self.client)
        await self.wait_running()
        self.socket = Socket(self.http, self.hass.base, self.client.token)
        await self.socket.open()
        self.client.token = await self.ws.command(
            "auth/long_lived_access_token", client_name="soak", lifespan=2
        )
        await self.stop()
        await self.start()
        version: str = (await self.client.get("/api/config"))["version"]
        return version

    async def start(self) -> None:
        """Start and wait until Home Assistant runs and the websocket is open."""
        self.logs.harvest()
        self.logs.restarted()
        began = time.monotonic()
        self.hass.start()
        self.starts += 1
        await self.hass.wait_ready(self.http, self.client.token)
        await self.wait_running()
        self.start_seconds.append(time.monotonic() - began)
        self.socket = Socket(self.http, self.hass.base, self.client.token)
        await self.socket.open()
        await self.socket.command("subscribe_events", event_type="retrowalk_session")

    async def wait_running(self) -> None:
        """Wait until Home Assistant has started (a stop before that writes nothing)."""

        async def running() -> bool:
            config = await self.client.get("/api/config")
            return bool(config["state"] == "RUNNING")

        await wait_for(running, "Home Assistant to run", STARTUP_TIMEOUT_S)

    async def stop(self) -> None:
        """Stop cleanly (SIGTERM)."""
        await self._drop_socket()
        self.hass.stop()
        self.logs.harvest()

    async def kill(self) -> None:
        """Kill -9: no shutdown, no final writes."""
        self.hass.kill()
        if self.socket is not None:
            await self.socket.drain()
        await self._drop_socket()
        self.logs.harvest()

    async def _drop_socket(self) -> None:
        if self.socket is not None:
            await self.socket.close()
            self.socket = None
        await self.client.close()

    async def add_person(
        self, name: str, *, restart: bool = False
    ) -> tuple[str, dict[str, str]]:
        """A person added with the config flow; their entry id and entity ids.

        ``restart``: restart cleanly, so the entry and its entities are on disk
        before any kill (Home Assistant saves them after a delay).
        """
        entry_id = await add_person(
            self.client, {"name": name, "level": "regular"}, WALKING_OPTIONS
        )
        _device, ids = await person_entities(self.client, entry_id)
        await self.wait_settled(entry_id)
        if restart:
            await self.stop()
            await self.start()
            await self.wait_settled(entry_id)
        return entry_id, ids

    async def remove_person(self, entry_id: str) -> None:
        """Delete a person's entry (and with it their stored history)."""
        async with self.http.delete(
            f"{self.hass.base}/api/config/config_entries/entry/{entry_id}",
            headers={"Authorization": f"Bearer {self.client.token}"},
        ) as response:
            check(response.status == 200, f"removing {entry_id}: {response.status}")

    async def entry(self, entry_id: str) -> dict[str, Any] | None:
        """The config entry as the REST API lists it."""
        entries = await self.client.get(
            f"/api/config/config_entries/entry?domain={DOMAIN}"
        )
        return next((item for item in entries if item["entry_id"] == entry_id), None)

    async def wait_settled(self, entry_id: str) -> dict[str, Any]:
        """Wait until the entry's setup is over (loaded or failed); return it."""

        async def settled() -> dict[str, Any] | None:
            entry = await self.entry(entry_id)
            return entry if entry and entry["state"] in SETTLED else None

        return await wait_for(settled, f"entry {entry_id} to settle", STARTUP_TIMEOUT_S)

    async def call(
        self, service: str, data: dict[str, Any], *, response: bool = False
    ) -> dict[str, Any]:
        """One action over the websocket; the raw reply."""
        return await self.ws.request(call_message(service, data, response=response))

    async def history(self, entry_id: str) -> list[dict[str, Any]]:
        """Every recorded session of a person (fails on any error)."""
        reply = await self.call(
            "get_history", {"config_entry_id": entry_id}, response=True
        )
        if not reply.get("success"):
            raise CheckError(f"get_history: {reply.get('error')}")
        sessions: list[dict[str, Any]] = reply["result"]["response"]["sessions"]
        return sessions

    async def state(self, entity_id: str) -> dict[str, Any]:
        """An entity's state object."""
        result: dict[str, Any] = await self.client.get(f"/api/states/{entity_id}")
        return result

    async def repairs(self) -> list[dict[str, Any]]:
        """Active repair issues raised by or about the integration."""
        result = await self.ws.command("repairs/list_issues")
        return [
            issue
            for issue in result["issues"]
            if DOMAIN in (issue.get("domain"), issue.get("issue_domain"))
        ]

    def store_path(self, entry_id: str) -> Path:
        """A person's store file."""
        return self.config / ".storage" / f"{DOMAIN}.{entry_id}"


def call_message(service: str, data: Any, *, response: bool = False) -> dict[str, Any]:
    """The websocket message of one retrowalk action."""
    return {
        "type": "call_service",
        "domain": DOMAIN,
        "service": service,
        "service_data": data,
        "return_response": response,
    }


def dumps(value: Any, limit: int = 160) -> str:
    """A short printable form of a call's data."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"
