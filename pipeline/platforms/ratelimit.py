"""Client-side rate limits per channel (token bucket), so a run respects each platform."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable

from pipeline.errors import ConfigError

# (requests per second, burst). Weibo: about 30 posts per user per app per hour.
DEFAULTS: dict[str, tuple[float, int]] = {
    "wechat": (10.0, 10),
    "weibo": (30 / 3600, 30),
    "app": (50.0, 50),
}


class RateLimiter:
    def __init__(
        self,
        rate: float,
        burst: int,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.rate = rate
        self.burst = burst
        self.tokens = float(burst)
        self.clock = clock
        self.sleep = sleep
        self.updated = clock()
        self.lock = threading.Lock()

    def acquire(self, max_wait: float = 5.0) -> bool:
        """Take one token, waiting up to ``max_wait`` s; False means the window is used up."""
        with self.lock:
            now = self.clock()
            self.tokens = min(self.burst, self.tokens + (now - self.updated) * self.rate)
            self.updated = now
            if self.tokens >= 1:
                self.tokens -= 1
                return True
            wait = (1 - self.tokens) / self.rate if self.rate > 0 else float("inf")
            if wait > max_wait:
                return False
            self.tokens -= 1  # reserve it
        self.sleep(wait)
        return True


def limiter_for(platform: str) -> RateLimiter:
    """``GOVMEDIA_RATE_<PLATFORM>=rate/burst`` (e.g. ``2/20``) overrides the defaults."""
    rate, burst = DEFAULTS.get(platform, (10.0, 10))
    name = f"GOVMEDIA_RATE_{platform.upper()}"
    override = os.environ.get(name, "")
    if override:
        left, _, right = override.partition("/")
        try:
            rate = float(left)
            burst = int(right) if right else max(1, int(rate))
        except ValueError:
            rate = burst = 0
        if not (0 < rate <= 10_000 and 0 < burst <= 100_000):
            raise ConfigError(f"环境变量 {name} 应写成「每秒次数/突发数」，例如 2/20。")
    return RateLimiter(rate, burst)
