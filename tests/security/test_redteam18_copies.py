"""Red team, round 18a: the server compares a pushed post with the archive's posts (A11-04).

``govmedia check`` flags a sentence copied from an earlier repost (someone else's work,
``original: false``) without attribution as an error (第十一条, ``A11-04``). The server's
content check (round 17) ran every rule but that one: the bare repository has no checkout,
so its copy index was empty, and a post copying another unit's text reached main and the
public under three hand-written approvals. Real pushes to a bare repository with the
installed hooks, real SSH signatures; the honest push beside each attack.
"""

from __future__ import annotations

import pytest

from pipeline.content import parse_post
from pipeline.rules.attribution import entry_and_keys
from tests.security.battery_support import Unit, accepted

SOURCE = "content/posts/2026/12/zizhiqu-yiwangtongban.md"
COPY = "content/posts/2026/12/benshi-yiwangtongban.md"
# Two sentences of the superior's article, each well over the copy index's 24 characters.
COPIED = (
    "自治区全面推行政务服务事项统一名称统一材料统一时限，减少同一事项在不同地方办理标准不一的问题。"
    "各地要加快电子证照在企业开办和不动产登记等高频事项中的共享应用，让企业群众少跑腿。"
)


def _repost() -> str:
    return (
        "---\ntitle: 自治区深化政务服务一网通办\ndate: 2026-12-01\n"
        "author: 王芳 <wangfang@example.gov.cn>\nchannels: [wechat, weibo]\ncategory: 转载\n"
        "original: false\nsource:\n  name: 内蒙古自治区人民政府网\n"
        "  url: https://www.nmg.example.gov.cn/zwyw/202612/t20261201_1.html\n"
        "  title: 自治区深化政务服务一网通办\n---\n\n"
        f"来源：内蒙古自治区人民政府网\n\n{COPIED}\n"
    )


def _own_post(extra: str = "") -> str:
    return (
        "---\ntitle: 我市推进政务服务一网通办\ndate: 2026-12-05\n"
        "author: 王芳 <wangfang@example.gov.cn>\nchannels: [wechat, weibo]\ncategory: 通知公告\n"
        "original: true\n---\n\n我市政务服务大厅本月起推行新的办事指南。\n\n"
        f"{extra}{COPIED}\n"
    )


def _push_source(unit: Unit) -> None:
    unit.branch("source")
    unit.write(SOURCE, _repost())
    unit.commit("转载：自治区深化政务服务一网通办")
    unit.approval_all(SOURCE)
    accepted(unit, unit.push())
    unit.fetch()


def test_a_post_copying_an_archived_repost_without_attribution_is_refused(unit: Unit) -> None:
    """Attack: main holds a repost of the region's article; a post of the unit copies two of
    its sentences without naming the source, approved with hand-written trailers (no
    ``govmedia approve``, so no local check). Defence: the server keys main's posts before
    the push from git objects and refuses the copied sentences as ``A11-04`` errors."""
    _push_source(unit)
    unit.branch("copy")
    unit.write(COPY, _own_post())
    unit.commit("新稿：我市推进政务服务一网通办")
    unit.approval_all(COPY)
    err = unit.attack()
    assert f"{COPY}:12: [A11-04]" in err and SOURCE in err, err

    unit.branch("attributed")  # the same post naming its source is accepted
    unit.write(COPY, _own_post("以下内容摘自自治区人民政府网：\n\n"))
    unit.commit("新稿：我市推进政务服务一网通办（注明出处）")
    unit.approval_all(COPY)
    accepted(unit, unit.push())


def test_a_repost_and_its_copy_pushed_together_are_compared(unit: Unit) -> None:
    """Attack: the repost and the post copying it arrive in one push, so neither is on main
    yet. Defence: the index is main's posts with the push's posts over them, the posts a
    checkout of the pushed tip holds (what ``govmedia check`` compares)."""
    unit.branch("both")
    unit.write(SOURCE, _repost())
    unit.write(COPY, _own_post())
    unit.commit("转载与新稿")
    unit.approval_all(SOURCE, COPY)
    err = unit.attack()
    assert f"{COPY}:12: [A11-04]" in err, err
    assert f"{SOURCE}:" not in err.replace(f"转载文章 {SOURCE}", ""), err


def test_a_changed_post_is_not_compared_with_its_own_earlier_version(unit: Unit) -> None:
    """A correction of the repost itself (same path) is not a copy of its earlier version:
    the index holds the pushed blob in place of main's, and a path never matches itself."""
    _push_source(unit)
    unit.branch("correction")
    unit.write(SOURCE, _repost().replace("让企业群众少跑腿", "让企业和群众少跑腿"))
    unit.commit("更正：转载稿措辞")
    unit.approval_all(SOURCE)
    accepted(unit, unit.push())


def test_a_post_dated_before_the_repost_it_copies_is_still_a_copy(unit: Unit) -> None:
    """Attack: the copy index takes a sentence's source to be the post of the earlier
    ``date``, a field the editor writes: the copying post, dated a month before the repost
    that main already holds, was taken for the original and accepted. Defence: on the
    server, a post main held before the push is earlier than any post the push brings,
    whatever date either claims; between the push's own posts, their dates decide."""
    _push_source(unit)
    unit.branch("backdated")
    unit.write(COPY, _own_post().replace("date: 2026-12-05", "date: 2026-11-01"))
    unit.commit("新稿：我市推进政务服务一网通办")
    unit.approval_all(COPY)
    err = unit.attack()
    assert f"{COPY}:12: [A11-04]" in err and SOURCE in err, err


@pytest.mark.parametrize(
    "line", ["original: no", "original: False", "original: false  # 转载", '"original": false']
)
def test_the_index_reads_original_as_the_post_loader_does(line: str) -> None:
    """``RepoIndex`` read ``original`` with a line pattern: a repost written ``original: no``
    (YAML's false, which the post loader takes) was the unit's own text to it, so a copy of
    it was a warning, which no server refuses. Each spelling the loader reads as false is a
    repost to the index too."""
    text = _repost().replace("original: false", line)
    loaded = parse_post(SOURCE, text.encode())
    assert loaded.post is not None and loaded.post.original is False
    found = entry_and_keys(SOURCE, text)
    assert found is not None and found[0].original is False and found[1]


def test_a_copy_of_a_repost_written_original_no_is_refused(unit: Unit) -> None:
    """Attack: the editor writes the repost ``original: no``; the post copying it later was
    only warned of (``与本单位此前文章…相同``, naming the other unit's text the unit's own)
    and accepted under hand-written approvals. Defence: the index reads the front matter as
    the post loader does."""
    unit.branch("source")
    unit.write(SOURCE, _repost().replace("original: false", "original: no"))
    unit.commit("转载：自治区深化政务服务一网通办")
    unit.approval_all(SOURCE)
    accepted(unit, unit.push())
    unit.fetch()
    unit.branch("copy")
    unit.write(COPY, _own_post())
    unit.commit("新稿：我市推进政务服务一网通办")
    unit.approval_all(COPY)
    err = unit.attack()
    assert f"{COPY}:12: [A11-04]" in err and "转载文章" in err, err
