"""第十条 (round 27, issue 12): text the rules cannot read is shown to the reviewers (A10-04).

No lexicon covers every language and every code, so a Chinese government post holding a
passage the checker cannot read is flagged for the reviewers to confirm what it says (第十条:
语义明确、符合语言规范; 第十五条: 三审 cannot approve what nobody can read). A warning,
never an error (round 42: a sentence the semantic model flags beside such a passage is an
error of its item, :mod:`pipeline.rules.unread`). What is flagged (data: ``opaque.yml``):

- a **foreign script**: letters of a script other than Latin and Chinese (Cyrillic, Arabic,
  Persian, Lisu ``ꓝꓮꓠ``, Canadian syllabics ``ᖶᗩᓰ`` …), at least ``script_letters_min``;
- a **foreign Latin passage**: at least ``latin_words_min`` words and ``latin_letters_min``
  letters that are not English (fewer than ``english_share`` of the words are English
  function words, and fewer than ``english_common_share`` are function words, common
  English words of notices and software or words with an English ending), not pinyin (left to the pinyin detectors) and not names (every word
  capitalised: a place, an organisation, a heading);
- **opaque code**: a token whose character classes keep changing (Base58, Base64, Base45,
  hex keys), a long letter-only token that is no pinyin (a DNA spelling), a run of hex
  bytes (``E5 BA 9F``, ``#E59BBD``), Morse in dots and dashes or in characters (滴/答).
  A code that a word just before it explains (哈希, 编号, 订单 …) is read, not opaque.

Code and URLs are masked first (:func:`~pipeline.rules.normalize.mask_markup`): a code block
the post marks as code, a link, an e-mail's address do not count; numbers are no letters.
A post that declares an English or bilingual version (``declarations``) passes its Latin.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from itertools import accumulate, pairwise
from pathlib import Path
from typing import Any

from pipeline import yamlutil
from pipeline.rules import morse
from pipeline.rules.compiled_re import compiled
from pipeline.rules.detection import Detection
from pipeline.rules.normalize import mask_markup
from pipeline.rules.pinyin_reader import syllabic
from pipeline.rules.zhuyin import pinyin_table

RULE = "A10-04"
ARTICLE = "第十条"
MESSAGE = "无法审读的{what}：规则和审核人员都无法确认其含义，请补充中文译文或删除"
_FILE = "opaque.yml"
# A passage: what lies between Chinese characters, Chinese punctuation and line breaks.
_PASSAGE_RE = compiled(r"[^\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef\n“”‘’—…]+")
_WORD_RE = compiled(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_EDGES = "\"'’‘()[]{}<>«»,.;:!?¡¿؛،"
_TOKEN_RE = compiled(r"[A-Za-z0-9+/=_$%*:.\-]+")
_HEX_RE = compiled(
    r"(?<![0-9A-Za-z#])#?[0-9A-Fa-f]{2,8}(?:[ ,]+#?[0-9A-Fa-f]{2,8})+(?![0-9A-Za-z])"
)
_AF_RE = compiled(r"[A-Fa-f]")
_MORSE_GAP = 8  # characters between two changed places of one Morse run


@dataclass(frozen=True, repr=False)
class Data:
    """``opaque.yml``."""

    stopwords: frozenset[str]
    english_share: float
    common: frozenset[str]
    endings: tuple[str, ...]
    common_share: float
    latin_words_min: int
    latin_letters_min: int
    script_letters_min: int
    token_min: int
    token_changes: float
    letters_run_min: int
    hex_groups_min: int
    beep_min: int
    explained: tuple[str, ...]
    declarations: tuple[str, ...]
    read_scripts: frozenset[str]
    beeps: re.Pattern[str]


@cache
def data() -> Data:
    raw: dict[str, Any] = yamlutil.load_data(
        Path(__file__).with_name(_FILE).read_text(encoding="utf-8")
    )
    symbols = "".join(sorted(set("".join(raw["beeps"]))))
    beep = f"[{symbols}]"
    return Data(
        stopwords=frozenset(str(w) for w in raw["english_stopwords"]),
        english_share=float(raw["english_share"]),
        common=frozenset(str(w) for w in raw["english_common"]),
        common_share=float(raw["english_common_share"]),
        endings=tuple(str(w) for w in raw["english_endings"]),
        latin_words_min=int(raw["latin_words_min"]),
        latin_letters_min=int(raw["latin_letters_min"]),
        script_letters_min=int(raw["script_letters_min"]),
        token_min=int(raw["token_min"]),
        token_changes=float(raw["token_changes"]),
        letters_run_min=int(raw["letters_run_min"]),
        hex_groups_min=int(raw["hex_groups_min"]),
        beep_min=int(raw["beep_min"]),
        explained=tuple(str(w) for w in raw["explained"]),
        declarations=tuple(str(w) for w in raw["declarations"]),
        read_scripts=frozenset(str(w) for w in raw["read_scripts"]),
        beeps=compiled(f"{beep}(?:[ /|]*{beep}){{{int(raw['beep_min']) - 1},}}"),
    )


def declared(*texts: str) -> bool:
    """Whether the post (its body, title or tags) declares an English or bilingual version."""
    words = data().declarations
    return any(word in text for text in texts for word in words)


def detect(text: str, *, english: bool = False) -> list[Detection]:
    """A10-04 warnings in ``text`` (a post's body); ``english``: the post declares an
    English or bilingual version, so its Latin passages pass."""
    d = data()
    masked = mask_markup(text)
    found: list[tuple[int, int, str]] = []
    for m in _PASSAGE_RE.finditer(masked):
        what = _passage(m.group(0), d, english)
        if what:
            lead = len(m.group(0)) - len(m.group(0).lstrip())
            found.append((m.start() + lead, m.start() + len(m.group(0).rstrip()), what))
    found += _codes(masked, d)
    found += _beeps(masked, d)
    return _merged(found)


def _script(char: str) -> str:
    return unicodedata.name(char, "").split(" ", 1)[0]


def _passage(passage: str, d: Data, english: bool) -> str:
    """What a passage is when the reviewers cannot read it (``""``: readable)."""
    letters = [c for c in passage if c.isalpha()]
    foreign = sum(_script(c) not in d.read_scripts for c in letters)
    if foreign >= d.script_letters_min:
        return "外文（非拉丁字母文字）"
    words = _words(passage)
    if len(words) < d.latin_words_min or sum(map(len, words)) < d.latin_letters_min:
        return ""
    if english or all(w[:1].isupper() or w.lower() in d.stopwords for w in words):
        return ""  # declared English, or names and headings
    lowered = [w.lower() for w in words]
    function = sum(w in d.stopwords for w in lowered)
    if function >= d.english_share * len(words):
        return ""
    common = sum(w in d.common or (len(w) > 4 and w.endswith(d.endings)) for w in lowered)
    if function + common >= d.common_share * len(words):
        return ""  # English with few function words (``Full test coverage``)
    if all(w.isascii() and all(map(_pinyin, re.split(r"['’\-]", w))) for w in lowered):
        return ""  # pinyin: the pinyin detectors read it
    return "外文段落"


@cache
def _syllables() -> frozenset[str]:
    """The toneless pinyin syllables of the common characters (``zhong``, ``yi``)."""
    return frozenset(pinyin_table().values())


def _pinyin(word: str) -> bool:
    """Whether ``word`` (lower case) is written in real pinyin syllables only (Swahili and
    Malay words are pinyin-shaped, ``kesho``, but not made of real syllables)."""
    syllables = _syllables()
    ends = [True] + [False] * len(word)
    for end in range(1, len(word) + 1):
        ends[end] = any(
            ends[start] and word[start:end] in syllables for start in range(max(0, end - 6), end)
        )
    return bool(word) and ends[-1]


def _words(passage: str) -> list[str]:
    """The space-separated tokens of ``passage`` that are words: letters only, apostrophes
    and hyphens inside (a token with a digit, an ``@`` or a dot inside is no word; a single
    letter other than ``a`` and ``I`` is an initial or a mark, ``(c)``, no word)."""
    tokens = (token.strip(_EDGES) for token in passage.split())
    return [t for t in tokens if _WORD_RE.fullmatch(t) and (len(t) > 1 or t in "aAI")]


def _codes(masked: str, d: Data) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    for m in _TOKEN_RE.finditer(masked):
        token = m.group(0).strip(".:-")
        if len(token) >= d.token_min and _opaque(token, d) and not _explained(masked, m, d):
            found.append((m.start(), m.end(), "编码内容"))
    for m in _HEX_RE.finditer(masked):
        groups = re.split(r"[ ,]+", m.group(0))
        lettered = sum(_AF_RE.search(g) is not None for g in groups)
        if len(groups) >= d.hex_groups_min and lettered >= 2 and not _explained(masked, m, d):
            found.append((m.start(), m.end(), "十六进制编码"))
    read = morse.read(masked)
    if read != masked:
        diff = [i for i, (a, b) in enumerate(zip(masked, read, strict=True)) if a != b]
        start = diff[0]
        for before, at in pairwise(diff):
            if at - before > _MORSE_GAP:
                found.append((start, before + 1, "摩斯电码"))
                start = at
        found.append((start, diff[-1] + 1, "摩斯电码"))
    return found


def _opaque(token: str, d: Data) -> bool:
    """A token that changes character class often and mixes letters and digits, or a long
    run of letters that is no pinyin."""
    classes = [_class(c) for c in token]
    changes = sum(a != b for a, b in pairwise(classes))
    mixed = "d" in classes and ("u" in classes or "l" in classes)
    if mixed and changes >= d.token_changes * len(token):
        return True
    return (
        token.isalpha()
        and len(token) >= d.letters_run_min
        and not syllabic(token.lower())
        and not token[1:].islower()
    )


def _class(char: str) -> str:
    if char.isdigit():
        return "d"
    if char.isupper():
        return "u"
    return "l" if char.islower() else "s"


def _explained(masked: str, m: re.Match[str], d: Data) -> bool:
    before = masked[max(0, m.start() - 20) : m.start()]
    return any(word in before for word in d.explained)


def _beeps(masked: str, d: Data) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    for m in d.beeps.finditer(masked):
        if len({c for c in m.group(0) if not c.isspace() and c not in "/|"}) >= 2:
            found.append((m.start(), m.end(), "电码"))
    return found


def _merged(found: list[tuple[int, int, str]]) -> list[Detection]:
    """One warning per place: overlapping spans are joined under the first one's name."""
    result: list[Detection] = []
    end = -1
    for start, stop, what in sorted(found):
        if result and start < end:
            last = result[-1]
            end = max(end, stop)
            result[-1] = Detection(last.start, end, RULE, ARTICLE, "warning", last.message)
            continue
        end = stop
        message = MESSAGE.format(what=what)
        result.append(Detection(start, stop, RULE, ARTICLE, "warning", message))
    return result


def shown(text: str, found: list[Detection], *, english: bool) -> list[Detection]:
    """The A10-04 warnings of a post's body ``text`` that no error of ``found`` (the other
    rules' findings) already shows the reviewers whole (a key in a pasted credential; an
    error on two letters inside a foreign passage does not show the passage)."""
    errors = sorted((f.start, f.end) for f in found if f.severity == "error")
    starts = [start for start, _ in errors]
    reach = list(accumulate((end for _, end in errors), max))  # the furthest end so far
    result: list[Detection] = []
    for d in detect(text, english=english):
        at = bisect_right(starts, d.start)  # the errors that start at or before it
        if not (at and reach[at - 1] >= d.end):
            result.append(d)
    return result
