"""Red team, round 20: the words that mark a copied text as attributed (A11-04, 第十一条).

Any ``原文`` in a body made the whole body attributed, for every copied sentence in it: a
post ending with WeChat's "read the original" link (阅读原文, a link label, in the sample
posts) copied a repost's sentences unreported, on the desk and on the server. Real clones
of a bare remote with the installed hooks, real SSH signatures, the real CLI.
"""

from __future__ import annotations

import pytest

from pipeline.rules.attribution import attributes
from tests.conftest import run_cli
from tests.security.battery_support import Unit, accepted
from tests.security.test_redteam18_copies import COPY, SOURCE, _own_post, _push_source

WECHAT = "https://mp.weixin.qq.com/s/yks-zwfw-2026-12"
REGION = "https://www.nmg.example.gov.cn/zwyw/202612/t20261202_7.html"


def test_a_copy_ending_with_a_read_the_original_link_is_refused(unit: Unit) -> None:
    """Attack: main holds the region's repost; a post copies two of its sentences and ends
    with a 阅读原文 line, as WeChat posts do. ``原文`` in the link label counted as naming a
    source: no finding on the desk, none on the server. Defence: a link label (阅读原文、
    查看原文、点击原文 …) marks no source; the copy is A11-04 on both."""
    _push_source(unit)
    unit.branch("read-more")
    unit.write(COPY, _own_post() + f"\n[阅读原文]({WECHAT})\n")
    unit.commit("新稿：我市推进政务服务一网通办")
    checked = run_cli("check", COPY, cwd=unit.clone.path)
    assert checked.code == 1 and f"{COPY}:12" in checked.out and "[A11-04]" in checked.out
    assert SOURCE in checked.out, checked.out
    unit.approval_all(COPY)
    err = unit.attack()
    assert f"{COPY}:12: [A11-04]" in err and SOURCE in err, err


@pytest.mark.parametrize(
    "label",
    [
        "阅读原文",
        f"[阅读原文]({WECHAT})",
        f"阅读原文：{WECHAT}",
        "点击查看原文",
        f"点击[原文]({WECHAT})查看",
        f"[阅读原文链接]({WECHAT})",
        "浏览原文请点击下方链接",
        "长按识别二维码阅读原文",
    ],
)
def test_a_link_label_marks_no_source(label: str) -> None:
    assert not attributes(f"正文。\n\n{label}\n"), label


@pytest.mark.parametrize(
    "line",
    [
        "来源：内蒙古自治区人民政府网",
        f"原文链接：{REGION}",
        f"原文链接 {REGION}",
        f"原文地址：<{REGION}>",
        "原文：《自治区深化政务服务一网通办》",
        "原文刊发于《内蒙古日报》",
        "本文转载自内蒙古自治区人民政府网",
        "据中国政府网消息，",
        "以下内容摘自上级通知：",
    ],
)
def test_a_source_line_still_marks_the_source(line: str) -> None:
    assert attributes(f"正文。\n\n{line}\n"), line


def test_an_honest_copy_naming_its_link_is_accepted(unit: Unit) -> None:
    """The honest copy: a 原文链接 line (with the 阅读原文 label beside it) passes on the
    desk and on the server."""
    _push_source(unit)
    unit.branch("honest")
    unit.write(COPY, _own_post() + f"\n原文链接：{REGION}\n\n[阅读原文]({WECHAT})\n")
    unit.commit("新稿（注明出处）")
    checked = run_cli("check", COPY, cwd=unit.clone.path)
    assert "A11-04" not in checked.out, checked.out
    unit.approval_all(COPY)
    accepted(unit, unit.push())
