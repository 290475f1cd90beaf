"""Named crash points for the exactly-once tests (``GOVMEDIA_CRASH_AT``).

``GOVMEDIA_CRASH_AT=after:wechat.submit`` makes the process kill itself with SIGKILL the
first time it passes that point (``...#2`` the second time). Unset, :func:`crash_point` is a
no-op. The points: ``before:<op>`` (intent written, call not made), ``after:<op>`` (call
answered, outcome not yet in the ledger) and ``recorded:<op>`` (outcome written), for the
ops ``wechat.draft``, ``wechat.submit``, ``wechat.poll``, ``weibo.share``, ``app.push``,
``wechat.delete``, ``weibo.destroy``, ``app.retract``; and ``before:ledger.claim`` (claims
committed, not pushed), ``after:ledger.claim`` (claims pushed, no platform call yet).
"""

from __future__ import annotations

import os
import signal
import threading

_counts: dict[str, int] = {}
_lock = threading.Lock()


def crash_point(name: str) -> None:
    wanted = os.environ.get("GOVMEDIA_CRASH_AT", "")
    if not wanted:
        return
    target, _, nth = wanted.partition("#")
    if target != name:
        return
    with _lock:
        _counts[name] = _counts.get(name, 0) + 1
        hit = _counts[name] == int(nth or 1)
    if hit:
        os.kill(os.getpid(), signal.SIGKILL)
