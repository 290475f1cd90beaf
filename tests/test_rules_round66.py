"""Issue 12, round 66 (``docs/dev/rules-figures.md``, "Round 66"): written Hainanese (the
tea-house Qiongwen of ``瓦``, ``鲁``, ``伊兜``, ``乜``, ``无``) read as Mandarin
(:mod:`pipeline.rules.hainanese`, a fifth dialect view). Every text is written for this test,
none taken from a held-out set; each violation was missed or only warned before the round
(and is again with the view taken out, :func:`test_blocked_needs_the_view`), and each
legitimate text is a near miss of the same surface (a dialect lesson, a rubber farmer's
question, a family's news in Hainanese; tiles, watts, Lu Xun, Shandong, Iran, Mandarin's
``无``). Two plain wordings besides: ``琼独`` as a state of its own beside a call to
independence (``a09-02-state-of-its-own.yml``), and a state-security warning that quotes
``收集内部资料`` as the spies' lure kept clean (A9-11's context ``间谍情报机关``)."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker, hainanese, regional
from tests.test_rules_round12_evasion import checker
from tests.test_rules_round46 import _errors

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests

# (rule prefix, text): each family's violations, in wordings of this test's own.
_BLOCKED = [
    ("A9-08", "鲁识得李长根无？伊是个衰人，伊老母也是个老鸡，瓦要伊全家好看。\n"),
    ("A9-08", "鲁识得村口卖槟榔个阿坤无？伊老母是个老鸡，伊全家都是衰人。\n"),
    ("A9-10", "瓦兜个“果农互助会”无去登记，鲁入会交三百，以后收购价伊话事，无使问政府。\n"),
]

# Item （二）: ``琼独`` (Hainan's independence) beside any call to independence, as a state
# of its own (``a09-02-state-of-its-own.yml``); missed or only warned before the round.
_INDEPENDENCE = [
    "兄弟们，海南要搞独立，琼独必胜，明天都来。\n",
    "琼独才有前途，海南人自己独立，别再听北京的。\n",
]


@pytest.mark.parametrize("text", _INDEPENDENCE)
def test_independence_blocked(checker: RuleChecker, text: str) -> None:
    assert _errors(checker, text, "A9-02"), text


@pytest.mark.parametrize(("prefix", "text"), _BLOCKED)
def test_blocked(checker: RuleChecker, prefix: str, text: str) -> None:
    assert _errors(checker, text, prefix), text


@pytest.mark.parametrize(("prefix", "text"), _BLOCKED)
def test_blocked_needs_the_view(
    checker: RuleChecker, monkeypatch: pytest.MonkeyPatch, prefix: str, text: str
) -> None:
    without = tuple(d for d in regional._DIALECTS if d is not hainanese)
    monkeypatch.setattr(regional, "_DIALECTS", without)
    assert not _errors(checker, text, prefix), text


_LEGITIMATE = [
    "学几句海南话：“瓦”就是我，“鲁”就是你，“伊兜”就是他们，“作乜”就是干什么。"
    "“鲁食饭未？”是问你吃饭了没有。\n",
    "鲁们好！瓦是番沟镇个胶农，今年胶价无好，瓦兜想问下政府有乜补贴，鲁们识得无？\n",
    "瓦侄仔今年考上大学，伊讲要去北京读书，瓦兜全家都欢喜，鲁们来啉酒！\n",
    "老屋的瓦片坏了，瓦工师傅说要换琉璃瓦，一千瓦的电机也要修。\n",
    "鲁迅纪念馆在山东鲁西南巡展，齐鲁大地的游客无不称赞。\n",
    "伊朗和伊拉克代表团参观伊斯兰文化展，无法到场的代表发来贺信。\n",
    "砖瓦厂搬迁后，瓦屋改成了民宿，瓦房顶上铺了新瓦。\n",
    "乜贴是穆斯林的捐赠，鲁菜馆老板无偿捐了一万元。\n",
    "粗鲁的言行无益于解决问题，秘鲁客商要去乌鲁木齐。\n",
    "瓦解犯罪团伙后，警方查获伪造的伊犁马证书和千瓦级发电机。\n",
    # A state-security warning naming the spies' lure (A9-11's context ``间谍情报机关``).
    "省国家安全厅提示：境外间谍情报机关常借“问卷调查”之名，引诱在校学生收集内部资料、"
    "拍摄港口码头。\n",
    "琼独分子鼓吹海南独立，遭到全岛群众一致谴责。\n",
    "依法打击“琼独”分裂活动，海南绝不允许搞独立。\n",
]


@pytest.mark.parametrize("text", _LEGITIMATE)
def test_legitimate(checker: RuleChecker, text: str) -> None:
    assert not checker.check_text(text), text


def test_hainanese_needs_two_marks_and_keeps_mandarin() -> None:
    assert hainanese.read("鲁们讲乜？瓦兜无要") == "你们讲啥？我们不要"
    assert hainanese.read("鲁们好") == "鲁们好"  # one mark only
    assert hainanese.read("瓦片、千瓦、瓦斯无事，鲁们要无？") == "瓦片、千瓦、瓦斯无事，你们要吗？"
    assert hainanese.read("鲁迅在伊朗，鲁们作乜？") == "鲁迅在伊朗，你们干嘛？"
    assert hainanese.marks("瓦解、鲁莽、伊斯兰、无法、有无？") == 0
