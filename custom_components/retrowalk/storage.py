"""Versioned storage of one person's running session and history."""

from __future__ import annotations

from typing import Any, TypedDict

from homeassistant.core import HomeAssistant
from homeassistant.helpers.storage import Store

from .const import DOMAIN
from .models import ActiveSession, SessionRecord

STORAGE_VERSION = 1
STORAGE_MINOR_VERSION = 2
SAVE_DELAY_S = 1


class StoredData(TypedDict):
    """What the store file holds."""

    active: dict[str, Any] | None
    sessions: list[dict[str, Any]]


class _PersonStore(Store[StoredData]):
    """Store with the migrations of retrowalk's data."""

    async def _async_migrate_func(
        self,
        old_major_version: int,
        old_minor_version: int,
        old_data: dict[str, Any],
    ) -> dict[str, Any]:
        """Bring older data up to the current version."""
        if old_major_version > STORAGE_VERSION:
            raise NotImplementedError
        if old_minor_version < 2:
            # 1.2 records whether a session ran to its end and whether it was logged by hand.
            for session in old_data["sessions"]:
                session.setdefault("completed", True)
                session.setdefault("manual", False)
        return old_data


class PersonStorage:
    """Load and save one person's data."""

    def __init__(self, hass: HomeAssistant, entry_id: str) -> None:
        """Bind to the person's store file."""
        self._store = _PersonStore(
            hass,
            STORAGE_VERSION,
            f"{DOMAIN}.{entry_id}",
            minor_version=STORAGE_MINOR_VERSION,
        )
        self.active: ActiveSession | None = None
        self.sessions: list[SessionRecord] = []

    async def async_load(self) -> None:
        """Read the stored data (in the executor, as Store does)."""
        data = await self._store.async_load()
        if data is None:
            return
        self.active = (
            ActiveSession.from_dict(data["active"]) if data["active"] else None
        )
        self.sessions = sorted(
            (SessionRecord.from_dict(item) for item in data["sessions"]),
            key=lambda record: record.started_at,
        )

    def async_schedule_save(self) -> None:
        """Save soon, coalescing bursts of changes."""
        self._store.async_delay_save(self._data, SAVE_DELAY_S)

    async def async_save(self) -> None:
        """Save now."""
        await self._store.async_save(self._data())

    async def async_remove(self) -> None:
        """Delete the file when the person is removed."""
        await self._store.async_remove()

    def _data(self) -> StoredData:
        return {
            "active": self.active.as_dict() if self.active else None,
            "sessions": [record.as_dict() for record in self.sessions],
        }
