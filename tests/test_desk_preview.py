"""``govmedia preview``: the post as each platform receives it, findings marked, the diff."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import Repo, run_cli
from tests.security.html_support import hostile_body, live_script

POST = "content/posts/2026/03/dating-kaifang-shijian.md"
ADDED = "震惊！我觉得这项服务很好！！！"


def edited(sample_repo: Repo) -> Path:
    sample_repo.git("checkout", "-q", "-b", "edit")
    path = sample_repo.path / POST
    sample_repo.write(POST, path.read_text(encoding="utf-8") + f"\n{ADDED}\n")
    sample_repo.commit("Edit the opening-hours post")
    return path


def test_preview_shows_every_platform_findings_and_diff(sample_repo: Repo) -> None:
    edited(sample_repo)
    result = run_cli("preview", POST, cwd=sample_repo.path)
    assert result.code == 0, result.err
    page = sample_repo.path / "reports/preview/dating-kaifang-shijian.html"
    assert str(page.relative_to(sample_repo.path)) in result.out
    html = page.read_text(encoding="utf-8")
    for section in ('id="wechat"', 'id="weibo"', 'id="app"', 'id="findings"', 'id="diff"'):
        assert section in html
    assert "阅读原文" in html and re.search(r"正文长度：\d+ / 140 字", html)
    assert re.search(r'<section class="govmedia" style="[^"]*font-size:16px', html)
    assert "<script" not in html.lower() and "javascript:" not in html.lower()
    # every finding of the added line is marked in place, in the source and the renderings
    for word in ("震惊", "我觉得", "！！！"):
        assert html.count(f">{word}</mark>") >= 2, word
    assert f"<ins>+{ADDED}</ins>" in html
    assert "main 分支上的版本" in html
    # the page stays out of git status, without a .gitignore the server would refuse
    assert sample_repo.git("status", "--porcelain", "--untracked-files=all") == ""
    assert not (sample_repo.path / ".gitignore").exists()


def test_reports_stay_out_of_git_status(sample_repo: Repo) -> None:
    result = run_cli("report", "--year", "2026", cwd=sample_repo.path)
    assert result.code == 0, result.err
    assert (sample_repo.path / "reports/report-2026.md").is_file()
    assert sample_repo.git("status", "--porcelain", "--untracked-files=all") == ""


def test_preview_sanitises_what_the_post_says(sample_repo: Repo) -> None:
    edited(sample_repo)
    path = sample_repo.path / POST
    text = path.read_text(encoding="utf-8")
    sample_repo.write(POST, text + "\n" + hostile_body())
    sample_repo.commit("Hostile markup")
    result = run_cli("preview", POST, cwd=sample_repo.path)
    assert result.code == 0, result.err
    html = (sample_repo.path / "reports/preview/dating-kaifang-shijian.html").read_text()
    assert live_script(html, theme=True) == []  # only the page's own stylesheet
    assert "<script" not in html.lower()


def test_status_preview_writes_a_page_per_changed_post(sample_repo: Repo) -> None:
    edited(sample_repo)
    result = run_cli("status", "--preview", cwd=sample_repo.path)
    assert result.code == 0, result.err
    assert "已生成预览：" in result.out
    assert (sample_repo.path / "reports/preview/dating-kaifang-shijian.html").is_file()


def test_preview_of_a_missing_file_is_a_chinese_error(sample_repo: Repo) -> None:
    result = run_cli("preview", "content/posts/2026/03/nope.md", cwd=sample_repo.path)
    assert result.code == 2 and "没有可预览的文章" in result.err, result.err
    assert "Traceback" not in result.err
