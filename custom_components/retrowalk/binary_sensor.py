"""Binary sensors: is the person walking, and may a session start safely."""

from __future__ import annotations

from homeassistant.components.binary_sensor import (
    BinarySensorEntity,
    BinarySensorEntityDescription,
)
from homeassistant.core import Event, EventStateChangedData, HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.event import async_track_state_change_event

from .data import RetrowalkConfigEntry
from .entity import RetrowalkEntity
from .safety import current_verdict, reports, watched_entities
from .sim.safety import VerdictLevel

PARALLEL_UPDATES = 0

# No device class: "running" reads as "in operation / out of order" in some
# languages; the states are translated as walking / not walking instead.
RUNNING = BinarySensorEntityDescription(
    key="running",
    translation_key="running",
    entity_registry_enabled_default=False,
)
SAFE_TO_START = BinarySensorEntityDescription(
    key="safe_to_start",
    translation_key="safe_to_start",
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: RetrowalkConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the running and safe-to-start sensors."""
    async_add_entities(
        [SessionRunningSensor(entry, RUNNING), SafeToStartSensor(entry, SAFE_TO_START)]
    )


class SessionRunningSensor(RetrowalkEntity, BinarySensorEntity):
    """On while a session runs and is not paused."""

    @property
    def is_on(self) -> bool:
        """Walking now."""
        controller = self.data.controller
        return controller.running and not controller.paused


class SafeToStartSensor(RetrowalkEntity, BinarySensorEntity):
    """On when a start at the next session's speed would not be refused.

    Attributes give the verdict (ok, warn, block) and its reasons; it follows
    the illuminance sensor, the sun (outdoors) and the next-session settings.
    """

    async def async_added_to_hass(self) -> None:
        """Take the first verdict, then follow the entities it reads."""
        self._check()
        await super().async_added_to_hass()
        if watched := watched_entities(self.data.settings):
            self.async_on_remove(
                async_track_state_change_event(
                    self.hass, watched, self._async_light_changed
                )
            )
        # A treadmill reports every second: only its sensors' comings and goings count.
        if treadmill := self.data.settings.treadmill.sensors:
            self.async_on_remove(
                async_track_state_change_event(
                    self.hass, list(treadmill), self._async_treadmill_changed
                )
            )

    @callback
    def _async_handle_update(self) -> None:
        """Check again after a controller change (the next session's speed)."""
        self._check()
        super()._async_handle_update()

    @callback
    def _async_light_changed(self, _event: Event[EventStateChangedData]) -> None:
        self._check()
        self.async_write_ha_state()

    @callback
    def _async_treadmill_changed(self, event: Event[EventStateChangedData]) -> None:
        if reports(event.data["old_state"]) != reports(event.data["new_state"]):
            self._check()
            self.async_write_ha_state()

    def _check(self) -> None:
        """Check a start now, at the next session's speed; keep it for this write."""
        verdict = current_verdict(
            self.hass, self.data.settings, self.data.next_session().speed_m_s
        )
        self._attr_is_on = verdict.level is not VerdictLevel.BLOCK
        self._attr_extra_state_attributes = {
            "verdict": verdict.level.value,
            "reasons": [reason.value for reason in verdict.reasons],
        }
