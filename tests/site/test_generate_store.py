"""What page generation keeps between builds, without building a site: the facts of a parsed
post (``archive.PostFacts``) as the body store holds them, and ``build/docs`` rewritten only
where a file's bytes changed (``replace.sync_dir``)."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path

import pytest

from pipeline.content import parse_post
from pipeline.content.model import Source
from pipeline.site import carry
from pipeline.site.archive import PostFacts
from pipeline.site.body_store import BodyStore, blob_key
from pipeline.site.replace import held_hash, sync_dir

POST = """---
title: 供暖期延长通知
date: 2026-03-02
author: 王芳 <wangfang@example.gov.cn>
channels: [wechat]
category: 通知公告
tags: [供暖, 民生]
digest: 供暖期延长至四月十日。
---

今年供暖期延长。

![示意图](../../media/map.png)
"""


def test_facts_of_a_parsed_post_come_back_from_the_store_as_they_were(tmp_path: Path) -> None:
    rel = "content/posts/2026/03/gongnuan-yanchang.md"
    post = parse_post(rel, POST.encode()).post
    assert post is not None
    facts = PostFacts.of(post)
    assert facts.tags == ("供暖", "民生") and facts.digest == "供暖期延长至四月十日。"
    assert [r.src for r in facts.images] == ["../../media/map.png"]
    assert PostFacts.from_json(facts.to_json()) == facts
    repost = PostFacts("t", dt.date(2026, 1, 2), "b", original=False, source=Source("a", "u", "t"))
    assert PostFacts.from_json(repost.to_json()) == repost

    folder = tmp_path / "store"
    folder.mkdir(mode=0o700)
    store = BodyStore(folder)
    blob, other = "a" * 40, "b" * 40
    assert store.facts(rel, blob) is None
    store.keep_facts(rel, blob, facts)
    store.save()
    again = BodyStore(folder)
    assert again.facts(rel, blob) == facts
    assert again.facts(rel, other) is None  # another blob: parsed again
    assert again.facts("content/posts/2026/03/other.md", blob) is None
    assert blob_key(rel, "x") != blob_key(rel + "x", "")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "[]",
        '["t", "2026-01-02", "b", "", [], true, null, ""]',  # a field missing
        '["t", "2026-13-02", "b", "", [], true, null, "", []]',
        '["t", "2026-01-02", 3, "", [], true, null, "", []]',
        '["t", "2026-01-02", "b", "", [1], true, null, "", []]',
        '["t", "2026-01-02", "b", "", [], "yes", null, "", []]',
        '["t", "2026-01-02", "b", "", [], true, ["a", "u"], "", []]',
        '["t", "2026-01-02", "b", "", [], true, null, "", [["s", "p", "1", "body", ""]]]',
        '["t", "2026-01-02", "b", "", [], true, null, "", [["s", "p", 1, "body"]]]',
    ],
)
def test_facts_that_are_not_such_a_record_are_not_used(text: str) -> None:
    assert PostFacts.from_json(text) is None


def write(folder: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")


def test_sync_dir_writes_only_changed_files_and_removes_the_rest(tmp_path: Path) -> None:
    target, new = tmp_path / "docs", tmp_path / "new"
    write(target, {"posts/same.md": "同", "posts/changed.md": "旧", "posts/gone.md": "删"})
    write(target, {"old/x.md": "x"})
    (tmp_path / "outside.md").write_text("外", encoding="utf-8")
    (target / "posts/link.md").symlink_to(tmp_path / "outside.md")
    same = (target / "posts/same.md").stat()
    write(new, {"posts/same.md": "同", "posts/changed.md": "新", "posts/link.md": "生成"})
    write(new, {"added/y.md": "y"})

    assert sync_dir(new, target) == 3
    found = {p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()}
    assert found == {"posts/same.md", "posts/changed.md", "posts/link.md", "added/y.md"}
    assert not (target / "old").exists() and not new.exists()
    assert (target / "posts/changed.md").read_text(encoding="utf-8") == "新"
    assert not (target / "posts/link.md").is_symlink()
    assert (tmp_path / "outside.md").read_text(encoding="utf-8") == "外"
    kept = (target / "posts/same.md").stat()
    assert (kept.st_ino, kept.st_mtime_ns) == (same.st_ino, same.st_mtime_ns)


def test_sync_dir_replaces_a_target_that_is_not_a_folder(tmp_path: Path) -> None:
    new, target = tmp_path / "new", tmp_path / "docs"
    new.mkdir()
    (new / "a.md").write_text("a", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    target.symlink_to(elsewhere)
    assert sync_dir(new, target) == 1
    assert not target.is_symlink() and (target / "a.md").is_file()
    assert os.listdir(elsewhere) == []


def test_docs_hashes_take_what_generation_vouched_for_only_while_the_file_is_the_same(
    tmp_path: Path,
) -> None:
    """``carry.hashes`` does not read a file the generation vouched for while it is the same
    file (device, inode), size and time; a file changed in place or replaced is read."""
    folder = tmp_path / "docs"
    (folder / "posts").mkdir(parents=True)
    page, other = folder / "posts" / "a.md", folder / "b.md"
    page.write_text("甲", encoding="utf-8")
    other.write_text("乙", encoding="utf-8")
    info = os.lstat(page)
    vouched = {"posts/a.md": ("f" * 64, info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)}
    # the control: the vouched hash is taken as it is (a wrong one shows it was not read)
    assert carry.hashes(folder, vouched) == {"posts/a.md": "f" * 64, "b.md": carry.sha(other)}
    os.utime(page, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000))
    assert carry.hashes(folder, vouched)["posts/a.md"] == carry.sha(page)
    replaced = tmp_path / "n.md"
    replaced.write_text("丙", encoding="utf-8")
    os.utime(replaced, ns=(info.st_atime_ns, info.st_mtime_ns))
    os.replace(replaced, page)
    assert os.lstat(page).st_size == info.st_size
    assert carry.hashes(folder, vouched)["posts/a.md"] == carry.sha(page)
    assert carry.hashes(folder) == carry.hashes(folder, {})


def test_a_previous_page_file_is_taken_only_as_a_plain_file_with_the_kept_hash(
    tmp_path: Path,
) -> None:
    """``held_hash``: the status of a regular file holding the hash; None for another hash,
    a symlink to such a file, a pipe (never waited on) or a missing file."""
    page = tmp_path / "a.md"
    page.write_bytes("甲乙".encode() * 5000)
    sha = hashlib.sha256(page.read_bytes()).hexdigest()
    info = held_hash(page, sha)
    assert info is not None and info.st_ino == os.lstat(page).st_ino
    assert held_hash(page, "0" * 64) is None
    (tmp_path / "link.md").symlink_to(page)
    assert held_hash(tmp_path / "link.md", sha) is None
    os.mkfifo(tmp_path / "pipe.md")
    assert held_hash(tmp_path / "pipe.md", sha) is None
    assert held_hash(tmp_path / "gone.md", sha) is None
