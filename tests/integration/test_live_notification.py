"""The session on the phone's lock screen: the exact pushes, the buttons, the rate."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import CoreState, HomeAssistant, ServiceCall
from homeassistant.util import dt as dt_util
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_mock_service,
)

from custom_components.retrowalk.const import EVENT_NOTIFICATION_ACTION
from custom_components.retrowalk.live_notification import (
    Button,
    action_id,
    clock,
    parse_action,
)
from custom_components.retrowalk.sim.bounds import SESSION_MINUTES

from .conftest import AddPerson
from .test_reminders import restart, run_for
from .test_session import START, call

PHONE = "mobile_app_pixel_9"
T0 = round(dt_util.parse_datetime(START).timestamp())  # type: ignore[union-attr]
NAMES = {
    "warmup": "Warm-up",
    "backward": "Walking backward",
    "cooldown": "Cool-down",
    None: None,
}


def add_phone(hass: HomeAssistant, name: str = "Pixel 9") -> list[ServiceCall]:
    """A companion-app device whose notify action records what it is sent."""
    MockConfigEntry(
        domain="mobile_app", title=name, data={"device_name": name}
    ).add_to_hass(hass)
    return async_mock_service(
        hass, "notify", f"mobile_app_{name.lower()}".replace(" ", "_")
    )


@pytest.fixture
def phone(hass: HomeAssistant) -> list[ServiceCall]:
    """The phone's received messages."""
    return add_phone(hass)


def live(
    entry_id: str,
    session_id: str,
    *,
    phase: str,
    following: str | None,
    left: str,
    progress: int,
    total: int,
    ends: int | None,
    stop: str = "STOP",
) -> dict[str, Any]:
    """The live notification the phone must receive."""
    paused = ends is None
    name = NAMES[phase]
    if paused:
        message = f"Paused with {left} to go; {name} carries on when you resume"
        critical = f"Paused · {left}"
    elif following is None:
        message, critical = f"{name}, then done", f"{name} · {left}"
    else:
        message, critical = f"{name}, then {NAMES[following]}", f"{name} · {left}"

    def button(kind: str, title: str, **extra: Any) -> dict[str, Any]:
        return {
            "action": f"RETROWALK_{kind}:{entry_id}:{session_id}",
            "title": title,
        } | extra

    data: dict[str, Any] = {
        "tag": f"retrowalk_{entry_id}",
        "live_update": True,
        "alert_once": True,
        "sticky": True,
        "critical_text": critical,
        "progress": progress,
        "progress_max": total,
        "chronometer": not paused,
        "actions": [
            button("RESUME", "Resume") if paused else button("PAUSE", "Pause"),
            button("EXTEND", "+5 min", minutes=5),
            button(
                "STOP_CONFIRM",
                "Tap again to stop",
                destructive=True,
                authenticationRequired=True,
            )
            if stop == "STOP_CONFIRM"
            else button("STOP", "Stop"),
        ],
    }
    if ends is not None:
        data["when"] = ends
    return {"title": "Alex: retro walk", "message": message, "data": data}


def end(entry_id: str, summary: str) -> list[dict[str, Any]]:
    """The clear and the summary that end a session."""
    return [
        {"message": "clear_notification", "data": {"tag": f"retrowalk_{entry_id}"}},
        {
            "title": "Alex: retro walk done",
            "message": summary,
            "data": {"tag": f"retrowalk_{entry_id}_summary"},
        },
    ]


async def tap(hass: HomeAssistant, action: str) -> None:
    """A button tapped on the phone, as the companion app reports it."""
    hass.bus.async_fire(EVENT_NOTIFICATION_ACTION, {"action": action, "tag": "x"})
    await hass.async_block_till_done()


def received(calls: list[ServiceCall]) -> list[dict[str, Any]]:
    """What the phone received, in order."""
    return [dict(call.data) for call in calls]


@pytest.mark.freeze_time(START)
async def test_a_whole_session_with_pauses_and_an_extension(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    add_person: AddPerson,
    phone: list[ServiceCall],
) -> None:
    """Every push of a 30-minute session paused twice and extended by the button."""
    entry = await add_person(companion_devices=[PHONE])
    await call(hass, "start_session", duration=30)
    active = entry.runtime_data.controller.active
    assert active is not None
    ids = entry.entry_id, active.session_id

    def tapped(kind: str) -> str:
        return action_id(Button(kind), *ids)

    expected = [
        live(
            *ids,
            phase="warmup",
            following="backward",
            left="30:00",
            progress=0,
            total=1800,
            ends=T0 + 1800,
        ),
    ]
    assert received(phone) == expected

    await run_for(hass, freezer, 100)
    await call(hass, "pause_session")
    expected.append(
        live(
            *ids,
            phase="warmup",
            following="backward",
            left="28:20",
            progress=100,
            total=1800,
            ends=None,
        )
    )
    assert received(phone) == expected
    # Resumed 5 s later: within 15 s of the last push, it waits for the gap's end.
    await run_for(hass, freezer, 5, step=5)
    await call(hass, "resume_session")
    assert len(phone) == 2
    await run_for(hass, freezer, 10, step=5)
    expected.append(
        live(
            *ids,
            phase="warmup",
            following="backward",
            left="28:10",
            progress=110,
            total=1800,
            ends=T0 + 1805,
        )
    )
    assert received(phone) == expected

    # The warm-up ends after 180 s of walking: t = 185 s.
    await run_for(hass, freezer, 70, step=5)
    expected.append(
        live(
            *ids,
            phase="backward",
            following="cooldown",
            left="27:00",
            progress=180,
            total=1800,
            ends=T0 + 1805,
        )
    )
    assert received(phone) == expected

    # +5 min from the phone at t = 600 s, a pause at 610 s (sent at 615 s).
    await run_for(hass, freezer, 415, step=5)
    await tap(hass, tapped("EXTEND"))
    expected.append(
        live(
            *ids,
            phase="backward",
            following="cooldown",
            left="25:05",
            progress=595,
            total=2100,
            ends=T0 + 2105,
        )
    )
    assert received(phone) == expected
    await run_for(hass, freezer, 10, step=5)
    await tap(hass, tapped("PAUSE"))
    await tap(hass, tapped("PAUSE"))  # A second tap does nothing.
    assert len(phone) == 5
    await run_for(hass, freezer, 5, step=5)
    expected.append(
        live(
            *ids,
            phase="backward",
            following="cooldown",
            left="24:55",
            progress=605,
            total=2100,
            ends=None,
        )
    )
    assert received(phone) == expected
    await run_for(hass, freezer, 85, step=5)
    await tap(hass, tapped("RESUME"))
    expected.append(
        live(
            *ids,
            phase="backward",
            following="cooldown",
            left="24:55",
            progress=605,
            total=2100,
            ends=T0 + 2195,
        )
    )
    assert received(phone) == expected

    # The cool-down at 1920 s of walking (t = 2015 s), the end at 2195 s.
    await run_for(hass, freezer, 1315, step=5)
    expected.append(
        live(
            *ids,
            phase="cooldown",
            following=None,
            left="3:00",
            progress=1920,
            total=2100,
            ends=T0 + 2195,
        )
    )
    assert received(phone) == expected
    await run_for(hass, freezer, 180, step=5)
    assert entry.runtime_data.controller.active is None
    expected += end(
        entry.entry_id, "35 min walked, 1.37 km, 127 kcal. Weekly goal: 56 %."
    )
    assert received(phone) == expected
    assert entry.runtime_data.live.pushes == 9
    # A button of the ended session only says so.
    await tap(hass, tapped("PAUSE"))
    assert received(phone)[-1] == {
        "title": "Alex: retro walk",
        "message": "That retro walk has already ended.",
        "data": {"tag": f"retrowalk_{entry.entry_id}_notice"},
    }


@pytest.mark.freeze_time(START)
async def test_a_steady_half_hour_sends_few_pushes(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    add_person: AddPerson,
    phone: list[ServiceCall],
) -> None:
    """Start, two phase changes and the end: 4 pushes (5 messages), never on a timer."""
    entry = await add_person(companion_devices=[PHONE])
    await call(hass, "start_session", duration=30)
    sent_at: list[int] = []
    previous = len(phone)
    for _ in range(1800 // 5 + 2):
        await run_for(hass, freezer, 5, step=5)
        if len(phone) != previous:
            sent_at.append(round(dt_util.utcnow().timestamp()) - T0)
            previous = len(phone)
    assert sent_at == [180, 1620, 1800]
    assert entry.runtime_data.live.pushes == 4
    assert len(phone) == 5
    assert phone[-2].data["message"] == "clear_notification"


@pytest.mark.freeze_time(START)
async def test_rate_limit_coalesces_to_the_latest_state(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    add_person: AddPerson,
    phone: list[ServiceCall],
) -> None:
    """Many taps within 15 s: one push at the gap's end carries the last state."""
    entry = await add_person(companion_devices=[PHONE])
    await call(hass, "start_session", duration=20)
    for _ in range(3):
        await call(hass, "pause_session")
        await call(hass, "resume_session")
    await call(hass, "pause_session")
    assert len(phone) == 1
    await run_for(hass, freezer, 14, step=1)
    assert len(phone) == 1
    await run_for(hass, freezer, 1, step=1)
    assert len(phone) == 2
    assert phone[-1].data["data"]["chronometer"] is False
    # A pause and a resume that end where the last push was: nothing new to send.
    await run_for(hass, freezer, 30, step=5)
    await call(hass, "resume_session")
    assert len(phone) == 3
    await call(hass, "pause_session")
    await call(hass, "stop_session")
    assert len(phone) == 3
    await run_for(hass, freezer, 15, step=5)
    # The end wins: the last state is delivered, once.
    assert [call.data["message"] for call in phone[3:]] == [
        "clear_notification",
        "1 min walked, 0.00 km, 0 kcal. Weekly goal: 0 %.",
    ]
    assert entry.runtime_data.live.pushes == 4


@pytest.mark.freeze_time(START)
async def test_a_new_session_within_the_gap(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    add_person: AddPerson,
    phone: list[ServiceCall],
) -> None:
    """Stopped and started again within 15 s: the summary, then the new session."""
    entry = await add_person(companion_devices=[PHONE])
    await call(hass, "start_session", duration=20)
    await run_for(hass, freezer, 5, step=5)
    await call(hass, "stop_session")
    await call(hass, "start_session", duration=10)
    assert len(phone) == 1
    await run_for(hass, freezer, 10, step=5)
    assert [c.data["title"] for c in phone[1:]] == [
        "Alex: retro walk done",
        "Alex: retro walk",
    ]
    assert phone[-1].data["data"]["progress_max"] == 600
    # A push waiting when the person is unloaded is dropped with it.
    await call(hass, "pause_session")
    assert await hass.config_entries.async_unload(entry.entry_id)
    await run_for(hass, freezer, 30, step=5)
    assert len(phone) == 3


@pytest.mark.freeze_time(START)
async def test_stop_takes_two_taps(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    add_person: AddPerson,
    phone: list[ServiceCall],
) -> None:
    """A first tap asks again; only the second within a minute stops."""
    entry = await add_person(companion_devices=[PHONE])
    await call(hass, "start_session", duration=20)
    active = entry.runtime_data.controller.active
    assert active is not None
    ids = entry.entry_id, active.session_id
    await run_for(hass, freezer, 30, step=5)
    await tap(hass, action_id(Button.STOP, *ids))
    assert entry.runtime_data.controller.active is not None
    assert received(phone)[-1] == live(
        *ids,
        phase="warmup",
        following="backward",
        left="19:30",
        progress=30,
        total=1200,
        ends=T0 + 1200,
        stop="STOP_CONFIRM",
    )
    # Too late: the second tap asks again instead of stopping.
    await run_for(hass, freezer, 60, step=5)
    await tap(hass, action_id(Button.STOP_CONFIRM, *ids))
    assert entry.runtime_data.controller.active is not None
    # Another button puts Stop back.
    await tap(hass, action_id(Button.PAUSE, *ids))
    assert phone[-1].data["data"]["actions"][2]["title"] == "Stop"
    await run_for(hass, freezer, 15, step=5)
    await tap(hass, action_id(Button.STOP, *ids))
    await run_for(hass, freezer, 15, step=5)
    assert phone[-1].data["data"]["actions"][2]["title"] == "Tap again to stop"
    await tap(hass, action_id(Button.STOP_CONFIRM, *ids))
    assert entry.runtime_data.controller.active is None
    await run_for(hass, freezer, 15, step=5)
    assert phone[-2].data["message"] == "clear_notification"
    assert phone[-1].data["title"] == "Alex: retro walk done"


@pytest.mark.freeze_time(START)
async def test_buttons_act_only_on_their_person_and_session(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    add_person: AddPerson,
    phone: list[ServiceCall],
) -> None:
    """Other people's, malformed and refused taps change nothing here."""
    alex = await add_person(companion_devices=[PHONE])
    sam = await add_person("Sam")
    longest = round(SESSION_MINUTES.high)
    await call(hass, "start_session", config_entry_id=alex.entry_id, duration=longest)
    controller = alex.runtime_data.controller
    active = controller.active
    assert active is not None
    for junk in (
        None,
        "OTHER_ACTION",
        "RETROWALK_PAUSE:only-two",
        "RETROWALK_DANCE:a:b",
        "RETROWALK_PAUSE::x",
        action_id(Button.PAUSE, sam.entry_id, active.session_id),
    ):
        await tap(hass, junk)  # type: ignore[arg-type]
    assert not controller.paused
    assert len(phone) == 1
    # An extension past the longest session is refused, with a short notice.
    planned = controller.plan()
    await tap(hass, action_id(Button.EXTEND, alex.entry_id, active.session_id))
    assert controller.plan() is planned
    assert phone[-1].data["message"] == (
        "That did not work: the session cannot be changed like this now."
    )
    # A button from an earlier session is not this session's.
    await tap(hass, action_id(Button.PAUSE, alex.entry_id, "01OLDSESSION"))
    assert not controller.paused
    assert phone[-1].data["message"] == "That retro walk has already ended."


@pytest.mark.freeze_time(START)
async def test_a_restart_shows_the_session_again(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    add_person: AddPerson,
    phone: list[ServiceCall],
) -> None:
    """After a restart with a session on, one push once Home Assistant has started."""
    entry = await add_person(companion_devices=[PHONE])
    await call(hass, "start_session", duration=20)
    await run_for(hass, freezer, 60)
    assert await hass.config_entries.async_unload(entry.entry_id)
    freezer.tick(timedelta(seconds=40))
    hass.set_state(CoreState.not_running)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert len(phone) == 1
    await hass.async_start()
    await hass.async_block_till_done()
    assert len(phone) == 2
    assert phone[-1].data["data"]["progress"] == 100
    assert phone[-1].data["data"]["when"] == T0 + 1200


@pytest.mark.freeze_time(START)
async def test_a_session_that_ended_while_down_is_cleared(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    add_person: AddPerson,
    phone: list[ServiceCall],
) -> None:
    """The live notification does not outlive a session that ended during a restart."""
    entry = await add_person(companion_devices=[PHONE])
    await call(hass, "start_session", duration=10)
    await restart(hass, freezer, entry, timedelta(minutes=15))
    assert [call.data["message"] for call in phone[1:]] == [
        "clear_notification",
        "10 min walked, 0.40 km, 36 kcal. Weekly goal: 28 %.",
    ]


@pytest.mark.freeze_time(START)
async def test_reminders_can_go_to_the_phone(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    add_person: AddPerson,
    phone: list[ServiceCall],
) -> None:
    """With the option on, each reminder is also an ordinary notification on the phone."""
    entry = await add_person(companion_devices=[PHONE], companion_reminders=True)
    await call(hass, "start_session", duration=10)
    reminders = [c for c in phone if c.data["data"]["tag"].endswith("_reminder")]
    assert reminders[0].data == {
        "message": "Warm up: walk backwards slowly for a few minutes.",
        "title": "Alex",
        "data": {"tag": f"retrowalk_{entry.entry_id}_reminder"},
    }


@pytest.mark.freeze_time(START)
async def test_a_phone_that_fails_is_logged(
    hass: HomeAssistant,
    add_person: AddPerson,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A missing notify action loses nothing else: the session runs."""
    entry = await add_person(companion_devices=["mobile_app_gone"])
    await call(hass, "start_session", duration=10)
    assert entry.runtime_data.controller.running
    assert "Could not notify notify.mobile_app_gone" in caplog.text


async def test_no_devices_no_listener(
    hass: HomeAssistant, add_person: AddPerson
) -> None:
    """Off by default: nothing follows the session."""
    entry = await add_person()
    assert entry.runtime_data.live.services == ()


def test_action_ids_round_trip() -> None:
    """An action id names the button, the person and the session."""
    assert parse_action(action_id(Button.STOP_CONFIRM, "e1", "s1")) == (
        Button.STOP_CONFIRM,
        "e1",
        "s1",
    )
    assert clock(3725) == "1:02:05"
    assert clock(-3) == "0:00"


@pytest.mark.freeze_time(START)
async def test_intervals_and_the_system_language(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    add_person: AddPerson,
    phone: list[ServiceCall],
) -> None:
    """Intervals name the rest that comes next; texts follow the system language."""
    await hass.config.async_update(language="de")
    await add_person(companion_devices=[PHONE])
    await call(hass, "start_session", duration=30, program="intervals")
    assert phone[0].data["title"] == "Alex: Rückwärtsgehen"
    assert phone[0].data["message"] == "Aufwärmen, danach Rückwärtsgehen"
    await run_for(hass, freezer, 180, step=5)
    assert phone[-1].data["message"] == "Rückwärtsgehen, danach Erholung"
    assert [button["title"] for button in phone[-1].data["data"]["actions"]] == [
        "Pause",
        "+5 Min.",
        "Stopp",
    ]
    await run_for(hass, freezer, 130, step=5)
    assert phone[-1].data["message"] == "Erholung, danach Rückwärtsgehen"
