"""Idempotent logging and deleting a recorded session."""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.retrowalk.const import DOMAIN

from .test_calendar import get_events, local
from .test_services import respond
from .test_session import START, state

LOG = {"started_at": "2026-11-23T07:00:00+00:00", "duration": 20}


def stored_sessions(hass_storage: dict[str, Any], entry: MockConfigEntry) -> list[Any]:
    """The records in the person's store file."""
    sessions: list[Any] = hass_storage[f"{DOMAIN}.{entry.entry_id}"]["data"]["sessions"]
    return sessions


@pytest.mark.freeze_time(START)
async def test_retry_with_the_same_client_id_adds_nothing(
    hass: HomeAssistant, hass_storage: dict[str, Any], alex: MockConfigEntry
) -> None:
    """A repeated client id returns the first record, also after a restart."""
    first = await respond(hass, "log_session", **LOG, client_id="phone-42")
    assert first["duplicate"] is False
    assert first["session"]["client_id"] == "phone-42"
    saved = stored_sessions(hass_storage, alex)
    assert saved == [first["session"]]

    # Even with other values: the id says it is the same request.
    again = await respond(
        hass, "log_session", **LOG | {"duration": 25}, client_id="phone-42"
    )
    assert again == {"session": first["session"], "duplicate": True}
    await hass.config_entries.async_reload(alex.entry_id)
    await hass.async_block_till_done()
    after_restart = await respond(hass, "log_session", **LOG, client_id="phone-42")
    assert after_restart["session"] == first["session"]
    assert stored_sessions(hass_storage, alex) == saved
    assert state(hass, "sensor.alex_sessions_this_week") == "1"

    # Another client id at another time is another session.
    other = await respond(
        hass,
        "log_session",
        started_at="2026-11-23T06:00:00+00:00",
        duration=20,
        client_id="phone-43",
    )
    assert other["duplicate"] is False
    assert len(stored_sessions(hass_storage, alex)) == 2


@pytest.mark.freeze_time(START)
async def test_same_start_and_length_is_one_session(
    hass: HomeAssistant, hass_storage: dict[str, Any], alex: MockConfigEntry
) -> None:
    """Without a client id, the same start and length is deduplicated."""
    first = await respond(hass, "log_session", **LOG)
    assert "client_id" not in first["session"]
    # The same moment written in another time zone is the same start.
    again = await respond(
        hass, "log_session", started_at="2026-11-23T08:00:00+01:00", duration=20
    )
    assert again == {"session": first["session"], "duplicate": True}
    longer = await respond(hass, "log_session", **LOG | {"duration": 21})
    assert longer["duplicate"] is False
    assert len(stored_sessions(hass_storage, alex)) == 2


@pytest.mark.parametrize("client_id", ["", "   ", "x" * 65, 42, ["a"]])
@pytest.mark.freeze_time(START)
async def test_bad_client_ids_are_refused(
    hass: HomeAssistant, alex: MockConfigEntry, client_id: object
) -> None:
    """A client id must be short, non-empty text; nothing is logged otherwise."""
    with pytest.raises(ServiceValidationError) as refused:
        await respond(hass, "log_session", **LOG, client_id=client_id)
    assert refused.value.translation_key == "invalid_text"
    assert refused.value.translation_placeholders == {
        "field": "client_id",
        "maximum": "64",
    }
    assert alex.runtime_data.storage.sessions == []


@pytest.mark.freeze_time(START)
async def test_delete_session_updates_every_figure(
    hass: HomeAssistant, hass_storage: dict[str, Any], alex: MockConfigEntry
) -> None:
    """Deleting a session takes it out of the week, lifetime and calendar."""
    kept = await respond(
        hass, "log_session", started_at="2026-11-23T06:00:00+00:00", duration=10
    )
    wrong = await respond(hass, "log_session", **LOG)
    assert state(hass, "sensor.alex_sessions_this_week") == "2"
    assert state(hass, "sensor.alex_lifetime_minutes") == "30.0"
    monday, tuesday = local("2026-11-23 00:00"), local("2026-11-24 00:00")
    assert len(await get_events(hass, monday, tuesday)) == 2

    history = await respond(hass, "get_history")
    session_id = history["sessions"][1]["session_id"]
    assert session_id == wrong["session"]["session_id"]
    deleted = await respond(
        hass, "delete_session", session_id=session_id, config_entry_id=alex.entry_id
    )
    assert deleted["session"] == wrong["session"]
    assert stored_sessions(hass_storage, alex) == [kept["session"]]
    assert state(hass, "sensor.alex_sessions_this_week") == "1"
    assert state(hass, "sensor.alex_lifetime_minutes") == "10.0"
    events = await get_events(hass, monday, tuesday)
    assert [event["summary"] for event in events] == ["Retro walk done (10 min)"]

    # Gone for good: a second delete is refused, and the same log is new again.
    with pytest.raises(ServiceValidationError) as refused:
        await respond(hass, "delete_session", session_id=session_id)
    assert refused.value.translation_key == "unknown_session"
    assert refused.value.translation_placeholders == {
        "name": "Alex",
        "session_id": session_id,
    }
    assert (await respond(hass, "log_session", **LOG))["duplicate"] is False


@pytest.mark.parametrize("session_id", ["", 7, None, {"id": "x"}])
@pytest.mark.freeze_time(START)
async def test_delete_refuses_what_is_no_session_id(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    alex: MockConfigEntry,
    session_id: object,
) -> None:
    """A session id must be text; nothing changes on a refusal."""
    await respond(hass, "log_session", **LOG)
    with pytest.raises(ServiceValidationError) as refused:
        await respond(hass, "delete_session", session_id=session_id)
    assert refused.value.translation_key == "invalid_text"
    assert len(stored_sessions(hass_storage, alex)) == 1
