"""Threat class 10 on the built archive: a real ``govmedia build`` of a repository holding
the XSS battery in a published post, a hostile ``content/accounts.yml`` (stored script on
the governance pages) and a ledger whose platform URL is ``javascript:``. No page, feed
item or RSS description may carry live attacker markup; honest content still shows.
"""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline.ledger import Ledger, Record
from tests.conftest import SAMPLE_CONTENT, Repo, init_repo, isolated_git_module
from tests.security.html_support import hostile_body, live_script
from tests.security.ledger_support import enroll_publisher
from tests.site.conftest import build_cli
from tests.site.kit import publish, review

HOSTILE = "content/posts/2026/05/xss-ceshi.md"
HONEST = "content/posts/2026/03/zhangshang-app-shangxian.md"
EVIL_NAME = "牙克石政务服务<img src=x onerror=alert(1337)>"
EVIL_TEXT = "[点我](javascript:alert(1337)){: onclick=alert(1337) }<script>alert(1337)</script>"
EVIL_URL = 'https://x.example/"onmouseover="alert(1337)"><svg/onload=alert(1337)>'


def hostile_post() -> str:
    title = "</a><svg onload=alert(1337)>{: onclick=x }"
    return (
        "---\n"
        f"title: '{title}'\n"
        "date: 2026-05-20\n"
        "author: 王芳 <wangfang@example.gov.cn>\n"
        "channels: [wechat, app]\n"
        "category: '<b onmouseover=alert(1337)>通知</b>'\n"
        "tags: ['[t](javascript:alert(1337))']\n"
        "digest: '<img src=x onerror=alert(1337)>'\n"
        "original: false\n"
        "source:\n"
        "  name: '<img src=x onerror=alert(1337)>'\n"
        f"  url: '{EVIL_URL}'\n"
        f"  title: '{title}'\n"
        "---\n\n"
        "正文开头。\n\n" + hostile_body() + "\n正文结尾。\n"
    )


def hostile_accounts(text: str) -> str:
    text = text.replace("name: 牙克石政务服务\n", f"name: '{EVIL_NAME}'\n", 1)
    text = text.replace("department: 办公室（新闻宣传科）", f"department: '{EVIL_TEXT}'", 1)
    text = text.replace("principal: 赵明", "principal: '赵明<script>alert(1337)</script>'", 1)
    text = text.replace("minutes: 牙政服党组会纪〔2026〕3号", f"minutes: '{EVIL_TEXT}'", 1)
    return text.replace(
        "url: https://mp.weixin.example.com/profile/yks-zwfw", f"url: '{EVIL_URL}'", 1
    )


@dataclass
class Site:
    repo: Repo
    root: Path

    def pages(self) -> dict[str, str]:
        return {
            p.relative_to(self.root).as_posix(): p.read_text(encoding="utf-8", errors="replace")
            for p in self.root.rglob("*.html")
            if "assets" not in p.parts
        }


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    with isolated_git_module(tmp_path_factory, "xss-home"):
        repo = init_repo(tmp_path_factory.mktemp("xss") / "unit")
        shutil.copytree(SAMPLE_CONTENT, repo.path / "content")
        accounts = repo.path / "content/accounts.yml"
        accounts.write_text(hostile_accounts(accounts.read_text(encoding="utf-8")), "utf-8")
        repo.write(HOSTILE, hostile_post())
        repo.commit("Import content with a hostile post and registry")
        enroll_publisher(repo)
        publish(repo, HONEST, at="2026-03-18T02:00:00Z")
        publish(repo, HOSTILE, at="2026-05-20T02:00:00Z", channels=("app",))
        blob = repo.git("rev-parse", f"HEAD:{HOSTILE}").strip()
        Ledger(repo.path / "ledger").append(  # a platform's hostile URL, as a ledger line
            Record(
                event="published",
                slug=Path(HOSTILE).stem,
                channel="wechat",
                at="2026-05-20T03:00:00Z",
                run="test-run",
                path=HOSTILE,
                blob=blob,
                commit=repo.head(),
                platform="wechat",
                platform_id="x",
                url="javascript:alert(1337)",
                detail={"review": review(repo.head(), "2026-05-20T03:00:00Z"), "title": "x"},
            )
        )
        result = build_cli(repo.path)
        assert result.returncode == 0, result.stderr + result.stdout
        return Site(repo, repo.path / "site")


def test_no_page_of_the_site_runs_attacker_markup(site: Site) -> None:
    pages = site.pages()
    slug = Path(HOSTILE).stem
    assert f"posts/{slug}.html" in pages and "governance/index.html" in pages
    for name, html in pages.items():
        assert live_script(html, theme=True) == [], name


def test_hostile_post_page_shows_text_not_markup(site: Site) -> None:
    html = site.pages()[f"posts/{Path(HOSTILE).stem}.html"]
    assert "正文开头" in html and "正文结尾" in html
    assert "javascript:alert(1337)" not in re.sub(r">[^<]*<", "><", html)  # not in any tag
    assert "x.example" not in html  # the hostile source URL is not linked
    assert 'href="javascript' not in re.sub(r">[^<]*<", "><", html).lower()  # text, not a tag


def test_governance_pages_escape_the_registry(site: Site) -> None:
    html = site.pages()["governance/index.html"]
    assert "牙克石政务服务" in html and "onerror=alert(1337)" in html  # shown, as text
    assert "<img src=" not in html.replace('<img src="', "")  # no attacker <img>
    assert "x.example" not in html
    for name, page in site.pages().items():
        if name.startswith("governance/"):
            assert live_script(page, theme=True) == [], name


def test_feeds_carry_no_live_markup(site: Site) -> None:
    feed = json.loads((site.root / "feed.json").read_text(encoding="utf-8"))
    for item in feed["items"]:
        assert live_script(item.get("content_html", "")) == [], item["id"]
        for channel in item["_govmedia"]["channels"]:
            assert channel["url"] == "" or channel["url"].startswith("https://"), channel
    rss = ET.parse(site.root / "feed.xml").getroot()
    for description in rss.iter("description"):
        assert live_script(description.text or "") == []


def test_honest_post_still_renders(site: Site) -> None:
    html = site.pages()[f"posts/{Path(HONEST).stem}.html"]
    assert "上线试运行" in html
    assert 'href="https://wechat.example.com/p/zhangshang-app-shangxian"' in html
    assert re.search(r'<img alt="[^"]*" src="\.\./media/[0-9a-f]+\.png"', html)
