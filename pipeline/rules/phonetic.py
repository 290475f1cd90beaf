"""Pinyin forms of lexicon terms and their common homophones (pypinyin data).

Computing these needs pypinyin's dictionaries (about 0.4 s to import), so the result is
cached per lexicon version in the private cache (:mod:`pipeline.rules.cache`) and the
single-post path never imports pypinyin once the cache exists.

Homophones are characters with the same toned reading, limited to common characters
(GB 2312 level 1): ``赌搏`` and ``堵博`` for ``赌博``, ``倮聊`` for ``裸聊``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pipeline.rules import cache
from pipeline.rules.normalize import is_cjk

FORMAT = 3  # bump when the cached structure changes


@dataclass(frozen=True)
class Phonetics:
    # term -> pinyin without tones per character, e.g. ["du", "bo"]
    syllables: dict[str, list[str]]
    # term -> toned reading per character, e.g. ["du3", "bo2"]
    readings: dict[str, list[str]]
    # toned reading (``du3``) or toneless syllable (``du``) -> the common characters
    # whose first reading it is
    classes: dict[str, str]

    def homophones(self, term: str) -> list[str]:
        """Spellings of ``term`` with one character replaced by a homophone (``堵博``, ``赌搏``).

        Only one character per spelling: replacing every character at once would turn
        ordinary words into hits. Terms of three or more characters also accept a
        character of the same syllable in another tone (``发轮功``); two-character terms
        need the exact tone, or ordinary words would match.
        """
        result: list[str] = []
        toneless = len(term) >= 3
        syllables = self.syllables.get(term, ())
        for i, reading in enumerate(self.readings.get(term, ())):
            chars = self.classes.get(reading, "")
            if toneless and i < len(syllables):
                chars += self.classes.get(syllables[i], "")
            for char in dict.fromkeys(chars):
                if char != term[i]:
                    result.append(term[:i] + char + term[i + 1 :])
        return result


def _common(char: str) -> bool:
    """GB 2312 level-1 characters (the 3,755 most common ones)."""
    try:
        encoded = char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return 0xB0 <= encoded[0] <= 0xD7


def _compute(terms: list[str]) -> Phonetics:
    from pypinyin import Style, lazy_pinyin, pinyin_dict
    from pypinyin.contrib.tone_convert import to_tone3

    syllables: dict[str, list[str]] = {}
    readings: dict[str, list[str]] = {}
    for term in terms:
        if not all(is_cjk(c) for c in term):
            continue
        plain = lazy_pinyin(term, style=Style.NORMAL, errors="ignore")
        toned = lazy_pinyin(term, style=Style.TONE3, errors="ignore")
        if len(plain) == len(term) == len(toned):
            syllables[term] = plain
            readings[term] = toned
    wanted = {r for rs in readings.values() for r in rs}
    wanted |= {s for ss in syllables.values() for s in ss}
    classes: dict[str, str] = {}
    for code, values in pinyin_dict.pinyin_dict.items():
        if 0x4E00 <= code <= 0x9FFF and _common(chr(code)):
            reading = to_tone3(values.split(",")[0])
            toneless = reading.rstrip("012345")
            for key in (reading, toneless):
                if key in wanted:
                    classes[key] = classes.get(key, "") + chr(code)
    return Phonetics(syllables, readings, classes)


def load(terms: Iterable[str], version: str) -> Phonetics:
    """Phonetic data for ``terms``; cached under ``version`` (a hash of the lexicons)."""
    name = f"phonetics-{FORMAT}-{version}.json"
    data = cache.read_json(name)
    if isinstance(data, dict) and isinstance(data.get("classes"), dict):
        return Phonetics(data["syllables"], data["readings"], data["classes"])
    result = _compute(sorted(set(terms)))
    cache.write_json(
        name,
        {"syllables": result.syllables, "readings": result.readings, "classes": result.classes},
    )
    return result
