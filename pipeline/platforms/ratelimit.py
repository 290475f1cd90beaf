"""Client-side rate limits per channel (token bucket), so a run respects each platform."""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from collections.abc import Callable

from pipeline.errors import ConfigError
from pipeline.platforms.errors import WaitWindow

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


class ReadBudget:
    """Reads per hour (Weibo's request quota counts the timeline pages of the watch and of
    reconciliation too): ``GOVMEDIA_WEIBO_READS_PER_HOUR`` (default 150). When spent, reading
    stops with a WaitWindow until the hour has passed."""

    def __init__(self, per_hour: int, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_hour = per_hour
        self.clock = clock
        self.times: deque[float] = deque()
        self.lock = threading.Lock()

    @classmethod
    def from_env(cls) -> ReadBudget:
        raw = os.environ.get("GOVMEDIA_WEIBO_READS_PER_HOUR", "150").strip()
        return cls(int(raw) if raw.isdigit() and int(raw) > 0 else 150)

    def take(self, call: str) -> None:
        with self.lock:
            now = self.clock()
            while self.times and now - self.times[0] >= 3600:
                self.times.popleft()
            if len(self.times) >= self.per_hour:
                wait = 3600 - (now - self.times[0])
                raise WaitWindow(
                    f"微博 {call}：本小时的读取额度（{self.per_hour} 次）已用完，"
                    "等待下一个小时窗口再核对。",
                    platform="微博",
                    call=call,
                    retry_after=max(wait, 1.0),
                )
            self.times.append(now)
