"""One normalised view of a text for every detector, with a map back to the original.

The lexicon matcher compacts its own view (:mod:`pipeline.rules.normalize`: case,
traditional script, separators between characters). The pattern detectors (personal
data, secrecy stamps, credentials) need the case and the punctuation of a value, so
they read a *squeezed* view made by the same normalisation steps that keep them:

- full-width letters, digits and symbols become half-width (``１５０７`` → ``1507``,
  ``Ａｂｃ`` → ``Abc``), case is kept;
- traditional characters become simplified, one for one (``密碼是`` → ``密码是``), so
  the Chinese labels of the patterns (密码, 身份证, 机密) read in either script;
- a run of seven or more Chinese numerals is read as digits (``四一〇一…`` → ``4101…``);
- whitespace, zero-width characters and emoji inserted between characters are removed
  (``1507 8219 7509 2106 31``, ``秘 密 ★``, ``密 码：``, ``关🉐注``), recorded as
  segments so that every offset maps back to the original text.

:func:`detect_through` runs a detector over the squeezed view and maps its spans back.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import cache

from pipeline.rules.compiled_re import compiled
from pipeline.rules.detection import Detection
from pipeline.rules.lookalike import LETTER_RUNS
from pipeline.rules.removed import Removed

# Emoji and pictographs (🌸, 🉐, ❤, ✨ …), variation selectors and joiners.
EMOJI = (
    "\U0001f000-\U0001faff"
    "\u2600-\u2604\u2607-\u27bf"  # not ★☆: secrecy stamps use them
    "\u2b00-\u2bff"
    "\ufe00-\ufe0f"
    "\u200d"
)
_SQUEEZE_RE = compiled(
    "[ \t\u3000\u00a0\u00ad\u180e\u200b\u200c\u2060\ufeff"
    # the other spaces of Unicode (round 18): en quad … hair space, narrow no-break,
    # medium mathematical, Ogham
    "\u2000-\u200a\u202f\u205f\u1680"
    # blank-looking fillers, direction controls, tag characters (round 12)
    "\u3164\uffa0\u115f\u1160\u2800\u061c\u202a-\u202e\u2066-\u2069"
    "\U000e0000-\U000e007f\U000e0100-\U000e01ef"
    "\u20e3" + EMOJI + "]+"  # the keycap around a digit (``3️⃣``, round 13): the digit stays
)
# Chinese numerals written for the digits of a number (``四一〇一二二…``, round 12): a run
# of seven or more, read as ASCII digits one for one. Dates (``二〇二六年``) are shorter.
CHINESE_DIGITS = "〇零一二三四五六七八九幺"
_CHINESE_RUN_RE = compiled(f"[{CHINESE_DIGITS}]{{7,}}")
_CHINESE_TABLE = str.maketrans(CHINESE_DIGITS, "001234567891")


def spelled_digits(text: str) -> str:
    """``text`` with runs of seven or more Chinese numerals as ASCII digits, one for one."""
    return _CHINESE_RUN_RE.sub(lambda m: m.group(0).translate(_CHINESE_TABLE), text)


# Full-width ASCII forms, circled Latin letters (``Ⓡⓣ``) and circled digits 1–9 (``⑧``);
# round 13: the letter forms the lexicons read too (:mod:`pipeline.rules.lookalike`):
# mathematical letters and digits (``𝐊𝐓𝐌𝟑𝟗``), squared and negative squared or circled
# capitals (``🅺🆃🅼``, emoji otherwise removed), parenthesized small letters and (round 35)
# capitals.
_FULLWIDTH_RE = compiled(
    "[\uff01-\uff5e\u24b6-\u24e9\u2460-\u2468\u249c-\u24b5"
    "\U0001d400-\U0001d7ff\U0001f110-\U0001f129\U0001f130-\U0001f149\U0001f150-\U0001f169\U0001f170-\U0001f189]"
)


@cache
def _halfwidth_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for lo, hi in ((0xFF01, 0xFF5F), (0x24B6, 0x24EA), (0x2460, 0x2469), (0x1D400, 0x1D800)):
        for code in range(lo, hi):
            plain = unicodedata.normalize("NFKC", chr(code))
            if len(plain) == 1 and (code < 0x1D400 or (plain.isascii() and plain.isalnum())):
                table[code] = plain
    for first, letter in LETTER_RUNS:  # no NFKC form: as written (lookalike's runs)
        table.update({first + i: chr(ord(letter) + i) for i in range(26)})
    return table


def halfwidth(text: str) -> str:
    """Full-width ASCII forms as half-width and circled letters and digits as plain ones,
    one character for one (case kept)."""
    forms = set(_FULLWIDTH_RE.findall(text))
    table = _halfwidth_table()
    for form in forms:
        text = text.replace(form, table.get(ord(form), form))
    return text


def simplified(text: str) -> str:
    """Traditional characters as simplified ones, one for one (the lexicons' table).

    One encoding pass (in C) proves most texts hold none: the lexicons' codec gate
    raises only at a character outside GB 2312 that the table changes."""
    from pipeline.rules.normalize import t2s_table  # it imports this module

    try:
        text.encode("gb2312", "govmedia-normalise-gate")
    except UnicodeEncodeError:
        table = t2s_table()
        for char in {c for c in text if ord(c) in table}:
            text = text.replace(char, table[ord(char)])
    return text


class Squeezed(Removed):
    """``text`` half-width, without inserted whitespace, zero-width characters or emoji.

    The squeezed text is one regex substitution (in C); the offset map is worked out
    only when a detection needs it.
    """

    def __init__(self, text: str) -> None:
        self.original = text
        super().__init__(halfwidth(simplified(text)), _SQUEEZE_RE)
        self.text = spelled_digits(self.text)  # one for one: the offset map is unchanged
        self.changed = self.text != text


_LAST: list[Squeezed] = []  # the view made last (see squeezed_view)


def squeezed_view(text: str) -> Squeezed:
    """The :class:`Squeezed` view of ``text``; the last one made is kept: the squeezed
    pattern files read the same text one after another (a view is a function of its text,
    and its offset map, made when first asked, too)."""
    if _LAST and _LAST[0].original == text:
        return _LAST[0]
    view = Squeezed(text)
    _LAST[:] = [view]
    return view


Detector = Callable[[str], list[Detection]]


# One space between two English words of two letters or more (``PGP PRIVATE KEY BLOCK``,
# ``access key``) is how the words are written, not a disguise (round 13); ``p a s s`` is.
_WORD_SPACE_RE = compiled("(?<=[A-Za-z]{2}) (?=[A-Za-z]{2})")


def detect_through(detector: Detector, text: str) -> list[Detection]:
    """``detector`` over the squeezed view of ``text``, spans mapped back to the
    original; a finding that needed the squeezing says so."""
    squeezed = squeezed_view(text)
    if not squeezed.changed:
        return detector(text)
    found: list[Detection] = []
    for d in detector(squeezed.text):
        start, end = squeezed.span(d.start, d.end)
        message = d.message
        shown = text[start:end]
        if shown != squeezed.text[d.start : d.end] and (
            _WORD_SPACE_RE.sub("", shown) != squeezed.text[d.start : d.end]
        ):
            message += "（已识别插入空格或全角写法）"
        found.append(Detection(start, end, d.rule, d.article, d.severity, message))
    return found
