"""Which posts of a checkout are earlier by git, for the copy index (A11-04, 第十一条).

A copied sentence's source is the earlier post. The date a post claims is a field its
editor writes: a copy dated before the repost it copies looked like the source to
``govmedia check``, ``approve`` and ``status``, while the server (which knows what main
held before the push: :mod:`pipeline.review.copy_index`) refuses it. So the desk orders as
the server does: a post main holds unchanged (same path, same bytes in the working tree)
is earlier than any post the change adds or edits, whatever either claims; between two of
the same side the dates decide. Main is ``origin/main`` as last fetched, else ``main``
(``pipeline.git.fetched_tip``, which the review's ``target_tip`` reads too: the tip the
server's push will be judged over).

Outside a git repository, or before main exists, there is nothing to order by: the dates
decide alone and ``check`` says so (:data:`UNORDERED`).

A command reads main's tip once (:func:`read_once`): the copy order it judges by and the
message that says whether there was one come from the same reading, however many checkers
the run builds, and a ``git fetch`` while it runs cannot split them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path

from pipeline import git
from pipeline.project import POSTS_DIR

BASE_BRANCH = "main"  # the branch the server guards (pipeline.review.verify.TARGET_BRANCH)
UNORDERED = (
    "提示：本目录不是带有 main 分支的 git 仓库，第十一条 A11-04（复制段落）只能按文章自写的 date "
    "判断先后；服务器按 git 历史判断（main 上已有的文章早于本次新增或修改的文章），结论可能不同。"
)


_READ: ContextVar[dict[Path, str | None] | None] = ContextVar("main_tip_read", default=None)


@contextlib.contextmanager
def read_once() -> Iterator[None]:
    """Within it, :func:`main_tip` reads each repository's main once (a command's run);
    outside it (a long-lived process, a test) every call reads git again."""
    token = _READ.set({})
    try:
        yield
    finally:
        _READ.reset(token)


def main_tip(root: Path) -> str | None:
    """The commit of main (``origin/main`` as last fetched, else ``main``) when ``root`` is
    the top of a git working tree; None otherwise."""
    kept = _READ.get()
    key = root.resolve()
    if kept is not None and key in kept:
        return kept[key]
    top = git.toplevel(root)
    tip = None
    if top is not None and top.resolve() == key:
        tip = git.fetched_tip(BASE_BRANCH, cwd=root)
    if kept is not None:
        kept[key] = tip
    return tip


def held_posts(root: Path) -> frozenset[str] | None:
    """The paths (from ``root``) of the post files main holds that the working tree has
    unchanged; None when there is no main to order by (:func:`main_tip`)."""
    tip = main_tip(root)
    if tip is None:
        return None
    on_main = git.ls_tree(tip, POSTS_DIR, cwd=root, modes=git.REGULAR_MODES)
    if not on_main:
        return frozenset()
    _, out, _ = git.run(
        ["diff", "--no-ext-diff", "--no-renames", "--name-only", "-z", tip, "--", POSTS_DIR],
        cwd=root,
    )
    changed = set(out.decode("utf-8", "surrogateescape").split("\0"))
    return frozenset(path for path in on_main if path not in changed)
