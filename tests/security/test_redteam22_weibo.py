"""Red team, round 22: what Weibo receives is what was checked.

A post without a ``digest`` goes to Weibo as the body's opening cut to 140 characters and
"…" (``render_weibo``). The rules read the body whole: a rumour quoted and denied in the
next sentence passes, rightly, and the reviewers confirm the body; the cut sent the rumour
alone, a text no check read. Defence: ``govmedia check`` and the server's content check
read that cut as a field of its own (``PF-WEIBO-TEXT``, 微博文本) through the same rules.
Real clones of a bare remote with the installed hooks, real SSH signatures, the real CLI.
"""

from __future__ import annotations

import os
import subprocess
import sys

from pipeline.platforms.render_weibo import opening, render_weibo
from pipeline.site.paths import DEFAULT_SITE_URL
from tests.conftest import PROJECT_ROOT, run_cli
from tests.security.battery_support import Unit, accepted

POST = "content/posts/2026/12/bixian-yaoyan.md"
RUMOUR = (
    "下周即将封城，全市所有超市、菜场和加油站从周一起一律关闭，公交地铁全部停运，小区只进不出，"
    "请大家提前去囤米囤油囤药，越早越好，晚了就买不到了，家里有老人孩子的更要早做准备，"
    "据说还要挨家挨户登记，外地车辆一律不许进城，学校和医院门诊也要停"
)
DENIAL = "经核实，我市并无此安排，交通和商超一切正常，请市民不信谣、不传谣。"


def _post(*, digest: str = "", channels: str = "[wechat, weibo]", body: str = "") -> str:
    head = (
        "---\ntitle: 关于近期网络传言的说明\ndate: 2026-12-05\n"
        f"author: 王芳 <wangfang@example.gov.cn>\nchannels: {channels}\ncategory: 通知公告\n"
        "original: true\n"
    )
    if digest:
        head += f"digest: {digest}\n"
    return head + "---\n\n" + (body or f"近日有网友称“{RUMOUR}”。{DENIAL}\n")


def test_a_rumour_denied_after_the_weibo_cut_is_refused(unit: Unit) -> None:
    """Attack: the body opens with the quoted rumour and denies it after the cut; no digest.
    The body passes (the denial excuses the quotation), Weibo would receive the rumour and
    "…". Defence: the cut is checked as 微博文本: an error on the desk and on the server."""
    unit.branch("rumour")
    unit.write(POST, _post())
    unit.commit("新稿：关于近期网络传言的说明")
    checked = run_cli("check", POST, cwd=unit.clone.path)
    assert checked.code == 1, checked.out
    assert f"{POST}:10" in checked.out and "[PF-WEIBO-TEXT]" in checked.out, checked.out
    assert "微博文本" in checked.out and "[A9-06]" in checked.out, checked.out
    assert "digest" in checked.out and "移到正文开头" in checked.out, checked.out
    unit.approval_all(POST)
    err = unit.attack()
    assert f"{POST}:10: [PF-WEIBO-TEXT]" in err and "微博文本" in err, err


def test_the_same_post_with_a_digest_or_without_weibo_is_accepted(unit: Unit) -> None:
    """The honest forms: a digest (Weibo receives it, and it is checked as the digest),
    for a post that goes to Weibo or not (since round 39 WeChat's digest and the app's
    summary without one are cuts of the body too, read as ``PF-SUMMARY-TEXT``); each passes
    on the desk and on the server."""
    unit.branch("honest")
    digest = "我市没有任何封城安排，交通和商超一切正常，请不信谣、不传谣。"
    unit.write(POST, _post(digest=digest))
    other = POST.replace("bixian", "wechat-bixian")
    unit.write(other, _post(channels="[wechat, app]", digest=digest))
    unit.commit("新稿：关于近期网络传言的说明")
    for path in (POST, other):
        checked = run_cli("check", path, cwd=unit.clone.path)
        assert checked.code == 0 and "PF-WEIBO-TEXT" not in checked.out, checked.out
    unit.approval_all(POST, other)
    accepted(unit, unit.push())


def test_the_denial_moved_first_passes() -> None:
    """The other way out the message names: the denial first; the cut then holds it."""
    from pipeline.content import parse_post
    from pipeline.rules.checker import RuleChecker

    body = f"{DENIAL}近日有网友称“{RUMOUR}”，此系谣言。\n"
    post = parse_post(POST, _post(body=body).encode()).post
    assert post is not None and opening(post) is not None  # the body is cut
    rules = {f.rule for f in RuleChecker(None).check_post(post)}
    assert "PF-WEIBO-TEXT" not in rules and "A9-06" not in rules


OFFER = (
    "关注本号并转发本条消息，再点赞评论，即可参与抽奖，每天抽取十名幸运粉丝赠送最新款手机和"
    "五百元话费，转发越多中奖机会越大，活动截止到本月底，名额有限先到先得，快邀请亲朋好友一起参加吧"
)


def test_an_offer_condemned_after_the_cut_is_an_error_of_the_weibo_text() -> None:
    """The same hole with an offer (第十六条): 所谓“…”的活动 condemned as a scam in the
    sentence passes in the body; the cut ends inside the sentence, before the condemnation.
    Without a Weibo channel, WeChat's digest and the app's summary are cuts of the body
    too (round 39): read the same way, as ``PF-SUMMARY-TEXT``, a warning every reviewer
    acknowledges when only the cut makes it (enforcement news names the offence first)."""
    from pipeline.content import parse_post
    from pipeline.rules.checker import RuleChecker

    body = f"近日网上流传所谓“{OFFER}”的活动，这是冒用我局名义的诈骗，请勿参与。\n"
    checker = RuleChecker(None)
    post = parse_post(POST, _post(body=body).encode()).post
    assert post is not None
    found = checker.check_post(post)
    errors = [f for f in found if f.severity == "error" and f.rule == "PF-WEIBO-TEXT"]
    assert len(errors) == 1 and "[A16-01]" in errors[0].message
    assert (errors[0].line, errors[0].column) == (10, 10) and errors[0].match.startswith("关注本号")
    post = parse_post(POST, _post(body=body, channels="[wechat, app]").encode()).post
    assert post is not None
    found = checker.check_post(post)
    assert not [f for f in found if f.severity == "error"], found
    assert {f.rule for f in found if f.severity == "warning"} == {"PF-SUMMARY-TEXT"}


def test_the_checked_text_is_the_text_weibo_receives() -> None:
    """The renderer and the check share one cut: the status is that text between the title
    and the link."""
    from pipeline.content import parse_post

    post = parse_post(POST, _post().encode()).post
    assert post is not None
    cut = opening(post)
    assert cut is not None and cut.endswith("…") and "并无" not in cut and "封城" in cut
    assert f"】{cut} " in render_weibo(post, site_url=DEFAULT_SITE_URL)


SCRIPT = """
import sys
from pipeline.cli import main
code = main(["check", "--no-cache", sys.argv[1]])
print("markdown" in sys.modules)
"""


def test_markdown_is_imported_only_for_a_cut_that_goes_to_weibo(unit: Unit) -> None:
    """A one-post check pays the Markdown import (the renderer's) only for a post that goes
    to Weibo without a digest."""
    with_digest = _post(digest="我市没有任何封城安排，请不信谣、不传谣。")
    cases = [(with_digest, "False"), (_post(channels="[wechat]"), "False"), (_post(), "True")]
    for text, imported in cases:
        unit.write(POST, text)
        done = subprocess.run(
            [sys.executable, "-c", SCRIPT, POST],
            cwd=unit.clone.path,
            env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.stdout.strip().splitlines()[-1:] == [imported], done.stdout + done.stderr
