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

A hit written in mathematical letters, Japanese forms or emoji for characters is an
evasion (:func:`device`), like traditional script: no legitimate post writes a banned
word that way.
"""

from __future__ import annotations

import unicodedata
from functools import cache

STYLED_NAME = "数学花体字母"
JAPANESE_NAME = "日文字形"
EMOJI_NAME = "表情符号代字"

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
COMBINING = "\u0300-\u036f\u20d0-\u20ff"
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


@cache
def enclosed_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for lo, hi in ENCLOSED:
        for code in range(lo, hi):
            plain = unicodedata.normalize("NFKC", chr(code))
            if len(plain) == 1:
                table[code] = plain.lower()
    return table


@cache
def styled_table() -> dict[int, str]:
    """Mathematical letters and digits → their plain ASCII form, lower-cased."""
    table: dict[int, str] = {}
    for code in range(0x1D400, 0x1D800):
        plain = unicodedata.normalize("NFKC", chr(code))
        if len(plain) == 1 and plain.isascii() and plain.isalnum():
            table[code] = plain.lower()
    return table


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


def device(original: str) -> str:
    """The disguise ``original`` is written in (mathematical letters, Japanese forms),
    or "" when none."""
    styled = styled_table()
    if any(ord(ch) in styled for ch in original):
        return STYLED_NAME
    if any(ch in JAPANESE for ch in original):
        return JAPANESE_NAME
    if any(ch in EMOJI_WORDS for ch in original):
        return EMOJI_NAME
    return ""
