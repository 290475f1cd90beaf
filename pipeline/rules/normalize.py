"""Evasion handling: a normalised, compacted view of a text with a map back to it.

Every step keeps one character for one character (``str.translate`` tables), except the
removal of separators inserted between characters, which is recorded as segments so
that an offset in the compacted text maps back to an offset in the original.

- full-width letters, digits and symbols become half-width (the NFKC forms), letters
  lower-case, enclosed digits (``①``, ``⑴``, ``❶`` …) plain digits;
- traditional characters become simplified (OpenCC's character table);
- in the compacted view only, pinyin loses its tone marks (``dēng记`` is ``deng记``;
  ``ü`` is ``v``, as pypinyin writes it): :func:`normalise` keeps them, since the
  semantic layer reads it and ``café`` is no pinyin there;
- spaces and symbols inserted between characters (``赌 博``, ``赌*博``, ``法.轮.功``) are
  removed, Chinese sentence punctuation and line breaks are kept as barriers;
- mathematical letters and Japanese forms are read as plain letters and simplified
  characters, combining marks (``藏̶族̶``) and empty brackets (``颠【】覆``) are
  separators (:mod:`pipeline.rules.lookalike`); so are, since round 12, radical forms
  (``⽴``), Braille letters and Cyrillic look-alikes inside Latin words, and blank-looking
  characters (the Hangul filler, the Braille blank, tag characters, direction controls,
  ideographic description characters such as ``⿰``) are separators;
- homophones come from :mod:`pipeline.rules.phonetic` (spellings in the automaton).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from functools import cache

from pipeline.rules.compiled_re import compiled
from pipeline.rules.doubled import undouble
from pipeline.rules.lookalike import (
    BRAILLE,
    CLOSING,
    COMBINING,
    EMOJI_WORDS,
    EMPTY_BRACKETS,
    OPENING,
    enclosed_table,
    japanese_table,
    latin_homoglyphs,
    letter_table,
    radical_table,
    styled_table,
)
from pipeline.rules.notation import digit_chains, filler_chains, ruby, tone_numbers
from pipeline.rules.removed import Removed
from pipeline.rules.separator_categories import CATEGORY_SEPARATORS
from pipeline.rules.view import EMOJI
from pipeline.rules.wadegiles import wade_giles

# Inserted between characters to split a word: whitespace other than line breaks,
# zero-width characters, ASCII punctuation and a few decorative symbols.
SEPARATORS = (
    " \t\u3000\u00a0\u200b\u200c\u200d\u2060\ufeff"
    # soft hyphen, Mongolian vowel separator, direction marks, invisible operators (round 10)
    "\u00ad\u180e\u200e\u200f\u2061\u2062\u2063\u2064"
    # blank-looking fillers and direction controls (round 12): Hangul fillers, the Braille
    # blank, Khmer inherent vowels, the Arabic letter mark, embeddings and isolates
    "\u3164\uffa0\u115f\u1160\u2800\u17b4\u17b5\u061c\u202a\u202b\u202c\u202d\u202e"
    "\u2066\u2067\u2068\u2069"
    # the other spaces of Unicode (round 18): en quad … hair space, the figure and punctuation
    # spaces, the narrow no-break and medium mathematical spaces, the Ogham space mark
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u1680"
    "‖│┃︱∣"
    "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
    "·•・‧∙★☆※○●◎◇◆□■△▲▽▼♡♥♤♠♧♣¤§°¦丨"
    "\u318d\ua78f\u1427"  # round 56: middle dots of other scripts (``鄂ㆍ伦ㆍ春``)
)
# An enumeration comma between single characters (``法、轮、功``) is a separator too;
# between words (``赌博、色情``) it stays.
_ENUM_COMMA = "(?<=、[\u4e00-\u9fff])、|、(?=[\u4e00-\u9fff]、)"
# Ranges shown as nothing or as a layout hint (round 12): ideographic description characters
# (``代⿱乃子``: the components that follow are read by the split spellings), tag characters
# and the variation selectors supplement.
INVISIBLE = (
    "\u2ff0-\u2ffb\U000e0000-\U000e007f\U000e0100-\U000e01ef"
    # Mongolian variation selectors, invisible operators and deprecated format characters,
    # interlinear annotation marks, invisible musical formatting
    "\u180b-\u180d\u2060-\u206f\ufff9-\ufffb\U0001d173-\U0001d17a"
    # round 19: kanbun reading marks (``打㆑倒㆒``), which order a classical text for a
    # Japanese reader and are never part of a Chinese word
    "\u3190-\u319f"
)
# Round 19: note marks between characters (``港¹独²``, ``明[1]日[2]``): superscript digits
# and a number of one to three digits in square brackets. A paper's citation after a
# sentence (``研究表明[3]。``) is removed too, which joins nothing a word list reads.
_SUPERSCRIPTS = "[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]"
NOTE_MARKS = "\\[[0-9]{1,3}\\]|" + _SUPERSCRIPTS
_SEP_CLASS = "[" + re.escape(SEPARATORS) + EMOJI + COMBINING + INVISIBLE + CATEGORY_SEPARATORS + "]"
# One separator: a note mark (before the class, which reads ``[`` alone), a character of
# the class, an empty bracket pair, an enumeration comma.
_SEP = f"(?:{NOTE_MARKS}|{_SEP_CLASS}|{EMPTY_BRACKETS}|{_ENUM_COMMA})"
# A run of them (``_SEP + "+"``) led by a class, whose characters the engine finds in a fast
# loop where it tried the alternation at every character (issue 17): the first character,
# then the branch it began, told by a look-behind, in ``_SEP``'s order: the same matches.
_SEP_RE = compiled(
    f"[\\[{_SUPERSCRIPTS[1:-1]}{_SEP_CLASS[1:-1]}{OPENING}、](?:(?<=\\[)[0-9]{{1,3}}\\]"
    f"|(?<={_SUPERSCRIPTS})|(?<={_SEP_CLASS})|(?<=[{OPENING}])[{CLOSING}]"
    f"|(?<=、[\u4e00-\u9fff]、)|(?<=、)(?=[\u4e00-\u9fff]、)){_SEP}*"
)
# Leetspeak: digits and symbols standing for letters inside a Latin word (``p0rn``,
# ``s3x``); a digit at a word's edge (``mp3``, ``a4``) stays.
_LEET_RE = compiled(r"(?<=[a-z])[0134579@$]+(?=[a-z])")
_LEET = str.maketrans("0134579@$", "oieastgas")
# Round 13, in the compacted view only (the semantic layer reads :func:`normalise`): leet
# digits at a word's edge (``fr33``, ``1ndependence``) when the word is letters otherwise,
# one to three digits after two or more letters, one or two before three or more. Model
# numbers keep their digits where a letter is short (``5g``, ``a4``, ``g20``) or a digit
# not a letter's stands next to them (``qq12345``, ``h5n1`` was read inside already).
_EDGE_LEET_RE = compiled(
    r"(?<=[a-z]{2})[013457]{1,3}(?![a-z0-9])"
    r"|(?<![a-z0-9])[013457]{1,2}(?=[a-z]{3,}(?![a-z0-9]))"
)
# Necessary for a match of _EDGE_LEET_RE, which opens with a look-behind and so is tried at
# every character: a leet digit after a letter (the first branch) or before one (the
# second). Leading classes, scanned for in the regular expression engine's fast loop.
_LETTER_DIGIT_RE = compiled("[a-z][013457]")
_DIGIT_LETTER_RE = compiled("[013457][a-z]")
# The first code point of each run of enclosed digits 1–9 (①, ⑴, ⒈, ❶, ➀, ➊): read as digits.
CIRCLED_DIGITS = (0x2460, 0x2474, 0x2488, 0x2776, 0x2780, 0x278A)
# Full-width clause punctuation stays as it is: it ends a clause and is never removed.
CLAUSE_PUNCTUATION = "！（），：；？"
# Pinyin vowels with tone marks, read without them in the compacted view (one for one).
TONE_MARKS = {
    **dict.fromkeys("āáǎà", "a"),
    **dict.fromkeys("ēéěè", "e"),
    **dict.fromkeys("īíǐì", "i"),
    **dict.fromkeys("ōóǒò", "o"),
    **dict.fromkeys("ūúǔù", "u"),
    **dict.fromkeys("üǖǘǚǜ", "v"),
}
# A barrier: never a separator, never part of a word (used to mask URLs and code).
BARRIER = "\x1f"


def _fullwidth_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xFF01, 0xFF5F):
        if chr(code) not in CLAUSE_PUNCTUATION:
            table[code] = unicodedata.normalize("NFKC", chr(code))
    table[0x3000] = " "
    return table


def in_gb2312(char: str) -> bool:
    """Characters GB 2312 encodes are simplified ones in their own right (乾隆, 著名)."""
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


# 火星文: look-alike characters outside GB 2312 written for common ones (OpenCC's
# traditional table does not know them).
MARTIAN = {
    "彵": "他",
    "伱": "你",
    "沵": "你",
    "侢": "在",
    "鉯": "以",
    "啲": "的",
    "涐": "我",
    "緈": "幸",
    "値": "值",
    "夶": "大",
    "氺": "水",
    "菿": "到",
    "嘦": "要",
    # Round 14: old and variant forms of 国 (``囯徽``, ``圀旗``): read as 国, like 國.
    "囯": "国",
    "圀": "国",
    "囶": "国",
    "囻": "国",
    "\U000211a7": "国",
}


@cache
def _t2s_table() -> dict[int, str]:
    """Traditional → simplified, one character for one character (OpenCC data), plus
    the 火星文 look-alikes; kept in the private cache (:func:`key_memo.cached_table`)."""
    from pipeline.rules.key_memo import cached_table

    return cached_table("t2s", _read_t2s_table)


def t2s_table() -> dict[int, str]:
    """Traditional → simplified and 火星文 look-alikes, one character for one."""
    return _t2s_table()


def _read_t2s_table() -> dict[int, str]:
    table: dict[int, str] = {ord(k): v for k, v in MARTIAN.items()}
    from importlib import resources  # only here: it imports tempfile and shutil

    try:
        data = resources.files("opencc").joinpath("dictionary", "TSCharacters.txt")
        text = data.read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return table
    pairs: list[tuple[str, str]] = []
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) != 2:
            continue
        source, targets = parts
        target = targets.split(" ")[0]
        if len(source) == 1 and len(target) == 1 and source != target:
            pairs.append((source, target))
    # One codec pass instead of one per character (this runs on most checks): a character
    # GB 2312 cannot encode comes back as "?", any other as itself.
    sources = "".join(source for source, _ in pairs)
    back = sources.encode("gb2312", "replace").decode("gb2312")
    if len(back) != len(sources):  # never seen: then one character at a time
        back = "".join(source if in_gb2312(source) else "?" for source, _ in pairs)
    for (source, target), same in zip(pairs, back, strict=True):
        if same != source:  # not in GB 2312
            table[ord(source)] = target
    return table


@cache
def translate_table() -> dict[int, str]:
    """The combined 1:1 table: full-width → half-width, upper → lower, traditional → simplified."""
    table = _t2s_table().copy()
    for code, value in _fullwidth_table().items():
        table[code] = value.lower() if len(value) == 1 else value
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = chr(code + 32)
    for code in range(ord("Ａ"), ord("Ｚ") + 1):
        table[code] = chr(code - ord("Ａ") + ord("a"))
    for first in CIRCLED_DIGITS:  # ⑥合彩 is 6合彩
        for offset in range(9):
            table[first + offset] = str(offset + 1)
    from pipeline.rules.key_memo import cached_table  # it imports this module

    table.update(cached_table("scripts", _scripts_table))  # the NFKC readings, once
    table.update(japanese_table(table))  # 覚醒剤 is 觉醒剂
    return table


def _scripts_table() -> dict[int, str]:
    """Letters and characters of other scripts and forms, one for one (:mod:`lookalike`)."""
    simplified = _t2s_table()  # round 16: ㊯ is 協, read as 协
    table = {
        code: simplified.get(ord(v), v) for code, v in enclosed_table().items()
    }  # Ⓡⓣ is rt, ㊙密 is 秘密
    table.update(styled_table())  # 𝐓𝐢𝐛𝐞𝐭 is tibet
    table.update({ord(k): v for k, v in EMOJI_WORDS.items()})  # 🔫仿真🔫 is 枪仿真枪
    table.update(radical_table())  # ⻄藏独⽴ is 西藏独立
    table.update(letter_table())  # ᵗᶦᵇᵉᵗ and 🅃🄸🄱🄴🅃 are tibet
    table.update({ord(k): v for k, v in BRAILLE.items()})  # ⠋⠁⠇⠥⠝ is falun
    return table


@cache
def _changing() -> frozenset[str]:
    return frozenset(chr(c) for c in translate_table())


def _gate_handler(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: characters outside GB 2312 are fine unless the table maps them."""
    assert isinstance(exc, UnicodeEncodeError)
    if _changing().intersection(exc.object[exc.start : exc.end]):
        raise exc
    return "?", exc.end


codecs.register_error("govmedia-normalise-gate", _gate_handler)
# Full-width forms the table changes (clause punctuation excluded: it stays as it is),
# and the enclosed digits (in GB 2312, so the encoding pass does not see them).
_FULLWIDTH_RE = compiled(
    "[\uff02-\uff07\uff0a\uff0b\uff0d-\uff19\uff1c-\uff1e\uff20-\uff5e"
    "\u2460-\u2468\u2474-\u247c\u2488-\u2490\u2776-\u277e\u2780-\u2788\u278a-\u2792]"
)
# Separators between two Latin letters (``you xing``), read in the normalised text.
_LATIN_GAP_RE = compiled("(?<=[a-z])" + _SEP + "+(?=[a-z])")
_TONE_RE = compiled("[" + "".join(TONE_MARKS) + "]")
_TONE_TABLE = str.maketrans(TONE_MARKS)


def normalise(text: str) -> str:
    """The 1:1 normalised form of ``text`` (same length, same offsets).

    Fast path, all in C: lower-case, then one GB 2312 encoding pass proves that the
    text holds no traditional character (traditional-only characters are outside GB
    2312) and one range search that it holds no full-width form. Otherwise each
    distinct character to change is replaced in one pass.
    """
    lowered = text.lower()
    if len(lowered) != len(text):  # İ lower-cases to two characters
        lowered = text
    lowered = latin_homoglyphs(_simplify(lowered), text)  # frее (Cyrillic е) is free
    lowered = tone_numbers(lowered)  # dian1fu4 is dian fu, not leetspeak
    if _LEET_RE.search(lowered) is None:
        return lowered
    return _LEET_RE.sub(lambda m: m.group(0).translate(_LEET), lowered)


def edge_leet(normalised: str) -> str:
    """``normalised`` with leet digits at a Latin word's edge read as letters, one for one."""
    if (
        _LETTER_DIGIT_RE.search(normalised) is None and _DIGIT_LETTER_RE.search(normalised) is None
    ) or _EDGE_LEET_RE.search(normalised) is None:
        return normalised
    return _EDGE_LEET_RE.sub(lambda m: m.group(0).translate(_LEET), normalised)


def _simplify(lowered: str) -> str:
    try:
        lowered.encode("gb2312", "govmedia-normalise-gate")
    except UnicodeEncodeError:
        pass
    else:
        if _FULLWIDTH_RE.search(lowered) is None:
            return lowered
    table = translate_table()
    changing = _changing().intersection(lowered)
    if len(changing) > 24:
        return lowered.translate(table)
    for char in changing:
        lowered = lowered.replace(char, table[ord(char)])
    return lowered


def traditional(original: str) -> bool:
    """Whether ``original`` holds a traditional or 火星文 character the table changes."""
    table = _t2s_table()
    return any(ord(ch) in table for ch in original)


class Compact(Removed):
    """``normalised`` with separators removed."""

    def __init__(self, normalised: str) -> None:
        # kung-ch'an-tang is gongchandang (round 19; here, not in :func:`normalise`, so the
        # semantic layer reads the text as before)
        normalised = wade_giles(normalised)
        normalised = ruby(normalised)  # 全（quán）能（néng）神 is 全能神
        if _TONE_RE.search(normalised) is not None:  # dēng记 is deng记
            normalised = normalised.translate(_TONE_TABLE)
        normalised = digit_chains(normalised)  # 法1轮2大3法4好 is 法轮大法好
        normalised = edge_leet(normalised)  # fr33 t1bet is free tibet
        normalised = filler_chains(normalised)  # 国x旗x就x是 is 国旗就是
        normalised = undouble(normalised)  # 中中华华民民族族 is 中华民族 (round 18)
        super().__init__(normalised, _SEP_RE)

    def breaks(self) -> frozenset[int]:
        """Offsets of the compacted text between two Latin letters where separators were
        removed (``you xing``: syllables written apart)."""
        if _LATIN_GAP_RE.search(self.source) is None:
            return frozenset()
        return frozenset(self.to_compact(m.end()) for m in _LATIN_GAP_RE.finditer(self.source))

    def gapped(self, start: int, end: int) -> bool:
        """True when the compact span crosses removed separators."""
        a, b = self.span(start, end)
        return b - a != end - start


def compact(normalised: str) -> Compact:
    return Compact(normalised)


_MASK_RE = compiled(
    r"```.*?```|~~~.*?~~~"  # fenced code
    r"|`[^`\n]+`"  # inline code
    r"|\]\([^)\n]*\)"  # link / image targets
    r"|<[^>\n]+>"  # HTML tags and autolinks
    r"|https?://[^\s)）\]>，。]+|www\.[^\s)）\]>，。]+",
    re.DOTALL | re.IGNORECASE,
)


def mask_markup(text: str) -> str:
    """Replace code, URLs, link targets and HTML tags by barriers (same length)."""
    # Gate: plain substring searches (in C) for anything the mask could match.
    if not (
        "`" in text
        or "<" in text
        or "](" in text
        or "~~~" in text
        or "://" in text
        or "www." in text
        or "WWW." in text
    ):
        return text

    def blank(m: re.Match[str]) -> str:
        return "".join("\n" if c == "\n" else BARRIER for c in m.group(0))

    return _MASK_RE.sub(blank, text)


def is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"
