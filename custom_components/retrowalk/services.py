"""Actions: start, pause, resume, stop, extend, log, delete, simulate and history."""

from __future__ import annotations

from datetime import timedelta
from functools import partial
from typing import Any

from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import ATTR_DEVICE_ID
from homeassistant.core import (
    HomeAssistant,
    ServiceCall,
    ServiceResponse,
    SupportsResponse,
    callback,
)
from homeassistant.helpers import config_validation as cv, device_registry as dr
from homeassistant.util import dt as dt_util, ulid as ulid_util

from .compat import device_entry_ids, vol
from .const import (
    ATTR_ACKNOWLEDGE,
    ATTR_CLIENT_ID,
    ATTR_CONFIG_ENTRY_ID,
    ATTR_DURATION,
    ATTR_END,
    ATTR_INCLINE,
    ATTR_MINUTES,
    ATTR_PROGRAM,
    ATTR_SESSION_ID,
    ATTR_SPEED,
    ATTR_START,
    ATTR_STARTED_AT,
    DOMAIN,
)
from .data import RetrowalkConfigEntry, RetrowalkData
from .display import speed_input, speed_to_display, speed_unit
from .history import Totals
from .models import MAX_ID_LENGTH, SessionRecord
from .people import loaded_people, person_of_user
from .sim.bounds import EXTENSION_MINUTES, INCLINE_PCT, SESSION_MINUTES, Bound
from .sim.programs import Program, build_program
from .sim.session import simulate, snapshot_at
from .validation import TranslatedSchema, is_number, log_datetime, number_in, refuse

ANY_SPEED_M_S = Bound("speed", -1e15, 1e15, "m/s")
"""Finite speeds; `SessionController.validate_start` holds them to the person's cap."""

SERVICE_START = "start_session"
SERVICE_PAUSE = "pause_session"
SERVICE_RESUME = "resume_session"
SERVICE_STOP = "stop_session"
SERVICE_EXTEND = "extend_session"
SERVICE_LOG = "log_session"
SERVICE_DELETE = "delete_session"
SERVICE_SIMULATE = "simulate_session"
SERVICE_HISTORY = "get_history"

# Numbers are checked against sim/bounds.py in the handlers (``number_in``), so a
# refusal names the range in the user's units; the schemas only check shapes, and
# their refusals are translated too (``TranslatedSchema``).
PERSON: dict[Any, Any] = {
    vol.Optional(ATTR_CONFIG_ENTRY_ID): cv.string,
    # A device picked in the UI, or the target of a device action: one device.
    vol.Optional(ATTR_DEVICE_ID): vol.Any(cv.string, [cv.string]),
}
SESSION_FIELDS: dict[Any, Any] = {
    vol.Optional(ATTR_DURATION): object,
    vol.Optional(ATTR_SPEED): object,
    vol.Optional(ATTR_INCLINE): object,
    vol.Optional(ATTR_PROGRAM): vol.In([program.value for program in Program]),
}
PERSON_SCHEMA = TranslatedSchema(PERSON)
SIMULATE_SCHEMA = TranslatedSchema({**PERSON, **SESSION_FIELDS})
START_SCHEMA = TranslatedSchema(
    {**PERSON, **SESSION_FIELDS, vol.Optional(ATTR_ACKNOWLEDGE, default=False): bool}
)
EXTEND_SCHEMA = TranslatedSchema({**PERSON, vol.Required(ATTR_MINUTES): object})
LOG_SCHEMA = TranslatedSchema(
    {
        **PERSON,
        # Markers compare by name: drop the optional duration so the required one counts.
        **{key: value for key, value in SESSION_FIELDS.items() if key != ATTR_DURATION},
        vol.Required(ATTR_STARTED_AT): cv.datetime,
        vol.Required(ATTR_DURATION): object,
        vol.Optional(ATTR_CLIENT_ID): object,
    }
)
DELETE_SCHEMA = TranslatedSchema({**PERSON, vol.Required(ATTR_SESSION_ID): object})
HISTORY_SCHEMA = TranslatedSchema(
    {
        **PERSON,
        vol.Optional(ATTR_START): cv.datetime,
        vol.Optional(ATTR_END): cv.datetime,
    }
)


def person(hass: HomeAssistant, call: ServiceCall) -> RetrowalkData:
    """The person an action is for: its config entry or device.

    Either may be left out when only one person is set up, or when the calling
    user is linked to one person.
    """
    entry_id = call.data.get(ATTR_CONFIG_ENTRY_ID)
    if (device := call.data.get(ATTR_DEVICE_ID)) is not None:
        of_device = _entry_of_device(hass, device)
        if entry_id is not None and entry_id != of_device:
            raise refuse("person_mismatch")
        entry_id = of_device
    if entry_id is None:
        people = loaded_people(hass)
        if len(people) == 1:
            return people[0]
        if (own := person_of_user(hass, people, call.context.user_id)) is not None:
            return own
        raise refuse("person_required", count=len(people))
    found = hass.config_entries.async_get_entry(entry_id)
    if found is None or found.domain != DOMAIN:
        raise refuse("unknown_person", entry_id=entry_id)
    if found.state is not ConfigEntryState.LOADED:
        raise refuse("person_not_loaded", name=found.title)
    loaded_entry: RetrowalkConfigEntry = found
    return loaded_entry.runtime_data


def _entry_of_device(hass: HomeAssistant, device: str | list[str]) -> str:
    """The config entry of a person's device (one device, of retrowalk)."""
    devices = [device] if isinstance(device, str) else device
    if len(devices) != 1:
        raise refuse("one_device", count=len(devices))
    found = dr.async_get(hass).async_get(devices[0])
    for entry_id in device_entry_ids(found) if found is not None else ():
        entry = hass.config_entries.async_get_entry(entry_id)
        if entry is not None and entry.domain == DOMAIN:
            return entry_id
    raise refuse("unknown_device", device_id=devices[0])


def session_request(
    hass: HomeAssistant, data: RetrowalkData, fields: dict[str, Any]
) -> tuple[int, float, float, Program]:
    """Duration (s), speed (m/s), grade and program, defaults from the next session.

    Entered numbers are refused unless inside the shared bounds (``sim/bounds.py``).
    """
    upcoming = data.next_session()
    minutes = number_in(
        fields, ATTR_DURATION, SESSION_MINUTES, error="invalid_duration"
    )
    # Any finite speed passes here: the start check then names the person's cap;
    # anything else is refused with the same range.
    if ATTR_SPEED in fields and not is_number(fields[ATTR_SPEED]):
        raise data.controller.speed_refusal()
    entered = number_in(
        fields,
        ATTR_SPEED,
        ANY_SPEED_M_S,
        scale=speed_to_display(hass, 1.0, rounded=False),
        unit=str(speed_unit(hass)),
    )
    incline = number_in(fields, ATTR_INCLINE, INCLINE_PCT, error="invalid_incline")
    return (
        upcoming.duration_s if minutes is None else round(minutes * 60),
        upcoming.speed_m_s
        if entered is None
        else speed_input(hass, fields[ATTR_SPEED], data.settings.speed_cap_m_s),
        upcoming.grade if incline is None else incline / 100,
        Program(fields.get(ATTR_PROGRAM, upcoming.program)),
    )


async def _async_start(call: ServiceCall) -> ServiceResponse:
    data = person(call.hass, call)
    verdict = await data.controller.async_start(
        *session_request(call.hass, data, dict(call.data)),
        acknowledge=call.data[ATTR_ACKNOWLEDGE],
    )
    return {
        "verdict": verdict.level.value,
        "reasons": [reason.value for reason in verdict.reasons],
    }


async def _async_pause(call: ServiceCall) -> None:
    await person(call.hass, call).controller.async_pause()


async def _async_resume(call: ServiceCall) -> None:
    await person(call.hass, call).controller.async_resume()


async def _async_stop(call: ServiceCall) -> None:
    await person(call.hass, call).controller.async_stop()


async def _async_extend(call: ServiceCall) -> None:
    data = person(call.hass, call)
    minutes = number_in(
        call.data, ATTR_MINUTES, EXTENSION_MINUTES, error="invalid_extension"
    )
    await data.controller.async_extend(float(minutes or 0))


def text_field(call: ServiceCall, key: str, maximum: int) -> str | None:
    """An optional field that must be a non-empty string of at most ``maximum`` characters."""
    value = call.data.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not 0 < len(value.strip()) <= maximum:
        raise refuse("invalid_text", field=key, maximum=maximum)
    return value.strip()


def session_id_field(call: ServiceCall) -> str:
    """The call's ``session_id``: text of 1 to ``MAX_ID_LENGTH`` characters."""
    session_id = text_field(call, ATTR_SESSION_ID, MAX_ID_LENGTH)
    if session_id is None:
        raise refuse("invalid_text", field=ATTR_SESSION_ID, maximum=MAX_ID_LENGTH)
    return session_id


async def _async_log(call: ServiceCall) -> ServiceResponse:
    """Record a past session; a retry (same client id, or same start and length) adds nothing."""
    hass, data = call.hass, person(call.hass, call)
    client_id = text_field(call, ATTR_CLIENT_ID, MAX_ID_LENGTH)
    if client_id and (known := data.storage.record_for_client(client_id)):
        return {"session": known.as_dict(), "duplicate": True}
    duration_s, speed_m_s, grade, program = session_request(hass, data, dict(call.data))
    started_at = log_datetime(hass, ATTR_STARTED_AT, call.data[ATTR_STARTED_AT])
    data.controller.validate_start(duration_s, speed_m_s, grade, idle=False)
    ended_at = started_at + timedelta(seconds=duration_s)
    if ended_at > dt_util.utcnow():
        raise refuse("log_in_future")
    if same := data.storage.record_spanning(started_at, ended_at):
        return {"session": same.as_dict(), "duplicate": True}
    plan = build_program(program, duration_s, speed_m_s, grade)
    end = snapshot_at(
        plan,
        data.settings.body,
        plan.duration_s,
        sessions_done=data.controller.sessions_done,
    )
    record = SessionRecord(
        session_id=ulid_util.ulid_now(),
        started_at=started_at,
        ended_at=ended_at,
        active_s=float(duration_s),
        planned_s=duration_s,
        distance_m=round(end.distance_m, 1),
        kcal=round(end.kcal, 2),
        steps=round(end.steps),
        program=program.value,
        manual=True,
        client_id=client_id,
    )
    await data.controller.async_log(record)
    return {"session": record.as_dict(), "duplicate": False}


async def _async_delete(call: ServiceCall) -> ServiceResponse:
    """Take a recorded session out of the history."""
    data = person(call.hass, call)
    record = await data.controller.async_delete(session_id_field(call))
    return {"session": record.as_dict()}


async def _async_simulate(call: ServiceCall) -> ServiceResponse:
    hass, data = call.hass, person(call.hass, call)
    duration_s, speed_m_s, grade, program = session_request(hass, data, dict(call.data))
    data.controller.validate_start(duration_s, speed_m_s, grade, idle=False)
    plan = build_program(program, duration_s, speed_m_s, grade)
    result = await hass.async_add_executor_job(
        partial(
            simulate,
            plan,
            data.settings.body,
            sessions_done=data.controller.sessions_done,
        )
    )
    minutes = range(0, result.duration_s + 1, 60)
    return {
        "program": program.value,
        "duration_min": round(plan.duration_s / 60, 1),
        "distance_m": round(result.total_distance_m, 1),
        "steps": round(result.total_steps),
        "kcal": round(result.total_kcal, 1),
        "phases": [
            {
                "kind": phase.kind.value,
                "start_min": round(start / 60, 2),
                "duration_min": round(phase.duration_s / 60, 2),
                "speed_m_s": round(phase.speed_m_s, 3),
                "incline_pct": round(phase.grade * 100, 1),
            }
            for phase, start in zip(plan.phases, plan.starts_s, strict=True)
        ],
        "per_minute": [
            {
                "minute": index,
                "kcal": round(float(result.kcal[min(t, len(result.kcal) - 1)]), 2),
                "distance_m": round(
                    float(result.distance_m[min(t, len(result.distance_m) - 1)]), 1
                ),
            }
            for index, t in enumerate(minutes)
        ],
    }


def records_in_range(call: ServiceCall, data: RetrowalkData) -> list[SessionRecord]:
    """The person's sessions that started between the call's ``start`` and ``end``."""
    start, end = (
        None
        if call.data.get(key) is None
        else log_datetime(call.hass, key, call.data[key])
        for key in (ATTR_START, ATTR_END)
    )
    if start and end and end < start:
        raise refuse("invalid_range")
    return [
        record
        for record in data.storage.sessions
        if (start is None or record.started_at >= start)
        and (end is None or record.started_at <= end)
    ]


async def _async_history(call: ServiceCall) -> ServiceResponse:
    data = person(call.hass, call)
    records = records_in_range(call, data)
    totals = Totals.of(records)
    return {
        "sessions": [record.as_dict() for record in records],
        "totals": {
            "sessions": totals.sessions,
            "minutes": round(totals.minutes, 1),
            "distance_m": round(totals.distance_m, 1),
            "kcal": round(totals.kcal, 1),
        },
    }


@callback
def async_setup_services(hass: HomeAssistant) -> None:
    """Register the actions (once, from async_setup)."""
    register = hass.services.async_register
    register(
        DOMAIN,
        SERVICE_START,
        _async_start,
        START_SCHEMA,
        supports_response=SupportsResponse.OPTIONAL,
    )
    register(DOMAIN, SERVICE_PAUSE, _async_pause, PERSON_SCHEMA)
    register(DOMAIN, SERVICE_RESUME, _async_resume, PERSON_SCHEMA)
    register(DOMAIN, SERVICE_STOP, _async_stop, PERSON_SCHEMA)
    register(DOMAIN, SERVICE_EXTEND, _async_extend, EXTEND_SCHEMA)
    register(
        DOMAIN,
        SERVICE_LOG,
        _async_log,
        LOG_SCHEMA,
        supports_response=SupportsResponse.OPTIONAL,
    )
    register(
        DOMAIN,
        SERVICE_DELETE,
        _async_delete,
        DELETE_SCHEMA,
        supports_response=SupportsResponse.OPTIONAL,
    )
    register(
        DOMAIN,
        SERVICE_SIMULATE,
        _async_simulate,
        SIMULATE_SCHEMA,
        supports_response=SupportsResponse.ONLY,
    )
    register(
        DOMAIN,
        SERVICE_HISTORY,
        _async_history,
        HISTORY_SCHEMA,
        supports_response=SupportsResponse.ONLY,
    )
