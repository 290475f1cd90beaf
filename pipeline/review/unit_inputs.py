"""The unit's files that judge a post (``content/rules/``, ``content/accounts.yml``), as a
reviewer's file system names them.

``approve`` signs a post only while those files are main's or approved on the branch
(``check_unit_rules``). The check reads them from the working tree, where a symlink named
``content/rules`` is followed and, on a reviewer's Windows or macOS clone, a path that
differs only by case, Unicode normalisation or a code point HFS+ leaves out of a name
(``content/RULES/allow.yml``) is the same file. So the branch's changes are matched as such
a file system stores their names (``folded``), never by git's case-sensitive pathspec,
and a ``.gitattributes`` the branch changes counts too: it decides what a checkout writes
for main's own, unchanged rule files (a ``working-tree-encoding`` makes their Chinese ASCII).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from pipeline import git
from pipeline.content_limits import shown
from pipeline.errors import GovmediaError
from pipeline.interaction.reposts import is_repost_path
from pipeline.project import ACCOUNTS_FILE, CONTENT_DIR, ROSTER_FILE
from pipeline.review.verify import kind_of, review_paths
from pipeline.review.yaml_gate import UNIT_YAML
from pipeline.rules.rule_kinds.rulebook import UNIT_FOLDER as RULES_DIR

# Code points HFS+ leaves out of a name (git's ``is_hfs_dotgit`` list): joiners, marks, bidi.
_HFS_IGNORED = dict.fromkeys(
    [0x200C, 0x200D, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x206A, 0x2070), 0xFEFF]
)
REGULAR = ("100644", "100755")
ATTRIBUTES = ".gitattributes"


def folded(path: str) -> str:
    """The name a case-insensitive, normalising file system (Windows, macOS) stores; Win32
    also drops the trailing dots and spaces of each name (``rules.`` is ``rules``). NTFS
    compares upper cases, so the name is upper-cased before it is folded (the dotless
    ``ı`` is ``I`` there, which ``casefold`` alone keeps apart from ``i``)."""
    bare = path.translate(_HFS_IGNORED)
    name = unicodedata.normalize("NFC", unicodedata.normalize("NFC", bare).upper().casefold())
    return "/".join(part.rstrip(". ") or part for part in name.split("/"))


def is_judging(path: str) -> bool:
    """Whether ``path`` is, on some reviewer's file system, ``content/rules`` (a folder or a
    link to one), a file under it, or ``content/accounts.yml``."""
    name = folded(path)
    rules = folded(RULES_DIR)
    return name in (rules, folded(ACCOUNTS_FILE)) or name.startswith(rules + "/")


def _decides_check(path: str) -> bool:
    """A unit file the check reads (``is_judging``) or attributes that decide what a
    checkout writes for one (any ``.gitattributes``, however spelled)."""
    return is_judging(path) or folded(path).rpartition("/")[2] == ATTRIBUTES


def _as_named(path: str) -> bool:
    return (
        path == ACCOUNTS_FILE
        or path.startswith(RULES_DIR + "/")
        or (path.startswith(CONTENT_DIR + "/") and path.rpartition("/")[2] == ATTRIBUTES)
    )


def check_unit_rules(repo_root: Path, paths: list[str], base: str | None, tip: str | None) -> None:
    """The unit's rule files (``content/rules/``) and ``accounts.yml`` (which platform each
    channel is, for the platforms' own checks) are what the check shown before signing
    judges a post, a repost or an answer to a citizen with: they must be the target
    branch's, or approved on this branch. Otherwise a branch could weaken them (an
    allowlist, a deleted rule, a channel remapped), collect its approvals on the silenced
    check and restore them before the push, which then brings only the approved file."""
    if not any(kind_of(p) in ("post", "reply") or is_repost_path(p) for p in paths):
        return
    # every path, not git's case-sensitive ``content/``: a clone on Windows or macOS writes
    # ``Content/rules/allow.yml`` into the unit's own folder
    dirty = [p for p in git.dirty_paths([], cwd=repo_root) if _decides_check(p)]
    if dirty:
        raise GovmediaError(
            f"{shown(dirty[0])}：规则文件、账号台账或 .gitattributes 有未提交的修改，检查结果不可信：请先提交或撤销后再审核。"
        )
    if base is None:  # no target branch yet (``verify.base_and_tip``: an orphan branch
        return  # is compared with main's tip, never None while main exists)
    changes = [c for c in git.diff_changes(base, "HEAD", cwd=repo_root) if _decides_check(c.path)]
    _behind_main(repo_root, base, tip, {c.path for c in changes})
    # a deletion, a link, or a name the check reads but git spells otherwise: never approved
    pending = [
        c.path
        for c in changes
        if c.status == "D" or c.new_mode not in REGULAR or not _as_named(c.path)
    ]
    changed = [c.path for c in changes if c.path not in pending]
    if changed:
        reviews = review_paths(repo_root, changed, base, "HEAD")
        pending += [r.path for r in reviews if not r.publishable]
    if pending:
        raise GovmediaError(
            f"本分支修改了规则文件、账号台账或 .gitattributes {'、'.join(shown(p) for p in sorted(pending))}，尚未完成三审："
            "检查文章所用的规则和账号（及决定其检出内容的 .gitattributes）须是主分支上的或已审核通过的，"
            "请先审核这些文件"
            "（或撤销其修改）再审核文章。"
        )


def _behind_main(repo_root: Path, base: str, tip: str | None, own: set[str]) -> None:
    """Refuse when main changed a file the check reads, or the roster, after the branch
    started (red team 34): a branch from an older main holds main's old rule files, changes
    none of them, and its check lacked the unit's newer rule; its merge base's roster still
    named a reviewer main removed. The server and the forge's check judge by main's tip
    (``tip``, read with ``base`` by ``verify.base_and_tip``)."""
    if tip is None or tip == base:
        return
    changed = git.diff_changes(tip, "HEAD", cwd=repo_root)
    roster = folded(ROSTER_FILE)
    paths = {c.path for c in changed if _decides_check(c.path) or folded(c.path) == roster}
    behind = sorted(paths - own)
    if behind:
        raise GovmediaError(
            f"主分支在本分支创建之后修改了规则文件、账号台账、名册或 .gitattributes "
            f"{'、'.join(shown(p) for p in behind)}，本分支的检查和审核人没有按主分支现行的文件认定："
            "请先把最新的主分支合并进本分支（git fetch origin && git merge origin/main）再审核。"
        )


def misspelled_unit_files(repo: Path, old: str, new: str) -> list[str]:
    """Chinese reasons, one per file a push adds or changes whose name a Windows or macOS
    clone stores as one of the unit's YAML files (``yaml_gate.UNIT_YAML``) but git spells
    otherwise (``content/RULES/a99-x.yml``): read there as a rule file, never gated here."""
    reasons = []
    for status, path, _ in git.diff_raw(old, new, [CONTENT_DIR + "/"], cwd=repo):
        name = folded(path)
        for unit in UNIT_YAML:
            read_as = name.startswith(folded(unit)) if unit.endswith("/") else name == folded(unit)
            if status != "D" and read_as and not path.startswith(unit):
                reasons.append(
                    f"文件 {shown(path)} 与单位文件 {unit} 只有大小写或 Unicode 写法不同："
                    f"在 Windows、macOS 上检出时会被当作 {unit} 读取，却不受服务器检查；"
                    f"请改用 {unit} 的写法。"
                )
    return reasons
