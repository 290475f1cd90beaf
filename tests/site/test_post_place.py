"""Where the blog plugin places a post, kept with its facts (hook ``theme/post_facts.py``,
module ``theme/post_place.py``).

With the places warm, a rebuild after a correction, a retraction and a new post equals a
``--full`` build byte for byte, and the file keeps one place a post; a kept place is used
(the control: a sealed, private place moved to another file puts the post there); a place
edited without its seal, one that climbs out of the site and one that is not four strings
are not used, and the build then equals ``--full`` (docs/threat-model.md, "The blog
plugin's kept facts"). A post's configuration made from its facts equals the one the long
way gives, attribute for attribute.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.site.conftest import (
    APP,
    CORRECTED,
    Built,
    assert_same_as_full,
    correct,
    forget_previous_site,
    module_site,
)
from tests.site.kit import publish, retract, theme_hook
from tests.site.test_post_facts import build, facts_file, read

NEW_POST = "content/posts/2026/07/weizhi-huancun-xinwen.md"
NEW_POST_TEXT = """---
title: 位置缓存测试新文章
date: 2026-07-29
author: 王芳 <wangfang@example.gov.cn>
channels: [wechat]
category: 通知公告
---

位置缓存测试新文章的正文。
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    yield from module_site(tmp_path_factory, "post-place")


def sealed(payload: bytes) -> bytes:
    return hashlib.blake2b(payload, digest_size=32).hexdigest().encode("ascii") + b"\n" + payload


def with_place(data: dict[str, object], stem: str, place: object) -> bytes:
    """The facts' JSON with the kept place of the post whose file is ``stem``.md replaced
    (unsealed)."""
    places = data["places"]
    assert isinstance(places, dict)
    found = [key for key, kept in places.items() if kept[0] == f"posts/{stem}.html"]
    assert len(found) == 1
    places[found[0]] = place
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def test_rebuilds_with_kept_places_equal_full_builds(site: Built) -> None:
    build(site.repo.path)
    data = read(facts_file(site))
    places, posts = data["places"], data["posts"]
    assert isinstance(places, dict) and isinstance(posts, dict)
    assert set(places) == set(posts) and len(places) >= 5  # one place a post
    assert all(place[0].startswith("posts/") for place in places.values())

    correct(site, "位置缓存测试：更正。", "2026-07-02T02:00:00Z")
    build(site.repo.path)
    assert_same_as_full(site)

    retract(site.repo, APP, "位置缓存测试撤稿", at="2026-07-03T03:00:00Z")
    build(site.repo.path)
    assert_same_as_full(site)
    assert "本文已撤稿" in site.page(f"posts/{Path(APP).stem}.html")

    site.repo.write(NEW_POST, NEW_POST_TEXT)
    site.repo.commit("Add a post for the place test")
    publish(site.repo, NEW_POST, at="2026-07-29T02:00:00Z", channels=("wechat",))
    build(site.repo.path)
    assert_same_as_full(site)
    assert "位置缓存测试新文章" in site.page(f"posts/{Path(NEW_POST).stem}.html")
    assert len(read(facts_file(site))["places"]) == len(places) + 1  # type: ignore[arg-type]


def test_a_sealed_private_place_is_used(site: Built) -> None:
    """The control: a kept place puts the post where it says (so the refusals below test
    something)."""
    build(site.repo.path)
    path = facts_file(site)
    original = path.read_bytes()
    stem = Path(CORRECTED).stem
    moved = f"posts/{stem}-moved.html"
    data = read(path)
    place = next(p for p in data["places"].values() if p[0] == f"posts/{stem}.html")  # type: ignore[union-attr]
    path.write_bytes(sealed(with_place(data, stem, [moved, moved, *place[2:]])))
    forget_previous_site(site.repo.path)
    build(site.repo.path)
    assert (site.site / moved).is_file()
    assert not (site.site / f"posts/{stem}.html").exists()
    path.write_bytes(original)
    forget_previous_site(site.repo.path)
    build(site.repo.path)
    assert (site.site / f"posts/{stem}.html").is_file()
    assert not (site.site / moved).exists()


@pytest.mark.parametrize("change", ["edited", "climbs", "absolute", "not-four"])
def test_places_that_cannot_be_proved_or_are_not_places_are_not_used(
    site: Built, change: str
) -> None:
    build(site.repo.path)
    path = facts_file(site)
    stem = Path(CORRECTED).stem
    outside = "../outside.html" if change == "climbs" else "/outside.html"
    place: object = [outside, "outside.html", None, None]
    if change == "not-four":
        place = ["posts/x.html", "posts/x.html", None]
    payload = with_place(read(path), stem, place)
    if change == "edited":  # the entry changed, the seal left as it was
        payload = with_place(read(path), stem, ["posts/x.html", "posts/x.html", None, None])
        path.write_bytes(path.read_bytes().partition(b"\n")[0] + b"\n" + payload)
    else:
        path.write_bytes(sealed(payload))
    forget_previous_site(site.repo.path)
    build(site.repo.path)
    assert (site.site / f"posts/{stem}.html").is_file()
    assert not (site.site.parent / "outside.html").exists()
    assert not (site.site / "posts/x.html").exists()
    assert_same_as_full(site)
    kept = read(path)["places"]  # written again with the plugin's place
    assert isinstance(kept, dict)
    assert [f"posts/{stem}.html"] == [p[0] for p in kept.values() if stem in p[0]]


def test_a_post_configuration_from_facts_equals_the_long_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from material.plugins.blog.structure import PostConfig
    from material.plugins.blog.structure.options import DateDict

    place = theme_hook(monkeypatch, "post_place", "gm_post_place")
    when = dt.datetime(2026, 4, 2, 8, 30, tzinfo=dt.UTC)
    meta = {"title": "标题", "date": when, "categories": ["通知公告"], "slug": "a", "x": 1}
    long = PostConfig(str(tmp_path / "a.md"))
    long.load_dict({key: meta[key] for key in set(meta) & set(long.keys())})
    assert not long.validate()[0]
    values = {name: long[name] for name in long}
    values["date"] = DateDict(values["date"])
    made = place.post_config(PostConfig, str(tmp_path / "a.md"), meta, dict(values))
    assert type(made) is PostConfig
    assert vars(made) == vars(long)
    assert dict(made) == dict(long) and made.date.created == when
    assert made.categories == ["通知公告"] and made.slug == "a"
    reordered = dict(reversed(values.items()))  # not the schema's order: the long way
    other = place.post_config(PostConfig, str(tmp_path / "a.md"), meta, reordered)
    assert dict(other) == dict(long)


def test_a_kept_place_is_usable_only_as_four_strings_inside_the_site() -> None:
    import importlib.util

    from pipeline.site import theme

    spec = importlib.util.spec_from_file_location("gm_place", theme.THEME_DIR / "post_place.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.usable(["posts/a.html", "posts/a.html", "http://h/posts/a.html", "/posts/a.html"])
    assert module.usable(["posts/a.html", "posts/a.html", None, None])
    for bad in (
        ["../a.html", "a.html", None, None],
        ["posts/../../a.html", "a.html", None, None],
        ["/etc/a.html", "a.html", None, None],
        ["posts\\..\\a.html", "a.html", None, None],
        ["", "", None, None],
        ["posts/a.html", 3, None, None],
        ["posts/a.html", "posts/a.html", 1, None],
        ["posts/a.html", "posts/a.html", None],
        {"dest": "posts/a.html"},
    ):
        assert not module.usable(bad), bad
