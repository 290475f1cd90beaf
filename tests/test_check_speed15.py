"""The ninth pass of the one-changed check: the copy index writes a few changed records to
a recent file over its main file (trusted only as the main file is), the findings' JSON is
written straight from their fields, and the front matter's class of odd characters is the
same set as the negated one it replaces."""

from __future__ import annotations

import hashlib
import json
import re
import stat
from pathlib import Path
from typing import Any

import pytest

from pipeline.content import plain_matter
from pipeline.findings import Finding, format_json, sort_key
from pipeline.rules import attribution, attribution_cache, cache
from tests import test_check_cache
from tests.check_support import untrust
from tests.test_check_cache import cache_file

POST = "content/posts/2026/06/shequ-xuanchuan-jindu.md"
FAKE = "0" * 24
unit = test_check_cache.unit  # the fixture: a repository of 20 generated posts, own cache


def index_keys(root: Path, *, cached: bool = True) -> dict[str, list[str]]:
    """The index's keys and their posts, through the cache or (``cached=False``) without."""
    sentences = attribution.RepoIndex(root, cached=cached).sentences
    return {key: [e.path for e in entries] for key, entries in sentences.items()}


def main_and_recent(root: Path) -> tuple[Path, Path]:
    """The copy index's main cache file of ``root`` and its recent file."""
    main = cache_file(root)
    return main, main.with_name(attribution_cache.recent_name(main.name))


def planted_recent(root: Path) -> tuple[dict[str, list[str]], Path, dict[str, Any]]:
    """After one edited post: the keys, the recent file (now resealed with the post's keys
    replaced by ``FAKE`` and its time moved on, so that its record counts as settled) and
    the data written."""
    index_keys(root)
    edit(root, POST, "本周活动照常进行，欢迎社区居民踊跃参加各项志愿服务。")
    expected = index_keys(root)
    _, recent = main_and_recent(root)
    data = cache.read_sealed_json(recent.name)
    data["posts"][POST][8] = [FAKE]
    data["written"] += 10 * attribution_cache.RACY_NS
    reseal(recent, data)
    return expected, recent, data


def edit(root: Path, rel: str, line: str) -> None:
    post = root / rel
    post.write_text(post.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


def reseal(path: Path, data: object) -> None:
    """``data`` written to ``path`` with a digest that fits (as an own cache would be)."""
    payload = json.dumps(data, ensure_ascii=False)
    digest = hashlib.blake2b(payload.encode(), digest_size=32).hexdigest()
    path.write_text(digest + "\n" + payload, encoding="utf-8")


def test_one_changed_post_writes_only_the_recent_file(unit: Path) -> None:
    index_keys(unit)
    main, recent = main_and_recent(unit)
    before = main.stat()
    assert not recent.exists()
    edit(unit, POST, "本周活动照常进行，欢迎社区居民踊跃参加各项志愿服务。")
    assert index_keys(unit) == index_keys(unit, cached=False)
    after = main.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert stat.S_IMODE(recent.stat().st_mode) == 0o600
    data = cache.read_sealed_json(recent.name)
    assert list(data["posts"]) == [POST]
    assert data["over"] == cache.read_sealed_json(main.name)["written"]
    # Read again: the same keys, nothing rewritten when nothing changed.
    stamp = recent.stat().st_mtime_ns
    assert index_keys(unit) == index_keys(unit, cached=False)
    assert recent.stat().st_mtime_ns == stamp


def test_recent_file_is_read_when_trusted(unit: Path) -> None:
    expected, recent, data = planted_recent(unit)
    assert FAKE in index_keys(unit)  # an own, sealed recent file is what the index shows
    reseal(recent, dict(data, over=data["over"] + 1))  # over another main file: void
    assert index_keys(unit) == expected


@pytest.mark.parametrize("tamper", ["digest", "types", "mode", "link", "owner"])
def test_untrusted_recent_file_is_ignored(
    unit: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tamper: str
) -> None:
    expected, recent, data = planted_recent(unit)
    if tamper == "digest":
        text = recent.read_text(encoding="utf-8")
        recent.write_text(text.replace(FAKE, "1" * 24), encoding="utf-8")
    elif tamper == "types":
        data["posts"][POST][0] = str(data["posts"][POST][0])
        reseal(recent, data)
    else:
        untrust(recent, tamper, tmp_path / "planted.json", monkeypatch)
    assert index_keys(unit) == expected


def test_gone_post_or_many_changes_rewrite_the_main_file(
    unit: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(attribution_cache, "RECENT_MAX", 3)
    index_keys(unit)
    main, _ = main_and_recent(unit)
    written = cache.read_sealed_json(main.name)["written"]
    (unit / POST).unlink()
    assert index_keys(unit) == index_keys(unit, cached=False)
    assert cache.read_sealed_json(main.name)["written"] > written
    assert POST not in cache.read_sealed_json(main.name)["posts"]
    written = cache.read_sealed_json(main.name)["written"]
    posts = sorted(unit.glob("content/posts/*/*/*.md"))
    for post in posts[: attribution_cache.RECENT_MAX + 1]:
        edit(unit, post.relative_to(unit).as_posix(), "欢迎社区居民踊跃参加各项志愿服务活动。")
    assert index_keys(unit) == index_keys(unit, cached=False)
    assert cache.read_sealed_json(main.name)["written"] > written
    # Up to RECENT_MAX changed: the main file stays as it is.
    written = cache.read_sealed_json(main.name)["written"]
    for post in posts[:3]:
        edit(unit, post.relative_to(unit).as_posix(), "本周活动照常进行。")
    assert index_keys(unit) == index_keys(unit, cached=False)
    assert cache.read_sealed_json(main.name)["written"] == written


def test_findings_json_is_that_of_json_dumps() -> None:
    texts = ["", "普通文字", 'q"\\/\n\t\x00\x1f\x7f', "\u2028\u2029\ufeff", "😀𝕏", "é\ud800"]
    findings = [
        Finding(
            f"content/posts/{n % 7}.md",
            n % 13 + 1,
            n % 5,
            f"R{n % 4}",
            texts[n % 6] if n % 3 else "",
            "error" if n % 2 else "warning",
            texts[(n + 1) % 6],
            texts[(n + 2) % 6],
            waived=texts[n % 6] if n % 4 == 0 else None,
        )
        for n in range(300)
    ]
    rows = [f.to_json() for f in sorted(findings, key=sort_key)]
    assert format_json(findings) == json.dumps(rows, ensure_ascii=False, indent=2)
    assert format_json([]) == json.dumps([], ensure_ascii=False, indent=2)
    odd = [
        Finding("a.md", True, 1, "R", "", "error", "m"),
        Finding("b.md", 2, 1, "R", "", "error", 3),
    ]  # type: ignore[arg-type]
    assert format_json(odd) == json.dumps([f.to_json() for f in odd], ensure_ascii=False, indent=2)
    assert [sort_key(f) for f in findings[:3]] == [
        (f.path, f.line, f.column, f.rule) for f in findings[:3]
    ]


def test_odd_characters_are_the_negated_class() -> None:
    negated = re.compile(
        "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
    )
    text = "".join(map(chr, range(0x110000)))
    assert [m.start() for m in plain_matter._ODD.finditer(text)] == [
        m.start() for m in negated.finditer(text)
    ]
