"""Pinyin typed in a double-pinyin layout (双拼), read as syllables (round 24, issue 12).

A double-pinyin input method types each syllable as two keys: the initial's key (``zh``
``ch`` ``sh`` on ``v`` ``i`` ``u``) then the final's (小鹤双拼 ``dmfu vgqr`` is *dian fu
zheng quan*). Written out, the codes read as no word; a writer who names the layout gives
the key to read them. :func:`syllables` reads, only in a text that names double pinyin or
one of its layouts (:data:`CUES`), each run of two-key codes (at least two, apart by
spaces or together in words of even length) as syllables in every common layout — 小鹤,
自然码 and 微软 (搜狗's is Microsoft's) — the layout named first, and gives them to the pinyin
reader (:func:`pipeline.rules.pinyin_reader.read_syllables`) as bopomofo's are given: each
character where its code begins, the same length. A layout is used only when every code of
a run is a syllable in it; English words in a post about input methods may read as
syllables too, which find nothing unless they spell a listed term.
"""

from __future__ import annotations

import re
from functools import cache as memoised

from pipeline.rules import pinyin_reader
from pipeline.rules.compiled_re import Lazy

Syllable = tuple[int, int, str, str]  # start, end, toneless pinyin, tone (" ": not written)
CUES = ("双拼", "小鹤", "自然码")
TERMS_NAME = "双拼键码读作词库词语"
_RUN_RE = Lazy("(?<![A-Za-z;])[a-z;]{2,}(?: [a-z;]{2,})*(?![A-Za-z;])")
_WORD_RE = Lazy("[a-z;]+")
_INITIALS = {"v": "zh", "i": "ch", "u": "sh", **{c: c for c in "bpmfdtnlgkhjqxrzcsyw"}}
_XIAOHE = {
    "q": "iu", "w": "ei", "e": "e", "r": "uan van", "t": "ue ve", "y": "un vn", "u": "u",
    "i": "i", "o": "o uo", "p": "ie", "a": "a", "s": "ong iong", "d": "ai", "f": "en",
    "g": "eng", "h": "ang", "j": "an", "k": "ing uai", "l": "iang uang", "z": "ou",
    "x": "ia ua", "c": "ao", "v": "ui v", "b": "in", "n": "iao", "m": "ian",
}  # fmt: skip
_ZIRANMA = {
    "q": "iu", "w": "ia ua", "e": "e", "r": "uan van", "t": "ue ve", "y": "ing uai",
    "u": "u", "i": "i", "o": "o uo", "p": "un vn", "a": "a", "s": "ong iong",
    "d": "iang uang", "f": "en", "g": "eng", "h": "ang", "j": "an", "k": "ao", "l": "ai",
    "z": "ei", "x": "ie", "c": "iao", "v": "ui v", "b": "ou", "n": "in", "m": "ian",
}  # fmt: skip
_MICROSOFT = {
    "q": "iu", "w": "ia ua", "e": "e", "r": "uan er", "t": "ue", "y": "uai v", "u": "u",
    "i": "i", "o": "o uo", "p": "un", "a": "a", "s": "ong iong", "d": "uang iang",
    "f": "en", "g": "eng", "h": "ang", "j": "an", "k": "ao", "l": "ai", ";": "ing",
    "z": "ei", "x": "ie", "c": "iao", "v": "ui ve", "b": "ou", "n": "in", "m": "ian",
}  # fmt: skip
# layout -> (finals by key, the zero initial's key: "" when a zero-initial syllable is
# written from its own first letter, as 小鹤 and 自然码 write ``ah`` for *ang*)
LAYOUTS: dict[str, tuple[dict[str, str], str]] = {
    "小鹤": (_XIAOHE, ""),
    "自然码": (_ZIRANMA, ""),
    "微软": (_MICROSOFT, "o"),
}
_NAMED = {"小鹤": "小鹤", "自然码": "自然码", "微软": "微软", "搜狗": "微软"}
_WRITTEN = frozenset({"ai", "an", "ao", "ei", "en", "er", "ou"})


def syllables(text: str) -> list[tuple[str, list[Syllable]]]:
    """(layout, the syllables of its runs) for each layout that reads a run of ``text``,
    the layout ``text`` names first; nothing when ``text`` names no double pinyin."""
    if not named(text):
        return []
    lowered = text.lower()
    chosen = [_NAMED[n] for n in _NAMED if n in text]
    order = list(dict.fromkeys([*chosen, *LAYOUTS]))
    result = []
    for layout in order:
        found: list[Syllable] = []
        for run in _RUN_RE.get().finditer(lowered):
            found += _run(run, layout)
        if found:
            result.append((layout, found))
    return result


def named(text: str) -> bool:
    """Whether ``text`` names double pinyin or one of its layouts."""
    return any(cue in text for cue in CUES)


def _run(run: re.Match[str], layout: str) -> list[Syllable]:
    """The syllables of a run, when every code of it is one in ``layout``."""
    words = list(_WORD_RE.get().finditer(run.group(0)))
    if any(len(w.group(0)) % 2 for w in words) or sum(len(w.group(0)) for w in words) < 4:
        return []
    found: list[Syllable] = []
    for w in words:
        for i in range(0, len(w.group(0)), 2):
            syllable = read(w.group(0)[i : i + 2], layout)
            if not syllable:
                return []
            start = run.start() + w.start() + i
            found.append((start, start + 2, syllable, " "))
    return found


def read(code: str, layout: str) -> str:
    """The toneless syllable two keys type in ``layout``, or ""."""
    finals, zero = LAYOUTS[layout]
    first, key = code[0], code[1]
    if zero and first == zero:
        candidates = [f for f in finals.get(key, "").split() if f[0] in "aoe"]
    elif not zero and first in "aoe":
        if key == first:
            candidates = [first]
        elif first + key in _WRITTEN:
            candidates = [first + key]
        else:
            candidates = [f for f in finals.get(key, "").split() if f[0] == first]
    elif first in _INITIALS:
        initial = _INITIALS[first]
        candidates = [_spelled(initial, f) for f in finals.get(key, "").split()]
    else:
        return ""
    index = pinyin_reader.syllable_index()
    return next((c for c in candidates if c in index and pinyin_reader.syllabic(c)), "")


def _spelled(initial: str, final: str) -> str:
    """Pinyin writes ü as u after j, q, x and y."""
    if initial in ("j", "q", "x", "y") and final.startswith("v"):
        return initial + "u" + final[1:]
    return initial + final


# Round 68: codes typed with no layout named, read only as the rules' own words.
CODES_MIN = 3  # codes of a run (two keys type too many two-character words by chance)
_CODES_RE = Lazy(
    f"(?<![A-Za-z0-9_;])[a-z]{{2}}(?: [a-z]{{2}}){{{CODES_MIN - 1},}}(?![A-Za-z0-9_;])"
)
_HAN_RE = Lazy("[\u4e00-\u9fff]{2,}")


def terms_view(text: str) -> str:
    """``text`` with each run of two-key codes that no layout is named for (:data:`CODES_MIN`
    codes or more, apart by single spaces: ``bl jw le``) written as the lexicons' terms it types, one
    character where each code begins, the same length, when in some layout the run types
    nothing but terms (``代开发票``, ``百家乐``); else ``text`` (round 68). Two letters make
    many syllables, so a run is read only when it is wholly the rules' words: a run of
    abbreviations or English (``ok go``, ``hi im``) types none."""
    lowered = text.lower()
    if len(lowered) != len(text):
        return text
    chars: list[str] | None = None
    for run in _CODES_RE.get().finditer(lowered):
        codes = run.group(0).split(" ")
        for layout in LAYOUTS:
            words = _as_terms(codes, layout)
            if words is None:
                continue
            if chars is None:
                chars = list(text)
            read = "".join(words)
            for i, char in enumerate(read):
                at = run.start() + 3 * i
                chars[at : at + 2] = [char, " "]
            break
    return text if chars is None else "".join(chars)


def _as_terms(codes: list[str], layout: str) -> list[str] | None:
    """``codes`` as a sequence of lexicon terms they type in ``layout``, or None."""
    typed = [_candidates(code, layout) for code in codes]
    if not all(typed):
        return None
    table = term_table()
    best: list[list[str] | None] = [None] * (len(codes) + 1)
    best[0] = []
    for i in range(len(codes)):
        here = best[i]
        if here is None:
            continue
        for syllables, term in table.items():
            j = i + len(syllables)
            if j > len(codes) or best[j] is not None:
                continue
            if all(s in typed[i + k] for k, s in enumerate(syllables)):
                best[j] = [*here, term]
    return best[len(codes)]


def _candidates(code: str, layout: str) -> frozenset[str]:
    """Every syllable the two keys ``code`` may type in ``layout`` (an ambiguous key's
    finals each)."""
    finals, _zero = LAYOUTS[layout]
    found = {read(code, layout)}
    if code[0] in _INITIALS and code[0] not in "aoe":
        initial = _INITIALS[code[0]]
        found.update(_spelled(initial, f) for f in finals.get(code[1], "").split())
    return frozenset(s for s in found if s)


@memoised
def term_table() -> dict[tuple[str, ...], str]:
    """The toneless syllables of each lexicon term of two Chinese characters or more that
    is sought in pinyin -> the term."""
    from pypinyin import lazy_pinyin

    from pipeline.rules.lexicon_cache import package_lexicons

    by_rule, _version = package_lexicons()
    table: dict[tuple[str, ...], str] = {}
    for lexicon in by_rule.values():
        for term in lexicon.terms:
            if term.pinyin and _HAN_RE.get().fullmatch(term.text) is not None:
                table.setdefault(tuple(lazy_pinyin(term.text)), term.text)
    return table
