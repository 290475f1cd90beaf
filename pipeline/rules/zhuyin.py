"""Words written in bopomofo (注音符号), read as characters (round 10, issue 12).

``ㄙㄜˋ ㄑㄧㄥˊ 影片`` spells 色情影片 in Taiwan's phonetic letters. Each syllable (one to
three letters and its tone mark) is read as the most frequent common character with that
reading (jieba's word frequencies over GB 2312 level 1, readings from pypinyin), placed
where the syllable begins, the rest of the syllable as spaces: the same length, so the
compacted view reads ``色情影片`` split by separators (an evasion). A syllable written
without its tone mark reads as the first tone, as bopomofo writes it; when no common
character has that tone, the most frequent of any tone.

The table needs pypinyin and jieba's dictionary (a second or so), so it is built only for a
text holding bopomofo and kept in the private cache under a name that hashes this module and
:mod:`pipeline.rules.phonetic` (which counts the frequencies).
"""

from __future__ import annotations

import re
from functools import cache as memoised

from pipeline.rules import cache
from pipeline.rules.compiled_re import compiled

LETTERS = "\u3105-\u312f\u31a0-\u31bf"
_TONES = "ˊˇˋ˙"
_SYLLABLE_RE = compiled(f"˙?[{LETTERS}]{{1,3}}[{_TONES}]?")
_GATE_RE = compiled(f"[{LETTERS}]")
_VOWEL_RE = compiled("[aeiouv]")
FORMAT = 1


def has_bopomofo(text: str) -> bool:
    return _GATE_RE.search(text) is not None


def read(text: str) -> str:
    """``text`` with each bopomofo syllable as a character and spaces, same length."""
    if not has_bopomofo(text):
        return text
    table = syllable_table()

    def one(m: re.Match[str]) -> str:
        syllable = m.group(0)
        letters = syllable.strip(_TONES)
        char = table.get(syllable) or table.get(letters) or table.get("*" + letters)
        if char is None:
            return syllable
        return char + " " * (len(syllable) - 1)

    return _SYLLABLE_RE.sub(one, text)


@memoised
def syllable_table() -> dict[str, str]:
    """Bopomofo syllable (with its tone mark as pypinyin writes it) -> character; ``*``
    and the letters alone -> the most frequent character of any tone. A cached table whose
    values are not single characters is rebuilt: a longer value would shift every offset."""
    name = f"zhuyin-{FORMAT}-{cache.code_digest(('zhuyin.py', 'phonetic.py'), 8).hexdigest()}.json"
    data = cache.read_json(name)
    if isinstance(data, dict) and all(isinstance(v, str) and len(v) == 1 for v in data.values()):
        return data
    table = _build()
    cache.write_json(name, table)
    return table


def _build() -> dict[str, str]:
    from pypinyin import Style, pinyin

    from pipeline.rules.phonetic import char_counts, common  # it imports the normalisation

    table: dict[str, str] = {}
    for char, _ in char_counts().most_common():
        if not common(char):
            continue
        syllable = pinyin(char, style=Style.BOPOMOFO)[0][0]
        table.setdefault(syllable, char)
        table.setdefault("*" + syllable.strip(_TONES), char)
    return table


Syllable = tuple[int, int, str, str]  # start, end, toneless pinyin, tone digit
_TONE_DIGITS = {"": "1", "ˊ": "2", "ˇ": "3", "ˋ": "4", "˙": "5"}


def syllables(text: str) -> list[Syllable]:
    """Every bopomofo syllable of ``text`` with its pinyin (round 20: for the decoder of the
    decoded views, :mod:`pipeline.rules.pinyin_reader`, which reads words, not characters);
    a syllable without a tone mark is of the first tone, as bopomofo writes it."""
    if not has_bopomofo(text):
        return []
    table = pinyin_table()
    found: list[Syllable] = []
    for m in _SYLLABLE_RE.finditer(text):
        syllable = m.group(0)
        letters = table.get(syllable.strip(_TONES))
        if letters:
            mark = next((c for c in syllable if c in _TONES), "")
            found.append((m.start(), m.end(), letters, _TONE_DIGITS[mark]))
    return found


@memoised
def pinyin_table() -> dict[str, str]:
    """Bopomofo letters of a syllable, without its tone mark -> its toneless pinyin
    (``ㄓㄨㄥ`` -> ``zhong``), from every reading of the common characters."""
    digest = cache.code_digest(("zhuyin.py", "phonetic.py"), 8).hexdigest()
    name = f"zhuyin-pinyin-{FORMAT}-{digest}.json"
    data = cache.read_json(name)
    if isinstance(data, dict) and all(isinstance(v, str) and v for v in data.values()):
        return data
    table = _build_pinyin()
    cache.write_json(name, table)
    return table


def _build_pinyin() -> dict[str, str]:
    from pypinyin import Style, pinyin, pinyin_dict

    from pipeline.rules.phonetic import common  # it imports the normalisation

    table: dict[str, str] = {}
    codes = [code for code in pinyin_dict.pinyin_dict if 0x4E00 <= code <= 0x9FFF]
    # round 39: the common characters' readings first, then every other character's, so
    # the table holds every syllable pypinyin knows (``ㄉㄧㄚ`` dia, ``ㄖㄨㄚ`` rua, ``ㄟ``
    # ei); a reading without a vowel (``ㄋ`` n, ``ㄏㄇ`` hm) is no whole syllable
    for code in sorted(codes, key=lambda code: not common(chr(code))):
        char = chr(code)
        marks = pinyin(char, style=Style.BOPOMOFO, heteronym=True)[0]
        toned = pinyin(char, style=Style.TONE3, heteronym=True)[0]
        for bopomofo, reading in zip(marks, toned, strict=False):
            letters = reading.rstrip("012345").replace("ü", "v")
            if letters.isascii() and letters.isalpha() and _VOWEL_RE.search(letters):
                table.setdefault(bopomofo.strip(_TONES), letters)
    return table
