"""Config, options and reconfigure flows: one entry per person."""

from __future__ import annotations

from collections.abc import Mapping
import math
from typing import Any

from homeassistant.components.sensor import SensorDeviceClass
from homeassistant.config_entries import (
    ConfigEntry,
    ConfigFlow,
    ConfigFlowResult,
    OptionsFlow,
)
from homeassistant.const import CONF_NAME, UnitOfLength, UnitOfMass, UnitOfTime
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.selector import (
    BooleanSelector,
    EntitySelector,
    EntitySelectorConfig,
    SelectOptionDict,
    SelectSelector,
    SelectSelectorConfig,
    SelectSelectorMode,
    TextSelector,
    TimeSelector,
)
from homeassistant.util import slugify

from .companion import companion_devices, companion_service_of_entity
from .compat import vol
from .const import (
    CONF_AGE,
    CONF_COMPANION_DEVICES,
    CONF_COMPANION_REMINDERS,
    CONF_CONTRAINDICATIONS,
    CONF_GOAL_MINUTES,
    CONF_GOAL_SESSIONS,
    CONF_HEART_RATE_SENSOR,
    CONF_HEIGHT,
    CONF_HYDRATE_EVERY,
    CONF_ILLUMINANCE_SENSOR,
    CONF_LEVEL,
    CONF_LINKED_PERSON,
    CONF_LUX_THRESHOLD,
    CONF_MEDIA_PLAYERS,
    CONF_NOTIFY_ENTITIES,
    CONF_PATH_CHECK_EVERY,
    CONF_PLANNED_AT,
    CONF_POSTURE_EVERY,
    CONF_REFRESH_INTERVAL,
    CONF_REMINDERS,
    CONF_REMINDERS_OFF,
    CONF_SEX,
    CONF_SURFACE,
    CONF_TTS_ENTITY,
    CONF_WEIGHT,
    DEFAULT_GOAL_MINUTES,
    DEFAULT_GOAL_SESSIONS,
    DEFAULT_HYDRATE_EVERY_MIN,
    DEFAULT_LUX_THRESHOLD,
    DEFAULT_PATH_CHECK_EVERY_MIN,
    DEFAULT_PLANNED_AT,
    DEFAULT_POSTURE_EVERY_MIN,
    DEFAULT_REFRESH_INTERVAL_S,
    DOMAIN,
)
from .display import (
    FORM_UNITS,
    form_to_display as to_display,
    form_to_stored as to_stored,
    is_us,
)
from .number_box import NumberBox, number_box, range_hint
from .sim.body import Sex
from .sim.bounds import REFRESH_INTERVAL_S, REMINDER_EVERY_MINUTES, clean_name
from .sim.plan import Level
from .sim.reminders import ReminderType, reminders_for
from .sim.safety import Contraindication
from .sim.surfaces import Surface
from .treadmill_form import (
    TREADMILL_KEYS,
    treadmill_errors,
    treadmill_from_form,
    treadmill_schema,
    treadmill_to_form,
)
from .validation import STORED_BOUNDS


def bound_errors(stored: Mapping[str, Any]) -> dict[str, str]:
    """Field errors for stored values outside their bounds (nan, inf, 2.5 sessions)."""
    errors: dict[str, str] = {}
    for key, value in stored.items():
        if key not in STORED_BOUNDS or value is None:
            continue
        bound, scale = STORED_BOUNDS[key]
        number = value / scale if isinstance(value, (int, float)) else math.nan
        if not bound.accepts(number):
            inside = math.isfinite(number) and bound.low <= number <= bound.high
            errors[key] = "whole_number" if inside else "out_of_range"
    return errors


def _bounded(
    hass: HomeAssistant, key: str, step: float, unit: str | None = None
) -> NumberBox:
    """A number box whose ends are the field's bound, shown in the form's unit.

    Converted ends are rounded inwards to the step, so the box never offers a
    value the bound refuses.
    """
    bound, scale = STORED_BOUNDS[key]
    low, high = bound.low * scale, bound.high * scale
    if is_us(hass) and key in FORM_UNITS:
        metric_unit, us_unit, converter = FORM_UNITS[key]
        low = converter.convert(low, metric_unit, us_unit)
        high = converter.convert(high, metric_unit, us_unit)
    return number_box(
        round(math.ceil(round(low / step, 6)) * step, 6),
        round(math.floor(round(high / step, 6)) * step, 6),
        step,
        unit,
    )


def _select(key: str, options: list[str], *, multiple: bool = False) -> SelectSelector:
    return SelectSelector(
        SelectSelectorConfig(
            options=options,
            translation_key=key,
            multiple=multiple,
            mode=SelectSelectorMode.LIST if multiple else SelectSelectorMode.DROPDOWN,
        )
    )


def person_schema(hass: HomeAssistant, *, with_name: bool) -> vol.Schema:
    """Who the person is."""
    us = is_us(hass)
    fields: dict[Any, Any] = {}
    if with_name:
        fields[vol.Required(CONF_NAME)] = TextSelector()
    fields[vol.Optional(CONF_LINKED_PERSON)] = EntitySelector(
        EntitySelectorConfig(domain="person")
    )
    fields |= {
        vol.Optional(CONF_HEIGHT): (
            _bounded(hass, CONF_HEIGHT, 0.5, UnitOfLength.INCHES)
            if us
            else _bounded(hass, CONF_HEIGHT, 1, UnitOfLength.CENTIMETERS)
        ),
        vol.Optional(CONF_AGE): _bounded(hass, CONF_AGE, 1, UnitOfTime.YEARS),
        vol.Optional(CONF_SEX): _select(CONF_SEX, [sex.value for sex in Sex]),
        vol.Required(CONF_LEVEL, default=Level.NEW.value): _select(
            CONF_LEVEL, [level.value for level in Level]
        ),
        vol.Optional(CONF_CONTRAINDICATIONS, default=[]): _select(
            CONF_CONTRAINDICATIONS,
            [item.value for item in Contraindication],
            multiple=True,
        ),
    }
    return vol.Schema(fields)


def walking_schema(hass: HomeAssistant, *, with_refresh: bool) -> vol.Schema:
    """What changes day to day."""
    us = is_us(hass)
    fields: dict[Any, Any] = {
        # Optional in the form so the frontend leaves it empty instead of filling
        # in the minimum; a missing weight is refused with a field error.
        vol.Optional(CONF_WEIGHT): (
            _bounded(hass, CONF_WEIGHT, 0.5, UnitOfMass.POUNDS)
            if us
            else _bounded(hass, CONF_WEIGHT, 0.5, UnitOfMass.KILOGRAMS)
        ),
        vol.Required(CONF_SURFACE, default=Surface.TREADMILL_HANDRAILS.value): _select(
            CONF_SURFACE, [surface.value for surface in Surface]
        ),
        vol.Required(CONF_PLANNED_AT, default=DEFAULT_PLANNED_AT): TimeSelector(),
        vol.Required(CONF_GOAL_SESSIONS, default=DEFAULT_GOAL_SESSIONS): _bounded(
            hass, CONF_GOAL_SESSIONS, 1
        ),
        vol.Required(CONF_GOAL_MINUTES, default=DEFAULT_GOAL_MINUTES): _bounded(
            hass, CONF_GOAL_MINUTES, 5, UnitOfTime.MINUTES
        ),
        vol.Optional(CONF_ILLUMINANCE_SENSOR): EntitySelector(
            EntitySelectorConfig(
                domain="sensor", device_class=SensorDeviceClass.ILLUMINANCE
            )
        ),
        vol.Required(CONF_LUX_THRESHOLD, default=DEFAULT_LUX_THRESHOLD): _bounded(
            hass, CONF_LUX_THRESHOLD, 5, "lx"
        ),
        vol.Optional(CONF_HEART_RATE_SENSOR): EntitySelector(
            EntitySelectorConfig(domain="sensor")
        ),
    }
    if with_refresh:
        fields[
            vol.Required(CONF_REFRESH_INTERVAL, default=DEFAULT_REFRESH_INTERVAL_S)
        ] = number_box(
            REFRESH_INTERVAL_S.low, REFRESH_INTERVAL_S.high, 5, UnitOfTime.SECONDS
        )
    return vol.Schema(fields)


EVERY_MINUTES = number_box(
    REMINDER_EVERY_MINUTES.low, REMINDER_EVERY_MINUTES.high, 1, UnitOfTime.MINUTES
)


def reminders_schema(surface: Surface) -> vol.Schema:
    """Which reminders come and how often, for ``surface``; where they are sent.

    Only the reminders a session on ``surface`` can give are offered (no path
    check on a treadmill, a hand on the rail only where there are rails).
    """
    offered = reminders_for(surface)
    schema: dict[Any, Any] = {
        vol.Required(CONF_REMINDERS, default=list(offered)): SelectSelector(
            SelectSelectorConfig(
                options=list(offered),
                multiple=True,
                mode=SelectSelectorMode.LIST,
                translation_key=CONF_REMINDERS,
            )
        ),
    }
    if ReminderType.CHECK_PATH in offered:
        schema[
            vol.Required(CONF_PATH_CHECK_EVERY, default=DEFAULT_PATH_CHECK_EVERY_MIN)
        ] = EVERY_MINUTES
    schema |= {
        vol.Required(
            CONF_POSTURE_EVERY, default=DEFAULT_POSTURE_EVERY_MIN
        ): EVERY_MINUTES,
        vol.Required(
            CONF_HYDRATE_EVERY, default=DEFAULT_HYDRATE_EVERY_MIN
        ): EVERY_MINUTES,
        vol.Optional(CONF_NOTIFY_ENTITIES): EntitySelector(
            EntitySelectorConfig(domain="notify", multiple=True)
        ),
        vol.Optional(CONF_MEDIA_PLAYERS): EntitySelector(
            EntitySelectorConfig(domain="media_player", multiple=True)
        ),
        vol.Optional(CONF_TTS_ENTITY): EntitySelector(
            EntitySelectorConfig(domain="tts")
        ),
    }
    return vol.Schema(schema)


def phone_schema(hass: HomeAssistant, chosen: list[str]) -> vol.Schema:
    """The companion-app devices that mirror the session (and may get reminders)."""
    devices = companion_devices(hass)
    options = [
        SelectOptionDict(value=service, label=devices.get(service, service))
        for service in sorted({*devices, *chosen}, key=lambda s: devices.get(s, s))
    ]
    return vol.Schema(
        {
            vol.Optional(CONF_COMPANION_DEVICES, default=[]): SelectSelector(
                SelectSelectorConfig(
                    options=options, multiple=True, mode=SelectSelectorMode.LIST
                )
            ),
            vol.Required(CONF_COMPANION_REMINDERS, default=False): BooleanSelector(),
        }
    )


def phone_errors(
    hass: HomeAssistant, phone: Mapping[str, Any], notify_entities: list[str]
) -> dict[str, str]:
    """Refuse a phone that is gone, reminders without a phone or sent twice."""
    chosen = list(phone.get(CONF_COMPANION_DEVICES, []))
    errors: dict[str, str] = {}
    if any(service not in companion_devices(hass) for service in chosen):
        errors[CONF_COMPANION_DEVICES] = "companion_unknown"
    if phone.get(CONF_COMPANION_REMINDERS):
        if not chosen:
            errors[CONF_COMPANION_REMINDERS] = "companion_required"
        elif any(
            companion_service_of_entity(hass, entity) in chosen
            for entity in notify_entities
        ):
            errors[CONF_COMPANION_REMINDERS] = "companion_twice"
    return errors


def linked_person_holder(
    hass: HomeAssistant, data: Mapping[str, Any], entry_id: str | None = None
) -> str | None:
    """The retrowalk person (other than ``entry_id``) already linked to the chosen one."""
    linked = data.get(CONF_LINKED_PERSON)
    return next(
        (
            entry.title
            for entry in hass.config_entries.async_entries(DOMAIN)
            if linked is not None
            and entry.entry_id != entry_id
            and entry.data.get(CONF_LINKED_PERSON) == linked
        ),
        None,
    )


def linked_person_errors(
    hass: HomeAssistant, data: Mapping[str, Any], entry_id: str | None = None
) -> dict[str, str]:
    """Refuse a person entity that does not exist or is linked to someone else."""
    linked = data.get(CONF_LINKED_PERSON)
    if linked is None:
        return {}
    if hass.states.get(linked) is None:
        return {CONF_LINKED_PERSON: "unknown_linked_person"}
    if linked_person_holder(hass, data, entry_id) is not None:
        return {CONF_LINKED_PERSON: "linked_person_taken"}
    return {}


def walking_errors(options: Mapping[str, Any]) -> dict[str, str]:
    """Refuse a missing weight and values outside the bounds."""
    errors = bound_errors(options)
    if options.get(CONF_WEIGHT) is None:
        errors[CONF_WEIGHT] = "weight_required"
    return errors


def _clean(values: Mapping[str, Any]) -> dict[str, Any]:
    """Drop empty optional values."""
    return {key: value for key, value in values.items() if value not in (None, "")}


class RetrowalkConfigFlow(ConfigFlow, domain=DOMAIN):
    """Add a person who walks backwards."""

    VERSION = 1
    MINOR_VERSION = 2

    def __init__(self) -> None:
        """Start with nothing known."""
        self._person: dict[str, Any] = {}

    @staticmethod
    @callback
    def async_get_options_flow(config_entry: ConfigEntry) -> RetrowalkOptionsFlow:
        """Day-to-day settings."""
        return RetrowalkOptionsFlow()

    async def async_step_user(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask who the person is."""
        errors: dict[str, str] = {}
        holder = None
        if user_input is not None:
            name = clean_name(user_input[CONF_NAME])
            person = _clean(to_stored(self.hass, user_input))
            errors = bound_errors(person) | linked_person_errors(self.hass, person)
            holder = linked_person_holder(self.hass, person)
            if name is None or not slugify(name):
                errors[CONF_NAME] = "invalid_name"
            elif not errors:
                await self.async_set_unique_id(slugify(name))
                self._abort_if_unique_id_configured()
                self._person = person | {CONF_NAME: name}
                return await self.async_step_walking()
        schema = self.add_suggested_values_to_schema(
            person_schema(self.hass, with_name=True), user_input or {}
        )
        return self.async_show_form(
            step_id="user",
            last_step=False,
            data_schema=schema,
            description_placeholders=range_hint(
                schema, errors, {"holder": holder or ""}
            ),
            errors=errors,
        )

    async def async_step_walking(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask how and where they walk."""
        errors: dict[str, str] = {}
        if user_input is not None:
            options = _clean(to_stored(self.hass, user_input))
            errors = walking_errors(options)
            if not errors:
                return self.async_create_entry(
                    title=self._person[CONF_NAME], data=self._person, options=options
                )
        schema = self.add_suggested_values_to_schema(
            walking_schema(self.hass, with_refresh=False), user_input or {}
        )
        return self.async_show_form(
            step_id="walking",
            last_step=True,
            data_schema=schema,
            description_placeholders=range_hint(schema, errors, {}),
            errors=errors,
        )

    async def async_step_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Change who the person is (linked person, height, age, sex, level, health flags)."""
        entry = self._get_reconfigure_entry()
        errors: dict[str, str] = {}
        holder = None
        if user_input is not None:
            data = _clean(to_stored(self.hass, user_input)) | {
                CONF_NAME: entry.data[CONF_NAME]
            }
            errors = bound_errors(data) | linked_person_errors(
                self.hass, data, entry.entry_id
            )
            holder = linked_person_holder(self.hass, data, entry.entry_id)
            if not errors:
                # The entry's update listener reloads it (once) when the data changed.
                self.hass.config_entries.async_update_entry(entry, data=data)
                return self.async_abort(reason="reconfigure_successful")
        schema = self.add_suggested_values_to_schema(
            person_schema(self.hass, with_name=False),
            user_input if user_input is not None else to_display(self.hass, entry.data),
        )
        return self.async_show_form(
            step_id="reconfigure",
            data_schema=schema,
            description_placeholders=range_hint(
                schema, errors, {"name": entry.title, "holder": holder or ""}
            ),
            errors=errors,
        )


class RetrowalkOptionsFlow(OptionsFlow):
    """Change weight, surface, defaults, goal, sensors, treadmill and reminders."""

    def __init__(self) -> None:
        """Start with nothing entered."""
        self._walking: dict[str, Any] = {}
        self._treadmill: dict[str, Any] = {}
        self._reminders: dict[str, Any] = {}

    async def async_step_init(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Show the day-to-day settings."""
        errors: dict[str, str] = {}
        if user_input is not None:
            options = _clean(to_stored(self.hass, user_input))
            errors = walking_errors(options)
            if not errors:
                self._walking = options
                if Surface(options[CONF_SURFACE]).is_treadmill:
                    return await self.async_step_treadmill()
                # Kept for a later treadmill surface; unused elsewhere (settings).
                self._treadmill = {
                    key: value
                    for key, value in self.config_entry.options.items()
                    if key in TREADMILL_KEYS
                }
                return await self.async_step_reminders()
        schema = self.add_suggested_values_to_schema(
            walking_schema(self.hass, with_refresh=True),
            user_input
            if user_input is not None
            else to_display(self.hass, self.config_entry.options),
        )
        return self.async_show_form(
            step_id="init",
            last_step=False,
            data_schema=schema,
            description_placeholders=range_hint(schema, errors, {}),
            errors=errors,
        )

    async def async_step_treadmill(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Show the treadmill's entities, auto-pause and speed control."""
        errors: dict[str, str] = {}
        if user_input is not None:
            treadmill = treadmill_from_form(self.hass, user_input)
            errors = bound_errors(treadmill) | treadmill_errors(self.hass, treadmill)
            if not errors:
                self._treadmill = treadmill
                return await self.async_step_reminders()
        schema = self.add_suggested_values_to_schema(
            treadmill_schema(self.hass),
            user_input
            if user_input is not None
            else treadmill_to_form(self.hass, self.config_entry.options),
        )
        return self.async_show_form(
            step_id="treadmill",
            last_step=False,
            data_schema=schema,
            description_placeholders=range_hint(
                schema, errors, {"name": self.config_entry.title}
            ),
            errors=errors,
        )

    async def async_step_reminders(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Show which reminders come, how often, and where they are sent."""
        surface = Surface(self._walking[CONF_SURFACE])
        errors: dict[str, str] = {}
        if user_input is not None:
            reminders = _clean(user_input)
            errors = bound_errors(reminders)
            if reminders.get(CONF_MEDIA_PLAYERS) and not reminders.get(CONF_TTS_ENTITY):
                errors[CONF_TTS_ENTITY] = "tts_required"
            if not errors:
                self._reminders = _reminders_off(reminders, surface)
                return await self.async_step_phone()
        schema = self.add_suggested_values_to_schema(
            reminders_schema(surface),
            user_input
            if user_input is not None
            else _reminders_on(self.config_entry.options, surface),
        )
        return self.async_show_form(
            step_id="reminders",
            data_schema=schema,
            description_placeholders=range_hint(
                schema, errors, {"name": self.config_entry.title}
            ),
            errors=errors,
            last_step=False,
        )

    async def async_step_phone(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Show which companion-app devices mirror the session."""
        errors: dict[str, str] = {}
        if user_input is not None:
            errors = phone_errors(
                self.hass,
                user_input,
                list(self._reminders.get(CONF_NOTIFY_ENTITIES, [])),
            )
            if not errors:
                return self.async_create_entry(
                    data=self._walking | self._treadmill | self._reminders | user_input
                )
        shown = user_input if user_input is not None else self.config_entry.options
        return self.async_show_form(
            step_id="phone",
            data_schema=self.add_suggested_values_to_schema(
                phone_schema(self.hass, list(shown.get(CONF_COMPANION_DEVICES, []))),
                shown,
            ),
            errors=errors,
            last_step=True,
        )


def _reminders_on(options: Mapping[str, Any], surface: Surface) -> dict[str, Any]:
    """Stored options as the form shows them: the reminders that are on."""
    off = set(options.get(CONF_REMINDERS_OFF, ()))
    shown = {key: value for key, value in options.items() if key != CONF_REMINDERS_OFF}
    return shown | {CONF_REMINDERS: [k for k in reminders_for(surface) if k not in off]}


def _reminders_off(values: Mapping[str, Any], surface: Surface) -> dict[str, Any]:
    """The form's values as stored: the offered reminders left unticked are off.

    A reminder the surface cannot give is not stored as off: a later change of
    surface offers it switched on.
    """
    on = set(values.get(CONF_REMINDERS, ()))
    stored = {key: value for key, value in values.items() if key != CONF_REMINDERS}
    return stored | {
        CONF_REMINDERS_OFF: [k.value for k in reminders_for(surface) if k not in on]
    }
