"""Retrowalk: backward-walking exercise sessions for Home Assistant."""

from __future__ import annotations

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ConfigEntryError
from homeassistant.helpers import config_validation as cv
from homeassistant.helpers.event import async_track_time_change
from homeassistant.helpers.typing import ConfigType
from homeassistant.util import dt as dt_util

from .belt_control import BeltControl
from .belt_figures import BeltFigures
from .belt_watch import BeltWatch
from .blueprints import async_install_blueprints
from .card import async_setup_card
from .const import DOMAIN, LEGACY_CONF_DURATION, LEGACY_CONF_SPEED
from .controller import SessionController
from .data import RetrowalkConfigEntry, RetrowalkData
from .entry_repair import async_delete_repair_issue, async_repair_entry
from .export.actions import async_setup_export_actions
from .heart_rate import HeartRateTracker
from .live_notification import LiveNotifier
from .long_term import LongTermStatistics
from .plan_clock import async_track_next_session_end
from .planning import Planner
from .reminders import ReminderRunner
from .repairs import (
    async_clear_storage_issues,
    async_delete_sensor_issues,
    async_report_refused_storage,
    async_report_storage,
    async_watch_sensors,
)
from .services import async_setup_services
from .settings import PersonSettings
from .storage import (
    STORAGE_VERSION,
    FutureVersionError,
    PersonStorage,
    UnreadableStoreError,
)
from .texts import async_setup_texts
from .unit_system import async_follow_unit_system, async_refresh_suggested_units
from .voice.triggers import async_setup_voice

PLATFORMS: list[Platform] = [
    Platform.BINARY_SENSOR,
    Platform.BUTTON,
    Platform.CALENDAR,
    Platform.EVENT,
    Platform.NUMBER,
    Platform.SELECT,
    Platform.SENSOR,
    Platform.SWITCH,
]

CONFIG_SCHEMA = cv.config_entry_only_config_schema(DOMAIN)


async def async_setup(hass: HomeAssistant, config: ConfigType) -> bool:
    """Register the actions and the dashboard card; install the blueprints."""
    async_setup_services(hass)
    async_setup_export_actions(hass)
    async_setup_card(hass)
    await async_install_blueprints(hass)
    await async_setup_voice(hass)
    async_follow_unit_system(hass)
    await async_setup_texts(hass)
    return True


async def async_migrate_entry(hass: HomeAssistant, entry: RetrowalkConfigEntry) -> bool:
    """Bring an entry of an older version up to date."""
    if entry.version > 1:
        return False
    if entry.minor_version < 2:
        # 1.2: the next session comes from the plan; the default length and
        # speed options are gone (an override for the next start replaces them).
        options = {
            key: value
            for key, value in entry.options.items()
            if key not in (LEGACY_CONF_DURATION, LEGACY_CONF_SPEED)
        }
        hass.config_entries.async_update_entry(entry, options=options, minor_version=2)
    return True


async def async_setup_entry(hass: HomeAssistant, entry: RetrowalkConfigEntry) -> bool:
    """Set up one person: load their history and carry on any running session."""
    async_repair_entry(hass, entry)
    settings = PersonSettings.from_entry(entry.data, entry.options)
    storage = await _async_load_storage(hass, entry)
    controller = SessionController(hass, entry.entry_id, settings, storage)
    belt = BeltControl(hass, entry.entry_id, settings, controller)
    entry.runtime_data = RetrowalkData(
        settings=settings,
        storage=storage,
        controller=controller,
        reminders=ReminderRunner(hass, entry.entry_id, settings, controller),
        heart_rate=HeartRateTracker(hass, settings, controller),
        planner=Planner(settings, storage, dt_util.as_local(entry.created_at).date()),
        live=LiveNotifier(hass, entry.entry_id, settings, controller),
        belt=belt,
        belt_figures=BeltFigures(hass, entry.entry_id, settings, controller),
        belt_watch=BeltWatch(hass, settings, controller, belt),
    )
    # The unit system may have changed while the person was not loaded (say, one
    # set in configuration.yaml won at a restart): suggest its units again.
    async_refresh_suggested_units(hass, entry.entry_id)
    # The sensors' readings are taken into the session before the entities read
    # it: they follow the controller's changes first, so a start shows the belt's
    # figures, not the plan's, from its first write.
    entry.async_on_unload(entry.runtime_data.heart_rate.async_start())
    entry.async_on_unload(entry.runtime_data.belt_figures.async_start())
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    entry.async_on_unload(entry.runtime_data.reminders.async_start())
    entry.async_on_unload(entry.runtime_data.live.async_start())
    entry.async_on_unload(entry.runtime_data.belt.async_start())
    entry.async_on_unload(entry.runtime_data.belt_watch.async_start())
    await controller.async_restore()
    entry.async_on_unload(controller.async_shutdown)
    # Week totals and the recommendation depend on the date: refresh after midnight.
    entry.async_on_unload(
        async_track_time_change(
            hass, controller.async_refresh, hour=0, minute=0, second=1
        )
    )
    entry.async_on_unload(async_track_next_session_end(hass, entry.runtime_data))
    if "recorder" in hass.config.components:
        entry.async_on_unload(
            LongTermStatistics(
                hass, entry.entry_id, settings.name, controller
            ).async_start()
        )
    entry.async_on_unload(async_watch_sensors(hass, entry))
    entry.async_on_unload(entry.add_update_listener(_async_reload))
    return True


async def _async_load_storage(
    hass: HomeAssistant, entry: RetrowalkConfigEntry
) -> PersonStorage:
    """Load what can be loaded; refuse (file untouched) what cannot be read safely."""
    storage = PersonStorage(hass, entry.entry_id)
    placeholders = {"name": entry.title, "path": storage.path}
    try:
        outcome = await storage.async_load()
    except FutureVersionError as err:
        versions = {"found": str(err.found), "supported": str(STORAGE_VERSION)}
        async_report_refused_storage(
            hass, entry, "future_version", storage.path, **versions
        )
        raise ConfigEntryError(
            translation_domain=DOMAIN,
            translation_key="future_version",
            translation_placeholders=placeholders | versions,
        ) from err
    except UnreadableStoreError as err:
        async_report_refused_storage(
            hass, entry, "unreadable_store", storage.path, error=str(err)
        )
        raise ConfigEntryError(
            translation_domain=DOMAIN,
            translation_key="unreadable_store",
            translation_placeholders=placeholders | {"error": str(err)},
        ) from err
    async_report_storage(hass, entry, outcome, storage.path)
    return storage


async def _async_reload(hass: HomeAssistant, entry: RetrowalkConfigEntry) -> None:
    """Apply changed options."""
    await hass.config_entries.async_reload(entry.entry_id)


async def async_unload_entry(hass: HomeAssistant, entry: RetrowalkConfigEntry) -> bool:
    """Unload one person; a running session goes on from storage after reload.

    A session walking on a controlled treadmill pauses: the belt stops.
    """
    await entry.runtime_data.belt.async_release()
    unloaded = await hass.config_entries.async_unload_platforms(entry, PLATFORMS)
    # Write what is pending now: a reload reads the file right away.
    await entry.runtime_data.storage.async_save()
    return unloaded


async def async_remove_entry(hass: HomeAssistant, entry: RetrowalkConfigEntry) -> None:
    """Delete the person's stored history, its last-good copy and their repair issues."""
    await PersonStorage(hass, entry.entry_id).async_remove()
    async_clear_storage_issues(hass, entry.entry_id)
    async_delete_sensor_issues(hass, entry.entry_id)
    async_delete_repair_issue(hass, entry.entry_id)
