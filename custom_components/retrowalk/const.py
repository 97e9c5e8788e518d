"""Constants for retrowalk."""

from __future__ import annotations

from enum import StrEnum
import logging
from typing import Final

DOMAIN: Final = "retrowalk"
LOGGER = logging.getLogger(__package__)

# Entry data: who the person is (reconfigure flow).
CONF_HEIGHT: Final = "height"
CONF_AGE: Final = "age"
CONF_SEX: Final = "sex"
CONF_LEVEL: Final = "level"
CONF_CONTRAINDICATIONS: Final = "contraindications"
CONF_LINKED_PERSON: Final = "linked_person"
"""Home Assistant's ``person.*`` entity this person is, optional: their user's voice
requests, actions and card mean this person when nobody is named."""

# Entry options: what changes day to day (options flow).
CONF_WEIGHT: Final = "weight"
CONF_PLANNED_AT: Final = "planned_at"
CONF_SURFACE: Final = "surface"
CONF_GOAL_SESSIONS: Final = "goal_sessions"
CONF_GOAL_MINUTES: Final = "goal_minutes"
CONF_ILLUMINANCE_SENSOR: Final = "illuminance_sensor"
CONF_LUX_THRESHOLD: Final = "lux_threshold"
CONF_HEART_RATE_SENSOR: Final = "heart_rate_sensor"
CONF_REFRESH_INTERVAL: Final = "refresh_interval"
CONF_PATH_CHECK_EVERY: Final = "path_check_every"
CONF_POSTURE_EVERY: Final = "posture_every"
CONF_HYDRATE_EVERY: Final = "hydrate_every"
CONF_REMINDERS: Final = "reminders"
"""Options form only: the reminders that are on (stored as ``reminders_off``)."""
CONF_REMINDERS_OFF: Final = "reminders_off"
"""Reminder types the person switched off (new types start on)."""
CONF_NOTIFY_ENTITIES: Final = "notify_entities"
CONF_MEDIA_PLAYERS: Final = "media_players"
CONF_TTS_ENTITY: Final = "tts_entity"
CONF_COMPANION_DEVICES: Final = "companion_devices"
"""Companion-app notify services (``mobile_app_<device>``) that show the session live."""
CONF_COMPANION_REMINDERS: Final = "companion_reminders"
"""Whether the safety reminders also go to the companion devices."""

# Treadmill bridge (options): the treadmill's own entities, auto-pause and speed control.
CONF_TREADMILL_SPEED: Final = "treadmill_speed"
"""Belt speed sensor (device class speed, any unit Home Assistant converts)."""
CONF_TREADMILL_INCLINE: Final = "treadmill_incline"
"""Belt incline sensor, in %."""
CONF_TREADMILL_DISTANCE: Final = "treadmill_distance"
"""Belt distance sensor (device class distance)."""
CONF_TREADMILL_STEPS: Final = "treadmill_steps"
"""Total steps counted by the treadmill."""
CONF_TREADMILL_DIRECTION: Final = "treadmill_direction"
"""Movement direction sensor (enum, such as forward/backward)."""
CONF_TREADMILL_TARGET_SPEED: Final = "treadmill_target_speed"
"""Number entity that sets the belt's speed."""
CONF_TREADMILL_TARGET_INCLINE: Final = "treadmill_target_incline"
"""Number entity that sets the belt's incline."""
CONF_TREADMILL_POWER: Final = "treadmill_power"
"""Button (start/stop) or switch (belt on/off)."""
CONF_AUTO_PAUSE: Final = "auto_pause"
"""Pause while the belt stands still (default on when a speed sensor is set)."""
CONF_AUTO_PAUSE_AFTER: Final = "auto_pause_after"
"""Seconds at 0 before the session pauses."""
CONF_SPEED_CONTROL: Final = "speed_control"
"""retrowalk sets the belt's speed and incline per phase (default off)."""
CONF_RAMP_STEP: Final = "ramp_step"
"""Largest speed change per ramp step, stored in m/s."""
CONF_RAMP_EVERY: Final = "ramp_every"
"""Seconds between two ramp steps."""

# Options removed in 1.2: the next session comes from the plan (and an override).
LEGACY_CONF_DURATION: Final = "duration"
LEGACY_CONF_SPEED: Final = "speed"

# Stored units: weight in kg, height in cm; minutes and seconds as named.
DEFAULT_PLANNED_AT: Final = "18:00:00"
DEFAULT_GOAL_SESSIONS: Final = 3
DEFAULT_GOAL_MINUTES: Final = 30
DEFAULT_LUX_THRESHOLD: Final = 50
DEFAULT_REFRESH_INTERVAL_S: Final = 60

# Reminder intervals, in minutes of walking.
DEFAULT_PATH_CHECK_EVERY_MIN: Final = 2
DEFAULT_POSTURE_EVERY_MIN: Final = 5
DEFAULT_HYDRATE_EVERY_MIN: Final = 10

# Treadmill bridge defaults.
DEFAULT_AUTO_PAUSE_AFTER_S: Final = 5
DEFAULT_RAMP_STEP_M_S: Final = 0.5 / 3.6
"""0.5 km/h per step."""
DEFAULT_RAMP_EVERY_S: Final = 5
# Bounds on every entered value: sim/bounds.py (shared with the simulation).

EVENT_SESSION: Final = f"{DOMAIN}_session"
"""Bus event fired on every session transition."""
EVENT_REMINDER: Final = f"{DOMAIN}_reminder"
"""Bus event fired for every in-session safety reminder."""
EVENT_NOTIFICATION_ACTION: Final = "mobile_app_notification_action"
"""Fired by the companion apps when a notification button is tapped."""

ATTR_ACKNOWLEDGE: Final = "acknowledge_warnings"
ATTR_CONFIG_ENTRY_ID: Final = "config_entry_id"
ATTR_DURATION: Final = "duration"
ATTR_SPEED: Final = "speed"
ATTR_INCLINE: Final = "incline"
ATTR_PROGRAM: Final = "program"
ATTR_MINUTES: Final = "minutes"
ATTR_STARTED_AT: Final = "started_at"
ATTR_DISTANCE: Final = "distance"
ATTR_ENERGY: Final = "energy"
ATTR_START: Final = "start"
ATTR_END: Final = "end"
ATTR_CLIENT_ID: Final = "client_id"
ATTR_SESSION_ID: Final = "session_id"


class SessionPhase(StrEnum):
    """What a person's session is doing, as shown by the phase sensor."""

    IDLE = "idle"
    WARMUP = "warmup"
    ACTIVE = "active"
    PAUSED = "paused"
    COOLDOWN = "cooldown"
    FINISHED = "finished"


class SessionEvent(StrEnum):
    """Transitions announced on the bus (and, later, as device triggers)."""

    STARTED = "started"
    PAUSED = "paused"
    RESUMED = "resumed"
    EXTENDED = "extended"
    PHASE_CHANGED = "phase_changed"
    FINISHED = "finished"
    STOPPED = "stopped"
