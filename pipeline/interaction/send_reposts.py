"""Sending approved reposts of superior accounts (三审 like posts), each exactly once: an
intent record before the call; after an interrupted call, a person checks, never a resend."""

from __future__ import annotations

import functools
from pathlib import Path

from pipeline import git
from pipeline.interaction.outcomes import FAILED, INTENT, REPOSTED, ledger_slug
from pipeline.interaction.reposts import REPOSTS_DIR, Repost, parse_repost
from pipeline.interaction.send_run import Sending
from pipeline.ledger import Ledger, Record
from pipeline.platforms.errors import PlatformError, Uncertain
from pipeline.redact import scrub
from pipeline.review.verify import TARGET_REF


def pending_reposts(root: Path, ref: str = TARGET_REF) -> list[tuple[str, str]]:
    return [
        (p, b)
        for p, b in sorted(git.ls_tree(ref, REPOSTS_DIR, cwd=root).items())
        if p.endswith(".md")
    ]


def send_reposts(run: Sending, reposts: list[tuple[str, str]]) -> None:
    """Approved reposts of superior accounts (三审 like posts), each sent once."""
    result = run.result
    for path, blob in reposts:
        ready, last = run.ready(path)
        if not ready:
            continue
        repost, _ = parse_repost(path, run.blobs.get(blob, ("", b""))[1])
        platform = run.registry.platform_of(repost.channel) if repost else None
        if repost is None or platform is None:
            result.failed.append((path, "转发文件格式错误或账号不在台账中"))
            continue
        if last is not None and last.event == INTENT:
            result.skipped.append(
                (path, "上次转发中断，无法确认是否已转发：为避免重复，请人工核对。")
            )
            continue
        record = functools.partial(
            _repost_record, run.ledger, run.run, path, blob, repost, platform
        )
        try:
            channel = run.channel(platform)
            record(INTENT)
            status_id = channel.repost(repost.source_id, repost.status)
        except Uncertain:
            result.failed.append(
                (path, "转发结果未知（连接中断），下次运行不会重复转发，请人工核对。")
            )
            continue
        except PlatformError as exc:
            record(FAILED, reason=scrub(str(exc), run.settings.secrets()))
            result.failed.append((path, scrub(str(exc))))
            continue
        record(REPOSTED, status_id=status_id)
        result.sent.append(path)


def _repost_record(
    ledger: Ledger,
    run: str,
    path: str,
    blob: str,
    repost: Repost,
    platform: str,
    event: str,
    **detail: str,
) -> None:
    ledger.append(
        Record(
            event=event,
            slug=ledger_slug(path),
            channel=repost.channel,
            run=run,
            path=path,
            blob=blob,
            detail={
                "kind": "repost",
                "platform": platform,
                "source_account": repost.source_account,
                "source_id": repost.source_id,
                **detail,
            },
        )
    )
