"""Long-term statistics per person: hourly sums of minutes, distance, energy and steps.

Four external statistics (``retrowalk:<kind>_<entry id>``) go through the
recorder, so the statistics graph card shows a person's minutes per day, week
or month for as long as the recorder keeps statistics. Each recorded session
is spread over the hours its wall time spans, so a session logged for last
Tuesday lands on last Tuesday.

A session recorded after every earlier one only appends hours. Anything else
(a log dated in the past, a deletion, or sums that do not match the history,
as after an upgrade or a restored backup) clears the person's statistics and
writes the whole history again. The sums are computed in the executor; the
recorder writes them in its own thread.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
import math
from typing import Any

from homeassistant.components.recorder.models import StatisticData
from homeassistant.components.recorder.statistics import (
    async_add_external_statistics,
    get_last_statistics,
)
from homeassistant.const import UnitOfEnergy, UnitOfLength, UnitOfTime
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers.recorder import get_instance
from homeassistant.util import dt as dt_util

from .compat import statistic_metadata
from .const import DOMAIN, LOGGER
from .controller import SessionController
from .models import SessionRecord
from .texts import async_texts

HOUR = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class Kind:
    """One statistic of a person."""

    key: str
    unit: str | None
    unit_class: str | None
    label_key: str
    """The text that names it (``exceptions`` strings, ``{name}`` the person's)."""

    def value(self, record: SessionRecord) -> float:
        """The record's figure in ``unit``."""
        if self.key == "minutes":
            return record.active_s / 60
        if self.key == "distance":
            return record.distance_m
        if self.key == "energy":
            return record.kcal
        return record.steps


KINDS = (
    Kind("minutes", UnitOfTime.MINUTES, "duration", "statistic_minutes.message"),
    Kind("distance", UnitOfLength.METERS, "distance", "statistic_distance.message"),
    Kind("energy", UnitOfEnergy.KILO_CALORIE, "energy", "statistic_energy.message"),
    Kind("steps", None, None, "statistic_steps.message"),
)


def statistic_id(kind: Kind, entry_id: str) -> str:
    """The external statistic of ``kind`` for a person."""
    return f"{DOMAIN}:{kind.key}_{entry_id.lower()}"


def hour_of(moment: datetime) -> datetime:
    """The UTC hour holding ``moment``."""
    return dt_util.as_utc(moment).replace(minute=0, second=0, microsecond=0)


def hourly(records: Iterable[SessionRecord], kind: Kind) -> dict[datetime, float]:
    """``kind``'s figure of each hour, each session spread over its wall time."""
    hours: dict[datetime, float] = {}
    for record in records:
        value = kind.value(record)
        if not math.isfinite(value) or value <= 0:
            continue
        start, end = dt_util.as_utc(record.started_at), dt_util.as_utc(record.ended_at)
        span = (end - start).total_seconds()
        if span <= 0:
            hours[hour_of(start)] = hours.get(hour_of(start), 0.0) + value
            continue
        hour = hour_of(start)
        while hour < end:
            overlap = (min(end, hour + HOUR) - max(start, hour)).total_seconds()
            hours[hour] = hours.get(hour, 0.0) + value * overlap / span
            hour += HOUR
    return hours


def rows(
    hours: dict[datetime, float], total_before: float = 0.0
) -> list[StatisticData]:
    """Statistic rows in time order: the hour's figure and the running sum."""
    found: list[StatisticData] = []
    total = total_before
    for hour in sorted(hours):
        total += hours[hour]
        found.append(StatisticData(start=hour, state=hours[hour], sum=total))
    return found


def all_rows(records: Sequence[SessionRecord]) -> dict[str, list[StatisticData]]:
    """Every row of every kind for ``records`` (run in the executor)."""
    return {kind.key: rows(hourly(records, kind)) for kind in KINDS}


@dataclass(slots=True)
class Written:
    """What the recorder holds: the sessions written, the last hour, each kind's sum."""

    session_ids: tuple[str, ...] | None
    """None: unknown, so the next sync writes the whole history."""
    last_hour: datetime | None = None
    sums: dict[str, float] | None = None


def last_sums(found: dict[str, list[StatisticData]]) -> dict[str, float]:
    """Each kind's last running sum (0 without rows)."""
    return {
        key: float(rows_[-1].get("sum") or 0.0) if rows_ else 0.0
        for key, rows_ in found.items()
    }


class LongTermStatistics:
    """Keeps one person's statistics equal to the history."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry_id: str,
        name: str,
        controller: SessionController,
    ) -> None:
        """Follow ``controller``'s history for the person ``name``."""
        self.hass = hass
        self.entry_id = entry_id
        self.name = name
        self.controller = controller
        self._written: Written | None = None
        self._running = False
        self._again = False
        self._names: dict[str, str] = {}

    @property
    def ids(self) -> list[str]:
        """The person's statistic ids."""
        return [statistic_id(kind, self.entry_id) for kind in KINDS]

    @callback
    def async_start(self) -> CALLBACK_TYPE:
        """Compare with the recorder once, then follow every history change."""
        self.async_sync()
        return self.controller.async_add_listener(self.async_sync)

    @callback
    def async_sync(self) -> None:
        """Bring the statistics up to date (one run at a time; the last change wins)."""
        written = self._written
        if written is not None and written.session_ids == self._session_ids():
            return
        if self._running:
            self._again = True
            return
        self._running = True
        self.hass.async_create_background_task(
            self._async_run(), f"{DOMAIN} statistics {self.entry_id}"
        )

    def _session_ids(self) -> tuple[str, ...]:
        return tuple(record.session_id for record in self.controller.storage.sessions)

    async def _async_run(self) -> None:
        try:
            self._again = True
            while self._again:
                self._again = False
                await self._async_sync_once()
        except Exception:  # noqa: BLE001 - the statistics never stop a session
            LOGGER.exception("Long-term statistics of %s failed", self.name)
        finally:
            self._running = False

    async def _async_sync_once(self) -> None:
        records = list(self.controller.storage.sessions)
        ids = tuple(record.session_id for record in records)
        recorder = get_instance(self.hass)
        await recorder.async_db_ready
        if not self._names:
            # Not the lifetime sensors' names: enabled, they have statistics too,
            # and the statistics picker would list two of the same name.
            texts = await async_texts(self.hass, "exceptions")
            self._names = {
                kind.key: texts.get(kind.label_key, "{name}: " + kind.key).format(
                    name=self.name
                )
                for kind in KINDS
            }
        if self._written is None:
            found = await recorder.async_add_executor_job(self._last_sums)
            self._written = self._as_found(records, found)
        written = self._written
        if written.session_ids == ids:
            return
        known = written.session_ids
        appended = records[len(known) :] if known is not None else []
        if (
            known is not None
            and ids[: len(known)] == known
            and appended
            and (
                written.last_hour is None
                or min(hour_of(r.started_at) for r in appended) > written.last_hour
            )
        ):
            new_rows = await self.hass.async_add_executor_job(
                self._appended_rows, appended, written.sums or {}
            )
            sums = (written.sums or {}) | {
                key: value
                for key, value in last_sums(new_rows).items()
                if new_rows[key]
            }
            last_hour = written.last_hour
        else:
            await self._async_clear()
            new_rows = await self.hass.async_add_executor_job(all_rows, records)
            sums, last_hour = last_sums(new_rows), None
        for kind in KINDS:
            if new_rows[kind.key]:
                async_add_external_statistics(
                    self.hass, self._metadata(kind), new_rows[kind.key]
                )
        hours = [row["start"] for found in new_rows.values() for row in found]
        if last_hour is not None:
            hours.append(last_hour)
        self._written = Written(ids, max(hours, default=None), sums)

    @staticmethod
    def _as_found(records: Sequence[SessionRecord], found: dict[str, float]) -> Written:
        """What the recorder holds, known only when its sums equal the history's."""
        expected = {
            kind.key: sum(max(0.0, kind.value(record)) for record in records)
            for kind in KINDS
        }
        if not records and not found:
            return Written(())
        if all(
            math.isclose(found.get(key, 0.0), total, rel_tol=1e-9, abs_tol=1e-6)
            for key, total in expected.items()
        ):
            last = max(hour_of(record.ended_at) for record in records)
            return Written(tuple(r.session_id for r in records), last, found)
        return Written(None)

    @staticmethod
    def _appended_rows(
        appended: Sequence[SessionRecord], sums: dict[str, float]
    ) -> dict[str, list[StatisticData]]:
        return {
            kind.key: rows(hourly(appended, kind), sums.get(kind.key, 0.0))
            for kind in KINDS
        }

    async def _async_clear(self) -> None:
        """Clear the person's statistics; returns once the recorder has done it."""
        done: asyncio.Future[None] = self.hass.loop.create_future()

        def cleared() -> None:
            self.hass.loop.call_soon_threadsafe(
                lambda: None if done.done() else done.set_result(None)
            )

        get_instance(self.hass).async_clear_statistics(self.ids, on_done=cleared)
        await done

    def _last_sums(self) -> dict[str, float]:
        """Each kind's last sum in the recorder (recorder thread pool)."""
        sums: dict[str, float] = {}
        for kind in KINDS:
            sid = statistic_id(kind, self.entry_id)
            found = get_last_statistics(self.hass, 1, sid, False, {"sum"})
            if found.get(sid):
                sums[kind.key] = float(found[sid][0].get("sum") or 0.0)
        return sums

    def _metadata(self, kind: Kind) -> Any:
        return statistic_metadata(
            statistic_id=statistic_id(kind, self.entry_id),
            source=DOMAIN,
            name=self._names.get(kind.key, kind.key),
            unit_of_measurement=kind.unit,
            unit_class=kind.unit_class,
        )
