"""Issue 12: one normalisation for every detector, every field and every hiding place."""

from __future__ import annotations

import json

import pytest

from pipeline.rules import RuleChecker
from pipeline.rules.view import Squeezed


@pytest.fixture(scope="module")
def checker() -> RuleChecker:
    return RuleChecker(None)


def found(checker: RuleChecker, text: str) -> list[tuple[str, str, str]]:
    return [(d.rule, d.severity, text[d.start : d.end]) for d in checker.check_text(text)]


def test_squeezed_view_maps_back_to_the_original() -> None:
    view = Squeezed("电话 139 1234 5678。")
    assert view.text == "电话13912345678。"
    start = view.text.index("139")
    assert view.span(start, start + 11) == (3, 16)


@pytest.mark.parametrize(
    ("text", "rule", "match"),
    [
        ("身份证 1507 8219 7509 2106 31 号", "A9-11", "1507 8219 7509 2106 31"),
        (
            "编号１１０１０１１９９００３０７４５１４。",
            "A9-11",
            "１１０１０１１９９００３０７４５１４",
        ),
        ("手机 1 3 9 1 2 3 4 5 6 7 8", "A9-11", "1 3 9 1 2 3 4 5 6 7 8"),
        ("附件（秘 密 ★ 1年）", "A9-11", "秘 密 ★"),
        ("密 码：Yks@2026gov", "A17-03", "密 码：Yks@2026gov"),
        ("mima：yks2026abc", "A17-03", "mima：yks2026abc"),
        ("后台登录密码Yks2026", "A17-03", "登录密码Yks2026"),
        ("密码：Ｙｋｓ２０２６ｇｏｖ", "A17-03", "密码：Ｙｋｓ２０２６ｇｏｖ"),
        ("AccessKeyId: LTAI5tQ8xYzAbCdEfGhIjK", "A17-02", "AccessKeyId: LTAI5tQ8xYzAbCdEfGhIjK"),
        ("配置LTAI5tQ8xYzAbCdEfGhIjK即可", "A17-02", "LTAI5tQ8xYzAbCdEfGhIjK"),
    ],
)
def test_pattern_detectors_read_the_normalised_text(
    checker: RuleChecker, text: str, rule: str, match: str
) -> None:
    assert (rule, "error", match) in found(checker, text)


@pytest.mark.parametrize(
    ("text", "rule", "match"),
    [
        ("🌸法🌸轮🌸功🌸", "A9-05", "法🌸轮🌸功"),
        ("关🉐注有礼", "A16-01", "关🉐注有礼"),
        ("法、轮、功", "A9-05", "法、轮、功"),
        ("法\u200b轮\u200b功", "A9-05", "法\u200b轮\u200b功"),
        ("大家来学氵去轮功", "A9-05", "氵去轮功"),
        ("I support Free Tibet.", "A9-02", "Free Tibet"),
        ("最新p0rn资源", "A9-07", "p0rn"),
        ("这种人 nmsl", "A9-08", "nmsl"),
        ("wrmfw 说得好听", "A9-01", "wrmfw"),
        ("藏獨萬歲", "A9-02", "藏獨"),
        ("伱們支持藏獨嗎", "A9-02", "藏獨"),
        ("本期⑥合彩开奖", "A9-07", "⑥合彩"),  # enclosed digits are read as digits
        ("买❻和彩", "A9-07", "❻和彩"),
        ("你个傻 X", "A9-08", "傻 X"),
        ("涩情网站大全", "A9-07", "涩情"),
        ("大★法★好", "A9-05", "大★法★好"),
    ],
)
def test_evasions_are_undone_and_are_errors(
    checker: RuleChecker, text: str, rule: str, match: str
) -> None:
    assert (rule, "error", match) in found(checker, text)


@pytest.mark.parametrize(
    "text",
    [
        "东、西、南、北四个城区",
        "赌博、色情、暴力信息",  # an enumeration of words stays an enumeration
        "下载 mp3 与 a4 纸",
        "学习《保守国家秘密法》，涉密文件应当标明密级，如“秘密★1年”。",
        "不要使用 password 之类的弱密码",
        "请设置包含字母和数字的密码，定期更换。",
        "The dubois family visited Tibet museum.",
        "办事指南：①填写申请表；②提交材料；⑥领取证件。",
    ],
)
def test_normalisation_does_not_invent_findings(checker: RuleChecker, text: str) -> None:
    assert [f for f in found(checker, text) if f[1] == "error"] == []


def test_enforcement_in_the_neighbouring_sentence_excuses(checker: RuleChecker) -> None:
    text = "网警依法查处一起案件。潘某非法售卖个人信息20万余条。"
    assert found(checker, text) == []
    # …but not across a line break into an unrelated paragraph.
    assert any(r == "A9-13" for r, _, _ in found(checker, "依法办事。\n\n出售车主信息，量大从优。"))


def test_enforcement_post_reads_context_over_the_paragraph(checker: RuleChecker) -> None:
    text = "市公安局依法开展专项行动，其中一起案件经过如下。嫌疑人在家中吸食毒品。随后被带走。"
    assert [d for d in checker.check_text(text, "enforcement") if d.rule == "A9-07"] == []


def test_messages_tell_the_editor_what_to_do(checker: RuleChecker) -> None:
    for text in ("支持 港-独", "开设网络赌博平台", "电话13912345678", "代刷阅读量，十元一千"):
        for d in checker.check_text(text):
            assert "修改建议：" in d.message, d.message
    plain = checker.check_text("开设网络赌博平台")[0]
    assert "依法查处" in plain.message and "waivers" in plain.message


HIDDEN = """---
title: 本周活动
date: 2026-11-21
author: 王芳 <wangfang@example.gov.cn>
channels: [wechat]
category: 便民服务
tags:
  - 本地
  - 港独
---

欢迎阅读。<!-- 转发抽奖，
送三位粉丝话费 -->

详见[办事指南](https://www.example.gov.cn/a "支持西藏独立")。

<img src="a.png" alt="关注有礼">
"""


def test_every_hiding_place_is_read_with_its_line(sample_repo, cli) -> None:
    rel = "content/posts/2026/11/hidden.md"
    sample_repo.write(rel, HIDDEN)
    result = cli("check", rel, "--format", "json", cwd=sample_repo.path)
    assert result.code == 1, result.err
    found = {(f["rule"], f["line"], f["match"]) for f in json.loads(result.out)}
    assert ("A9-02", 9, "港独") in found  # a front-matter tag, on its own line
    assert ("A16-01", 12, "转发抽奖") in found  # an HTML comment
    assert ("A9-02", 15, "西藏独立") in found  # a link title
    assert ("A16-01", 17, "关注有礼") in found  # an image's alt attribute
    assert "Traceback" not in result.err
