"""The only module that runs git."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from pipeline import proc

ZERO_OID = "0" * 40

# Keep git's output stable and machine-readable whatever the user's configuration.
_BASE = ("git", "-c", "core.quotepath=false", "-c", "i18n.logOutputEncoding=utf-8")


def run(
    args: Sequence[str],
    *,
    cwd: str | Path,
    input: bytes | None = None,
    env: Mapping[str, str] | None = None,
    check: bool = True,
) -> tuple[int, bytes, bytes]:
    return proc.run([*_BASE, *args], cwd=cwd, input=input, env=env, check=check)


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


def hash_object(data: bytes, *, cwd: str | Path) -> str:
    _, stdout, _ = run(["hash-object", "--stdin"], cwd=cwd, input=data)
    return stdout.decode().strip()


def show_blob(rev_path: str, *, cwd: str | Path) -> bytes | None:
    """Contents of ``REV:path``, or ``None`` when it does not exist."""
    code, stdout, _ = run(["cat-file", "blob", rev_path], cwd=cwd, check=False)
    return stdout if code == 0 else None


def ls_tree(rev: str, path: str, *, cwd: str | Path) -> dict[str, str]:
    """Map of file path -> blob id for every file under ``path`` at ``rev``."""
    code, stdout, _ = run(["ls-tree", "-r", "-z", rev, "--", path], cwd=cwd, check=False)
    if code != 0:
        return {}
    result: dict[str, str] = {}
    for entry in stdout.decode("utf-8", "replace").split("\0"):
        if not entry:
            continue
        meta, _, name = entry.partition("\t")
        parts = meta.split()
        if len(parts) == 3 and parts[1] == "blob":
            result[name] = parts[2]
    return result


def current_branch(cwd: str | Path) -> str | None:
    code, stdout, _ = run(["symbolic-ref", "--quiet", "--short", "HEAD"], cwd=cwd, check=False)
    return stdout.decode().strip() if code == 0 else None


def config_get(key: str, *, cwd: str | Path) -> str | None:
    code, stdout, _ = run(["config", "--get", key], cwd=cwd, check=False)
    return stdout.decode().strip() if code == 0 else None


def cat_blobs(blobs: Sequence[str], *, cwd: str | Path) -> dict[str, bytes]:
    """Contents of many blobs in one ``git cat-file --batch``; missing ones are left out."""
    wanted = [b for b in dict.fromkeys(blobs) if b]
    if not wanted:
        return {}
    code, stdout, _ = run(
        ["cat-file", "--batch"],
        cwd=cwd,
        input="".join(f"{b}\n" for b in wanted).encode(),
        check=False,
    )
    if code != 0:
        return {}
    result: dict[str, bytes] = {}
    pos = 0
    for blob in wanted:
        end = stdout.find(b"\n", pos)
        if end < 0:
            break
        header = stdout[pos:end].decode("utf-8", "replace").split()
        pos = end + 1
        if len(header) == 3 and header[1] == "blob":
            size = int(header[2])
            result[blob] = stdout[pos : pos + size]
            pos += size + 1
        elif len(header) == 3:  # another object type: skip its body
            pos += int(header[2]) + 1
    return result
