"""Red team round 36: a credential hidden from the secret rules by Markdown a reader never sees.

The secret rules (``A17-*``) read the Markdown source; markup between a label and its value
(``管理员**密码**：…``, the value in a code span, the colon as a character reference, the
label a link) left every rule silent, the check clean, and the platforms showed
``管理员密码：…`` to every reader. Real ``govmedia check`` runs, real signed approvals, a
real push to a bare remote with the real pre-receive.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli
from tests.security.battery_support import Unit

POST = "content/posts/2026/11/weihu-tongzhi.md"
PASSWORD = "Kq7vLm29xTpAbC"
FRONT = (
    "---\ntitle: 系统维护通知\ndate: 2026-11-20\nauthor: 王芳 <wangfang@example.gov.cn>\n"
    "channels: [wechat]\ncategory: 便民服务\noriginal: true\n---\n\n本周六系统维护。\n\n"
)
HIDDEN = {
    "bold-label": f"维护期间后台管理员**密码**：{PASSWORD}，请登录后修改。\n",
    "code-span": f"维护期间后台管理员密码：`{PASSWORD}`，请登录后修改。\n",
    "entity-colon": f"维护期间后台管理员密码&#65306;{PASSWORD}，请登录后修改。\n",
    "link-label": f"维护期间后台管理员[密码](https://www.example.gov.cn/)：{PASSWORD}，请登录后修改。\n",
    "entity-label": f"维护期间后台管理员密&#30721;：{PASSWORD}，请登录后修改。\n",
}


@pytest.mark.parametrize("how", sorted(HIDDEN))
def test_a_password_split_from_its_label_by_markup_is_still_found(unit: Unit, how: str) -> None:
    unit.branch("post/weihu")
    unit.write(POST, FRONT + HIDDEN[how])
    unit.commit("新稿")
    result = run_cli("check", POST, "--format", "json", cwd=unit.clone.path)
    assert result.code == 1, result.out + result.err
    rows = json.loads(result.out)
    assert any(r["rule"] == "A17-03" for r in rows), rows
    for fmt in ("json", "text", "github"):
        shown = run_cli("check", POST, "--format", fmt, cwd=unit.clone.path)
        assert PASSWORD[2:10] not in shown.out + shown.err, shown.out
    if how == "bold-label":  # the server refuses the push, three honest approvals or not
        unit.approval_all(POST)
        err = unit.attack()
        assert "A17-03" in err, err
        assert PASSWORD[2:10] not in err, err


def test_markup_around_a_refusal_to_tell_a_password_is_no_finding(unit: Unit) -> None:
    """The honest side: emphasis on 密码 in a warning names no value."""
    unit.branch("post/weihu")
    unit.write(POST, FRONT + "请勿向任何人透露**密码**和`验证码`，谨防诈骗。\n")
    unit.commit("新稿")
    result = run_cli("check", POST, "--format", "json", cwd=unit.clone.path)
    rows = json.loads(result.out or "[]")
    assert not [r for r in rows if r["rule"].startswith("A17-")], rows
