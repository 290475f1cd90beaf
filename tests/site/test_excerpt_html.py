"""An excerpt's rendered HTML is kept with its entry (``theme/excerpt_html.py``): a view
built again (a new post shifts every page of the home and category lists) writes the kept
HTML of the excerpts it showed before instead of rendering ``partials/post.html`` again,
with the same bytes; kept HTML whose inputs changed is not used."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import jinja2
import pytest

from pipeline.site.theme import THEME_DIR
from tests.site.conftest import (
    Built,
    assert_same_as_full,
    build_cli,
    forget_previous_site,
    module_site,
)
from tests.site.test_view_search import entries

material = pytest.importorskip("material")

INCLUDE = '{% include "partials/post.html" %}'
MARK = "摘要片段取自缓存"
PARTIAL = '<article id="{{ post.id }}">\n  {{ post.title }} · {{ site }}\n</article>\n'


class Excerpt:
    def __init__(self, ident: str, title: str) -> None:
        self.id, self.title = ident, title


def loops() -> tuple[str, str]:
    """The excerpt loop of mkdocs-material's ``blog.html`` and of the theme's override."""
    ours = (THEME_DIR / "overrides/blog.html").read_text(encoding="utf-8")
    theirs = (Path(material.__file__).parent / "templates/blog.html").read_text(encoding="utf-8")

    def loop(text: str) -> str:
        start = text.index("{% for post in posts %}")
        return text[start : text.index("{% endfor %}", start) + len("{% endfor %}")]

    return loop(theirs), loop(ours)


def test_the_override_is_materials_template_but_for_the_excerpt() -> None:
    ours = (THEME_DIR / "overrides/blog.html").read_text(encoding="utf-8")
    theirs = (Path(material.__file__).parent / "templates/blog.html").read_text(encoding="utf-8")
    theirs_loop, ours_loop = loops()
    assert theirs_loop.count(INCLUDE) == 1 and INCLUDE in ours_loop
    body = lambda text: text[text.index("{% extends") :]  # noqa: E731 - after the comment
    assert body(ours) == body(theirs).replace(theirs_loop, ours_loop)


def render(loop: str, posts: list[Excerpt]) -> str:
    pages = {"page.html": "<main>\n" + loop + "\n</main>", "partials/post.html": PARTIAL}
    env = jinja2.Environment(loader=jinja2.DictLoader(pages))
    return env.get_template("page.html").render(posts=posts, site="档案")


def test_the_loop_writes_what_the_include_writes_and_keeps_it() -> None:
    theirs, ours = loops()
    posts = [Excerpt("a", "甲"), Excerpt("b", "乙 & <丙>"), Excerpt("c", "丁")]
    expected = render(theirs, posts)
    assert render(ours, posts) == expected  # nothing kept, no keeper: the include as before
    kept: list[str] = []
    for post in posts:
        post.gm_html, post.gm_keep = None, lambda html: kept.append(html) or ""  # type: ignore[attr-defined]
    assert render(ours, posts) == expected
    assert len(kept) == 3 and all(html in expected and "档案" in html for html in kept)
    for post, html in zip(posts, kept, strict=True):  # every excerpt kept: none rendered
        post.gm_html, post.gm_keep = html, None  # type: ignore[attr-defined]
    assert render(ours.replace(INCLUDE, "{{ fail() }}"), posts) == expected  # none rendered


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    yield from module_site(tmp_path_factory, "excerpt-html")


def rebuild_views(repo: Path) -> None:
    """Drop every stored view so that the next build renders every view again."""
    for path, entry in entries(repo).items():
        if "skey" in entry:
            path.unlink()
    forget_previous_site(repo)  # through mkdocs, not the previous site's files
    result = build_cli(repo)
    assert result.returncode == 0, result.stderr + result.stdout


def html_pages(site: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))


def test_a_view_built_again_writes_the_kept_html_of_its_excerpts(site: Built) -> None:
    repo = site.repo.path
    kept = {p: e for p, e in entries(repo).items() if "html" in e}
    assert kept and all(isinstance(e["hkey"], str) for e in kept.values())
    path, entry = next(iter(kept.items()))
    original = path.read_text(encoding="utf-8")
    assert str(entry["html"]) in html_pages(site.site)

    # Marked kept HTML reaches the page: it was written, not rendered again.
    marked = str(entry["html"]).replace("</article>", f"{MARK}</article>", 1)
    path.write_text(json.dumps(dict(entry, html=marked), ensure_ascii=False), encoding="utf-8")
    rebuild_views(repo)
    assert MARK in html_pages(site.site)

    # Kept under another hash (its post's date, categories or text changed): not used,
    # rendered again and kept anew.
    wrong = dict(entry, html=marked, hkey="0" * 64)
    path.write_text(json.dumps(wrong, ensure_ascii=False), encoding="utf-8")
    rebuild_views(repo)
    assert MARK not in html_pages(site.site)
    again = json.loads(path.read_text(encoding="utf-8"))
    assert again["hkey"] == entry["hkey"] and again["html"] == entry["html"]

    # The honest entry: the same site as a full build's, byte for byte.
    path.write_text(original, encoding="utf-8")
    rebuild_views(repo)
    assert_same_as_full(site)
