"""A retraction's rebuild over its changed pages (``pipeline/site/partial.py``, hooks
``theme/frames.py`` and ``theme/shown_views.py``): every post is given to the blog plugin,
only the retracted post's page, the views that show it, the tags list and the pages a
correction changes are built, and the site equals ``govmedia build --full`` byte for byte:
at two sizes (one and three home pages), on another day, for the newest and the oldest
post, a post alone in its month, year and category, and a correction after it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.ledger import Ledger, Record
from pipeline.site import carry, partial
from tests.conftest import isolated_git_module
from tests.security.ledger_support import publisher_commit
from tests.site.conftest import Built, build_cli, make_site
from tests.site.kit import PLATFORMS, retract, review
from tests.site.test_partial import changed_pages, rebuilt

CATEGORIES = ("通知公告", "政策解读")
LONE = "content/posts/2025/06/extra-lone.md"  # alone in its month, year and category
OLDEST = "content/posts/2025/01/extra-oldest.md"


def post_text(title: str, date: dt.date, category: str, tag: str) -> str:
    return (
        f"---\ntitle: {title}\ndate: {date.isoformat()}\n"
        "author: 王芳 <wangfang@example.gov.cn>\nchannels: [wechat]\n"
        f"category: {category}\ntags: [{tag}]\noriginal: true\n"
        f"digest: {title}的摘要，说明办理事项的时间和地点。\n---\n\n"
        f"{title}的正文：办理时间为工作日上午九时至下午五时。\n\n## 办理地点\n\n"
        "政务服务大厅一楼综合窗口。\n"
    )


def extra_posts(count: int) -> dict[str, str]:
    """``count`` posts after the sample ones (2026-06 on), the oldest and the lone one."""
    posts = {
        OLDEST: post_text("最早的通知", dt.date(2025, 1, 5), "通知公告", "最早"),
        LONE: post_text("人事任免公示", dt.date(2025, 6, 15), "人事任免", "任免"),
    }
    for n in range(count):
        date = dt.date(2026, 6, 1) + dt.timedelta(days=n)
        rel = f"content/posts/{date:%Y/%m}/extra-{n:03d}.md"
        posts[rel] = post_text(f"第{n}号通知", date, CATEGORIES[n % 2], f"标签{n % 3}")
    return posts


def publish_all(site: Built, posts: dict[str, str]) -> None:
    """Commit the posts and append their ``published`` records, one publisher commit."""
    repo = site.repo
    for rel, text in posts.items():
        repo.write(rel, text)
    repo.commit("More posts")
    commit, ledger = repo.head(), Ledger(repo.path / "ledger")
    for rel in posts:
        blob, slug = repo.git("rev-parse", f"HEAD:{rel}").strip(), Path(rel).stem
        at = f"{posts[rel].split('date: ')[1][:10]}T02:00:00Z"
        ledger.append(
            Record(
                event="published",
                slug=slug,
                channel="wechat",
                at=at,
                run="test-run",
                path=rel,
                blob=blob,
                commit=commit,
                platform=PLATFORMS["wechat"],
                platform_id=f"wechat-{slug}",
                url=f"https://wechat.example.com/p/{slug}",
                detail={"review": review(commit, at), "title": slug},
            )
        )
    publisher_commit(repo, "Ledger: publish more posts")


@pytest.fixture(scope="module", params=[25, 50], ids=["25-more", "50-more"])
def site(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[Built]:
    with isolated_git_module(tmp_path_factory, "retract-home") as (mp, _):
        mp.setenv("SOURCE_DATE_EPOCH", "1795000000")
        built = make_site(tmp_path_factory.mktemp("retract"))
        publish_all(built, extra_posts(request.param))
        build(built)  # every view's frame, with its posts' excerpts
        yield built


def build(site: Built) -> str:
    result = build_cli(site.repo.path)
    assert result.returncode == 0, result.stderr + result.stdout
    return result.stderr + result.stdout


def retracted_alone(site: Built, path: str, at: str) -> set[str]:
    """Retract ``path``, rebuild over the changed pages, check the site against a full
    build; the pages whose bytes changed."""
    run = rebuilt(site, lambda: retract(site.repo, path, "测试撤稿", at=at), True)
    page = f"posts/{Path(path).stem}.html"
    assert "本文已撤稿" in site.page(page)
    assert set(run.after) == set(run.before)
    changed = changed_pages(run)
    assert {n for n in changed if n.startswith("posts/")} == {page}
    return changed


def newest(site: Built) -> str:
    return (
        max(
            (p for p in (site.repo.path / "content/posts/2026").rglob("extra-*.md")),
            key=lambda p: p.stem,
        )
        .relative_to(site.repo.path)
        .as_posix()
    )


def test_a_retraction_in_the_middle_on_another_day(
    site: Built, monkeypatch: pytest.MonkeyPatch
) -> None:
    middle = "content/posts/2026/06/extra-007.md"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795200000")  # two days later
    changed = retracted_alone(site, middle, "2026-11-10T03:00:00Z")
    assert {"index.html", "tags.html"} <= changed
    assert any(n.startswith("archive/2026/06") for n in changed)  # its page of the month
    assert "<lastmod>2026-11-20</lastmod>" in site.page("sitemap.xml")


def test_a_retraction_of_the_newest_post(site: Built) -> None:
    changed = retracted_alone(site, newest(site), "2026-11-11T03:00:00Z")
    assert "index.html" in changed


def test_a_retraction_of_the_oldest_post(site: Built) -> None:
    changed = retracted_alone(site, OLDEST, "2026-11-12T03:00:00Z")
    assert "archive/2025/01.html" in changed


def test_a_retraction_of_a_post_alone_in_its_month_and_category(site: Built) -> None:
    changed = retracted_alone(site, LONE, "2026-11-13T03:00:00Z")
    assert {"archive/2025/06.html", "category/人事任免.html"} <= changed


def test_a_correction_after_a_retraction_builds_its_page_alone(site: Built) -> None:
    retracted_alone(site, "content/posts/2026/06/extra-003.md", "2026-11-14T03:00:00Z")
    path = "content/posts/2026/06/extra-011.md"
    repo = site.repo

    def correct() -> None:
        old = repo.git("rev-parse", f"HEAD:{path}").strip()
        repo.write(path, (repo.path / path).read_text(encoding="utf-8") + "\n更正：地点有变。\n")
        repo.commit("Correct a post")
        at = "2026-11-15T02:00:00Z"
        ledger = Ledger(repo.path / "ledger")
        commit, blob = repo.head(), repo.git("rev-parse", f"HEAD:{path}").strip()
        ledger.append(
            Record(
                event="published",
                slug="extra-011",
                channel="wechat",
                at=at,
                run="test-run",
                path=path,
                blob=blob,
                commit=commit,
                platform="wechat",
                platform_id="wechat-extra-011",
                url="https://wechat.example.com/p/extra-011",
                detail={"review": review(commit, at), "title": "x", "correction_of": old},
            )
        )
        publisher_commit(repo, "Ledger: correct extra-011")

    rebuilt(site, correct, True)
    assert "地点有变" in site.page("posts/extra-011.html")


def sealed(frames: dict[str, str], docs: dict[str, str], files: dict[str, str]) -> carry.Sealed:
    return carry.Sealed(files=files, docs=docs, build="b", frames=frames)


def test_one_posts_markdown_and_its_images_are_a_retraction_and_two_are_not() -> None:
    docs = {"posts/a.md": "1", "posts/b.md": "2", "index.md": "3", "media/x.png": "4"}
    before = sealed({"posts/a.html": "f"}, docs, {"media/x.png": "4"})
    now = {"posts/a.md": "9", "posts/b.md": "2", "index.md": "8"}
    change = partial.changes(before, now)
    assert change == partial.Change(
        pages=["index.md", "posts/a.md"],
        static=[],
        edited=["posts/a.md"],
        removed=["media/x.png"],
    )
    assert partial.changes(before, dict(now, **{"posts/b.md": "9"})) is None  # two posts
    gone = {k: v for k, v in docs.items() if k != "media/x.png"}
    assert partial.changes(before, gone) is None  # an image gone, no post changed
    other = sealed({"posts/a.html": "f"}, docs, {"media/x.png": "altered"})
    assert partial.changes(other, now) is None  # the site's copy is not the docs' one
    assert partial.changes(before, dict(now, **{"index.md": "3", "more.md": "1"})) is None


def view(frame: str, posts: list[list[str]]) -> str:
    import json

    return json.dumps([frame, posts])


def test_a_view_is_taken_only_as_recorded_but_for_the_edited_posts_excerpts() -> None:
    recorded = view("f", [["posts/a.md", "1"], ["posts/b.md", "2"]])
    edited = {"posts/a.md"}
    assert partial.same_view(
        recorded, view("f", [["posts/a.md", "9"], ["posts/b.md", "2"]]), edited
    )
    for found in (
        view("g", [["posts/a.md", "9"], ["posts/b.md", "2"]]),  # another frame
        view("f", [["posts/a.md", "9"], ["posts/b.md", "3"]]),  # another excerpt changed
        view("f", [["posts/b.md", "2"], ["posts/a.md", "9"]]),  # another order
        view("f", [["posts/a.md", "9"]]),  # a post missing
        "f",  # not a view's frame
    ):
        assert not partial.same_view(recorded, found, edited)


def test_every_view_that_showed_the_post_must_be_built_again(tmp_path: Path) -> None:
    import json

    frames = {
        "index.html": view("f", [["posts/a.md", "1"]]),
        "archive/2026/06.html": view("m", [["posts/a.md", "1"]]),
        "posts/a.html": "p",
    }
    before = sealed(frames, {}, {})
    report = {"build": "b", "date": "2026-11-16", "problems": []}
    report["pages"] = {
        "posts/a.md": ["posts/a.html", "p"],
        "index.md": ["index.html", view("f", [["posts/a.md", "2"]])],
    }
    (tmp_path / partial.REPORT).write_text(json.dumps(report), encoding="utf-8")
    assert partial._report(tmp_path, before, ["posts/a.md"], ["posts/a.md"]) is None
    report["pages"]["archive/2026/06.md"] = [
        "archive/2026/06.html",
        view("m", [["posts/a.md", "2"]]),
    ]
    (tmp_path / partial.REPORT).write_text(json.dumps(report), encoding="utf-8")
    report["neighbours"] = {"posts/b.html": "n", "posts/elsewhere.html": "x"}
    (tmp_path / partial.REPORT).write_text(json.dumps(report), encoding="utf-8")
    frames["posts/b.html"] = "old"
    taken = partial._report(tmp_path, before, ["posts/a.md"], ["posts/a.md"])
    assert taken is not None and taken.pages["archive/2026/06.md"][0] == "archive/2026/06.html"
    assert taken.neighbours == {"posts/b.html": "n"}  # only pages the site has
    assert partial._report(tmp_path, before, ["posts/a.md"]) is None  # views without a post
