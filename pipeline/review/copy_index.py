"""The copy index (``A11-04``) of the posts a push leaves on main, read from git objects.

``govmedia check`` compares a post with every other post of the checkout
(:class:`~pipeline.rules.attribution.RepoIndex`); the server has no checkout. It lists
main's posts before the push (``ls-tree``: regular files only, as the checkout's index
skips symbolic links), puts the posts the push adds or changes over them (the posts a
checkout of the pushed tip holds), asks git the size of every blob from its header alone
(:func:`pipeline.git_sizes.blob_sizes`), leaves out one over the post loader's limit as the
checkout's index does, and reads the rest with ``cat-file --batch`` in batches of at most
``BATCH_BYTES``: the index keeps only each post's sentence keys, so the texts held at once
are bounded whatever the archive's size. The same :class:`RepoIndex` keys them, so the
server and the desk find the same copies, with one difference: ``RepoIndex`` takes a
sentence's source to be the post of the earlier ``date``, a field the editor writes, so a
copy dated before the repost it copies was taken for the original. The server knows better:
a post main held before the push is earlier than every post the push brings, so main's
posts are indexed as ``held`` (dated ``attribution.HELD`` + their date, before any); between
the pushed posts their dates decide. The desk orders the same way since round 19a
(:mod:`pipeline.rules.copy_order`: main's posts the working tree has unchanged).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from pathlib import Path

from pipeline import git, git_sizes
from pipeline.content import MAX_BYTES
from pipeline.project import POSTS_DIR
from pipeline.review.verify import kind_of
from pipeline.rules.attribution import RepoIndex, entry_and_keys

BATCH_BYTES = 16 * 1024 * 1024  # blob bytes one ``cat-file --batch`` reads at most


def archived_posts(repo: Path, rev: str) -> dict[str, str]:
    """Path -> blob of every post file (regular, ``content/posts/**/*.md``) at ``rev``
    (:func:`pipeline.git.ls_tree`: a tree git cannot read refuses, never an empty archive)."""
    listed = git.ls_tree(rev, POSTS_DIR, cwd=repo, modes=git.REGULAR_MODES)
    return {path: blob for path, blob in listed.items() if kind_of(path) == "post"}


def push_index(repo: Path, old: str, pushed: Mapping[str, str]) -> RepoIndex:
    """The copy index of main's posts at ``old`` with ``pushed`` (path -> blob) over them;
    the posts main held are earlier than the pushed ones, whatever dates they claim."""
    held = {path: blob for path, blob in archived_posts(repo, old).items() if path not in pushed}
    return index_of(repo, {**held, **pushed}, held=held.keys())


def index_of(repo: Path, posts: Mapping[str, str], *, held: Collection[str] = ()) -> RepoIndex:
    """A :class:`RepoIndex` of ``posts`` (path -> blob), in the checkout's path order; the
    posts of ``held`` earlier than every other, whatever dates they claim."""
    sizes = git_sizes.blob_sizes(list(posts.values()), cwd=repo)
    readable = sorted(
        (
            (path, blob)
            for path, blob in posts.items()
            if sizes.get(blob, MAX_BYTES + 1) <= MAX_BYTES
        ),
        key=lambda item: item[0].split("/"),
    )
    index = RepoIndex(None, held=held)
    for batch in _batches(readable, sizes):
        texts = git.cat_blobs([blob for _, blob in batch], cwd=repo)
        for path, blob in batch:
            raw = texts.get(blob)
            if raw is None:
                continue
            try:  # as the checkout's index reads a file: UTF-8, universal newlines
                text = raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
            except UnicodeDecodeError:
                continue
            found = entry_and_keys(path, text)
            if found is not None:
                entry, keys = found
                index.add_keys(entry, keys)
    return index


def _batches(
    posts: list[tuple[str, str]], sizes: Mapping[str, int]
) -> Iterator[list[tuple[str, str]]]:
    """``posts`` cut into runs of at most ``BATCH_BYTES`` of blobs (one blob at least)."""
    batch: list[tuple[str, str]] = []
    held = 0
    for path, blob in posts:
        size = sizes[blob]
        if batch and held + size > BATCH_BYTES:
            yield batch
            batch, held = [], 0
        batch.append((path, blob))
        held += size
    if batch:
        yield batch
