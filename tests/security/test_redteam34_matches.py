"""Red team round 34: a secret echoed inside another rule's match.

No output shows what a credential rule (``A17-*``) or the personal-data rule (``A9-11``)
matched (``findings.shown_match``, threat model 8). But the rules that read a sentence
whole, a trade of accounts or of citizens' data (``A9-13``) and the semantic layer
(``S9-13``), match the sentence with the password or the identity number in it, and their
matches were shown: ``govmedia check`` in every format (a CI log), ``verify`` (the forge's
required check) and the server's refusal printed the secret that the rule beside them hid.
Now every check masks, in every other finding of the same file, each character a secret
rule matched (``findings.masked``). Real ``govmedia check`` and ``verify`` runs, real
signed approvals and a real push to a bare remote with the real pre-receive.
"""

from __future__ import annotations

import json

import pytest

from pipeline.content import parse_post
from pipeline.findings import MASK, Finding, masked
from pipeline.platforms.render_weibo import opening
from tests.conftest import run_cli
from tests.security.battery_support import Unit
from tests.security.test_redteam27_roster_steps import _ci_verify

POST = "content/posts/2026/11/shuju-jiaoyi.md"
REPOST = "content/reposts/2026/12/zhuanfa-jiaoyi.md"
PASSWORD = "Kq7#vLm29xTp"
ID_NUMBER = "110105194912310021"
SALE = (
    f"低价出售网银账号，账号6222021234567890123 密码：{PASSWORD}，一套50元，要的私聊\n\n"
    f"出售公民个人信息，样例：张三 身份证号{ID_NUMBER}，一条两毛，要的加微信\n"
)
FRONT = (
    "---\ntitle: 系统维护通知\ndate: 2026-11-20\nauthor: 王芳 <wangfang@example.gov.cn>\n"
    "channels: [wechat]\ncategory: 便民服务\noriginal: true\n---\n\n"
)
REPOST_FRONT = (
    "---\nsource:\n  account: 呼伦贝尔发布\n  id: '5023456789012345'\nchannel: weibo\n"
    "author: 王芳 <wangfang@example.gov.cn>\ndate: 2026-12-01\n---\n"
)


def _secret_free(text: str) -> None:
    assert PASSWORD not in text, text
    assert PASSWORD[3:9] not in text, text  # not even a part of it
    assert ID_NUMBER[-8:] not in text, text


def test_a_sentence_matched_whole_never_echoes_the_secret_inside_it(unit: Unit) -> None:
    unit.branch("post/shuju")
    unit.write(POST, FRONT + SALE)
    unit.commit("新稿")
    rows = json.loads(run_cli("check", POST, "--format", "json", cwd=unit.clone.path).out)
    whole = [r for r in rows if r["rule"] in ("A9-13", "S9-13") and "出售" in r["match"]]
    assert whole, rows  # the sentence rules still show their words, the secret masked
    assert any(MASK * len(PASSWORD) in r["match"] for r in whole), whole
    assert any(MASK * len(ID_NUMBER) in r["match"] for r in whole), whole
    for fmt in ("json", "text", "github"):
        result = run_cli("check", POST, "--format", fmt, cwd=unit.clone.path)
        assert result.code == 1, result.err
        _secret_free(result.out + result.err)
    unit.approval_all(POST)  # signed by hand: nobody ran approve's check
    code, out, err = _ci_verify(unit, "--format", "github")
    assert code == 1 and f"{POST}:10:" in out, out + err
    _secret_free(out + err)
    code, out, err = _ci_verify(unit, "--format", "json")  # the post's own findings
    assert code == 1 and '"S9-13"' in out, out + err
    _secret_free(out + err)
    err = unit.attack()  # the server refuses it, naming the rules and never the secret
    assert "[A17-" in err and "[A9-13]" in err, err
    _secret_free(err)


def test_a_repost_of_the_same_sale_never_echoes_it_either(unit: Unit) -> None:
    """A repost's findings all stand at its first line: the mask reads the texts, not the
    places."""
    unit.branch("repost")
    unit.write(REPOST, REPOST_FRONT + SALE.replace("\n\n", "。"))
    unit.commit("转发")
    checked = run_cli("inbox", "check", REPOST, cwd=unit.clone.path)  # the editor's desk
    assert checked.code == 1 and "[A17-" in checked.out + checked.err, checked.out
    _secret_free(checked.out + checked.err)
    unit.approval_all(REPOST)
    code, out, err = _ci_verify(unit, "--format", "github")
    assert code == 1 and f"{REPOST}:1: [A17-" in out, out + err
    _secret_free(out + err)
    err = unit.attack()
    assert f"{REPOST}:1: [A17-" in err, err
    _secret_free(err)


def _cut_inside(rel: str, secret: str) -> str:
    """A post to Weibo whose body the status cuts after 8 to 15 characters of ``secret``."""
    for filler in range(40):
        text = FRONT.replace("[wechat]", "[weibo]") + "请注意。" * 16 + "好" * filler
        text += f"开发者密码：{secret}\n"
        cut = opening(parse_post(rel, text.encode("utf-8")).post)  # type: ignore[arg-type]
        if cut and any(f"：{secret[:n]}…" in cut for n in range(8, 16)):
            return text
    raise AssertionError("no filler cuts the status inside the secret")


def test_the_weibo_cut_of_a_secret_read_by_another_rule_is_masked(sample_repo) -> None:  # type: ignore[no-untyped-def]
    """The Weibo text cut inside a credential: the body reads ``开发者密码：…`` as a named
    secret (``A17-02``), the cut, too short for that, as a password (``A17-03``), another
    rule, so ``PF-WEIBO-TEXT`` reports it with its match; the body's secret masks it."""
    secret = "Kq7vLm29xTpAbCdEfGhXy"
    rel = "content/posts/2026/11/weibo-cut.md"
    sample_repo.write(rel, _cut_inside(rel, secret))
    rows = json.loads(run_cli("check", rel, "--format", "json", cwd=sample_repo.path).out)
    cut = [r for r in rows if r["rule"] == "PF-WEIBO-TEXT" and "[A17-03]" in r["message"]]
    assert cut and all(MASK * 8 in r["match"] for r in cut), rows
    for fmt in ("json", "text", "github"):
        shown = run_cli("check", rel, "--format", fmt, cwd=sample_repo.path)
        assert secret[:8] not in shown.out + shown.err, shown.out


def _f(rule: str, match: str, path: str = POST) -> Finding:
    return Finding(path, 3, 1, rule, "", "error", "说明", match)


@pytest.mark.parametrize(
    ("match", "shown"),
    [
        ("出售密码：abc123，私聊", f"出售{MASK * 9}，私聊"),  # the secret inside
        ("abc123，私聊", f"{MASK * 6}，私聊"),  # opens with the secret's tail
        ("出售密码：ab", f"出售{MASK * 5}"),  # ends with the secret's head
        ("码：abc", MASK * 5),  # inside the secret
        ("出售账号，私聊", "出售账号，私聊"),  # no part of it
    ],
)
def test_each_character_a_secret_rule_matched_is_masked(match: str, shown: str) -> None:
    secret = _f("A17-03", "密码：abc123")
    found = masked([secret, _f("A9-13", match), _f("A9-13", match, path="content/x.md")])
    assert found[0] == secret and found[1].match == shown
    assert found[2].match == match  # another file's finding is not this secret's
