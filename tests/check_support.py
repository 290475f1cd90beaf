"""A unit repository grown to any number of posts from the sample posts (tests and benchmarks).

Each generated post mixes paragraphs of two sample posts under a new slug and date, and every
seventh is a repost (``original: false`` with a source): the copy detection (A11-04) then has
real work, copies of both the unit's originals and of reposts.

Also: a cache home that cannot hold the checker's cache, to compare with and without it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    import pytest

T = TypeVar("T")
PROJECT_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_CONTENT = PROJECT_ROOT / "content"
_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
SOURCE = (
    "source:\n  name: 呼伦贝尔日报\n  url: https://www.example.gov.cn/news/{n}.html\n"
    "  title: 呼伦贝尔日报第{n}期\n"
)


def _samples() -> list[tuple[str, str]]:
    out = []
    for path in sorted((SAMPLE_CONTENT / "posts").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        m = _FRONT.match(text)
        if m and "![" not in text and "source:" not in m.group(1):
            out.append((m.group(1), text[m.end() :]))
    return out


def _field(front: str, key: str, value: str) -> str:
    return re.sub(rf"^{key}:.*$", f"{key}: {value}", front, count=1, flags=re.M)


def grow_repo(root: Path, count: int) -> Path:
    """``root`` holding the sample ``content/`` plus ``count`` generated posts; returns root."""
    shutil.copytree(SAMPLE_CONTENT, root / "content")
    samples = _samples()
    day0 = dt.date(2021, 1, 1)
    for n in range(count):
        front, body = samples[n % len(samples)]
        _, other = samples[(n * 7 + 3) % len(samples)]
        paragraphs = [p for p in other.split("\n\n") if p.strip() and not p.startswith("#")]
        date = day0 + dt.timedelta(days=n * 1800 // max(count, 1))
        front = _field(front, "date", date.isoformat())
        front = _field(
            front, "title", f"{n:05d}号 " + re.search(r"^title: (.*)$", front, re.M).group(1)
        )  # type: ignore[union-attr]
        if n % 7 == 6:
            front = _field(front, "original", "false") + "\n" + SOURCE.format(n=n).rstrip("\n")
        text = f"---\n{front}\n---\n{body.rstrip()}\n\n{paragraphs[n % len(paragraphs)] if paragraphs else ''}\n"
        target = root / "content" / "posts" / f"{date:%Y/%m}" / f"gen-{n:05d}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root


def no_cache(tmp_path: Path) -> Path:
    """An XDG_CACHE_HOME that cannot hold a cache (a file): every run computes everything."""
    blocked = tmp_path / "no-cache"
    blocked.write_text("", encoding="utf-8")
    return blocked


def without_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, compute: Callable[[], T]) -> T:
    """``compute()`` with no cache at all, then the cache home in force before it again."""
    cached_home = os.environ["XDG_CACHE_HOME"]
    monkeypatch.setenv("XDG_CACHE_HOME", str(no_cache(tmp_path)))
    result = compute()
    monkeypatch.setenv("XDG_CACHE_HOME", cached_home)
    return result


def untrust(path: Path, how: str, planted: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the private cache file ``path`` one that must not be trusted: ``mode`` (writable
    by others), ``link`` (a link to the same text at ``planted``) or ``owner`` (another
    user's: changed when running as root, else this process told it is another user)."""
    from pipeline.rules import cache

    if how == "mode":
        path.chmod(0o622)
    elif how == "link":
        planted.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
        path.unlink()
        path.symlink_to(planted)
    elif os.geteuid() == 0:
        os.chown(path, 65534, -1)
    else:
        monkeypatch.setattr(cache.os, "getuid", lambda: os.geteuid() + 1)
