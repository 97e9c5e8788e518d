"""A person's settings, read from the config entry in the core's units."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import time
from typing import Any

from homeassistant.const import CONF_NAME
from homeassistant.util import dt as dt_util

from .const import (
    CONF_AGE,
    CONF_AUTO_PAUSE,
    CONF_AUTO_PAUSE_AFTER,
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
    CONF_RAMP_EVERY,
    CONF_RAMP_STEP,
    CONF_REFRESH_INTERVAL,
    CONF_REMINDERS_OFF,
    CONF_SEX,
    CONF_SPEED_CONTROL,
    CONF_SURFACE,
    CONF_TREADMILL_DIRECTION,
    CONF_TREADMILL_DISTANCE,
    CONF_TREADMILL_INCLINE,
    CONF_TREADMILL_POWER,
    CONF_TREADMILL_SPEED,
    CONF_TREADMILL_STEPS,
    CONF_TREADMILL_TARGET_INCLINE,
    CONF_TREADMILL_TARGET_SPEED,
    CONF_TTS_ENTITY,
    CONF_WEIGHT,
    DEFAULT_AUTO_PAUSE_AFTER_S,
    DEFAULT_GOAL_MINUTES,
    DEFAULT_GOAL_SESSIONS,
    DEFAULT_HYDRATE_EVERY_MIN,
    DEFAULT_LUX_THRESHOLD,
    DEFAULT_PATH_CHECK_EVERY_MIN,
    DEFAULT_PLANNED_AT,
    DEFAULT_POSTURE_EVERY_MIN,
    DEFAULT_RAMP_EVERY_S,
    DEFAULT_RAMP_STEP_M_S,
    DEFAULT_REFRESH_INTERVAL_S,
)
from .sim.body import Body, Sex
from .sim.plan import Level, WeeklyGoal
from .sim.reminders import ReminderType
from .sim.safety import Contraindication, speed_cap_m_s
from .sim.surfaces import Surface


@dataclass(frozen=True, slots=True)
class ReminderSettings:
    """How often reminders repeat and where they are delivered besides the event entity."""

    path_check_every_s: int
    posture_every_s: int
    hydrate_every_s: int
    notify_entities: tuple[str, ...] = ()
    media_players: tuple[str, ...] = ()
    tts_entity: str | None = None
    off: frozenset[ReminderType] = frozenset()
    """The kinds the person switched off."""

    @classmethod
    def from_options(cls, options: Mapping[str, Any]) -> ReminderSettings:
        """Read the reminder options (intervals in minutes)."""

        def every_s(key: str, default: int) -> int:
            return round(float(options.get(key, default)) * 60)

        return cls(
            path_check_every_s=every_s(
                CONF_PATH_CHECK_EVERY, DEFAULT_PATH_CHECK_EVERY_MIN
            ),
            posture_every_s=every_s(CONF_POSTURE_EVERY, DEFAULT_POSTURE_EVERY_MIN),
            hydrate_every_s=every_s(CONF_HYDRATE_EVERY, DEFAULT_HYDRATE_EVERY_MIN),
            notify_entities=tuple(options.get(CONF_NOTIFY_ENTITIES, ())),
            media_players=tuple(options.get(CONF_MEDIA_PLAYERS, ())),
            tts_entity=options.get(CONF_TTS_ENTITY) or None,
            off=frozenset(
                ReminderType(kind)
                for kind in options.get(CONF_REMINDERS_OFF, ())
                if kind in set(ReminderType)
            ),
        )


@dataclass(frozen=True, slots=True)
class CompanionSettings:
    """The companion-app devices that mirror the session (the one place to pick phones)."""

    services: tuple[str, ...] = ()
    """Notify services of the devices, ``mobile_app_<device>``."""
    reminders: bool = False
    """The safety reminders also go to these devices, as ordinary notifications."""

    @classmethod
    def from_options(cls, options: Mapping[str, Any]) -> CompanionSettings:
        """Read the companion options."""
        return cls(
            services=tuple(options.get(CONF_COMPANION_DEVICES, ())),
            reminders=bool(options.get(CONF_COMPANION_REMINDERS, False)),
        )


@dataclass(frozen=True, slots=True)
class TreadmillSettings:
    """The treadmill's own entities, auto-pause and speed control (all optional)."""

    speed_sensor: str | None = None
    incline_sensor: str | None = None
    distance_sensor: str | None = None
    steps_sensor: str | None = None
    direction_sensor: str | None = None
    target_speed: str | None = None
    """Number entity that sets the belt's speed."""
    target_incline: str | None = None
    """Number entity that sets the belt's incline."""
    power: str | None = None
    """Button (pressed to stop) or switch (belt on/off)."""
    auto_pause: bool = False
    auto_pause_after_s: int = DEFAULT_AUTO_PAUSE_AFTER_S
    speed_control: bool = False
    ramp_step_m_s: float = DEFAULT_RAMP_STEP_M_S
    """Largest speed change of one ramp step."""
    ramp_every_s: int = DEFAULT_RAMP_EVERY_S
    """Seconds between two ramp steps."""

    @property
    def sensors(self) -> tuple[str, ...]:
        """The sensors set, whose readings make a session's figures."""
        return tuple(
            entity
            for entity in (
                self.speed_sensor,
                self.incline_sensor,
                self.distance_sensor,
                self.steps_sensor,
                self.direction_sensor,
            )
            if entity
        )

    @property
    def controlled(self) -> bool:
        """Whether retrowalk sets the belt's speed (switched on, with a number)."""
        return self.speed_control and self.target_speed is not None

    @classmethod
    def from_options(cls, options: Mapping[str, Any]) -> TreadmillSettings:
        """Read the treadmill options (ramp step in m/s)."""

        def entity(key: str) -> str | None:
            return options.get(key) or None

        speed_sensor = entity(CONF_TREADMILL_SPEED)
        return cls(
            speed_sensor=speed_sensor,
            incline_sensor=entity(CONF_TREADMILL_INCLINE),
            distance_sensor=entity(CONF_TREADMILL_DISTANCE),
            steps_sensor=entity(CONF_TREADMILL_STEPS),
            direction_sensor=entity(CONF_TREADMILL_DIRECTION),
            target_speed=entity(CONF_TREADMILL_TARGET_SPEED),
            target_incline=entity(CONF_TREADMILL_TARGET_INCLINE),
            power=entity(CONF_TREADMILL_POWER),
            auto_pause=bool(options.get(CONF_AUTO_PAUSE, speed_sensor is not None)),
            auto_pause_after_s=int(
                options.get(CONF_AUTO_PAUSE_AFTER, DEFAULT_AUTO_PAUSE_AFTER_S)
            ),
            speed_control=bool(options.get(CONF_SPEED_CONTROL, False)),
            ramp_step_m_s=float(options.get(CONF_RAMP_STEP, DEFAULT_RAMP_STEP_M_S)),
            ramp_every_s=int(options.get(CONF_RAMP_EVERY, DEFAULT_RAMP_EVERY_S)),
        )


@dataclass(frozen=True, slots=True)
class PersonSettings:
    """Everything the controller needs to know about a person."""

    name: str
    body: Body
    level: Level
    surface: Surface
    planned_at: time
    """Local time of day of the planned sessions."""
    goal: WeeklyGoal
    contraindications: frozenset[Contraindication]
    illuminance_sensor: str | None
    lux_threshold: float
    heart_rate_sensor: str | None
    refresh_s: int
    reminders: ReminderSettings
    companion: CompanionSettings = CompanionSettings()
    treadmill: TreadmillSettings = TreadmillSettings()
    """Empty unless the surface is a treadmill (the options stay stored)."""
    linked_person: str | None = None
    """Home Assistant's ``person.*`` entity for this person, if linked."""

    @property
    def speed_cap_m_s(self) -> float:
        """Highest backward speed advised for this person on this surface."""
        return speed_cap_m_s(self.level, self.surface)

    @property
    def sensor_entities(self) -> tuple[str, ...]:
        """Configured sensor entities, for the missing-sensor repair."""
        return tuple(
            entity
            for entity in (self.illuminance_sensor, self.heart_rate_sensor)
            if entity
        )

    @classmethod
    def from_entry(
        cls, data: Mapping[str, Any], options: Mapping[str, Any]
    ) -> PersonSettings:
        """Build from entry data (who) and options (day to day)."""
        sex = data.get(CONF_SEX)
        return cls(
            name=data[CONF_NAME],
            body=Body(
                weight_kg=float(options[CONF_WEIGHT]),
                height_cm=_optional_float(data.get(CONF_HEIGHT)),
                age=_optional_int(data.get(CONF_AGE)),
                sex=Sex(sex) if sex else None,
            ),
            level=Level(data[CONF_LEVEL]),
            surface=Surface(options[CONF_SURFACE]),
            planned_at=planned_time(options.get(CONF_PLANNED_AT)),
            goal=WeeklyGoal(
                sessions_per_week=int(
                    options.get(CONF_GOAL_SESSIONS, DEFAULT_GOAL_SESSIONS)
                ),
                minutes_per_week=float(
                    options.get(CONF_GOAL_MINUTES, DEFAULT_GOAL_MINUTES)
                ),
            ),
            contraindications=frozenset(
                Contraindication(item) for item in data.get(CONF_CONTRAINDICATIONS, [])
            ),
            illuminance_sensor=options.get(CONF_ILLUMINANCE_SENSOR) or None,
            lux_threshold=float(options.get(CONF_LUX_THRESHOLD, DEFAULT_LUX_THRESHOLD)),
            heart_rate_sensor=options.get(CONF_HEART_RATE_SENSOR) or None,
            refresh_s=int(
                options.get(CONF_REFRESH_INTERVAL, DEFAULT_REFRESH_INTERVAL_S)
            ),
            reminders=ReminderSettings.from_options(options),
            companion=CompanionSettings.from_options(options),
            treadmill=(
                TreadmillSettings.from_options(options)
                if Surface(options[CONF_SURFACE]).is_treadmill
                else TreadmillSettings()
            ),
            linked_person=data.get(CONF_LINKED_PERSON) or None,
        )


def planned_time(value: Any) -> time:
    """The planned time of day of an option (``HH:MM[:SS]``), 18:00 when unset."""
    parsed = dt_util.parse_time(value) if isinstance(value, str) else None
    return parsed or time.fromisoformat(DEFAULT_PLANNED_AT)


def _optional_float(value: Any) -> float | None:
    return None if value in (None, "") else float(value)


def _optional_int(value: Any) -> int | None:
    return None if value in (None, "") else int(value)
