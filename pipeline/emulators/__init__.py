"""Loopback emulators of the WeChat, Weibo and app APIs (``govmedia emulate``)."""

from pipeline.emulators.server import Emulator, EmulatorConfig, start_emulator

__all__ = ["Emulator", "EmulatorConfig", "start_emulator"]
