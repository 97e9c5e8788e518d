"""Versioned storage of one person's running session and history.

Each person has two files in ``.storage``: ``retrowalk.<entry_id>`` and its
last-good copy ``retrowalk.<entry_id>.last_good``, both written atomically on
every save (the copy right after the file). Loading reads every part and every
record on its own: what fails validation is moved to the ``set_aside`` list,
which later saves keep, and everything else loads. A file that cannot be read
at all comes back from the copy. Top-level keys retrowalk does not know are
kept as they are, so a file written by a newer minor version survives.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
import os
from typing import Any

from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.event import async_call_later
from homeassistant.helpers.storage import Store
from homeassistant.util import dt as dt_util

from .compat import STORAGE_VERSION_ERRORS
from .const import DOMAIN
from .models import ActiveSession, DamagedDataError, NextOverride, SessionRecord

STORAGE_VERSION = 1
STORAGE_MINOR_VERSION = 3
SAVE_DELAY_S = 1
LAST_GOOD_SUFFIX = "last_good"
READINGS_SAVED_WITHIN_S = 30.0
"""Sensor readings come often: they are saved this long after the first unsaved one."""


class FutureVersionError(Exception):
    """The file was written by a newer major version: it is left untouched."""

    def __init__(self, found: int) -> None:
        """Remember the version found."""
        super().__init__(f"storage version {found} is newer than {STORAGE_VERSION}")
        self.found = found


class UnreadableStoreError(Exception):
    """The file is not a store file retrowalk can read at all."""


LOAD_ERRORS = (
    UnreadableStoreError,
    HomeAssistantError,
    TypeError,
    KeyError,
    ValueError,
    AttributeError,
)
"""What reading a damaged file raises, inside Home Assistant's Store or the migration."""


@dataclass(slots=True)
class LoadOutcome:
    """What loading found, for the repair issues."""

    set_aside: int = 0
    """Values set aside in the file, this load's and earlier ones."""
    restored: bool = False
    """The file could not be read and came back from the last-good copy."""
    moved_to: str | None = None
    """Where the unreadable file was kept (restored from the copy)."""
    lost_to: str | None = None
    """Where Home Assistant kept the corrupt file when there was no copy."""


class _PersonStore(Store[Any]):
    """Store with the migrations of retrowalk's data."""

    async def _async_migrate_func(
        self,
        old_major_version: int,
        old_minor_version: int,
        old_data: Any,
    ) -> Any:
        """Bring older data up to the current version; damage is left to the load."""
        if not isinstance(old_major_version, int) or not isinstance(
            old_minor_version, int
        ):
            raise UnreadableStoreError(f"version {old_major_version!r}")
        if old_major_version > STORAGE_VERSION:
            raise FutureVersionError(old_major_version)
        sessions = old_data.get("sessions") if isinstance(old_data, dict) else None
        if old_minor_version < 2 and isinstance(sessions, list):
            # 1.2 records whether a session ran to its end and whether it was logged by hand.
            for session in sessions:
                if isinstance(session, dict):
                    session.setdefault("completed", True)
                    session.setdefault("manual", False)
        # 1.3 adds optional client ids on records and the set_aside list.
        return old_data


class SaveWithin:
    """Saves a person's store within a time of the first unsaved change.

    A plain delayed save starts again at each change, so a sensor that reports
    every second would postpone it for the whole session.
    """

    def __init__(
        self,
        hass: HomeAssistant,
        save: Callable[[], None],
        seconds: float = READINGS_SAVED_WITHIN_S,
    ) -> None:
        """Bind to a save (``PersonStorage.async_schedule_save``)."""
        self.hass = hass
        self._save = save
        self._seconds = seconds
        self._unsub: CALLBACK_TYPE | None = None

    @callback
    def async_changed(self) -> None:
        """Something changed: save it within the time unless a save is due already."""
        if self._unsub is None:
            self._unsub = async_call_later(self.hass, self._seconds, self._async_due)

    @callback
    def async_cancel(self) -> None:
        """Forget the pending save (unloading: the store's final write keeps it)."""
        if self._unsub is not None:
            self._unsub()
            self._unsub = None

    @callback
    def _async_due(self, _now: datetime) -> None:
        self._unsub = None
        self._save()


class PersonStorage:
    """Load and save one person's data."""

    def __init__(self, hass: HomeAssistant, entry_id: str) -> None:
        """Bind to the person's store file and its last-good copy."""
        self.hass = hass
        self._store = self._make_store(f"{DOMAIN}.{entry_id}")
        self._copy = self._make_store(f"{DOMAIN}.{entry_id}.{LAST_GOOD_SUFFIX}")
        self.active: ActiveSession | None = None
        self.sessions: list[SessionRecord] = []
        self.set_aside: list[Any] = []
        self.removed = 0
        """Records deleted so far (caches of the history key on it)."""
        self._unknown: dict[str, Any] = {}
        self._set_aside_now = 0
        self.next_override = NextOverride()
        self.finished_at: datetime | None = None
        """When the last session ended (cleared by the next start)."""

    def _make_store(self, key: str) -> _PersonStore:
        return _PersonStore(
            self.hass,
            STORAGE_VERSION,
            key,
            minor_version=STORAGE_MINOR_VERSION,
            atomic_writes=True,
        )

    @property
    def path(self) -> str:
        """The person's store file."""
        return str(self._store.path)

    # Loading -------------------------------------------------------------------

    async def async_load(self) -> LoadOutcome:
        """Read the stored data; raise ``FutureVersionError`` or ``UnreadableStoreError``.

        Neither error changes a file.
        """
        outcome = LoadOutcome()
        unreadable: Exception | None = None
        try:
            data = await self._read(self._store)
        except LOAD_ERRORS as err:
            data, unreadable = None, err
        if data is None:
            data = await self._async_restore(outcome, unreadable)
        if data is None:
            return outcome
        # Checking a long history record by record would hold the event loop.
        await self.hass.async_add_executor_job(self._apply, data)
        outcome.set_aside = len(self.set_aside)
        if outcome.restored or self._set_aside_now:
            await self.async_save()
        else:
            # The copy exists from the first start of this version on.
            self._copy.async_delay_save(self._data, SAVE_DELAY_S)
        return outcome

    async def _read(self, store: _PersonStore) -> Any:
        try:
            return await store.async_load()
        except STORAGE_VERSION_ERRORS as err:
            raise FutureVersionError(getattr(err, "found_version", 0)) from err

    async def _async_restore(
        self, outcome: LoadOutcome, unreadable: Exception | None
    ) -> Any:
        """The last-good copy's data when the file is missing or unreadable."""
        try:
            copy = await self._read(self._copy)
        except LOAD_ERRORS:
            copy = None
        if copy is None:
            if unreadable is not None:
                raise UnreadableStoreError(str(unreadable)) from unreadable
            outcome.lost_to = self._corrupt_file()
            if outcome.lost_to is not None:
                await self.async_save()
            return None
        if unreadable is not None:
            outcome.moved_to = await self.hass.async_add_executor_job(
                _move_aside, self.path, dt_util.utcnow()
            )
        else:
            outcome.moved_to = self._corrupt_file()
        outcome.restored = True
        return copy

    def _corrupt_file(self) -> str | None:
        """Where Home Assistant moved this file when it could not parse it."""
        prefix = f"storage_corruption_{self._store.key}_"
        for (domain, issue_id), issue in ir.async_get(self.hass).issues.items():
            if domain == "homeassistant" and issue_id.startswith(prefix):
                return (issue.translation_placeholders or {}).get("corrupt_path", "")
        return None

    def _apply(self, data: Any) -> None:
        """Take every sound part of ``data``; set aside the rest (executor, at load)."""
        self._set_aside_now = 0
        self.set_aside = []
        if not isinstance(data, dict):
            self._put_aside("data", data, DamagedDataError("not an object"))
            data = {"sessions": []}
        earlier = data.get("set_aside", [])
        if isinstance(earlier, list):
            self.set_aside[:0] = earlier
        else:
            self._put_aside("set_aside", earlier, DamagedDataError("not a list"))
        self.active = self._part(data, "active", _active_or_none, None)
        if "sessions" in data:
            self.sessions = self._records(data["sessions"])
        else:
            # Every save writes the history: a file without it lost it.
            self._put_aside("sessions", None, DamagedDataError("missing"))
            self.sessions = []
        self.next_override = NextOverride.from_dict(data.get("next_override"))
        self.finished_at = self._part(data, "finished_at", _moment_or_none, None)
        self._unknown = {
            key: value
            for key, value in data.items()
            if key not in OWN_PARTS and key != "set_aside"
        }

    def _part[T](
        self, data: dict[str, Any], key: str, load: Callable[[Any], T], default: T
    ) -> T:
        """One top-level part: loaded, or set aside and ``default``."""
        if key not in data:
            return default
        try:
            return load(data[key])
        except DamagedDataError as err:
            self._put_aside(key, data[key], err)
            return default

    def _records(self, items: Any) -> list[SessionRecord]:
        """The sound records, oldest first; the others set aside one by one."""
        if not isinstance(items, list):
            self._put_aside("sessions", items, DamagedDataError("not a list"))
            return []
        records: dict[str, SessionRecord] = {}
        for item in items:
            try:
                record = SessionRecord.from_dict(item)
            except DamagedDataError as err:
                self._put_aside("sessions", item, err)
                continue
            if record.session_id in records:
                self._put_aside(
                    "sessions", item, DamagedDataError("session_id: repeated")
                )
                continue
            records[record.session_id] = record
        return sorted(records.values(), key=lambda record: record.started_at)

    def _put_aside(self, part: str, value: Any, err: DamagedDataError) -> None:
        self._set_aside_now += 1
        self.set_aside.append(
            {
                "part": part,
                "error": str(err),
                "at": dt_util.utcnow().isoformat(),
                "value": value,
            }
        )

    # History -------------------------------------------------------------------

    def record_for_client(self, client_id: str) -> SessionRecord | None:
        """The record a ``log_session`` call with ``client_id`` made."""
        return next((r for r in self.sessions if r.client_id == client_id), None)

    def record_spanning(
        self, started_at: datetime, ended_at: datetime
    ) -> SessionRecord | None:
        """A record that started and ended exactly then."""
        return next(
            (
                record
                for record in self.sessions
                if record.started_at == started_at and record.ended_at == ended_at
            ),
            None,
        )

    def remove_record(self, session_id: str) -> None:
        """Take the record out of the history (the caller saves)."""
        for index, record in enumerate(self.sessions):
            if record.session_id == session_id:
                del self.sessions[index]
                self.removed += 1
                return

    # Saving --------------------------------------------------------------------

    def async_schedule_save(self) -> None:
        """Save soon, coalescing bursts of changes."""
        self._store.async_delay_save(self._data, SAVE_DELAY_S)
        self._copy.async_delay_save(self._data, SAVE_DELAY_S)

    async def async_save(self) -> None:
        """Save now: the file, then its last-good copy."""
        data = self._data()
        await self._store.async_save(data)
        await self._copy.async_save(data)

    async def async_remove(self) -> None:
        """Delete both files when the person is removed."""
        await self._store.async_remove()
        await self._copy.async_remove()

    def _own_data(self) -> dict[str, Any]:
        """The parts retrowalk reads and writes (also named in ``OWN_PARTS``)."""
        return {
            "active": self.active.as_dict() if self.active else None,
            "sessions": [record.as_dict() for record in self.sessions],
            "next_override": self.next_override.as_dict(),
            "finished_at": self.finished_at.isoformat() if self.finished_at else None,
        }

    def _data(self) -> dict[str, Any]:
        return {**self._unknown, **self._own_data(), "set_aside": self.set_aside}


OWN_PARTS = frozenset({"active", "sessions", "next_override", "finished_at"})
"""The top-level keys of ``_own_data``; any other key is kept as it was."""


def _active_or_none(value: Any) -> ActiveSession | None:
    return None if value is None else ActiveSession.from_dict(value)


def _moment_or_none(value: Any) -> datetime | None:
    """A stored UTC moment, or ``None``; anything else is damaged."""
    if value is None:
        return None
    moment = dt_util.parse_datetime(value) if isinstance(value, str) else None
    if moment is None or moment.tzinfo is None:
        raise DamagedDataError("not a moment with a time zone")
    return dt_util.as_utc(moment)


def _move_aside(path: str, now: datetime) -> str | None:
    """Keep an unreadable file next to where it was (executor)."""
    target = f"{path}.unreadable.{now.isoformat()}"
    try:
        os.replace(path, target)
    except FileNotFoundError:
        return None
    return target
