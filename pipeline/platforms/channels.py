"""Which channel serves which platform, and the channels of one run.

``CHANNELS`` maps a platform name (``wechat``, ``weibo``, ``app``: the ``platform`` of an
account in content/accounts.yml and of a ledger record) to its channel class
(pipeline/platforms/channel.py). :class:`Channels` opens each one once, when first used,
with the unit's settings; tests pass their own.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping

from pipeline.platforms.app_channel import AppChannel
from pipeline.platforms.channel import Channel
from pipeline.platforms.comments import Comments
from pipeline.platforms.errors import OperatorAction
from pipeline.platforms.settings import Settings
from pipeline.platforms.wechat_channel import WeChatChannel
from pipeline.platforms.weibo_channel import WeiboChannel

CHANNELS: dict[str, type[WeChatChannel] | type[WeiboChannel] | type[AppChannel]] = {
    WeChatChannel.name: WeChatChannel,
    WeiboChannel.name: WeiboChannel,
    AppChannel.name: AppChannel,
}
PLATFORM_NAMES = {name: cls.label for name, cls in CHANNELS.items()}


def platform_label(platform: str) -> str:
    """The platform's Chinese name (the name itself when no channel serves it)."""
    return PLATFORM_NAMES.get(platform, platform)


def keyed_by_url(platform: str) -> bool:
    """The ledger names the platform's items by URL rather than by platform id."""
    cls = CHANNELS.get(platform)
    return bool(cls and cls.keyed_by_url)


def open_channel(platform: str, settings: Settings, env: Mapping[str, str]) -> Channel:
    cls = CHANNELS.get(platform)
    if cls is None:
        raise OperatorAction(f"平台 {platform} 没有发布渠道。", platform=platform)
    return cls(settings, env=env)


def open_comments(platform: str, settings: Settings, env: Mapping[str, str]) -> Comments:
    """The interaction API of ``platform`` with the unit's configured credentials."""
    if platform not in CHANNELS:
        raise OperatorAction(f"平台 {platform} 没有互动接口。", platform=platform)
    return open_channel(platform, settings, env).comments()


class Channels:
    """The channels of a run, opened lazily from the settings (tests may add their own).

    Thread-safe: a run's platforms publish side by side, and every ledger record asks for
    the secrets of the channels opened so far while another lane may be opening its own
    (iterating the dict while it grew failed a run, now and then, with "dictionary
    changed size during iteration").
    """

    def __init__(
        self,
        settings: Settings,
        env: Mapping[str, str] | None = None,
        opened: Mapping[str, Channel] | None = None,
    ) -> None:
        self.settings = settings
        self.env = dict(os.environ if env is None else env)
        self.opened: dict[str, Channel] = dict(opened or {})
        self._lock = threading.Lock()

    def __call__(self, platform: str) -> Channel:
        with self._lock:  # one channel a platform, however many lanes ask at once
            if platform not in self.opened:
                self.opened[platform] = open_channel(platform, self.settings, self.env)
            return self.opened[platform]

    def _snapshot(self) -> list[Channel]:
        with self._lock:
            return list(self.opened.values())

    def secrets(self) -> list[str]:
        found = list(self.settings.secrets())
        for channel in self._snapshot():
            found.extend(channel.secrets())
        return found

    def close(self) -> None:
        for channel in self._snapshot():
            channel.close()
