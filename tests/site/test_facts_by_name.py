"""A post's facts and a version's waivers are kept under the blob's name (git's hash of its
bytes), so a build with a store reads no unchanged blob; it still leaves out a version git
no longer has, as a build without a store does (``git_blobs.present``). Real git objects in
a repository made here."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from pipeline import git, git_blobs
from pipeline.governance import post_brief
from pipeline.ledger import Record
from pipeline.site import archive
from pipeline.site.body_store import BodyStore

POST = """---
title: 供暖期延长通知
date: 2026-03-02
author: 王芳 <wangfang@example.gov.cn>
channels: [wechat]
category: 通知公告
waivers:
  - rule: A9-07
    reason: 通知原文如此
---

今年供暖期延长。
"""


def _repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    subprocess.run(["git", "init", "-q", root], check=True)
    return root


def _blob(root: Path, text: str) -> str:
    done = subprocess.run(
        ["git", "hash-object", "-w", "--stdin"],
        cwd=root,
        input=text.encode(),
        capture_output=True,
        check=True,
    )
    return done.stdout.decode().strip()


def _drop(root: Path, blob: str) -> None:
    """Remove a loose object: git no longer has that blob."""
    (root / ".git/objects" / blob[:2] / blob[2:]).unlink()


def _record(slug: str, path: str, blob: str) -> Record:
    return Record(
        event="published",
        slug=slug,
        path=path,
        blob=blob,
        commit="c" * 40,
        channel="wechat",
        at="2026-03-02T02:00:00Z",
    )


def _store(tmp_path: Path, name: str = "store") -> BodyStore:
    folder = tmp_path / name
    folder.mkdir(mode=0o700, exist_ok=True)
    return BodyStore(folder)


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The blobs read from git (``git.cat_blobs``)."""
    names: list[str] = []
    read = git.cat_blobs

    def counted(blobs: list[str], *, cwd: Path) -> dict[str, bytes]:
        names.extend(blobs)
        return read(blobs, cwd=cwd)

    monkeypatch.setattr(git, "cat_blobs", counted)
    return names


def test_kept_facts_are_used_without_reading_the_blob(tmp_path, asked):
    root = _repo(tmp_path)
    one, two = _blob(root, POST), _blob(root, POST.replace("供暖", "供水"))
    latest = {
        "a": _record("a", "content/posts/2026/03/a.md", one),
        "b": _record("b", "content/posts/2026/03/b.md", two),
    }
    plain, _ = archive.latest_facts(root, latest, None)
    store = _store(tmp_path)
    assert archive.latest_facts(root, latest, store)[0] == plain
    assert sorted(asked) == sorted([one, two, one, two])
    store.save()
    asked.clear()
    warm = _store(tmp_path)
    assert archive.latest_facts(root, latest, warm)[0] == plain
    assert asked == [] and warm.parsed == 0
    # the control: another path is another key, read and parsed
    moved = {"a": _record("a", "content/posts/2026/03/moved.md", one)}
    assert archive.latest_facts(root, moved, warm)[0]["a"] == plain["a"]
    assert asked == [one] and warm.parsed == 1


def test_a_kept_post_whose_blob_git_no_longer_has_is_left_out(tmp_path, asked):
    root = _repo(tmp_path)
    one, two = _blob(root, POST), _blob(root, POST.replace("供暖", "供水"))
    latest = {
        "a": _record("a", "content/posts/2026/03/a.md", one),
        "b": _record("b", "content/posts/2026/03/b.md", two),
    }
    store = _store(tmp_path)
    archive.latest_facts(root, latest, store)
    store.save()
    _drop(root, two)
    plain, _ = archive.latest_facts(root, latest, None)
    assert isinstance(plain["a"], archive.PostFacts)
    assert plain["b"] == f"b：仓库中找不到已发布版本 {two[:12]}。"
    assert archive.latest_facts(root, latest, _store(tmp_path))[0] == plain


def test_a_name_that_is_not_a_full_blob_name_is_not_taken_as_present(tmp_path):
    root = _repo(tmp_path)
    blob = _blob(root, POST)
    tree = subprocess.run(
        ["git", "mktree"], cwd=root, input=b"", capture_output=True, check=True
    ).stdout.decode()
    assert git_blobs.present(root, [blob, blob[:12], tree.strip(), "HEAD", "0" * 40]) == {blob}
    (tmp_path / "not-a-repo").mkdir()  # git fails there: nothing is taken as present
    assert git_blobs.present(tmp_path / "not-a-repo", [blob]) == set()


def test_kept_waivers_are_used_while_git_has_the_version(tmp_path, asked):
    root = _repo(tmp_path)
    good, bad = _blob(root, POST), _blob(root, "no front matter")
    versions = [("content/posts/2026/03/a.md", good), ("content/posts/2026/03/b.md", bad)]
    plain = post_brief.version_waivers(root, versions)
    assert plain[versions[1]] is None and [w.rule for w in plain[versions[0]] or ()] == ["A9-07"]
    store = _store(tmp_path)
    assert post_brief.version_waivers(root, versions, store) == plain
    store.save()
    asked.clear()
    assert post_brief.version_waivers(root, versions, _store(tmp_path)) == plain
    assert asked == []
    _drop(root, good)  # git no longer has it: left out, as without a store
    assert post_brief.version_waivers(root, versions, _store(tmp_path)) == {versions[1]: None}
    assert post_brief.version_waivers(root, versions) == {versions[1]: None}


def test_a_kept_waiver_entry_of_another_shape_is_read_again(tmp_path, asked):
    root = _repo(tmp_path)
    good = _blob(root, POST)
    versions = [("content/posts/2026/03/a.md", good)]
    plain = post_brief.version_waivers(root, versions)
    store = _store(tmp_path)
    post_brief.version_waivers(root, versions, store)
    key = next(iter(store.used_kept))
    spoiled = _store(tmp_path, "spoiled")
    spoiled.stored_kept = {key: '[["A9-07", "改过", "1"]]'}
    asked.clear()
    assert post_brief.version_waivers(root, versions, spoiled) == plain
    assert asked == [good] and spoiled.used_kept == store.used_kept
