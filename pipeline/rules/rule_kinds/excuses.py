"""The excuses of a combination rule (its ``unless`` words), and what turns them.

An ``unless`` word near a combination's match drops it (legal drafting, enforcement, a
warning: :mod:`pipeline.rules.rule_kinds.combination`), unless the word is negated or defied
right before it (``别怪我没提醒``, ``谁规定不能``, round 25: ``从没被查处过``), waived
(``不用去公安申请``), turned by its object (``反对统一``, ``不得外传：附…``) or called wrong
(``禁止宗教活动是错的``). Split from the combination kind in round 25 (issue 12).
"""

from __future__ import annotations

from functools import cache

# Words that deny the need for what follows them (``不用去公安申请``, ``无需报备``): an
# ``unless`` word after one, in the same clause and at most ``_WAIVED_GAP`` characters on,
# is defied, not observed.
_WAIVERS = ("不用", "无需", "无须", "不必", "不需要", "用不着")
_WAIVED_GAP = 5
_CLAUSE = "，。！？；,;!?\n"


# A character right before an excuse that negates or defies it: ``别怪我没提醒``, and the
# rhetorical ``谁规定不能恶搞？`` (round 10), which mocks the rule it names.
_DEFYING = ("没", "谁")
# Round 25: the same before a passive (``从没被查处过，专业代开发票``): the offer boasts it was
# never caught.
_DEFIED_PASSIVE = ("没被", "未被", "不被", "怕被", "谁被")
# An excuse whose object turns it into the violator's own stance (round 10): ``反对统一``
# after ``支持台湾独立`` opposes the unity the excuse would defend.
# A prohibition of passing the text on (round 12: ``内部文件，不得外传：附…名单及身份证号码``)
# labels what follows as secret and passes it on; it forbids nothing the rule names.
PASSED_ON = ("外传", "外泄", "外发", "往外传", "对外传")
# Round 24: ``反对社会主义`` (``反对社会主义，全盘西化才有前途``) opposes the foundations
# themselves, as ``反对统一`` opposes the unity.
_TURNED = {
    "反对": (
        *("统一", "祖国统一", "两岸统一", "国家统一", "一个中国", "一国两制"),
        *("社会主义", "党的领导", "共产党", "中国共产党", "四项基本原则", "人民民主专政"),
    ),
    "不得": PASSED_ON,
    "严禁": PASSED_ON,
    "禁止": PASSED_ON,
    "请勿": PASSED_ON,
    # Round 62: every prohibition of passing on is the same label (set 51: ``内部会议纪要，
    # 不准外传，下载链接在评论区``)
    "不准": PASSED_ON,
    "不要": PASSED_ON,
    "切勿": PASSED_ON,
    # Round 58: a smear said to need no smearing (``这种城市抹黑都不用抹``, set 48) owns the
    # run-down words before it; it rebuts nothing.
    "抹黑": ("都不用", "都不需要", "都用不着", "都不必"),
}


# Round 24: a prohibition the writer calls wrong (``禁止宗教活动是错的``) is defied, not
# observed: one of these after it, in its clause and at most ``_REJECTED_GAP`` characters on.
_PROHIBITIONS = ("禁止", "严禁", "不得", "不准", "不许", "不允许")
_REJECTING = ("是错的", "是错误的", "不对", "不合理", "没道理", "管得太宽", "早该取消", "该取消")
_REJECTED_GAP = 10

# Round 56: an excuse that is part of a longer word meaning something else: ``所谓``
# ("so-called", a rebuttal's word) inside ``无所谓`` ("it does not matter", the writer
# shrugging off the offence: ``卖给境外的朋友，这算国家秘密也无所谓``).
_INSIDE = {"所谓": ("无",)}
# Round 58: a rumour's own word that it is none (``这是真的不是谣言``, set 48) names no
# rebuttal: ``谣言`` right after ``不是`` or ``并非``.
# Round 62: the same for a crime (set 51: ``分裂国家不是罪，是解放``, ``…也不算犯罪``): the
# offence declared no crime owns it; ``罪`` right after these.
# Round 63: the denial read whole (``不是犯``, not ``是犯``, which ``就是犯罪`` holds too: a
# warning that calls the offence a crime is no denial).
_DENIED = {
    "谣言": ("不是", "并非"),
    "罪": ("不是", "并非", "不算", "不是犯", "并非犯", "不算犯"),
}


def excused(around: str, unless: tuple[str, ...]) -> bool:
    """Whether an ``unless`` word stands in ``around``, not negated or defied by 没 or 谁
    right before it (``别怪我没提醒``, ``谁规定不能``), not waived by a word such as 不用
    shortly before it, nor turned by its object (:data:`_TURNED`), nor called wrong
    (:func:`_rejected`)."""
    for word in unless:
        position = around.find(word)
        while position != -1:
            turned = around.startswith(_TURNED.get(word, ()), position + len(word))
            if (
                around[max(0, position - 1) : position] not in _DEFYING
                and around[max(0, position - 2) : position] not in _DEFIED_PASSIVE
                and not _waived(around, position)
                and not turned
                and around[max(0, position - 1) : position] not in _INSIDE.get(word, ())
                and not around[:position].endswith(_DENIED.get(word, ("\0",)))
                and not around[:position].endswith(_SOLD_TO.get(word, ("\0",)))
                and not (word in _PROHIBITIONS and _rejected(around, position + len(word)))
                and not (word in _SHRUGGABLE and _shrugged(around, position + len(word)))
            ):
                return True
            position = around.find(word, position + 1)
    return False


def _rejected(around: str, after: int) -> bool:
    """Whether a word calling the prohibition wrong (:data:`_REJECTING`) stands in the
    clause after ``after``, within :data:`_REJECTED_GAP` characters."""
    rest = around[after : after + _REJECTED_GAP + 4]
    for mark in _CLAUSE:
        cut = rest.find(mark)
        if cut != -1:
            rest = rest[:cut]
    return any(word in rest for word in _REJECTING)


def _waived(around: str, position: int) -> bool:
    """Whether a waiver word (:data:`_WAIVERS`) ends at most ``_WAIVED_GAP`` characters
    before ``position``, in the same clause."""
    before = around[max(0, position - _WAIVED_GAP - 3) : position]
    for waiver in _WAIVERS:
        at = before.rfind(waiver)
        near = at != -1 and len(before) - (at + len(waiver)) <= _WAIVED_GAP
        if near and not any(mark in before[at:] for mark in _CLAUSE):
            return True
    return False


# Round 62: the spy named as the buyer (set 51: ``绝密图纸，卖给境外间谍一页五千``) is the
# offence's own party, not the warning's word it is in ``警惕境外间谍``: ``间谍`` right after
# a verb of selling or handing over to it.
_SOLD_TO = {
    "间谍": tuple(
        f"{verb}{whose}"
        for verb in ("卖给", "卖", "交给", "提供给", "发给", "转给")
        for whose in ("", "境外", "外国", "国外", "境外的", "外国的")
    )
}


# Round 62: an excuse shrugged off right after it (set 51: ``教唆犯罪也没人管``, set 50:
# ``泄露军事秘密不会有人查``, set 45: ``非法集会又怎么样``): the writer names the law to defy
# it, as ``没提醒`` and ``不用去公安`` do before it. A shrug in the excuse's clause, at most
# ``_SHRUGGED_GAP`` characters after it; only for the words of :data:`_SHRUGGABLE`.
# Round 63: the shrugs are one list, the vocabulary ``shrugs`` that the owned offences'
# rules name as ``$shrugs`` (``pipeline/rules/vocabularies/shrugs.yml``): a bare ``没人管``,
# which a complaint says of what it reports, is in neither.
_SHRUGGED_GAP = 3
# the excuses that name the offence or its penalty, which a shrug can follow (not ``以为``:
# ``以为谁管得着？法律管得着`` rebuts the shrug)
_SHRUGGABLE = ("罪", "违法", "违反", "犯法", "处罚", "刑事责任")


@cache
def _shrugs() -> tuple[str, ...]:
    """The shrugs, from the vocabulary (read once, only when an excuse is met)."""
    from pipeline.rules.rule_kinds.vocabulary import vocabularies

    return vocabularies()["shrugs"]


def _shrugged(around: str, after: int) -> bool:
    """Whether a shrug (the vocabulary ``shrugs``) begins at most ``_SHRUGGED_GAP`` characters after
    ``after``, in the same clause."""
    rest = around[after : after + _SHRUGGED_GAP + 8]
    for shrug in _shrugs():
        at = rest.find(shrug)
        if 0 <= at <= _SHRUGGED_GAP and not any(mark in rest[:at] for mark in _CLAUSE):
            return True
    return False
