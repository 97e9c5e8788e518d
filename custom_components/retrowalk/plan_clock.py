"""Wake the entities when the next session moves on by time alone.

The next session changes on transitions and at midnight (both already
refresh the entities), and when today's planned session is over without
a walk: this schedules one wake-up for that moment.
"""

from __future__ import annotations

from datetime import datetime

from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers.event import async_track_point_in_utc_time
from homeassistant.util import dt as dt_util

from .data import RetrowalkData


@callback
def async_track_next_session_end(
    hass: HomeAssistant, data: RetrowalkData
) -> CALLBACK_TYPE:
    """Refresh when the next session's planned end passes; returns the remover."""
    unsub_timer: CALLBACK_TYPE | None = None

    @callback
    def schedule() -> None:
        nonlocal unsub_timer
        if unsub_timer is not None:
            unsub_timer()
            unsub_timer = None
        end = data.next_session().planned.end
        if end > dt_util.utcnow():
            unsub_timer = async_track_point_in_utc_time(hass, wake, end)

    @callback
    def wake(_now: datetime) -> None:
        nonlocal unsub_timer
        unsub_timer = None
        data.controller.async_refresh()  # tells the listeners, this one included

    remove_listener = data.controller.async_add_listener(schedule)
    schedule()

    @callback
    def remove() -> None:
        remove_listener()
        if unsub_timer is not None:
            unsub_timer()

    return remove
