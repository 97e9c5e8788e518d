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
)
"""Times in ISO 8601 UTC; ``heart_rate_energy_kcal`` empty when not measured."""


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
                ""
                if record.heart_rate_kcal is None
                else round(record.heart_rate_kcal, 2),
            )
        )
    return out.getvalue()
