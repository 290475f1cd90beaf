"""The only module that runs git."""

from __future__ import annotations

from collections.abc import Collection, Generator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline import proc

ZERO_OID = "0" * 40

# Keep git's output stable and machine-readable whatever the user's configuration.
# ``--no-replace-objects``: ``refs/replace/*`` never changes what govmedia reads (a replaced
# roster blob or tip must not count; the server refuses such refs anyway).
_BASE = (
    "git",
    "--no-replace-objects",
    "-c",
    "core.quotepath=false",
    "-c",
    "i18n.logOutputEncoding=utf-8",
)


def run(
    args: Sequence[str],
    *,
    cwd: str | Path,
    input: bytes | None = None,
    env: Mapping[str, str] | None = None,
    check: bool = True,
    inherit_env: bool = True,
) -> tuple[int, bytes, bytes]:
    return proc.run(
        [*_BASE, *args], cwd=cwd, input=input, env=env, check=check, inherit_env=inherit_env
    )


def run_head(args: Sequence[str], *, cwd: str | Path, limit: int) -> tuple[bytes, bool]:
    """The first ``limit`` bytes of a git command's output, and whether there was more."""
    return proc.run_head([*_BASE, *args], cwd=cwd, limit=limit)


def stream(args: Sequence[str], *, cwd: str | Path, sep: bytes) -> Generator[bytes, None, None]:
    """A git command's output as it comes, split at ``sep``: see :func:`proc.stream`."""
    return proc.stream([*_BASE, *args], cwd=cwd, sep=sep)


def out(
    args: Sequence[str],
    *,
    cwd: str | Path,
    input: str | None = None,
    env: Mapping[str, str] | None = None,
    check: bool = True,
) -> str:
    _, stdout, _ = run(
        args, cwd=cwd, input=input.encode() if input is not None else None, env=env, check=check
    )
    return stdout.decode("utf-8", "replace")


def ok(args: Sequence[str], *, cwd: str | Path, env: Mapping[str, str] | None = None) -> bool:
    code, _, _ = run(args, cwd=cwd, env=env, check=False)
    return code == 0


def toplevel(cwd: str | Path) -> Path | None:
    code, stdout, _ = run(["rev-parse", "--show-toplevel"], cwd=cwd, check=False)
    if code != 0:
        return None
    return Path(stdout.decode().strip())


def rev_parse(rev: str, *, cwd: str | Path) -> str | None:
    code, stdout, _ = run(
        ["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], cwd=cwd, check=False
    )
    if code != 0:
        return None
    return stdout.decode().strip()


def fetched_tip(branch: str, *, cwd: str | Path) -> str | None:
    """The commit of ``branch`` as last fetched from ``origin``, else the local branch; None
    with neither. The one reading of main's tip the review and the content check share."""
    for ref in (f"refs/remotes/origin/{branch}", f"refs/heads/{branch}"):
        tip = rev_parse(ref, cwd=cwd)
        if tip is not None:
            return tip
    return None


def branch_ref(ref: str) -> str:
    """A bare branch name as ``refs/heads/<name>``: git reads ``refs/tags/<name>`` first."""
    return ref if ref.startswith("refs/") or ref == "HEAD" else f"refs/heads/{ref}"


def resolve_branch(ref: str, *, cwd: str | Path) -> str | None:
    """The commit of ``ref``, a bare name read as ``refs/heads/<name>`` first (``branch_ref``):
    a tag or another ref of the same name never shadows the branch."""
    oid = rev_parse(branch_ref(ref), cwd=cwd) if branch_ref(ref) != ref else None
    return oid or rev_parse(ref, cwd=cwd)


def show_blob(rev_path: str, *, cwd: str | Path) -> bytes | None:
    """Contents of ``REV:path``, or ``None`` when it does not exist."""
    code, stdout, _ = run(["cat-file", "blob", rev_path], cwd=cwd, check=False)
    return stdout if code == 0 else None


REGULAR_MODES = ("100644", "100755")  # regular files (not links, not submodules)


def ls_tree(
    rev: str, path: str, *, cwd: str | Path, modes: Collection[str] | None = None
) -> dict[str, str]:
    """Map of file path (from the top of the tree) -> blob id for every file under ``path``
    at ``rev``; ``modes``: only the entries of those modes (``REGULAR_MODES``: no links).

    Fails closed: a ``rev`` git cannot read, a listing cut short or an entry that is not
    ``<mode> <type> <id>\t<path>`` raises :class:`proc.CalledProcessError` (an empty map
    for an unreadable tree made the unit's rule files or the archive silently absent).
    Names are decoded with ``surrogateescape``, so a name that is not UTF-8 is passed
    back to git as the same bytes."""
    args = ["ls-tree", "-r", "-z", "--full-tree", rev, "--", path]
    code, stdout, stderr = run(args, cwd=cwd, check=False)
    if code != 0 or (stdout and not stdout.endswith(b"\0")):
        raise proc.CalledProcessError(["git", *args], code or 1, stdout, stderr)
    result: dict[str, str] = {}
    for entry in stdout.decode("utf-8", "surrogateescape").split("\0")[:-1]:
        meta, tab, name = entry.partition("\t")
        parts = meta.split(" ")
        if not tab or not name or len(parts) != 3:
            raise proc.CalledProcessError(["git", *args], 1, stdout, b"unexpected ls-tree entry")
        if parts[1] == "blob" and (modes is None or parts[0] in modes):
            result[name] = parts[2]
    return result


def tree_entry(rev: str, path: str, *, cwd: str | Path) -> tuple[str, str, str] | None:
    """``(mode, type, object id)`` of the entry at exactly ``path`` in ``rev``'s tree, or
    None. Symlinks are not followed: a symlink is mode ``120000``, and a path through a
    symlinked folder has no entry."""
    code, stdout, _ = run(
        ["--literal-pathspecs", "ls-tree", "-z", "--full-tree", rev, "--", path],
        cwd=cwd,
        check=False,
    )
    if code != 0:
        return None
    for entry in stdout.decode("utf-8", "replace").split("\0"):
        meta, _, name = entry.partition("\t")
        parts = meta.split()
        if name == path and len(parts) == 3:
            return parts[0], parts[1], parts[2]
    return None


def current_branch(cwd: str | Path) -> str | None:
    """The checked-out branch, or None (``--short`` gives ``heads/main`` beside a tag)."""
    code, stdout, _ = run(["symbolic-ref", "--quiet", "HEAD"], cwd=cwd, check=False)
    ref = stdout.decode().strip() if code == 0 else ""
    return ref.removeprefix("refs/heads/") if ref.startswith("refs/heads/") else None


def config_get(key: str, *, cwd: str | Path, env: Mapping[str, str] | None = None) -> str | None:
    code, stdout, _ = run(["config", "--get", key], cwd=cwd, env=env, check=False)
    return stdout.decode().strip() if code == 0 else None


def first_commit_times(paths: Sequence[str], rev: str, *, cwd: str | Path) -> dict[str, str]:
    """ISO author date of the first commit (on ``rev``) that touched each path, in one log."""
    wanted = set(paths)
    if not wanted:
        return {}
    code, stdout, _ = run(
        ["log", "--reverse", "--format=%x00%aI", "--name-only", rev, "--", *sorted(wanted)],
        cwd=cwd,
        check=False,
    )
    result: dict[str, str] = {}
    if code != 0:
        return result
    for chunk in stdout.decode("utf-8", "replace").split("\0")[1:]:
        lines = [line for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        when = lines[0].strip()
        for name in lines[1:]:
            if name in wanted and name not in result:
                result[name] = when
    return result


def git_dir(cwd: str | Path) -> Path | None:
    code, stdout, _ = run(["rev-parse", "--absolute-git-dir"], cwd=cwd, check=False)
    return Path(stdout.decode().strip()) if code == 0 else None


# --- batched readers (one git process for many commits or objects) ---------------------------

FIELD_SEP = "\x1f"


def log_fields(
    revs: Sequence[str], fields: Sequence[str], *, cwd: str | Path, extra: Sequence[str] = ()
) -> list[list[str]]:
    """One ``git log -z`` over ``revs``: a list of records, each the list of ``fields``.

    ``fields`` are ``--format`` placeholders (``%H``, ``%P``, ``%(trailers:...)`` ...); they
    must not produce NUL or the unit separator 0x1f themselves.
    """
    fmt = "%x1f".join(fields)
    code, stdout, stderr = run(
        ["log", "-z", f"--format={fmt}", *extra, *revs, "--"], cwd=cwd, check=False
    )
    if code != 0:
        raise proc.CalledProcessError(["git", "log"], code, stdout, stderr)
    records: list[list[str]] = []
    for chunk in stdout.decode("utf-8", "replace").split("\0"):
        if not chunk.strip("\n"):
            continue
        parts = chunk.lstrip("\n").split(FIELD_SEP)
        if len(parts) == len(fields):
            records.append(parts)
    return records


def cat_file_batch(names: Sequence[str], *, cwd: str | Path) -> dict[str, tuple[str, bytes]]:
    """``git cat-file --batch`` for many objects at once: name -> (type, content).

    Names git cannot resolve are absent from the result.
    """
    return _cat_file_batch(names, cwd=cwd, check=True)


def _cat_file_batch(
    names: Sequence[str], *, cwd: str | Path, check: bool
) -> dict[str, tuple[str, bytes]]:
    unique = [n for n in dict.fromkeys(names) if n]
    if not unique:
        return {}
    code, stdout, _ = run(
        ["cat-file", "--batch"],
        cwd=cwd,
        input="".join(f"{n}\n" for n in unique).encode(),
        check=check,
    )
    if code != 0:
        return {}
    result: dict[str, tuple[str, bytes]] = {}
    pos = 0
    for name in unique:
        end = stdout.find(b"\n", pos)
        if end < 0:
            break
        header = stdout[pos:end].decode("utf-8", "replace").split()
        pos = end + 1
        if len(header) == 3 and header[2].isdigit():
            size = int(header[2])
            result[name] = (header[1], stdout[pos : pos + size])
            pos += size + 1
    return result


_OBJECT_TYPES = ("blob", "commit", "tree", "tag")


def cat_file_batch_check(names: Sequence[str], *, cwd: str | Path) -> dict[str, str]:
    """Name -> object id of the names that exist (``git cat-file --batch-check``). A name with
    a newline is asked alone, answers split on newlines only: no name shifts another's."""
    lined = [n for n in dict.fromkeys(names) if "\n" not in n]
    query = "".join(f"{n}\n" for n in lined).encode()
    batch = ["cat-file", "--batch-check=%(objectname) %(objecttype)"]
    answers = run(batch, cwd=cwd, input=query)[1].decode("utf-8", "replace") if lined else ""
    pairs = zip(lined, (line.split(" ") for line in answers.split("\n")), strict=False)
    result = {n: p[0] for n, p in pairs if len(p) == 2 and p[1] in _OBJECT_TYPES}
    for name in (n for n in dict.fromkeys(names) if "\n" in n):
        oid = out(["rev-parse", "--verify", "-q", "--end-of-options", name], cwd=cwd, check=False)
        if oid.strip():
            result[name] = oid.strip()
    return result


@dataclass(frozen=True, repr=False)
class Change:
    """One file changed by a commit against its first parent (``git diff --raw``)."""

    status: str  # A, M, D, T
    path: str
    old_mode: str
    new_mode: str
    old_blob: str
    new_blob: str


@dataclass(frozen=True, repr=False)
class Step:
    """A first-parent commit of a branch with its changes against its first parent."""

    oid: str
    parents: tuple[str, ...]
    changes: tuple[Change, ...]


def first_parent_steps(
    rev_range: Sequence[str], *, cwd: str | Path, paths: Sequence[str] = ()
) -> list[Step]:
    """The first-parent commits of ``rev_range`` (oldest first), each with its raw diff
    against its first parent (merges included), from one ``git log``.

    Paths may hold any byte but NUL: records are read token by token, never split on a
    separator that a path could contain.
    """
    args = ["log", "--first-parent", "--diff-merges=first-parent", "--root", "--raw", "-z"]
    args += ["--no-renames", "--no-abbrev", "--format=%x01%H %P", *rev_range, "--", *paths]
    code, stdout, stderr = run(args, cwd=cwd, check=False)
    if code != 0:
        raise proc.CalledProcessError(["git", "log"], code, stdout, stderr)
    steps: list[Step] = []
    tokens = stdout.split(b"\0")
    oid = ""
    parents: tuple[str, ...] = ()
    changes: list[Change] = []
    i = 0
    while i < len(tokens):
        token = tokens[i].lstrip(b"\n")
        i += 1
        if token.startswith(b"\x01"):
            if oid:
                steps.append(Step(oid, parents, tuple(changes)))
            head = token[1:].decode("ascii").split()
            oid, parents, changes = head[0], tuple(head[1:]), []
        elif token.startswith(b":") and i < len(tokens):
            change = _change(token, tokens[i])
            i += 1
            if change is not None:
                changes.append(change)
    if oid:
        steps.append(Step(oid, parents, tuple(changes)))
    steps.reverse()
    return steps


def _change(meta: bytes, path: bytes) -> Change | None:
    """One ``--raw`` entry: ``:<old mode> <new mode> <old blob> <new blob> <status>``."""
    fields = meta.lstrip(b"\n").lstrip(b":").decode("ascii", "replace").split()
    if len(fields) < 5:
        return None
    return Change(fields[4][:1], path.decode("utf-8", "surrogateescape"), *fields[:4])


def diff_changes(
    base: str, head: str, paths: Sequence[str] = (), *, cwd: str | Path
) -> list[Change]:
    """Files changed from ``base`` to ``head`` (``git diff --raw -z``, no renames)."""
    _, stdout, _ = run(
        ["diff", "--raw", "-z", "--no-renames", "--no-abbrev", base, head, "--", *paths], cwd=cwd
    )
    tokens = stdout.split(b"\0")
    changes = (_change(meta, path) for meta, path in zip(tokens[0::2], tokens[1::2], strict=False))
    return [c for c in changes if c is not None]


def diff_raw(
    base: str, head: str, paths: Sequence[str], *, cwd: str | Path
) -> list[tuple[str, str, str]]:
    """Files changed from ``base`` to ``head`` under ``paths``: (status, path, new blob).

    Renames are not followed: a renamed file is a deletion plus an addition.
    """
    return [(c.status, c.path, c.new_blob) for c in diff_changes(base, head, paths, cwd=cwd)]


def merge_base(a: str, b: str, *, cwd: str | Path) -> str | None:
    code, stdout, _ = run(["merge-base", a, b], cwd=cwd, check=False)
    return stdout.decode().strip() if code == 0 and stdout.strip() else None


def is_ancestor(ancestor: str, descendant: str, *, cwd: str | Path) -> bool:
    return ok(["merge-base", "--is-ancestor", ancestor, descendant], cwd=cwd)


def dirty_paths(paths: Sequence[str], *, cwd: str | Path) -> list[str]:
    """Of ``paths``, those with uncommitted changes (worktree or index) or untracked."""
    _, stdout, _ = run(["status", "--porcelain", "-z", "--", *paths], cwd=cwd)
    return [e[3:] for e in stdout.decode("utf-8", "replace").split("\0") if len(e) > 3]


def has_staged_changes(*, cwd: str | Path) -> bool:
    return not ok(["diff", "--cached", "--quiet"], cwd=cwd)


def cat_blobs(blobs: Sequence[str], *, cwd: str | Path) -> dict[str, bytes]:
    """Contents of many blobs in one ``git cat-file --batch``; missing ones are left out
    (and everything when git fails)."""
    objects = _cat_file_batch(blobs, cwd=cwd, check=False)
    return {name: body for name, (kind, body) in objects.items() if kind == "blob"}
