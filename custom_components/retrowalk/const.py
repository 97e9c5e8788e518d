"""Constants for retrowalk."""

from typing import Final

DOMAIN: Final = "retrowalk"

CONF_WEIGHT: Final = "weight"
