"""``govmedia ledger mass <文章路径> --sent [--msg-id N] | --not-sent``: the operator records
how a 群发 ended when the publisher could not find out itself.

A mass send whose intent has no outcome in the ledger is resent automatically only within
the platform's 24-hour clientmsgid window (platforms/wechat_mass_send.py). Past it, the operator checks
the account's sent list in the WeChat console and records what happened:

- ``--sent``: it went out; a ``published`` record (``mass:<msg_id>``, or ``mass:manual-…``
  when the msg_id is not known), so nothing is sent again;
- ``--not-sent``: it did not; a ``failed`` record (``NotSent``) after which the next
  publish run sends it with a new clientmsgid.

The record is committed signed by the publisher key, like every ledger write.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pipeline.errors import UsageError
from pipeline.ledger import Ledger, Record, delivery_record, new_run_id
from pipeline.ledger_guard import require_branch
from pipeline.ledger_signing import publisher_signer
from pipeline.ledger_trust import trusted_ledger
from pipeline.platforms.settings import Settings
from pipeline.platforms.wechat_channel import WeChatChannel
from pipeline.platforms.wechat_mass_send import NOT_SENT, current, open_intent, sent_record
from pipeline.project import Project
from pipeline.publishing.ledger_commit import commit_ledger, run_lock
from pipeline.redact import append_scrubbed


def record_mass_outcome(
    project: Project,
    path: str,
    *,
    sent: bool,
    msg_id: str = "",
    settings: Settings,
    ref: str = "main",
    say: Callable[[str], None] = print,
) -> int:
    """Record the operator's finding on the mass send of ``path`` with no known outcome."""
    _check_options(sent, msg_id)
    require_branch(project, ref)
    with run_lock(project):
        ledger = trusted_ledger(project, ref)
        signer = publisher_signer(project, ref, settings)
        intent = _undecided_intent(ledger, path)
        run = new_run_id()
        if sent:
            record, said = _sent_outcome(intent, run, msg_id)
        else:
            record, said = _not_sent_outcome(intent, run)
        append_scrubbed(ledger, record, settings.secrets())
        done = commit_ledger(
            project,
            f"Ledger: mass send outcome recorded by the operator (run {run})",
            signer,
            ref=ref,
        )
        say(said + (f"发布台账已提交：{done[:12]}" if done else ""))
    return 0


def _check_options(sent: bool, msg_id: str) -> None:
    """Refuse a malformed ``--msg-id``, or one given without ``--sent``."""
    if msg_id and not (msg_id.isdigit() and len(msg_id) <= 32):
        raise UsageError(f"--msg-id {msg_id[:40]}：msg_id 应为数字（群发的消息 ID）。")
    if msg_id and not sent:
        raise UsageError("--msg-id 只能与 --sent 一起使用。")


def _undecided_intent(ledger: Ledger, path: str) -> Record:
    """The intent of the latest version's mass send of ``path`` that has no outcome yet."""
    wechat = WeChatChannel.name  # 群发 exist on WeChat only
    mine = [r for r in ledger.records() if r.path == path and r.platform == wechat]
    blob = mine[-1].blob if mine else ""
    records, _ = current([r for r in mine if r.blob == blob])
    intent = open_intent(records)
    if intent is None or sent_record(records) is not None:
        raise UsageError(
            f"{path}：发布台账中没有这篇文章结果未知的群发，无需记录"
            "（govmedia status 可查看各文章的发布状态）。"
        )
    return intent


def _outcome(
    intent: Record, run: str, event: str, detail: dict[str, Any], platform_id: str = ""
) -> Record:
    """The ``event`` record closing ``intent``'s mass send, of the version it names."""
    return delivery_record(
        intent,
        event,
        channel=intent.channel,
        platform=WeChatChannel.name,
        run=run,
        commit=intent.commit,
        platform_id=platform_id,
        detail=detail,
    )


def _sent_outcome(intent: Record, run: str, msg_id: str) -> tuple[Record, str]:
    """``--sent``: the ``published`` record and what to tell the operator."""
    ident = msg_id or f"manual-{run}"
    record = _outcome(
        intent,
        run,
        "published",
        platform_id=f"mass:{ident}",
        detail={
            "send": "mass",
            "msg_id": msg_id,
            "title": str(intent.detail.get("title") or ""),
            "clientmsgid": str(intent.detail.get("clientmsgid") or ""),
            "confirmed_by_operator": True,
        },
    )
    said = f"已记录：《{intent.detail.get('title', '')}》的群发已发出（mass:{ident}），不会再发送。"
    return record, said


def _not_sent_outcome(intent: Record, run: str) -> tuple[Record, str]:
    """``--not-sent``: the ``failed`` record that lets the next run resend, and the message."""
    record = _outcome(
        intent,
        run,
        "failed",
        detail={
            "error": NOT_SENT,
            "message": "经人工核查，群发未发出",
            "retry": True,
            "confirmed_by_operator": True,
        },
    )
    said = f"已记录：《{intent.detail.get('title', '')}》的群发未发出，下次发布运行将重新群发。"
    return record, said
