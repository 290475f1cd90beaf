"""The matcher's keys: every term, variant and evasive spelling, with packed values.

What :class:`~pipeline.rules.engine.Matcher` puts into its automaton (see the engine's
docstring, step 2, for which spellings and why), how a key was derived (``how``: the
labels a finding shows), and the packing of an automaton value into one integer
(:func:`encode`, :func:`decode`). Everything here runs only when the compiled keys are
not in the private cache (:mod:`pipeline.rules.automaton_cache`), so pyahocorasick, the
phonetic and the split-character code are imported inside :func:`build`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import combinations
from typing import Any

from pipeline.rules.lexicon import Lexicons, Term

PLAIN = ""
GAPPED = "字间插入符号"
VARIANT = "变形写法"
MIXED = "拼音夹杂"
PINYIN = "拼音"
INITIALS = "拼音首字母"
HOMOPHONE = "谐音字"
SPLIT = "拆字"
TRADITIONAL = "繁体字或火星文"
REST = "rest"  # internal: a term without its first character, awaiting the check
SHORT = "short"  # internal: two-letter initials, awaiting the delimiter check
# How a key was derived, by its code in a packed automaton value (:func:`encode`).
HOWS = (PLAIN, VARIANT, INITIALS, SPLIT, MIXED, PINYIN, HOMOPHONE, REST, SHORT)
Entry = tuple[int, str, int]  # term index (-1: a trigger), how, key length

MIXED_MAX = 4  # terms up to this length get every mixed pinyin/character spelling
# Two-letter Latin tokens that are ordinary abbreviations (units, standards, devices,
# media): never read as the pinyin initials of a two-character term.
_COMMON_LATIN = (
    "ab ad ai am ap ar bd bp bs cc cd ce cf cg cm cn co cp cr cs ct cv db dc dj dm dn dv "
    "ed eg eq et ev fm fp ft gb gc gm gp gr gs hd hi hk hp hr ic id ie in io ip is it jd "
    "jp kb kg km kv kw lb lc ld li lp lt ma mb me mg mm mp mr ms mv mw no nb nc ok on op "
    "or os ox pa pc pd pe pg ph pk pm po pp pr ps pt pv qa qc qq rf rh rm sd se sf sh si "
    "sm so sp sq st sz tb tc td tf tg to tv ui uk un up ur us uv vi vr vs wc wi wt ww xl "
    "xs yy "
    # Round 16: hertz and 杭州 (HZ), 中国 and 自贡 (ZG)
    "hz zg"
)
COMMON_LATIN = frozenset(_COMMON_LATIN.split())

Built = tuple[Any, list[tuple[Entry, ...]], dict[int, frozenset[str]]]


def build(
    lexicons: Lexicons,
    keys: Sequence[str],
    key_of: Callable[[str], str],
    triggers: dict[str, tuple[str, ...]] | None,
) -> Built:
    """The automaton of every key and spelling (its values: :func:`encode`), the table of
    the values that do not fit in one integer, and the homophones of the first character
    of each term matched by the rest of it. ``keys``: the terms' keys, in term order."""
    import ahocorasick  # this and the spelling code: only when the keys are built

    from pipeline.rules import phonetic

    terms = lexicons.terms
    phonetics = phonetic.load(
        [k for k, t in zip(keys, terms, strict=True) if t.pinyin or t.homophones],
        lexicons.version,
    )
    entries: dict[str, list[Entry]] = {}
    frequent = frozenset(phonetics.frequent)
    first: dict[int, frozenset[str]] = {}  # term -> homophones of its first char

    def add(key: str, index: int, how: str) -> None:
        if len(key) >= 2 or how == REST:
            entries.setdefault(key, []).append((index, how, len(key)))

    for index, (term, key) in enumerate(zip(terms, keys, strict=True)):
        add(key, index, PLAIN)
        for variant in term.variants:
            add(key_of(variant), index, VARIANT)
        for abbr in term.abbr:
            add(key_of(abbr), index, INITIALS)
        error = term.level == "error" or lexicons.by_rule[term.rule].level == "error"
        homophones = _spellings(add, index, key, term, error, phonetics, frequent)
        if homophones is not None:
            first[index] = homophones
    for name, words in (triggers or {}).items():
        for word in words:
            entries.setdefault(key_of(word), []).append((-1, name, 0))
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    table: list[tuple[Entry, ...]] = []
    for key, value in entries.items():
        automaton.add_word(key, encode(tuple(value), table))
    automaton.make_automaton()
    return automaton, table, first


def _spellings(
    add: Callable[[str, int, str], None],
    index: int,
    key: str,
    term: Term,
    error: bool,
    phonetics: Any,
    frequent: frozenset[str],
) -> frozenset[str] | None:
    """The split-character, pinyin and homophone spellings of one term's key; the
    homophones of its first character when the rest of it is a key (:data:`REST`)."""
    from pipeline.rules import radicals

    if error:
        for spelling in radicals.split_spellings(key):
            add(spelling, index, SPLIT)
    syllables = phonetics.syllables.get(key)
    if syllables and term.pinyin and len(key) >= 2:
        if len(key) <= MIXED_MAX:
            for spelling in mixed(key, syllables):
                add(spelling, index, MIXED)
        add("".join(syllables), index, PINYIN)
        initials = "".join(s[0] for s in syllables)
        if len(key) >= 3:
            add(initials, index, INITIALS)
        elif term.level == "error" and initials not in COMMON_LATIN:
            add(initials, index, SHORT)
    if term.homophones and len(key) >= 2 and key in phonetics.readings:
        # The first character is checked on a hit of the rest of the term (in scan):
        # listing its homophones would crowd the automaton's root.
        for spelling in phonetics.spellings(key, first=False):
            add(spelling, index, HOMOPHONE)
        if key[1] not in frequent:
            add(key[1:], index, REST)
            return frozenset(phonetics.replacements(key, 0))
    return None


def encode(value: tuple[Entry, ...], table: list[tuple[Entry, ...]]) -> int:
    """An automaton value as one integer: a single term entry packed into bits, anything
    else (several entries, a trigger) ``-1 - `` its position in ``table``."""
    if len(value) == 1:
        index, how, length = value[0]
        if 0 <= index < 1 << 19 and how in HOWS and 0 < length < 256:  # 31 bits
            return index << 12 | HOWS.index(how) << 8 | length
    table.append(value)
    return -len(table)


def decode(code: int) -> tuple[Entry]:
    return ((code >> 12, HOWS[code >> 8 & 15], code & 255),)


def mixed(key: str, syllables: list[str]) -> list[str]:
    """Spellings with a proper, non-empty subset of the characters written as pinyin."""
    result: list[str] = []
    for size in range(1, len(key)):
        for positions in combinations(range(len(key)), size):
            result.append(
                "".join(syllables[i] if i in positions else ch for i, ch in enumerate(key))
            )
    return result


def in_handle(text: str, start: int, end: int) -> bool:
    """Whether the Latin token ``text[start:end]`` is part of an account name or handle
    (round 16): after ``@``, or joined to a Latin or digit run by an underscore, or by a
    dot or hyphen to letters (``xianwei_dy``, ``dy_2026``, ``gov.dy``). A handle's letters
    are not pinyin initials."""
    if start > 0 and text[start - 1] == "@":
        return True
    before = text[max(0, start - 2) : start][::-1]
    return _joined(before) or _joined(text[end : end + 2])


def _joined(side: str) -> bool:
    """``side`` (read away from a token) is a joiner, then a letter or digit of a handle."""
    if len(side) < 2 or not (side[1].isascii() and side[1].isalnum()):
        return False
    return side[0] == "_" or (side[0] in ".-" and side[1].isalpha())
