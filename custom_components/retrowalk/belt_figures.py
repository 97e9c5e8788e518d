"""A session's figures measured by the treadmill's own sensors, pushed by their readings.

With a speed sensor, distance and energy come from the belt's speed (and incline)
instead of the plan; with a direction sensor only time walking backwards counts;
with a steps sensor the steps are the sensor's. Each reading counts from its arrival
until the next one, for at most ``MAX_READING_AGE_S`` seconds of walking, as the
heart-rate energy does; pauses do not count. A reading is also taken at every
session change and refresh, so a belt whose speed stays the same keeps counting.
The readings live in the stored session: a restart keeps them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
import math
from typing import TYPE_CHECKING, Any

from homeassistant.components import persistent_notification
from homeassistant.const import ATTR_UNIT_OF_MEASUREMENT, UnitOfLength
from homeassistant.core import CALLBACK_TYPE, Event, HomeAssistant, State, callback
from homeassistant.util import dt as dt_util
from homeassistant.util.unit_conversion import DistanceConverter

from .belt_number import speed_in_m_s
from .const import DOMAIN
from .models import MAX_COUNTER_M, MAX_COUNTER_STEPS, ActiveSession, BeltReadings
from .readings import MAX_READING_AGE_S, async_track_readings, numeric_reading
from .safety import silent_sensors
from .settings import PersonSettings, TreadmillSettings
from .sim.energy import MAX_GRADE, MAX_SPEED_M_S, MIN_GRADE, Direction
from .sim.session import SessionSnapshot, WalkingRates, walking_rates
from .storage import SaveWithin
from .texts import async_texts

if TYPE_CHECKING:
    from .controller import SessionController

BACKWARD_STATES = frozenset({"backward", "backwards", "reverse"})
FORWARD_STATES = frozenset({"forward", "forwards"})


@dataclass(frozen=True, slots=True)
class Measured:
    """A session's totals as measured, with the rates of the last reading."""

    walked_s: float
    """Seconds walking backwards (all walking time without a direction sensor);
    with a speed sensor, only those at a known speed, as distance and energy."""
    distance_m: float
    kcal: float
    steps: float
    distance_m_per_min: float
    kcal_per_min: float
    steps_per_min: float
    speed_m_s: float | None
    """The belt's speed (None without a speed sensor, or when its speed is unknown)."""
    turns: int | None
    """Times the person turned round (None without a direction sensor)."""


def measures(treadmill: TreadmillSettings) -> bool:
    """Whether any of the treadmill's sensors changes a session's figures."""
    return any(entity != treadmill.incline_sensor for entity in treadmill.sensors)


def measured(
    active: ActiveSession,
    settings: PersonSettings,
    snapshot: SessionSnapshot,
    *,
    walking: bool,
) -> Measured | None:
    """The session's measured figures after ``snapshot.elapsed_s`` of walking.

    None when no treadmill sensor is set or no reading came yet. Distance and
    steps are the treadmill's counters where it has them; else they follow the
    measured speed (and its cadence). Without a speed sensor, distance and energy
    are the plan's, shared by the time walked backwards.
    """
    treadmill, belt = settings.treadmill, active.belt
    if belt is None or not measures(treadmill):
        return None
    walked = snapshot.elapsed_s
    now = replace(belt)
    add_share(now, active, settings, walked)
    counting = _facing_back(belt, settings)
    rates = _rates(belt, active, settings)
    backward_s = now.backward_s
    if treadmill.speed_sensor:
        distance, kcal, cadence_steps = now.distance_m, now.kcal, now.cadence_steps
        per_min = (belt.speed_m_s * 60, rates.kcal_per_min, rates.steps_per_min)
    else:
        part = backward_s / walked if walked > 0 else 1.0
        distance = snapshot.distance_m * part
        kcal = snapshot.kcal * part
        cadence_steps = snapshot.steps * part
        per_min = (
            snapshot.distance_m_per_min,
            snapshot.kcal_per_min,
            snapshot.steps_per_min,
        )
    speed_known = not treadmill.speed_sensor or walked < _speed_known_until(belt)
    if not (walking and counting and speed_known):
        per_min = (0.0, 0.0, 0.0)
    steps = cadence_steps
    if treadmill.steps_sensor and belt.counted_steps is not None:
        steps = belt.counted_steps
    distance_from_speed = True
    if treadmill.distance_sensor and belt.counted_m is not None:
        distance, distance_from_speed = belt.counted_m, False
    return Measured(
        walked_s=(
            # Minutes and metres from the same readings: the speed's, unless a
            # distance counter gives the metres.
            now.speed_s
            if treadmill.speed_sensor and distance_from_speed
            else backward_s
            if treadmill.direction_sensor
            else walked
        ),
        distance_m=distance,
        kcal=kcal,
        steps=steps,
        distance_m_per_min=per_min[0],
        kcal_per_min=per_min[1],
        steps_per_min=0.0 if treadmill.steps_sensor else per_min[2],
        speed_m_s=belt.speed_m_s if treadmill.speed_sensor and speed_known else None,
        turns=belt.turns if treadmill.direction_sensor else None,
    )


def add_share(
    belt: BeltReadings, active: ActiveSession, settings: PersonSettings, walked: float
) -> None:
    """Add the share of the reading held since ``belt.at_s``, up to ``walked``."""
    share = min(max(0.0, walked - belt.at_s), MAX_READING_AGE_S)
    if share > 0 and _facing_back(belt, settings):
        belt.backward_s += share
        moving = share
        if settings.treadmill.speed_sensor:
            moving = min(share, max(0.0, _speed_known_until(belt) - belt.at_s))
        rates = _rates(belt, active, settings)
        belt.speed_s += moving
        belt.distance_m += belt.speed_m_s * moving
        belt.kcal += rates.kcal_per_min * moving / 60
        belt.cadence_steps += rates.steps_per_min * moving / 60
    belt.at_s = walked


def _facing_back(belt: BeltReadings, settings: PersonSettings) -> bool:
    """Whether the last reading counts: facing backwards, or no direction sensor."""
    return belt.backward or settings.treadmill.direction_sensor is None


def _speed_known_until(belt: BeltReadings) -> float:
    """Seconds of walking up to which the held speed counts.

    A speed the sensor stopped giving holds for ``MAX_READING_AGE_S`` only;
    before the first usable value, none counts.
    """
    if belt.speed_read_s is None:
        return -math.inf
    return belt.speed_read_s + MAX_READING_AGE_S


def _rates(
    belt: BeltReadings, active: ActiveSession, settings: PersonSettings
) -> WalkingRates:
    """The model's rates at the held speed and incline."""
    return walking_rates(
        Direction.BACKWARD,
        belt.speed_m_s,
        belt.grade,
        settings.body,
        sessions_done=active.sessions_done,
    )


class BeltFigures:
    """Follows one person's treadmill sensors while a session walks.

    A sensor that stops reporting during a session is told in a notification,
    taken away when every sensor reports again.
    """

    def __init__(
        self,
        hass: HomeAssistant,
        entry_id: str,
        settings: PersonSettings,
        controller: SessionController,
    ) -> None:
        """Bind to a person."""
        self.hass = hass
        self.settings = settings
        self.controller = controller
        self.notification_id = f"{DOMAIN}_treadmill_sensor_{entry_id}"
        self._save = SaveWithin(hass, controller.storage.async_schedule_save)
        self._silent: tuple[str, ...] = ()
        """The sensors the notification names."""

    @callback
    def async_start(self) -> CALLBACK_TYPE:
        """Follow the sensors and the session; return the undo."""
        treadmill = self.settings.treadmill
        if not measures(treadmill):
            return lambda: None
        removers = [
            async_track_readings(
                self.hass, list(treadmill.sensors), self._async_reading
            ),
            self.controller.async_add_listener(self._async_take),
        ]

        @callback
        def stop() -> None:
            for remove in removers:
                remove()
            self._save.async_cancel()

        return stop

    @callback
    def _async_reading(self, _event: Event[Any]) -> None:
        self._async_take()

    @callback
    def _async_take(self) -> None:
        """Close the last reading's share and hold the sensors' values from now."""
        if (active := self.controller.active) is None:
            # The session ended: its sensor notice goes with it.
            if self._silent:
                self._silent = ()
                persistent_notification.async_dismiss(self.hass, self.notification_id)
            return
        self._async_check_silent()
        now = dt_util.utcnow()
        walked = active.active_s(now)
        belt = active.belt
        if belt is None:
            belt = active.belt = BeltReadings(at_s=walked)
        # Steps since the last reading were taken as it found the person: walking
        # or paused, facing backwards or not.
        counting = belt.walking and _facing_back(belt, self.settings)
        add_share(belt, active, self.settings, walked)
        self._read(belt)
        self._read_counters(belt, counting=counting)
        belt.walking = active.paused_at is None
        self._save.async_changed()

    @callback
    def _async_check_silent(self) -> None:
        """Tell when a sensor stops reporting in a session; take it back when all report."""
        silent = tuple(silent_sensors(self.hass, self.settings))
        if silent == self._silent:
            return
        self._silent = silent
        if not silent:
            persistent_notification.async_dismiss(self.hass, self.notification_id)
            return
        self.hass.async_create_task(self._async_notify_silent(silent))

    async def _async_notify_silent(self, silent: tuple[str, ...]) -> None:
        texts = await async_texts(self.hass, "exceptions")
        if silent != self._silent:  # changed while the texts loaded
            return
        values = {"name": self.settings.name, "entity": ", ".join(silent)}
        persistent_notification.async_create(
            self.hass,
            texts["treadmill_sensor_silent.message"].format(**values),
            title=texts["treadmill_title.message"].format(**values),
            notification_id=self.notification_id,
        )

    def _read(self, belt: BeltReadings) -> None:
        """Hold the sensors' current values; one without a usable value keeps its last."""
        treadmill, states = self.settings.treadmill, self.hass.states
        if treadmill.speed_sensor:
            speed = speed_in_m_s(states.get(treadmill.speed_sensor))
            if speed is not None and 0 <= speed <= MAX_SPEED_M_S:
                belt.speed_m_s, belt.speed_read_s = speed, belt.at_s
        incline = numeric_reading(self.hass, treadmill.incline_sensor, -100, 100)
        if incline is not None:
            belt.grade = min(max(incline / 100, MIN_GRADE), MAX_GRADE)
        if treadmill.direction_sensor:
            state = states.get(treadmill.direction_sensor)
            value = "" if state is None else state.state.strip().lower()
            backward = (
                True
                if value in BACKWARD_STATES
                else False
                if value in FORWARD_STATES
                else belt.backward
            )
            if backward != belt.backward:
                belt.turns += 1
                belt.backward = backward

    def _read_counters(self, belt: BeltReadings, *, counting: bool) -> None:
        """Add the steps and distance counters' increase since the last reading."""
        treadmill, states = self.settings.treadmill, self.hass.states
        if treadmill.steps_sensor:
            steps = numeric_reading(
                self.hass, treadmill.steps_sensor, 0, MAX_COUNTER_STEPS
            )
            belt.steps_reading, added = _counted(belt.steps_reading, steps)
            if belt.steps_reading is not None:
                belt.counted_steps = (belt.counted_steps or 0.0) + added * counting
        if treadmill.distance_sensor:
            metres = _metres(states.get(treadmill.distance_sensor))
            belt.distance_reading_m, added = _counted(belt.distance_reading_m, metres)
            if belt.distance_reading_m is not None:
                belt.counted_m = (belt.counted_m or 0.0) + added * counting


def _counted(last: float | None, reading: float | None) -> tuple[float | None, float]:
    """A counter's new value and what it added since ``last``.

    No reading keeps the last value; a counter that went down was reset (a new
    workout on the treadmill) and counts from zero.
    """
    if reading is None:
        return last, 0.0
    if last is None:
        return reading, 0.0
    return reading, reading - last if reading >= last else reading


def _metres(state: State | None) -> float | None:
    """A distance sensor's value in metres (a sensor naming no unit counts metres)."""
    if state is None:
        return None
    unit = state.attributes.get(ATTR_UNIT_OF_MEASUREMENT) or UnitOfLength.METERS
    try:
        value = float(state.state)
    except ValueError:
        return None
    if unit not in DistanceConverter.VALID_UNITS:
        return None
    metres = DistanceConverter.convert(value, unit, UnitOfLength.METERS)
    return metres if 0 <= metres <= MAX_COUNTER_M else None
