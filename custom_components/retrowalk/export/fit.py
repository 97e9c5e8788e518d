"""FIT activity file of one session, written from the FIT protocol's published layout.

Messages: file_id, a timer start event, a record at the start and at the end of
every lap (time, distance, strides), one lap per phase, a timer stop event, the
session and the activity. Sport walking; sub-sport treadmill or indoor walking.
Steps are stored as FIT cycles, which for walking and running are strides (two
steps). Little-endian, protocol 2.0, header and file CRC as the protocol defines.
"""

from __future__ import annotations

from datetime import UTC, datetime
import struct
import zlib

from ..models import SessionRecord
from ..sim.phases import PhaseKind
from .laps import Lap

FIT_EPOCH = datetime(1989, 12, 31, tzinfo=UTC)
PROTOCOL_VERSION = 0x20
PROFILE_VERSION = 2132

# Base types: (id, struct format).
ENUM, UINT16, UINT32, UINT32Z = (0x00, "B"), (0x84, "H"), (0x86, "I"), (0x8C, "I")

# Global message numbers and field numbers of the FIT profile.
FILE_ID, SESSION, LAP, RECORD, EVENT, ACTIVITY = 0, 18, 19, 20, 21, 34
TIMESTAMP, MESSAGE_INDEX = 253, 254
SPORT_WALKING = 11
SUB_SPORT_TREADMILL, SUB_SPORT_INDOOR_WALKING = 1, 27
FILE_ACTIVITY, MANUFACTURER_DEVELOPMENT = 4, 255
EVENT_TIMER, EVENT_SESSION, EVENT_LAP, EVENT_ACTIVITY = 0, 8, 9, 26
EVENT_TYPE_START, EVENT_TYPE_STOP = 0, 1
INTENSITY = {
    PhaseKind.WARMUP: 2,
    PhaseKind.BACKWARD: 0,
    PhaseKind.REST: 1,
    PhaseKind.COOLDOWN: 3,
}

CRC_TABLE = (
    0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
    0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400,
)  # fmt: skip


def fit_crc(data: bytes, crc: int = 0) -> int:
    """The FIT CRC-16 of ``data``."""
    for byte in data:
        for nibble in (byte & 0xF, byte >> 4):
            low = CRC_TABLE[crc & 0xF]
            crc = (crc >> 4) & 0x0FFF
            crc ^= low ^ CRC_TABLE[nibble]
    return crc


class _Messages:
    """Definition and data messages, one local type per global message."""

    def __init__(self) -> None:
        self.body = bytearray()
        self._defined: dict[
            int, tuple[int, tuple[tuple[int, tuple[int, str]], ...]]
        ] = {}

    def add(self, number: int, fields: list[tuple[int, tuple[int, str], int]]) -> None:
        layout = tuple((field, base) for field, base, _value in fields)
        known = self._defined.get(number)
        if known is None or known[1] != layout:
            local = known[0] if known else len(self._defined)
            self._defined[number] = (local, layout)
            self.body += struct.pack("<BBBHB", 0x40 | local, 0, 0, number, len(layout))
            for field, (base, fmt) in layout:
                self.body += struct.pack("<BBB", field, struct.calcsize(fmt), base)
        local = self._defined[number][0]
        values = [value for _field, _base, value in fields]
        self.body += struct.pack(
            "<B" + "".join(b[1] for _f, b, _v in fields), local, *values
        )


def fit_file(
    record: SessionRecord, laps: list[Lap], *, treadmill: bool, utc_offset_s: int
) -> bytes:
    """The FIT bytes of ``record``; ``utc_offset_s`` gives the activity's local time."""
    sub_sport = SUB_SPORT_TREADMILL if treadmill else SUB_SPORT_INDOOR_WALKING
    start, end = _stamp(record.started_at), _stamp(record.ended_at)
    out = _Messages()
    out.add(
        FILE_ID,
        [
            (0, ENUM, FILE_ACTIVITY),
            (1, UINT16, MANUFACTURER_DEVELOPMENT),
            (2, UINT16, 0),
            (3, UINT32Z, zlib.crc32(record.session_id.encode()) or 1),
            (4, UINT32, start),
        ],
    )
    out.add(
        EVENT,
        [
            (TIMESTAMP, UINT32, start),
            (0, ENUM, EVENT_TIMER),
            (1, ENUM, EVENT_TYPE_START),
        ],
    )
    distance = strides = 0.0
    for lap in laps:
        for moment in ("start", "end"):
            if moment == "end":
                distance += lap.distance_m
                strides += lap.steps / 2
            stamp = _stamp(lap.start if moment == "start" else lap.end)
            out.add(
                RECORD,
                [
                    (TIMESTAMP, UINT32, stamp),
                    (5, UINT32, round(distance * 100)),
                    (19, UINT32, round(strides)),
                ],
            )
    for index, lap in enumerate(laps):
        out.add(
            LAP,
            [
                (MESSAGE_INDEX, UINT16, index),
                (TIMESTAMP, UINT32, _stamp(lap.end)),
                (0, ENUM, EVENT_LAP),
                (1, ENUM, EVENT_TYPE_STOP),
                (2, UINT32, _stamp(lap.start)),
                (7, UINT32, round(lap.elapsed_s * 1000)),
                (8, UINT32, round(lap.timer_s * 1000)),
                (9, UINT32, round(lap.distance_m * 100)),
                (10, UINT32, round(lap.steps / 2)),
                (11, UINT16, round(lap.kcal)),
                (23, ENUM, INTENSITY[lap.kind]),
                (24, ENUM, 0),  # lap trigger: manual
                (25, ENUM, SPORT_WALKING),
                (39, ENUM, sub_sport),
            ],
        )
    out.add(
        EVENT,
        [(TIMESTAMP, UINT32, end), (0, ENUM, EVENT_TIMER), (1, ENUM, EVENT_TYPE_STOP)],
    )
    elapsed_ms = round((record.ended_at - record.started_at).total_seconds() * 1000)
    timer_ms = round(record.active_s * 1000)
    out.add(
        SESSION,
        [
            (MESSAGE_INDEX, UINT16, 0),
            (TIMESTAMP, UINT32, end),
            (0, ENUM, EVENT_SESSION),
            (1, ENUM, EVENT_TYPE_STOP),
            (2, UINT32, start),
            (5, ENUM, SPORT_WALKING),
            (6, ENUM, sub_sport),
            (7, UINT32, elapsed_ms),
            (8, UINT32, timer_ms),
            (9, UINT32, round(record.distance_m * 100)),
            (10, UINT32, round(record.steps / 2)),
            (11, UINT16, round(record.kcal)),
            (25, UINT16, 0),
            (26, UINT16, len(laps)),
            (28, ENUM, 0),  # trigger: activity end
        ],
    )
    out.add(
        ACTIVITY,
        [
            (TIMESTAMP, UINT32, end),
            (0, UINT32, timer_ms),
            (1, UINT16, 1),
            (2, ENUM, 0),  # manual: not recorded by a device
            (3, ENUM, EVENT_ACTIVITY),
            (4, ENUM, EVENT_TYPE_STOP),
            (5, UINT32, end + utc_offset_s),
        ],
    )
    body = bytes(out.body)
    header = struct.pack(
        "<BBHI4s", 14, PROTOCOL_VERSION, PROFILE_VERSION, len(body), b".FIT"
    )
    header += struct.pack("<H", fit_crc(header))
    data = header + body
    return data + struct.pack("<H", fit_crc(data))


def _stamp(moment: datetime) -> int:
    """Seconds since the FIT epoch (1989-12-31 00:00 UTC)."""
    return round((moment - FIT_EPOCH).total_seconds())
