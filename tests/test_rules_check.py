"""The rules inside ``govmedia check`` (and so the pre-commit hook), end to end."""

from __future__ import annotations

import json
import os
import stat

import pytest

from pipeline.rules import cache


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """One private cache for this module's CLI runs (each test has its own HOME)."""
    folder = tmp_path_factory.mktemp("xdg-cache")
    return {"XDG_CACHE_HOME": str(folder)}


@pytest.fixture
def cli(cli, shared_cache):  # type: ignore[no-untyped-def]
    def run(*args: str, cwd, env=None):  # type: ignore[no-untyped-def]
        return cli(*args, cwd=cwd, env={**shared_cache, **(env or {})})

    return run


BAD = """---
title: 转发抽奖送好礼
date: 2026-11-21
author: 王芳 <wangfang@example.gov.cn>
channels: [wechat]
digest: 关注有礼，快来参与
---

第一段正常。
来玩 d u b o，日赚千元。
"""


def write_post(repo, slug: str, text: str) -> str:
    rel = f"content/posts/2026/11/{slug}.md"
    repo.write(rel, text)
    return rel


def test_findings_carry_rule_article_line_column_and_match(sample_repo, cli) -> None:
    rel = write_post(sample_repo, "bad-post", BAD)
    result = cli("check", rel, "--format", "json", cwd=sample_repo.path)
    assert result.code == 1, result.err
    found = {
        (f["rule"], f["line"], f["column"], f["match"], f["article"])
        for f in json.loads(result.out)
    }
    assert ("A16-01", 2, 8, "转发抽奖", "第十六条") in found
    assert ("A16-01", 6, 9, "关注有礼", "第十六条") in found
    assert ("A9-07", 10, 4, "d u b o", "第九条第（七）项") in found


def test_waived_rule_is_reported_as_waived(sample_repo, cli) -> None:
    text = BAD.replace(
        "digest: 关注有礼，快来参与\n",
        "digest: 关注有礼，快来参与\nwaivers:\n  - rule: A16-01\n    reason: 测试豁免\n"
        "  - rule: A9-05\n    reason: 没有触发的豁免\n",
    )
    rel = write_post(sample_repo, "bad-post", text)
    result = cli("check", rel, "--format", "json", cwd=sample_repo.path)
    findings = json.loads(result.out)
    waived = [f for f in findings if f["rule"] == "A16-01"]
    assert waived and all(f["waived"] == "测试豁免" for f in waived)
    unused = [f for f in findings if f["rule"] == "waiver-unused"]
    assert [(u["match"], u["severity"]) for u in unused] == [("A9-05", "warning")]
    # The A9-07 error is not waived: still exit 1.
    assert result.code == 1


def test_text_output_is_chinese_and_names_the_file(sample_repo, cli) -> None:
    rel = write_post(sample_repo, "bad-post", BAD)
    result = cli("check", rel, cwd=sample_repo.path)
    assert f"{rel}:10:4: 错误 [A9-07]（第九条第（七）项）" in result.out
    assert "已识别规避写法：拼音（赌博）" in result.out


def test_unit_terms_and_allowlist_take_effect(sample_repo, cli) -> None:
    post = BAD.replace("来玩 d u b o，日赚千元。", "本周组织居民溜冰活动。提供专属加急通道服务。")
    post = post.replace("转发抽奖送好礼", "冬季服务").replace("关注有礼，快来参与", "冬季服务安排")
    rel = write_post(sample_repo, "winter", post)
    result = cli("check", rel, "--format", "json", cwd=sample_repo.path)
    assert json.loads(result.out) == [], result.out
    sample_repo.write(
        "content/rules/terms.yml",
        "terms:\n  - rule: A9-13\n    term: 专属加急通道\n    note: 本单位补充\n",
    )
    sample_repo.write("content/rules/allow.yml", "allow: []\n")
    result = cli("check", rel, "--format", "json", cwd=sample_repo.path)
    rules = [(f["rule"], f["match"]) for f in json.loads(result.out)]
    assert ("A9-13", "专属加急通道") in rules
    # Without the unit's allowlist entry, 溜冰 is reported again (as a warning).
    assert ("A9-07", "溜冰") in rules


def test_bad_unit_rule_files_name_file_and_line(sample_repo, cli) -> None:
    cases = {
        "content/rules/terms.yml": (
            "terms:\n  - rule: A9-07\n    term: 网赌群\n  - rule: A99\n    term: 某词\n",
            "content/rules/terms.yml:4:5: 字段 terms 第 2 项的 rule（规则编号）「A99」未知",
        ),
        "content/rules/allow.yml": (
            "allow:\n  - phrase: 溜冰场\n    rules: [A9-07]\n",
            "content/rules/allow.yml:2:5: 字段 allow 第 1 项的 reason（理由）必填",
        ),
    }
    for rel, (text, message) in cases.items():
        sample_repo.write(rel, text)
        result = cli("check", cwd=sample_repo.path)
        assert result.code == 2
        assert message in result.err
        assert "Traceback" not in result.err
        (sample_repo.path / rel).unlink()
    sample_repo.write("content/rules/terms.yml", "terms:\n  - rule: A9-07\n    term: 赌\n")
    result = cli("check", cwd=sample_repo.path)
    assert (
        result.code == 2
        and "content/rules/terms.yml:3:5: 字段 terms 第 1 项的 term（词条）应为至少两个字符"
        in result.err
    )
    sample_repo.write("content/rules/terms.yml", "terms: [\n")
    result = cli("check", cwd=sample_repo.path)
    assert (
        result.code == 2
        and "content/rules/terms.yml:" in result.err
        and "YAML 语法错误" in result.err
    )


def test_sample_unit_rule_files_are_valid() -> None:
    from pipeline.rules.lexicon import load_lexicons
    from tests.conftest import PROJECT_ROOT

    lexicons = load_lexicons(PROJECT_ROOT)
    assert any(t.text == "转发集赞" for t in lexicons.by_rule["A16-01"].terms)
    assert any(a.phrase == "溜冰活动" for a in lexicons.allow)


def test_cache_is_private_and_never_in_the_temp_folder(sample_repo, cli, tmp_path) -> None:
    rel = write_post(sample_repo, "bad-post", BAD)
    cache_home = tmp_path / "xdg"
    result = cli("check", rel, cwd=sample_repo.path, env={"XDG_CACHE_HOME": str(cache_home)})
    assert result.code == 1
    folder = cache_home / "govmedia"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    files = list(folder.iterdir())
    assert files and all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)
    assert not list(sample_repo.path.rglob("*.cache"))


def test_a_shared_writable_cache_folder_is_not_used(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = tmp_path / "govmedia"
    folder.mkdir()
    os.chmod(folder, 0o777)
    assert cache.cache_dir() is None
    assert cache.read_json("x.json") is None
    os.chmod(folder, 0o700)
    assert cache.cache_dir() == folder
    planted = folder / "x.json"
    planted.write_text("{}", encoding="utf-8")
    os.chmod(planted, 0o666)
    assert cache.read_json("x.json") is None
