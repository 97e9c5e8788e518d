"""CSV of a person's history: one row per session, stored (SI) units in the headers."""

from __future__ import annotations

from collections.abc import Iterable
import csv
import io

from ..models import SessionRecord

COLUMNS = (
    "session_id",
    "started_at",
    "ended_at",
    "walked_s",
    "planned_s",
    "distance_m",
    "energy_kcal",
    "steps",
    "program",
    "completed",
    "logged_by_hand",
    "heart_rate_energy_kcal",
    "planned_distance_m",
    "planned_energy_kcal",
    "turns",
)
"""Times in ISO 8601 UTC. The last four are empty unless measured: by a heart-rate
sensor, or by a treadmill (the plan's figures beside the measured ones, and how many
times the person turned round)."""


def history_csv(records: Iterable[SessionRecord]) -> str:
    """The CSV text of ``records`` with a header row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for record in records:
        writer.writerow(
            (
                record.session_id,
                record.started_at.isoformat(),
                record.ended_at.isoformat(),
                round(record.active_s, 1),
                record.planned_s,
                round(record.distance_m, 1),
                round(record.kcal, 2),
                round(record.steps),
                record.program,
                record.completed,
                record.manual,
                _optional(record.heart_rate_kcal, 2),
                _optional(record.planned_distance_m, 1),
                _optional(record.planned_kcal, 2),
                "" if record.turns is None else record.turns,
            )
        )
    return out.getvalue()


def _optional(value: float | None, digits: int) -> float | str:
    """A rounded value, or an empty cell."""
    return "" if value is None else round(value, digits)
