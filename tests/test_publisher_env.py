"""The WeChat channel's polling settings come from the environment when the channel is made,
not when its module is imported (a long-lived process sees a changed setting)."""

from __future__ import annotations

import pytest

from pipeline.errors import GovmediaError
from pipeline.platforms.settings import Settings
from pipeline.platforms.wechat_channel import WeChatChannel


@pytest.mark.parametrize(
    ("name", "field", "value", "expected"),
    [
        ("GOVMEDIA_POLL_INTERVAL", "poll_interval", "0.25", 0.25),
        ("GOVMEDIA_POLL_INTERVAL", "poll_interval", "7", 7.0),
        ("GOVMEDIA_MAX_POLLS", "max_polls", "3", 3),
    ],
)
def test_read_at_construction(
    name: str, field: str, value: str, expected: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(name, raising=False)
    before = getattr(WeChatChannel(Settings()), field)
    monkeypatch.setenv(name, value)
    assert getattr(WeChatChannel(Settings()), field) == expected
    assert before != expected


def test_a_bad_value_is_refused_in_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVMEDIA_POLL_INTERVAL", "abc")
    with pytest.raises(GovmediaError, match="GOVMEDIA_POLL_INTERVAL"):
        WeChatChannel(Settings())
