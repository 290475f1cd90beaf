"""The archive site built by ``govmedia build`` from a real repository and ledger."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest

from pipeline.site.sanitize import clean_html, plain, render_body
from tests.site.conftest import (
    APP,
    CORRECTED,
    CORRECTION_WORD,
    DELETED,
    DRAFT,
    EVIL,
    REPOST,
    RETRACTED,
    RETRACTED_BODY_WORD,
    SEARCH_WORD,
    UNAPPROVED_EDIT,
    UNREVIEWED,
    Built,
    build_cli,
)
from tests.site.kit import REVIEWERS


def slug(path: str) -> str:
    return Path(path).stem


def test_only_posts_published_with_a_complete_review_appear(built: Built) -> None:
    pages = {p.stem for p in (built.site / "posts").glob("*.html")}
    expected = {slug(p) for p in (APP, REPOST, RETRACTED, CORRECTED, DELETED, EVIL)}
    assert pages == expected
    everything = built.all_text()
    assert slug(DRAFT) not in everything
    assert slug(UNREVIEWED) not in everything


def test_post_shows_the_published_version_not_a_later_unapproved_edit(built: Built) -> None:
    html = built.page(f"posts/{slug(APP)}.html")
    assert "上线试运行" in html
    assert UNAPPROVED_EDIT not in built.all_text()


def test_post_page_has_channels_and_review_record(built: Built) -> None:
    html = built.page(f"posts/{slug(APP)}.html")
    assert "审核记录（三审）" in html
    for stage in ("初审", "复审", "终审"):
        assert stage in html
    for reviewer in REVIEWERS:
        assert reviewer.split(" <")[0] in html
    commit = built.repo.git("rev-list", "--max-parents=0", "HEAD").strip()
    assert re.search(r'<code title="[0-9a-f]{40}">[0-9a-f]{12}</code>', html)
    assert commit not in html  # the approving commit is the one the ledger names
    for channel in ("wechat", "weibo", "app"):
        assert f'href="https://{channel}.example.com/p/{slug(APP)}"' in html
    assert "牙克石政务服务" in html  # account name from the registry
    assert "2026-03-18 10:00" in html  # Beijing time of publication


def test_post_image_is_copied_and_local(built: Built) -> None:
    html = built.page(f"posts/{slug(APP)}.html")
    match = re.search(r'<img alt="[^"]*" src="\.\./media/([0-9a-f]+\.png)"', html)
    assert match, html
    assert (built.site / "media" / match.group(1)).stat().st_size > 0


def test_repost_shows_source_attribution(built: Built) -> None:
    html = built.page(f"posts/{slug(REPOST)}.html")
    assert "转载来源" in html
    assert "内蒙古自治区人民政府网" in html
    assert 'href="https://www.nmg.example.gov.cn/' in html


def test_corrected_post_shows_history_and_latest_text(built: Built) -> None:
    html = built.page(f"posts/{slug(CORRECTED)}.html")
    assert "更正记录" in html
    assert "首次发布" in html and "更正（替换版本" in html
    assert CORRECTION_WORD in html
    assert "2026-04-01 10:00" in html and "2026-04-02 10:00" in html


def test_retracted_post_is_a_tombstone_without_body(built: Built) -> None:
    html = built.page(f"posts/{slug(RETRACTED)}.html")
    assert "本文已撤稿" in html
    assert "开放时间信息有误" in html
    assert "2026-04-01 11:00" in html  # retraction time
    assert "市政务服务大厅开放时间及办事须知" in html  # title kept
    assert RETRACTED_BODY_WORD not in built.all_text()
    index = built.page("retractions.html")
    assert f"posts/{slug(RETRACTED)}.html" in index


def test_published_post_whose_file_was_deleted_keeps_its_url(built: Built) -> None:
    assert not (built.repo.path / DELETED).exists()
    assert (built.site / "posts" / f"{slug(DELETED)}.html").is_file()


class _Elements(HTMLParser):
    """The elements and attributes a browser makes of a page (not the text it shows)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [(name, value or "") for name, value in attrs]


def _harmless(html: str) -> None:
    found = _Elements(html)
    assert not {"script", "style", "svg", "iframe"} & set(found.tags), found.tags
    assert not [name for name, _ in found.attrs if name.startswith("on")], found.attrs
    links = [value.strip().lower() for name, value in found.attrs if name in ("href", "src")]
    assert not [v for v in links if v.startswith(("javascript:", "data:"))], links
    assert not [v for v in links if "example.com" in v], links


def test_hostile_html_is_sanitised(built: Built) -> None:
    """Raw HTML in a body is shown as the text the editor wrote, as on every platform
    (round 39): no element or attribute is made of it."""
    html = built.page(f"posts/{slug(EVIL)}.html")
    body = html[html.index('class="gm-body"') :]
    body = body[: body.index("gm-review")]
    _harmless(body)
    assert "&lt;script&gt;" in body and "&lt;iframe" in body
    assert "安全测试＜script＞alert(1)＜/script＞" in html  # the title as written, as text
    assert "正文" in body and "链接" in body


def test_navigation_pages(built: Built) -> None:
    assert (built.site / "archive/2026/03.html").is_file()
    assert (built.site / "archive/2026/04.html").is_file()
    categories = {p.stem for p in (built.site / "category").glob("*.html")}
    assert {"通知公告", "转载"} <= categories
    accounts = built.page("accounts.html")
    assert "牙克石政务服务" in accounts and "牙克石市政务服务局" in accounts
    tags = built.page("tags.html")
    assert "一网通办" in tags
    sitemap = built.page("sitemap.xml")
    assert f"http://127.0.0.1:8000/posts/{slug(APP)}.html" in sitemap


def test_json_feed(built: Built) -> None:
    feed = json.loads(built.page("feed.json"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] and feed["items"]
    items = {i["id"]: i for i in feed["items"]}
    app = items[f"govmedia:{slug(APP)}"]
    assert app["url"] == f"http://127.0.0.1:8000/posts/{slug(APP)}.html"
    assert "上线试运行" in app["content_html"]
    assert {c["id"] for c in app["_govmedia"]["channels"]} == {"wechat", "weibo", "app"}
    assert app["date_published"].startswith("2026-03-18T02:00")
    gone = items[f"govmedia:{slug(RETRACTED)}"]
    assert gone["_govmedia"]["retracted"]["reason"].startswith("开放时间信息有误")
    assert "content_html" not in gone and "已撤稿" in gone["content_text"]
    assert 'src="http://127.0.0.1:8000/media/' in app["content_html"]


def test_rss_feed(built: Built) -> None:
    root = ET.fromstring(built.page("feed.xml").encode())
    channel = root.find("channel")
    assert root.get("version") == "2.0" and channel is not None
    assert (
        channel.findtext("title") and channel.findtext("link") and channel.findtext("description")
    )
    guids = [i.findtext("guid") for i in channel.findall("item")]
    assert f"govmedia:{slug(APP)}" in guids
    assert all(
        re.match(r"\w{3}, \d{2} \w{3} \d{4}", i.findtext("pubDate") or "")
        for i in channel.findall("item")
    )


def search_docs(built: Built, word: str) -> list[str]:
    """Locations whose indexed text holds ``word`` as a token, as lunr tokenises it."""
    index = json.loads(built.page("search/search_index.json"))
    separator = re.compile(index["config"]["separator"])
    docs = index["docs"]  # a manifest: the entries are in its shards (search_shards.py)
    for shard in index["config"]["shards"]:
        docs += json.loads(built.page(f"search/{shard['url']}"))["docs"]
    hits = []
    for doc in docs:
        text = re.sub(r"<[^>]+>", " ", doc["text"])
        if word in separator.split(text):
            hits.append(doc["location"])
    return hits


def test_chinese_search_finds_a_post_by_a_body_word(built: Built) -> None:
    hits = search_docs(built, SEARCH_WORD)
    assert any(h.startswith(f"posts/{slug(APP)}.html") for h in hits), hits
    assert not search_docs(built, RETRACTED_BODY_WORD)


def test_no_resource_from_another_host(built: Built) -> None:
    pattern = re.compile(
        r"<(?:script|img|link|iframe|source|video|audio)\b[^>]*?\b(?:src|href)\s*=\s*[\"']([^\"']+)"
        r"|url\(\s*[\"']?([^\"')\s]+)|@import\s+[\"']([^\"']+)",
        re.IGNORECASE,
    )
    offenders = []
    for path in built.site.rglob("*"):
        if path.suffix not in (".html", ".css", ".js"):
            continue
        for match in pattern.finditer(path.read_text(encoding="utf-8", errors="replace")):
            url = next(g for g in match.groups() if g)
            host = urlparse("https:" + url if url.startswith("//") else url).hostname
            if url.startswith(("http:", "https:", "//")) and host != "127.0.0.1":
                offenders.append((path.name, url))
    assert offenders == []


def test_failed_build_keeps_the_previous_site(built: Built) -> None:
    index = (built.site / "index.html").read_bytes()
    # a site URL without a scheme: mkdocs refuses the configuration
    result = build_cli(built.repo.path, site_url="archive.example.gov.cn/")
    assert result.returncode != 0
    assert "原站点保持不变" in result.stderr
    assert (built.site / "index.html").read_bytes() == index
    assert not [p for p in built.site.parent.iterdir() if p.name.startswith(".site-new-")]


def test_build_out_option_and_rebuild(built: Built, tmp_path: Path) -> None:
    out = tmp_path / "public"
    result = build_cli(built.repo.path, "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert (out / "index.html").is_file()
    assert str(out / "index.html") in result.stdout
    assert "http.server" in result.stdout
    assert "[1/3]" in result.stderr and "[2/3] mkdocs 构建" in result.stderr  # progress


def test_build_outside_a_content_repo_fails_in_chinese(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    result = build_cli(tmp_path)
    assert result.returncode == 2
    assert "content/accounts.yml" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("source", "forbidden"),
    [
        ("<script>alert(1)</script>", "<script"),
        ('<a href="javascript:alert(1)">x</a>', "javascript:"),
        ('<a href="JaVaScRiPt:alert(1)">x</a>', "alert"),
        ('<img src="a.png" onerror="alert(1)">', "onerror"),
        ('<div onmouseover="alert(1)">x</div>', "onmouseover"),
        ("<svg><script>alert(1)</script></svg>", "<script"),
        ('<a href="data:text/html,<script>alert(1)</script>">x</a>', "data:"),
        ("<style>@import 'https://x.example/a.css';</style>", "@import"),
    ],
)
def test_sanitiser_removes(source: str, forbidden: str) -> None:
    shown = render_body(source)  # the body's raw HTML is text on the archive (round 39)
    _harmless(shown)
    assert "&lt;" in shown
    assert forbidden.lower() not in clean_html(source).lower()


def test_sanitiser_keeps_ordinary_markup() -> None:
    html = render_body(
        "**加粗** [链接](https://example.gov.cn/)\n\n| a | b |\n|---|---|\n| 1 | 2 |"
    )
    assert "<strong>加粗</strong>" in html and "<table>" in html
    assert 'href="https://example.gov.cn/"' in html
    assert plain("<b>标题</b>&lt;x&gt; A & B") == "＜b＞标题＜/b＞＆lt;x＆gt; A & B"  # as written
