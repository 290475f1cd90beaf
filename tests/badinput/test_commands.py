"""Bad input to every command and argument: each case runs the real CLI in a real unit
repository and asserts the exit code, a Chinese message naming the file, field or argument,
no traceback, and that nothing was written or changed (the repository, the folder given as
an argument, the file given as an argument)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.badinput.support import (
    POST_DIR,
    Case,
    alias_bomb,
    assert_refused,
    front,
    snapshot,
    unit_repo,
)
from tests.conftest import run_cli


def _post(name: str, text: str | bytes) -> Callable[[Path, Path], dict[str, str]]:
    def prepare(unit: Path, tmp: Path) -> dict[str, str]:
        path = unit / POST_DIR / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return {}

    return prepare


def _append(rel: str, text: str) -> Callable[[Path, Path], dict[str, str]]:
    def prepare(unit: Path, tmp: Path) -> dict[str, str]:
        with (unit / rel).open("a", encoding="utf-8") as fh:
            fh.write(text)
        return {}

    return prepare


def _file(name: str, text: str = "用户自己的文件\n") -> Callable[[Path, Path], dict[str, str]]:
    def prepare(unit: Path, tmp: Path) -> dict[str, str]:
        path = tmp / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return {}

    return prepare


def _env(**values: str) -> Callable[[Path, Path], dict[str, str]]:
    return lambda unit, tmp: dict(values)


GOOD_LINE = '{"event": "note", "slug": "x", "channel": "wechat"}\n'
BAD_DETAIL = (
    GOOD_LINE + '{"event": "published", "slug": "a", "channel": "wechat", "detail": "oops"}\n'
)
NO_SLUG = GOOD_LINE + '{"event": "published", "channel": "wechat"}\n' + GOOD_LINE
NOT_OBJECT = GOOD_LINE + "[1, 2, 3]\n" + GOOD_LINE


def _ledger(text: str) -> Callable[[Path, Path], dict[str, str]]:
    def prepare(unit: Path, tmp: Path) -> dict[str, str]:
        (unit / "ledger").mkdir(exist_ok=True)
        (unit / "ledger" / "2026-03.jsonl").write_text(text, encoding="utf-8")
        return {}

    return prepare


NUL_POST = (front() + "正文。\n" * 4000 + "坏\0字\n").encode()
BIDI_POST = front(title='"通知\u202e知通"') + "正文\n"
NEWLINE_POST = front(title='"第一行\\n第二行"') + "正文\n"
DEEP_LIST = front() + "\n".join("    " * i + "- 项" for i in range(1000)) + "\n"
NESTED_STARS = front() + "*强 " * 3500 + " 调*" * 3500 + "\n"  # about 40 KB
DEEP_QUOTE = front() + ">" * 300 + " 引用\n"
BOMB_POST = front(extra=alias_bomb()) + "正文\n"
GARBAGE_STATE = "这不是 JSON {{{"

CASES = [
    # check: what the renderers and platforms cannot take is refused before approval
    Case("check-alias-bomb-front-matter", ("check", f"{POST_DIR}/bomb.md"), 1,
         (f"{POST_DIR}/bomb.md:", "别名炸弹"), _post("bomb.md", BOMB_POST)),
    Case("check-alias-bomb-accounts", ("check",), 2,
         ("content/accounts.yml:", "别名炸弹"), _append("content/accounts.yml", alias_bomb())),
    Case("check-alias-bomb-roster", ("check",), 2,
         ("content/roster.yml:", "别名炸弹"), _append("content/roster.yml", alias_bomb())),
    Case("check-nul-after-8k", ("check", f"{POST_DIR}/nul.md"), 2,
         (f"{POST_DIR}/nul.md:4008:", "NUL"), _post("nul.md", NUL_POST)),
    Case("check-bidi-title", ("check", f"{POST_DIR}/bidi.md"), 1,
         (f"{POST_DIR}/bidi.md:2:", "title", "U+202E"), _post("bidi.md", BIDI_POST)),
    Case("check-newline-title", ("check", f"{POST_DIR}/nl.md"), 1,
         (f"{POST_DIR}/nl.md:2:", "title", "换行"), _post("nl.md", NEWLINE_POST)),
    Case("check-1000-level-list", ("check", f"{POST_DIR}/deep.md"), 1,
         (f"{POST_DIR}/deep.md:", "列表嵌套"), _post("deep.md", DEEP_LIST)),
    Case("check-40kb-nested-stars", ("check", f"{POST_DIR}/stars.md"), 1,
         (f"{POST_DIR}/stars.md:8:", "强调"), _post("stars.md", NESTED_STARS)),
    Case("check-deep-blockquote", ("check", f"{POST_DIR}/quote.md"), 1,
         (f"{POST_DIR}/quote.md:8:", "引用"), _post("quote.md", DEEP_QUOTE)),
    Case("check-bad-format", ("check", "--format", "xml"), 2, ("--format", "xml")),
    # build --out never deletes what govmedia did not create
    Case("build-out-file", ("build", "--out", "{tmp}/notes.txt"), 2,
         ("--out", "notes.txt", "文件"), _file("notes.txt")),
    Case("build-out-root", ("build", "--out", "/"), 2, ("--out", "根目录")),
    Case("build-out-home", ("build", "--out", "{home}"), 2, ("--out", "主目录")),
    Case("build-out-foreign-folder", ("build", "--out", "{tmp}/docs"), 2,
         ("--out", "docs", "不是 govmedia 生成的站点"), _file("docs/mine.txt")),
    Case("build-out-repository", ("build", "--out", "."), 2, ("--out", "内容仓库")),
    # report, accounts, watch, verify: arguments
    Case("report-out-file", ("report", "--month", "2026-03", "--out", "{tmp}/r.txt"), 2,
         ("--out", "r.txt", "不是目录"), _file("r.txt")),
    Case("report-bad-month", ("report", "--month", "2026-13"), 2, ("--month", "2026-13")),
    Case("report-repos-not-a-repo", ("report", "--year", "2026", "--repos", "{tmp}"), 2,
         ("--repos", "不是内容仓库")),
    Case("accounts-bad-month", ("accounts", "activity", "--month", "13"), 2, ("--month",)),
    Case("watch-bad-since", ("watch", "--since", "yesterday"), 2, ("--since", "YYYY-MM-DD")),
    Case("watch-unparsable-wechat-api", ("watch",), 2, ("GOVMEDIA_WECHAT_API", "网址"),
         _env(GOVMEDIA_WECHAT_API="http://[::1")),
    Case("verify-unknown-head", ("verify", "--head", "no-such-ref"), 1, ("no-such-ref",)),
    # emulate: ports and state files
    # preview, install-pre-commit, rules, ledger, inbox: arguments and missing files
    Case("preview-missing-post", ("preview", f"{POST_DIR}/nosuch.md"), 2,
         (f"{POST_DIR}/nosuch.md", "文件不存在")),
    Case("install-pre-commit-unknown-option", ("install-pre-commit", "--bogus"), 2,
         ("无法识别的参数", "--bogus")),
    Case("rules-curate-no-lexicons", ("rules", "curate", "--rule", "A9-05", "--shared",
         "{tmp}/nowhere"), 2, ("--shared", "公开词库")),
    Case("ledger-unknown-action", ("ledger", "bogus"), 2, ("bogus", "无效的选项值")),
    Case("inbox-status-bad-format", ("inbox", "status", "--format", "xml"), 2,
         ("--format", "xml")),
    Case("inbox-receive-unconfigured", ("inbox", "receive", "--port", "0"), 2,
         ("GOVMEDIA_WECHAT_PUSH_SPOOL", "GOVMEDIA_WECHAT_CALLBACK_TOKEN")),
    Case("inbox-receive-port-too-big", ("inbox", "receive", "--port", "99999"), 2,
         ("--port", "65535")),
    Case("emulate-port-too-big", ("emulate", "--port", "99999"), 2, ("--port", "65535")),
    Case("emulate-port-not-number", ("emulate", "--port", "eighty"), 2, ("--port", "eighty")),
    Case("emulate-garbage-state", ("emulate", "--port", "0", "--state", "{tmp}/s.json"), 2,
         ("--state", "s.json", "不是模拟器状态文件"), _file("s.json", GARBAGE_STATE)),
    Case("emulate-state-wrong-field", ("emulate", "--port", "0", "--state", "{tmp}/s.json"), 2,
         ("--state", "字段 tokens"), _file("s.json", json.dumps({"tokens": [1, 2]}))),
    Case("emulate-state-folder", ("emulate", "--port", "0", "--state", "{tmp}"), 2,
         ("--state", "不是文件")),
    Case("emulate-bad-hourly-limit", ("emulate", "--weibo-hourly-limit", "-5"), 2,
         ("--weibo-hourly-limit",)),
    # demo, install-hooks, approve, retract, publish
    Case("demo-workdir-file", ("demo", "--workdir", "{tmp}/w.txt"), 2,
         ("--workdir", "w.txt", "不是目录"), _file("w.txt")),
    Case("demo-workdir-not-empty", ("demo", "--workdir", "{tmp}/w"), 2,
         ("--workdir", "不是空的"), _file("w/keep.txt")),
    Case("install-hooks-file", ("install-hooks", "{tmp}/x.txt"), 2, ("x.txt", "裸仓库"),
         _file("x.txt")),
    Case("approve-missing-stage", ("approve", f"{POST_DIR}/nope.md"), 2, ("--stage",)),
    Case("approve-bad-stage", ("approve", "--stage", "4", f"{POST_DIR}/nope.md"), 2,
         ("--stage",)),
    Case("retract-missing-reason", ("retract", f"{POST_DIR}/nope.md"), 2, ("--reason",)),
    Case("revoke-unknown-commit", ("revoke", "0" * 40), 2, ("0" * 40, "找不到提交")),
    Case("publish-jobs-zero", ("publish", "--jobs", "0"), 2, ("--jobs",)),
    Case("publish-poll-interval-not-number", ("publish", "--dry-run"), 2,
         ("GOVMEDIA_POLL_INTERVAL", "abc"), _env(GOVMEDIA_POLL_INTERVAL="abc")),
    Case("publish-retry-base-not-number", ("publish", "--dry-run"), 2,
         ("GOVMEDIA_RETRY_BASE",), _env(GOVMEDIA_RETRY_BASE="fast")),
    Case("publish-max-polls-not-number", ("publish", "--dry-run"), 2, ("GOVMEDIA_MAX_POLLS",),
         _env(GOVMEDIA_MAX_POLLS="many")),
    Case("status-outside-repository", ("status",), 2, ("content/",), outside=True),
    Case("check-outside-repository", ("check",), 2, ("content/",), outside=True),
    # ledger lines a hand or a broken disk left behind
    Case("publish-ledger-string-detail", ("publish", "--dry-run"), 2,
         ("ledger/2026-03.jsonl:2", "detail"), _ledger(BAD_DETAIL)),
    Case("watch-ledger-missing-slug", ("watch",), 2, ("ledger/2026-03.jsonl:2", "slug"),
         _ledger(NO_SLUG)),
    Case("report-ledger-not-an-object", ("report", "--month", "2026-03", "--out", "{tmp}/r"), 2,
         ("ledger/2026-03.jsonl:2", "JSON 对象"), _ledger(NOT_OBJECT)),
    Case("unknown-command", ("nosuch",), 2, ("nosuch",)),
]  # fmt: skip


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return unit_repo(tmp_path_factory.mktemp("pristine") / "unit")


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_is_refused_in_chinese_and_writes_nothing(
    case: Case, pristine: Path, tmp_path: Path
) -> None:
    unit = tmp_path / "unit"
    shutil.copytree(pristine, unit, symlinks=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    env = case.prepare(unit, outside)
    home = Path.home()
    argv = [a.format(tmp=outside, home=home) for a in case.argv]
    before = snapshot(unit, outside)
    result = run_cli(*argv, cwd=outside if case.outside else unit, env=env)
    assert_refused(result, case)
    assert snapshot(unit, outside) == before


def test_every_command_has_a_bad_input_case() -> None:
    from pipeline.commands import discover

    covered = {case.argv[0] for case in CASES}
    assert {module.NAME for module in discover()} <= covered
