"""Red team, round 21b: phrases with a source word that name no source (A11-04, 第十一条).

Round 20 left the other source words matching anywhere: a post copying a repost's
sentences and ending with a footer 转载请注明出处 (a request to whoever copies it) or a
line 来源不明 (an admission that there is no source) was attributed, on the desk and on the
server. 第十一条 asks the post to name where its text came from (注明出处) or to carry a
repost mark; it forbids publishing what has no known source. Real clones of a bare remote
with the installed hooks, real SSH signatures, the real CLI.
"""

from __future__ import annotations

import pytest

from pipeline.rules.attribution import attributes, detect_quotes
from tests.conftest import run_cli
from tests.security.battery_support import Unit, accepted
from tests.security.test_redteam18_copies import COPY, SOURCE, _own_post, _push_source

REGION = "https://www.nmg.example.gov.cn/zwyw/202612/t20261202_7.html"


def test_a_copy_ending_with_a_request_to_cite_is_refused(unit: Unit) -> None:
    """Attack: main holds the region's repost; a post copies two of its sentences and ends
    with the footer 转载请注明出处. ``转载`` and ``出处`` each counted as a source word: no
    finding on the desk, none on the server. Defence: a source word names a source only
    where it introduces one, never in a request to others; the copy is A11-04 on both."""
    _push_source(unit)
    unit.branch("footer")
    unit.write(COPY, _own_post() + "\n本文欢迎转载，转载请注明出处。\n")
    unit.commit("新稿：我市推进政务服务一网通办")
    checked = run_cli("check", COPY, cwd=unit.clone.path)
    assert checked.code == 1 and f"{COPY}:12" in checked.out and "[A11-04]" in checked.out
    assert SOURCE in checked.out, checked.out
    unit.approval_all(COPY)
    err = unit.attack()
    assert f"{COPY}:12: [A11-04]" in err and SOURCE in err, err


def test_a_copy_admitting_its_source_is_unknown_is_refused(unit: Unit) -> None:
    """Attack: the same copy with a line 来源不明 (and 来源：网络): the admission that the text
    has no known source, which 第十一条 forbids publishing, counted as naming one."""
    _push_source(unit)
    unit.branch("unknown")
    unit.write(COPY, _own_post("以下内容来源不明，仅供参考。\n\n") + "\n来源：网络\n")
    unit.commit("新稿：我市推进政务服务一网通办")
    checked = run_cli("check", COPY, cwd=unit.clone.path)
    assert checked.code == 1 and f"{COPY}:14" in checked.out and "[A11-04]" in checked.out
    assert SOURCE in checked.out, checked.out


def test_an_honest_copy_with_a_source_line_and_the_footer_is_accepted(unit: Unit) -> None:
    """The honest copy: a 来源 line naming the region's site, with the same footer, passes
    on the desk and on the server."""
    _push_source(unit)
    unit.branch("honest")
    body = _own_post("来源：内蒙古自治区人民政府网\n\n") + "\n转载请注明出处。\n"
    unit.write(COPY, body)
    unit.commit("新稿（注明出处）")
    checked = run_cli("check", COPY, cwd=unit.clone.path)
    assert "A11-04" not in checked.out, checked.out
    unit.approval_all(COPY)
    accepted(unit, unit.push())


@pytest.mark.parametrize(
    "line",
    [
        "转载请注明出处",
        "如需转载，请注明来源。",
        "未经授权不得转载",
        "未经许可，禁止转载、摘编",
        "欢迎转载",
        "请注明来源：牙克石市政务服务局",
        "转载须注明出处：牙克石政务服务",
        "来源不明",
        "出处不详",
        "来源：不详",
        "来源：网络",
        "来源：未知",
        "来源：",
        "图片来源于网络，如有侵权请联系删除",
        "转自网络",
        "不要扫描来源不明的缴费二维码",
        "对来源可疑的链接和电话，请通过12345热线核实",
        "资金来源为财政拨款",
        "据网传消息，",
        "据知情人士消息，",
        "据统计，今年全市共发布",
        "统计数据由市统计局发布",
        "对违法者依法作出处罚",
    ],
)
def test_a_phrase_naming_no_source_marks_none(line: str) -> None:
    assert not attributes(f"正文。\n\n{line}\n"), line


@pytest.mark.parametrize(
    "line",
    [
        "来源：内蒙古自治区人民政府网",
        "来源｜新华社",
        "来源 | 呼伦贝尔日报",
        "来源：无锡市人民政府",
        f"原文链接：{REGION}",
        "本文转载自内蒙古自治区人民政府网",
        "转载：人民网",
        "转自人民网",
        "数据来源于市统计局",
        "据中国政府网消息，",
        "根据新华社报道，",
        "【转载】",
        "本文系转载，转载请注明出处",
        "经新华社授权转载",
    ],
)
def test_a_line_naming_a_source_still_marks_it(line: str) -> None:
    assert attributes(f"正文。\n\n{line}\n"), line


def test_a_long_quote_needs_a_source_that_names_one() -> None:
    """A11-03 reads the same words: a long quote beside 来源不明 has no source line; beside
    来源：… it has."""
    quote = "> " + "自治区全面推行政务服务事项统一名称统一材料统一时限减少办理标准不一的问题" * 3
    assert detect_quotes(f"{quote}\n\n来源不明\n", attributed=False)
    assert not detect_quotes(f"{quote}\n\n来源：内蒙古自治区人民政府网\n", attributed=False)
