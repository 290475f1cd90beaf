"""Carrying the previous site's unchanged pages into the new one (issue 17).

After every build, the SHA-256 and size of each file of the site are kept in a sealed list,
``site-<hash of the site folder's path>.json`` (one per ``--out``) in the build's ``carry``
store folder: inside the checkout's git directory, where no commit can put a file
(``stores.py``), of the building user and writable by nobody else (sealed as the body
store: a file that is not ours, writable by others, truncated or edited is not used). The next incremental build uses it only when the site folder is
exactly what it lists: the same folder, the same files, the same sizes, no symlink. mkdocs
then leaves unwritten the pages the page cache restored and whose stored output has the
listed hash (``theme/carry_over.py``); govmedia hard-links those files from the previous
site into the staging folder and hashes each linked file again. Anything else (no list, a
foreign or missing file, a hash that differs, a path that is not a page) is a build that
cannot prove its inputs: it is thrown away and the site is built without carrying anything.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from pipeline import atomic_file
from pipeline.rules.cache import digest, trusted_file, unseal
from pipeline.site.replace import tree

FORMAT = 2
CARRY_IN = ".govmedia-carry-in.json"  # as theme/carry_over.py
CARRIED = ".govmedia-carried.json"
FRAMES = ".govmedia-frames.json"  # as theme/frames.py

Files = dict[str, str]  # the site's relative path -> SHA-256 of the file
# a file the generation wrote or verified: its SHA-256, device, inode, size and mtime (ns)
Vouched = tuple[str, int, int, int, int]


@dataclass(frozen=True)
class Sealed:
    """The sealed list of a site: its files, the generated docs folder it was built from
    (each file's SHA-256) and what ``theme/frames.py`` recorded (the build's key, each page's
    frame); the last two are empty after a build that recorded none (``--full``)."""

    files: Files
    docs: Files
    build: str
    frames: Files


def list_file(folder: Path, out: Path) -> Path:
    """The list of the site at ``out`` (one a site folder: ``--out`` may name several)."""
    name = hashlib.sha256(os.fsencode(out.resolve())).hexdigest()[:32]
    return folder / f"site-{name}.json"


def sha(path: Path | str) -> str:
    with open(path, "rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def _listing(site: Path) -> dict[str, int] | None:
    """Every file of ``site`` with its size; None when it holds anything but folders and
    plain files (a symlink, a device)."""
    files, _, odd = tree(os.fspath(site))
    return None if odd else {rel: info.st_size for rel, info in files.items()}


def _strings(value: object) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    )


def previous(folder: Path, out: Path) -> Files | None:
    """The previous site's files and their hashes, when the sealed list fits ``out`` as it
    is now (same folder, same files, same sizes); None otherwise."""
    sealed = load(folder, out)
    return None if sealed is None else sealed.files


def load(folder: Path, out: Path) -> Sealed | None:
    """The previous site's sealed list, when it fits ``out`` as it is now (same folder, same
    files, same sizes); None otherwise."""
    path = list_file(folder, out)
    if not trusted_file(path) or out.is_symlink() or not out.is_dir():
        return None
    try:
        data = unseal(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    listed = data.get("files")
    if data.get("out") != str(out.resolve()) or not isinstance(listed, dict):
        return None
    if not all(
        isinstance(v, list) and len(v) == 2 and isinstance(v[0], str) and isinstance(v[1], int)
        for v in listed.values()
    ):
        return None
    docs, frames, build = data.get("docs"), data.get("frames"), data.get("build")
    if not _strings(docs) or not _strings(frames) or not isinstance(build, str):
        return None
    if _listing(out) != {rel: size for rel, (_, size) in listed.items()}:
        return None
    files = {rel: sha for rel, (sha, _) in listed.items()}
    return Sealed(files, docs, build, frames)


def hashes(folder: Path, known: Mapping[str, Vouched] | None = None) -> Files | None:
    """Every file of ``folder`` (dot folders too) with its SHA-256; None when it holds
    anything but folders and plain files.

    ``known``: files the page generation of this build wrote or verified, with their hash
    (``body_store.BodyStore.vouched``); such a file that is still the same file (device,
    inode), with the same size and modification time, is not read again."""
    root = os.fspath(folder)
    files, _, odd = tree(root)
    if odd:
        return None
    known = known or {}
    found: Files = {}
    for rel, info in files.items():
        vouched = known.get(rel)
        same = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)
        if vouched is not None and vouched[1:] == same:
            found[rel] = vouched[0]
        else:
            found[rel] = sha(os.path.join(root, rel))
    return found


def frames_of(site: Path) -> tuple[str, Files]:
    """What ``theme/frames.py`` wrote into a built site (then removed): the build's key
    and each page's frame; empty when it wrote nothing or something of another shape."""
    path = site / FRAMES
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "", {}
    finally:
        path.unlink(missing_ok=True)
    if not isinstance(data, dict) or not _strings(data.get("frames")):
        return "", {}
    build = data.get("build")
    return (build, data["frames"]) if isinstance(build, str) else ("", {})


def offer(staging: Path, files: Files) -> None:
    """Tell the mkdocs hook which files the previous site holds (a dot file of staging)."""
    (staging / CARRY_IN).write_text(json.dumps(files), encoding="utf-8")


def _page_path(name: object) -> bool:
    if not isinstance(name, str) or not name.endswith(".html") or "\\" in name:
        return False
    parts = PurePosixPath(name).parts
    return not PurePosixPath(name).is_absolute() and all(
        p not in ("", ".", "..") and not p.startswith(".") for p in parts
    )


def link(out: Path, staging: Path, files: Files) -> Files | None:
    """Hard-link (or copy) into ``staging`` the files mkdocs left to carry, each checked
    against its listed hash after linking. The carried files and hashes; None when the
    hook's list is missing, names a path that is not a listed page or one mkdocs wrote, or
    a linked file's hash differs (the staging folder is then not to be used)."""
    (staging / CARRY_IN).unlink(missing_ok=True)
    listed = staging / CARRIED
    try:
        names = json.loads(listed.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    listed.unlink()
    if not isinstance(names, list):
        return None
    done: Files = {}
    for name in names:
        if not _page_path(name) or name not in files or name in done:
            return None
        target = staging / name
        if target.exists() or target.is_symlink():
            return None
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(out / name, target, follow_symlinks=False)
        except OSError:
            shutil.copyfile(out / name, target, follow_symlinks=False)
        if sha(target) != files[name]:
            return None
        done[name] = files[name]
    return done


def seal(
    folder: Path,
    out: Path,
    site: Path,
    known: Files,
    docs: Files | None = None,
    frames: tuple[str, Files] = ("", {}),
) -> None:
    """Keep the hash and size of every file of ``site`` (the new site, to be swapped in at
    ``out``): those in ``known`` were hashed already, the others are hashed now; with the
    docs folder's files it was built from and the frames of its pages (``frames_of``)."""
    listing = _listing(site) or {}
    root = os.fspath(site)
    files = {
        rel: [known.get(rel) or sha(os.path.join(root, rel)), size] for rel, size in listing.items()
    }
    data = {
        "format": FORMAT,
        "out": str(out.resolve()),
        "files": files,
        "docs": docs or {},
        "build": frames[0],
        "frames": frames[1],
    }
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    atomic_file.write_text(list_file(folder, out), digest(payload) + "\n" + payload)


def forget(folder: Path, out: Path) -> None:
    """Drop the list of ``out`` (a site about to change before its new list is written)."""
    list_file(folder, out).unlink(missing_ok=True)
