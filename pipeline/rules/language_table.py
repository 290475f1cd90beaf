"""The concept table of other languages (round 28, issue 12): ``languages.yml`` read into
words that match a folded text (:func:`fold`), and Vale-style rules joining the concepts.
The matching and the excuses are :mod:`pipeline.rules.languages`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pipeline import yamlutil
from pipeline.findings import Severity
from pipeline.rules.compiled_re import compiled

_FILE = "languages.yml"
_ENDS = frozenset(".!?。！？\n؟۔।॥።")  # sentence ends, read as ``|`` in the folded text;
# a semicolon joins two clauses of one sentence (round 41: `...lista interna...; envio`)
_DROPPED = frozenset(
    [*range(0x300, 0x370), *range(0x64B, 0x660), 0x670, 0x640, *range(0x591, 0x5C8)]
)
_LETTERS = {"ی": "ي", "ى": "ي", "ے": "ي", "ک": "ك", "ہ": "ه", "ھ": "ه", "ۃ": "ة", "ı": "i"}
# Unspaced scripts: a word of theirs matches anywhere, and a change between one of them
# and a spaced script is a word boundary (``支持Tibet``).
_UNSPACED = (
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x3040, 0x30FF),  # kana
    (0x3400, 0x9FFF),  # CJK
    (0xF900, 0xFAFF),
)


_HAN = compiled(r"[\u3400-\u9fff\uf900-\ufaff]")


@cache
def unspaced(ch: str) -> bool:
    """Whether ``ch`` is a letter of an unspaced script (asked for every folded character:
    kept per character)."""
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in _UNSPACED)


@cache
def _fold_char(ch: str) -> str:
    """One character folded: a word's letters, ``|`` at a sentence's end, else a space."""
    if ch in _ENDS:
        return "|"
    if ch in "\u200d\u00ad":  # the zero-width joiner and the soft hyphen join a word
        return ""
    if ch == "\u200c":  # the Persian half-space parts a word as the table writes it
        return " "
    if 0xAC00 <= ord(ch) <= 0xD7A3:  # Hangul syllables stay whole
        return ch
    out: list[str] = []
    for part in unicodedata.normalize("NFKD", ch).casefold():
        if ord(part) in _DROPPED:
            continue
        part = _LETTERS.get(part, part)
        out.append(part if unicodedata.category(part)[0] in "LMN" else " ")
    return "".join(out)


def fold(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, the offset it came from: words
    apart by one space, sentence ends as ``|``, a space where the script changes between
    an unspaced and a spaced one."""
    chars: list[str] = []
    index: list[int] = []
    last = "|"
    for i, ch in enumerate(text):
        for out in _fold_char(ch):
            if out == " " and last in " |":
                continue
            if out == "|" and last == " ":
                chars[-1] = "|"
                last = "|"
                continue
            if out == "|" and last == "|":
                continue
            if out not in " |" and last not in " |" and unspaced(out) != unspaced(last):
                chars.append(" ")
                index.append(i)
            chars.append(out)
            index.append(i)
            last = out
    return "".join(chars), index


@dataclass(frozen=True, repr=False)
class Word:
    """One word of a token: its folded text and whether it may go on before or after."""

    text: str
    lead: bool  # ``*x``: more letters before
    trail: bool  # ``x*``: more letters after

    def matches(self, word: str) -> bool:
        if self.lead and self.trail:
            return self.text in word
        if self.lead:
            return word.endswith(self.text)
        if self.trail:
            return word.startswith(self.text)
        return word == self.text


@dataclass(frozen=True, repr=False)
class Token:
    """One way a concept is written in one language: its words, in order."""

    concept: str
    language: str
    words: tuple[Word, ...]
    unspaced: bool  # matched anywhere in the folded text (one word, no boundaries)


@dataclass(frozen=True, repr=False)
class Rule:
    """A rule of the table: concepts that together, within a distance, raise a finding."""

    rule: str
    article: str
    name: str
    level: Severity
    message: str
    fix: str
    within: int
    groups: tuple[tuple[str, ...], ...]  # the first is the anchor; each a set of concepts
    exceptions: tuple[str, ...]
    sentences: int = 0  # how many sentences apart the words may stand (a call after an alarm)


def _token(concept: str, language: str, raw: str) -> Token | None:
    """One entry of the table read into words, each part folded once (a third of the
    table's build was folding each entry twice)."""
    words: list[Word] = []
    for part in str(raw).split():
        body = fold(part.strip("*"))[0].replace("|", " ").split()
        for k, piece in enumerate(body):
            lead = part.startswith("*") and k == 0
            trail = part.endswith("*") and k == len(body) - 1
            words.append(Word(piece, lead, trail))
    letters = "".join(word.text for word in words)
    if not letters:
        return None
    if all(_HAN.match(ch) for ch in letters) and language != "ja":
        # Chinese characters: the lexicons'; (round 69) but a Japanese word in kanji is read
        # in a Japanese sentence, which the foreign view holds whole
        return None
    if all(unspaced(ch) for ch in letters):
        return Token(concept, language, (Word(letters, True, True),), True)
    return Token(concept, language, tuple(words), False)


@dataclass(frozen=True, repr=False)
class Table:
    """The concepts' tokens, indexed by how their first word matches, and the rules."""

    # a kept table's indexes read a key's tokens when it is looked up (``language_cache``)
    exact: Mapping[str, tuple[Token, ...]]
    prefix: Mapping[str, tuple[Token, ...]]
    suffix: Mapping[str, tuple[Token, ...]]
    infix: tuple[Token, ...]
    unspaced: tuple[Token, ...]
    rules: tuple[Rule, ...]
    languages: frozenset[str]
    longest: int  # the longest prefix or suffix key: a word's longer affixes are in neither

    @classmethod
    def build(cls, raw: dict[str, Any], without: frozenset[str] = frozenset()) -> Table:
        """The table of ``raw`` (the YAML), leaving out the languages of ``without`` (a
        leave-one-language-out measurement)."""
        return cls.of(tokens(raw, without), raw["rules"])

    @classmethod
    def of(cls, entries: list[Token], raw_rules: list[dict[str, Any]]) -> Table:
        """The table of ``entries`` (in the table's order) and the rules' YAML."""
        indexes: tuple[dict[str, list[Token]], ...] = ({}, {}, {})
        infix: list[Token] = []
        unspaced: list[Token] = []
        for token in entries:
            first = token.words[0]
            if token.unspaced:
                unspaced.append(token)
            elif first.lead and first.trail:
                infix.append(token)
            else:
                where = 2 if first.lead else 1 if first.trail else 0
                indexes[where].setdefault(first.text, []).append(token)
        exact, prefix, suffix = ({k: tuple(v) for k, v in d.items()} for d in indexes)
        rules = rules_of(raw_rules)
        longest = max(map(len, [*prefix, *suffix]), default=0)
        return cls(
            exact,
            prefix,
            suffix,
            tuple(infix),
            tuple(unspaced),
            rules,
            frozenset(token.language for token in entries),
            longest,
        )


def tokens(raw: dict[str, Any], without: frozenset[str] = frozenset()) -> list[Token]:
    """Every entry of ``raw`` read into a token, in the table's order."""
    out: list[Token] = []
    for concept, by_language in raw["concepts"].items():
        for language, texts in by_language.items():
            if language in without:
                continue
            out.extend(t for t in (_token(concept, language, x) for x in texts) if t)
    return out


def rules_of(raw_rules: list[dict[str, Any]]) -> tuple[Rule, ...]:
    """The rules of the YAML's ``rules`` list, in order."""
    return tuple(_rule(r) for r in raw_rules)


def _rule(r: dict[str, Any]) -> Rule:
    groups = tuple((g,) if isinstance(g, str) else tuple(g) for g in r["tokens"])
    return Rule(
        r["id"],
        r["article"],
        r["name"],
        r.get("level", "error"),
        r["message"],
        r["fix"],
        int(r.get("within", 0)),
        groups,
        tuple(r.get("exceptions") or ()),
        int(r.get("sentences", 0)),
    )


def raw_data() -> dict[str, Any]:
    data: dict[str, Any] = yamlutil.load_data(
        Path(__file__).with_name(_FILE).read_text(encoding="utf-8")
    )
    return data


@cache
def table() -> Table:
    """The table, from the private cache when a sealed copy of this very table is there
    (reading the YAML and folding its entries was 0.13 s of a one-post check)."""
    from pipeline.rules import language_cache

    return language_cache.table()
