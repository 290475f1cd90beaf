"""Issue 12, round 61 (``docs/dev/rules-figures.md``, "Round 61"): written Gan read as
Mandarin (:mod:`pipeline.rules.gan`, a fourth dialect view, whose Mandarin reading the
semantic findings' anchor words are looked for in too) and text under bidirectional
overrides read in the order it is displayed (:mod:`pipeline.rules.bidi_order`: nested
overrides, embeddings and isolates) and Base32 of pinyin read as the letters it spells
(:func:`pipeline.rules.code_units.letters`). Every text is written for this test, none taken from
a held-out set; each violation was missed or only warned before the round, and each
legitimate text is a near miss of the same surface (Jiangxi news and dialect lessons,
canals, names; Arabic and Hebrew with real bidi marks, a phone number in right-to-left text,
a warning about reversed file names; Base32 of English and greetings, serial numbers)."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker, bidi_order, gan
from tests.test_rules_round12_evasion import checker
from tests.test_rules_round46 import _errors

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests

RLO, PDF, LRO, RLI, PDI = "\u202e", "\u202c", "\u202d", "\u2067", "\u2069"

# (rule prefix, text): each family's violations, in wordings of this test's own.
_BLOCKED = [
    ("A9-10", "箇只联谊会冇去民政登记，渠们照样刻哩章子收会费。\n"),
    ("A9-10", "箇个商会冇得登记，渠们自家刻哩公章，话是会长说了算。\n"),
    ("A9-10", "渠们箇只读书会冇登记，章子也刻哩，话是交钱就入会。\n"),
    ("A9-01", f"{RLO}府政{LRO}推翻{PDF}{PDF}，大家一起来\n"),
    ("A9-01", f"{RLI}{RLO}翻推{PDI}政府，大家一起来\n"),
    ("A9-01", "转给大家：OR2WSZTBNYQGO33OM5RWQYLOMRQW4ZY\n"),  # Base32 of pinyin
    ("A9-02", "转给大家：PBUXUYLOM4QGI5LMNE\n"),
    ("A9-09", "转给大家：MRQW6IDUMEQGU2LBEBWWK3TLN52SA4LVEBWWCIDUME\n"),
]


@pytest.mark.parametrize(("prefix", "text"), _BLOCKED)
def test_blocked(checker: RuleChecker, prefix: str, text: str) -> None:
    assert _errors(checker, text, prefix), text


_LEGITIMATE = [
    "南昌县今年新修灌溉渠道十二公里，渠首闸门已经完工，沟渠清淤冇人偷懒。\n",
    "记者在丰城采访时，一位老表笑着说：“箇两年村里变化大，渠们年轻人都回来哩。”\n",
    "阿姨带着孩子去莫斯科看展，莫名其妙下起了雨，雨哩哩啦啦下了一整天。\n",
    "新建水渠三条，干渠全长八公里，冇有一处渗漏，群众话是好工程。\n",
    "赣语里“冇”是没有的意思，“渠”是他，“箇”是这，欢迎大家来萍乡听听老表讲话。\n",
    "阿里巴巴在南昌设立分公司，阿拉伯客商也来考察，咖哩饭和英哩换算是培训内容。\n",
    "韶山、韶关的游客来到井冈山，感叹韶华易逝，箇中滋味只有自家晓得。\n",
    "老表们，箇只周末莫去河边钓鱼，水涨得快，渠们水利站话是要注意安全。\n",
    "你箇只伢崽冇吃饭就跑哩，快回来，阿屋里饭都做好哩。\n",
    "渠道建设和水渠维护都冇问题，莫斯科代表团参观后话是很满意。\n",
    "箇些年赣江边的渠们一家都冇搬走，渠话是舍不得老屋。\n",
    "مرحبا بكم في مكتب الاتصال، الهاتف \u200f+86 791 8888 1234\u200f شكرا\n",
    "שלום, המספר הוא \u202b050-123-4567\u202c ותודה\n",
    "阿拉伯语新闻：\u200fمرحبا\u200f 意为欢迎，电话 \u202a0791-88881234\u202c 。\n",
    "希伯来文“\u202bשלום\u202c”意为和平，展览在南昌举行。\n",
    f"منتدى {RLI}الصين والعرب{PDI} للتعاون، 南昌站将于十月开幕。\n",
    f"测试显示控制符：{RLO}ABC{PDF} 仅用于字体演示，内容为英文字母。\n",
    f"文件名 {RLO}txt.exe 是常见钓鱼手法，请勿打开陌生附件。\n",
    f"请注意：有人用{RLO}反向字符{PDF}伪装文件名，遇到请报告网信办。\n",
    f"阿拉伯语课：{RLO}مرحبا{PDF} 与 {LRO}مرحبا{PDF} 的显示区别。\n",
    f"展板上的{RLO}迎欢{PDF}两个字被贴反了，工作人员已经更正。\n",
    "课程作业：把 NBSWY3DPEB3W64TMMQQGM4TPNUQG4YLOMNUGC3TH 用 Base32 解码。\n",
    "编码练习（Base32）：NB2WC3TZNFXGOIDMMFUWIYLPEBXGC3TDNBQW4ZY=，答案见下期。\n",
    "设备序列号 GEZDGNBVGY3TQOJQ 已登记。\n",
    "文件校验值 NBSWY3DPEB3W64TMMQQGC3TEEBTXKZLTOQ 无误。\n",
    "下载地址 https://example.gov.cn/f/MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43UOV3HO6DZPI 请核对。\n",
]


@pytest.mark.parametrize("text", _LEGITIMATE)
def test_legitimate(checker: RuleChecker, text: str) -> None:
    assert not checker.check_text(text), text


def test_gan_needs_two_marks_and_keeps_mandarin() -> None:
    assert gan.read("箇只协会冇登记，渠们刻哩章") == "这个协会没登记，他们刻了章"
    assert gan.read("箇只协会很好") == "箇只协会很好"  # one mark only
    assert gan.read("渠道、水渠、沟渠冇问题，渠们冇来") == "渠道、水渠、沟渠没问题，他们没来"
    assert gan.read("莫斯科冇雪，渠们莫去") == "莫斯科没雪，他们别去"


def test_bidi_layout() -> None:
    text = f"a{RLO}传外{LRO}内部{PDF}准不{PDF}b"
    assert bidi_order.read(text) == "a 不准 内部 外传 b"
    places = bidi_order.order(text)
    assert places is not None and sorted(places) == list(range(len(text)))
    assert bidi_order.read(f"{RLI}{RLO}府政{PDI}其他") == " 政府  其他"  # closed by the isolate
    assert bidi_order.order("\u202bשלום\u202c 中文") is None  # no override: as written
    assert bidi_order.read(f"x{RLO}中文\n第二行") == "x 文中\n第二行"  # to the line's end
