"""Red team, round 31: a forged commit's subject on the terminal of whoever reads the branch.

The readers of publisher-written data (the ledger, the inbox) refuse a history in which
anyone but the publisher touched it, naming the commit and quoting its subject. The subject
is the forger's text: real git commits in ``tmp_path``, the real CLI in a new process, the
real publishing run against the loopback emulator for the honest history."""

from __future__ import annotations

import json
import re
from pathlib import Path

from pipeline.emulators import Emulator
from tests.conftest import run_cli
from tests.interaction_support import (
    inbox,
    inbox_env,
    plant,
    platform_items,
    reviewer_key,
    unit_repo,
)
from tests.publish_support import env_for, git, publish_process, publisher_env, small_repo
from tests.review_support import Key, identity_env
from tests.security.ledger_support import signed_commit

EDITOR = ("王芳", "wangfang@example.gov.cn")
# erase the line, go back to its start, then conceal everything after it: the refusal
# ("…不可信：提交 <id>（<subject>）修改了 ledger/…") would show nothing at all
SUBJECT = "Ledger: fix\x1b[2K\r\x1b[8m\u202e"
TERMINAL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _forge_ledger(repo: Path) -> str:
    path = sorted((repo / "ledger").glob("*.jsonl"))[0]
    line = json.loads(path.read_text(encoding="utf-8").splitlines()[-1])
    line.update(event="retracted", detail={"reason": "伪造", "approved_by": "陈静"})
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    return signed_commit(repo, SUBJECT, None, who=EDITOR)


def _assert_shown(text: str, forged: str, title: str) -> None:
    assert title in text and forged[:12] in text, text
    assert not TERMINAL.search(text.replace("\n", "")), repr(text)
    assert "Ledger: fix\\u001b[2K\\u000d\\u001b[8m\\u202e" in text, text


def test_a_forged_ledger_commits_subject_cannot_hide_the_refusal(
    tmp_path: Path, emulator: Emulator
) -> None:
    """A branch whose editor's commit appends a tombstone to the ledger, its subject an
    ESC sequence that erases the line and conceals the rest: every reader's refusal
    (``build`` before a preview, ``publish --dry-run``, ``watch``) quoted the subject as
    written, so the reviewer's terminal showed no refusal at all. The subject is now shown
    with those characters written as ``\\uXXXX``."""
    repo = small_repo(tmp_path / "unit", ("2026/11/nianmo-fanzha-tixing.md",))
    env = env_for(emulator)
    run = publish_process(repo, env)
    assert run.code == 0, run.out + run.err
    forged = _forge_ledger(repo)
    for args in (["build"], ["publish", "--dry-run"], ["watch"]):
        result = run_cli(*args, cwd=repo, env=env)
        assert result.code != 0, args
        _assert_shown(result.err, forged, "发布台账不可信")
    # the honest history next to it still reads
    git(repo, "reset", "-q", "--hard", "HEAD^")
    assert run_cli("watch", cwd=repo, env=env).code == 0


def test_a_forged_inbox_commits_subject_cannot_hide_the_refusal(
    tmp_path: Path, emulator: Emulator
) -> None:
    """The same for the inbox: an editor's commit appending a "citizen's question" to
    ``interaction/`` under such a subject; ``inbox status`` names it with the subject shown."""
    repo = unit_repo(tmp_path / "unit")
    platform_items(emulator)
    plant(emulator, {"kind": "comment", "platform": "weibo", "text": "请问办证大厅在哪里？"})
    env = inbox_env(emulator)
    fetched = inbox(repo, {**env, **publisher_env(repo)}, "fetch", "--commit")
    assert fetched.code == 0, fetched.out + fetched.err
    [path] = list((repo / "interaction").rglob("weibo.jsonl"))
    record = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    record.update(id="weibo:9999", platform_id="9999", text="伪造的网民咨询")
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    forged = signed_commit(repo, SUBJECT, None, "interaction", who=EDITOR)
    result = inbox(repo, env, "status")
    assert result.code != 0
    _assert_shown(result.err + result.out, forged, "互动记录不可信")
    git(repo, "reset", "-q", "--hard", "HEAD^")
    assert inbox(repo, env, "status").code == 0


def test_a_file_name_with_escape_codes_cannot_blank_the_checks_report(tmp_path: Path) -> None:
    """A branch adds a post under a name holding ``ESC[2K`` (erase the line) and ``ESC[8m``
    (conceal what follows). ``git diff`` quotes such a name; ``govmedia check`` printed it
    as written at the head of its own refusal and in every finding about another post that
    names it, so the reviewer's terminal erased the refusal and concealed every line after
    it, the summary included. Every line of the text report (and of the forge's annotations)
    now shows those characters as ``\\uXXXX``; the honest report is unchanged."""
    repo = small_repo(tmp_path / "unit", ("2026/11/nianmo-fanzha-tixing.md",))
    honest = run_cli("check", cwd=repo)
    folder = repo / "content" / "posts" / "2026" / "11"
    text = (folder / "nianmo-fanzha-tixing.md").read_text(encoding="utf-8")
    (folder / "tongzhi\x1b[2K\x1b[8m.md").write_text(text, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Add a post")
    for fmt in ("text", "github"):
        result = run_cli("check", "--format", fmt, cwd=repo)
        assert result.code == 1, result.out + result.err
        out = result.out + result.err
        assert not TERMINAL.search(out.replace("\n", "")), repr(out)
        assert "tongzhi\\u001b[2K\\u001b[8m" in out and "slug-invalid" in out, out
    summary = run_cli("check", cwd=repo).out.splitlines()[-1]
    assert summary.startswith("共 1 个错误"), summary
    # the honest report of the branch before it: no escape where none was needed
    assert "\\u" not in honest.out and honest.code == 0, honest.out


def test_the_status_of_a_branch_and_a_refusal_show_its_names_escaped(tmp_path: Path) -> None:
    """The same names on a branch: ``govmedia status`` printed each file's name at the head
    of its block (an image named ``x<ESC>[8m.png`` concealed its own ✗ and every block
    after it), and a refusal (``preview`` of such a post) printed it through the CLI's last
    line. Both now show it escaped; ``verify`` already did (round 12)."""
    repo = small_repo(tmp_path / "unit", ("2026/11/nianmo-fanzha-tixing.md",))
    git(repo, "checkout", "-q", "-b", "feature")
    folder = repo / "content" / "posts" / "2026" / "11"
    text = (folder / "nianmo-fanzha-tixing.md").read_text(encoding="utf-8")
    post = folder / "tongzhi\x1b[2K\x1b[8m.md"
    post.write_text(text, encoding="utf-8")
    image = repo / "content" / "images" / "tu\x1b[8m.png"
    image.parent.mkdir(parents=True, exist_ok=True)
    image.write_bytes(b"\x89PNG\r\n\x1a\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Add a post")
    status = run_cli("status", cwd=repo)
    out = status.out + status.err
    assert not TERMINAL.search(out.replace("\n", "")), repr(out)
    assert "tu\\u001b[8m.png  ✗" in out and "tongzhi\\u001b[2K\\u001b[8m.md  ✗" in out, out
    preview = run_cli("preview", str(post), cwd=repo)
    assert preview.code != 0 and "tongzhi\\u001b[2K" in preview.err, preview.err
    assert not TERMINAL.search(preview.err.replace("\n", "")), repr(preview.err)


def test_an_image_named_with_a_bidi_override_is_listed_escaped_by_approve(tmp_path: Path) -> None:
    """A post's body may hold bidi controls (a browser shows them as the public sees them),
    so it may pull in an image named ``tu<RLO>gnp.exe.png``; ``govmedia approve`` listed
    every file it signed as written, and the reviewer's terminal showed the name reversed
    (``tugnp.exe.png`` read backwards). The list of signed files, the signed subject and the
    acknowledged findings are now shown with such characters escaped."""
    repo = small_repo(tmp_path / "unit", ("2026/11/nianmo-fanzha-tixing.md",))
    git(repo, "checkout", "-q", "-b", "feature")
    folder = repo / "content" / "posts" / "2026" / "11"
    (folder / "images").mkdir(exist_ok=True)
    sample = Path(__file__).resolve().parents[2] / "content" / "posts" / "2026" / "11"
    name = "tu\u202egnp.exe.png"
    image = (sample / "images" / "zhangshangban.png").read_bytes()
    (folder / "images" / name).write_bytes(image)
    post = folder / "nianmo-fanzha-tixing.md"
    post.write_text(
        post.read_text(encoding="utf-8") + f"\n![示意图](images/{name})\n", encoding="utf-8"
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "An image")
    env = identity_env("张伟", "zhangwei@example.gov.cn", Key(reviewer_key(repo, "张伟"), ""))
    result = run_cli("approve", str(post), "--stage", "1", cwd=repo, env=env)
    assert result.code == 0, result.out + result.err
    assert not TERMINAL.search(result.out.replace("\n", "")), repr(result.out)
    assert "images/tu\\u202egnp.exe.png@" in result.out, result.out
