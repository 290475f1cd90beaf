"""What the editor should do about a finding: the fix, added to every message.

A finding says what was found and under which item; the advice says how to resolve it:
rephrase, cite the source or the enforcement body, or ask the reviewers for a waiver
with a reason.
"""

from __future__ import annotations

WAIVER = "如确属必要，可在 front matter 的 waivers 中写明规则编号与理由，交审核人员确认"

_BY_RULE = {
    "A9-11": "删除或打码（如 138****0000、仅保留姓氏）后再发布；涉密内容一律不得发布",
    "A9-12": "改用客观、中性的表述，删除个人情绪化用语",
    "A16-01": "删除吸粉营销内容；政务新媒体不得刻意追求粉丝数量",
    "A16-02": "改写标题，如实概括正文内容",
    "A17-01": "立即删除，并到平台后台更换该密钥",
    "A17-02": "立即删除，并到平台后台更换该密钥",
    "A17-03": "立即删除，并修改该账号密码（密码由专人保管）",
}
_TOPIC = (
    "如为执法通报、辟谣或普法内容，请在同一段写明执法主体和处理结果（如「公安机关依法查处」）"
    "或注明出处；否则请删除或改写"
)
_EVASION = "规避写法不会出现在正当文稿中：请删除该内容"


def advise(rule: str, message: str, evasive: bool) -> str:
    """``message`` with the fix for ``rule`` appended (once)."""
    if "修改建议：" in message:
        return message
    fix = _EVASION if evasive else _BY_RULE.get(rule, _TOPIC)
    return f"{message}。修改建议：{fix}；{WAIVER}"
