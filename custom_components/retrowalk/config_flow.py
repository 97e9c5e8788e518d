"""Config flow for retrowalk: one entry per person."""

from __future__ import annotations

from typing import Any

from homeassistant.config_entries import ConfigFlow, ConfigFlowResult
from homeassistant.const import CONF_NAME, UnitOfMass
from homeassistant.helpers.selector import (
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
    TextSelector,
)
from homeassistant.util import slugify

from .compat import vol
from .const import CONF_WEIGHT, DOMAIN

USER_SCHEMA = vol.Schema(
    {
        vol.Required(CONF_NAME): TextSelector(),
        vol.Required(CONF_WEIGHT): NumberSelector(
            NumberSelectorConfig(
                min=20,
                max=350,
                step=0.1,
                mode=NumberSelectorMode.BOX,
                unit_of_measurement=UnitOfMass.KILOGRAMS,
            )
        ),
    }
)


class RetrowalkConfigFlow(ConfigFlow, domain=DOMAIN):
    """Add a person who walks backwards."""

    VERSION = 1

    async def async_step_user(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for the person's name and weight."""
        if user_input is not None:
            await self.async_set_unique_id(slugify(user_input[CONF_NAME]))
            self._abort_if_unique_id_configured()
            return self.async_create_entry(title=user_input[CONF_NAME], data=user_input)
        return self.async_show_form(step_id="user", data_schema=USER_SCHEMA)
