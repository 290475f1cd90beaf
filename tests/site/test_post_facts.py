"""The blog plugin's posts made from kept facts (hook ``theme/post_facts.py``).

With the facts warm, a rebuild after a correction, a retraction and a new post equals a
``--full`` build byte for byte; the facts are used (a sealed, private entry whose title was
changed shows on the page: the control that the others test something); an entry edited
without its seal, a file others can write and a file of another user are not read, and
the build then equals ``--full`` (docs/threat-model.md, "The blog plugin's kept facts").
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.project import Project
from pipeline.site.build import page_cache
from tests.site.conftest import (
    APP,
    CORRECTED,
    Built,
    assert_same_as_full,
    build_cli,
    correct,
    forget_previous_site,
    module_site,
)
from tests.site.kit import publish, retract

FAKE = "事实缓存篡改标题"
NEW_POST = "content/posts/2026/05/houshi-huancun-xinwen.md"
NEW_POST_TEXT = """---
title: 事实缓存测试新文章
date: 2026-05-29
author: 王芳 <wangfang@example.gov.cn>
channels: [wechat]
category: 通知公告
---

事实缓存测试新文章的正文。
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    yield from module_site(tmp_path_factory, "post-facts")


def build(repo: Path) -> None:
    result = build_cli(repo)
    assert result.returncode == 0, result.stderr + result.stdout


def facts_file(site: Built) -> Path:
    return page_cache(Project(site.repo.path)) / "post-facts.sealed"


def read(path: Path) -> dict[str, object]:
    seal, _, payload = path.read_bytes().partition(b"\n")
    assert seal == hashlib.blake2b(payload, digest_size=32).hexdigest().encode("ascii")
    data = json.loads(payload)
    assert isinstance(data, dict)
    return data


def with_title(data: dict[str, object], slug: str, title: str) -> bytes:
    """The facts' JSON with the title of post ``slug`` changed (unsealed)."""
    posts = data["posts"]
    assert isinstance(posts, dict)
    found = [facts for facts in posts.values() if facts[1].get("slug") == slug]
    assert len(found) == 1
    found[0][1]["title"] = title
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def sealed(payload: bytes) -> bytes:
    return hashlib.blake2b(payload, digest_size=32).hexdigest().encode("ascii") + b"\n" + payload


def test_rebuilds_with_kept_facts_equal_full_builds(site: Built) -> None:
    build(site.repo.path)
    path = facts_file(site)
    data = read(path)
    posts = data["posts"]
    assert isinstance(posts, dict) and len(posts) >= 5  # one entry a post of the site
    assert path.stat().st_mode & 0o077 == 0
    assert data["dates"]  # Babel's strings for the posts' paths and month lists

    correct(site, "事实缓存测试：更正。", "2026-06-02T02:00:00Z")
    build(site.repo.path)
    assert_same_as_full(site)
    assert "事实缓存测试：更正" in site.page(f"posts/{Path(CORRECTED).stem}.html")

    retract(site.repo, APP, "事实缓存测试撤稿", at="2026-06-03T03:00:00Z")
    build(site.repo.path)
    assert_same_as_full(site)
    assert "本文已撤稿" in site.page(f"posts/{Path(APP).stem}.html")

    site.repo.write(NEW_POST, NEW_POST_TEXT)
    site.repo.commit("Add a post for the facts test")
    publish(site.repo, NEW_POST, at="2026-05-29T02:00:00Z", channels=("wechat",))
    build(site.repo.path)
    assert_same_as_full(site)
    assert "事实缓存测试新文章" in site.page(f"posts/{Path(NEW_POST).stem}.html")
    assert len(read(path)["posts"]) == len(posts) + 1  # type: ignore[arg-type]


def test_sealed_private_facts_are_used(site: Built) -> None:
    """The control: a kept fact reaches the page (so the refusals below test something)."""
    build(site.repo.path)
    path = facts_file(site)
    original = path.read_bytes()
    path.write_bytes(sealed(with_title(read(path), Path(CORRECTED).stem, FAKE)))
    forget_previous_site(site.repo.path)
    build(site.repo.path)
    assert FAKE in site.page(f"posts/{Path(CORRECTED).stem}.html")
    path.write_bytes(original)
    forget_previous_site(site.repo.path)
    build(site.repo.path)
    assert FAKE not in site.page(f"posts/{Path(CORRECTED).stem}.html")


@pytest.mark.parametrize("change", ["edited", "writable", "foreign"])
def test_facts_that_cannot_be_proved_are_not_used(site: Built, change: str) -> None:
    build(site.repo.path)
    path = facts_file(site)
    payload = with_title(read(path), Path(CORRECTED).stem, FAKE)
    if change == "edited":  # the entry changed, the seal left as it was
        seal = path.read_bytes().partition(b"\n")[0]
        path.write_bytes(seal + b"\n" + payload)
    else:
        path.write_bytes(sealed(payload))
        if change == "writable":
            path.chmod(0o666)
        else:
            if os.geteuid() != 0:
                pytest.skip("giving a file to another user needs root")
            os.chown(path, 4321, 4321)
    forget_previous_site(site.repo.path)
    build(site.repo.path)
    assert FAKE not in site.page(f"posts/{Path(CORRECTED).stem}.html")
    assert_same_as_full(site)
    info = path.stat()  # written again, by this user, private
    assert info.st_uid == os.geteuid() and info.st_mode & 0o077 == 0
    assert FAKE not in path.read_text(encoding="utf-8")


def test_a_post_is_read_as_the_plugin_reads_it_and_kept_only_when_json_gives_it_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt

    from tests.site.kit import theme_hook

    hook = theme_hook(monkeypatch, "post_facts", "gm_post_facts")
    for data in (b"\xef\xbb\xbf---\r\ntitle: a\r\n---\r\nx\ry\n", b"---\ntitle: b\n---\n\nz\n"):
        path = tmp_path / "post.md"
        path.write_bytes(data)
        with open(path, encoding="utf-8-sig") as stream:  # as the plugin's Post reads it
            assert hook._text(data) == stream.read()

    when = dt.datetime(2026, 4, 2, 8, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    meta = {"title": "标题", "date": {"created": when}, "day": dt.date(2026, 4, 2), "n": 1.5}
    kept = hook._kept(meta, {"date": {"created": when}, "slug": None}, 42)
    assert kept is not None
    assert repr(hook._decode(json.loads(json.dumps(kept)))) == repr(
        [42, meta, {"date": {"created": when}, "slug": None}]
    )
    assert hook._kept({"tags": {"a", "b"}}, {}, 0) is None  # a set: JSON gives a list back
    assert hook._kept({1: "x"}, {}, 0) is None  # a key that is not a string
    assert hook._kept({"\x00datetime": "x"}, {}, 0) is None  # the tag of a date
