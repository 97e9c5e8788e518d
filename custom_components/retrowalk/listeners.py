"""Callbacks told about a change, each on its own, and events held until Home Assistant runs.

One callback that raises is logged and skipped; the others still run, and so
does whatever the caller does next (scheduling the next wake-up, saving).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from homeassistant.const import EVENT_HOMEASSISTANT_STARTED
from homeassistant.core import CALLBACK_TYPE, CoreState, Event, HomeAssistant, callback

from .const import LOGGER


class Listeners[**P]:
    """An ordered set of callbacks, each run isolated from the others.

    A failing callback is logged with its traceback once; while it keeps
    failing, later failures are logged at debug level only, so a callback that
    raises at every refresh does not flood the log.
    """

    def __init__(self, owner: str) -> None:
        """Name the owner for the log."""
        self._owner = owner
        self._callbacks: list[Callable[P, None]] = []
        self._failing: list[Callable[P, None]] = []

    @callback
    def async_add(self, update: Callable[P, None]) -> CALLBACK_TYPE:
        """Call ``update`` on every notification; returns the remover."""
        self._callbacks.append(update)

        @callback
        def remove() -> None:
            self._callbacks.remove(update)
            if update in self._failing:
                self._failing.remove(update)

        return remove

    @callback
    def async_notify(self, *args: P.args, **kwargs: P.kwargs) -> None:
        """Call every callback; one that raises does not stop the others."""
        for update in list(self._callbacks):
            try:
                update(*args, **kwargs)
            except Exception:  # noqa: BLE001 - logged; the other listeners go on
                if update in self._failing:
                    LOGGER.debug("%s: %r failed again", self._owner, update)
                else:
                    self._failing.append(update)
                    LOGGER.exception("%s: %r failed", self._owner, update)
            else:
                if update in self._failing:
                    self._failing.remove(update)


@callback
def async_run_when_started(hass: HomeAssistant, job: Callable[[], Any]) -> None:
    """Run the callback ``job`` now, or once Home Assistant has started if it is starting.

    For events found while Home Assistant starts (a session that ended while it
    was down): fired earlier, they would reach no automation, whose triggers are
    armed only at the start. While it stops (a session paused because it stops)
    the job runs at once: no start follows.
    """
    if hass.state not in (CoreState.not_running, CoreState.starting):
        job()
        return

    @callback
    def _started(_event: Event) -> None:
        job()

    hass.bus.async_listen_once(EVENT_HOMEASSISTANT_STARTED, _started)
