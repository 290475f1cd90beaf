"""Small desk messages: the date error, event names in the publish summary."""

from __future__ import annotations

from pipeline.ledger_names import event_summary
from tests.conftest import Repo, run_cli

POST = "content/posts/2026/03/dating-kaifang-shijian.md"


def test_invalid_date_names_the_value_once(sample_repo: Repo) -> None:
    path = sample_repo.path / POST
    text = path.read_text(encoding="utf-8")
    head, sep, rest = text.partition("\ndate: ")
    _, _, tail = rest.partition("\n")
    sample_repo.write(POST, f"{head}{sep}2026-13-45\n{tail}")
    result = run_cli("check", POST, cwd=sample_repo.path)
    assert result.code == 1
    line = next(x for x in result.out.splitlines() if "[date-invalid]" in x)
    assert line.count("2026-13-45") == 1, line


def test_publish_summary_names_events_in_chinese() -> None:
    summary = event_summary({"failed": 1, "drafted": 39, "published": 38, "intent": 40})
    assert summary == "发布意图 40，已建草稿 39，已发布 38，失败 1"
    assert event_summary({"odd": 2}) == "odd 2"
