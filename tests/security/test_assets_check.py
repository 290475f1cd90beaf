"""``govmedia check`` refuses what a post must not pull in (A15-ASSET) and duplicate slugs
(A15-SLUG): symlinks, traversal, missing files; the honest post still passes."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.platforms.cover import default_cover
from tests.conftest import Repo
from tests.security.assets_support import (
    check_json,
    of_rule,
    post_text,
    secret_file,
    symlink,
    unit_repo,
)

POST = "content/posts/2026/11/yanshi-fuwu.md"
IMAGES = "content/posts/2026/11/images"
PNG = default_cover()


@pytest.fixture
def unit(make_repo: Callable[..., Repo]) -> Repo:
    return unit_repo(make_repo("unit"))


def test_honest_post_with_image_and_cover_passes(unit: Repo) -> None:
    unit.write(f"{IMAGES}/hall.png", PNG)
    unit.write(POST, post_text("![大厅](images/hall.png)", cover="images/hall.png"))
    code, findings = check_json(unit, POST)
    assert code == 0 and findings == []


def test_symlinked_image_to_a_server_file_is_an_error(unit: Repo, tmp_path: Path) -> None:
    secret = secret_file(tmp_path / "server")
    symlink(unit, f"{IMAGES}/hall.png", secret)
    unit.write(POST, post_text("![大厅](images/hall.png)"))
    code, findings = check_json(unit, POST)
    assert code == 1
    (finding,) = of_rule(findings, "A15-ASSET")
    assert finding["path"] == POST and finding["line"] == 10 and finding["severity"] == "error"
    assert f"{IMAGES}/hall.png 是符号链接" in finding["message"]
    assert finding["match"] == "images/hall.png" and finding["article"] == "第十五条"


def test_symlinked_folder_is_an_error(unit: Repo, tmp_path: Path) -> None:
    secret_file(tmp_path / "server")
    symlink(unit, IMAGES, tmp_path / "server")
    unit.write(POST, post_text("![大厅](images/server-secret.png)"))
    code, findings = check_json(unit, POST)
    assert code == 1
    (finding,) = of_rule(findings, "A15-ASSET")
    assert f"{IMAGES} 是符号链接" in finding["message"]


def test_symlinked_cover_is_an_error(unit: Repo, tmp_path: Path) -> None:
    symlink(unit, f"{IMAGES}/cover.png", secret_file(tmp_path / "server"))
    unit.write(POST, post_text("正文。", cover="images/cover.png"))
    code, findings = check_json(unit, POST)
    (finding,) = of_rule(findings, "A15-ASSET")
    assert code == 1 and finding["line"] == 6 and "封面图" in finding["message"]


@pytest.mark.parametrize(
    ("body", "word"),
    [
        ("![a](../../../accounts.yml)", "「..」"),
        ("![a](../../2026/03/images/app.png)", "「..」"),
        ('<img src="../../../roster.png">', "「..」"),
        ("![a](%2e%2e/%2e%2e/x.png)", "URL 编码"),
        ("![a](/etc/passwd.png)", "绝对路径"),
        ("![a](images/x.svg)", "图片类型"),
        ("![a](https://cdn.example.com/x.png)", "外部图片"),
    ],
)
def test_bad_references_are_errors_with_line(unit: Repo, body: str, word: str) -> None:
    unit.write(POST, post_text(body))
    code, findings = check_json(unit, POST)
    assert code == 1
    (finding,) = of_rule(findings, "A15-ASSET")
    assert finding["line"] == 10 and word in finding["message"] and "正文图片" in finding["message"]


def test_traversal_in_the_cover_is_an_error(unit: Repo) -> None:
    unit.write(POST, post_text("正文。", cover="../../../roster.yml"))
    code, findings = check_json(unit, POST)
    (finding,) = of_rule(findings, "A15-ASSET")
    assert code == 1 and finding["line"] == 6 and "「..」" in finding["message"]


def test_missing_image_is_an_error(unit: Repo) -> None:
    unit.write(POST, post_text("![大厅](images/hall.png)"))
    code, findings = check_json(unit, POST)
    (finding,) = of_rule(findings, "A15-ASSET")
    assert code == 1 and "不存在" in finding["message"]


def test_a_waiver_cannot_hide_an_asset_error(unit: Repo) -> None:
    text = post_text("![a](../x.png)").replace(
        "---\n\n", "waivers:\n  - rule: A15-ASSET\n    reason: 试图豁免\n---\n\n", 1
    )
    unit.write(POST, text)
    code, findings = check_json(unit, POST)
    assert code == 1
    assert [f.get("waived") for f in of_rule(findings, "A15-ASSET")] == [None]


def test_duplicate_slug_across_months_names_both_files(unit: Repo) -> None:
    november, december = "content/posts/2026/11/x.md", "content/posts/2026/12/x.md"
    unit.write(november, post_text("十一月。"))
    unit.write(december, post_text("十二月。").replace("2026-11-20", "2026-12-01"))
    code, findings = check_json(unit)
    assert code == 1
    slugs = of_rule(findings, "A15-SLUG")
    assert {f["path"] for f in slugs} == {november, december}
    assert all(f["severity"] == "error" and f["match"] == "x" for f in slugs)
    assert december in next(f for f in slugs if f["path"] == november)["message"]
    # checking one file alone still sees the other
    code, findings = check_json(unit, december)
    (alone,) = of_rule(findings, "A15-SLUG")
    assert code == 1 and november in alone["message"]
    # renaming one of them makes both clean
    os.rename(unit.path / december, unit.path / "content/posts/2026/12/x-2.md")
    code, findings = check_json(unit)
    assert code == 0 and findings == []


def test_sample_content_stays_clean(sample_repo: Repo) -> None:
    code, findings = check_json(sample_repo)
    assert code == 0 and findings == []
