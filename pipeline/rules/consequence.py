"""A prohibition said as a consequence (round 24, issue 12).

Round 25: a report of the act punished says the same after it: ``…将尚未公开的名单发到外面的
群，被给予党内警告处分``, ``…被开除``; its strong words raise nothing.

A notice names the acts it forbids and then what follows from them, with no prohibition
word before them: ``以非法集会、围堵机关等方式表达诉求，将承担法律责任``, ``…的，将依法追究
责任``, ``…者，一律依法予以处理``. Such a sentence forbids what it lists, as ``严禁…`` does
(:func:`pipeline.rules.quoting.forbidden`): the finding is followed, later in its sentence,
by a legal consequence (:data:`CONSEQUENCE`).

The voice of a violation says the same words otherwise: it takes the consequence on itself
(``出了事法律责任我来扛``, ``后果自负``), denies it (``不会被追究责任``, ``没人追究``) or
threatens the reader with it (``不还钱你将承担法律责任``). A consequence with a first- or
second-person word between the finding and it, a negation right before it, or an owner
right after it frames nothing, nor does one in a sentence that disclaims the offer or names
the service (:data:`pipeline.rules.warning.DISCLAIMERS`, round 25).
"""

from __future__ import annotations

from pipeline.rules.compiled_re import compiled
from pipeline.rules.rule_kinds.sequence import sentence_bounds
from pipeline.rules.warning import DISCLAIMERS

# The legal consequence of the acts just listed: liability borne or pursued, the acts dealt
# with by law, or (round 49) the offence the acts amount to. ``责任`` alone (``主体责任``,
# ``责任编辑``) is no consequence.
CONSEQUENCE = compiled(
    r"(?:承担|追究|负)(?:其|相应的?|一切|全部)?(?:的)?(?:法律|刑事|民事|行政)责任"
    r"|依法(?:追究|追责|予以|处理|处置|惩处|查处|严惩|处罚|打击|取缔)"
    r"|予以(?:处理|处罚|查处|惩处|打击|取缔|严惩)"
    r"|(?:将|必将|均将|一律|都将|会)被?(?:严肃)?(?:处理|追责|追究责任)"
    # Round 49: the offence a notice says the acts it lists amount to, after their
    # ``…的，`` (``高价收集内部文件、地图坐标的，可能涉嫌间谍活动``).
    r"|(?<=的[，,])(?:可能|或|将|均|都|已)?(?:会|将)?(?:涉嫌|构成)[^，,。；;！？!?\n]{0,8}?"
    r"(?:犯罪|违法|活动|行为|罪)"
)
# Round 25: the discipline a report says was imposed on someone (``…发到外面的群，被给予党内
# 警告处分``, ``受到记过处分``, ``被开除``): the act it names was punished, not done here. Only
# in a sentence with no first or second person (a report names a third: ``某干部``), and not
# shrugged off after it (``被处分也无所谓``, ``谁被处分谁倒霉``).
DISCIPLINE = compiled(
    r"(?:被|予以|受到)(?:给予)?[^，。；！？\n]{0,8}处分"
    r"|被(?:开除|记过|问责|立案|逮捕|判处|行政拘留|刑事拘留)"
)
SHRUGGED = ("也", "又", "就", "谁", "算", "怕", "无所谓")
REACH = 40  # characters between the finding's end and the consequence
# Words that put the consequence on the writer or the reader (a boast, a threat).
PERSONS = ("我", "你", "咱", "俺")
# Right before the consequence: it is denied (``不会被追究``, ``没人追究``, ``无需承担``).
DENIALS = ("不", "没", "无", "免", "别", "甭", "谁", "怕")
# Right after it: the writer owns it (``法律责任我来扛``, ``刑事责任自负``).
OWNED_AFTER = ("我", "自负", "自担", "由我")


def follows(text: str, end: int) -> bool:
    """Whether a legal consequence (:data:`CONSEQUENCE`) follows ``text[:end]`` in its
    sentence, at most :data:`REACH` characters on, neither owned, denied nor addressed
    to a person (see the module's docstring)."""
    lo, sentence_end = sentence_bounds(text, max(0, end - 1), end)
    if any(text.find(word, lo, sentence_end) != -1 for word in DISCLAIMERS):
        return False  # round 25: an offer's disclaimer or the service naming itself
    hi = min(sentence_end, end + REACH)
    rest = text[end:hi]
    for m in CONSEQUENCE.finditer(rest):
        before = rest[: m.start()]
        if any(p in before for p in PERSONS):
            return False
        if any(d in before[-3:] for d in DENIALS):
            continue
        if rest[m.end() :].lstrip("，, ").startswith(OWNED_AFTER):
            continue
        return True
    if any(p in text[lo:hi] for p in PERSONS):
        return False
    for m in DISCIPLINE.finditer(rest):
        if any(d in rest[: m.start()][-3:] for d in DENIALS):
            continue
        if rest[m.end() :].lstrip("，, ").startswith(SHRUGGED):
            continue
        return True
    return False
