"""What the public archive holds: every post the ledger says was published, as published.

The archive is read from the publication ledger, never from the working tree: a post
appears only when a ``published`` record with a complete 三审 review record names it, and
its text is the git blob that record names (so an unapproved later edit, a draft or a
deleted file never changes what the archive shows). A later ``retracted`` record turns the
post into a tombstone.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from pipeline.assets import AssetRefused, read_committed
from pipeline.content import Post, parse_post
from pipeline.content.model import Source
from pipeline.git_blobs import kept_or_read
from pipeline.governance.published import sent_dated
from pipeline.governance.registry import Account, Registry, load_registry
from pipeline.ledger import Record
from pipeline.ledger_trust import trusted_ledger
from pipeline.project import Project
from pipeline.references import Reference, loaded_references
from pipeline.site.acks_kept import add_acks

log = logging.getLogger(__name__)

STAGES = (1, 2, 3)
STAGE_NAMES = {1: "初审（责任编辑）", 2: "复审（总编辑）", 3: "终审（单位负责人）"}


@dataclass(frozen=True)
class Stage:
    stage: int
    by: str
    commit: str
    at: str
    acks: tuple[str, ...] = ()  # warnings the reviewer acknowledged (``review.acks``)


@dataclass(frozen=True)
class Version:
    """One published version (git blob) of a post."""

    blob: str
    at: str  # first publication of this blob on any channel
    commit: str
    stages: tuple[Stage, ...]
    correction_of: str = ""


@dataclass(frozen=True)
class Channel:
    id: str
    platform: str
    name: str
    url: str
    at: str


@dataclass(frozen=True)
class Retraction:
    at: str
    reason: str
    approved_by: str
    commit: str


@dataclass(frozen=True)
class PostFacts:
    """What the archive shows of a post's published blob: its parsed front matter and body.

    A function of the blob's path and bytes (and the parser's code) only, so it is kept under
    their hash (``body_store.py``) and an unchanged post is not parsed again."""

    title: str
    date: dt.date
    body: str
    category: str = ""
    tags: tuple[str, ...] = ()
    original: bool = True
    source: Source | None = None
    digest: str = ""
    # the body's images and the cover (``references``), as written: the app's pushed item
    # links its cover under ``media/`` (``render_app``), shown in the body or not
    images: tuple[Reference, ...] = ()

    @classmethod
    def of(cls, post: Post) -> PostFacts:
        images = tuple(r for r in loaded_references(post) if r.field in ("body", "cover"))
        return cls(
            post.title,
            post.date,
            post.body,
            post.category,
            tuple(post.tags),
            post.original,
            post.source,
            post.digest,
            images,
        )

    def to_json(self) -> str:
        source = [self.source.name, self.source.url, self.source.title] if self.source else None
        fields = [self.title, self.date.isoformat(), self.body, self.category, list(self.tags)]
        images = [[r.src, r.path, r.line, r.field, r.reason] for r in self.images]
        data = [*fields, self.original, source, self.digest, images]
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> PostFacts | None:
        """The facts :meth:`to_json` wrote, or None when ``text`` is not such a record."""
        try:
            data = json.loads(text)
        except ValueError:
            return None
        if not (isinstance(data, list) and len(data) == 9 and _shaped(data)):
            return None
        title, date, body, category, tags, original, source, digest, images = data
        try:
            day = dt.date.fromisoformat(date)
        except ValueError:
            return None
        refs = tuple(Reference(*r) for r in images)
        kept = Source(*source) if source is not None else None
        return cls(title, day, body, category, tuple(tags), original, kept, digest, refs)


def _strings(value: object, count: int | None = None) -> bool:
    return (
        isinstance(value, list)
        and (count is None or len(value) == count)
        and all(isinstance(x, str) for x in value)
    )


def _shaped(data: list[object]) -> bool:
    """Whether ``data`` has the types :meth:`PostFacts.to_json` writes."""
    title, date, body, category, tags, original, source, digest, images = data
    if not _strings([title, date, body, category, digest]) or not _strings(tags):
        return False
    if not isinstance(original, bool) or not (source is None or _strings(source, 3)):
        return False
    if not isinstance(images, list):
        return False
    return all(
        isinstance(r, list) and len(r) == 5 and _strings([*r[:2], *r[3:]]) and type(r[2]) is int
        for r in images
    )


@dataclass
class ArchivePost:
    slug: str
    path: str
    post: PostFacts
    versions: list[Version]
    channels: list[Channel]
    retraction: Retraction | None = None
    images: dict[str, bytes] = field(default_factory=dict)  # src in the body -> bytes

    @property
    def current(self) -> Version:
        return self.versions[-1]

    @property
    def first_published(self) -> str:
        return self.versions[0].at

    @property
    def retracted(self) -> bool:
        return self.retraction is not None


@dataclass
class Archive:
    unit: str
    posts: list[ArchivePost]  # newest first
    registry: Registry | None
    skipped: list[str] = field(default_factory=list)  # Chinese notes on records left out

    def account(self, channel: str) -> Account | None:
        return self.registry.accounts.get(channel) if self.registry else None


def review_stages(detail: dict[str, Any]) -> tuple[Stage, ...] | None:
    """The three approvals of a ``published`` record, or None when incomplete."""
    review = detail.get("review")
    stages = review.get("stages") if isinstance(review, dict) else None
    if not isinstance(stages, list):
        return None
    found: dict[int, Stage] = {}
    for item in stages:
        if not isinstance(item, dict):
            continue
        number = item.get("stage")
        by, commit, at = item.get("by"), item.get("commit"), item.get("at")
        if number in STAGES and all(isinstance(v, str) and v for v in (by, commit, at)):
            found[number] = Stage(number, by, commit, at)
    if set(found) != set(STAGES) or len({s.by for s in found.values()}) != len(STAGES):
        return None
    return tuple(found[n] for n in STAGES)


def _versions(records: list[Record], stages_of: dict[int, tuple[Stage, ...]]) -> list[Version]:
    versions: dict[str, Version] = {}
    for r in records:
        if r.blob in versions:
            continue
        stages = stages_of[id(r)]  # review_stages of each record, made once (load_archive)
        correction = r.detail.get("correction_of")
        versions[r.blob] = Version(
            r.blob, r.at, r.commit, stages, correction if isinstance(correction, str) else ""
        )
    return list(versions.values())


def _channels(records: list[Record], registry: Registry | None) -> list[Channel]:
    latest: dict[str, Record] = {}
    for r in records:
        latest[r.channel] = r
    result = []
    for cid, r in latest.items():
        account = registry.accounts.get(cid) if registry else None
        name = account.name if account else cid
        platform = r.platform or (account.platform if account else "")
        result.append(Channel(cid, platform, name, r.url, r.at))
    return result


def _retraction(records: list[Record], published: list[Record]) -> Retraction | None:
    last_published = max(r.when for r in published)
    retractions = [r for r in records if r.event == "retracted" and r.when >= last_published]
    if not retractions:
        return None
    r = retractions[-1]
    d = r.detail
    return Retraction(
        r.at, str(d.get("reason", "")), str(d.get("approved_by", "")), str(d.get("commit", ""))
    )


def _images(project: Project, ap: ArchivePost, notes: list[str]) -> None:
    """The images the post lists (``PostFacts.images``), as committed in the published
    commit: never from the working tree, never through a symlink, never outside content/."""
    for ref in ap.post.images:
        if not ref.ok:
            notes.append(
                f"{ap.path} 第 {ref.line} 行：图片「{ref.src[:80]}」未收入档案：{ref.reason}"
            )
            continue
        try:
            data = read_committed(project.root, ap.current.commit, ref.path)
        except AssetRefused as exc:
            notes.append(f"{ap.path} 第 {ref.line} 行：图片未收入档案：{exc}")
            continue
        if data is not None:
            ap.images[ref.src] = data


class FactsStore(Protocol):
    """Where parsed posts are kept between builds (``body_store.BodyStore``), by the post's
    path and its blob's name (the hash of its bytes)."""

    def facts(self, path: str, blob: str) -> PostFacts | None: ...

    def keep_facts(self, path: str, blob: str, facts: PostFacts) -> None: ...

    def kept(self, key: str) -> str | None: ...

    def keep(self, key: str, text: str) -> None: ...


def _facts(path: str, blob: str, raw: bytes, store: FactsStore | None) -> PostFacts | None:
    """The facts of blob ``blob`` (whose bytes are ``raw``) at ``path``, parsed."""
    result = parse_post(path, raw)
    if result.post is None:
        return None
    facts = PostFacts.of(result.post)
    if store is not None:
        store.keep_facts(path, blob, facts)
    return facts


def latest_facts(
    root: Path, latest: dict[str, Record], store: FactsStore | None
) -> tuple[dict[str, PostFacts | str], dict[str, bytes]]:
    """The facts of each slug's latest published blob (``latest``), or the note that says
    why it is left out; and the blobs read.

    A blob whose facts are kept is not read when git has it (``git_blobs.kept_or_read``: one
    look at the objects' headers); the others are read in one ``git cat-file --batch``,
    so a blob git no longer has is left out as a build without a store leaves it out."""
    kept = {s: store.facts(r.path, r.blob) for s, r in latest.items()} if store else {}
    usable, blobs = kept_or_read(root, {s: r.blob for s, r in latest.items()}, kept)
    found: dict[str, PostFacts | str] = {}
    for slug, r in latest.items():
        facts = usable.get(slug)
        raw = blobs.get(r.blob)
        if facts is None and raw is None:
            found[slug] = f"{slug}：仓库中找不到已发布版本 {r.blob[:12]}。"
            continue
        facts = facts or _facts(r.path, r.blob, raw or b"", store)
        found[slug] = facts or f"{slug}：已发布版本无法解析。"
    return found, blobs


def load_archive(
    project: Project, store: FactsStore | None = None, records: Iterable[Record] | None = None
) -> Archive:
    """The archive from the trusted ledger (``store``: posts parsed by an earlier build;
    ``records``: the trusted ledger's records, when the caller has read them)."""
    registry = load_registry(project.accounts_file) if project.accounts_file.is_file() else None
    by_slug: dict[str, list[Record]] = defaultdict(list)
    # each publication dated when it went out, as the assessment dates it (round 41)
    for record in sent_dated(records if records is not None else trusted_ledger(project).records()):
        if record.event in ("published", "retracted"):
            by_slug[record.slug].append(record)
    archive = Archive(registry.unit if registry else "", [], registry)
    approved: dict[str, list[Record]] = {}
    stages_of: dict[int, tuple[Stage, ...]] = {}
    for slug, records in by_slug.items():
        published = [r for r in records if r.event == "published"]
        for r in published:
            stages = review_stages(r.detail)
            if stages is not None and r.blob:
                stages_of[id(r)] = stages
        good = [r for r in published if id(r) in stages_of]
        if len(good) < len(published):
            archive.skipped.append(f"{slug}：发布记录缺少完整的三审记录，未收入档案。")
        if good:
            approved[slug] = good
    latest = {slug: good[-1] for slug, good in approved.items()}
    facts, blobs = latest_facts(project.root, latest, store)
    for slug, good in approved.items():
        found = facts[slug]
        if isinstance(found, str):
            archive.skipped.append(found)
            continue
        ap = ArchivePost(
            slug=slug,
            path=latest[slug].path,
            post=found,
            versions=_versions(good, stages_of),
            channels=_channels(good, registry),
            retraction=_retraction(by_slug[slug], good),
        )
        if not ap.retracted:
            _images(project, ap, archive.skipped)
        archive.posts.append(ap)
    add_acks(project.root, archive.posts, blobs, store)
    archive.posts.sort(key=lambda p: (p.post.date, p.first_published), reverse=True)
    for note in archive.skipped:
        log.warning(note)
    return archive


def parse_time(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
