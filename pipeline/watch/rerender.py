"""The hash of what the pipeline sent, for ledger records written before hashes were kept:
the approved version (the record's blob) rendered again by the publisher's own code."""

from __future__ import annotations

from pipeline import git
from pipeline.content import parse_post
from pipeline.errors import GovmediaError
from pipeline.governance.registry import Registry
from pipeline.ledger import Ledger
from pipeline.platforms.errors import PlatformError
from pipeline.platforms.settings import Settings
from pipeline.project import Project
from pipeline.watch.model import Expected


def rerendered_hash(
    project: Project, registry: Registry, settings: Settings, known: Expected
) -> str:
    """The content hash of the record's version, or "" when it cannot be rebuilt."""
    from pipeline.plan import Plan, Task
    from pipeline.publish import Clients, Publisher

    record = known.record
    raw = git.show_blob(record.blob, cwd=project.root) if record.blob else None
    if raw is None:
        return ""
    result = parse_post(record.path, raw, registry=registry)
    if result.post is None:
        return ""
    task = Task(
        post=result.post,
        channel=record.channel,
        platform=record.platform,
        review=None,
        history=[],
        correction_of=str(record.detail.get("correction_of") or ""),
    )
    publisher = Publisher(
        project,
        Plan(commit=record.commit, ref="main"),
        Clients(settings),
        Ledger(project.ledger_dir),
        progress=False,
    )
    try:
        return publisher._content_sha256(task)
    except (GovmediaError, PlatformError, ValueError):  # cannot be rendered: not compared
        return ""
