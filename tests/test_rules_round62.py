"""Issue 12, round 62 (``docs/dev/rules-figures.md``, "Round 62"): device families built
from sets 7–51's misses to read the device in general rather than the case's words —
short runs of pinyin under ROT13 or Atbash set in Chinese text
(:func:`pipeline.rules.shifted.views`). Every text is written for this test, none taken
from a held-out set; each violation was missed or only warned before the round, and each
legitimate text is a near miss of the same surface (English words, names, brands, model
numbers and links set in Chinese)."""

from __future__ import annotations

import pytest

from pipeline.rules import RuleChecker, shifted
from tests.test_rules_round12_evasion import checker
from tests.test_rules_round46 import _errors

__all__ = ["checker"]  # the module-scoped fixture, shared with round 12's tests

# (rule prefix, text): each family's violations, in wordings of this test's own.
_BLOCKED = [
    # ROT13 or Atbash, short runs set in Chinese
    ("A16-01", "本月任务：znvsra 三万，完成有奖。\n"),  # ROT13 maifen
    ("A16-01", "各科室 znvsra 两千，fuhn lhrqh 一万。\n"),  # ROT13 maifen, shua yuedu
    ("A9-03", "周末约好了：hszl tfljr，就在广场上。\n"),  # Atbash shao guoqi
    ("A9-03", "清明去广场 hszl tfljr，一起拍视频。\n"),
]


@pytest.mark.parametrize(("prefix", "text"), _BLOCKED)
def test_blocked(checker: RuleChecker, prefix: str, text: str) -> None:
    assert _errors(checker, text, prefix), text


_LEGITIMATE = [
    "系统 crash 了，further 排查中，trash 文件已清理。\n",
    "Nathan 先生和 Crater Lake 代表团来访，wherever 他们去都受欢迎。\n",
    "型号 ABX-2000，序列号 qzmfc7，哈希 9f8e7d，网址 https://example.com/zvamh\n",
    "新款 Mate 手机和 Xiaomi 平板，Huawei 发布会，Honor 品牌。\n",
    "欢迎 Anna、Maria、Svoboda 教授来访，讲座主题 Gnome 与 KDE。\n",
    "本次培训介绍 Python、Linux 和 Docker，报名请登录 gov.example.cn。\n",
    "市图书馆新到 Harry Potter、Sherlock Holmes 英文原版，欢迎借阅。\n",
    "请在 Excel 表格里填写 name、phone、email 三列，周五前提交。\n",
]


@pytest.mark.parametrize("text", _LEGITIMATE)
def test_legitimate(checker: RuleChecker, text: str) -> None:
    assert not checker.check_text(text), text


def test_short_run_needs_han_beside_it() -> None:
    """A short run in Latin text alone is not read (its neighbours are no Chinese)."""
    text = "see znvsra and more"
    assert shifted.views(text) == (text, text)
