"""Red team round 39: the archive removed the tags and decoded the references of a field.

WeChat, Weibo and the reviewers' preview show a post's title, digest, category and tags as
written. The archive (the post page's title, heading and digest, the lists, the JSON Feed,
RSS, the search index) showed them through ``plain``, which removed anything tag-like
(nh3 with no tag allowed) and decoded character references. The check reads ``<x>`` between
two characters as markup that breaks a word, so ``提供约<x>炮服务`` was clean for it, WeChat
showed it as written, and every page of the archive read 提供约炮服务. Real repositories,
real signed approvals, the real ``govmedia check``, ``publish`` against the loopback emulator
and ``build``.
"""

from __future__ import annotations

import json
import time
from html.parser import HTMLParser
from pathlib import Path

from pipeline.emulators import Emulator
from tests.conftest import run_cli
from tests.publish_support import approve, env_for, git, publish_process, published, small_repo
from tests.site.chromium import chromium, missing_browser, serve

POST = "content/posts/2026/11/bianmin-fuwu.md"
SITE = {"GOVMEDIA_SITE_URL": "http://127.0.0.1:8000/"}
JOINED = "约炮"
FRONT = (
    "---\ntitle: '提供约<x>炮服务'\ndate: 2026-11-20\nauthor: 王芳 <wangfang@example.gov.cn>\n"
    "channels: [wechat, app]\ncategory: 通知公告\ntags: ['约</q>炮']\noriginal: true\n"
    "digest: '本店提供约<wbr>炮服务'\n---\n\n本周六大厅照常办公。\n"
)


def _site_text(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8", errors="replace")
        for p in site.rglob("*")
        if p.is_file() and p.suffix in (".html", ".json", ".xml")
    }


def _published_and_built(tmp_path: Path, emulator: Emulator, front: str) -> Path:
    """A unit whose post is ``front`` (an empty body line after it), approved through the
    three stages, published to the emulator and built; the repository."""
    repo = small_repo(tmp_path / "unit", ("2026/03/zhanghao-kaitong-gonggao.md",))
    (repo / POST).parent.mkdir(parents=True, exist_ok=True)
    (repo / POST).write_text(front, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "A post whose fields hold markup")
    approve(repo, [POST])
    outcome = publish_process(repo, env_for(emulator))
    assert outcome.code == 0, outcome.out + outcome.err
    built = run_cli("build", cwd=repo, env=SITE)
    assert built.code == 0, built.out + built.err
    return repo


def test_the_archive_shows_a_field_as_the_check_and_the_platforms_read_it(
    tmp_path: Path, emulator: Emulator
) -> None:
    checked_repo = small_repo(tmp_path / "desk", ("2026/03/zhanghao-kaitong-gonggao.md",))
    (checked_repo / POST).parent.mkdir(parents=True, exist_ok=True)
    (checked_repo / POST).write_text(FRONT, encoding="utf-8")
    checked = run_cli("check", POST, "--format", "json", cwd=checked_repo)
    rows = json.loads(checked.out or "[]")
    assert not [r for r in rows if r["rule"].startswith("A9-")], rows  # read apart

    repo = _published_and_built(tmp_path, emulator, FRONT)
    (article,) = [a for a in published(emulator)["wechat"] if "约" in a["title"]]
    assert article["title"] == "提供约<x>炮服务"  # as written, as the check read it
    texts = _site_text(repo / "site")
    assert not {name for name, text in texts.items() if JOINED in text}
    page = texts["posts/bianmin-fuwu.html"]
    assert "提供约＜x＞炮服务" in page and "本店提供约＜wbr＞炮服务" in page
    feed = json.loads(texts["feed.json"])
    (item,) = [i for i in feed["items"] if "bianmin-fuwu" in i["url"]]
    assert item["title"] == "提供约＜x＞炮服务" and item["tags"] == ["约＜/q＞炮"]


class _Metas(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__()
        self.metas: list[dict[str, str]] = []
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            self.metas.append({name: value or "" for name, value in attrs})


def test_a_quote_in_the_digest_never_makes_the_archive_page_redirect(
    tmp_path: Path, emulator: Emulator
) -> None:
    """A digest holding ``"`` closed the description's attribute (the theme prints the
    field unescaped): ``0;url=…" http-equiv="refresh`` made the post's page on the archive
    a redirect, which Chromium follows, to a page nobody reviewed."""
    digest = '0;url=/index.html?redirected" http-equiv="refresh'
    front = FRONT.replace("digest: '本店提供约<wbr>炮服务'", f"digest: '{digest}'")
    repo = _published_and_built(tmp_path, emulator, front)
    page = (repo / "site" / "posts" / "bianmin-fuwu.html").read_text(encoding="utf-8")
    metas = _Metas(page).metas
    assert not [m for m in metas if "http-equiv" in m], metas
    (described,) = [m for m in metas if m.get("name") == "description"]
    assert described["content"] == digest.replace('"', "＂")  # the digest as written
    if missing_browser():
        return
    with serve(repo / "site") as base, chromium() as driver:
        driver.get(base + "posts/bianmin-fuwu.html")
        time.sleep(1.5)  # a refresh of 0 seconds would have happened by now
        assert driver.current_url.endswith("posts/bianmin-fuwu.html"), driver.current_url
