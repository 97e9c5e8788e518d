"""The walker's body and resting energy use (Harris-Benedict)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .bounds import AGE_YEARS, HEIGHT_CM, WEIGHT_KG

RESTING_VO2 = 3.5
"""Conventional resting oxygen uptake in ml/kg/min (1 MET)."""
KCAL_PER_LITRE_O2 = 5.0
"""Energy per litre of oxygen used by the MET-to-kcal convention (MET x 3.5 x kg / 200)."""


class Sex(StrEnum):
    """Sex used by the resting-rate and heart-rate equations."""

    FEMALE = "female"
    MALE = "male"


@dataclass(frozen=True, slots=True)
class Body:
    """Body measures; height, age and sex are optional."""

    weight_kg: float
    height_cm: float | None = None
    age: int | None = None
    sex: Sex | None = None

    def __post_init__(self) -> None:
        """Reject measures outside plausible adult ranges."""
        WEIGHT_KG.check(self.weight_kg)
        if self.height_cm is not None:
            HEIGHT_CM.check(self.height_cm)
        if self.age is not None:
            AGE_YEARS.check(self.age)

    @property
    def is_complete(self) -> bool:
        """Whether height, age and sex are all known."""
        return (
            self.height_cm is not None and self.age is not None and self.sex is not None
        )


def harris_benedict_kcal_per_day(body: Body) -> float:
    """Return the resting energy use in kcal/day (Harris & Benedict 1919).

    Raises ValueError unless height, age and sex are known.
    """
    if body.height_cm is None or body.age is None or body.sex is None:
        raise ValueError("height_cm, age and sex are needed for the resting rate")
    weight, height, age = body.weight_kg, body.height_cm, body.age
    if body.sex is Sex.MALE:
        return 66.4730 + 13.7516 * weight + 5.0033 * height - 6.7550 * age
    return 655.0955 + 9.5634 * weight + 1.8496 * height - 4.6756 * age


def resting_vo2_ml_kg_min(body: Body) -> float:
    """Return the Harris-Benedict resting rate as oxygen uptake in ml/kg/min."""
    litres_per_min = harris_benedict_kcal_per_day(body) / 1440.0 / KCAL_PER_LITRE_O2
    return litres_per_min * 1000.0 / body.weight_kg


def resting_kcal_per_min(body: Body) -> float:
    """Return resting kcal/min: Harris-Benedict when the body is complete, else 1 MET."""
    if body.is_complete:
        return harris_benedict_kcal_per_day(body) / 1440.0
    return RESTING_VO2 * body.weight_kg / 200.0
