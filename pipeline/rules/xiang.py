"""Xiang (Hunan: Changsha, Zhuzhou, Xiangtan) written forms read as Mandarin (round 60,
issue 12).

A post in the Xiang dialect (``咯只厂子``, ``死哒白死``, ``冇得事``, ``么子咯``, ``霸蛮搞``)
hides the rules' words behind its own: ``咯`` before a measure word for 这 (``咯只``,
``咯个``, ``咯些``, ``咯里``), ``哒`` after a verb for 了, ``冇`` for 没, ``么子`` for
什么, ``伢子`` for 孩子, ``堂客`` for a wife, ``宝里宝气`` for 傻里傻气. As the written-Wu and
Jianghuai views (:mod:`pipeline.rules.wu`, :mod:`pipeline.rules.jianghuai`), this view reads
them as their Mandarin equivalents, the same length, so every rule reads the sentence the
writer meant.

Only where the text is Xiang: :data:`MARKS_MIN` of its marks or more (:data:`_MARK_RE`),
which written Mandarin does not use. Not marks: ``咯`` as a sound or alone (``咯咯笑``,
``咯血``, ``咯吱``, a sentence-final ``咯``), the chat word ``哒`` after a cute word or
doubled (``么么哒``, ``萌萌哒``, ``好哒``, ``哒哒哒``), ``晓得`` and ``莫`` (Mandarin has
them too; they are read, not counted). ``冇`` is a Cantonese mark too
(:mod:`pipeline.rules.regional`): both read it as 没. The view is read for the rules'
words only, not by the model (:mod:`pipeline.rules.decoded`).
"""

from __future__ import annotations

from pipeline.rules.compiled_re import compiled
from pipeline.rules.dialect_view import DialectView

NAME = "湘语（长沙话）书面字读作普通话"
MARKS_MIN = 2
_MEASURE = "只个些种里回句件号样"  # what ``咯`` (这) stands before
# Before ``哒`` in the chat word (好哒, 萌萌哒, 么么哒, 是哒 …), where it is no 了.
_NOT_DA = "么萌棒美好是对哒嘀滴吧啪叭嗒乖"
_MARK_RE = compiled(
    f"(?<!咯)咯[{_MEASURE}]|么子|霸得?蛮|冇|(?<![{_NOT_DA}])哒(?!哒)|堂客|伢子|妹坨|宝里宝气|恰饭"
)
PHRASES = {
    "宝里宝气": "傻里傻气",
    "咯只": "这个",
    "咯个": "这个",
    "咯些": "这些",
    "咯种": "这种",
    "咯里": "这里",
    "咯回": "这回",
    "咯句": "这句",
    "咯件": "这件",
    "咯号": "这号",
    "咯样": "这样",
    "咯是": "这是",
    "么子": "什么",
    "冇得": "没有",
    "堂客": "老婆",
    "伢子": "孩子",
    "妹坨": "姑娘",
    "恰饭": "吃饭",
    "听港": "听说",
    "晓得": "知道",
}
CHARACTERS = {"冇": "没", "哒": "了", "恰": "吃"}
_READ_RE = compiled(
    f"宝里宝气|(?<!咯)咯[{_MEASURE}是]|么子|冇得|堂客|伢子|妹坨|恰饭|听港|晓得|冇"
    f"|(?<![{_NOT_DA}])哒(?!哒)|恰(?=哒|了|个|饭)"
)


_VIEW = DialectView(_MARK_RE, _READ_RE, PHRASES, CHARACTERS, MARKS_MIN)
marks = _VIEW.marks  # how many Xiang marks a text holds
read = _VIEW.read  # the text with its Xiang read as Mandarin where it holds MARKS_MIN marks
