"""Walking surfaces."""

from __future__ import annotations

from enum import StrEnum


class Surface(StrEnum):
    """Where the walk happens."""

    TREADMILL_HANDRAILS = "treadmill_handrails"
    TREADMILL_NO_HANDRAILS = "treadmill_no_handrails"
    INDOOR_HALLWAY = "indoor_hallway"
    OUTDOOR_PATH = "outdoor_path"

    @property
    def is_treadmill(self) -> bool:
        """Whether the surface is a treadmill."""
        return self in (Surface.TREADMILL_HANDRAILS, Surface.TREADMILL_NO_HANDRAILS)
