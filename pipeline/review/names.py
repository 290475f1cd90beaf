"""Names of files a change of main may not add (DESIGN.md, "Trust boundary").

A file system is a parser too: on the reviewers' Windows or macOS clones two names that
differ only by case, Unicode normalisation or a code point HFS+ leaves out are one file, so
the bytes a reviewer looks at may be the other's (:func:`colliding_names`), and a file so
spelled beside a unit file is read as it (``unit_inputs.misspelled_unit_files``). Two posts
with one slug share an archive URL, ledger keys and an app item (:func:`slug_problems`).

The server's pre-receive applies these rules to a push; ``govmedia verify``, the hosted
forges' required check, to a pull request from its merge base (:func:`range_problems`,
red team 27), judged on the pull request's head.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from pipeline import git
from pipeline.content_limits import shown
from pipeline.project import CONTENT_DIR, POSTS_DIR
from pipeline.review.unit_inputs import folded, misspelled_unit_files
from pipeline.review.verify import kind_of
from pipeline.slugs import duplicate_slugs


def slug_problems(repo: Path, old: str, new: str) -> list[str]:
    """A post the change adds may not take a slug (its archive URL, ledger key, app item)
    that another post of the archive uses."""
    added = {
        path
        for status, path, _ in git.diff_raw(old, new, [POSTS_DIR + "/"], cwd=repo)
        if status == "A" and kind_of(path) == "post"
    }
    if not added:
        return []
    posts = [p for p in git.ls_tree(new, POSTS_DIR, cwd=repo) if kind_of(p) == "post"]
    reasons = []
    for slug, paths in sorted(duplicate_slugs(posts).items()):
        if added & set(paths):
            reasons.append(
                f"文章标识（文件名）「{shown(slug)}」重复：{'、'.join(map(shown, paths))}。"
                "同一标识对应同一归档地址和发布台账记录，请为新文章换一个文件名。"
            )
    return reasons


def colliding_names(repo: Path, old: str, new: str) -> list[str]:
    """A file the change adds under ``content/`` may not differ from another only by case
    or Unicode normalisation: checked out on Windows or macOS (where reviewers look at what
    they sign) the two are one file, so the bytes a reviewer sees may be the other's."""
    changes = git.diff_raw(old, new, [CONTENT_DIR + "/"], cwd=repo)
    added = {path for status, path, _ in changes if status == "A"}
    if not added:
        return []
    groups: dict[str, list[str]] = defaultdict(list)
    for path in git.ls_tree(new, CONTENT_DIR, cwd=repo):
        groups[folded(path)].append(path)
    return [
        f"文件名 {'、'.join(map(shown, sorted(paths)))} 只有大小写或 Unicode 写法不同：在 Windows、macOS "
        "上检出时是同一个文件，审核人看到的可能不是所签的内容；请改用不同的文件名。"
        for paths in groups.values()
        if len(paths) > 1 and added.intersection(paths)
    ]


def range_problems(repo: Path, base: str, head: str) -> list[str]:
    """Every name the change from ``base`` to ``head`` may not add."""
    return [
        *slug_problems(repo, base, head),
        *colliding_names(repo, base, head),
        *misspelled_unit_files(repo, base, head),
    ]
