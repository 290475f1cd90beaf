"""Red team round 35: a credential echoed by a field refused before the rules ran, and by
the Weibo cut where the body's rules find no secret.

Round 34 masked, in every other finding of a file, what a secret rule (``A17-*``,
``A9-11``) matched. Two echoes had no secret finding beside them to be masked by: a
front-matter field the loader refuses is shown whole as its finding's match (a title over
WeChat's length, with the administrator's password in it, was printed by ``check`` in
every format, by the forge's ``verify`` and in the server's refusal), and a Weibo cut that
a secret rule reads (``PF-WEIBO-TEXT`` names the inner rule and shows its match) where the
body holds no secret finding at the same words. Real ``govmedia check`` and ``verify``
runs, real signed approvals, a real push to a bare remote with the real pre-receive.
"""

from __future__ import annotations

import json

from pipeline.content import parse_post
from pipeline.findings import MASK, SECRET_RULES
from pipeline.platforms.render_weibo import opening
from pipeline.rules.checker import RuleChecker
from pipeline.rules.weibo_field import RULE, weibo_findings
from tests.conftest import run_cli
from tests.security.battery_support import Unit
from tests.security.test_redteam27_roster_steps import _ci_verify

POST = "content/posts/2026/11/weihu-tongzhi.md"
PASSWORD = "Kq7vLm29xTpAbC"
TITLE = (
    f"系统维护通知，后台管理员密码：{PASSWORD}，请各位同事登录后立即修改并妥善保管，"
    "不得外传，谢谢配合本次系统维护工作"
)
FRONT = (
    f"---\ntitle: {TITLE}\ndate: 2026-11-20\nauthor: 王芳 <wangfang@example.gov.cn>\n"
    "channels: [wechat]\ncategory: 便民服务\noriginal: true\n---\n\n本周六系统维护。\n"
)


def _secret_free(text: str) -> None:
    assert PASSWORD[2:10] not in text, text


def test_a_title_refused_for_its_length_never_echoes_the_password_in_it(unit: Unit) -> None:
    unit.branch("post/weihu")
    unit.write(POST, FRONT)
    unit.commit("新稿")
    rows = json.loads(run_cli("check", POST, "--format", "json", cwd=unit.clone.path).out)
    length = [r for r in rows if r["rule"] == "title-length"]
    assert length and MASK * len(PASSWORD) in length[0]["match"], rows  # the rest is shown
    assert "系统维护通知" in length[0]["match"]
    for fmt in ("json", "text", "github"):
        result = run_cli("check", POST, "--format", fmt, cwd=unit.clone.path)
        assert result.code == 1 and "title-length" in result.out, result.out + result.err
        _secret_free(result.out + result.err)
    unit.approval_all(POST)  # signed by hand: nobody ran approve's check
    code, out, err = _ci_verify(unit, "--format", "github")
    assert code == 1 and "title-length" in out, out + err
    _secret_free(out + err)
    code, out, err = _ci_verify(unit, "--format", "json")
    assert code == 1, out + err
    _secret_free(out + err)
    err = unit.attack()  # the server refuses it, naming the field and never the password
    assert "title-length" in err, err
    _secret_free(err)


def test_a_field_quoted_in_its_refusal_never_echoes_the_password_in_it(unit: Unit) -> None:
    """A value the loader quotes in its message (``date-invalid``), not in its match: the
    check masks it, and ``verify`` and the server name the line and field without it."""
    unit.branch("post/weihu")
    unit.write(
        POST,
        FRONT.replace(TITLE, "系统维护通知").replace(
            "date: 2026-11-20", f"date: 管理员密码：{PASSWORD}"
        ),
    )
    unit.commit("新稿")
    for fmt in ("json", "text", "github"):
        result = run_cli("check", POST, "--format", fmt, cwd=unit.clone.path)
        assert result.code == 1 and "date-invalid" in result.out, result.out + result.err
        assert MASK * len(PASSWORD) in result.out, result.out
        _secret_free(result.out + result.err)
    unit.approval_all(POST)
    code, out, err = _ci_verify(unit, "--format", "github")
    assert code == 1 and "第 3 行" in out + err, out + err
    _secret_free(out + err)
    err = unit.attack()
    assert "date-invalid" in err or "第 3 行" in err, err
    _secret_free(err)


REPOST = "content/reposts/2026/12/zhuanfa-weihu.md"
REPOST_TEXT = (
    "---\nsource:\n  account: 呼伦贝尔发布\n  id: '5023456789012345'\nchannel: weibo\n"
    f"author: 王芳 <wangfang@example.gov.cn>\ndate: 管理员密码：{PASSWORD}\n---\n转发。\n"
)


def test_a_reposts_refused_field_never_echoes_the_password_in_it(unit: Unit) -> None:
    """The same for a repost: ``inbox check`` masks it, ``verify`` and the server name
    the line without it."""
    unit.branch("repost")
    unit.write(REPOST, REPOST_TEXT)
    unit.commit("转发")
    checked = run_cli("inbox", "check", REPOST, cwd=unit.clone.path)
    assert checked.code == 1 and "R12-date" in checked.out, checked.out + checked.err
    assert MASK * len(PASSWORD) in checked.out, checked.out
    _secret_free(checked.out + checked.err)
    unit.approval_all(REPOST)
    code, out, err = _ci_verify(unit, "--format", "github")
    assert code == 1 and "第 7 行" in out + err, out + err
    _secret_free(out + err)
    err = unit.attack()
    assert "第 7 行" in err or "R12-date" in err, err
    _secret_free(err)


def _cut_inside(rel: str, secret: str) -> str:
    """A post to Weibo whose status is cut after 8 to 15 characters of ``secret``."""
    front = FRONT.replace(TITLE, "系统维护通知").replace("[wechat]", "[weibo]")
    for filler in range(40):
        text = front.replace("本周六系统维护。\n", "") + "请注意。" * 16 + "好" * filler
        text += f"开发者密码：{secret}\n"
        cut = opening(parse_post(rel, text.encode("utf-8")).post)  # type: ignore[arg-type]
        if cut and any(f"：{secret[:n]}…" in cut for n in range(8, 16)):
            return text
    raise AssertionError("no filler cuts the status inside the secret")


def test_a_weibo_cut_read_as_a_secret_never_shows_it_without_the_bodys_secret(
    sample_repo,  # type: ignore[no-untyped-def]
) -> None:
    """The wrapper alone: the body's detections handed over hold no secret (as where the
    body's rules find none at those words), and the cut is read as a password."""
    secret = "Kq7vLm29xTpAbCdEfGhXy"
    rel = "content/posts/2026/11/weibo-cut.md"
    post = parse_post(rel, _cut_inside(rel, secret).encode("utf-8")).post
    assert post is not None
    checker = RuleChecker(sample_repo.path)
    found = weibo_findings(post, None, checker.check_text, [])
    inner = [f for f in found if f.rule == RULE and "[A17-" in f.message]
    assert inner, found  # the cut is still reported, naming the secret rule
    for f in found:
        assert secret[:6] not in f.match, f
        assert not f.rule.startswith(SECRET_RULES)
    assert all(set(f.match) <= {MASK} for f in inner), inner
