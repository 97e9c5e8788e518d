"""Small validation helpers shared by the simulation modules."""

from __future__ import annotations

import math


def require_range(name: str, value: float, low: float, high: float) -> float:
    """Return ``value`` if it is finite and within ``[low, high]``, else raise ValueError."""
    if not math.isfinite(value) or not low <= value <= high:
        raise ValueError(f"{name} must be between {low:g} and {high:g}, got {value!r}")
    return float(value)


def require_whole(name: str, value: int, low: int, high: int) -> int:
    """Return ``value`` if it is an integer within ``[low, high]``, else raise ValueError."""
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not low <= value <= high
    ):
        raise ValueError(
            f"{name} must be a whole number between {low} and {high}, got {value!r}"
        )
    return value
