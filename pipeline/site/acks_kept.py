"""Each archived version's acknowledged warnings, kept between builds under what makes them.

A stage's public acknowledgements (``archive.Stage.acks``) are a function of the post's
path, the version's blob (the approved text) and the three approval commits (their
messages hold the trailers): git names an object by the hash of its bytes and govmedia
never reads a replaced object (``git.py``), so the same names are the same inputs. Reading
the approval commits of every version (three per version, one ``git cat-file --batch``) and
agreeing their trailers was most of the archive's share of a rebuild; an unchanged
version's labels are now kept in the body store (``body_store.BodyStore.kept``: one sealed,
private file) under the SHA-256 of those names and of the source of every module that makes
them, and checked before use: a list of one list of strings per stage, else the version is
read from git again. Only a version whose blob and three commits were all found is kept.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from pipeline import git
from pipeline.review import acks as acks_code
from pipeline.review import trailers as trailers_code
from pipeline.review.acks import acks_in, agreed, shown_publicly
from pipeline.review.trailers import message_of

if TYPE_CHECKING:
    from pipeline.site.archive import ArchivePost, Version

Labels = tuple[tuple[str, ...], ...]  # per stage, the labels a public page shows


class KeptStrings(Protocol):
    """Strings kept between builds under a key (``body_store.BodyStore``)."""

    def kept(self, key: str) -> str | None: ...

    def keep(self, key: str, text: str) -> None: ...


@functools.cache
def _code_key() -> str:
    """The source of the modules that make the labels."""
    digest = hashlib.sha256()
    for module in (acks_code, trailers_code):
        digest.update(Path(str(module.__file__)).read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()


def version_key(path: str, version: Version) -> str:
    """The key of one version's labels: the post's path, its blob and its stages' commits."""
    names = "\0".join([version.blob, *(s.commit for s in version.stages)])
    return hashlib.sha256(f"site:acks\0{_code_key()}\0{path}\0{names}".encode()).hexdigest()


def labels_from(text: str, stages: int) -> Labels | None:
    """The labels kept as ``text``, when they are one list of strings per stage."""
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, list) or len(data) != stages:
        return None
    if not all(isinstance(s, list) and all(isinstance(x, str) for x in s) for s in data):
        return None
    return tuple(tuple(s) for s in data)


def _kept(store: KeptStrings, key: str, stages: int) -> Labels | None:
    """The labels ``store`` keeps under ``key``, kept again for the next build when usable."""
    text = store.kept(key)
    labels = labels_from(text, stages) if text is not None else None
    if labels is not None and text is not None:
        store.keep(key, text)
    return labels


def _labels(path: str, version: Version, messages: Mapping[str, str], approved: str) -> Labels:
    written = agreed([acks_in(messages.get(s.commit, ""), path) for s in version.stages])
    return tuple(
        tuple(f"第 {a.line} 行 {a.label()}" for a in shown_publicly(acks, approved))
        for acks in written
    )


def _read(
    root: Path, wanted: Sequence[tuple[str, Version]], known: Mapping[str, bytes]
) -> tuple[dict[str, str], dict[str, bytes]]:
    """The approval commits' messages and the versions' blobs the labels are made of."""
    commits = sorted({s.commit for _, v in wanted for s in v.stages})
    raw = git.cat_file_batch(commits, cwd=root) if commits else {}
    messages = {name: message_of(body) or "" for name, (_, body) in raw.items()}
    blobs = dict(known)
    missing = sorted({v.blob for _, v in wanted} - blobs.keys())
    blobs.update(git.cat_blobs(missing, cwd=root) if missing else {})
    return messages, blobs


def add_acks(
    root: Path,
    posts: list[ArchivePost],
    known: Mapping[str, bytes] | None = None,
    store: KeptStrings | None = None,
) -> None:
    """Each stage's acknowledged warnings, read from its approval commit (one git call):
    those every stage of the version records (``acks.agreed``), as far as the version's
    approved text holds their words (``acks.shown_publicly``). ``known``: blobs already
    read from the same repository (a git object's name is the hash of its bytes), not asked
    of git again; ``store``: the labels of versions an earlier build read (``acks_kept``)."""
    found: dict[int, Labels] = {}
    wanted: list[tuple[str, Version]] = []
    for ap in posts:
        for v in ap.versions:
            labels = (
                _kept(store, version_key(ap.path, v), len(v.stages)) if store is not None else None
            )
            if labels is None:
                wanted.append((ap.path, v))
            else:
                found[id(v)] = labels
    messages, blobs = _read(root, wanted, known or {}) if wanted else ({}, {})
    for path, v in wanted:
        approved = blobs.get(v.blob)
        found[id(v)] = _labels(path, v, messages, (approved or b"").decode("utf-8", "replace"))
        whole = approved is not None and all(s.commit in messages for s in v.stages)
        if store is not None and whole:
            store.keep(version_key(path, v), json.dumps(found[id(v)], ensure_ascii=False))
    for ap in posts:
        ap.versions = [_with(v, found[id(v)]) for v in ap.versions]


def _with(version: Version, labels: Labels) -> Version:
    """``version`` with each stage's ``labels`` (itself when every stage has them already)."""
    if all(s.acks == shown for s, shown in zip(version.stages, labels, strict=True)):
        return version
    stages = tuple(replace(s, acks=shown) for s, shown in zip(version.stages, labels, strict=True))
    return replace(version, stages=stages)
