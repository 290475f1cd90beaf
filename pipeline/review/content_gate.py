"""The server runs the content check over the posts, reposts and replies a push brings to main.

``govmedia approve`` refuses to sign a post with an error-level finding, but approvals are
plain signed commits: a reviewer who writes the trailers by hand (``git commit -S``) never
runs it, so three such signatures put a credential or a banned term on main, and the
publisher sends it. The pre-receive hook therefore checks, at the pushed tip, every post
and repost the push adds or changes whose approvals are complete (one whose approvals are
not is refused for that alone, unread by the rules: a push nobody signed costs no check),
and refuses an error-level finding that the approved
blob itself does not waive (a post's ``waivers`` front matter: part of the bytes the three
stages signed, so a waiver is bound to the approved blob and signed by the stages that
decide; what a post pulls in and its slug are the hook's own checks, beyond any waiver).
A reply to a citizen or a hide order is checked as ``govmedia inbox check`` checks it
(its channel and length, the rules over the answer), without the inbox, which the server
has no checkout of. A sentence copied without attribution (``A11-04``) is found as ``govmedia check`` finds it,
against every other post of the archive: main's posts before the push with the pushed
posts over them, read from git objects (:mod:`copy_index`; a bare repository has no
checkout).

Nothing that decides the verdict comes from the push: the rules and lexicons are the
installed package's, the unit's rule files, ``accounts.yml``, the roster and the calendar
are main's tip before the push (:func:`findings_at.main_unit_files` with ``tip=old``); a
rule file the push brings counts from the next push on, once it is on main. ``govmedia
verify`` on a forge judges a pull request from its merge base, which the branch chooses by
where it starts: it hands main's tip as last fetched as ``main``, whose unit files and posts
judge (red team 34: a branch from a main before the unit's rule was judged without it). When main has
no readable ``accounts.yml`` the rules still run, the post's channels unchecked; a unit rule
file of main that cannot be read refuses the push (the check fails closed). It runs after
the size gate (every blob read here is within ``content.MAX_BYTES``) and the push limits
(``push_limits``), so its time and memory are bounded by those.

The refusal names the file, line and rule; the matched text is shown except for
credentials and personal data (``findings.SECRET_RULES``: ``A17-*``, ``A9-11``), which no
output echoes (``findings.match_note``).
"""

from __future__ import annotations

import resource
import subprocess
import sys
from collections.abc import Callable, Collection
from pathlib import Path

from pipeline import git, proc
from pipeline.checking import apply_waivers
from pipeline.config import load_unit_config
from pipeline.content import parse_post
from pipeline.content_limits import shown
from pipeline.errors import GovmediaError
from pipeline.findings import Finding, masked, match_note, sort_key
from pipeline.governance.registry import Registry
from pipeline.interaction.replies import MODERATION_DIR, REPLIES_DIR, check_reply, parse_reply
from pipeline.interaction.reposts import REPOSTS_DIR, is_repost_path, parse_repost
from pipeline.project import POSTS_DIR
from pipeline.review.copy_index import push_index
from pipeline.review.findings_at import main_unit_files
from pipeline.review.push_limits import (
    CHECK_MEMORY,
    CHECK_SECONDS,
    MEMORY_ENV,
    SECONDS_ENV,
    ServerSettings,
)
from pipeline.review.verify import TARGET_BRANCH, kind_of
from pipeline.review.yaml_gate import UNIT_YAML
from pipeline.rules.attribution import RepoIndex
from pipeline.rules.checker import RuleChecker

CHECKED_DIRS = [d + "/" for d in (POSTS_DIR, REPOSTS_DIR, REPLIES_DIR, MODERATION_DIR)]
READING = "govmedia-check-reading: "  # the child's stderr: the path it checks next
SHOWN = 50  # refusal lines listed; the rest are counted
WALL_FACTOR = 4  # wall-clock seconds per second of CPU allowed, for a loaded server


class _ServerChecker(RuleChecker):
    """The package's rules plus main's unit files; the copy index (``A11-04``) of main's
    posts before the push with the pushed posts over them (:mod:`copy_index`), built on
    first use from git objects: a bare repository has no checkout."""

    def __init__(self, rules: Path, repo: Path, old: str, pushed: dict[str, str]) -> None:
        super().__init__(rules)
        self._repo, self._old, self._pushed = repo, old, pushed

    @property
    def index(self) -> RepoIndex:
        if self._index is None:
            self._index = push_index(self._repo, self._old, self._pushed)
        return self._index


def checked_paths(repo: Path, old: str, new: str, approved: Collection[str]) -> dict[str, str]:
    """Path -> blob at ``new`` of the posts and reposts ``old..new`` adds or changes
    (deletions are refused elsewhere) among ``approved``, the paths whose approvals are
    complete: a post refused for its approvals is never read by the rules, so a push
    nobody signed costs the server no check."""
    return {
        path: blob
        for status, path, blob in git.diff_raw(old, new, CHECKED_DIRS, cwd=repo)
        if status != "D"
        and (kind_of(path) in ("post", "reply") or is_repost_path(path))
        and path in approved
    }


def server_findings(
    repo: Path,
    old: str,
    new: str,
    paths: dict[str, str],
    reading: Callable[[str], None] = lambda _path: None,
    main: str | None = None,
) -> list[Finding]:
    """Every finding of ``paths`` (path -> blob at ``new``), judged by the installed rules
    and main's unit files at ``main`` (default ``old``), copies by main's posts there;
    waivers of each post applied. ``reading`` is told each path before it is checked. A
    blob git does not hand back refuses the push (GovmediaError): a file left unread is
    never a file found clean."""
    main = main or old
    with main_unit_files(repo, new, tip=main) as unit:
        try:  # main without a readable accounts.yml: the rules still apply, channels unchecked
            config = load_unit_config(unit)
            registry, roster = config.registry, config.roster
        except GovmediaError:
            registry, roster = None, None
        blobs = git.cat_blobs(list(paths.values()), cwd=repo)
        posts = {path: blob for path, blob in paths.items() if kind_of(path) == "post"}
        checker = _ServerChecker(unit.root, repo, main, posts)
        found: list[Finding] = []
        for path, blob in paths.items():
            raw = blobs.get(blob)
            if raw is None:
                raise GovmediaError(f"无法读取 {shown(path)}（blob {blob[:10]}）")
            reading(path)
            if is_repost_path(path):
                found += _repost_findings(path, raw, checker)
                continue
            if kind_of(path) == "reply":
                found += _reply_findings(path, raw, checker, registry)
                continue
            loaded = parse_post(path, raw, registry=registry, roster=roster)
            findings = checker.masked_values(list(loaded.findings))  # a field echoed
            if loaded.post is not None:
                findings = apply_waivers(
                    [loaded.post], findings + checker.check_post(loaded.post, registry)
                )
            found += findings
    return sorted(masked(found), key=sort_key)  # no output shows a secret


def _repost_findings(path: str, raw: bytes, checker: RuleChecker) -> list[Finding]:
    repost, problems = parse_repost(path, raw)
    if repost is None:
        return checker.masked_values(problems)  # a refused field is echoed
    return [
        Finding(path, 1, 1, d.rule, d.article, d.severity, d.message, repost.text[d.start : d.end])
        for d in checker.check_text(repost.text)
    ]


def _reply_findings(
    path: str, raw: bytes, checker: RuleChecker, registry: Registry | None
) -> list[Finding]:
    """A reply's or hide order's findings as ``govmedia inbox check`` gives them (channel,
    length, the content rules over the answer), without the inbox: the server has no
    checkout of it, and ``inbox send`` answers only an item it holds. Without a readable
    ``accounts.yml`` on main the channel is left unchecked, as for posts."""
    parsed = parse_reply(path, raw)
    findings = checker.masked_values(list(parsed.findings))  # a refused field is echoed
    if parsed.reply is None:
        return findings
    platform_of = registry.platform_of if registry is not None else (lambda _channel: "")
    return [*findings, *check_reply(parsed.reply, platform_of, checker.check_text)]


def refusal_line(f: Finding) -> str:
    """One refusal: file, line, rule and message; the match unless it may be a secret."""
    return shown(f"  {f.path}:{f.line}: [{f.rule}] {f.message}{match_note(f)}")


def content_problems(
    repo: Path,
    old: str,
    new: str,
    settings: ServerSettings,
    approved: Collection[str],
    main: str | None = None,
) -> list[str]:
    """Chinese reasons to refuse the update of main ``old`` → ``new`` for content: one line
    per unwaived error of a post or repost it adds or changes whose approvals are complete
    (``approved``: paths; empty result: none), judged by main's unit files and posts at
    ``main`` (default ``old``; ``verify``: main's tip, not the merge base).

    The check runs in a child process that limits its own CPU time and memory
    (``push_limits.CHECK_SECONDS``, ``CHECK_MEMORY`` of ``settings``): a text the rules take long over, or a check that grows,
    refuses the push instead of holding the server."""
    paths = checked_paths(repo, old, new, approved)
    if not paths:
        return []
    seconds, memory = settings.integers(CHECK_SECONDS, CHECK_MEMORY)
    args = [sys.executable, "-I", "-m", __name__, str(seconds), str(memory), old, new, main or old]
    names = "".join(f"{path}\0" for path in paths).encode("utf-8", "surrogateescape")
    try:
        code, out, err = proc.run(
            args, cwd=repo, input=names, check=False, timeout=WALL_FACTOR * seconds
        )
    except subprocess.TimeoutExpired as exc:
        code, out, err = -1, b"", exc.stderr or b""
    lines = out.decode("utf-8", "replace").splitlines()
    if code == 0 and not lines:
        return []
    if code == 1 and lines:
        return lines
    last = _last_read(err)
    where = f"（检查停在 {shown(last)}）" if last else ""
    return [
        f"服务器在上限内（{seconds} 秒 CPU、{memory} MB 内存，服务器设置 {SECONDS_ENV}、"
        f"{MEMORY_ENV}）未能完成本次推送的内容检查{where}（或检查出错，见服务器日志），拒绝推送："
        "请把文章分几次推送，或检查文章中是否有大段重复的文字。"
    ]


def _last_read(err: bytes) -> str:
    """The last path the child said it was reading (``READING`` lines on its stderr)."""
    marks = [
        line[len(READING) :]
        for line in err.decode("utf-8", "replace").splitlines()
        if line.startswith(READING)
    ]
    return marks[-1] if marks else ""


def _say_reading(path: str) -> None:
    sys.stderr.write(f"{READING}{path}\n")
    sys.stderr.flush()


def _judged(repo: Path, old: str, new: str, approved: Collection[str], main: str) -> list[str]:
    """The refusal lines of :func:`content_problems`, computed in this process."""
    paths = checked_paths(repo, old, new, approved)
    try:
        findings = server_findings(repo, old, new, paths, _say_reading, main)
    except GovmediaError as exc:
        return [f"服务器无法按 {TARGET_BRANCH} 上的规则检查本次推送的文章：{exc}"]
    errors = [f for f in findings if f.severity == "error" and f.waived is None]
    if not errors:
        return []
    more = len(errors) - SHOWN
    unit_files = git.diff_raw(old, new, list(UNIT_YAML), cwd=repo)
    return [
        f"以下文章、转发或回复未通过内容检查（{len(errors)} 个错误，按 {TARGET_BRANCH} 上现行的规则）："
        "错误须修正，或在文章的 waivers 中写明规则和理由并重新完成三审：",
        *map(refusal_line, errors[:SHOWN]),
        *([f"  ……另有 {more} 个错误未列出（govmedia check 列出全部）。"] if more > 0 else []),
        *(
            [
                f"  本次推送修改的规则文件、accounts.yml、名册或日历合并到 {TARGET_BRANCH} 后才用于检查："
                "请先单独推送它们（已完成审核的提交），再推送文章。"
            ]
            if unit_files
            else []
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    """The child: ``SECONDS MEMORY_MB OLD NEW MAIN`` in the bare repository, the approved
    paths on standard input (each ended by NUL); prints the refusal lines (exit 1) or
    nothing (exit 0) within its own limits."""
    seconds, memory, old, new, main = (sys.argv[1:] if argv is None else argv)[:5]
    resource.setrlimit(resource.RLIMIT_CPU, (int(seconds), int(seconds) + 1))
    limit = int(memory) * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    names = sys.stdin.buffer.read().decode("utf-8", "surrogateescape")
    lines = _judged(Path.cwd(), old, new, set(names.split("\0")[:-1]), main)
    sys.stdout.write("".join(f"{line}\n" for line in lines))
    return 1 if lines else 0


if __name__ == "__main__":
    from pipeline.error_handler import guarded

    raise SystemExit(guarded(main, ["pipeline.review.content_gate", *sys.argv[1:]]))
