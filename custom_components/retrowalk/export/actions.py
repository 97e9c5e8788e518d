"""The export actions: one session as TCX or FIT, the history as CSV.

Files go to ``<config>/retrowalk/exports/`` under names made of dates and ids
only, and are written in the executor; each action returns the file's path.
"""

from __future__ import annotations

from collections.abc import Callable
import os
import re
from typing import Final

from homeassistant.core import (
    HomeAssistant,
    ServiceCall,
    ServiceResponse,
    SupportsResponse,
    callback,
)
from homeassistant.util import dt as dt_util

from ..compat import vol
from ..const import ATTR_SESSION_ID, DOMAIN
from ..models import MAX_ID_LENGTH
from ..services import (
    HISTORY_SCHEMA,
    PERSON,
    person,
    records_in_range,
    session_id_field,
)
from ..validation import TranslatedSchema
from .fit import fit_file
from .laps import laps_of
from .table import history_csv
from .tcx import tcx_document

SERVICE_EXPORT_SESSION: Final = "export_session"
SERVICE_EXPORT_HISTORY: Final = "export_history"
ATTR_FORMAT: Final = "format"
SESSION_FORMATS: Final = ("tcx", "fit")
EXPORT_FOLDER: Final = os.path.join(DOMAIN, "exports")
"""Inside the configuration folder."""

EXPORT_SESSION_SCHEMA = TranslatedSchema(
    {
        **PERSON,
        vol.Required(ATTR_SESSION_ID): object,
        vol.Required(ATTR_FORMAT): vol.In(SESSION_FORMATS),
    }
)


async def _async_export_session(call: ServiceCall) -> ServiceResponse:
    hass, data = call.hass, person(call.hass, call)
    session_id = session_id_field(call)
    record = data.controller.recorded(session_id)
    kind = call.data[ATTR_FORMAT]
    laps = laps_of(record)
    offset = dt_util.as_local(record.ended_at).utcoffset()
    treadmill = data.settings.surface.is_treadmill

    def build() -> bytes:
        if kind == "tcx":
            note = f"Retro walk (walking backwards), program {record.program}"
            return tcx_document(record, laps, note).encode()
        return fit_file(
            record,
            laps,
            treadmill=treadmill,
            utc_offset_s=round(offset.total_seconds()) if offset else 0,
        )

    started = dt_util.as_local(record.started_at).strftime("%Y%m%d-%H%M")
    name = f"retrowalk-{started}-{_safe(session_id)}.{kind}"
    path, size = await hass.async_add_executor_job(
        write_export, hass.config.path(EXPORT_FOLDER), name, build
    )
    return {"path": path, "format": kind, "bytes": size, "laps": len(laps)}


async def _async_export_history(call: ServiceCall) -> ServiceResponse:
    hass, data = call.hass, person(call.hass, call)
    records = records_in_range(call, data)
    now = dt_util.now().strftime("%Y%m%d-%H%M%S")
    name = f"retrowalk-history-{_safe(data.controller.entry_id)}-{now}.csv"
    path, size = await hass.async_add_executor_job(
        write_export,
        hass.config.path(EXPORT_FOLDER),
        name,
        lambda: history_csv(records).encode(),
    )
    return {"path": path, "format": "csv", "bytes": size, "sessions": len(records)}


def write_export(folder: str, name: str, build: Callable[[], bytes]) -> tuple[str, int]:
    """Build the content and write it as ``folder/name`` (executor); path and size."""
    path = os.path.join(folder, name)
    if os.path.dirname(os.path.realpath(path)) != os.path.realpath(folder):
        raise ValueError(f"{name!r} is not a plain file name")
    content = build()
    os.makedirs(folder, exist_ok=True)
    partial = f"{path}.part"
    with open(partial, "wb") as file:
        file.write(content)
    os.replace(partial, path)
    return path, len(content)


def _safe(text: str) -> str:
    """Letters, digits, ``-`` and ``_`` of ``text`` (ids only; never a path)."""
    return re.sub(r"[^A-Za-z0-9_-]", "", text)[:MAX_ID_LENGTH] or "session"


@callback
def async_setup_export_actions(hass: HomeAssistant) -> None:
    """Register the export actions (once, from async_setup)."""
    hass.services.async_register(
        DOMAIN,
        SERVICE_EXPORT_SESSION,
        _async_export_session,
        EXPORT_SESSION_SCHEMA,
        supports_response=SupportsResponse.ONLY,
    )
    hass.services.async_register(
        DOMAIN,
        SERVICE_EXPORT_HISTORY,
        _async_export_history,
        HISTORY_SCHEMA,
        supports_response=SupportsResponse.ONLY,
    )
