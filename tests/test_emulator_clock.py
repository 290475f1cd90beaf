"""The emulators' clock and the demo's clock setting read offsets with one parser
(pipeline.clock.parse_offset): what one refuses, the other refuses too."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from pipeline import clock
from pipeline.emulators import Emulator, start_emulator
from pipeline.errors import ConfigError
from tests.publish_support import config

LOOPBACK = {
    "GOVMEDIA_WECHAT_API": "http://127.0.0.1:9",
    "GOVMEDIA_WEIBO_API": "http://127.0.0.1:9",
    "GOVMEDIA_APP_PUSH": "http://127.0.0.1:9/push",
}
REFUSED: list[object] = ["NaN", "inf", "yesterday", clock.MAX_OFFSET + 1, True, None, [60]]


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    emu = start_emulator(config=config())
    try:
        yield emu
    finally:
        emu.stop()


def post_clock(emu: Emulator, content: str) -> httpx.Response:
    headers = {"Content-Type": "application/json"}
    return httpx.post(emu.url + "/_emulator/clock", content=content, headers=headers, timeout=10)


def test_parse_offset_takes_text_and_numbers_within_range() -> None:
    assert clock.parse_offset(" -86400.5 ") == -86400.5
    assert clock.parse_offset(3600) == 3600.0
    assert clock.parse_offset(-clock.MAX_OFFSET) == -clock.MAX_OFFSET
    for raw in [*REFUSED, 10**400]:
        with pytest.raises(ValueError):
            clock.parse_offset(raw)


def test_the_environment_setting_refuses_what_the_parser_refuses() -> None:
    for raw in ("NaN", "inf", "yesterday", str(clock.MAX_OFFSET * 2)):
        with pytest.raises(ConfigError):
            clock.offset({**LOOPBACK, clock.ENV_NAME: raw})
    assert clock.offset({**LOOPBACK, clock.ENV_NAME: str(clock.MAX_OFFSET)}) == clock.MAX_OFFSET


def test_emulator_clock_sets_and_advances(emulator: Emulator) -> None:
    set_ = post_clock(emulator, '{"offset": 3600}')
    assert set_.status_code == 200 and set_.json() == {"clock_offset": 3600.0}
    moved = post_clock(emulator, '{"advance": "60"}')
    assert moved.json() == {"clock_offset": 3660.0}
    both = post_clock(emulator, '{"offset": -100, "advance": 40}')
    assert both.json() == {"clock_offset": -60.0}
    assert emulator.state.clock_offset == -60.0


def test_emulator_clock_refuses_an_offset_the_parser_refuses(emulator: Emulator) -> None:
    post_clock(emulator, '{"offset": 120}')
    bodies = ['{"offset": NaN}', '{"advance": Infinity}', '{"offset": "yesterday"}']
    bodies += [f'{{"offset": {clock.MAX_OFFSET + 1}}}', '{"advance": null}', '{"offset": [1]}']
    bodies.append(f'{{"offset": {clock.MAX_OFFSET}, "advance": 1}}')  # in range, sum is not
    for body in bodies:
        answer = post_clock(emulator, body)
        assert answer.status_code == 400, body
        assert "clock offset" in answer.json()["error"]
        assert emulator.state.clock_offset == 120.0, body
