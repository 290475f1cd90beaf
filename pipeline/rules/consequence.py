"""A prohibition said as a consequence (round 24, issue 12).

A notice names the acts it forbids and then what follows from them, with no prohibition
word before them: ``以非法集会、围堵机关等方式表达诉求，将承担法律责任``, ``…的，将依法追究
责任``, ``…者，一律依法予以处理``. Such a sentence forbids what it lists, as ``严禁…`` does
(:func:`pipeline.rules.quoting.forbidden`): the finding is followed, later in its sentence,
by a legal consequence (:data:`CONSEQUENCE`).

The voice of a violation says the same words otherwise: it takes the consequence on itself
(``出了事法律责任我来扛``, ``后果自负``), denies it (``不会被追究责任``, ``没人追究``) or
threatens the reader with it (``不还钱你将承担法律责任``). A consequence with a first- or
second-person word between the finding and it, a negation right before it, or an owner
right after it frames nothing.
"""

from __future__ import annotations

import re

from pipeline.rules.rule_kinds.sequence import sentence_bounds

# The legal consequence of the acts just listed: liability borne or pursued, the acts dealt
# with by law. ``责任`` alone (``主体责任``, ``责任编辑``) is no consequence.
CONSEQUENCE = re.compile(
    r"(?:承担|追究|负)(?:其|相应的?|一切|全部)?(?:的)?(?:法律|刑事|民事|行政)责任"
    r"|依法(?:追究|予以|处理|处置|惩处|查处|严惩|处罚|打击|取缔)"
    r"|予以(?:处理|处罚|查处|惩处|打击|取缔|严惩)"
    r"|(?:将|必将|均将|一律|都将|会)被?(?:严肃)?(?:处理|追责|追究责任)"
)
REACH = 40  # characters between the finding's end and the consequence
# Words that put the consequence on the writer or the reader (a boast, a threat).
PERSONS = ("我", "你", "咱", "俺")
# Right before the consequence: it is denied (``不会被追究``, ``没人追究``, ``无需承担``).
DENIALS = ("不", "没", "无", "免", "别", "甭")
# Right after it: the writer owns it (``法律责任我来扛``, ``刑事责任自负``).
OWNED_AFTER = ("我", "自负", "自担", "由我")


def follows(text: str, end: int) -> bool:
    """Whether a legal consequence (:data:`CONSEQUENCE`) follows ``text[:end]`` in its
    sentence, at most :data:`REACH` characters on, neither owned, denied nor addressed
    to a person (see the module's docstring)."""
    hi = min(sentence_bounds(text, max(0, end - 1), end)[1], end + REACH)
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
    return False
