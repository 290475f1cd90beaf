"""Jianghuai Mandarin (Hefei, Anqing, Yangzhou, Nanjing) written forms read as standard
Mandarin (round 59, issue 12).

A post in the Jianghuai dialect (``嗯港么事``, ``上头捂着不港``, ``嗯们莫去江边``, ``不照就莫看``)
hides the rules' words behind its own: ``港`` for 讲 (the two are one syllable there),
``嗯`` and ``嗯们`` for 你 and 你们, ``莫`` for 别 before a verb, ``么事`` for 什么, ``孬子`` for
傻子, ``不照`` for 不行. As the written-Wu view (:mod:`pipeline.rules.wu`), this view reads
them as their Mandarin equivalents, the same length, so every rule reads the sentence the
writer meant.

Only where the text is Jianghuai: :data:`MARKS_MIN` of its marks or more
(:data:`_MARK_RE`), which written Mandarin does not use — ``嗯们``, ``么事``, ``孬子``, ``困觉``, ``老巴子``,
``港`` said or not said (``不港``, ``莫港``, ``嗯港``, ``港白了``, ``港老实话``, ``港她``), ``嗯``
before ``莫`` or ``港``, ``乖乖隆地咚``. A port's
``港`` (``澄矶港``, ``港口``, ``香港``) is no mark, and it is read as 讲 only after a speaker or
a negation or before what is said (``我跟嗯港``, ``不港``, ``港是``, ``港白了``) in a text that is
Jianghuai already. ``莫`` is read as 别 only before a verb (``莫去``, ``莫看``, ``莫怕``): ``莫名``,
``莫斯科`` and the surname stay. The view is read for the rules' words only, not by the model
(:mod:`pipeline.rules.decoded`).
"""

from __future__ import annotations

from pipeline.rules.compiled_re import compiled
from pipeline.rules.dialect_view import DialectView

NAME = "江淮官话书面字读作普通话"
MARKS_MIN = 2
_SAID = "[话是白了出老的她他]"  # what follows ``港`` said: 港话, 港是, 港白了, 港出去, 港老实话
_SPEAKER = "[嗯你我他她跟莫不别没敢再就]"  # who says it, or its negation
_VERB = "[港讲去看怕管问来说买信听慌急吃喝碰]"  # what ``莫`` forbids
_MARK_RE = compiled(
    "嗯们|么事|孬子|困觉|老巴子|乖乖隆地咚|[嗯莫不]港|港白了|港老实话|(?<!香)港(?=[她他])"
    "|嗯(?=[莫港])|不照(?=[就，,。！!])"
)
PHRASES = {
    "嗯们": "你们",
    "么事": "什么",
    "孬子": "傻子",
    "不照": "不行",
    "困觉": "睡觉",
    "晓得": "知道",
}
_READ_RE = compiled(
    f"嗯们|么事|孬子|不照(?=[就，,。！!])|困觉|晓得|(?<={_SPEAKER})港|(?<!香)港(?={_SAID})"
    f"|嗯(?=莫|{_VERB})|莫(?={_VERB})"
)
CHARACTERS = {"港": "讲", "嗯": "你", "莫": "别"}


_VIEW = DialectView(_MARK_RE, _READ_RE, PHRASES, CHARACTERS, MARKS_MIN)
marks = _VIEW.marks  # how many Jianghuai marks a text holds
read = _VIEW.read  # the text with its Jianghuai read as Mandarin where it holds MARKS_MIN marks
