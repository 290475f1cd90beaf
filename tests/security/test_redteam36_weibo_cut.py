"""Red team round 36: a secret read only in the Weibo cut, echoed by another finding of the post.

Round 35 masked what a secret rule reads in the status cut in the cut's own findings
(``PF-WEIBO-TEXT``); the post's other findings were masked only by the secrets the body's
and the fields' rules found. A value that only the cut reads as a credential (cut short,
it has the shape a rule of the unit's asks for; whole, it has not) was written as ``＊`` in
the cut's finding and shown whole by a finding of the body that matches its sentence. A
real unit rule file, a real ``govmedia check``.
"""

from __future__ import annotations

import json

from pipeline.content import parse_post
from pipeline.findings import MASK
from pipeline.platforms.render_weibo import opening
from tests.conftest import run_cli
from tests.security.battery_support import Unit, accepted
from tests.security.redteam_support import approve_chain

POST = "content/posts/2026/11/tongxing.md"
RULES = "content/rules/a17-tongxing.yml"
CODE = "QX7M2K9PRT5WZ3NB"  # sixteen characters: no 6-10 character code, cut short: one
RULE_FILE = (
    "kind: pattern\nrules:\n"
    "  - id: A17-02\n    name: tongxing-code\n    level: error\n"
    "    message: 文章中出现内部系统通行码\n"
    "    pattern: '通行码[A-Z0-9]{6,10}(?![A-Z0-9])'\n"
    "  - id: A9-13\n    name: tongxing-sale\n    level: error\n"
    "    message: 出售内部系统通行码\n"
    "    pattern: '出售内部系统[^。\\n]{0,60}'\n"
)
FRONT = (
    "---\ntitle: 系统通知\ndate: 2026-11-20\nauthor: 王芳 <wangfang@example.gov.cn>\n"
    "channels: [weibo]\ncategory: 便民服务\noriginal: true\n---\n\n"
)


def _cut_inside() -> str:
    """A post whose status is cut after 6 to 10 characters of the code."""
    for filler in range(60):
        text = FRONT + "请注意。" * 16 + "好" * filler + f"出售内部系统通行码{CODE}。\n"
        cut = opening(parse_post(POST, text.encode("utf-8")).post)  # type: ignore[arg-type]
        if cut and any(cut.endswith(f"通行码{CODE[:n]}…") for n in range(6, 11)):
            return text
    raise AssertionError("no filler cuts the status inside the code")


def test_a_value_only_the_weibo_cut_reads_as_a_secret_is_masked_in_every_finding(
    unit: Unit,
) -> None:
    unit.branch("rule")  # the unit's rule files, approved and on main
    unit.write(RULES, RULE_FILE)
    unit.commit("A unit rule")
    approve_chain(unit, RULES)
    accepted(unit, unit.push())
    unit.fetch()
    unit.branch("post/tongxing")
    unit.write(POST, _cut_inside())
    unit.commit("新稿")
    result = run_cli("check", POST, "--format", "json", cwd=unit.clone.path)
    assert result.code == 1, result.out + result.err
    rows = json.loads(result.out)
    cut = [r for r in rows if r["rule"] == "PF-WEIBO-TEXT" and "[A17-02]" in r["message"]]
    assert cut, rows  # the cut is read as a secret, the body is not
    assert not [r for r in rows if r["rule"] == "A17-02"], rows
    sale = [r for r in rows if r["rule"] == "A9-13"]
    assert sale and "出售内部系统" in sale[0]["match"], rows  # the sentence is still shown
    assert MASK in sale[0]["match"], rows
    for fmt in ("json", "text", "github"):
        shown = run_cli("check", POST, "--format", fmt, cwd=unit.clone.path)
        assert CODE[:6] not in shown.out + shown.err, shown.out
