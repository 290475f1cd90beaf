"""The body store's post outputs, one sealed file an entry (issue 17, twenty-third pass).

The body store (``body_store.py``) kept every post's output (the page's Markdown, its
``.bodies/`` HTML and the clean body, about 8.5 MB at 2,000 posts) in its one file, so
every incremental build read, unsealed and parsed all of it and, when any post changed,
dumped, sealed and wrote all of it again, although a post whose key is unchanged needs
none of it: its page files are the last generation's, linked. Now the store's file keeps,
for each output, the SHA-256 of its two page files, and the outputs themselves are here,
each in ``outputs/<key>.json``, read only when a page file must be written or the feeds
need a body (the newest posts' RSS items, a JSON feed page whose posts changed).

The folder is the body store's, created 0700 and used only when it is a plain folder of
this user that nobody else can write; an entry is read only when it is a plain file of
this user that nobody else can write (``rules.cache.trusted_file``), its BLAKE2b seal fits
and it names the build key and the key it is filed under: an entry that is not ours,
edited, truncated or filed under another key is not used (the post is rendered again and
its entry written anew). Entries are strings in JSON, never code. Only the entries of the
last build are kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path

from pipeline import atomic_file
from pipeline.rules.cache import digest, trusted_file, unseal
from pipeline.site.theme.private_dir import private_dir

OUTPUTS_DIR = "outputs"

Output = tuple[str, str, str]  # the page's Markdown, its .bodies/ HTML, the clean body
Hashes = tuple[str, str]  # the SHA-256 of an output's page Markdown and .bodies/ HTML


def page_hashes(output: Output) -> Hashes:
    """The SHA-256 of the two page files an output is written as (UTF-8)."""
    return (
        hashlib.sha256(output[0].encode("utf-8")).hexdigest(),
        hashlib.sha256(output[1].encode("utf-8")).hexdigest(),
    )


def _entry(data: object, build: str, key: str) -> Output | None:
    if not isinstance(data, dict) or data.get("build") != build or data.get("key") != key:
        return None
    output = data.get("output")
    if isinstance(output, list) and len(output) == 3 and all(isinstance(x, str) for x in output):
        return output[0], output[1], output[2]
    return None


class Outputs:
    """The entries under ``folder/outputs`` of one build key."""

    def __init__(self, folder: Path, build: str) -> None:
        self.folder = folder / OUTPUTS_DIR
        self.build = build

    def _usable(self) -> bool:
        try:
            return private_dir(os.lstat(self.folder))
        except OSError:
            return False

    def path(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def get(self, key: str) -> Output | None:
        """The output kept under ``key``, verified; None when there is none to trust."""
        path = self.path(key)
        if not self._usable() or not trusted_file(path):
            return None
        try:
            data = unseal(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            return None
        return _entry(data, self.build, key)

    def put(self, made: dict[str, Output]) -> None:
        """Write the entries of ``made`` (the folder made private first; nothing is written
        into a folder that is not)."""
        if not made:
            return
        if not self.folder.is_symlink() and not self.folder.exists():
            self.folder.mkdir(mode=0o700)
        if not self._usable():
            return
        for key, output in made.items():
            data = {"build": self.build, "key": key, "output": list(output)}
            payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            atomic_file.write_text(self.path(key), digest(payload) + "\n" + payload)

    def prune(self, keep: set[str]) -> None:
        """Remove every entry (and a killed build's temporary file) not named in ``keep``."""
        if not self._usable():
            return
        with os.scandir(self.folder) as entries:
            names = [e.name for e in entries if e.is_file(follow_symlinks=False)]
        for name in names:
            if name.endswith(".json") and name[: -len(".json")] in keep:
                continue
            with contextlib.suppress(OSError):
                os.unlink(self.folder / name)
