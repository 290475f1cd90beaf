"""Reply, hide-order and repost files: their heads read with the schema layer."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.interaction.replies import parse_reply
from pipeline.interaction.reposts import parse_repost

REPLY = "content/replies/2026/12/shebao.md"
HIDE = "content/moderation/2026/12/hide.md"
REPOST = "content/reposts/2026/12/gongnuan.md"
REPLY_TEXT = (
    "---\nitem: weibo:3000000007\nauthor: 王芳 <WangFang@example.gov.cn>\ndate: 2026-12-02\n"
    "public: true\n---\n您好，社保卡补办可在政务服务大厅 3 号窗口当场办理。\n"
)
HIDE_TEXT = (
    "---\nitem: weibo:3000000009\naction: hide\nreason: 含赌博推广信息（A9-07）\n"
    "author: 王芳 <wangfang@example.gov.cn>\ndate: 2026-12-02\n---\n"
)
REPOST_TEXT = (
    '---\nsource:\n  account: 呼伦贝尔发布\n  id: "5000000000000001"\nchannel: weibo\n'
    "author: 王芳 <wangfang@example.gov.cn>\ndate: 2026-12-02\n---\n今冬供暖保障措施，请市民周知。\n"
)


def test_valid_files_parse():
    reply = parse_reply(REPLY, REPLY_TEXT.encode()).reply
    assert reply is not None and reply.kind == "reply" and reply.channel == "weibo"
    assert reply.author_email == "wangfang@example.gov.cn" and reply.public is True
    assert reply.date == dt.date(2026, 12, 2) and reply.body_line == 7
    hide = parse_reply(HIDE, HIDE_TEXT.encode()).reply
    assert hide is not None and hide.kind == "hide" and hide.reason.startswith("含赌博")
    repost, found = parse_repost(REPOST, REPOST_TEXT.encode())
    assert found == [] and repost is not None
    assert repost.status == "今冬供暖保障措施，请市民周知。 //转发自@呼伦贝尔发布"


@pytest.mark.parametrize(
    ("path", "text", "old", "new", "rule", "line", "column", "words"),
    [
        (
            REPLY,
            REPLY_TEXT,
            "item: weibo:3000000007",
            "item: 3000000007",
            "R12-item",
            2,
            1,
            ["字段 item（收件箱条目）", "weibo:3000000007"],
        ),
        (
            REPLY,
            REPLY_TEXT,
            "author: 王芳 <WangFang@example.gov.cn>",
            "author: 王芳",
            "R12-author",
            3,
            1,
            ["字段 author（作者）", "姓名 <email>"],
        ),
        (
            REPLY,
            REPLY_TEXT,
            "date: 2026-12-02",
            "date: 2026-13-02",
            "R12-date",
            4,
            1,
            ["字段 date（日期）", "「2026-13-02」"],
        ),
        (REPLY, REPLY_TEXT, "public: true", "public: 是", "R12-field", 5, 1, ["true 或 false"]),
        (
            REPLY,
            REPLY_TEXT,
            "public: true",
            "pubilc: true",
            "R12-field",
            5,
            1,
            ["字段 pubilc 未知", "public"],
        ),
        (
            HIDE,
            HIDE_TEXT,
            "action: hide",
            "action: delete",
            "R12-action",
            3,
            1,
            ["hide（隐藏评论）", "「delete」"],
        ),
        (
            HIDE,
            HIDE_TEXT,
            "reason: 含赌博推广信息（A9-07）",
            "reason: ' '",
            "R12-reason",
            4,
            1,
            ["字段 reason（理由）不能为空"],
        ),
        (
            REPOST,
            REPOST_TEXT,
            '  id: "5000000000000001"',
            "  id: abc",
            "R12-source",
            4,
            3,
            ["字段 source.id"],
        ),
        (
            REPOST,
            REPOST_TEXT,
            "  account: 呼伦贝尔发布\n",
            "",
            "A11-source",
            2,
            1,
            ["字段 source.account", "必填"],
        ),
        (
            REPOST,
            REPOST_TEXT,
            "channel: weibo\n",
            "",
            "R12-field",
            2,
            1,
            ["字段 channel（发布账号 id）"],
        ),
    ],
)
def test_each_problem_names_rule_line_column_and_field(
    path, text, old, new, rule, line, column, words
):
    assert old in text
    raw = text.replace(old, new, 1).encode()
    found = list(parse_reply(path, raw).findings) if path != REPOST else parse_repost(path, raw)[1]
    (finding,) = found
    assert (finding.rule, finding.line, finding.column) == (rule, line, column), finding
    for word in words:
        assert word in finding.message + finding.match, finding


def test_unreadable_heads_and_an_empty_answer():
    (bad,) = parse_reply(REPLY, b"\xff\xfe").findings
    assert bad.rule == "R12-format" and "UTF-8" in bad.message
    (bad,) = parse_reply(REPLY, b"---\nitem: [a\n---\n").findings
    assert bad.rule == "R12-format" and "YAML" in bad.message
    (bad,) = parse_reply(REPLY, b"---\n- a\n---\n").findings
    assert bad.rule == "R12-format" and "映射" in bad.message
    head = REPLY_TEXT.split("---\n", 2)[1]
    (empty,) = parse_reply(REPLY, f"---\n{head}---\n\n".encode()).findings
    assert (empty.rule, empty.line) == ("R12-empty", 7)
