"""The hash of what the pipeline sent, for ledger records written before hashes were kept:
the approved version (the record's blob) rendered again by the publisher's own code."""

from __future__ import annotations

from pipeline import git
from pipeline.content import parse_post
from pipeline.errors import GovmediaError
from pipeline.governance.registry import Registry
from pipeline.ledger import Record
from pipeline.platforms.channel import Assets, PostAt
from pipeline.platforms.channels import Channels
from pipeline.platforms.errors import PlatformError
from pipeline.project import Project
from pipeline.watch.model import Expected


def rerendered_hash(
    project: Project, registry: Registry, channels: Channels, known: Expected
) -> str:
    """The content hash of the record's version, or "" when it cannot be rebuilt."""
    return version_hash(project, registry, channels, known.record)


def version_hash(project: Project, registry: Registry, channels: Channels, record: Record) -> str:
    """The content hash of the version ``record`` names (its blob, as a correction of
    ``detail.correction_of`` when it is one), or "" when it cannot be rebuilt."""
    raw = git.show_blob(record.blob, cwd=project.root) if record.blob else None
    if raw is None:
        return ""
    result = parse_post(record.path, raw, registry=registry)
    if result.post is None:
        return ""
    rendering = PostAt(
        result.post,
        Assets(project.root, record.commit),
        str(record.detail.get("correction_of") or ""),
    )
    try:
        return channels(record.platform).rendered_hash(rendering)
    except (GovmediaError, PlatformError, ValueError):  # cannot be rendered: not compared
        return ""
