"""A real Home Assistant for the scripts (``scripts/e2e``, ``scripts/soak``).

Runs the newest release from the develop venv with this working tree's integration in
a temporary config (loopback only, ``--skip-pip``), onboards it through the REST API and
adds a person with the config flow.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
import contextlib
import json
from pathlib import Path
import signal
import socket
import subprocess
import sys
import time
from typing import Any
from xml.etree import ElementTree as ET

import aiohttp

ROOT = Path(__file__).resolve().parents[2]
INTEGRATION = ROOT / "custom_components" / "retrowalk"
STARTUP_TIMEOUT_S = 90
STOP_TIMEOUT_S = 30
STARTED = time.monotonic()


class CheckError(Exception):
    """A check failed; the message says which."""


def step(message: str) -> None:
    """Log a step with the seconds since the start."""
    print(f"[{time.monotonic() - STARTED:6.1f} s] {message}", flush=True)


def check(condition: object, message: str) -> None:
    """Fail the run with ``message`` unless ``condition`` holds."""
    if not condition:
        raise CheckError(message)


async def wait_for[T](
    probe: Callable[[], Awaitable[T | None]], what: str, timeout_s: float
) -> T:
    """Poll ``probe`` every 0.25 s until it returns something truthy."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if result := await probe():
            return result
        await asyncio.sleep(0.25)
    raise CheckError(f"timed out after {timeout_s:.0f} s waiting for {what}")


def free_port() -> int:
    """A free loopback port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


WALKING_OPTIONS = {
    "weight": 70,
    "surface": "treadmill_handrails",  # nothing blocks a start
    "goal_sessions": 3,
    "goal_minutes": 30,
    "lux_threshold": 50,
}
"""The config flow's second step for the test person."""


def write_config(
    config: Path,
    port: int,
    *,
    name: str = "Retrowalk e2e",
    time_zone: str | None = "Europe/Amsterdam",
    history: bool = False,
) -> None:
    """A minimal config: the frontend (with its dependencies) and this integration.

    Without ``time_zone`` the zone is left to storage (``config/core/update``).
    With ``history`` the history, the logbook and the recorder (SQLite in the config
    folder) too.
    """
    (config / "custom_components").mkdir(parents=True)
    # The integration's sim link is relative, so it resolves inside the working tree.
    (config / "custom_components" / "retrowalk").symlink_to(INTEGRATION)
    zone = f"  time_zone: {time_zone}\n" if time_zone else ""
    recorded = "history:\nlogbook:\nrecorder:\n" if history else ""
    (config / "configuration.yaml").write_text(
        "homeassistant:\n"
        f"  name: {name}\n"
        "  unit_system: metric\n"
        f"{zone}"
        "frontend:\n"
        f"{recorded}"
        "logger:\n  default: warning\n  logs:\n    custom_components.retrowalk: info\n"
    )
    # Newer releases keep the http settings in storage (YAML would be a trial to confirm).
    (config / ".storage").mkdir()
    http = {"server_host": ["127.0.0.1"], "server_port": port}
    (config / ".storage" / "http").write_text(
        json.dumps({"version": 1, "minor_version": 1, "key": "http", "data": http})
    )


class Client:
    """REST and websocket access to the Home Assistant under test."""

    def __init__(self, session: aiohttp.ClientSession, base: str) -> None:
        """Bind to ``base`` (``http://127.0.0.1:PORT``)."""
        self.session = session
        self.base = base
        self.token = ""
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._next_id = 0

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    async def get(self, path: str) -> Any:
        """GET a JSON resource; fail on an error status."""
        async with self.session.get(
            self.base + path, headers=self._headers()
        ) as response:
            check(response.status == 200, f"GET {path}: HTTP {response.status}")
            return await response.json()

    async def post(self, path: str, data: dict[str, Any] | None = None) -> Any:
        """POST JSON; fail with Home Assistant's message on an error status."""
        async with self.session.post(
            self.base + path, json=data or {}, headers=self._headers()
        ) as response:
            body = await response.text()
            check(response.status == 200, f"POST {path}: HTTP {response.status} {body}")
            return json.loads(body) if body else None

    async def post_form(self, path: str, form: dict[str, str]) -> Any:
        """POST a form (the OAuth token endpoint)."""
        async with self.session.post(self.base + path, data=form) as response:
            body = await response.text()
            check(response.status == 200, f"POST {path}: HTTP {response.status} {body}")
            return json.loads(body)

    async def ws(self, command: str, **data: Any) -> Any:
        """Send one websocket command and return its result."""
        if self._ws is None:
            self._ws = await self.session.ws_connect(self.base + "/api/websocket")
            check((await self._ws.receive_json())["type"] == "auth_required", "ws")
            await self._ws.send_json({"type": "auth", "access_token": self.token})
            reply = await self._ws.receive_json()
            check(reply["type"] == "auth_ok", f"websocket auth: {reply}")
        self._next_id += 1
        await self._ws.send_json({"id": self._next_id, "type": command, **data})
        while True:
            reply = await self._ws.receive_json()
            if reply.get("id") == self._next_id and reply["type"] == "result":
                check(reply["success"], f"{command}: {reply.get('error')}")
                return reply["result"]

    async def close(self) -> None:
        """Close the websocket (a restarted server needs a new one)."""
        if self._ws is not None:
            with contextlib.suppress(Exception):
                await self._ws.close()
            self._ws = None


async def onboard(client: Client) -> dict[str, Any]:
    """Create the owner and finish every onboarding step; return the owner's tokens."""
    client_id = client.base + "/"
    created = await client.post(
        "/api/onboarding/users",
        {
            "client_id": client_id,
            "name": "E2E Owner",
            "username": "e2e",
            "password": "e2e-password",
            "language": "en",
        },
    )
    tokens: dict[str, Any] = await client.post_form(
        "/auth/token",
        {
            "grant_type": "authorization_code",
            "code": created["auth_code"],
            "client_id": client_id,
        },
    )
    client.token = tokens["access_token"]
    await client.post("/api/onboarding/core_config")
    await client.post("/api/onboarding/analytics")
    await client.post(
        "/api/onboarding/integration",
        {"client_id": client_id, "redirect_uri": client_id + "?auth_callback=1"},
    )
    pending = [
        item["step"] for item in await client.get("/api/onboarding") if not item["done"]
    ]
    check(not pending, f"onboarding steps left: {pending}")
    return tokens | {"client_id": client_id}


async def add_person(
    client: Client, person: dict[str, Any], walking: dict[str, Any]
) -> str:
    """Add a person through the config flow, as the UI does; return the entry id."""
    flow = await client.post(
        "/api/config/config_entries/flow", {"handler": "retrowalk"}
    )
    check(flow.get("step_id") == "user", f"config flow did not ask who: {flow}")
    flow = await client.post(
        f"/api/config/config_entries/flow/{flow['flow_id']}", person
    )
    check(flow.get("step_id") == "walking", f"config flow after the person: {flow}")
    flow = await client.post(
        f"/api/config/config_entries/flow/{flow['flow_id']}", walking
    )
    check(flow.get("type") == "create_entry", f"config flow did not finish: {flow}")
    entry_id: str = flow["result"]["entry_id"]
    return entry_id


EVERY_PLATFORM = {"session", "pause_resume", "phase", "duration", "plan"} | {
    "safe_to_start",
    "reminder",
    "program",
}
"""One entity key of each platform: once all are registered, the person is complete."""


async def person_entities(client: Client, entry_id: str) -> tuple[str, dict[str, str]]:
    """The person's device id and entity ids by key (unique id ``<entry_id>_<key>``)."""

    async def probe() -> tuple[str, dict[str, str]] | None:
        entities = {
            item["unique_id"].removeprefix(f"{entry_id}_"): item
            for item in await client.ws("config/entity_registry/list")
            if item["config_entry_id"] == entry_id
        }
        if not entities.keys() >= EVERY_PLATFORM:
            return None
        device_id: str = entities["session"]["device_id"]
        return device_id, {key: item["entity_id"] for key, item in entities.items()}

    # As long as a start: the first run in a fresh venv compiles the imports first.
    return await wait_for(probe, "the person's entities", STARTUP_TIMEOUT_S)


async def running(client: Client) -> None:
    """Wait until Home Assistant has finished starting.

    Until then it has no SIGTERM handler: a stop would kill it instead of
    stopping it cleanly.
    """

    async def probe() -> bool:
        config: dict[str, Any] = await client.get("/api/config")
        return config.get("state") == "RUNNING"

    await wait_for(probe, "Home Assistant to finish starting", STARTUP_TIMEOUT_S)


async def state(client: Client, entity_id: str) -> dict[str, Any]:
    """The current state object of an entity."""
    result: dict[str, Any] = await client.get(f"/api/states/{entity_id}")
    return result


class HomeAssistant:
    """A Home Assistant process on a temporary config."""

    def __init__(self, config: Path, port: int) -> None:
        """Prepare, do not start."""
        self.config = config
        self.base = f"http://127.0.0.1:{port}"
        self.log = config / "home-assistant.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        """Start it; requirements are installed already (--skip-pip: no downloads)."""
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "homeassistant",
                "--config",
                str(self.config),
                "--skip-pip",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )

    async def wait_ready(
        self, session: aiohttp.ClientSession, token: str | None = None
    ) -> None:
        """Wait until the onboarding API answers (with ``token``: the REST API)."""
        path = "/api/" if token else "/api/onboarding"
        headers = {"Authorization": f"Bearer {token}"} if token else {}

        async def probe() -> bool:
            check(
                self.process is not None and self.process.poll() is None,
                "Home Assistant exited",
            )
            with contextlib.suppress(aiohttp.ClientError):
                async with session.get(self.base + path, headers=headers) as response:
                    return response.status == 200
            return False

        await wait_for(probe, "Home Assistant to start", STARTUP_TIMEOUT_S)

    def stop(self) -> int | None:
        """Stop it cleanly (SIGTERM), killing it only if it hangs; return its exit code."""
        if self.process is None or self.process.poll() is not None:
            return None if self.process is None else self.process.returncode
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise CheckError(
                f"Home Assistant did not stop within {STOP_TIMEOUT_S} s"
            ) from None

    def kill(self) -> None:
        """Kill it at once (SIGKILL: no shutdown, no final writes), like a power cut."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def log_tail(self, lines: int = 40) -> str:
        """The end of its log."""
        if not self.log.exists():
            return "(no log)"
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def integration_errors(self) -> list[str]:
        """Errors logged by this integration, and any blocking call it made in the loop."""
        if not self.log.exists():
            return []
        return [
            line
            for line in self.log.read_text(errors="replace").splitlines()
            if "retrowalk" in line
            and (" ERROR " in line or "Detected blocking call" in line)
        ]


def write_junit(
    path: Path, suite_name: str, test_name: str, seconds: float, failure: str | None
) -> None:
    """A one-test JUnit report, so scripts/test counts the run with the others."""
    suite = ET.Element(
        "testsuite",
        name=suite_name,
        tests="1",
        failures="1" if failure else "0",
        errors="0",
        skipped="0",
        time=f"{seconds:.1f}",
    )
    case = ET.SubElement(
        suite,
        "testcase",
        classname=f"scripts.{suite_name}",
        name=test_name,
        time=f"{seconds:.1f}",
    )
    if failure:
        ET.SubElement(case, "failure", message=failure)
    path.parent.mkdir(parents=True, exist_ok=True)
    ET.ElementTree(suite).write(path, encoding="unicode")


class Socket:
    """A websocket that keeps many commands in flight and collects subscribed events.

    Every reply is matched to its command by id; when the server goes away (a kill),
    every command still waiting fails with ``ConnectionResetError``.
    """

    def __init__(self, session: aiohttp.ClientSession, base: str, token: str) -> None:
        """Bind to a server; ``open`` connects."""
        self._session = session
        self._base = base
        self._token = token
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._reader: asyncio.Task[None] | None = None
        self._pending: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self._next_id = 0
        self.events: list[dict[str, Any]] = []

    async def open(self) -> None:
        """Connect and authenticate."""
        self._ws = await self._session.ws_connect(
            self._base + "/api/websocket", max_msg_size=0
        )
        check((await self._ws.receive_json())["type"] == "auth_required", "ws")
        await self._ws.send_json({"type": "auth", "access_token": self._token})
        reply = await self._ws.receive_json()
        check(reply["type"] == "auth_ok", f"websocket auth: {reply}")
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        ws = self._ws
        if ws is None:
            return
        try:
            async for message in ws:
                if message.type is not aiohttp.WSMsgType.TEXT:
                    break
                body = json.loads(message.data)
                for item in body if isinstance(body, list) else [body]:
                    self._dispatch(item)
        except (aiohttp.ClientError, ConnectionError, asyncio.CancelledError):
            pass
        finally:
            for future in self._pending.values():
                if not future.done():
                    future.set_exception(ConnectionResetError("connection lost"))
            self._pending.clear()

    def _dispatch(self, item: dict[str, Any]) -> None:
        if item.get("type") == "event":
            self.events.append(item["event"])
            return
        future = self._pending.pop(item.get("id", -1), None)
        if future is not None and not future.done():
            future.set_result(item)

    async def send(self, message: dict[str, Any]) -> asyncio.Future[dict[str, Any]]:
        """Send one command; the future resolves to its reply (result or error)."""
        if self._ws is None or self._ws.closed or self._reader is None:
            raise ConnectionResetError("not connected")
        self._next_id += 1
        future: asyncio.Future[dict[str, Any]] = (
            asyncio.get_running_loop().create_future()
        )
        self._pending[self._next_id] = future
        try:
            await self._ws.send_json({"id": self._next_id, **message})
        except (aiohttp.ClientError, ConnectionError) as err:
            self._pending.pop(self._next_id, None)
            raise ConnectionResetError(str(err)) from err
        return future

    async def request(
        self, message: dict[str, Any], timeout_s: float = 60
    ) -> dict[str, Any]:
        """Send one command and wait for its reply."""
        return await asyncio.wait_for(await self.send(message), timeout_s)

    async def command(self, command: str, **data: Any) -> Any:
        """Send one command and return its result; fail on an error."""
        reply = await self.request({"type": command, **data})
        check(reply.get("success"), f"{command}: {reply.get('error')}")
        return reply.get("result")

    async def drain(self, timeout_s: float = 5) -> None:
        """After the server died: take every reply it sent before, until the end."""
        if self._reader is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.shield(self._reader), timeout_s)

    async def close(self) -> None:
        """Disconnect."""
        if self._ws is not None:
            with contextlib.suppress(Exception):
                await self._ws.close()
        if self._reader is not None:
            with contextlib.suppress(BaseException):
                await asyncio.wait_for(self._reader, 5)
        self._ws = None
        self._reader = None
