"""第十二条 replies and hide orders under the same integrity rules as posts (先审后发).

Every file under ``content/replies/`` and ``content/moderation/`` is reviewed by blob by the
server's pre-receive with the one evaluator (``pipeline.review.policy``) and the roster's
``reply_stages`` (初审 editor, 终审 chief editor); the publisher (``govmedia inbox send``)
sends only what holds those approvals on main, so an unreviewed reply or hide order is
refused by the server and never reaches a platform.
"""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.emulators import Emulator
from tests.interaction_support import (
    approve_reply,
    comments,
    inbox,
    inbox_env,
    plant,
    platform_items,
    unit_repo,
    write_reply,
)
from tests.publish_support import git, ledger_records
from tests.security.battery_support import Unit, accepted

REPLY = "content/replies/2026/12/shebaoka.md"
HIDE = "content/moderation/2026/12/dubo.md"
ITEM = "weibo:3000000001"


def reply_text(author: str = "王芳 <wangfang@example.gov.cn>") -> str:
    return f"---\nitem: {ITEM}\nauthor: {author}\ndate: 2026-12-02\n---\n您好，社保卡补办请到3号窗口。\n"


def known_item(unit: Unit) -> None:
    """The inbox record the reply answers, in the clone's work tree (as the publisher's
    fetch writes it; not part of the push)."""
    record = {
        "id": ITEM,
        "channel": "weibo",
        "platform": "weibo",
        "kind": "comment",
        "platform_id": "3000000001",
        "target": "5000000000000001",
        "user": "u-0123456789abcdef",
        "text": "请问社保卡怎么补办？",
        "at": "2026-12-01T09:00:00+08:00",
        "fetched_at": "",
    }
    path = unit.clone.path / "interaction" / "2026" / "12" / "weibo.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    (unit.clone.path / ".git" / "info" / "exclude").write_text("interaction/\n", encoding="utf-8")


def test_unreviewed_reply_is_refused_by_the_server(unit: Unit) -> None:
    """Attack: push a reply to a citizen to main without approvals (发布未经审核的回复).
    Defence: the pre-receive reviews every file under ``content/`` by blob; a reply needs the
    roster's ``reply_stages``: with 初审 by an editor and 终审 by the chief editor, made with the
    real ``govmedia approve``, the same push is accepted."""
    known_item(unit)
    unit.branch("reply")
    unit.write(REPLY, reply_text())
    unit.commit("Reply to a citizen")
    err = unit.attack()
    assert "回复或隐藏指令" in err and REPLY in err
    unit.approve("张伟", 1, REPLY)
    err = unit.attack()  # 初审 alone is not enough
    assert "第 3 审" in err
    unit.approve("李强", 3, REPLY)
    accepted(unit, unit.push())


def test_reply_approvals_by_the_wrong_roles_or_the_author_are_refused(unit: Unit) -> None:
    """Attack: the reply's 终审 signed by an editor, and by the reply's own author.
    Defence: the one evaluator applies ``reply_stages`` roles and the not-author rule."""
    unit.branch("reply")
    unit.write(REPLY, reply_text(author="张伟 <zhangwei@example.gov.cn>"))
    unit.commit("Reply to a citizen")
    unit.approval("刘洋", 1, [REPLY])
    unit.approval("孙丽", 3, [REPLY])  # an editor, not the chief editor
    err = unit.attack()
    assert "终审" in err and "孙丽" in err
    unit.approval("张伟", 3, [REPLY])  # the author
    unit.attack()
    unit.approval("李强", 3, [REPLY])
    accepted(unit, unit.push())


def test_unreviewed_hide_order_is_refused_by_the_server(unit: Unit) -> None:
    """Attack: push an order to hide a citizen's comment without approvals (删除网民评论).
    Defence: hide orders are reviewed like replies; approved, the same push is accepted."""
    unit.branch("hide")
    unit.write(
        HIDE,
        f"---\nitem: {ITEM}\naction: hide\nreason: 含违法信息（A9-07）\n"
        "author: 王芳 <wangfang@example.gov.cn>\ndate: 2026-12-02\n---\n",
    )
    unit.commit("Hide a comment")
    err = unit.attack()
    assert HIDE in err
    unit.approval("张伟", 1, [HIDE])
    unit.approval("李强", 3, [HIDE])
    accepted(unit, unit.push())


def test_unreviewed_or_stale_hide_order_and_reply_are_never_sent(
    tmp_path: Path, emulator: Emulator
) -> None:
    """Attack: a hide order and a reply on main without approvals (say, through a server that
    lacks the hook), and a reply edited after its approvals.
    Defence: ``govmedia inbox send`` asks the one evaluator for the blob on main and sends
    nothing unapproved; approved, the hide goes out once, recorded with its reason."""
    repo = unit_repo(tmp_path / "unit")
    platform_items(emulator)
    bad, question = plant(
        emulator,
        {"kind": "comment", "platform": "weibo", "text": "出售枪支弹药，联系QQ", "user": "66"},
        {"kind": "comment", "platform": "weibo", "text": "请问几点开门？", "user": "67"},
    )
    env = inbox_env(emulator)
    assert inbox(repo, env, "fetch").code == 0
    hide = write_reply(
        repo,
        "qiangzhi",
        f"weibo:{bad['id']}",
        "",
        folder="moderation",
        extra="action: hide\nreason: 含违法信息（A9-07）\n",
    )
    reply = write_reply(repo, "kaimen", f"weibo:{question['id']}", "您好，工作日8:30开门。")
    approve_reply(repo, reply)
    (repo / reply).write_text(
        (repo / reply).read_text(encoding="utf-8").replace("8:30", "6:00"), encoding="utf-8"
    )
    git(repo, "commit", "-qam", "Edit after approval")
    result = inbox(repo, env, "send")
    assert result.code == 0
    assert f"未发送：{hide}：未完成审核" in result.out
    assert f"未发送：{reply}：未完成审核" in result.out and "旧版本" in result.out
    seen = comments(emulator)
    assert not seen[f"weibo:{bad['id']}"].get("hidden")
    assert not seen[f"weibo:{question['id']}"].get("reply")
    assert not [r for r in ledger_records(repo) if r["slug"].startswith("interaction:")]
    approve_reply(repo, hide)
    assert inbox(repo, env, "send").code == 0
    assert comments(emulator)[f"weibo:{bad['id']}"]["hidden"] is True
    hidden = [r for r in ledger_records(repo) if r["event"] == "hidden"]
    assert len(hidden) == 1 and hidden[0]["detail"]["reason"] == "含违法信息（A9-07）"


def _server(tmp_path: Path, repo: Path) -> Path:
    from pipeline.review.hooks import install_hooks

    bare = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(bare))
    install_hooks(bare)
    (bare / "hooks" / "post-receive").unlink(missing_ok=True)
    git(repo, "remote", "add", "origin", str(bare))
    git(repo, "push", "-q", "origin", "main")  # the bootstrap
    return bare


def _push(repo: Path) -> tuple[int, str]:
    import subprocess

    proc = subprocess.run(
        ["git", "push", "origin", "HEAD:refs/heads/main"], cwd=repo, capture_output=True, text=True
    )
    return proc.returncode, proc.stderr


def test_inbox_is_written_only_by_the_publisher_and_only_appended(
    tmp_path: Path, emulator: Emulator
) -> None:
    """Attack: an editor pushes inbox records (a fabricated citizen comment), and the
    publisher's key is used to rewrite a recorded comment.
    Defence: ``interaction/`` is publisher-written (``interaction.trust`` in the pre-receive):
    only a commit signed by a ``publishers:`` key that only appends whole, valid records."""
    from tests.publish_support import publisher_env

    repo = unit_repo(tmp_path / "unit")
    _server(tmp_path, repo)
    platform_items(emulator)
    plant(emulator, {"kind": "comment", "platform": "weibo", "text": "请问？", "user": "41"})
    env = inbox_env(emulator)
    assert inbox(repo, env, "fetch").code == 0
    git(repo, "add", "interaction")
    git(repo, "commit", "-qm", "Inbox by hand")
    code, err = _push(repo)
    assert code != 0 and "互动记录" in err and "发布者" in err
    git(repo, "reset", "-q", "--hard", "HEAD~1")
    fetched = inbox(repo, {**env, **publisher_env(repo)}, "fetch", "--commit")
    assert fetched.code == 0, fetched.out + fetched.err
    assert "已以发布者身份提交" in fetched.out
    code, err = _push(repo)
    assert code == 0, err
    [records] = list((repo / "interaction").rglob("weibo.jsonl"))
    records.write_text(
        records.read_text(encoding="utf-8").replace("请问？", "本局工作人员态度恶劣"),
        encoding="utf-8",
    )
    from pipeline.interaction.commit import commit_dir
    from pipeline.platforms.settings import load_settings
    from pipeline.project import Project

    settings = load_settings(repo, {**env, **publisher_env(repo)})
    assert commit_dir(Project(repo), "interaction", "Rewrite", settings)
    code, err = _push(repo)
    assert code != 0 and "只能在末尾追加" in err
