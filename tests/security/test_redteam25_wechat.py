"""Red team, round 25: WeChat's short link form is never the unit's article link.

Round 18b bound an article link a reply names to the unit's official account by its
``__biz`` (``GOVMEDIA_WECHAT_BIZ``), and left the short form ``mp.weixin.qq.com/s/<id>``
unbound: it names no account, so ``freepublish/get`` answering success with the short link
of another account's article (with our ``__biz`` added as a query, which WeChat's page does
not read, or without) had the ledger, and through it the archive's link to the WeChat copy,
point at another account's page. Defence: with the account configured, a link is bound
only in WeChat's long form (``/s?__biz=…&mid=…&idx=…&sn=…``, the ``sn`` WeChat's signature
of the account and message) naming our ``__biz`` once; the short form is a bad reply,
never recorded (``wechat_articles.account_problem``); the emulators answer the long form.
The real ``govmedia publish`` in a new process, against the loopback emulator.
"""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from pipeline.emulators import Emulator
from pipeline.platforms.errors import BadReply
from tests.publish_support import (
    WECHAT_BIZ,
    env_for,
    faults,
    ledger_records,
    publish_process,
    published,
    small_repo,
)
from tests.security.test_redteam18b_platforms import _article, _wechat

POST = "content/posts/2026/11/nianmo-fanzha-tixing.md"
SHORT = "https://mp.weixin.qq.com/s/Zk3OtherAccount9x"  # another account's article


@pytest.mark.parametrize("link", [SHORT, f"{SHORT}?__biz={WECHAT_BIZ}"])
def test_a_short_link_to_another_accounts_article_never_becomes_the_posts_link(
    tmp_path: Path, emulator: Emulator, link: str
) -> None:
    """Attack: ``freepublish/get`` answers success with another account's short link.
    Defence: refused before anything is recorded; the next run records the post's own
    article in the long form, naming the unit's account, sent once."""
    repo = small_repo(tmp_path / "unit", (POST.removeprefix("content/posts/"),))
    env = env_for(emulator)
    item = {"idx": 1, "article_url": link}
    faults(
        emulator,
        {
            "path": "/cgi-bin/freepublish/get",
            "merge": {"article_detail": {"count": 1, "item": [item]}},
            "times": -1,
        },
    )
    first = publish_process(repo, env)
    httpx.delete(emulator.url + "/_emulator/faults", timeout=10).raise_for_status()
    assert "短链接" in first.out + first.err, first.out + first.err
    assert "Zk3OtherAccount9x" not in json.dumps(ledger_records(repo), ensure_ascii=False)
    rerun = publish_process(repo, env)
    assert rerun.code == 0, rerun.out + rerun.err

    records = ledger_records(repo)
    assert "Zk3OtherAccount9x" not in json.dumps(records, ensure_ascii=False)
    [done] = [
        r
        for r in records
        if r["event"] == "published" and r["path"] == POST and r["platform"] == "wechat"
    ]
    assert done["url"].startswith(emulator.url + "/s?__biz=")
    assert "&mid=" in done["url"] and "&sn=" in done["url"]
    assert "<h1>" in httpx.get(done["url"], timeout=10).text  # the long link is the page
    assert len(published(emulator)["wechat"]) == 1


def test_the_short_form_is_taken_only_when_no_account_is_configured(emulator: Emulator) -> None:
    """Without ``GOVMEDIA_WECHAT_BIZ`` nothing can be bound (the host alone is checked,
    docs/dev/publishing.md); with it, the short form is a bad reply naming the field."""
    faults(emulator, {"path": "/cgi-bin/freepublish/get", "reply": _article(SHORT), "times": -1})
    with _wechat(emulator, biz="") as unbound:
        answer = unbound.freepublish_get("2247483001")
        assert answer["article_detail"]["item"][0]["article_url"] == SHORT
    with _wechat(emulator) as bound, pytest.raises(BadReply, match="article_url"):
        bound.freepublish_get("2247483001")
