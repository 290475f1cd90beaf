"""Semantic warnings made errors by a disguise in their sentence (issue 12, round 18).

The semantic layer reads the normalised text (:func:`pipeline.rules.normalize.normalise`,
the separators of :mod:`pipeline.rules.notation` undone), so it flags a rumour written
``明·天·全·城·停·水`` or a call to gather written with a zero-width space between every
character as it flags the plain sentence: a warning for the reviewers. The lexicons
already hold that nobody obfuscates a legitimate word (an evasive spelling of an
error-level term is an error); this module holds the same for a sentence. A semantic
finding whose sentence is written in one of these disguises is reported once more as an
error of the lexical item (``S9-06`` → ``A9-06``), on the same span, naming the disguise:

- *invisible characters* between two Chinese characters: zero-width spaces and joiners,
  the word joiner, the byte-order mark, the soft hyphen, direction marks and controls,
  invisible operators, Hangul fillers, the Braille blank (``有⁤人⁤拿⁤刀``); not tag
  characters or variation selectors, which emoji sequences leave between characters;
- *the same visible separator between four or more single characters* (``核 电 站 泄
  漏``, ``明·天·全·城``, ``抗*战*胜*利``, ``【封】【路】【封】【城】``): a layout that
  spaces a two- or three-character heading or name (``通　知``, ``王  芳``) and brackets
  around one character (``乡（镇）人民政府``) are not it;
- *a filler repeated between characters* (``中⊕华⊕民⊕族``, ``法1轮2大3法4好``: the compacted
  view's :func:`pipeline.rules.notation.filler_chains` and ``digit_chains``) and *every
  character written twice* (:mod:`pipeline.rules.doubled`);
- *traditional script or 火星文*, two characters or more outside quotation marks and
  titles (``國徽醜得要命``; not ``书法展展出了“寧靜致遠”``), and not in a Japanese sentence
  (three kana or more: ``税関からのお願い``), whose kanji forms are its own (round 20);
- *look-alike scripts* (:func:`pipeline.rules.lookalike.device`): mathematical and
  variant letters, Japanese forms, radical forms, Braille letters; emoji that stand for a
  character and Cyrillic or Greek letters are not counted here (they decorate and they
  write other languages);
- *bopomofo* (注音符号);
- *a notation read as characters* (:func:`pipeline.rules.notation.decode`: percent-encoded
  or quoted-printable bytes, character references, escapes, hexadecimal, Base64): the
  model scored the characters, the editor wrote a code.

Item （十二） takes none (opinions are warnings by design, as in :mod:`anchored`), and, as
there, no sentence is raised when an enforcement or warning word covers it
(:func:`pipeline.rules.framing.framed`) or when it calls the claim a rumour, a lie or a
scam (``REFUTING``). The warning stays, so the reviewers still see the score.
"""

from __future__ import annotations

import re

from pipeline.rules import blanks, doubled, lookalike, notation, zhuyin
from pipeline.rules.anchored import RULES, model_error
from pipeline.rules.compiled_re import Lazy, compiled
from pipeline.rules.detection import Detection
from pipeline.rules.framing import REFUTING, framed
from pipeline.rules.normalize import SEPARATORS, is_cjk, normalise, t2s_table
from pipeline.rules.spellings import GAPPED, TRADITIONAL

INVISIBLE_NAME = "字间插入不可见字符"
# Round 26: what :func:`pipeline.rules.blanks.blank` reads as spaces after a character
# (combining marks such as a strike-through, footnote references, C1 controls, U+2028).
MARKED_NAME = "字后附加不可见字符、组合符号或脚注标记"
ZHUYIN_NAME = "注音符号"
_CJK = "\u3400-\u4dbf\u4e00-\u9fff"
# Shown as nothing: inserted between two characters, they only split a word.
# Tag characters and the variation selectors are not among them: they are left over from
# emoji sequences (a flag's tags) between two characters.
BLANKS = (
    "\u00ad\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\u2800\u3164\ufeff\uffa0\ufff9-\ufffb"
)
_INVISIBLE_RE = Lazy(f"[{_CJK}][{BLANKS}]+[{_CJK}]")
# Visible separators of the compacted view (in the normalised text: full-width forms are
# half-width there) and the paired brackets written around each character.
_VISIBLE = "".join(ch for ch in SEPARATORS if not compiled(f"[{BLANKS}]").match(ch))
_SEPARATOR = "[" + re.escape(_VISIBLE + "~") + "]+|】【|\\]\\[|）（|\\)\\("
# One separator, written the same way each time, between four or more single characters.
_SPACED_RE = Lazy(f"[{_CJK}]({_SEPARATOR})[{_CJK}](?:\\1[{_CJK}]){{2,}}")
TRADITIONAL_MIN = 2  # one traditional character may be a name's; a disguise writes more
# Round 20: a sentence with this many kana is Japanese, and Japanese writes its own kanji
# forms (税関, 検疫, 売ります), which are neither traditional script nor a disguise.
_KANA_RE = Lazy("[\u3041-\u3096\u30a1-\u30fa]")
KANA_MIN = 3
# Quoted words and titles: a quoted inscription or book title in traditional script is no
# disguise of the sentence around it.
_QUOTED_RE = Lazy('“[^”]*”|「[^」]*」|『[^』]*』|《[^》]*》|"[^"]*"')
# The look-alike scripts counted (lookalike.device's names); emoji and homoglyphs are not.
_LOOKALIKE = frozenset(
    {
        lookalike.STYLED_NAME,
        lookalike.LETTER_NAME,
        lookalike.JAPANESE_NAME,
        lookalike.RADICAL_NAME,
        lookalike.BRAILLE_NAME,
    }
)


def device(sentence: str) -> str:
    """The disguise ``sentence`` (original text) is written in, or "" when none."""
    if _INVISIBLE_RE.get().search(sentence) is not None:
        return INVISIBLE_NAME
    if blanks.blanked(sentence):
        return MARKED_NAME
    normalised = normalise(sentence)
    if _SPACED_RE.get().search(normalised) is not None:
        return GAPPED
    chained = notation.digit_chains(notation.filler_chains(normalised))
    if chained != normalised:
        return GAPPED  # 中⊕华⊕民⊕族, 法1轮2大3法4好: the compacted view's fillers
    if doubled.undouble(normalised) != normalised:
        return doubled.NAME
    japanese = len(_KANA_RE.get().findall(sentence)) >= KANA_MIN
    table = t2s_table()
    unquoted = _QUOTED_RE.get().sub("", sentence)  # “寧靜致遠” quotes an inscription
    if not japanese and sum(ord(ch) in table for ch in unquoted) >= TRADITIONAL_MIN:
        return TRADITIONAL
    if zhuyin.has_bopomofo(sentence):
        return ZHUYIN_NAME
    name = lookalike.device(sentence)
    if japanese and name == lookalike.JAPANESE_NAME:
        return ""
    return name if name in _LOOKALIKE else ""


def decoded(original: str, masked: str, start: int, end: int) -> str:
    """The notation :func:`pipeline.rules.notation.decode` read Chinese characters from in
    ``original[start:end]`` (``=E5=86=85``, ``&#20869;``, ``\\u5185`` …: the model scored the
    characters, the editor wrote a code), or "" when it read none there."""
    if original[start:end] == masked[start:end]:
        return ""
    pairs = zip(original[start:end], masked[start:end], strict=False)  # same length
    if not any(o != m and is_cjk(m) for o, m in pairs):
        return ""
    for pattern, name in notation.DEVICES:
        if pattern.get().search(original, start, end) is not None:
            return name
    return notation.GENERIC


def escalate(found: list[Detection], masked: str, original: str) -> list[Detection]:
    """An error of the lexical item for each semantic finding in ``found`` whose sentence
    is written in a disguise (:func:`device`): read in ``original``, the text before
    notation is decoded (bopomofo and invisible characters still there), with the offsets
    of ``masked``, which the framing and the refutations are read in."""
    errors: list[Detection] = []
    for d in found:
        if d.rule not in RULES:
            continue
        name = device(original[d.start : d.end]) or decoded(original, masked, d.start, d.end)
        if not name or framed(masked, d.start, d.end):
            continue
        if any(r in masked[d.start : d.end] for r in REFUTING):
            continue
        errors.append(model_error(d, f"本句使用了规避写法；已识别规避写法：{name}", evasive=True))
    return errors
