"""A virtual treadmill for the tests: real entities in the test Home Assistant.

It stands in for a treadmill integration (FTMS, WalkingPad): a device with

- ``number.treadmill_target_speed`` and ``number.treadmill_target_incline``,
- ``sensor.treadmill_speed`` (km/h unless told otherwise), ``sensor.treadmill_incline``,
  ``sensor.treadmill_distance`` (m), ``sensor.treadmill_steps`` and the enum
  ``sensor.treadmill_movement_direction`` (forward/backward),
- ``switch.treadmill_belt`` and the buttons ``button.treadmill_start`` and
  ``button.treadmill_stop``.

The belt follows the target speed (while it runs; 0 while it is stopped) with a
limited acceleration, and its incline follows the target incline likewise. It
moves push-wise: each step is a callback scheduled with
``async_track_point_in_utc_time``, so ``freezer`` plus ``async_fire_time_changed``
drive it. Distance and steps are integrated exactly over the time that passed,
however late a step fires. A test can make it ignore commands or go unavailable.

It is a test-only integration (domain ``virtual_treadmill``) mocked into the
test Home Assistant with the helpers of pytest-homeassistant-custom-component.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
import math
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.button import ButtonEntity
from homeassistant.components.number import NumberDeviceClass, NumberEntity, NumberMode
from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorStateClass,
)
from homeassistant.components.switch import SwitchEntity
from homeassistant.config_entries import ConfigEntry, ConfigFlow
from homeassistant.const import (
    EVENT_HOMEASSISTANT_CLOSE,
    PERCENTAGE,
    Platform,
    UnitOfLength,
    UnitOfSpeed,
)
from homeassistant.core import CALLBACK_TYPE, Event, HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers.device_registry import DeviceInfo
from homeassistant.helpers.entity import Entity
from homeassistant.helpers.event import async_track_point_in_utc_time
from homeassistant.util import dt as dt_util
from homeassistant.util.unit_conversion import SpeedConverter
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    MockModule,
    MockPlatform,
    async_fire_time_changed,
    mock_config_flow,
    mock_integration,
    mock_platform,
)

from custom_components.retrowalk.const import (
    CONF_TREADMILL_DIRECTION,
    CONF_TREADMILL_DISTANCE,
    CONF_TREADMILL_INCLINE,
    CONF_TREADMILL_POWER,
    CONF_TREADMILL_SPEED,
    CONF_TREADMILL_STEPS,
    CONF_TREADMILL_TARGET_INCLINE,
    CONF_TREADMILL_TARGET_SPEED,
)

TREADMILL_DOMAIN = "virtual_treadmill"
PLATFORMS = [Platform.BUTTON, Platform.NUMBER, Platform.SENSOR, Platform.SWITCH]

TARGET_SPEED = "number.treadmill_target_speed"
TARGET_INCLINE = "number.treadmill_target_incline"
SPEED = "sensor.treadmill_speed"
INCLINE = "sensor.treadmill_incline"
DISTANCE = "sensor.treadmill_distance"
STEPS = "sensor.treadmill_steps"
DIRECTION = "sensor.treadmill_movement_direction"
BELT = "switch.treadmill_belt"
START_BUTTON = "button.treadmill_start"
STOP_BUTTON = "button.treadmill_stop"

FORWARD = "forward"
BACKWARD = "backward"


@dataclass
class TreadmillSpec:
    """How the virtual treadmill is built; speeds in ``speed_unit``."""

    speed_unit: str = UnitOfSpeed.KILOMETERS_PER_HOUR
    """Unit of the speed sensor and the target-speed number."""
    min_speed: float = 0.5
    max_speed: float = 6.0
    speed_step: float = 0.1
    min_incline: float = 0.0
    max_incline: float = 15.0
    incline_step: float = 0.5
    acceleration_m_s2: float = 0.25
    """How fast the belt changes speed (0.9 km/h per second)."""
    incline_rate_pct_s: float = 1.0
    """How fast the deck tilts, in % per second."""
    tick_s: float = 1.0
    """How often a moving belt reports (seconds)."""
    step_length_m: float = 0.4
    direction: str = BACKWARD
    running: bool = False
    """Whether the belt runs from the start."""


@dataclass
class Belt:
    """The treadmill's physics: speed, incline, distance, in SI units."""

    spec: TreadmillSpec
    speed_m_s: float = 0.0
    incline_pct: float = 0.0
    distance_m: float = 0.0
    target_m_s: float = 0.0
    """The number's value, in m/s."""
    target_incline_pct: float = 0.0
    running: bool = False
    updated_at: datetime = field(default_factory=dt_util.utcnow)

    @property
    def commanded_m_s(self) -> float:
        """What the belt heads for: the target while it runs, else standstill."""
        return self.target_m_s if self.running else 0.0

    @property
    def settled(self) -> bool:
        """Standing still at its incline: nothing changes until a command."""
        return (
            self.speed_m_s == 0.0
            and self.commanded_m_s == 0.0
            and self.incline_pct == self.target_incline_pct
        )

    @property
    def steps(self) -> int:
        """Steps counted so far."""
        return math.floor(self.distance_m / self.spec.step_length_m + 1e-9)

    def advance(self, now: datetime) -> None:
        """Move the belt on to ``now``: accelerate, tilt, and add the distance."""
        elapsed = max(0.0, (now - self.updated_at).total_seconds())
        self.updated_at = now
        start, goal = self.speed_m_s, self.commanded_m_s
        rate = self.spec.acceleration_m_s2
        reach_s = abs(goal - start) / rate
        if elapsed >= reach_s:
            self.distance_m += (start + goal) / 2 * reach_s + goal * (elapsed - reach_s)
            self.speed_m_s = goal
        else:
            end = start + math.copysign(rate * elapsed, goal - start)
            self.distance_m += (start + end) / 2 * elapsed
            self.speed_m_s = end
        tilt = self.spec.incline_rate_pct_s * elapsed
        gap = self.target_incline_pct - self.incline_pct
        self.incline_pct = (
            self.target_incline_pct
            if abs(gap) <= tilt
            else self.incline_pct + math.copysign(tilt, gap)
        )


class VirtualTreadmill:
    """The device: its belt, its entities and the test's handles on them."""

    def __init__(self, hass: HomeAssistant, spec: TreadmillSpec) -> None:
        """Build the belt and its entities (added when the entry is set up)."""
        self.hass = hass
        self.spec = spec
        self.belt = Belt(spec, running=spec.running)
        self.direction = spec.direction
        self.ignore_commands = False
        """While set, the numbers, the switch and the buttons do nothing."""
        self.available = True
        self.fail_commands = False
        self.command_yields = 0
        """How many times a command lets others run before it is done (a slow link)."""
        self.busy = False
        self.overlaps = 0
        """While set, every command raises (a lost Bluetooth link)."""
        self.commands: list[tuple[str, Any]] = []
        """Every command received (also the ignored ones): (entity id, value)."""
        self.entry: MockConfigEntry | None = None
        self.closed = False
        """Home Assistant has closed: the belt no longer moves."""
        self._unsub_tick: CALLBACK_TYPE | None = None
        self.entities: dict[Platform, list[Entity]] = {
            Platform.NUMBER: [TargetSpeedNumber(self), TargetInclineNumber(self)],
            Platform.SENSOR: [
                SpeedSensor(self),
                InclineSensor(self),
                DistanceSensor(self),
                StepsSensor(self),
                DirectionSensor(self),
            ],
            Platform.SWITCH: [BeltSwitch(self)],
            Platform.BUTTON: [StartButton(self), StopButton(self)],
        }

    # What a test reads ---------------------------------------------------------

    @property
    def speed_m_s(self) -> float:
        """The belt's speed now (moved on to the current time)."""
        self.belt.advance(dt_util.utcnow())
        return self.belt.speed_m_s

    @property
    def distance_m(self) -> float:
        """The distance the belt has run so far."""
        self.belt.advance(dt_util.utcnow())
        return self.belt.distance_m

    def options(self, *, power: str = BELT) -> dict[str, str]:
        """The person's treadmill options pointing at this device's entities."""
        return {
            CONF_TREADMILL_SPEED: SPEED,
            CONF_TREADMILL_INCLINE: INCLINE,
            CONF_TREADMILL_DISTANCE: DISTANCE,
            CONF_TREADMILL_STEPS: STEPS,
            CONF_TREADMILL_DIRECTION: DIRECTION,
            CONF_TREADMILL_TARGET_SPEED: TARGET_SPEED,
            CONF_TREADMILL_TARGET_INCLINE: TARGET_INCLINE,
            CONF_TREADMILL_POWER: power,
        }

    def to_unit(self, speed_m_s: float) -> float:
        """A speed in the treadmill's unit."""
        return SpeedConverter.convert(
            speed_m_s, UnitOfSpeed.METERS_PER_SECOND, self.spec.speed_unit
        )

    def to_m_s(self, speed: float) -> float:
        """A speed in the treadmill's unit, in m/s."""
        return SpeedConverter.convert(
            speed, self.spec.speed_unit, UnitOfSpeed.METERS_PER_SECOND
        )

    # What a test does to it ----------------------------------------------------

    @callback
    def set_available(self, available: bool) -> None:
        """Take every entity off the air, or bring it back."""
        self.available = available
        self._async_write_all()

    @callback
    def set_direction(self, direction: str) -> None:
        """The person turned round (``forward`` or ``backward``)."""
        self.direction = direction
        self._async_write_all()

    @callback
    def set_running(self, running: bool) -> None:
        """Start or stop the belt by hand (the treadmill's own keys)."""
        self._async_apply(lambda: setattr(self.belt, "running", running))

    @callback
    def set_target_speed(self, speed: float) -> None:
        """Set the speed on the treadmill's own keys, in its unit."""
        self._async_apply(lambda: setattr(self.belt, "target_m_s", self.to_m_s(speed)))

    # Commands from Home Assistant ----------------------------------------------

    async def async_handle(
        self, entity_id: str, value: Any, change: Callable[[], None]
    ) -> None:
        """A command as a Bluetooth treadmill takes it: each taking a while.

        A command that arrives while another is still being handled counts in
        ``overlaps``.
        """
        self.overlaps += self.busy
        self.busy = True
        try:
            for _ in range(self.command_yields):
                await asyncio.sleep(0)
            self.async_command(entity_id, value, change)
        finally:
            self.busy = False

    @callback
    def async_command(
        self, entity_id: str, value: Any, change: Callable[[], None]
    ) -> None:
        """A command from an entity: record it, then apply it unless ignoring."""
        self.commands.append((entity_id, value))
        if self.fail_commands:
            raise HomeAssistantError("The treadmill did not answer")
        if not self.ignore_commands:
            self._async_apply(change)

    @callback
    def _async_apply(self, change: Callable[[], None]) -> None:
        """Bring the belt up to now, change it, report, and keep it moving."""
        self.belt.advance(dt_util.utcnow())
        change()
        self._async_write_all()
        self._async_schedule()

    # Time ----------------------------------------------------------------------

    @callback
    def _async_schedule(self) -> None:
        if self._unsub_tick is None and not self.belt.settled and not self.closed:
            self._unsub_tick = async_track_point_in_utc_time(
                self.hass,
                self._async_tick,
                dt_util.utcnow() + timedelta(seconds=self.spec.tick_s),
            )

    @callback
    def _async_tick(self, _now: datetime) -> None:
        self._unsub_tick = None
        self.belt.advance(dt_util.utcnow())
        self._async_write_all()
        self._async_schedule()

    @property
    def wake_up_scheduled(self) -> bool:
        """Whether the belt's next step is scheduled (it moves or tilts)."""
        return self._unsub_tick is not None

    @callback
    def async_close(self, _event: Event) -> None:
        """Home Assistant closes: no more steps (after its stop commands ran)."""
        self.closed = True
        self.async_shutdown()

    @callback
    def async_shutdown(self) -> None:
        """Stop moving (the entry unloads)."""
        if self._unsub_tick is not None:
            self._unsub_tick()
            self._unsub_tick = None

    @callback
    def _async_write_all(self) -> None:
        for entities in self.entities.values():
            for entity in entities:
                if entity.hass is not None:
                    entity.async_write_ha_state()


class TreadmillEntity(Entity):
    """One of the treadmill's entities."""

    _attr_has_entity_name = True
    _attr_should_poll = False

    def __init__(self, treadmill: VirtualTreadmill, key: str, name: str) -> None:
        """Name the entity after ``key`` on the treadmill's device."""
        self.treadmill = treadmill
        self._attr_name = name
        self._attr_unique_id = f"virtual_treadmill_{key}"
        self._attr_device_info = DeviceInfo(
            identifiers={(TREADMILL_DOMAIN, "treadmill")},
            name="Treadmill",
            manufacturer="retrowalk tests",
            model="Virtual treadmill",
        )

    @property
    def available(self) -> bool:
        """Whether the treadmill is on the air."""
        return self.treadmill.available


class TargetSpeedNumber(TreadmillEntity, NumberEntity):
    """The speed the belt heads for, in the treadmill's unit."""

    _attr_device_class = NumberDeviceClass.SPEED
    _attr_mode = NumberMode.BOX

    def __init__(self, treadmill: VirtualTreadmill) -> None:
        """Range and unit from the spec."""
        super().__init__(treadmill, "target_speed", "Target speed")
        spec = treadmill.spec
        self._attr_native_unit_of_measurement = spec.speed_unit
        self._attr_native_min_value = spec.min_speed
        self._attr_native_max_value = spec.max_speed
        self._attr_native_step = spec.speed_step

    @property
    def native_value(self) -> float:
        """The target, in the treadmill's unit."""
        return round(self.treadmill.to_unit(self.treadmill.belt.target_m_s), 3)

    async def async_set_native_value(self, value: float) -> None:
        """Head for ``value``."""
        treadmill = self.treadmill
        await treadmill.async_handle(
            self.entity_id,
            value,
            lambda: setattr(treadmill.belt, "target_m_s", treadmill.to_m_s(value)),
        )


class TargetInclineNumber(TreadmillEntity, NumberEntity):
    """The incline the deck heads for, in %."""

    _attr_native_unit_of_measurement = PERCENTAGE
    _attr_mode = NumberMode.BOX

    def __init__(self, treadmill: VirtualTreadmill) -> None:
        """Range from the spec."""
        super().__init__(treadmill, "target_incline", "Target incline")
        spec = treadmill.spec
        self._attr_native_min_value = spec.min_incline
        self._attr_native_max_value = spec.max_incline
        self._attr_native_step = spec.incline_step

    @property
    def native_value(self) -> float:
        """The target incline."""
        return self.treadmill.belt.target_incline_pct

    async def async_set_native_value(self, value: float) -> None:
        """Tilt towards ``value``."""
        belt = self.treadmill.belt
        await self.treadmill.async_handle(
            self.entity_id, value, lambda: setattr(belt, "target_incline_pct", value)
        )


class SpeedSensor(TreadmillEntity, SensorEntity):
    """The belt's speed, as the treadmill measures it."""

    _attr_device_class = SensorDeviceClass.SPEED
    _attr_state_class = SensorStateClass.MEASUREMENT

    def __init__(self, treadmill: VirtualTreadmill) -> None:
        """In the treadmill's unit."""
        super().__init__(treadmill, "speed", "Speed")
        self._attr_native_unit_of_measurement = treadmill.spec.speed_unit
        # Shown in its own unit whatever the unit system suggests.
        self._attr_suggested_unit_of_measurement = treadmill.spec.speed_unit

    @property
    def native_value(self) -> float:
        """Rounded as a display would show it."""
        return round(self.treadmill.to_unit(self.treadmill.belt.speed_m_s), 2)


class InclineSensor(TreadmillEntity, SensorEntity):
    """The deck's incline."""

    _attr_native_unit_of_measurement = PERCENTAGE
    _attr_state_class = SensorStateClass.MEASUREMENT

    def __init__(self, treadmill: VirtualTreadmill) -> None:
        """Named Incline."""
        super().__init__(treadmill, "incline", "Incline")

    @property
    def native_value(self) -> float:
        """In %, one decimal."""
        return round(self.treadmill.belt.incline_pct, 1)


class DistanceSensor(TreadmillEntity, SensorEntity):
    """The distance the belt has run."""

    _attr_device_class = SensorDeviceClass.DISTANCE
    _attr_state_class = SensorStateClass.TOTAL_INCREASING
    _attr_native_unit_of_measurement = UnitOfLength.METERS

    def __init__(self, treadmill: VirtualTreadmill) -> None:
        """Named Distance."""
        super().__init__(treadmill, "distance", "Distance")

    @property
    def native_value(self) -> float:
        """In whole decimetres."""
        return round(self.treadmill.belt.distance_m, 1)


class StepsSensor(TreadmillEntity, SensorEntity):
    """The steps the treadmill counted."""

    _attr_state_class = SensorStateClass.TOTAL_INCREASING
    _attr_native_unit_of_measurement = "steps"

    def __init__(self, treadmill: VirtualTreadmill) -> None:
        """Named Steps."""
        super().__init__(treadmill, "steps", "Steps")

    @property
    def native_value(self) -> int:
        """Whole steps."""
        return self.treadmill.belt.steps


class DirectionSensor(TreadmillEntity, SensorEntity):
    """Which way the person walks (an enum, as FTMS reports it)."""

    _attr_device_class = SensorDeviceClass.ENUM

    def __init__(self, treadmill: VirtualTreadmill) -> None:
        """Named Movement direction."""
        super().__init__(treadmill, "movement_direction", "Movement direction")
        self._attr_options = [FORWARD, BACKWARD]

    @property
    def native_value(self) -> str:
        """``forward`` or ``backward``."""
        return self.treadmill.direction


class BeltSwitch(TreadmillEntity, SwitchEntity):
    """The belt on or off (as a WalkingPad's belt switch)."""

    def __init__(self, treadmill: VirtualTreadmill) -> None:
        """Named Belt."""
        super().__init__(treadmill, "belt", "Belt")

    @property
    def is_on(self) -> bool:
        """Whether the belt runs."""
        return self.treadmill.belt.running

    async def async_turn_on(self, **kwargs: Any) -> None:
        """Start the belt."""
        await self._async_command(True)

    async def async_turn_off(self, **kwargs: Any) -> None:
        """Stop the belt."""
        await self._async_command(False)

    async def _async_command(self, running: bool) -> None:
        belt = self.treadmill.belt
        await self.treadmill.async_handle(
            self.entity_id, running, lambda: setattr(belt, "running", running)
        )


class StartButton(TreadmillEntity, ButtonEntity):
    """Start the belt (as an FTMS start button)."""

    def __init__(self, treadmill: VirtualTreadmill) -> None:
        """Named Start."""
        super().__init__(treadmill, "start", "Start")

    async def async_press(self) -> None:
        """Start the belt."""
        belt = self.treadmill.belt
        await self.treadmill.async_handle(
            self.entity_id, "press", lambda: setattr(belt, "running", True)
        )


class StopButton(TreadmillEntity, ButtonEntity):
    """Stop the belt (as an FTMS stop button)."""

    def __init__(self, treadmill: VirtualTreadmill) -> None:
        """Named Stop."""
        super().__init__(treadmill, "stop", "Stop")

    async def async_press(self) -> None:
        """Stop the belt."""
        belt = self.treadmill.belt
        await self.treadmill.async_handle(
            self.entity_id, "press", lambda: setattr(belt, "running", False)
        )


async def async_setup_virtual_treadmill(
    hass: HomeAssistant, spec: TreadmillSpec | None = None
) -> VirtualTreadmill:
    """Add the virtual treadmill to ``hass`` and set its entities up."""
    treadmill = VirtualTreadmill(hass, spec or TreadmillSpec())

    async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
        await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
        return True

    async def async_unload_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
        treadmill.async_shutdown()
        return await hass.config_entries.async_unload_platforms(entry, PLATFORMS)

    mock_integration(
        hass,
        MockModule(
            TREADMILL_DOMAIN,
            async_setup_entry=async_setup_entry,
            async_unload_entry=async_unload_entry,
        ),
    )
    # Config entries import a config flow platform; this one has none to offer.
    mock_platform(hass, f"{TREADMILL_DOMAIN}.config_flow", None)
    for platform, entities in treadmill.entities.items():
        mock_platform(
            hass,
            f"{TREADMILL_DOMAIN}.{platform}",
            MockPlatform(async_setup_entry=_adder(entities)),
        )
    hass.bus.async_listen_once(EVENT_HOMEASSISTANT_CLOSE, treadmill.async_close)
    entry = MockConfigEntry(domain=TREADMILL_DOMAIN, title="Treadmill")
    entry.add_to_hass(hass)
    with mock_config_flow(TREADMILL_DOMAIN, TreadmillFlow):
        assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    treadmill.entry = entry
    return treadmill


class TreadmillFlow(ConfigFlow):
    """The entry's flow handler (entries are added by the tests, never by a flow)."""

    VERSION = 1


def _adder(entities: list[Entity]) -> Any:
    async def async_setup_entry(
        hass: HomeAssistant, entry: ConfigEntry, async_add_entities: Any
    ) -> None:
        async_add_entities(entities)

    return async_setup_entry


async def async_run(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    seconds: float,
    step: float = 1.0,
) -> None:
    """Let ``seconds`` pass in steps of ``step``, firing what falls due."""
    elapsed = 0.0
    while elapsed < seconds - 1e-9:
        move = min(step, seconds - elapsed)
        freezer.tick(timedelta(seconds=move))
        async_fire_time_changed(hass)
        await hass.async_block_till_done()
        elapsed += move
