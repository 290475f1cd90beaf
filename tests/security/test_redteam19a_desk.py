"""Red team, round 19a: what the reviewer's own tools trust about copied text (A11-04).

Round 18a made the server order a copied sentence's posts by git (main's posts before
the push are earlier than any the push brings) and left the desk on the dates the posts
claim: a backdated copy looked like the source to ``govmedia check``, ``approve`` and
``status``, which then flagged the source itself. And a post named its source by any
word the source's title is (通知). Real clones of a bare remote with the installed hooks,
real SSH signatures, the real CLI in a new process.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.errors import GovmediaError
from pipeline.rules.copy_order import UNORDERED
from tests.conftest import run_cli
from tests.security.battery_support import Unit, accepted
from tests.security.test_redteam18_copies import COPIED, COPY, SOURCE, _own_post, _push_source

BACKDATED = _own_post().replace("date: 2026-12-05", "date: 2026-11-01")
NOTICE = "content/posts/2026/12/shangji-tongzhi.md"
UNIT_NAME = "内蒙古自治区人民政府网"
OLD = "content/posts/2026/03/zhangshang-app-shangxian.md"  # on main, dated March
LINK = "https://www.nmg.example.gov.cn/zwgk/202612/t20261201_2.html"


def _backdated_branch(unit: Unit) -> None:
    _push_source(unit)
    unit.branch("backdated")
    unit.write(COPY, BACKDATED)
    unit.commit("新稿：我市推进政务服务一网通办")


def test_the_desk_orders_a_backdated_copy_as_the_server_does(unit: Unit) -> None:
    """Attack: main holds the region's repost (dated 12-01); the editor's copy of two of
    its sentences is dated 11-01, so by the dates it was the source: ``check`` passed it
    and flagged the repost on main instead, ``status`` offered the approve commands and
    ``approve`` signed it; only the server refused. Defence: the desk orders by git as
    the server does (main's unchanged posts first), so all three name the copy."""
    _backdated_branch(unit)
    here = unit.clone.path
    checked = run_cli("check", COPY, cwd=here)
    assert checked.code == 1 and f"{COPY}:12" in checked.out and "[A11-04]" in checked.out
    assert SOURCE in checked.out and UNORDERED not in checked.err, checked.out + checked.err
    source = run_cli("check", SOURCE, cwd=here)  # the repost on main is nobody's copy
    assert source.code == 0 and "A11-04" not in source.out, source.out
    status = run_cli("status", cwd=here)
    assert "先修正" in status.out and f"govmedia check {COPY}" in status.out, status.out
    with pytest.raises(GovmediaError, match=r"A11-04"):
        unit.approve("张伟", 1, COPY)
    unit.approval_all(COPY)  # the same verdict as the server's
    err = unit.attack()
    assert f"{COPY}:12: [A11-04]" in err and SOURCE in err, err


def test_a_post_the_change_edits_is_not_earlier_than_main(unit: Unit) -> None:
    """A post of main counts as earlier only while the working tree has it unchanged: an
    old post of main (dated March) edited so that it copies the repost main holds is
    the copy, on the desk and on the server, however early it is dated."""
    _push_source(unit)
    unit.branch("rewrite")
    old = unit.clone.path / OLD
    old.write_text(old.read_text("utf-8").rstrip("\n") + f"\n\n{COPIED}\n", "utf-8")
    checked = run_cli("check", OLD, cwd=unit.clone.path)  # uncommitted: the working tree
    assert checked.code == 1 and "[A11-04]" in checked.out and SOURCE in checked.out
    unit.commit("补充：一网通办")
    unit.approval_all(OLD)
    err = unit.attack()
    assert f"{OLD}:" in err and "[A11-04]" in err and SOURCE in err, err


def test_outside_git_the_dates_decide_and_check_says_so(unit: Unit, tmp_path: Path) -> None:
    """Without a repository there is no main to order by: the dates the posts claim decide,
    and ``check`` says that the server judges by git and may differ. Inside the clone it
    says nothing of the kind."""
    _backdated_branch(unit)
    plain = tmp_path / "plain"
    shutil.copytree(unit.clone.path, plain, ignore=shutil.ignore_patterns(".git"))
    checked = run_cli("check", COPY, cwd=plain)
    assert checked.code == 0 and UNORDERED in checked.err, checked.out + checked.err
    inside = run_cli("check", "content/posts", cwd=unit.clone.path)
    assert UNORDERED not in inside.err, inside.err


def _notice_repost() -> str:
    return (
        "---\ntitle: 通知\ndate: 2026-12-01\n"
        "author: 王芳 <wangfang@example.gov.cn>\nchannels: [wechat, weibo]\ncategory: 转载\n"
        f"original: no\nsource:\n  name: {UNIT_NAME}\n  url: {LINK}\n  title: 通知\n---\n\n"
        f"来源：{UNIT_NAME}\n\n{COPIED}\n"
    )


def _push_notice(unit: Unit) -> None:
    unit.branch("notice")
    unit.write(NOTICE, _notice_repost())
    unit.commit("转载：通知")
    unit.approval_all(NOTICE)
    accepted(unit, unit.push())
    unit.fetch()


@pytest.mark.parametrize(
    "naming",
    [
        pytest.param("", id="no-name"),
        pytest.param("按照上级通知要求，", id="common-title"),
    ],
)
def test_a_common_word_does_not_name_the_source(unit: Unit, naming: str) -> None:
    """Attack: main holds a repost titled 通知 (the source's own title, kept as 第十一条
    asks); a post copying its sentences wrote 通知 somewhere, which counted as naming it:
    no finding on the desk, none on the server. Defence: a title names a post only when
    it has at least ``TITLE_MIN`` characters; the message says what names it."""
    _push_notice(unit)
    unit.branch("copy")
    unit.write(COPY, _own_post(naming))
    unit.commit("新稿")
    checked = run_cli("check", COPY, cwd=unit.clone.path)
    assert checked.code == 1 and f"{COPY}:12" in checked.out and NOTICE in checked.out
    assert "source.name" in checked.out and "source.url" in checked.out, checked.out
    unit.approval_all(COPY)
    err = unit.attack()
    assert f"{COPY}:12: [A11-04]" in err and NOTICE in err, err


@pytest.mark.parametrize(
    "naming",
    [
        pytest.param(f"{UNIT_NAME}刊文指出：", id="unit"),
        pytest.param(f"详见 {LINK} 。\n\n", id="link"),
        pytest.param("以下内容摘自上级通知：", id="source-word"),
    ],
)
def test_a_copy_naming_its_source_specifically_passes(unit: Unit, naming: str) -> None:
    """The honest copies: naming the repost's source unit (``source.name``), its link
    (``source.url``) or marking the text as taken (摘自, the article's 转载标识) pass on
    the desk and on the server."""
    _push_notice(unit)
    unit.branch("copy")
    unit.write(COPY, _own_post(naming))
    unit.commit("新稿（注明出处）")
    checked = run_cli("check", COPY, cwd=unit.clone.path)
    assert "A11-04" not in checked.out, checked.out
    unit.approval_all(COPY)
    accepted(unit, unit.push())


def test_status_never_calls_a_post_the_server_refuses_publishable(unit: Unit) -> None:
    """Attack (probe of the reviewer's path): three reviewers sign a copy by hand
    (``git commit -S`` with the trailers, no ``govmedia approve``); ``status`` marked it
    "✓ 已完成三审，合并后即可发布" from the signatures alone, though the server re-runs
    the check and refuses it. Defence: the mark counts the check's errors too."""
    _push_source(unit)
    unit.branch("copy")
    unit.write(COPY, _own_post())
    unit.commit("新稿：我市推进政务服务一网通办")
    unit.approval_all(COPY)
    status = run_cli("status", cwd=unit.clone.path)
    assert "合并后即可发布" not in status.out and "服务器会拒绝合并" in status.out, status.out
    err = unit.attack()
    assert f"{COPY}:12: [A11-04]" in err, err

    unit.branch("attributed")  # the honest post, named its source: publishable, accepted
    unit.write(COPY, _own_post("以下内容摘自自治区人民政府网：\n\n"))
    unit.commit("新稿（注明出处）")
    unit.approval_all(COPY)
    status = run_cli("status", cwd=unit.clone.path)
    assert "✓ 已完成三审，合并后即可发布" in status.out, status.out
    accepted(unit, unit.push())
