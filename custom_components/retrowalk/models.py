"""Stored shapes: the running session and the sessions done."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any

from homeassistant.util import dt as dt_util


@dataclass(frozen=True, slots=True)
class Extension:
    """Minutes added to a running session after ``at_s`` seconds of walking."""

    at_s: float
    seconds: int


@dataclass(slots=True)
class ActiveSession:
    """A started session; every time is derived from these UTC timestamps."""

    session_id: str
    program: str
    base_duration_s: int
    speed_m_s: float
    grade: float
    started_at: datetime
    sessions_done: int
    paused_s: float = 0.0
    paused_at: datetime | None = None
    pauses: int = 0
    extensions: list[Extension] = field(default_factory=list)
    last_transition: datetime | None = None
    reminded_s: float = -1.0
    """Seconds of walking up to which reminders have been given (-1: none yet)."""
    heart_rate_kcal: float = 0.0
    """Heart-rate energy up to the last reading."""
    heart_rate_bpm: float | None = None
    heart_rate_at_s: float | None = None
    """The last reading and when it came, in seconds of walking."""

    def active_s(self, now: datetime) -> float:
        """Seconds walked by ``now``: wall time less every pause."""
        until = self.paused_at or now
        return max(0.0, (until - self.started_at).total_seconds() - self.paused_s)

    def ends_at(self, duration_s: float) -> datetime:
        """When a plan of ``duration_s`` ends if no further pause comes."""
        return self.started_at + timedelta(seconds=self.paused_s + duration_s)

    def as_dict(self) -> dict[str, Any]:
        """Serialize for the store."""
        data = asdict(self)
        data["started_at"] = self.started_at.isoformat()
        data["paused_at"] = self.paused_at.isoformat() if self.paused_at else None
        data["last_transition"] = (
            self.last_transition.isoformat() if self.last_transition else None
        )
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ActiveSession:
        """Load from the store."""
        return cls(
            session_id=data["session_id"],
            program=data["program"],
            base_duration_s=int(data["base_duration_s"]),
            speed_m_s=float(data["speed_m_s"]),
            grade=float(data["grade"]),
            started_at=_parse(data["started_at"]),
            sessions_done=int(data["sessions_done"]),
            paused_s=float(data["paused_s"]),
            paused_at=_parse(data["paused_at"]) if data["paused_at"] else None,
            pauses=int(data["pauses"]),
            extensions=[Extension(**item) for item in data["extensions"]],
            last_transition=(
                _parse(data["last_transition"]) if data["last_transition"] else None
            ),
            reminded_s=float(data.get("reminded_s", -1.0)),
            heart_rate_kcal=float(data.get("heart_rate_kcal", 0.0)),
            heart_rate_bpm=data.get("heart_rate_bpm"),
            heart_rate_at_s=data.get("heart_rate_at_s"),
        )


@dataclass(frozen=True, slots=True)
class SessionRecord:
    """A session done, recorded at its end or logged by hand."""

    session_id: str
    started_at: datetime
    ended_at: datetime
    active_s: float
    planned_s: int
    distance_m: float
    kcal: float
    steps: float
    program: str
    completed: bool = True
    manual: bool = False
    heart_rate_kcal: float | None = None

    def as_dict(self) -> dict[str, Any]:
        """Serialize for the store and for action responses."""
        data = asdict(self)
        data["started_at"] = self.started_at.isoformat()
        data["ended_at"] = self.ended_at.isoformat()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SessionRecord:
        """Load from the store."""
        return cls(
            session_id=data["session_id"],
            started_at=_parse(data["started_at"]),
            ended_at=_parse(data["ended_at"]),
            active_s=float(data["active_s"]),
            planned_s=int(data["planned_s"]),
            distance_m=float(data["distance_m"]),
            kcal=float(data["kcal"]),
            steps=float(data["steps"]),
            program=data["program"],
            completed=bool(data["completed"]),
            manual=bool(data["manual"]),
            heart_rate_kcal=data.get("heart_rate_kcal"),
        )


def _parse(value: str) -> datetime:
    """Parse a stored ISO timestamp as an aware UTC datetime."""
    parsed = dt_util.parse_datetime(value)
    if parsed is None:
        raise ValueError(f"not a timestamp: {value!r}")
    return dt_util.as_utc(parsed)
