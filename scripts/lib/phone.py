"""The session on a phone's lock screen, against a real Home Assistant (``scripts/phone``).

Starts the newest release from the develop venv with this working tree's
integration, registers a companion device the way the apps do
(``POST /api/mobile_app/registrations`` with a local push channel), opens that
channel over the websocket (``mobile_app/push_notification_channel``), picks the
device in the person's options, and checks what the phone receives:

1. a start: one live notification (tag, ``live_update``, countdown to the end,
   progress, the three buttons of this person and session);
2. *Pause* pressed as the app does (the registration's webhook, ``fire_event``
   with ``mobile_app_notification_action``): the session is paused, and the next
   push (not before 15 s after the last) shows it paused, without a countdown;
3. a stop: the live notification is cleared and the summary arrives.

Exits 1 when a check fails; ``--junitxml`` writes a one-test report.
"""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path
import shutil
import tempfile
import time
from typing import Any

import aiohttp
from live_ha import (
    STARTED,
    WALKING_OPTIONS,
    CheckError,
    Client,
    HomeAssistant,
    Socket,
    add_person,
    check,
    free_port,
    onboard,
    person_entities,
    state,
    step,
    wait_for,
    write_config,
    write_junit,
)

DEVICE = "Test Phone"
SERVICE = "mobile_app_test_phone"
PUSH_WAIT_S = 25
"""A push may wait up to 15 s for the gap after the last one."""


async def register_phone(client: Client) -> str:
    """Register a companion device with a local push channel; return its webhook id."""
    async with client.session.post(
        client.base + "/api/mobile_app/registrations",
        json={
            "app_id": "io.robbie.HomeAssistant",
            "app_name": "Home Assistant",
            "app_version": "2026.7",
            "device_name": DEVICE,
            "manufacturer": "Test",
            "model": "Phone",
            "os_name": "Android",
            "os_version": "16",
            "supports_encryption": False,
            "app_data": {"push_websocket_channel": True},
        },
        headers={"Authorization": f"Bearer {client.token}"},
    ) as response:
        body = await response.json()
        check(response.status == 201, f"registration: HTTP {response.status} {body}")
    webhook_id: str = body["webhook_id"]

    async def notify_ready() -> bool:
        services = await client.get("/api/services")
        notify = next((s for s in services if s["domain"] == "notify"), None)
        return notify is not None and SERVICE in notify["services"]

    await wait_for(notify_ready, f"notify.{SERVICE}", 30)
    return webhook_id


async def choose_phone(client: Client, entry_id: str) -> None:
    """Pick the phone in the person's options, through the options flow as the UI does."""
    flow = await client.post(
        "/api/config/config_entries/options/flow", {"handler": entry_id}
    )
    path = f"/api/config/config_entries/options/flow/{flow['flow_id']}"
    flow = await client.post(path, WALKING_OPTIONS)
    # On a treadmill the Treadmill step comes next: no treadmill entities here.
    check(flow.get("step_id") == "treadmill", f"options after walking: {flow}")
    flow = await client.post(path, {})
    check(flow.get("step_id") == "reminders", f"options after treadmill: {flow}")
    flow = await client.post(path, {})
    check(flow.get("step_id") == "phone", f"options after reminders: {flow}")
    flow = await client.post(path, {"companion_devices": [SERVICE]})
    check(flow.get("type") == "create_entry", f"options did not finish: {flow}")


async def wait_loaded(client: Client, entry_id: str) -> None:
    """Wait until the person's entry has reloaded with the new options."""
    await asyncio.sleep(1)

    async def loaded() -> bool:
        entries = await client.get("/api/config/config_entries/entry?domain=retrowalk")
        return any(
            item["entry_id"] == entry_id and item["state"] == "loaded"
            for item in entries
        )

    await wait_for(loaded, "the person reloaded with the phone", 30)


class Phone:
    """What the phone receives on its local push channel."""

    def __init__(self, socket: Socket) -> None:
        """Read the pushes the socket collects."""
        self.socket = socket
        self.seen = 0

    async def next(self, what: str) -> dict[str, Any]:
        """The next push; fail after ``PUSH_WAIT_S``."""

        async def probe() -> dict[str, Any] | None:
            if len(self.socket.events) > self.seen:
                self.seen += 1
                push: dict[str, Any] = self.socket.events[self.seen - 1]
                return push
            return None

        began = time.monotonic()
        push = await wait_for(probe, what, PUSH_WAIT_S)
        step(f"phone got {what} after {time.monotonic() - began:.1f} s")
        return push


async def press(client: Client, webhook_id: str, action: str) -> None:
    """Tap a notification button, as the companion app reports it."""
    async with client.session.post(
        f"{client.base}/api/webhook/{webhook_id}",
        json={
            "type": "fire_event",
            "data": {
                "event_type": "mobile_app_notification_action",
                "event_data": {"action": action, "tag": "retrowalk"},
            },
        },
    ) as response:
        check(response.status == 200, f"webhook: HTTP {response.status}")


async def run(config: Path) -> None:
    """Boot, register the phone, walk, pause from the phone, stop."""
    port = free_port()
    hass = HomeAssistant(config, port)
    write_config(config, port, name="Retrowalk phone")
    with (config / "configuration.yaml").open("a") as yaml:
        yaml.write("mobile_app:\n")
    async with aiohttp.ClientSession() as http:
        client = Client(http, hass.base)
        hass.start()
        try:
            await hass.wait_ready(http)
            await onboard(client)
            step("Home Assistant onboarded")
            entry_id = await add_person(
                client, {"name": "Alex", "level": "regular"}, WALKING_OPTIONS
            )
            _device, ids = await person_entities(client, entry_id)
            webhook_id = await register_phone(client)
            step(f"companion device registered: notify.{SERVICE}")
            socket = Socket(http, hass.base, client.token)
            await socket.open()
            await socket.command(
                "mobile_app/push_notification_channel", webhook_id=webhook_id
            )
            phone = Phone(socket)
            await choose_phone(client, entry_id)
            await wait_loaded(client, entry_id)
            step("local push channel open, the phone chosen in the options")
            await check_session(client, phone, webhook_id, entry_id, ids)
            check(not hass.integration_errors(), f"{hass.integration_errors()}")
            await socket.close()
        except BaseException:
            print(f"--- end of the Home Assistant log ---\n{hass.log_tail()}")
            raise
        finally:
            await client.close()
            hass.stop()


async def check_session(
    client: Client,
    phone: Phone,
    webhook_id: str,
    entry_id: str,
    ids: dict[str, str],
) -> None:
    """Start, pause from the phone, stop; check every push."""
    await client.post(
        "/api/services/retrowalk/start_session",
        {"config_entry_id": entry_id, "duration": 10},
    )
    push = await phone.next("the live notification")
    data = push.get("data", {})
    tag = f"retrowalk_{entry_id}"
    check(push.get("title") == "Alex: retro walk", f"title: {push}")
    check(data.get("tag") == tag and data.get("live_update") is True, f"{push}")
    check(
        data.get("chronometer") is True and data.get("progress_max") == 600, f"{data}"
    )
    check(abs(data["when"] - (time.time() + 600)) < 15, f"when: {data['when']}")
    actions = [button["action"] for button in data["actions"]]
    check(
        [action.split(":")[0] for action in actions]
        == ["RETROWALK_PAUSE", "RETROWALK_EXTEND", "RETROWALK_STOP"],
        f"buttons: {actions}",
    )
    check(all(f":{entry_id}:" in action for action in actions), f"{actions}")

    await press(client, webhook_id, actions[0])

    async def paused() -> bool:
        session = await state(client, ids["session"])
        return bool(session["attributes"].get("phase") == "paused")

    await wait_for(paused, "the session paused from the phone", 10)
    step("Pause pressed on the phone: the session is paused")
    push = await phone.next("the paused notification")
    data = push.get("data", {})
    check(data.get("chronometer") is False and "when" not in data, f"paused: {data}")
    check(push["message"].startswith("Paused with"), f"paused: {push}")
    check(data["actions"][0]["action"].startswith("RETROWALK_RESUME:"), f"{data}")

    await client.post(
        "/api/services/retrowalk/stop_session", {"config_entry_id": entry_id}
    )
    cleared = await phone.next("the clear")
    check(
        cleared == {"message": "clear_notification", "data": {"tag": tag}}, f"{cleared}"
    )
    summary = await phone.next("the summary")
    check(summary.get("title") == "Alex: retro walk done", f"summary: {summary}")


def main() -> int:
    """Parse the flags, run, report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="keep the temporary config")
    parser.add_argument("--junitxml", type=Path, help="write a JUnit report here")
    args = parser.parse_args()
    config = Path(tempfile.mkdtemp(prefix="retrowalk-phone-"))
    failure: str | None = None
    try:
        asyncio.run(run(config))
    except CheckError as err:
        failure = str(err)
    finally:
        if not args.keep:
            shutil.rmtree(config, ignore_errors=True)
    seconds = time.monotonic() - STARTED
    if args.junitxml:
        write_junit(args.junitxml, "phone", "lock screen", seconds, failure)
    if failure:
        print(f"phone check FAILED after {seconds:.1f} s: {failure}")
        return 1
    print(f"phone check passed in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
