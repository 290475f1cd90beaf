"""The tree a forge's merge of a pull request will make, judged blob by blob (red team 28).

``govmedia verify``, the hosted forges' required check, judges the pull request's head from
its merge base. When main moved on after that base and changed a file the pull request also
changed, in other lines, the forge merges both cleanly: main then holds a third blob,
neither the one main's reviewers approved nor the one this pull request's reviewers
approved (one side drops the "不" of a sentence, the other rewrites its other half; two
approved edits of the roster or of ``accounts.yml`` make a roster or a registry nobody
saw). The server refuses that merge (the files at its new tip need approvals of their
blobs); a forge runs no pre-receive, and its own merge commit is never judged.

:func:`merge_problems` computes the merge the forge will make (``git merge-tree
--write-tree``, the same three-way merge) and names every file under ``content/`` whose
merged blob is neither main's nor the head's. The pull request must merge main first (or be
rebased) and have the merged version approved; then the head holds that blob and the
forge's merge changes nothing more. A merge with conflicts is one the forge will not make.

The merge is computed as a forge computes it, in a bare repository (red team 29): in a
checkout, git merges by the ``.gitattributes`` of the working tree and the index, the pull
request's, and an approved ``*.md -merge`` made every post's merge a conflict for the check
(nothing judged) while the forge merged it cleanly.

A forge may also merge by the tree's attributes (red team 30): Gitea and Forgejo merge in a
temporary clone of main with ``git merge``, which takes ``.gitattributes`` from main's
index, and ``merge=union`` (a driver git has built in) makes two edits of one line, a
conflict for the bare computation, a clean merge of both lines. So the merge is computed
again by the attributes of main's tip and of the head when either tree holds a
``.gitattributes`` (``merge_attributes.py``), and every clean result is judged.
"""

from __future__ import annotations

from pathlib import Path

from pipeline import git
from pipeline.content_limits import shown
from pipeline.errors import GovmediaError
from pipeline.project import CONTENT_DIR
from pipeline.review.merge_attributes import attributes_of

_CLEAN, _CONFLICTS = 0, 1


class MergeUnknown(Exception):
    """git could not compute the merge (a git older than 2.38, a missing object)."""


def _as_bare(repo: Path) -> tuple[list[str], Path]:
    """git's global options and folder to run in ``repo``'s git directory as a bare
    repository: no working tree nor index, so no ``.gitattributes`` of the tree decides how
    files merge (the clone's own ``info/attributes`` still does; no commit writes it)."""
    common = git.out(["rev-parse", "--path-format=absolute", "--git-common-dir"], cwd=repo)
    gitdir = Path(common.strip())
    return ["--git-dir", str(gitdir), "--bare"], gitdir


def merged_tree(repo: Path, target: str, head: str, attributes: Path | None = None) -> str | None:
    """The tree of merging ``head`` into ``target`` as a forge does (written to the object
    store, no ref moved); None when it has conflicts: the forge will not merge it.
    ``attributes``: a folder holding the ``.gitattributes`` files of a tree
    (``merge_attributes.attributes_of``), the merge then made by them as in a checkout."""
    options, gitdir = _as_bare(repo)
    env, cwd = None, gitdir
    if attributes is not None:  # a work tree of attributes only (git reads them from the
        # working directory: run there), an index of nothing
        options = ["--git-dir", str(gitdir), "--work-tree", str(attributes)]
        env, cwd = {"GIT_INDEX_FILE": str(attributes.parent / "index")}, attributes
    code, stdout, stderr = git.run(
        [*options, "merge-tree", "--write-tree", "--no-messages", target, head],
        cwd=cwd,
        env=env,
        check=False,
    )
    if code == _CONFLICTS:
        return None
    if code != _CLEAN:
        detail = shown(stderr.decode("utf-8", "replace").strip()[:300])
        raise MergeUnknown(
            f"无法计算 {head[:10]} 并入 main（{target[:10]}）的合并结果"
            f"（需要 git 2.38 或更新），不作结论：{detail}"
        )
    return stdout.decode("ascii", "replace").split("\n", 1)[0].strip()


def merged_trees(repo: Path, target: str, head: str) -> list[str]:
    """Every tree a forge's clean merge of ``head`` into ``target`` can be: in a bare
    repository, and by the ``.gitattributes`` of ``target`` and of ``head`` when either
    holds one (a merge driver such as ``merge=union`` merges what the bare computation
    leaves in conflict). Raises :class:`MergeUnknown` when git cannot compute one."""
    trees = [merged_tree(repo, target, head)]
    for rev in (target, head):
        with attributes_of(repo, rev) as folder:
            if folder is not None:
                trees.append(merged_tree(repo, target, head, folder))
    return list(dict.fromkeys(t for t in trees if t is not None))


# a fixed identity: the commit object only stands for the forge's merge, no ref ever names it
_MERGER = {
    "GIT_AUTHOR_NAME": "govmedia",
    "GIT_AUTHOR_EMAIL": "govmedia@localhost",
    "GIT_COMMITTER_NAME": "govmedia",
    "GIT_COMMITTER_EMAIL": "govmedia@localhost",
    "GIT_AUTHOR_DATE": "@0 +0000",
    "GIT_COMMITTER_DATE": "@0 +0000",
}


def merge_commit(repo: Path, target: str, head: str) -> str | None:
    """A commit object standing for the forge's merge of ``head`` into ``target`` (parents
    ``target`` then ``head``, the merged tree), for the rules that judge a change between two
    commits (``names``: a slug or a name that collides only with a file main gained after the
    merge base); None when there is nothing to merge or git cannot merge cleanly."""
    if git.is_ancestor(target, head, cwd=repo) or git.is_ancestor(head, target, cwd=repo):
        return None
    try:
        trees = merged_trees(repo, target, head)
    except MergeUnknown:
        return None  # ``merge_problems`` names it
    if not trees:
        return None
    tree = trees[0]  # every clean merge has the same names: each file is both sides' or merged
    # never signed: a reviewer's ``commit.gpgSign`` would ask their key to sign this object
    args = ["commit-tree", "--no-gpg-sign", tree, "-p", target, "-p", head, "-m", "merge"]
    code, stdout, stderr = git.run(args, cwd=repo, env=_MERGER, check=False)
    if code != 0:
        detail = shown(stderr.decode("utf-8", "replace").strip()[:300])
        raise GovmediaError(
            f"无法记下 {head[:10]} 并入 main（{target[:10]}）的合并结果，不作结论：{detail}"
        )
    return stdout.decode("ascii", "replace").strip()


def merge_problems(repo: Path, target: str, head: str) -> list[str]:
    """Chinese reasons, one per file under ``content/`` that merging ``head`` into
    ``target`` (main's tip) would give a blob neither of them holds; empty when ``head``
    already holds main (the merge is the head's tree) or when main holds ``head``."""
    if git.is_ancestor(target, head, cwd=repo) or git.is_ancestor(head, target, cwd=repo):
        return []
    try:
        trees = merged_trees(repo, target, head)
    except MergeUnknown as exc:
        return [str(exc)]
    heads = git.ls_tree(head, CONTENT_DIR, cwd=repo)
    reasons: list[str] = []
    for tree in trees:
        changes = git.diff_changes(target, tree, [CONTENT_DIR + "/"], cwd=repo)
        reasons += [
            f"{shown(c.path)}：合并后为 blob {c.new_blob[:10]}，本变更审核的是 "
            f"{_short(heads.get(c.path, git.ZERO_OID))}，main 上是 {_short(c.old_blob)}"
            for c in changes
            if c.status != "D" and heads.get(c.path) != c.new_blob
        ]
    return list(dict.fromkeys(reasons))


def _short(blob: str) -> str:
    return "（无）" if blob == git.ZERO_OID else blob[:10]
