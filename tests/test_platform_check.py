"""``govmedia check`` refuses what the platforms refuse: a 「#话题#」 in the Weibo text."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.conftest import Repo
from tests.security.assets_support import check_json, of_rule, post_text, unit_repo

POST = "content/posts/2026/11/yanshi-fuwu.md"


@pytest.fixture
def unit(make_repo: Callable[..., Repo]) -> Repo:
    return unit_repo(make_repo("unit"))


def test_a_topic_in_the_digest_is_an_error_with_line(unit: Repo) -> None:
    text = post_text("正文。").replace("---\n\n", 'digest: "延时服务#政务服务#上线"\n---\n\n', 1)
    unit.write(POST, text)
    code, findings = check_json(unit, POST)
    (finding,) = of_rule(findings, "PF-WEIBO-TOPIC")
    assert code == 1 and finding["line"] == 6 and finding["match"] == "#政务服务#"
    assert "微博" in finding["message"] and finding["severity"] == "error"


def test_a_topic_at_the_opening_of_the_body_is_an_error_without_digest(unit: Repo) -> None:
    unit.write(POST, post_text("#延时服务# 今日起实行。"))
    code, findings = check_json(unit, POST)
    (finding,) = of_rule(findings, "PF-WEIBO-TOPIC")
    assert code == 1 and finding["line"] == 10 and finding["column"] == 1


def test_headings_and_posts_not_for_weibo_pass(unit: Repo) -> None:
    unit.write(POST, post_text("## 办理时间\n\n工作日延时至晚7点。"))
    assert of_rule(check_json(unit, POST)[1], "PF-WEIBO-TOPIC") == []
    wechat_only = post_text("#延时服务# 今日起实行。").replace(
        "channels: [wechat, weibo, app]", "channels: [wechat]"
    )
    unit.write(POST, wechat_only)
    assert of_rule(check_json(unit, POST)[1], "PF-WEIBO-TOPIC") == []
