"""Stored shapes: the running session and the sessions done."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime, timedelta
import math
import re
from typing import Any

from homeassistant.util import dt as dt_util

from .sim.bounds import INCLINE_PCT, SESSION_MINUTES
from .sim.programs import Program

EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(9000, 1, 1, tzinfo=UTC)
"""Stored timestamps outside this range are damage (they overflow date arithmetic)."""
MAX_ID_LENGTH = 64
"""Longest session or client id."""
DAY_S = 86_400
MAX_SPEED_M_S = 10.0
MAX_KCAL = 100_000.0
MAX_DISTANCE_M = 1_000_000.0
MAX_COUNTER_M = 1e9
"""A treadmill's odometer may count its whole life."""
MAX_STEPS = 10_000_000.0
MAX_COUNTER_STEPS = 1e10
MAX_COUNT = 1_000_000
MAX_BPM = 400.0
PROGRAMS = frozenset(program.value for program in Program)


class DamagedDataError(ValueError):
    """A stored value does not have the shape retrowalk writes."""


@dataclass(frozen=True, slots=True)
class Extension:
    """Minutes added to a running session after ``at_s`` seconds of walking."""

    at_s: float
    seconds: int


@dataclass(slots=True)
class BeltReadings:
    """What the treadmill's sensors measured in a session, up to the last reading.

    The last reading (speed, grade, direction) holds from ``at_s`` seconds of
    walking until the next one (``belt_figures``).
    """

    at_s: float
    speed_m_s: float = 0.0
    grade: float = 0.0
    backward: bool = True
    distance_m: float = 0.0
    kcal: float = 0.0
    cadence_steps: float = 0.0
    """Steps at the cadence of the measured speed."""
    backward_s: float = 0.0
    """Seconds walked backwards (all walking without a direction sensor)."""
    turns: int = 0
    counted_steps: float | None = None
    """Steps counted by the treadmill's steps sensor (None: no reading yet)."""
    steps_reading: float | None = None
    """The steps sensor's last value."""
    counted_m: float | None = None
    """Metres counted by the treadmill's distance sensor (None: no reading yet)."""
    distance_reading_m: float | None = None
    """The distance sensor's last value, in metres."""
    walking: bool = True
    """Whether the session walked (was not paused) at the last reading."""
    speed_s: float = 0.0
    """Seconds walked (backwards) at a known belt speed: a measured session's minutes."""
    speed_read_s: float | None = None
    """Seconds of walking at the speed sensor's last usable value (None: none yet).

    While the sensor is unavailable the last speed holds for at most
    ``MAX_READING_AGE_S`` from here; after that no distance or energy counts.
    """

    @classmethod
    def from_dict(cls, data: Any) -> BeltReadings:
        """Load from the store; raise ``DamagedDataError`` unless every field is sound."""
        read = _Reader(data)
        backward, walking = read.get("backward"), read.get("walking", True)
        if not isinstance(backward, bool) or not isinstance(walking, bool):
            raise DamagedDataError("belt: not a boolean")
        at_s = read.number("at_s", 0.0, DAY_S)
        return cls(
            at_s=at_s,
            speed_m_s=read.number("speed_m_s", 0.0, MAX_SPEED_M_S),
            grade=read.number("grade", -1.0, 1.0),
            backward=backward,
            distance_m=read.number("distance_m", 0.0, MAX_DISTANCE_M),
            kcal=read.number("kcal", 0.0, MAX_KCAL),
            cadence_steps=read.number("cadence_steps", 0.0, MAX_STEPS),
            backward_s=read.number("backward_s", 0.0, DAY_S),
            turns=read.integer("turns", 0, MAX_COUNT),
            counted_steps=read.optional_number("counted_steps", 0.0, MAX_STEPS),
            steps_reading=read.optional_number("steps_reading", 0.0, MAX_COUNTER_STEPS),
            counted_m=read.optional_number("counted_m", 0.0, MAX_DISTANCE_M),
            distance_reading_m=read.optional_number(
                "distance_reading_m", 0.0, MAX_COUNTER_M
            ),
            walking=walking,
            # Stores from before these fields: every second walked had a speed,
            # and the last one was read at ``at_s``.
            speed_s=(
                read.number("speed_s", 0.0, DAY_S)
                if read.has("speed_s")
                else read.number("backward_s", 0.0, DAY_S)
            ),
            speed_read_s=(
                read.optional_number("speed_read_s", 0.0, DAY_S)
                if read.has("speed_read_s")
                else at_s
            ),
        )


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
    belt: BeltReadings | None = None
    """The treadmill's measurements (None without treadmill sensors)."""
    pause_reason: str | None = None
    """Why the session is paused when the person did not pause it (``belt_stopped``...)."""

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
    def from_dict(cls, data: Any) -> ActiveSession:
        """Load from the store; raise ``DamagedDataError`` unless every field is sound."""
        read = _Reader(data)
        started_at = read.time("started_at")
        paused_at = read.optional_time("paused_at")
        if paused_at is not None and paused_at < started_at:
            raise DamagedDataError("paused_at: before started_at")
        extensions = read.items("extensions")
        return cls(
            session_id=read.identifier("session_id"),
            program=read.choice("program", PROGRAMS),
            base_duration_s=read.integer(
                "base_duration_s",
                round(SESSION_MINUTES.low * 60),
                round(SESSION_MINUTES.high * 60),
            ),
            speed_m_s=read.number("speed_m_s", 0.0, MAX_SPEED_M_S, positive=True),
            grade=read.number("grade", INCLINE_PCT.low / 100, INCLINE_PCT.high / 100),
            started_at=started_at,
            sessions_done=read.integer("sessions_done", 0, MAX_COUNT),
            paused_s=read.number("paused_s", 0.0, (LATEST - EARLIEST).total_seconds()),
            paused_at=paused_at,
            pauses=read.integer("pauses", 0, MAX_COUNT),
            extensions=[
                Extension(
                    at_s=item.number("at_s", 0.0, DAY_S),
                    seconds=item.integer("seconds", 1, DAY_S),
                )
                for item in extensions
            ],
            last_transition=read.optional_time("last_transition"),
            reminded_s=read.number("reminded_s", -1.0, DAY_S, default=-1.0),
            heart_rate_kcal=read.number("heart_rate_kcal", 0.0, MAX_KCAL, default=0.0),
            heart_rate_bpm=read.optional_number("heart_rate_bpm", 0.0, MAX_BPM),
            heart_rate_at_s=read.optional_number("heart_rate_at_s", 0.0, DAY_S),
            belt=(
                None
                if read.get("belt", None) is None
                else BeltReadings.from_dict(read.get("belt"))
            ),
            pause_reason=_pause_reason(read.get("pause_reason", None), paused_at),
        )


@dataclass(slots=True)
class NextOverride:
    """What the person changed for the next start, in SI; ``None`` keeps the plan's."""

    duration_s: int | None = None
    speed_m_s: float | None = None
    grade: float | None = None
    program: str | None = None

    @property
    def fields(self) -> list[str]:
        """Names of the overridden fields."""
        return [name for name, value in asdict(self).items() if value is not None]

    def as_dict(self) -> dict[str, Any]:
        """Serialize for the store."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Any) -> NextOverride:
        """Load from the store; unreadable values are dropped."""
        data = data if isinstance(data, dict) else {}

        def number(key: str) -> float | None:
            value = data.get(key)
            if isinstance(value, int | float) and math.isfinite(value):
                return float(value)
            return None

        duration = number("duration_s")
        program = data.get("program")
        return cls(
            duration_s=None if duration is None else round(duration),
            speed_m_s=number("speed_m_s"),
            grade=number("grade"),
            program=program if program in PROGRAMS else None,
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
    client_id: str | None = None
    """The id a caller gave ``log_session``, so a retry finds this record."""
    planned_distance_m: float | None = None
    """The plan's distance when a treadmill measured ``distance_m``."""
    planned_kcal: float | None = None
    """The plan's energy when a treadmill measured ``kcal``."""
    turns: int | None = None
    """Times the person turned round (with a treadmill's direction sensor)."""

    def as_dict(self) -> dict[str, Any]:
        """Serialize for the store and for action responses.

        Built field by field, not with ``dataclasses.asdict`` (which deep-copies
        every value): a save serializes the whole history on the event loop.
        """
        data: dict[str, Any] = {}
        for name in _RECORD_FIELDS:
            value = getattr(self, name)
            if isinstance(value, datetime):
                data[name] = value.isoformat()
            elif value is not None or name not in _RECORD_OPTIONAL:
                data[name] = value
        return data

    @classmethod
    def from_dict(cls, data: Any) -> SessionRecord:
        """Load from the store; raise ``DamagedDataError`` unless every field is sound."""
        read = _Reader(data)
        started_at = read.time("started_at")
        ended_at = read.time("ended_at")
        if ended_at < started_at:
            raise DamagedDataError("ended_at: before started_at")
        client_id = read.get("client_id", None)
        return cls(
            session_id=read.identifier("session_id"),
            started_at=started_at,
            ended_at=ended_at,
            active_s=read.number("active_s", 0.0, DAY_S),
            planned_s=read.integer("planned_s", 0, DAY_S),
            distance_m=read.number("distance_m", 0.0, MAX_DISTANCE_M),
            kcal=read.number("kcal", 0.0, MAX_KCAL),
            steps=_count(read.number("steps", 0.0, MAX_STEPS)),
            program=read.choice("program", PROGRAMS),
            completed=read.flag("completed"),
            manual=read.flag("manual"),
            heart_rate_kcal=read.optional_number("heart_rate_kcal", 0.0, MAX_KCAL),
            client_id=None if client_id is None else read.identifier("client_id"),
            planned_distance_m=read.optional_number(
                "planned_distance_m", 0.0, MAX_DISTANCE_M
            ),
            planned_kcal=read.optional_number("planned_kcal", 0.0, MAX_KCAL),
            turns=(
                None
                if read.get("turns", None) is None
                else read.integer("turns", 0, MAX_COUNT)
            ),
        )


def _count(value: float) -> float:
    """A whole count as an int (so it reads 359, not 359.0, after a restart)."""
    return int(value) if value.is_integer() else value


def _pause_reason(value: Any, paused_at: datetime | None) -> str | None:
    """A stored pause reason (a lower-case word); anything else, or no pause: none."""
    if paused_at is None or not isinstance(value, str):
        return None
    return value if _REASON.fullmatch(value) else None


_REASON = re.compile(r"[a-z][a-z_]{0,39}")
_RECORD_FIELDS = tuple(item.name for item in fields(SessionRecord))
_RECORD_OPTIONAL = frozenset(
    {"client_id", "planned_distance_m", "planned_kcal", "turns"}
)
"""Left out of the stored record when unset."""


class _Reader:
    """Strict reads of one stored object's fields."""

    _MISSING = object()

    def __init__(self, data: Any) -> None:
        if not isinstance(data, dict):
            raise DamagedDataError(f"not an object: {type(data).__name__}")
        self._data: dict[str, Any] = data

    def has(self, key: str) -> bool:
        """Whether the object has ``key`` (null counts)."""
        return key in self._data

    def get(self, key: str, default: Any = _MISSING) -> Any:
        """The raw value; missing is damage unless there is a default."""
        if key in self._data:
            return self._data[key]
        if default is self._MISSING:
            raise DamagedDataError(f"{key}: missing")
        return default

    def identifier(self, key: str) -> str:
        """A non-empty id of at most ``MAX_ID_LENGTH`` characters."""
        value = self.get(key)
        if not isinstance(value, str) or not 0 < len(value) <= MAX_ID_LENGTH:
            raise DamagedDataError(f"{key}: not an id")
        return value

    def choice(self, key: str, choices: frozenset[str]) -> str:
        """One of ``choices``."""
        value = self.get(key)
        if not isinstance(value, str) or value not in choices:
            raise DamagedDataError(f"{key}: unknown value")
        return value

    def flag(self, key: str) -> bool:
        """A true/false value."""
        value = self.get(key)
        if not isinstance(value, bool):
            raise DamagedDataError(f"{key}: not a boolean")
        return value

    def number(
        self,
        key: str,
        minimum: float,
        maximum: float,
        *,
        default: Any = _MISSING,
        positive: bool = False,
    ) -> float:
        """A finite number in [minimum, maximum] (above ``minimum`` if ``positive``)."""
        value = self.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise DamagedDataError(f"{key}: not a number")
        # The bounds are finite, so this also refuses NaN and infinities.
        if not minimum <= value <= maximum or (positive and value <= minimum):
            raise DamagedDataError(f"{key}: out of range")
        return float(value)

    def optional_number(self, key: str, minimum: float, maximum: float) -> float | None:
        """``number`` or ``None`` when absent or null."""
        if self.get(key, None) is None:
            return None
        return self.number(key, minimum, maximum)

    def integer(self, key: str, minimum: int, maximum: int) -> int:
        """A whole number in [minimum, maximum] (``10.0`` counts as whole)."""
        number = self.number(key, minimum, maximum)
        if not number.is_integer():
            raise DamagedDataError(f"{key}: not a whole number")
        return int(number)

    def optional_time(self, key: str) -> datetime | None:
        """``time`` or ``None`` when absent or null."""
        if self.get(key, None) is None:
            return None
        return self.time(key)

    def time(self, key: str) -> datetime:
        """An aware ISO timestamp within [EARLIEST, LATEST], as UTC."""
        value = self.get(key)
        if not isinstance(value, str):
            raise DamagedDataError(f"{key}: not a timestamp")
        try:
            parsed = dt_util.parse_datetime(value)
            if parsed is None or parsed.tzinfo is None:
                raise DamagedDataError(f"{key}: not an aware timestamp")
            moment = dt_util.as_utc(parsed)
        except (ValueError, OverflowError) as err:
            raise DamagedDataError(f"{key}: not a timestamp") from err
        if not EARLIEST <= moment <= LATEST:
            raise DamagedDataError(f"{key}: out of range")
        return moment

    def items(self, key: str) -> list[_Reader]:
        """A list of objects."""
        value = self.get(key)
        if not isinstance(value, list):
            raise DamagedDataError(f"{key}: not a list")
        return [_Reader(item) for item in value]
