"""Session commands shared by buttons, the switch, actions and voice."""

from __future__ import annotations

from .data import RetrowalkData


async def async_start_next(data: RetrowalkData) -> None:
    """Start the person's next session: the plan's, or the override."""
    upcoming = data.next_session()
    await data.controller.async_start(
        upcoming.duration_s, upcoming.speed_m_s, upcoming.grade, upcoming.program
    )


async def async_toggle_pause(data: RetrowalkData) -> None:
    """Pause a walking session, resume a paused one."""
    if data.controller.paused:
        await data.controller.async_resume()
    else:
        await data.controller.async_pause()
