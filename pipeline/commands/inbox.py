"""``govmedia inbox``: citizens' comments (第十二条) — fetch, status, check, send."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import argtypes
from pipeline.content_limits import shown
from pipeline.errors import ConfigError, UsageError
from pipeline.findings import exit_code, render
from pipeline.governance.period import today as local_today
from pipeline.interaction.status import State
from pipeline.interaction.view import InboxView
from pipeline.project import Project, find_project

if TYPE_CHECKING:
    from pipeline.platforms.settings import Settings

NAME = "inbox"
HELP = "网民互动（第十二条）：拉取评论、分类分派、办理时限、检查与发送经审核的回复"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="操作", required=True)
    fetch = sub.add_parser(
        "fetch", help="从公众号、微博、客户端拉取新评论到 interaction/（可重复运行）"
    )
    fetch.add_argument(
        "--commit", action="store_true", help="以发布者身份签名提交 interaction/（服务器上运行）"
    )
    fetch.add_argument(
        "--push", action="store_true", help="提交后推送到 origin（服务器钩子使用；隐含 --commit）"
    )
    status = sub.add_parser("status", help="待办：办理中、即将到期、已逾期，按人员与部门")
    status.add_argument("--format", choices=("text", "json"), default="text")
    receive = sub.add_parser(
        "receive",
        help="公众号私信回调接收端：核验签名后写入 GOVMEDIA_WECHAT_PUSH_SPOOL（服务器上常驻运行）",
    )
    receive.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）")
    receive.add_argument("--port", type=argtypes.port, default=8780, help="监听端口（默认 8780）")
    check = sub.add_parser("check", help="检查 content/replies/ 与 content/moderation/ 中的文件")
    check.add_argument("paths", nargs="*", help="文件（默认全部）")
    check.add_argument("--format", choices=("text", "json", "github"), default="text")
    send = sub.add_parser(
        "send", help="发送 main 上已审核的回复与隐藏指令（每件只发送一次，记入台账）"
    )
    send.add_argument(
        "--commit", action="store_true", help="以发布者身份签名提交台账 ledger/（服务器上运行）"
    )
    send.add_argument(
        "--push", action="store_true", help="提交后推送到 origin（服务器钩子使用；隐含 --commit）"
    )


def run(args: argparse.Namespace) -> int:
    project = find_project()
    if args.action == "receive":
        return _receive(args)
    action = {"fetch": _fetch, "status": _status, "check": _check, "send": _send}[args.action]
    return action(project, args)


def _account_names(project: Project) -> Callable[[str], str]:
    """An account as people read it: 「公开名称」（id）; the bare id if the registry is unreadable
    (``accounts check`` reports that itself)."""
    from pipeline.governance.registry import load_registry

    try:
        label = load_registry(project.accounts_file).label_of
    except ConfigError:

        def label(account_id: str) -> str:
            return f"「{account_id}」"

    def name(key: str) -> str:
        account_id, mark, what = key.partition("（")  # "app（私信）": the account's messages
        return label(account_id) + mark + what

    return name


def _fetch(project: Project, args: argparse.Namespace) -> int:
    from pipeline.interaction.fetch import fetch
    from pipeline.platforms.settings import load_settings

    env = dict(os.environ)
    settings = load_settings(project.root, env)
    with _server_run(project, settings, args.push):
        result = fetch(project, settings, env)
        name = _account_names(project)
        for channel, added in sorted(result.added.items()):
            print(f"{name(channel)}：读取 {result.seen[channel]} 条，新增 {added} 条。")
        for channel, reason in sorted(result.failed.items()):
            print(f"{name(channel)}：拉取失败，游标未移动，下次运行继续：{reason}")
        for channel, ids in sorted(result.reused.items()):
            for platform_id in ids:
                print(
                    f"{name(channel)}：平台把评论编号 {shown(platform_id)} 重复用于另一段不同的文字："
                    "已存的原记录不变，新文字另记一条，两条都留给审核人核对"
                    "（govmedia inbox status 列出；该留言不能公开答复）。"
                )
        if args.commit or args.push:
            from pipeline.interaction.commit import commit_dir

            added = sum(result.added.values())
            if commit_dir(project, "interaction", f"Inbox: {added} new item(s)", settings):
                print("已以发布者身份提交 interaction/。")
    return 0 if result.ok else 1


@contextlib.contextmanager
def _server_run(
    project: Project, settings: Settings, push: bool, *, lock: bool = False
) -> Iterator[None]:
    """With ``--push`` (the server's hook): one run at a time in this clone (the publisher's
    lock), started from the remote's main, and the signed commits pushed back at the end.
    With ``lock`` (a send), the publisher's lock without ``--push`` too: two sends at once
    each read the ledger before their platform call and both answered (red team, round 31)."""
    from pipeline.publishing.ledger_commit import push_ledger, run_lock

    if not push:
        with run_lock(project) if lock else contextlib.nullcontext():
            yield
        return
    from pipeline.ledger_signing import publisher_signer
    from pipeline.publishing import sync

    signer = publisher_signer(project, "HEAD", settings)
    with run_lock(project):
        if sync.has_origin(project):
            sync.sync(project, signer)
        yield
    if sync.has_origin(project):
        push_ledger(project, "main", signer)
        print("已推送到 origin。")


def _status(project: Project, args: argparse.Namespace) -> int:
    view = _view(project)
    if args.format == "json":
        print(json.dumps(_status_rows(view), ensure_ascii=False, indent=2))
        return 0
    _print_counts(view)
    _print_disputed(view)
    _print_open(view)
    _print_unanswerable(view)
    _print_proposals(view)
    return 0


def _status_rows(view: InboxView) -> list[dict[str, object]]:
    """``inbox status --format json``: one row per item, open or closed."""
    return [
        {
            "item": s.triaged.item.id,
            "category": s.triaged.category,
            "department": s.triaged.route.department if s.triaged.route else "",
            "person": s.triaged.route.person if s.triaged.route else "",
            "due": s.deadline.due.isoformat() if s.deadline else "",
            "state": s.deadline.state if s.deadline and s.is_open else "closed",
            "rules": [d.rule for d in s.triaged.findings],
            "kind": s.triaged.item.kind,
            "outcome": s.outcome.event if s.outcome else "",
            "reason": s.outcome.reason if s.outcome else "",
            "disputed": view.disputed.get(s.triaged.item.id, ""),
        }
        for s in view.states
    ]


def _print_counts(view: InboxView) -> None:
    """The inbox's size, category by category."""
    from pipeline.interaction.triage import LABELS as CATEGORY

    counts: dict[str, int] = defaultdict(int)
    for s in view.states:
        counts[s.triaged.category] += 1
    print(
        f"收件箱共 {len(view.states)} 条："
        + "，".join(f"{CATEGORY[k]} {v} 条" for k, v in sorted(counts.items()))
    )


def _print_disputed(view: InboxView) -> None:
    """The items stored twice with different contents: the first record is the one every
    reader takes; the reviewer sees both (a platform that reused a comment's id)."""
    first = {s.triaged.item.id: s.triaged.item for s in view.states}
    for item_id, where in sorted(view.disputed.items()):
        text = first[item_id].text[:40] if item_id in first else ""
        print(
            f"  [编号重复] {shown(item_id)} 在互动记录中有两条内容不同的记录（另一条见 {where}），"
            f"以第一条为准：{shown(text)}；该留言不能公开答复，请核对平台上的原文。"
        )


def _print_open(view: InboxView) -> None:
    """The open questions, grouped by department and person, each with its deadline."""
    open_items = [s for s in view.states if s.is_open]
    print(f"待答复咨询 {len(open_items)} 条（答复时限 {view.config.reply_days} 个工作日）：")
    names = {p.email.lower(): p.name for p in view.roster.people} if view.roster else {}
    groups: dict[tuple[str, str], list[State]] = defaultdict(list)
    for s in open_items:
        route = s.triaged.route
        assert route is not None
        groups[(route.department, route.person)].append(s)
    for (department, person), rows in sorted(groups.items()):
        who = names.get(person.lower(), person or "未分派")
        _print_group(department, who, rows)


def _print_group(department: str, who: str, rows: list[State]) -> None:
    """One person's open questions: a tally by deadline state, then one line per item."""
    from pipeline.interaction.deadlines import LABELS

    tally: dict[str, int] = defaultdict(int)
    for s in rows:
        assert s.deadline is not None
        tally[s.deadline.state] += 1
    summary = "，".join(
        f"{LABELS[k]} {tally[k]}" for k in ("overdue", "due_soon", "open") if tally[k]
    )
    print(f"  {department} / {who}：{summary}")
    for s in sorted(rows, key=lambda s: s.deadline.due if s.deadline else s.triaged.item.at):
        assert s.deadline is not None
        print(
            f"    [{LABELS[s.deadline.state]}] {shown(s.triaged.item.id)}  时限 {s.deadline.due}  "
            f"{shown(s.triaged.item.text[:40])}"  # a citizen's text: never terminal commands
        )


def _print_unanswerable(view: InboxView) -> None:
    """The items recorded as not answerable, each with its reason."""
    unanswerable = [s for s in view.states if s.outcome and s.outcome.event == "unanswerable"]
    if unanswerable:
        print(f"无法答复 {len(unanswerable)} 条（原因已记入台账）：")
        for s in unanswerable:
            assert s.outcome is not None
            print(f"  {s.triaged.item.id}：{s.outcome.reason}")


def _print_proposals(view: InboxView) -> None:
    """The violating comments not yet decided: each a proposed hide order with its rules."""
    proposals = [s for s in view.states if s.triaged.category == "violation" and s.outcome is None]
    if proposals:
        print(
            f"建议隐藏的违规评论 {len(proposals)} 条（须经审核的隐藏指令，content/moderation/）："
        )
        for s in proposals:
            rules = "、".join(f"{d.rule}（{d.article}）" for d in s.triaged.findings)
            print(f"  {s.triaged.item.id}：{rules}")


def _view(project: Project) -> InboxView:
    from pipeline.interaction.view import load_view

    return load_view(project, local_today())


def _check(project: Project, args: argparse.Namespace) -> int:
    from pipeline.interaction.check import all_paths, check_paths
    from pipeline.interaction.replies import is_interaction_path
    from pipeline.interaction.reposts import is_repost_path

    paths = [project.rel(Path(p)) for p in args.paths] or all_paths(project.root)
    bad = [p for p in paths if not (is_interaction_path(p) or is_repost_path(p))]
    if bad:
        raise UsageError(
            f"{bad[0]} 不是回复（content/replies/）、隐藏指令（content/moderation/）或转发"
            "（content/reposts/）文件。"
        )
    findings = check_paths(project.root, paths)
    text = render(findings, args.format)
    if text:
        print(text)
    if not findings and args.format == "text":
        print(f"检查通过：{len(paths)} 个文件。")
    return exit_code(findings)


def _send(project: Project, args: argparse.Namespace) -> int:
    from pipeline.interaction.send import send
    from pipeline.platforms.settings import load_settings

    env = dict(os.environ)
    settings = load_settings(project.root, env)
    with _server_run(project, settings, args.push, lock=True):
        result = send(project, settings, env)
        for path in result.sent:
            print(f"已发送：{path}")
        for path in result.public:
            print(f"已改为公开答复（超过公众号 48 小时私信时限）：{path}")
        for path, reason in result.skipped:
            print(f"未发送：{path}：{reason}")
        for path, reason in result.failed:
            print(f"发送失败：{path}：{reason}")
        if not (result.sent or result.public or result.skipped or result.failed):
            print("没有待发送的回复或隐藏指令。")
        if args.commit or args.push:
            from pipeline.interaction.commit import commit_dir
            from pipeline.project import LEDGER_DIR

            message = f"Ledger: {len(result.sent)} interaction(s)"
            if commit_dir(project, LEDGER_DIR, message, settings):
                print("已以发布者身份提交台账 ledger/。")
    return 0 if result.ok else 1


def _receive(args: argparse.Namespace) -> int:
    from pipeline.interaction.wechat_push import SPOOL_ENV, TOKEN_ENV, Spool, serve

    spool, token = os.environ.get(SPOOL_ENV, ""), os.environ.get(TOKEN_ENV, "")
    if not spool or not token:
        raise UsageError(
            f"请先设置 {SPOOL_ENV}（接收文件，仓库之外）与 {TOKEN_ENV}（公众号后台的令牌）。"
        )
    from pipeline.interaction.wechat_crypt import AES_KEY_ENV, APPID_ENV, sealing

    try:
        sealed = sealing(dict(os.environ), token)
    except ValueError:
        raise UsageError(
            f"{AES_KEY_ENV} 应为公众号后台的 43 位消息加解密密钥，且须同时设置 {APPID_ENV}"
            "（安全模式只收本公众号的加密推送）。"
        ) from None
    try:
        server = serve(Spool(Path(spool)), token, args.host, args.port, sealed=sealed)
    except OSError as exc:
        raise UsageError(f"无法监听 {args.host}:{args.port}（{exc.strerror}）。") from None
    mode = "安全模式" if sealed else "明文模式"
    print(
        f"公众号私信回调接收端已启动（{mode}）：http://{args.host}:{server.server_address[1]}/"
        "（Ctrl+C 停止）"
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
