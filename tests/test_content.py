"""The post model: every field of the front matter and each kind of bad input."""

from __future__ import annotations

import json
import os
from collections.abc import Callable

import pytest

from tests.conftest import CliResult, Repo
from tests.security.assets_support import ACCOUNTS, unit_repo

GOOD = """\
---
title: 政务服务大厅12月起推行延时服务
date: 2026-11-20
author: 王芳 <wangfang@example.gov.cn>
channels: [wechat, weibo, app]
category: 通知公告
tags: [政务服务]
original: true
digest: 大厅工作日延时至晚七点。
---

为方便群众办事，政务服务大厅自12月1日起推行延时服务。
"""
POST = "content/posts/2026/11/yanshi-fuwu.md"


@pytest.fixture
def unit(make_repo: Callable[..., Repo]) -> Repo:
    return unit_repo(make_repo("unit"))


def check(
    cli: Callable[..., CliResult], unit: Repo, *paths: str, fmt: str = "json"
) -> tuple[int, list[dict]]:
    result = cli("check", "--format", fmt, *paths, cwd=unit.path)
    assert "Traceback" not in result.err, result.err
    return result.code, json.loads(result.out) if fmt == "json" else result.out


def rules(findings: list[dict]) -> set[str]:
    return {f["rule"] for f in findings}


def test_good_post_passes(cli, unit):
    unit.write(POST, GOOD)
    code, findings = check(cli, unit)
    assert code == 0, findings
    assert findings == []


def test_json_keys(cli, unit):
    unit.write(POST, GOOD.replace("channels: [wechat, weibo, app]", "channels: [wechat, douyin]"))
    code, findings = check(cli, unit)
    assert code == 1
    (finding,) = findings
    assert set(finding) == {
        "path",
        "line",
        "column",
        "rule",
        "article",
        "severity",
        "message",
        "match",
    }
    assert finding["path"] == POST
    assert finding["line"] == 5
    assert finding["rule"] == "channel-unknown"
    assert finding["match"] == "douyin"
    assert "douyin" in finding["message"] or "渠道" in finding["message"]


def test_every_problem_reported_at_once(cli, unit):
    bad = (
        GOOD.replace("date: 2026-11-20", "date: 2026-13-45")
        .replace("channels: [wechat, weibo, app]", "channels: wechat")
        .replace("original: true", "original: 也许")
    )
    unit.write(POST, bad)
    code, findings = check(cli, unit)
    assert code == 1
    by_rule = {(f["rule"], f["line"]) for f in findings}
    assert ("date-invalid", 3) in by_rule
    assert ("field-type", 5) in by_rule  # channels not a list
    assert ("field-type", 8) in by_rule  # original not a bool


@pytest.mark.parametrize(
    ("replace", "rule", "line"),
    [
        (("title: 政务服务大厅12月起推行延时服务\n", ""), "field-required", 2),
        (("author: 王芳 <wangfang@example.gov.cn>", "author: 王芳"), "field-type", 4),
        (
            ("author: 王芳 <wangfang@example.gov.cn>", "author: 李四 <lisi@example.gov.cn>"),
            "author-roster",
            4,
        ),
        (("title: 政务服务大厅12月起推行延时服务", "title: " + "长" * 33), "title-length", 2),
        (("digest: 大厅工作日延时至晚七点。", "digest: " + "摘" * 129), "digest-length", 9),
        (("tags: [政务服务]", "tags: 政务服务"), "field-type", 7),
        (("title: 政务服务大厅12月起推行延时服务", "title: [一, 二]"), "field-type", 2),
        (("category: 通知公告", "categroy: 通知公告"), "field-unknown", 6),
    ],
)
def test_field_errors(cli, unit, replace, rule, line):
    unit.write(POST, GOOD.replace(*replace))
    code, findings = check(cli, unit)
    assert (rule, line) in {(f["rule"], f["line"]) for f in findings}, findings
    assert all(
        "\u4e00" <= ch <= "\u9fff"
        for ch in findings[0]["message"]
        if ch.isalpha() and ord(ch) > 255
    )
    severities = {f["severity"] for f in findings if f["rule"] == rule}
    assert code == (0 if severities == {"warning"} else 1)


def test_title_limit_only_for_wechat(cli, unit):
    unit.write(
        POST,
        GOOD.replace("title: 政务服务大厅12月起推行延时服务", "title: " + "长" * 40).replace(
            "[wechat, weibo, app]", "[weibo]"
        ),
    )
    code, findings = check(cli, unit)
    assert code == 0, findings


def test_repost_needs_source_and_keeps_title(cli, unit):
    unit.write(POST, GOOD.replace("original: true", "original: false"))
    code, findings = check(cli, unit)
    assert code == 1 and "A11-01" in rules(findings)
    assert next(f for f in findings if f["rule"] == "A11-01")["article"] == "第十一条"
    repost = GOOD.replace(
        "original: true",
        "original: false\nsource:\n  name: 呼伦贝尔日报\n  url: https://example.com/a\n  title: 另一个标题",
    )
    unit.write(POST, repost)
    code, findings = check(cli, unit)
    assert code == 1 and rules(findings) == {"A11-02"}
    unit.write(POST, repost.replace("另一个标题", "政务服务大厅12月起推行延时服务"))
    code, findings = check(cli, unit)
    assert code == 0, findings


def test_waiver_without_reason_is_an_error(cli, unit):
    unit.write(POST, GOOD.replace("original: true", "original: true\nwaivers:\n  - rule: A9-07"))
    code, findings = check(cli, unit)
    assert code == 1
    assert ("waiver-reason", 10) in {(f["rule"], f["line"]) for f in findings}


def test_missing_front_matter(cli, unit):
    unit.write(POST, "# 标题\n\n正文\n")
    code, findings = check(cli, unit)
    assert code == 1 and rules(findings) == {"front-matter"}
    assert "缺少" in findings[0]["message"]


def test_unterminated_front_matter(cli, unit):
    unit.write(POST, "---\ntitle: 标题\ndate: 2026-11-20\n\n正文\n")
    code, findings = check(cli, unit)
    assert code == 1 and rules(findings) == {"front-matter"}
    assert "没有结束" in findings[0]["message"]


def test_yaml_syntax_error_has_line(cli, unit):
    unit.write(POST, GOOD.replace("category: 通知公告", "category: [通知公告"))
    code, findings = check(cli, unit)
    assert code == 1
    (finding,) = findings
    assert finding["rule"] == "yaml-syntax"
    assert finding["line"] in (6, 7, 8)
    assert "YAML" in finding["message"]


def test_non_utf8_is_unreadable(cli, unit):
    unit.write(POST, GOOD.encode("gbk"))
    code, findings = check(cli, unit)
    assert code == 2
    assert rules(findings) == {"file-encoding"}
    assert findings[0]["line"] == 2


def test_bom_and_crlf_accepted(cli, unit):
    unit.write(POST, b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode())
    code, findings = check(cli, unit)
    assert code == 0, findings
    unit.write(
        POST,
        b"\xef\xbb\xbf"
        + GOOD.replace("\n", "\r\n").replace("wechat, weibo", "wechat, nope").encode(),
    )
    code, findings = check(cli, unit)
    assert findings[0]["line"] == 5


def test_empty_file(cli, unit):
    unit.write(POST, "")
    code, findings = check(cli, unit)
    assert code == 1 and rules(findings) == {"file-empty"}


def test_binary_file(cli, unit):
    unit.write(POST, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)))
    code, findings = check(cli, unit)
    assert code == 2 and rules(findings) == {"file-binary"}


def test_file_over_size_cap(cli, unit):
    unit.write(POST, GOOD + "正文" * (1024 * 1024))
    code, findings = check(cli, unit)
    assert code == 2 and rules(findings) == {"file-too-large"}


def test_symlink_outside_repository(cli, unit, tmp_path):
    outside = tmp_path / "secret.md"
    outside.write_text(GOOD, encoding="utf-8")
    link = unit.path / "content/posts/2026/11/link.md"
    link.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(outside, link)
    code, findings = check(cli, unit)
    assert code == 2 and rules(findings) == {"path-outside"}


@pytest.mark.parametrize("name", ["a..b", "Yanshi", "延时服务", "with space", "back\\slash", "-x"])
def test_unsafe_slug(cli, unit, name):
    unit.write(f"content/posts/2026/11/{name}.md", GOOD)
    code, findings = check(cli, unit)
    assert code == 1 and "slug-invalid" in rules(findings)


def test_path_outside_via_dotdot(cli, unit, tmp_path):
    (tmp_path / "x.md").write_text(GOOD, encoding="utf-8")
    code, findings = check(cli, unit, "../x.md")
    assert code == 2 and rules(findings) == {"path-outside"}


def test_missing_file_given(cli, unit):
    code, findings = check(cli, unit, "content/posts/2026/11/none.md")
    assert code == 2 and rules(findings) == {"file-unreadable"}


def test_wrong_directory_for_date_warns(cli, unit):
    unit.write("content/posts/2026/10/yanshi-fuwu.md", GOOD)
    code, findings = check(cli, unit)
    assert code == 0 and rules(findings) == {"path-date"}


def test_text_and_github_formats(cli, unit):
    unit.write(POST, GOOD.replace("channels: [wechat, weibo, app]", "channels: [wechat, douyin]"))
    result = cli("check", cwd=unit.path)
    assert result.code == 1
    # the column is the unknown item's: "channels: [wechat, douyin]" has douyin at 20
    assert f"{POST}:5:20: 错误 [channel-unknown]" in result.out
    assert "共 1 个错误" in result.out
    result = cli("check", "--format", "github", cwd=unit.path)
    assert result.out.startswith(f"::error file={POST},line=5,col=20,title=channel-unknown::")


def test_bad_registry_is_a_clear_error(cli, unit):
    unit.write("content/accounts.yml", ACCOUNTS.replace("platform: weibo", "platform: myspace"))
    unit.write(POST, GOOD)
    result = cli("check", cwd=unit.path)
    assert result.code == 2
    assert "content/accounts.yml:8" in result.err and "platform" in result.err
    assert "Traceback" not in result.err


def test_usage_error_exit_2(cli, unit):
    result = cli("check", "--format", "xml", cwd=unit.path)
    assert result.code == 2 and "参数错误" in result.err


def test_no_content_dir(cli, tmp_path):
    result = cli("check", cwd=tmp_path)
    assert result.code == 2 and "content/" in result.err


def test_blob_matches_git(unit):
    from pipeline.content import parse_post

    unit.write(POST, GOOD)
    unit.commit("post")
    blob = unit.git("rev-parse", f"HEAD:{POST}").strip()
    result = parse_post(POST, (unit.path / POST).read_bytes())
    assert result.post is not None and result.post.blob == blob
    assert result.post.body_line == 11
    assert result.post.body_position(result.post.body.index("政务服务大厅")) == (12, 9)
