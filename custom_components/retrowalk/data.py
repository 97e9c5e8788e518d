"""Runtime data of a retrowalk config entry."""

from __future__ import annotations

from dataclasses import dataclass

from homeassistant.config_entries import ConfigEntry


@dataclass
class RetrowalkData:
    """What a person's entry holds while it is loaded."""

    name: str


type RetrowalkConfigEntry = ConfigEntry[RetrowalkData]
