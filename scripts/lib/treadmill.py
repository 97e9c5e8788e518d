"""A treadmill under speed control, against a real Home Assistant (``scripts/treadmill``).

Starts the newest release from the develop venv with this working tree's integration
and a virtual treadmill built from Home Assistant's own helpers only:

- ``input_number`` helpers hold the commanded speed and incline, the belt's real
  speed and its distance; an ``input_boolean`` says whether the belt runs;
- template entities make them a treadmill: ``number.treadmill_target_speed`` (km/h,
  0.5-6.0) and ``number.treadmill_target_incline``, ``sensor.treadmill_speed``,
  ``sensor.treadmill_incline``, ``sensor.treadmill_distance`` and
  ``switch.treadmill_belt``;
- an automation moves the belt toward its target once a second by at most
  0.9 km/h (a limited acceleration) and adds up the distance.

A person is added through the config flow; their treadmill options (the keys the
options flow stores) are written while Home Assistant is stopped, then it starts
again. The run then checks, with speed control on:

1. a start ramps the belt to the planned 3.0 km/h in 0.5 km/h steps at least 5 s
   apart, and the belt's speed sensor follows;
2. a pause slows the target to 0.5 km/h, switches the belt off, and it stops;
3. a belt that no longer moves (the automation turned off) while a resumed
   session ramps pauses the session with ``treadmill_not_following``;
4. a start is refused while the belt runs above the person's cap;
5. auto-pause: the treadmill's own stop key (the ``input_boolean``, not retrowalk)
   stops the belt at full speed; 5 s after the speed sensor reads 0 the session
   pauses with ``belt_stopped`` (and speed control switches the belt off); the
   start key moves the belt again and the session resumes with ``belt_moving``,
   and the ramp heads back up;
6. stopping Home Assistant while a session walks pauses it and switches the belt off
   (read from the stored session and the switch's log line).

Exits 1 when a check fails; ``--junitxml`` writes a one-test report.
"""

from __future__ import annotations

import argparse
import asyncio
from datetime import datetime
import itertools
import json
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
    running,
    state,
    step,
    wait_for,
    write_config,
    write_junit,
)

TARGET = "number.treadmill_target_speed"
SPEED = "sensor.treadmill_speed"
BELT = "switch.treadmill_belt"
PHYSICS = "automation.treadmill_physics"
TREADMILL_OPTIONS = {
    "treadmill_speed": SPEED,
    "treadmill_incline": "sensor.treadmill_incline",
    "treadmill_distance": "sensor.treadmill_distance",
    "treadmill_target_speed": TARGET,
    "treadmill_target_incline": "number.treadmill_target_incline",
    "treadmill_power": BELT,
    "speed_control": True,
}
RAMP_STEP_KMH = 0.5
RAMP_EVERY_S = 5

HELPERS = """
input_number:
  treadmill_target:
    name: Treadmill commanded speed
    min: 0.5
    max: 6.0
    step: 0.1
    initial: 2.0
    mode: box
  treadmill_belt:
    name: Treadmill belt speed
    min: 0
    max: 6.0
    step: 0.01
    initial: 0
    mode: box
  treadmill_target_incline:
    name: Treadmill commanded incline
    min: 0
    max: 15
    step: 0.5
    initial: 0
    mode: box
  treadmill_distance:
    name: Treadmill belt distance
    min: 0
    max: 1000000
    step: 0.01
    initial: 0
    mode: box
input_boolean:
  treadmill_running:
    name: Treadmill running
    initial: false
template:
  - number:
      - name: Treadmill target speed
        unique_id: treadmill_target_speed
        state: "{{ states('input_number.treadmill_target') | float(0) }}"
        min: 0.5
        max: 6.0
        step: 0.1
        unit_of_measurement: km/h
        set_value:
          - action: input_number.set_value
            target:
              entity_id: input_number.treadmill_target
            data:
              value: "{{ value }}"
      - name: Treadmill target incline
        unique_id: treadmill_target_incline
        state: "{{ states('input_number.treadmill_target_incline') | float(0) }}"
        min: 0
        max: 15
        step: 0.5
        unit_of_measurement: "%"
        set_value:
          - action: input_number.set_value
            target:
              entity_id: input_number.treadmill_target_incline
            data:
              value: "{{ value }}"
    sensor:
      - name: Treadmill speed
        unique_id: treadmill_speed
        state: "{{ states('input_number.treadmill_belt') | float(0) }}"
        unit_of_measurement: km/h
        device_class: speed
        state_class: measurement
      - name: Treadmill incline
        unique_id: treadmill_incline
        state: "{{ states('input_number.treadmill_target_incline') | float(0) }}"
        unit_of_measurement: "%"
        state_class: measurement
      - name: Treadmill distance
        unique_id: treadmill_distance
        state: "{{ states('input_number.treadmill_distance') | float(0) }}"
        unit_of_measurement: m
        device_class: distance
        state_class: total_increasing
    switch:
      - name: Treadmill belt
        unique_id: treadmill_belt
        state: "{{ is_state('input_boolean.treadmill_running', 'on') }}"
        turn_on:
          - action: input_boolean.turn_on
            target:
              entity_id: input_boolean.treadmill_running
        turn_off:
          - action: input_boolean.turn_off
            target:
              entity_id: input_boolean.treadmill_running
          - action: system_log.write
            data:
              logger: treadmill
              level: warning
              message: treadmill belt switched off
automation:
  - id: treadmill_physics
    alias: Treadmill physics
    mode: single
    triggers:
      - trigger: time_pattern
        seconds: "/1"
    actions:
      - variables:
          running: "{{ is_state('input_boolean.treadmill_running', 'on') }}"
          goal: "{{ states('input_number.treadmill_target') | float(0) if running else 0 }}"
          belt: "{{ states('input_number.treadmill_belt') | float(0) }}"
      - action: input_number.set_value
        target:
          entity_id: input_number.treadmill_belt
        data:
          value: "{{ ([[goal, belt + 0.9] | min, belt - 0.9] | max) | round(2) }}"
      - action: input_number.set_value
        target:
          entity_id: input_number.treadmill_distance
        data:
          value: "{{ (states('input_number.treadmill_distance') | float(0) + belt / 3.6) | round(2) }}"
"""


def write_treadmill_options(config: Path, entry_id: str) -> None:
    """Store the person's treadmill options (Home Assistant is stopped)."""
    path = config / ".storage" / "core.config_entries"
    stored = json.loads(path.read_text())
    for entry in stored["data"]["entries"]:
        if entry["entry_id"] == entry_id:
            entry["options"] = entry["options"] | TREADMILL_OPTIONS
            break
    else:
        raise CheckError(f"entry {entry_id} not stored")
    path.write_text(json.dumps(stored))


class Recorder:
    """The target-speed number's changes and the session events, with their times."""

    def __init__(self, socket: Socket) -> None:
        """Read what the socket collects."""
        self.socket = socket

    def targets(self) -> list[tuple[float, float]]:
        """(seconds since the epoch, km/h) of every target-speed change."""
        changes = []
        for event in self.socket.events:
            data = event.get("data", {})
            if data.get("entity_id") != TARGET or not data.get("new_state"):
                continue
            new = data["new_state"]
            if new["state"] in ("unavailable", "unknown"):
                continue
            old = data.get("old_state") or {}
            if old.get("state") == new["state"]:
                continue
            changes.append((_timestamp(new["last_changed"]), float(new["state"])))
        return changes

    def session_events(self) -> list[dict[str, Any]]:
        """The retrowalk session events seen so far."""
        return [
            event["data"]
            for event in self.socket.events
            if event.get("event_type") == "retrowalk_session"
        ]

    def fired(self, reason: str) -> float | None:
        """When the last session event with ``reason`` was fired (epoch seconds)."""
        times = [
            _timestamp(event["time_fired"])
            for event in self.socket.events
            if event.get("event_type") == "retrowalk_session"
            and event.get("data", {}).get("reason") == reason
        ]
        return times[-1] if times else None

    def reading_zero_since(self) -> float | None:
        """When the speed sensor last changed to 0 (epoch seconds)."""
        times = [
            _timestamp(data["new_state"]["last_changed"])
            for event in self.socket.events
            if (data := event.get("data", {})).get("entity_id") == SPEED
            and data.get("new_state")
            and data["new_state"]["state"] in ("0", "0.0")
            and (data.get("old_state") or {}).get("state") not in ("0", "0.0")
        ]
        return times[-1] if times else None


def _timestamp(text: str) -> float:
    return datetime.fromisoformat(text).timestamp()


async def speed_of(client: Client) -> float:
    """The belt's speed sensor, km/h."""
    return float((await state(client, SPEED))["state"])


async def run(config: Path) -> None:
    """Boot, add the person, store the treadmill options, restart, walk."""
    port = free_port()
    hass = HomeAssistant(config, port)
    write_config(config, port, name="Retrowalk treadmill")
    with (config / "configuration.yaml").open("a") as yaml:
        yaml.write(HELPERS)
    async with aiohttp.ClientSession() as http:
        client = Client(http, hass.base)
        hass.start()
        try:
            await hass.wait_ready(http)
            await onboard(client)
            entry_id = await add_person(
                client, {"name": "Alex", "level": "regular"}, WALKING_OPTIONS
            )
            await person_entities(client, entry_id)
            step("Home Assistant onboarded, Alex added through the config flow")
            await running(client)
            await client.close()
            check(hass.stop() == 0, "Home Assistant did not stop cleanly")
            write_treadmill_options(config, entry_id)
            hass.start()
            await hass.wait_ready(http, client.token)
            _device, ids = await person_entities(client, entry_id)
            await wait_for(
                lambda: _available(client, TARGET), "the template treadmill", 30
            )
            await wait_for(lambda: _loaded(client, entry_id), "Alex loaded", 60)
            await running(client)  # timings are measured on a started Home Assistant
            step("restarted with speed control on the template treadmill")
            socket = Socket(http, hass.base, client.token)
            await socket.open()
            await socket.command("subscribe_events", event_type="state_changed")
            await socket.command("subscribe_events", event_type="retrowalk_session")
            await check_session(client, socket, entry_id, ids)
            await walk_again(client, socket, entry_id)
            await auto_pause_and_resume(client, socket)
            await socket.close()
            await client.close()
            check(hass.stop() == 0, "Home Assistant did not stop cleanly")
            check_stopped_belt(hass, entry_id)
            check(not hass.integration_errors(), f"{hass.integration_errors()}")
        except BaseException:
            print(f"--- end of the Home Assistant log ---\n{hass.log_tail()}")
            raise
        finally:
            await client.close()
            hass.stop()


async def _loaded(client: Client, entry_id: str) -> bool:
    entries = await client.get("/api/config/config_entries/entry?domain=retrowalk")
    return any(
        item["entry_id"] == entry_id and item["state"] == "loaded" for item in entries
    )


async def _available(client: Client, entity_id: str) -> bool:
    with_state = await client.get("/api/states")
    return any(
        item["entity_id"] == entity_id
        and item["state"] not in ("unavailable", "unknown")
        for item in with_state
    )


async def act(socket: Socket, domain: str, service: str, **data: Any) -> None:
    """Call an action over the websocket; fail with Home Assistant's message."""
    await socket.command(
        "call_service", domain=domain, service=service, service_data=data
    )


async def check_session(
    client: Client, socket: Socket, entry_id: str, ids: dict[str, str]
) -> None:
    """Ramp, pause, a belt that stops following, the start gate."""
    recorder = Recorder(socket)
    person = {"config_entry_id": entry_id}
    began = time.time()
    await act(socket, "retrowalk", "start_session", **person, duration=5, speed=3.0)

    async def at_speed() -> bool:
        return await speed_of(client) >= 2.95

    await wait_for(at_speed, "the belt at 3.0 km/h", 45)
    ramp = [(at - began, kmh) for at, kmh in recorder.targets() if at >= began - 1]
    step("ramp: " + ", ".join(f"{kmh:.1f} km/h at {at:.1f} s" for at, kmh in ramp))
    values = [kmh for _at, kmh in ramp]
    check(values == [0.5, 1.0, 1.5, 2.0, 2.5, 3.0], f"ramp steps: {values}")
    gaps = [later[0] - earlier[0] for earlier, later in itertools.pairwise(ramp)]
    check(all(gap >= RAMP_EVERY_S - 0.5 for gap in gaps), f"ramp gaps: {gaps}")

    await act(socket, "retrowalk", "pause_session", **person)
    walked_m = await distance_of(client)  # the belt slows down after this: not walked

    async def stopped() -> bool:
        belt = (await state(client, BELT))["state"]
        return belt == "off" and await speed_of(client) == 0.0

    await wait_for(stopped, "the belt stopped by the pause", 15)
    check(recorder.targets()[-1][1] == 0.5, f"pause target: {recorder.targets()[-1]}")
    step("pause: target 0.5 km/h, belt switched off and at a standstill")

    await act(socket, "automation", "turn_off", entity_id=PHYSICS)
    resumed = time.time()
    await act(socket, "retrowalk", "resume_session", **person)

    async def paused_by_the_check() -> dict[str, Any] | None:
        return next(
            (
                event
                for event in recorder.session_events()
                if event.get("reason") == "treadmill_not_following"
            ),
            None,
        )

    await wait_for(paused_by_the_check, "the follow check to pause the session", 25)
    step(
        "a belt that stopped moving paused the session after "
        f"{time.time() - resumed:.1f} s"
    )
    session = await state(client, ids["session"])
    check(session["attributes"].get("phase") == "paused", f"{session}")

    await act(socket, "retrowalk", "stop_session", **person)
    await check_measured(recorder, walked_m)
    await act(
        socket,
        "input_number",
        "set_value",
        entity_id="input_number.treadmill_belt",
        value=6.0,
    )
    reply = await socket.request(
        {
            "type": "call_service",
            "domain": "retrowalk",
            "service": "start_session",
            "service_data": person,
        }
    )
    error = reply.get("error") or {}
    check(
        not reply.get("success") and error.get("translation_key") == "belt_above_cap",
        f"start at 6 km/h: {reply}",
    )
    step(f"refused: {error.get('message')}")


async def distance_of(client: Client) -> float:
    """The belt's distance counter, m."""
    return float((await state(client, "sensor.treadmill_distance"))["state"])


async def check_measured(recorder: Recorder, walked_m: float) -> None:
    """The stopped session's distance is the belt's until the pause, not the plan's."""

    async def stopped_event() -> dict[str, Any] | None:
        return next(
            (e for e in recorder.session_events() if e.get("type") == "stopped"), None
        )

    event = await wait_for(stopped_event, "the stopped event", 10)
    measured, planned = event["distance_m"], event.get("planned_distance_m")
    # The counter moves once a second: it can be a second (0.8 m) behind or ahead.
    check(abs(measured - walked_m) <= 1.5, f"measured {measured} m, belt {walked_m} m")
    check(
        planned is not None and planned > measured + 3,
        f"the plan (3.0 km/h from the start) should be ahead: {planned} m",
    )
    step(
        f"measured {measured} m (belt counter {walked_m} m at the pause, plan {planned} m)"
    )


async def walk_again(client: Client, socket: Socket, entry_id: str) -> None:
    """A walking session on a moving belt, for the stop of Home Assistant."""
    await act(
        socket,
        "input_number",
        "set_value",
        entity_id="input_number.treadmill_belt",
        value=0,
    )
    await act(socket, "automation", "turn_on", entity_id=PHYSICS)
    await act(
        socket,
        "retrowalk",
        "start_session",
        config_entry_id=entry_id,
        duration=5,
        speed=3.0,
    )

    async def moving() -> bool:
        return await speed_of(client) >= 0.45

    await wait_for(moving, "the belt moving again", 15)
    step("walking again")


async def auto_pause_and_resume(client: Client, socket: Socket) -> None:
    """The treadmill's stop key pauses the walk 5 s after standstill; its start key resumes."""
    recorder = Recorder(socket)

    async def at_speed() -> bool:
        return await speed_of(client) >= 2.95

    await wait_for(at_speed, "the belt at 3.0 km/h", 45)
    await act(
        socket, "input_boolean", "turn_off", entity_id="input_boolean.treadmill_running"
    )
    step("the treadmill's own stop key pressed at 3.0 km/h")

    async def auto_paused() -> float | None:
        return recorder.fired("belt_stopped")

    paused_at = await wait_for(auto_paused, "auto-pause (belt_stopped)", 20)
    still_since = recorder.reading_zero_since()
    if still_since is None:
        raise CheckError("the speed sensor never read 0")
    waited = paused_at - still_since
    step(f"auto-pause: the session paused {waited:.1f} s after the belt read 0")
    check(4.5 <= waited <= 6.5, f"auto-pause after {waited:.1f} s, not 5 s")

    async def belt_off() -> bool:
        return (await state(client, BELT))["state"] == "off"

    await wait_for(belt_off, "speed control to switch the belt off", 10)
    await asyncio.sleep(3)
    check(recorder.fired("belt_moving") is None, "resumed on a still belt")
    pressed = time.time()
    await act(
        socket, "input_boolean", "turn_on", entity_id="input_boolean.treadmill_running"
    )

    async def auto_resumed() -> float | None:
        return recorder.fired("belt_moving")

    resumed_at = await wait_for(auto_resumed, "auto-resume (belt_moving)", 15)
    step(
        f"auto-resume: the start key, the belt moved, resumed {resumed_at - pressed:.1f} s later"
    )

    async def ramping() -> bool:
        return await speed_of(client) >= 1.0

    await wait_for(ramping, "the ramp heading back to 3.0 km/h", 20)
    step("walking again on the ramp; stopping Home Assistant")


def check_stopped_belt(hass: HomeAssistant, entry_id: str) -> None:
    """After the stop: the session was paused and the belt switched off.

    The switch's turn-off writes a log line (the states saved at the stop are
    written while the stop is still going on).
    """
    storage = hass.config / ".storage"
    person = json.loads((storage / f"retrowalk.{entry_id}").read_text())
    active = person["data"]["active"]
    check(active and active.get("paused_at"), f"session after the stop: {active}")
    log = hass.log.read_text(errors="replace").split("treadmill belt switched off")
    # By the pause, the follow check's pause, the auto-pause and the stop.
    check(len(log) - 1 == 4, f"belt switched off {len(log) - 1} times, not 4")
    step("Home Assistant stopped: the session paused and the belt switched off")


def main() -> int:
    """Parse the flags, run, report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="keep the temporary config")
    parser.add_argument("--junitxml", type=Path, help="write a JUnit report here")
    args = parser.parse_args()
    config = Path(tempfile.mkdtemp(prefix="retrowalk-treadmill-"))
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
        write_junit(args.junitxml, "treadmill", "speed control", seconds, failure)
    if failure:
        print(f"treadmill check FAILED after {seconds:.1f} s: {failure}")
        return 1
    print(f"treadmill check passed in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
