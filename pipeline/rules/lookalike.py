"""Scripts and marks that disguise a word without changing how it reads (round 9).

Each is one class of evasion, read one character for one character (or removed as a
separator) in the compacted view of :mod:`pipeline.rules.normalize`:

- *mathematical letters* (``𝐓𝐢𝐛𝐞𝐭``, ``𝕱𝖗𝖊𝖊``: bold, italic, script, fraktur,
  double-struck, monospace, U+1D400–U+1D7FF) read as the plain letter or digit (their
  NFKC form);
- *Japanese forms* of characters (新字体, ``覚醒剤``, ``売``, ``県``) that are neither
  simplified nor traditional Chinese read as the simplified character;
- *combining marks* laid over characters (a strike-through ``藏̶族̶``, an underline, an
  enclosing circle, a tone written as a combining accent) are separators: removed;
- *empty brackets* between characters (``颠【】覆``, ``国（）家``) are separators too;
- a few *emoji that stand for a character* (``🔫`` 枪, ``🐶`` 狗, ``💊`` 药) read as that
  character instead of being removed like decorative emoji (``🌸法🌸轮🌸``).

Round 12 (held-out set 11's devices):

- *radical and compatibility forms* of characters (``⻄藏独⽴``: Kangxi radicals
  U+2F00–U+2FD5, the radicals supplement, CJK compatibility ideographs) read as the
  character they draw (:func:`radical_table`);
- *Braille letters* (``⠋⠁⠇⠥⠝⠛``) read as the Latin letters they spell (:data:`BRAILLE`);
- *letters in other forms*: superscript, subscript and modifier letters (``ᵗᶦᵇᵉᵗ``), small
  capitals (``ᴛɪʙᴇᴛ``), parenthesized, squared and negative circled or squared letters
  (``⒯``, ``🄵``, ``🅵``, ``🆃``) read as the plain letter (:func:`letter_table`);
- *Cyrillic and Greek look-alike letters* inside a Latin word (``Frее Tibеt`` with a
  Cyrillic е) read as the Latin letters (:func:`latin_homoglyphs`); a word written wholly in
  Cyrillic or Greek stays as it is (Russian and Greek are read as themselves).

A hit written in mathematical letters, Japanese forms or emoji for characters is an
evasion (:func:`device`), like traditional script: no legitimate post writes a banned
word that way.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache

from pipeline.rules import letter_names
from pipeline.rules.compiled_re import compiled

STYLED_NAME = "数学花体字母"
LETTER_NAME = "变体字母"
JAPANESE_NAME = "日文字形"
EMOJI_NAME = "表情符号代字"
RADICAL_NAME = "部首字形"
BRAILLE_NAME = "盲文字母"
HOMOGLYPH_NAME = "形近外文字母"

# Emoji written for one character of a word (``🔫仿真🔫``, ``🐶官``). Only pictures with
# one reading; emoji that only decorate stay separators.
EMOJI_WORDS = {
    "🔫": "枪",  # pistol
    "🐶": "狗",  # dog face
    "🐕": "狗",  # dog
    "🐷": "猪",  # pig face
    "🐖": "猪",  # pig
    "💊": "药",  # pill
    "💩": "屎",  # pile of poo
    "🐔": "鸡",  # chicken
}

# Combining marks: diacritics (U+0300–U+036F, the strike-through U+0335–U+0338 among
# them) and the marks for symbols (U+20D0–U+20FF, enclosing circles and keycaps).
COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
# Empty bracket pairs: an opening bracket right before a closing one (ASCII brackets are
# separators already, full-width ［］ and ｛｝ become ASCII ones).
OPENING, CLOSING = "【（「『〔〖《〈", "】）」』〕〗》〉"
EMPTY_BRACKETS = f"[{OPENING}][{CLOSING}]"

# Japanese forms (新字体) outside GB 2312 and outside OpenCC's traditional table, with the
# simplified character they stand for. Only characters whose reading and meaning are the
# same as the Chinese character's.
JAPANESE = {
    "覚": "觉",
    "剤": "剂",
    "薬": "药",
    "売": "卖",
    "戦": "战",
    "対": "对",
    "団": "团",
    "権": "权",
    "転": "转",
    "変": "变",
    "発": "发",
    "広": "广",
    "様": "样",
    "歳": "岁",
    "県": "县",
    "銭": "钱",
    "蔵": "藏",
    "弾": "弹",
    "験": "验",
    "関": "关",
    "図": "图",
    "圧": "压",
    "経": "经",
    "続": "续",
    "読": "读",
    "総": "总",
    "聴": "听",
    "帰": "归",
    "拝": "拜",
    "悪": "恶",
    "価": "价",
    "児": "儿",
    "両": "两",
    "猟": "猎",
    "桜": "樱",
    "楽": "乐",
    "気": "气",
    "単": "单",
    "営": "营",
    "労": "劳",
    "栄": "荣",
    "挙": "举",
    "険": "险",
    "検": "检",
    "剣": "剑",
    "黒": "黑",
    "亜": "亚",
    "脳": "脑",
    "悩": "恼",
    "戯": "戏",
    "闘": "斗",
    "撃": "击",
}


# Enclosed letters and ideographs (round 10): circled Latin letters (``Ⓡⓣ``, U+24B6–U+24E9)
# and circled ideographs (``㊙``, ``㊥``, U+3280–U+32B0) read as the letter or character.
ENCLOSED = ((0x24B6, 0x24EA), (0x3280, 0x32B1))


def _nfkc_table(ranges: tuple[tuple[int, int], ...], keep: Callable[[str], bool]) -> dict[int, str]:
    """Code points of ``ranges`` whose NFKC form is one character that ``keep`` accepts,
    mapped to it lower-cased."""
    table: dict[int, str] = {}
    for lo, hi in ranges:
        for code in range(lo, hi):
            plain = unicodedata.normalize("NFKC", chr(code))
            if len(plain) == 1 and keep(plain):
                table[code] = plain.lower()
    return table


@cache
def enclosed_table() -> dict[int, str]:
    return _nfkc_table(ENCLOSED, lambda plain: True)


# Superscript, subscript and modifier letters: their NFKC form is the plain letter.
MODIFIER_LETTERS = (
    (0x02B0, 0x02B9),
    (0x02E0, 0x02E5),
    (0x1D2C, 0x1D6B),
    (0x1D9B, 0x1DC0),
    (0x2070, 0x20A0),
)
# Runs of 26 letters a–z with no NFKC form of one letter, each (first code point, the letter
# it is, case as written): parenthesized small letters, squared, negative circled and
# negative squared capitals, and (round 35) parenthesized capitals (``🄝🄔🄘``, U+1F110).
# The lexicons read them lower-cased, the pattern rules' view (:mod:`pipeline.rules.view`)
# as written.
LETTER_RUNS = ((0x249C, "a"), (0x1F110, "A"), (0x1F130, "A"), (0x1F150, "A"), (0x1F170, "A"))
# Round 39: every other styled letter is found by its Unicode name (:mod:`letter_names`);
# ``ǫ`` (o with ogonek, no small capital by name) is the fancy-text generators' small Q.
GENERATOR_LETTERS = {"ǫ": "q"}


# Letters turned upside down (round 14: ``ǝʞoɾ ɐ sı ɐuıɥɔ`` is "china is a joke" turned
# over): each turned form and the letter it is, and the plain letters that turn into one
# another (``uʍop`` is "down"). Read only by :func:`pipeline.rules.notation.backwards`,
# right to left, on a text holding three turned forms.
TURNED = dict(
    zip(
        "ɐɔǝɟƃɥıɾʞꞁɯɹʇʌʍʎ∀ƆƎℲ⅁ſꞰԀᴚ⊥∩Ʌ⅄pdbqnu",
        "acefghijklmrtvwyACEFGJKPRTUVYdpqbun",
        strict=True,
    )
)
# the turned forms alone (not the plain letters that turn into one another)
TURNED_FORMS = "".join(turned for turned in TURNED if not turned.isascii())


@cache
def letter_table() -> dict[int, str]:
    """Letters in other forms (superscript, small capital, squared …) → the plain letter."""
    table = _nfkc_table(MODIFIER_LETTERS, lambda plain: plain.isascii() and plain.isalpha())
    named = {**letter_names.table(), **{ord(k): v for k, v in GENERATOR_LETTERS.items()}}
    for lo, hi in MODIFIER_LETTERS:  # ᶦ is a small capital I written small
        for code in range(lo, hi):
            plain = named.get(ord(unicodedata.normalize("NFKC", chr(code))[:1] or " "))
            if plain is not None:
                table.setdefault(code, plain)
    table.update(named)
    return table


@cache
def styled_table() -> dict[int, str]:
    """Mathematical letters and digits → their plain ASCII form, lower-cased."""
    return _nfkc_table(((0x1D400, 0x1D800),), lambda plain: plain.isascii() and plain.isalnum())


def japanese_table(known: dict[int, str]) -> dict[int, str]:
    """The Japanese forms that neither GB 2312 nor ``known`` (the traditional table)
    already read: each maps to its simplified character."""
    table: dict[int, str] = {}
    for form, simple in JAPANESE.items():
        if form == simple or ord(form) in known:
            continue
        try:
            form.encode("gb2312")
        except UnicodeEncodeError:
            table[ord(form)] = simple
    return table


# The radicals supplement (U+2E80–U+2EF3) has no compatibility decomposition but for two
# forms: the simplified and variant radicals with the character each draws.
RADICAL_SUPPLEMENT = {
    "⺁": "厂",
    "⺇": "几",
    "⺈": "刀",
    "⺌": "小",
    "⺍": "小",
    "⺕": "彐",
    "⺢": "水",
    "⺣": "火",
    "⺤": "爪",
    "⺧": "牛",
    "⺩": "王",
    "⺫": "目",
    "⺮": "竹",
    "⺳": "网",
    "⺶": "羊",
    "⺷": "羊",
    "⺻": "聿",
    "⺼": "肉",
    "⻀": "艸",
    "⻄": "西",
    "⻅": "见",
    "⻆": "角",
    "⻈": "讠",
    "⻉": "贝",
    "⻋": "车",
    "⻍": "辶",
    "⻏": "阝",
    "⻓": "长",
    "⻔": "门",
    "⻗": "雨",
    "⻘": "青",
    "⻙": "韦",
    "⻚": "页",
    "⻛": "风",
    "⻜": "飞",
    "⻝": "食",
    "⻟": "食",
    "⻢": "马",
    "⻣": "骨",
    "⻤": "鬼",
    "⻥": "鱼",
    "⻦": "鸟",
    "⻧": "卤",
    "⻨": "麦",
    "⻩": "黄",
    "⻬": "齐",
    "⻮": "齿",
    "⻯": "龙",
    "⻰": "龙",
    "⻳": "龟",
}
# Ranges whose NFKC form is the unified character: Kangxi radicals and the CJK
# compatibility ideographs.
RADICAL_RANGES = ((0x2F00, 0x2FD6), (0xF900, 0xFADA))


@cache
def radical_table() -> dict[int, str]:
    """Radical and compatibility forms → the unified character they draw (``⽴`` → 立)."""
    table = _nfkc_table(RADICAL_RANGES, lambda plain: "\u3400" <= plain <= "\u9fff")
    table.update({ord(k): v for k, v in RADICAL_SUPPLEMENT.items()})
    return table


# Braille letters a–z (English Braille, grade 1): pinyin or English written in dots.
BRAILLE = dict(zip("⠁⠃⠉⠙⠑⠋⠛⠓⠊⠚⠅⠇⠍⠝⠕⠏⠟⠗⠎⠞⠥⠧⠺⠭⠽⠵", "abcdefghijklmnopqrstuvwxyz", strict=True))

# Lower-case Cyrillic and Greek letters that look like a Latin letter (upper-case ones are
# lower-cased first: ``Т`` is read through ``т``).
# Round 30: Armenian letters that look like Latin ones (``ոеіbս`` for ``neibu``: ո n,
# ս u, օ o, հ h, ց g, զ q, ք p, ա w), the IPA letters ɑ, ɡ and the dotless ı, and the Greek
# yot ϳ, read the same way inside a word that holds an ASCII letter (an Armenian word holds
# none and stays as written).
HOMOGLYPHS = dict(
    zip(
        "аеорсухіјѕһԁԛԝкмтвнѵαορνικτυχεβημζωոսօհցզքաɑɡıϳ",
        "aeopcyxijshdqwkmtbhvaopvikiuxebhmzwnuohgqpwagij",
        strict=True,
    )
)
_HOMOGLYPH_TABLE = str.maketrans(HOMOGLYPHS)
_LOOKALIKE_RANGES = "\u0370-\u04ff\u0500-\u058f\u0251\u0261\u0131"
_CYRILLIC_GREEK_RE = compiled(f"[{_LOOKALIKE_RANGES}]")
# A run of letters holding an ASCII letter and a look-alike: a Latin word disguised.
_MIXED = (
    f"(?=[a-z{_LOOKALIKE_RANGES}]*[a-z])(?=[a-z{_LOOKALIKE_RANGES}]*["
    + "".join(HOMOGLYPHS)
    + f"])[a-z{_LOOKALIKE_RANGES}]+"
)


@cache
def _mixed_re() -> re.Pattern[str]:
    """Compiled when a text first holds Cyrillic or Greek (most never do)."""
    return compiled(_MIXED)


# Capitals whose small letter looks like another Latin letter (Greek ``Ν`` is N, its ``ν`` is
# read as v; ``Υ`` is Y, ``υ`` u), read from the text before it was lower-cased (round 13:
# ``CΗΙΝΑ``). Round 22: Greek ``Τ`` and Cyrillic ``Т`` are T (their small letters are read
# as i and m).
CAPITAL_HOMOGLYPHS = {"\u039d": "n", "\u03a5": "y", "\u03a4": "t", "\u0422": "t"}


# Round 23: a whole word written in small Greek letters that look like Latin ones
# (``ταιωαη`` for ``taiwan``), read for the pinyin view only (:func:`greek_words`): ``τ`` is
# t, ``η`` n, ``γ`` y there, where the table above reads a Latin word's look-alikes. A Greek
# word with an accent or another letter (``λ``, ``σ``, ``ά``) is Greek and stays as written.
GREEK_PINYIN = dict(zip("αεηικνοτυωχγρ", "aenikvotuwxyp", strict=True))
_GREEK_PINYIN_TABLE = str.maketrans(GREEK_PINYIN)
_GREEK_WORD_RE = compiled(
    "(?<![a-z\u0370-\u03ff])[" + "".join(GREEK_PINYIN) + "]{3,}(?![a-z\u0370-\u03ff])"
)


def greek_words(lowered: str) -> str:
    """``lowered`` with each whole word of three or more letters of :data:`GREEK_PINYIN` as the
    Latin letters they look like, one for one (same length)."""
    if _CYRILLIC_GREEK_RE.search(lowered) is None:
        return lowered
    return _GREEK_WORD_RE.sub(lambda m: m.group(0).translate(_GREEK_PINYIN_TABLE), lowered)


def latin_homoglyphs(lowered: str, original: str = "") -> str:
    """``lowered`` with Cyrillic and Greek look-alikes inside a Latin word read as Latin
    letters (``frее`` → ``free``), one for one; ``original``: the text before it was
    lower-cased (same length), for the capitals of :data:`CAPITAL_HOMOGLYPHS`."""
    if _CYRILLIC_GREEK_RE.search(lowered) is None:
        return lowered

    def read(m: re.Match[str]) -> str:
        word = m.group(0).translate(_HOMOGLYPH_TABLE)
        if len(original) != len(lowered):
            return word
        capitals = original[m.start() : m.end()]
        return "".join(CAPITAL_HOMOGLYPHS.get(c, w) for c, w in zip(capitals, word, strict=True))

    return _mixed_re().sub(read, lowered)


def device(original: str) -> str:
    """The disguise ``original`` is written in (mathematical letters, Japanese forms),
    or "" when none."""
    styled = styled_table()
    if any(ord(ch) in styled for ch in original):
        return STYLED_NAME
    letters = letter_table()
    if any(ord(ch) in letters for ch in original):
        return LETTER_NAME
    if any(ch in JAPANESE for ch in original):
        return JAPANESE_NAME
    if any(ch in EMOJI_WORDS for ch in original):
        return EMOJI_NAME
    radicals = radical_table()
    if any(ord(ch) in radicals for ch in original):
        return RADICAL_NAME
    if any(ch in BRAILLE for ch in original):
        return BRAILLE_NAME
    if any(ch.lower() in HOMOGLYPHS for ch in original):
        return HOMOGLYPH_NAME
    return ""
