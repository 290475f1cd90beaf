"""Red team round 39: the archive read a post's body with another Markdown than every platform.

WeChat, the app, Weibo, the reviewers' preview and the check read a body with
Python-Markdown "extra", raw HTML shown as the text it is (the editors' manual: 原始 HTML 会被
转义). The archive had a Markdown of its own: raw HTML parsed (then cleaned by nh3), and no
footnotes, abbreviations or definition lists. So ``疫苗经检验<!-- 不 -->合格`` went to WeChat
as written and read 疫苗经检验合格 on the archive, a word inside ``<style>`` or
``<template>`` the same, a footnote's text became a link target nobody sees, and a raw
``<a href>`` the reviewers saw as text was a live link on the unit's public site. Real
repositories, real signed approvals, the real ``govmedia publish`` against the loopback
emulator and the real ``govmedia build``.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from pipeline.emulators import Emulator
from tests.conftest import run_cli
from tests.publish_support import approve, env_for, git, publish_process, published, small_repo

POST = "content/posts/2026/11/yimiao-choujian.md"
SITE = {"GOVMEDIA_SITE_URL": "http://127.0.0.1:8000/"}
BODY = (
    "本市疫苗批签发抽检结果公布。\n\n"
    "第一批次疫苗经检验<!-- 不 -->合格。\n\n"
    "第二批次疫苗经检验<style>不</style>合格。\n\n"
    "第三批次药品抽检合格[^1]。\n\n"
    '详情见<a href="https://scam.example.com/">公告原文</a>。\n\n'
    "[^1]: 另有两批次抽检未达标，已下架。\n"
)
# what the reviewers read and WeChat shows, as text
SHOWN = (
    "第一批次疫苗经检验<!-- 不 -->合格",
    "第二批次疫苗经检验<style>不</style>合格",
    "另有两批次抽检未达标",
    '<a href="https://scam.example.com/">公告原文</a>',
)
FRONT = (
    "---\ntitle: 疫苗批签发抽检结果公布\ndate: 2026-11-20\n"
    "author: 王芳 <wangfang@example.gov.cn>\nchannels: [wechat, app]\ncategory: 通知公告\n"
    "original: true\n---\n\n"
)


def _text(fragment: str) -> str:
    """What a reader sees of an HTML fragment: its text, references decoded."""
    return html.unescape(re.sub(r"<[^>]*>", "", fragment))


def _unit(tmp_path: Path) -> Path:
    repo = small_repo(tmp_path / "unit", ("2026/03/zhanghao-kaitong-gonggao.md",))
    (repo / POST).parent.mkdir(parents=True, exist_ok=True)
    (repo / POST).write_text(FRONT + BODY, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "A post with raw HTML and a footnote")
    approve(repo, [POST])
    return repo


def test_the_archive_shows_the_body_as_every_platform_shows_it(
    tmp_path: Path, emulator: Emulator
) -> None:
    repo = _unit(tmp_path)
    outcome = publish_process(repo, env_for(emulator))
    assert outcome.code == 0, outcome.out + outcome.err
    (article,) = [a for a in published(emulator)["wechat"] if "疫苗" in a["title"]]
    wechat = _text(article["content"])
    for text in SHOWN:
        assert text in wechat, wechat

    built = run_cli("build", cwd=repo, env=SITE)
    assert built.code == 0, built.out + built.err
    page = (repo / "site" / "posts" / "yimiao-choujian.html").read_text(encoding="utf-8")
    body = page[page.index('class="gm-body"') :]
    body = body[: body.index("gm-review")]
    archive = _text(body)
    for text in SHOWN:
        assert text in archive, archive
    assert "scam.example.com" not in re.sub(r">[^<]*<", "><", body)  # in no tag: no link
    feed = (repo / "site" / "feed.json").read_text(encoding="utf-8")
    assert "另有两批次抽检未达标" in feed and "经检验&lt;!-- 不 --&gt;合格" in feed
