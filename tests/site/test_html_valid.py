"""The archive's markup: the Nu HTML Checker (vnu, npm package vnu-jar on Debian's Java)
over a sample of pages, with no error from the project's own markup (the theme's leftovers
are listed with their reasons in ``tests/site/data/vnu_leftovers.yml``), and the GB/T 37668
structure of every page: language, unique ids, heading levels, titles, named links."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from pipeline import proc
from tests.site.chromium import VNU
from tests.site.conftest import APP, CORRECTED, EVIL, REPOST, RETRACTED, Built

LEFTOVERS = Path(__file__).parent / "data" / "vnu_leftovers.yml"
SAMPLE = (
    "index.html",
    "accounts.html",
    "tags.html",
    "retractions.html",
    "feeds.html",
    "more.html",
    "404.html",
    "archive/index.html",
    "archive/2026/03.html",
    "category/通知公告.html",
    "governance/index.html",
)


def sample(site: Path) -> list[Path]:
    posts = [f"posts/{Path(p).stem}.html" for p in (APP, REPOST, RETRACTED, CORRECTED, EVIL)]
    governance = sorted(p.relative_to(site).as_posix() for p in site.glob("governance/*-*.html"))
    pages = [site / rel for rel in (*SAMPLE, *posts, *governance)]
    missing = [p.name for p in pages if not p.is_file()]
    assert not missing, f"站点缺少页面：{missing}"
    return pages


def run_vnu(pages: list[Path]) -> list[dict[str, Any]]:
    java = shutil.which("java")
    assert java is not None
    _, out, err = proc.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, pages)],
        check=False,
        timeout=600,
    )
    report = json.loads((err or out).decode("utf-8"))
    messages: list[dict[str, Any]] = report["messages"]
    return [m for m in messages if m.get("type") in ("error", "non-document-error")]


def test_no_html_errors_but_the_listed_theme_leftovers(built: Built) -> None:
    if not VNU.is_file():
        pytest.skip("需要 npm 安装的 vnu-jar（scripts/setup 在有 npm 时安装）")
    if shutil.which("java") is None:
        pytest.skip("需要 Java 运行 vnu（Debian 软件包 default-jre-headless）")
    leftovers = yaml.safe_load(LEFTOVERS.read_text(encoding="utf-8"))
    assert all(entry.get("why") for entry in leftovers), "每个遗留问题都要写明理由"
    seen: set[int] = set()
    ours = []
    for message in run_vnu(sample(built.site)):
        text, extract = message.get("message", ""), message.get("extract", "")
        match = next(
            (
                n
                for n, entry in enumerate(leftovers)
                if entry["message"] in text and entry["extract"] in extract
            ),
            None,
        )
        if match is None:
            where = message.get("url", "").rsplit("/site/", 1)[-1]
            ours.append(f"{where} 第 {message.get('lastLine')} 行：{text}｜{extract.strip()}")
        else:
            seen.add(match)
    assert not ours, "vnu 在项目自己的标记中发现错误：\n" + "\n".join(ours)
    stale = [entry["message"] for n, entry in enumerate(leftovers) if n not in seen]
    assert not stale, f"这些主题遗留问题已不再出现，请从 {LEFTOVERS.name} 删除：{stale}"


class Outline(HTMLParser):
    """What a screen reader navigates by: language, ids, headings, title, links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.ids: list[str] = []
        self.headings: list[int] = []
        self.title = ""
        self.links: list[tuple[dict[str, str], str]] = []  # (attributes, text)
        self._open: list[tuple[dict[str, str], list[str]]] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = a.get("lang", "")
        if "id" in a:
            self.ids.append(a["id"])
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        self._in_title = tag == "title"
        if tag == "a":
            self._open.append((a, []))

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False
        if tag == "a" and self._open:
            attrs, text = self._open.pop()
            self.links.append((attrs, "".join(text).strip()))

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        for _, text in self._open:
            text.append(data)


def outline(path: Path) -> Outline:
    parsed = Outline()
    parsed.feed(path.read_text(encoding="utf-8"))
    return parsed


def test_every_page_has_language_unique_ids_and_no_skipped_heading(built: Built) -> None:
    pages = sorted(built.site.rglob("*.html"))
    assert len(pages) > 15
    titles: dict[str, str] = {}
    for page in pages:
        rel = page.relative_to(built.site).as_posix()
        o = outline(page)
        assert o.lang == "zh-CN", f"{rel}：lang 为 {o.lang!r}"
        twice = [i for i, n in Counter(o.ids).items() if n > 1]
        assert not twice, f"{rel}：重复的 id {twice}"
        assert o.headings[:1] == [1], f"{rel}：第一个标题不是 h1：{o.headings}"
        for before, after in zip(o.headings, o.headings[1:], strict=False):
            assert after <= before + 1, f"{rel}：标题从 h{before} 跳到 h{after}"
        for attrs, _ in o.links:
            href = attrs.get("href", "")
            if href.startswith("#") and len(href) > 1:
                assert href[1:] in o.ids, f"{rel}：链接 {href} 指向不存在的 id"
        assert o.title not in titles, f"{rel} 与 {titles.get(o.title)} 标题相同：{o.title}"
        titles[o.title] = rel


def test_headings_keep_chinese_ids_and_the_skip_link_names_its_target(built: Built) -> None:
    o = outline(built.site / f"posts/{Path(APP).stem}.html")
    assert any("掌上牙克石" in i for i in o.ids), o.ids
    skip = [(a, t) for a, t in o.links if "md-skip" in a.get("class", "")]
    assert skip and skip[0][1] == "跳转至正文", skip
    assert skip[0][0]["href"][1:] in o.ids


def test_continue_links_are_named_by_their_post(built: Built) -> None:
    o = outline(built.site / "index.html")
    more = [text for _, text in o.links if text.startswith("继续阅读")]
    assert len(more) >= 3
    assert len(set(more)) == len(more), more
    assert any("APP上线试运行" in text for text in more), more


def test_tombstone_names_the_approver_without_an_email(built: Built) -> None:
    page = (built.site / f"posts/{Path(RETRACTED).stem}.html").read_text(encoding="utf-8")
    tombstone = page[page.index('class="gm-tombstone"') :]
    tombstone = tombstone[: tombstone.index("</div>")]
    assert "批准：陈静" in tombstone
    assert "@" not in page and "example.gov.cn" not in page
