"""Loopback emulators of the WeChat, Weibo and app APIs (``govmedia emulate``)."""

from pipeline.emulators.server import Emulator, EmulatorConfig, start_emulator
from pipeline.emulators.wechat_publish import BIZ as WECHAT_BIZ
from pipeline.emulators.weibo_api import UID as WEIBO_UID


def account_settings() -> dict[str, str]:
    """The emulated accounts as the platforms name them, in the settings that bind the
    unit's links to them (``GOVMEDIA_WECHAT_BIZ``, ``GOVMEDIA_WEIBO_UID``)."""
    return {"GOVMEDIA_WECHAT_BIZ": WECHAT_BIZ, "GOVMEDIA_WEIBO_UID": str(WEIBO_UID)}


__all__ = ["Emulator", "EmulatorConfig", "account_settings", "start_emulator"]
