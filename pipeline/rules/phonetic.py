"""Pinyin forms of lexicon terms and a homophone-folding table (pypinyin data).

Computing these needs pypinyin's dictionaries (about 0.2 s to import), so the result is
cached per lexicon version in the private cache (:mod:`pipeline.rules.cache`) and the
single-post path never imports pypinyin once the cache exists.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pipeline.rules import cache
from pipeline.rules.normalize import is_cjk


@dataclass(frozen=True)
class Phonetics:
    # term -> (full pinyin without tones per character, e.g. ["du", "bo"])
    syllables: dict[str, list[str]]
    # character -> representative character of its homophone class (same toned reading)
    fold: dict[str, str]


def _compute(terms: list[str]) -> Phonetics:
    from pypinyin import Style, lazy_pinyin, pinyin_dict
    from pypinyin.contrib.tone_convert import to_tone3

    syllables: dict[str, list[str]] = {}
    wanted: dict[str, str] = {}  # toned syllable -> representative (a lexicon character)
    for term in terms:
        if not all(is_cjk(c) for c in term):
            continue
        plain = lazy_pinyin(term, style=Style.NORMAL, errors="ignore")
        toned = lazy_pinyin(term, style=Style.TONE3, errors="ignore")
        if len(plain) == len(term) == len(toned):
            syllables[term] = plain
            for char, reading in zip(term, toned, strict=True):
                wanted.setdefault(reading, char)
    fold: dict[str, str] = {}
    for code, readings in pinyin_dict.pinyin_dict.items():
        if 0x4E00 <= code <= 0x9FFF:
            reading = to_tone3(readings.split(",")[0])
            if reading in wanted:
                fold[chr(code)] = wanted[reading]
    return Phonetics(syllables, fold)


def load(terms: Iterable[str], version: str) -> Phonetics:
    """Phonetic data for ``terms``; cached under ``version`` (a hash of the lexicons)."""
    name = f"phonetics-{version}.json"
    data = cache.read_json(name)
    if isinstance(data, dict) and isinstance(data.get("syllables"), dict):
        return Phonetics(data["syllables"], data["fold"])
    result = _compute(sorted(set(terms)))
    cache.write_json(name, {"syllables": result.syllables, "fold": result.fold})
    return result
