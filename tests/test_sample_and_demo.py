"""The sample content is clean and the demo runs end to end on it."""

from __future__ import annotations

import json

from tests.conftest import PROJECT_ROOT, git


def test_sample_content_passes_check(cli):
    result = cli("check", "--format", "json", cwd=PROJECT_ROOT)
    assert result.code == 0, result.out
    errors = [f for f in json.loads(result.out) if f["severity"] == "error"]
    assert errors == []


def test_sample_content_is_rich_enough():
    posts = list((PROJECT_ROOT / "content" / "posts").rglob("*.md"))
    assert len(posts) >= 30
    texts = [p.read_text(encoding="utf-8") for p in posts]
    assert sum("original: false" in t for t in texts) >= 3
    assert sum("](images/" in t for t in texts) >= 3
    for channel in ("wechat", "weibo", "app"):
        assert sum(channel in t.split("---")[1] for t in texts) >= 10


def test_demo_runs_end_to_end(cli, tmp_path):
    workdir = tmp_path / "demo"
    result = cli("demo", "--workdir", str(workdir), cwd=tmp_path)
    assert result.code == 0, result.out + result.err
    assert str(workdir) in result.out
    assert "已检查" in result.out
    # The unit's repository and its server are real git repositories.
    assert git("rev-parse", "main", cwd=workdir / "remote.git").strip()
    assert git("status", "--porcelain", cwd=workdir / "unit").strip() == ""
    # The account watch: a planted outside post is caught; the demo ends with a clean watch.
    assert "[未经流水线发布]" in result.out
    final = result.out.rsplit("值班监看：最终核对", 1)[1]
    assert "核对无异常" in final and "[" not in final.split("演示完成")[0].split("\n", 1)[1]


def test_demo_refuses_a_used_workdir(cli, tmp_path):
    workdir = tmp_path / "demo"
    assert cli("demo", "--workdir", str(workdir), cwd=tmp_path).code == 0
    again = cli("demo", "--workdir", str(workdir), cwd=tmp_path)
    assert again.code != 0 and "已有演示数据" in again.err
