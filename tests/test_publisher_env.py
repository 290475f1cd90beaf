"""The publisher's polling settings come from the environment when a Publisher is made, not
when pipeline.publish is imported (a long-lived process sees a changed setting)."""

from __future__ import annotations

import dataclasses

import pytest

from pipeline.errors import GovmediaError
from pipeline.publish import Publisher


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
    factory = {f.name: f for f in dataclasses.fields(Publisher)}[field].default_factory
    assert factory is not dataclasses.MISSING
    monkeypatch.setenv(name, value)
    assert factory() == expected


def test_a_bad_value_is_refused_in_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    factory = {f.name: f for f in dataclasses.fields(Publisher)}["poll_interval"].default_factory
    assert factory is not dataclasses.MISSING
    monkeypatch.setenv("GOVMEDIA_POLL_INTERVAL", "abc")
    with pytest.raises(GovmediaError, match="GOVMEDIA_POLL_INTERVAL"):
        factory()
