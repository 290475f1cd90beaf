"""The ``.gitattributes`` of a commit's tree, laid out for git to merge by (red team 30).

A forge that merges a pull request in a checkout of main (Gitea's and Forgejo's temporary
clone, ``git merge``) takes the attributes of main's tree, and ``merge=union``, a driver
git has built in, merges two edits of one line as both lines where a bare repository sees
a conflict. To compute that merge as well, :func:`attributes_of` writes every
``.gitattributes`` of a tree (regular files only: git reads no linked one) into a new
private folder at its path; ``merge_result.merged_tree`` runs ``git merge-tree`` with that
folder as the work tree and an index of nothing, so those files and no other decide how
files merge. Only the attribute files are written; nothing in them runs (a driver other
than git's own needs the clone's configuration, which no commit writes).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from pipeline import git

NAME = ".gitattributes"


def attribute_files(repo: Path, rev: str) -> dict[str, str]:
    """Path -> blob of every regular ``.gitattributes`` in ``rev``'s tree."""
    files = git.ls_tree(rev, ".", cwd=repo, modes=git.REGULAR_MODES)
    return {path: blob for path, blob in files.items() if PurePosixPath(path).name == NAME}


def _inside(path: str) -> bool:
    """A relative path of plain names (git's fsck refuses others; checked all the same)."""
    parts = path.split("/")
    return all(part not in ("", ".", "..", ".git") for part in parts)


@contextmanager
def attributes_of(repo: Path, rev: str) -> Iterator[Path | None]:
    """A folder holding ``rev``'s ``.gitattributes`` files at their paths, removed after;
    None when the tree has none (the merge is then the bare repository's)."""
    files = {p: b for p, b in attribute_files(repo, rev).items() if _inside(p)}
    if not files:
        yield None
        return
    blobs = git.cat_blobs(sorted(set(files.values())), cwd=repo)
    with tempfile.TemporaryDirectory(prefix="govmedia-attributes-") as scratch:
        work = Path(scratch) / "tree"
        work.mkdir(mode=0o700)
        for path, blob in files.items():
            target = work / path
            target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            target.write_bytes(blobs.get(blob, b""))
        yield work
