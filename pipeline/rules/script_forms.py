"""Round 30's decoded view: characters of other scripts written for Chinese ones (issue 12).

- *Katakana for the strokes of a character*: ``カロV`` is 加V (カ looks like 力, ロ like 口,
  side by side they are 加), ``カロ粉`` is 加粉. Read only in a text without hiragana (a
  Japanese sentence holds hiragana; a Chinese post borrowing katakana for their shapes does
  not) and only for a run of at most :data:`KANA_RUN` katakana beside a Chinese character or
  an ASCII letter.
- *Suzhou numerals* (〡–〩 for 1–9, 〸〹〺 for 10, 20 and 30): ``〸〦号上午〨点`` is 16号上午8点.
  〸 before a digit is its tens digit (1), alone it is 十; 〹 and 〺 likewise (2 and 廿, 3 and 卅).

- *A pinyin slug in a link* (``https://pan.example.cn/s/chushou-gerenxinxi-yiwantiao``): a
  path segment of :data:`SLUG_WORDS` or more lower-case words joined by ``-`` or ``_``, read
  by the pinyin reader (:mod:`pipeline.rules.pinyin_reader`) as if the words were written
  apart in prose; an English slug reads as nothing.

Same length as the text; a pair read as one character is padded with a space (a separator).
"""

from __future__ import annotations

import re

from pipeline.rules import pinyin_reader
from pipeline.rules.compiled_re import compiled

NAME = "字形借用"

# Two katakana written side by side for one character, and single katakana for the
# character they copy stroke for stroke.
KANA_PAIRS = {"カロ": "加", "カ口": "加", "力ロ": "加", "イ本": "体", "ロロ": "吕"}
KANA_SINGLE = {"カ": "力", "ロ": "口", "エ": "工", "ニ": "二", "ハ": "八", "ト": "卜", "タ": "夕"}
KANA_RUN = 3
_KANA_RE = compiled(
    "(?:(?<=[\u4e00-\u9fffA-Za-z0-9])|(?=[\u30a0-\u30ff]{1,3}[\u4e00-\u9fffA-Za-z]))"
    f"[\u30a1-\u30fa]{{1,{KANA_RUN}}}(?![\u30a0-\u30ff])"
)
_HIRAGANA_RE = compiled("[\u3041-\u309f]")
_KATAKANA_RE = compiled("[\u30a1-\u30fa]")

SUZHOU = {chr(0x3021 + i): str(i + 1) for i in range(9)}
SUZHOU_TENS = {"〸": ("1", "十"), "〹": ("2", "廿"), "〺": ("3", "卅")}
_SUZHOU_RE = compiled("[\u3021-\u3029\u3038-\u303a]")

SLUG_WORDS = 3
_SLUG_RE = compiled(rf"(?<=[/=])[a-z]+(?:[-_][a-z]+){{{SLUG_WORDS - 1},}}(?=[/?#&.)\s]|$)")


def read(text: str) -> str:
    """``text`` with katakana look-alikes, Suzhou numerals and pinyin slugs of links read
    (same length)."""
    read_text = _suzhou(text)
    if "://" in text:
        read_text = _SLUG_RE.sub(_slug, read_text)
    if _HIRAGANA_RE.search(text) is None and _KATAKANA_RE.search(text):
        read_text = _KANA_RE.sub(_kana, read_text)
    return read_text


def _kana(m: re.Match[str]) -> str:
    run = m.group(0)
    out = ""
    i = 0
    while i < len(run):
        pair = run[i : i + 2]
        if pair in KANA_PAIRS:
            out += KANA_PAIRS[pair] + " "
            i += 2
        else:
            out += KANA_SINGLE.get(run[i], run[i])
            i += 1
    return out


def _suzhou(text: str) -> str:
    if _SUZHOU_RE.search(text) is None:
        return text
    chars = list(text)
    for i, ch in enumerate(chars):
        if ch in SUZHOU:
            chars[i] = SUZHOU[ch]
        elif ch in SUZHOU_TENS:
            digit = i + 1 < len(text) and "\u3021" <= text[i + 1] <= "\u3029"
            chars[i] = SUZHOU_TENS[ch][0 if digit else 1]
    return "".join(chars)


def _slug(m: re.Match[str]) -> str:
    spaced = m.group(0).replace("-", " ").replace("_", " ")
    read = pinyin_reader.read(spaced)
    return m.group(0) if read == spaced else read
