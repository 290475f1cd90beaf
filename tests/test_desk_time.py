"""One time zone, the unit's, in every time shown to people."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import ConfigError
from pipeline.review.report import format_text, stage_line
from pipeline.review.verify import PostReview, StageResult
from pipeline.unit_time import local_time, unit_zone, zone_label

UTC_TIME = "2026-11-20T02:30:00+00:00"


def _accounts(root: Path, extra: str) -> None:
    (root / "content").mkdir(parents=True, exist_ok=True)
    (root / "content/accounts.yml").write_text(f"unit: 某单位\n{extra}accounts: []\n")


def test_default_zone_is_beijing(tmp_path: Path) -> None:
    zone = unit_zone(tmp_path)
    assert zone_label(zone) == "北京时间"
    assert local_time(UTC_TIME, zone) == "2026-11-20 10:30"
    result = StageResult(1, True, "张伟 <zhangwei@example.gov.cn>", "a" * 40, UTC_TIME)
    line = stage_line(result)
    assert "2026-11-20 10:30（北京时间）" in line and "+00:00" not in line


def test_the_units_configured_zone_is_used(tmp_path: Path) -> None:
    _accounts(tmp_path, "timezone: Asia/Urumqi\n")
    zone = unit_zone(tmp_path)
    assert zone_label(zone) == "Asia/Urumqi"
    result = StageResult(2, True, "李强 <liqiang@example.gov.cn>", "b" * 40, UTC_TIME)
    review = PostReview("content/posts/2026/11/x.md", "c" * 40, False, [result])
    assert "2026-11-20 08:30（Asia/Urumqi）" in format_text([review], zone=zone)


def test_a_bad_zone_names_file_and_line(tmp_path: Path) -> None:
    _accounts(tmp_path, "timezone: Mars/Olympus\n")
    with pytest.raises(ConfigError) as raised:
        unit_zone(tmp_path)
    assert "content/accounts.yml:2" in str(raised.value) and "Mars/Olympus" in str(raised.value)
