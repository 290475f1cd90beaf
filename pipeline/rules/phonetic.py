"""Pinyin forms of lexicon terms and homophone matching (pypinyin data).

Computing these needs pypinyin's dictionaries (about 0.4 s to import), so the result is
cached per lexicon version in the private cache (:mod:`pipeline.rules.cache`) and the
single-post path never imports pypinyin once the cache exists.

Homophones are characters of the same syllable among the common characters (GB 2312
level 1): a homophone spelling replaces exactly one character of a term (``赌搏``,
``堵博``, ``倮聊``) by one of the same tone (``读博`` is not ``赌博``); the first
character of a term of three or more characters may also take another tone
(``发轮功``), the one place where evasion changes the tone and a longer term keeps
the result from being an ordinary word.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from pipeline.rules import cache
from pipeline.rules.normalize import is_cjk

FORMAT = 5  # bump when the cached structure changes


@dataclass(frozen=True)
class Phonetics:
    # term -> pinyin without tones per character, e.g. ["du", "bo"]
    syllables: dict[str, list[str]]
    # term -> toned reading per character, e.g. ["du3", "bo2"]
    readings: dict[str, list[str]]
    # common character -> its first toned reading, e.g. "堵" -> "du3"
    tones: dict[str, str]
    # the most frequent characters of Chinese text (jieba's dictionary), e.g. "的是人"
    frequent: str = ""
    _classes: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def _class(self, reading: str) -> str:
        """Common characters whose first reading is ``reading`` (``du3``) or, without a
        tone digit, whose first reading has that syllable (``du``)."""
        if not self._classes:
            for char, toned in self.tones.items():
                for key in (toned, toned.rstrip("012345")):
                    self._classes[key] = self._classes.get(key, "") + char
        return self._classes.get(reading, "")

    def replacements(self, term: str, i: int) -> str:
        """Characters that may stand for ``term[i]`` in a homophone spelling."""
        readings = self.readings.get(term)
        if not readings:
            return ""
        wanted = self.syllables[term][i] if i == 0 and len(term) >= 3 else readings[i]
        return "".join(c for c in self._class(wanted) if c != term[i])

    def spellings(self, term: str, first: bool) -> list[str]:
        """Homophone spellings of ``term``, with the first character replaced or not."""
        result: list[str] = []
        for i in range(0 if first else 1, len(term)):
            for char in self.replacements(term, i):
                result.append(term[:i] + char + term[i + 1 :])
        return result


def common(char: str) -> bool:
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
    tones: dict[str, str] = {}
    for code, values in pinyin_dict.pinyin_dict.items():
        if 0x4E00 <= code <= 0x9FFF and common(chr(code)):
            tones[chr(code)] = to_tone3(values.split(",")[0])
    return Phonetics(syllables, readings, tones, frequent_chars())


FREQUENT = 600  # how many of the most frequent characters count as "frequent"


def frequent_chars() -> str:
    """The ``FREQUENT`` most frequent characters, weighted by jieba's word frequencies."""
    return "".join(char for char, _ in char_counts().most_common(FREQUENT))


def char_counts() -> Counter[str]:
    """Every character of jieba's dictionary, weighted by the frequencies of its words."""
    from importlib import resources

    from pipeline.rules.segment import import_jieba

    import_jieba()  # before resources.files, which would import it with pkg_resources
    counts: Counter[str] = Counter()
    text = resources.files("jieba").joinpath("dict.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        parts = line.split(" ")
        if len(parts) >= 2 and parts[1].isdigit():
            for char in parts[0]:
                counts[char] += int(parts[1])
    return counts


def load(terms: Iterable[str], version: str) -> Phonetics:
    """Phonetic data for ``terms``; cached under ``version`` (a hash of the lexicons)."""
    name = f"phonetics-{FORMAT}-{version}.json"
    data = cache.read_json(name)
    if isinstance(data, dict) and isinstance(data.get("frequent"), str):
        return Phonetics(data["syllables"], data["readings"], data["tones"], data["frequent"])
    result = _compute(sorted(set(terms)))
    cache.write_json(
        name,
        {
            "syllables": result.syllables,
            "readings": result.readings,
            "tones": result.tones,
            "frequent": result.frequent,
        },
    )
    return result
