"""Readers of the inbox believe only records the publisher committed (``interaction.trusted``).

``inbox status``, the report's interaction figures, the public answered-questions page and
``watch``'s overdue alert read ``interaction/`` through ``trusted_inbox``: a record edited,
removed or added by hand in a clone, or committed by anyone but the publisher's key, is
refused with a Chinese message naming the file and line; the honest inbox still reads.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from pipeline.emulators import Emulator
from pipeline.interaction.overdue import overdue_findings
from pipeline.interaction.report_section import unit_figures
from pipeline.interaction.site_page import answered_page
from pipeline.interaction.trusted import InboxTrustError, trusted_inbox
from pipeline.ledger_history import clear_cache
from pipeline.project import Project
from tests.conftest import run_cli
from tests.interaction_support import (
    approve_reply,
    inbox,
    inbox_env,
    plant,
    platform_items,
    unit_repo,
    write_reply,
)
from tests.publish_support import git, publisher_env, signed_commit

RECORDS = "interaction/2026/12/weibo.jsonl"


@pytest.fixture
def fetched(tmp_path: Path, emulator: Emulator) -> tuple[Path, dict[str, str]]:
    """A unit whose inbox holds two questions, fetched and committed by the publisher."""
    repo = unit_repo(tmp_path / "unit")
    platform_items(emulator)
    plant(
        emulator,
        {"kind": "comment", "platform": "weibo", "text": "请问养老保险怎么转移？", "user": "1"},
        {"kind": "comment", "platform": "weibo", "text": "办证大厅在哪里？", "user": "2"},
    )
    env = inbox_env(emulator)
    result = inbox(repo, {**env, **publisher_env(repo)}, "fetch", "--commit")
    assert result.code == 0, result.out + result.err
    assert not git(repo, "status", "--porcelain", "interaction").strip()
    return repo, env


def records_file(repo: Path) -> tuple[Path, str]:
    """The inbox's one records file: its path and its path in the repository."""
    [path] = list((repo / "interaction").rglob("weibo.jsonl"))
    return path, path.relative_to(repo).as_posix()


def forged_line(path: Path) -> str:
    record = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    record.update(id="weibo:9999", platform_id="9999", text="伪造的网民咨询：请问怎么办理？")
    return json.dumps(record, ensure_ascii=False) + "\n"


def append_forged(path: Path) -> None:
    """Append a forged record to ``path`` by hand."""
    with path.open("a", encoding="utf-8") as handle:
        handle.write(forged_line(path))


def refused(repo: Path, env: dict[str, str], where: str) -> str:
    result = inbox(repo, env, "status")
    assert result.code != 0
    assert "Traceback" not in result.err + result.out
    message = result.err + result.out
    assert "互动记录不可信" in message and where in message, message
    return message


def test_honest_inbox_is_read(fetched: tuple[Path, dict[str, str]]) -> None:
    repo, env = fetched
    assert len(list(trusted_inbox(Project(repo)).items())) == 2
    assert inbox(repo, env, "status").code == 0


def test_local_fetch_not_yet_committed_is_read_but_not_a_line_added_to_it(
    tmp_path: Path, emulator: Emulator
) -> None:
    """``inbox fetch`` without ``--commit`` attests what it wrote (in the git directory); a
    line appended by hand after it is refused, and a later fetch does not vouch for it."""
    repo = unit_repo(tmp_path / "unit")
    platform_items(emulator)
    plant(emulator, {"kind": "comment", "platform": "weibo", "text": "请问？", "user": "41"})
    env = inbox_env(emulator)
    assert inbox(repo, env, "fetch").code == 0
    assert git(repo, "status", "--porcelain", "interaction").strip()
    assert inbox(repo, env, "status").code == 0
    path, rel = records_file(repo)
    append_forged(path)
    assert "本机 inbox fetch" in refused(repo, env, f"{rel}:2")
    plant(emulator, {"kind": "comment", "platform": "weibo", "text": "还在吗？", "user": "42"})
    assert inbox(repo, env, "fetch").code == 0
    refused(repo, env, f"{rel}:2")


def test_hand_edited_record_in_a_clone_is_refused_naming_file_and_line(
    fetched: tuple[Path, dict[str, str]],
) -> None:
    repo, env = fetched
    path, rel = records_file(repo)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    record = json.loads(lines[1])
    record["text"] = "本局工作人员态度恶劣"
    lines[1] = json.dumps(record, ensure_ascii=False) + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    message = refused(repo, env, f"{rel}:2")
    assert "被改动或删除" in message


def test_record_appended_by_hand_is_refused_naming_file_and_line(
    fetched: tuple[Path, dict[str, str]],
) -> None:
    repo, env = fetched
    path, rel = records_file(repo)
    append_forged(path)
    message = refused(repo, env, f"{rel}:3")
    assert "没有经发布者签名提交" in message
    # a whole new month file planted by hand is refused too
    path.unlink()
    git(repo, "checkout", "--", rel)
    planted = repo / RECORDS.replace("2026/12", "2099/01")
    planted.parent.mkdir(parents=True)
    planted.write_text(forged_line(path), encoding="utf-8")
    refused(repo, env, "interaction/2099/01/weibo.jsonl:1")


def test_record_committed_by_anyone_but_the_publisher_is_refused(
    fetched: tuple[Path, dict[str, str]],
) -> None:
    """A clone whose history holds a forged record (signed by a reviewer, or not at all)."""
    repo, env = fetched
    path, rel = records_file(repo)
    append_forged(path)
    git(repo, "add", rel)
    signed_commit(repo, "张伟", "zhangwei@example.gov.cn", "Inbox: 1 new item(s)")
    message = refused(repo, env, f"{rel}:3")
    assert "不是名册 publishers 中登记的发布者" in message
    git(repo, "reset", "-q", "--hard", "HEAD~1")
    clear_cache(repo)
    assert inbox(repo, env, "status").code == 0
    append_forged(path)
    git(repo, "add", rel)
    signed_commit(repo, "张伟", "zhangwei@example.gov.cn", "Inbox: 1 new item(s)", sign=False)
    assert "没有有效的 SSH 签名" in refused(repo, env, f"{rel}:3")


def test_every_reader_refuses_a_forged_inbox(
    fetched: tuple[Path, dict[str, str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The report's figures, the public page, watch's overdue alert and the sender."""
    repo, env = fetched
    project = Project(repo)
    today = dt.date.today()
    later = today + dt.timedelta(days=400)
    monkeypatch.setenv("GOVMEDIA_TODAY", later.isoformat())
    assert unit_figures(repo, [], today.replace(month=1, day=1), later, later) is not None
    assert len(overdue_findings(project, [])) >= 1
    path, rel = records_file(repo)
    append_forged(path)
    for read in (
        lambda: unit_figures(repo, [], today.replace(month=1, day=1), later, later),
        lambda: overdue_findings(project, []),
        lambda: answered_page(project, tmp_path),
    ):
        with pytest.raises(InboxTrustError, match=f"{rel}:3"):
            read()
    watched = run_cli("watch", cwd=repo, env={**env, "GOVMEDIA_TODAY": later.isoformat()})
    assert watched.code != 0 and "Traceback" not in watched.err
    assert f"{rel}:3" in watched.err + watched.out
    # nor does the publisher send an approved reply while the inbox holds a forged record
    item = json.loads(path.read_text(encoding="utf-8").splitlines()[0])["id"]
    reply = write_reply(repo, "dajia", item, "您好，请到政务服务大厅3号窗口办理。")
    approve_reply(repo, reply)
    sent = inbox(repo, {**env, **publisher_env(repo)}, "send")
    assert sent.code != 0 and f"{rel}:3" in sent.err + sent.out, sent.out + sent.err
