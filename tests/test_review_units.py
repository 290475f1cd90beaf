"""Roster validation and trailer parsing (git's own rules)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import ConfigError
from pipeline.review import trailers
from pipeline.review.roster import parse_roster
from tests.review_support import keygen

ROSTER = """people:
  - name: 张伟
    email: zhangwei@example.gov.cn
    roles: [editor]
    keys:
      - {key1}
  - name: 李强
    email: liqiang@example.gov.cn
    roles: [chief_editor]
    keys:
      - {key2}
"""


def test_roster_keys_are_normalized_and_found(tmp_path: Path) -> None:
    k1, k2 = keygen(tmp_path, "a"), keygen(tmp_path, "b")
    roster = parse_roster(ROSTER.format(key1=k1.public, key2=k2.public))
    assert roster.people[0].keys == (k1.short,)
    assert roster.by_key(k2.short).name == "李强"
    assert roster.may_approve(roster.people[0], 1) and not roster.may_approve(roster.people[0], 2)


@pytest.mark.parametrize(
    ("key1", "fragment", "line"),
    [
        ("ssh-ed25519 AAAAnot-base64!!", "不是有效的 SSH 公钥", 6),
        ("hello", "不是有效的 SSH 公钥", 6),
        (
            "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBEmKSENjQEezOmx"
            "kZMy7opKgwFB9nkt5YRrYMjNuG5N87uRgg6CLrbo5wAdT/y6v0mKV0U2w0WZ2YB/++Tpockg=",
            "不受支持",
            6,
        ),
    ],
)
def test_roster_rejects_bad_keys(tmp_path: Path, key1: str, fragment: str, line: int) -> None:
    k2 = keygen(tmp_path, "b")
    with pytest.raises(ConfigError) as info:
        parse_roster(ROSTER.format(key1=key1, key2=k2.public))
    assert fragment in str(info.value) and f"content/roster.yml:{line}:" in str(info.value)


def test_roster_rejects_a_key_shared_by_two_people(tmp_path: Path) -> None:
    k1 = keygen(tmp_path, "a")
    with pytest.raises(ConfigError) as info:
        parse_roster(ROSTER.format(key1=k1.public, key2=k1.public))
    assert "已登记给 张伟" in str(info.value) and ":11:" in str(info.value)


def test_roster_rejects_bad_stage_map(tmp_path: Path) -> None:
    k1, k2 = keygen(tmp_path, "a"), keygen(tmp_path, "b")
    text = "stages:\n  4: [leader]\n" + ROSTER.format(key1=k1.public, key2=k2.public)
    with pytest.raises(
        ConfigError, match=r"roster.yml:2:3: 字段 stages\.4（审核阶段）应为 1（初审）"
    ):
        parse_roster(text)
    text = "stages:\n  2: [boss]\n" + ROSTER.format(key1=k1.public, key2=k2.public)
    with pytest.raises(ConfigError, match=r"roster.yml:2:7: 字段 stages\.2 第 1 项 应为 editor"):
        parse_roster(text)


def test_custom_stage_map_is_used(tmp_path: Path) -> None:
    k1, k2 = keygen(tmp_path, "a"), keygen(tmp_path, "b")
    text = "stages:\n  2: [chief_editor, leader]\n" + ROSTER.format(key1=k1.public, key2=k2.public)
    roster = parse_roster(text)
    assert roster.stages[2] == ("chief_editor", "leader") and roster.stages[1] == ("editor",)


def test_parse_text_follows_trailer_rules(tmp_path: Path) -> None:
    blob = "a" * 40
    message = (
        "复审通过：标题\n\n正文。\n\n"
        f"review-stage :  2\nAPPROVES:content/posts/x.md@{blob}\n"
        "Signed-off-by: 李强 <liqiang@example.gov.cn>\n"
    )
    parsed = trailers.parse_approval(trailers.parse_text(message))
    assert parsed is not None and not parsed.errors
    assert parsed.stage == 2 and parsed.approves[0] == trailers.Approves("content/posts/x.md", blob)
    assert parsed.ident == "李强 <liqiang@example.gov.cn>"
    # not in the last paragraph: git sees no trailers at all
    body_last = message + "\n又一段正文。\n"
    assert trailers.parse_text(body_last) == []


def test_parse_approval_reports_malformed_trailers() -> None:
    t = trailers.Trailer
    assert trailers.parse_approval([t("Signed-off-by", "x <x@y.cn>")]) is None
    parsed = trailers.parse_approval(
        [t("Review-Stage", "1"), t("Review-Stage", "2"), t("Approves", "a.md@zz")]
    )
    assert parsed is not None
    text = "；".join(parsed.errors)
    assert "只有一个 Review-Stage" in text and "Signed-off-by" in text
    assert parsed.approves[0].error and "完整的 git 对象 id" in parsed.approves[0].error


def test_format_approval_round_trips_through_git(tmp_path: Path) -> None:
    blob = "b" * 40
    block = trailers.format_approval(
        3, [("content/posts/a.md", blob)], "陈静 <chenjing@example.gov.cn>"
    )
    parsed = trailers.parse_approval(trailers.parse_text("终审通过：a\n\n" + block))
    assert parsed is not None and parsed.stage == 3 and parsed.email == "chenjing@example.gov.cn"
