"""Issue 12, round 70 (``docs/dev/rules-figures.md``, "Round 70"): two legitimate classes
set 58 blocked, mended as classes. Every text is written for this test, none taken from a
held-out set.

- enforcement news of a gang that sold personal data: the police broke up or smashed the
  gang, its suspects are detained, or the trade is named an illegal sale (``非法出售``) —
  no seller writes so of itself (``a09-13-data-trade.yml``'s ``unless``);
- a lesson on civil speech naming curses so that readers avoid them: a run of quotations
  called curses right after it (``“…”“…”都是粗口``, :data:`pipeline.rules.quoting.CURSE_AFTER`),
  lowered to a warning as a run called a trap is, in the main view and in a dialect's view
  read as Mandarin;
- pinyin written backwards, each word's letters reversed in its place, set in Chinese
  (:mod:`pipeline.rules.backwards_pinyin`), read as characters.

Each text of ``_MENDED`` is blocked on the tree before the round and each of ``_BACKWARDS``
unblocked; the violating neighbours (an actual offer to sell data, an actual curse at
someone) were blocked there and must stay so, and the near-legitimate Latin words stay clean.
"""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker
from tests.test_rules_round12_evasion import checker
from tests.test_rules_round46 import _errors

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests

_MENDED = [
    "市公安局日前打掉一个非法出售公民个人信息的团伙，查获车主姓名和手机号3万余条。\n",
    "网警打掉一个倒卖快递客户信息的团伙。\n",
    "警方捣毁一个出售个人信息的窝点，5名嫌疑人被拘留。\n",
    "【学讲广州话】“扑街”“冚家铲”都系粗口，后生仔唔好学。\n",
    "文明小课堂：“傻逼”“脑残”都是脏话，和同学说话要讲礼貌。\n",
]
# An actual offer, an actual curse: still blocked.
_STILL_BLOCKED = [
    ("出售本地车主信息，姓名手机号一条三毛，量大从优，私聊。\n", "A9-13"),
    ("低价出售业主资料，含姓名电话，一条两毛，量大从优。\n", "A9-13"),
    ("你个扑街，冚家铲，过嚟啊！\n", "A9-08"),
    ("“扑街”就系讲你，冚家铲！\n", "A9-08"),
    ("“冚家铲”系粗口又点，我就系要闹你冚家铲！\n", "A9-08"),
]


@pytest.mark.parametrize("text", _MENDED)
def test_mended_not_blocked(checker: RuleChecker, text: str) -> None:
    assert not _errors(checker, text, "A"), text


@pytest.mark.parametrize(("text", "rule"), _STILL_BLOCKED)
def test_neighbours_blocked(checker: RuleChecker, text: str, rule: str) -> None:
    assert _errors(checker, text, rule), text


# Pinyin written backwards, each word reversed in its place, set in Chinese
# (:mod:`pipeline.rules.backwards_pinyin`): read as characters.
_BACKWARDS = [
    "纪委的 ulij auhnat 我有复印件，一页四十，私我。\n",
    "纪委 ulij auhnat 有全本，十块一页，私信我。\n",
]
# Latin words set in Chinese that are no pinyin reversed, or are pinyin as written: clean.
_BACKWARDS_LEGITIMATE = [
    "我刚买了 iPhone，和 logo 设计师聊了 WiFi 的事。\n",
    "公司 holding 年报已经发布，敬请关注。\n",
    "我们用 nohtyp 写了脚本，测试组负责验收。\n",
    "老师说 olleh 倒过来读就是 hello，同学们都笑了。\n",
    "纪委 jilu 谈话要规范，这是今年培训的重点。\n",
]


@pytest.mark.parametrize("text", _BACKWARDS)
def test_backwards_pinyin_read(checker: RuleChecker, text: str) -> None:
    assert _errors(checker, text, "A"), text


@pytest.mark.parametrize("text", _BACKWARDS_LEGITIMATE)
def test_backwards_pinyin_legitimate(checker: RuleChecker, text: str) -> None:
    assert not _errors(checker, text, "A"), text
