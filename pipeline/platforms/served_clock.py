"""A platform's own clock, read from the ``Date`` header of its replies (RFC 9110 §6.6.1).

Time windows the platform enforces (the 24 hours in which WeChat answers a resent
``clientmsgid`` with the first mass send) run on the platform's clock, not ours: the
publisher measures them on both and trusts the longer.
"""

from __future__ import annotations

import email.utils
import threading

import httpx


class ServedClock:
    """The Unix time of the latest reply that carried a valid ``Date`` header."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.latest: float | None = None

    def observe(self, response: httpx.Response) -> None:
        text = response.headers.get("Date", "")
        try:
            when = email.utils.parsedate_to_datetime(text).timestamp() if text else None
        except (TypeError, ValueError):
            when = None
        if when is not None:
            with self._lock:
                self.latest = when


def watch_clock(http: httpx.Client) -> ServedClock:
    """The :class:`ServedClock` fed by every reply ``http`` receives (attached once)."""
    found = getattr(http, "_govmedia_served_clock", None)
    if isinstance(found, ServedClock):
        return found
    clock = ServedClock()
    http.event_hooks["response"].append(clock.observe)
    http._govmedia_served_clock = clock  # type: ignore[attr-defined]
    return clock
