"""The generic lexicon matcher: Aho-Corasick candidates, then context decisions.

1. The text is masked (code, URLs), normalised (full-width, case, traditional) and
   compacted (separators between characters removed), keeping a map back to it.
2. One Aho-Corasick automaton finds every term, explicit variant, mixed pinyin spelling
   (``法lun功``, ``fa轮gong``: any proper subset of the characters written as pinyin),
   full pinyin and pinyin initials (these only as a whole
   Latin run; two-letter initials only for error-level terms, set off by spaces or
   punctuation on both sides, and never a common Latin abbreviation such as ``gb``).
   Homophone spellings (``赌搏``, ``堵博``, ``发轮功``: one character replaced by a
   common character of the same syllable — same tone for two-character terms; see
   ``phonetic.py``) are keys too, except for the first character: the rest of the term
   is a key, and a hit checks the character before it (listing those spellings would
   crowd the automaton's root, and pyahocorasick pays for every child of the root on
   every character). For a two-character term the rest is one character, so this is
   done only when that character is not among the 600 most frequent ones (``博`` of
   赌博 yes, ``品`` of 毒品 no: it would fire on every other sentence).
3. Each candidate is dropped when an allowlisted compound covers it, when a plain hit
   sits in a sentence with a context word of its lexicon (打击, 破获, 禁毒宣传 …), or
   when jieba (project dictionary) shows that a word crosses its edges. Only candidates
   reach the segmenter, so the cost of segmentation is paid where it decides something.

The keys and spellings of step 2 are derived in :mod:`pipeline.rules.spellings`, the
decisions of step 3 are made in :mod:`pipeline.rules.context`; this module compiles the
lexicons (or loads them compiled: :mod:`pipeline.rules.automaton_cache`) and scans.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.rules import automaton_cache, spellings
from pipeline.rules.context import (
    SEGMENT_MAX,
    AllowPhrases,
    Decisions,
    TermSpans,
    context_keys,
    shared_keys,
)
from pipeline.rules.key_memo import KeyMemo, Keys
from pipeline.rules.key_table import KeyTable
from pipeline.rules.lexicon import Lexicon, Lexicons, Term
from pipeline.rules.lookalike import device
from pipeline.rules.normalize import (
    Compact,
    compact,
    is_cjk,
    mask_markup,
    normalise,
    traditional,
)
from pipeline.rules.segment import Segmenter
from pipeline.rules.spellings import (
    HOMOPHONE,
    INITIALS,
    PLAIN,
    REST,
    SHORT,
    TRADITIONAL,
    decode,
)
from pipeline.rules.term_list import TermList

__all__ = ["PLAIN", "Hit", "Matcher", "key_of"]

_LATIN = frozenset("abcdefghijklmnopqrstuvwxyz")


@dataclass(frozen=True, repr=False, eq=False)
class Hit:
    """One lexicon term found in a text, with the spelling it was found in."""

    term: Term
    start: int  # offsets in the original text
    end: int
    how: str  # PLAIN, or which evasion was undone (:mod:`pipeline.rules.spellings`)

    @property
    def rule(self) -> str:
        return self.term.rule


def key_of(text: str) -> str:
    return compact(normalise(text)).text


_key = key_of  # what the matcher's KeyMemo computes


class Matcher:
    """Compiled lexicons. Build once per process; ``scan`` any number of texts."""

    def __init__(
        self, lexicons: Lexicons, triggers: dict[str, tuple[str, ...]] | None = None
    ) -> None:
        """``triggers``: name -> words whose presence :meth:`scan` reports (in the same
        pass), so that a detector runs only on texts that can hold its pattern."""
        self.lexicons = lexicons
        key_of = self._key_of = KeyMemo(_key)
        self.terms: TermList = lexicons.terms  # public terms made into objects on a hit
        texts = self.terms.texts()
        self.keys = Keys(texts, key_of)  # worked out when read: only hits need them
        name = automaton_cache.cache_name(lexicons.version, triggers or {}, texts)
        compiled = automaton_cache.load(name, len(self.terms), len(spellings.HOWS))
        if compiled is None:
            key_of.read()
            automaton, table, first = spellings.build(lexicons, self.keys, key_of, triggers)
            shared, contexts = shared_keys(lexicons, key_of), context_keys(lexicons, key_of)
            compiled = automaton_cache.Compiled(
                KeyTable.of(automaton), table, first, shared, contexts
            )
            automaton_cache.save(name, compiled, len(self.terms))
        self._key_table, self._table, self._first = compiled.keys, compiled.table, compiled.first
        self._allow = AllowPhrases(self.terms, self.keys, compiled.shared, key_of)
        self.segmenter = Segmenter(self._segment_words, lexicons.version)
        self._decisions = Decisions(self.terms, self._allow, compiled.contexts, self.segmenter)
        key_of.save()

    def _segment_words(self) -> tuple[list[str], set[str]]:
        """What the segmenter's dictionary is built from: the short keys and every
        allowlisted compound."""
        return [k for k in self.keys if len(k) <= SEGMENT_MAX], self._allow.compounds()

    def lexicon(self, rule: str) -> Lexicon:
        return self.lexicons.by_rule[rule]

    def build_automaton(self) -> None:
        """Build the Aho-Corasick automaton now rather than after the first
        :data:`~pipeline.rules.key_table.AUTOMATON_AFTER` scanned characters: before
        forking workers, so that they share one instead of each building its own."""
        self._key_table.automaton()

    # -- scanning -------------------------------------------------------------------

    def scan(
        self,
        text: str,
        masked: str | None = None,
        triggered: set[str] | None = None,
        kind: str = "",
        comp: Compact | None = None,
        crossing: Sequence[int] = (),
    ) -> list[Hit]:
        """Lexicon hits in ``text`` (``masked``: the text after :func:`mask_markup`);

        Long because: the matcher's hot loop, kept whole for speed (benchmarks/check_speed.py).

        The names of the triggers found are added to ``triggered``. ``kind``: the post's
        kind (:mod:`pipeline.rules.kinds`); enforcement posts read context over the
        whole paragraph. ``crossing`` (sorted offsets of ``text``): when given, only the
        hits that run across one of them are decided and returned (:func:`pipeline.rules.
        lines.broken`); the others still count as their rule's spans for the context."""
        if comp is None:
            comp = compact(normalise(mask_markup(text) if masked is None else masked))
        c = comp.text
        candidates: dict[tuple[int, int, int], str] = {}
        table, decide = self._table, self._decisions.decide
        for end, code in self._key_table.iter(c):
            for index, how, length in table[-code - 1] if code < 0 else decode(code):
                if index < 0:
                    if triggered is not None:
                        triggered.add(how)
                    continue
                start = end + 1 - length
                if how == REST:
                    # The rest of a term: a hit when the character before it is a
                    # homophone of the term's first character (``堵博``, ``发轮功``).
                    if start == 0 or c[start - 1] not in self._first[index]:
                        continue
                    start -= 1
                    how = HOMOPHONE
                    candidates.setdefault((start, end + 1, index), how)
                    continue
                # Latin letters at an edge of a key (pinyin, initials, ``网du``) must end
                # the Latin run there: ``dubo`` inside ``dubois`` is no hit.
                # Read in the original text: ``Free Tibet`` after ``support`` is its own
                # phrase once the space is back; a camel-case hump begins a word
                # (``FreeTibetNow``, round 18).
                # A letter the normalised text reads as a space is no letter: the padding of
                # a Wade–Giles word read as shorter pinyin (``tu-po`` is ``dubo  ``, round 19).
                if c[start] in _LATIN or c[end] in _LATIN:
                    a, b = comp.span(start, end + 1)
                    src = comp.source
                    if (
                        (
                            c[start] in _LATIN
                            and _latin(text, a - 1)
                            and src[a - 1] != " "
                            and not _hump(text, a, b, how)
                        )
                        or (
                            c[end] in _LATIN
                            and _latin(text, b)
                            and src[b] != " "
                            and not _hump(text, b, a, how)
                        )
                        or (
                            how == INITIALS and end == start + 1 and spellings.in_handle(text, a, b)
                        )
                    ):
                        continue
                # Two Latin letters are a hit only as a token of their own, set off by
                # spaces or punctuation in the original text: ``yp`` in ``yp2`` is a
                # model number and in ``提交yp表格`` a form's name, not 约炮; and not
                # a word of English prose (``in my humble opinion``).
                if how == SHORT:
                    a, b = comp.span(start, end + 1)
                    alone = _delimiter(text, a - 1) and _delimiter(text, b)
                    if not alone or _english(text, a, b) or spellings.in_handle(text, a, b):
                        continue
                    how = INITIALS
                candidates.setdefault((start, end + 1, index), how)
        spans: dict[str, TermSpans] = {}
        for start, end, index in candidates:
            rule = self.terms[index].rule
            held = spans.get(rule)
            if held is None:
                held = spans[rule] = TermSpans()
            held.append(start, end)
        hits: list[Hit] = []
        for (start, end, index), how in sorted(candidates.items()):
            if crossing and not crosses(crossing, *comp.span(start, end)):
                continue
            decided = decide(c, start, end, index, how, comp.gapped(start, end), spans, bool(kind))
            if decided is None:
                continue
            a, b = comp.span(start, end)
            if decided == PLAIN:
                # Context already spoke for a plain hit; advocacy written in traditional
                # script or 火星文 (``藏獨萬歲``), mathematical letters or Japanese forms
                # is an evasion, not a quotation.
                decided = _disguise(text[a:b]) or PLAIN
            hits.append(Hit(self.terms[index], a, b, decided))
        return _dedupe(hits)


def crosses(offsets: Sequence[int], start: int, end: int) -> bool:
    """Whether one of the sorted ``offsets`` lies strictly inside ``start``–``end`` (a
    bisection: a text of many offsets and many hits stays linear)."""
    i = bisect_right(offsets, start)
    return i < len(offsets) and offsets[i] < end


def _disguise(original: str) -> str:
    """The script a plain-reading hit is disguised in (``TRADITIONAL``, mathematical
    letters, Japanese forms: :mod:`pipeline.rules.lookalike`), or ""."""
    if traditional(original):
        return TRADITIONAL
    return device(original)


def _latin(text: str, i: int) -> bool:
    """Whether ``text[i]`` is a Latin letter (full-width too), not the text's edge."""
    return 0 <= i < len(text) and normalise(text[i]) in _LATIN


HUMP_MIN = 5  # characters of a hit read at a camel-case hump: short ones occur by chance


def _hump(text: str, i: int, other: int, how: str) -> bool:
    """Whether a camel-case word begins at ``text[i]``, the edge of a hit whose other edge
    is ``other``: a capital after a small letter (``TibetIndependenceArmy``, in mathematical
    letters too). Not for initials or hits shorter than :data:`HUMP_MIN`, which a program's
    names hold by chance (``getGcdValue``)."""
    if how == INITIALS or abs(i - other) < HUMP_MIN or not 0 < i < len(text):
        return False
    return text[i].isupper() and text[i - 1].islower()


def _english(text: str, start: int, end: int) -> bool:
    """Whether the Latin token ``text[start:end]`` stands in English prose: a Latin
    word follows or precedes it across spaces (``In my humble``)."""
    after = text[end : end + 4]
    before = text[max(0, start - 4) : start]
    return _word_across_space(after) or _word_across_space(before[::-1])


def _word_across_space(side: str) -> bool:
    """``side`` (read away from the token) is spaces, then an ASCII letter."""
    rest = side.lstrip(" ")
    return rest != side and rest[:1].isascii() and rest[:1].isalpha()


def _delimiter(text: str, i: int) -> bool:
    """Whether ``text[i]`` (or the text's edge) sets off a Latin token: not a letter, a
    digit or a CJK character."""
    if i < 0 or i >= len(text):
        return True
    char = text[i]
    return not (char.isascii() and char.isalnum()) and not is_cjk(char) and not _lettered(char)


# Round 63: a letter of an alphabet with its mark (Polish ``ń``, ``ę``, Czech ``ř``, Greek,
# Cyrillic) is part of the word it stands in, not its edge: ``cz`` in ``zakończą`` or
# ``Częstochowa`` is no pair of initials. Full-width and mathematical letters are named
# otherwise and keep reading as edges, as before.
_ALPHABETS = ("LATIN ", "GREEK ", "CYRILLIC ")


def _lettered(char: str) -> bool:
    return char.isalpha() and unicodedata.name(char, "").startswith(_ALPHABETS)


def _dedupe(hits: list[Hit]) -> list[Hit]:
    """One finding per place and rule: the longest hit wins over those inside it.

    In start order every hit kept before one begins at or before it, so it lies inside one
    of them exactly when the furthest end kept in its rule reaches its end: one look-up
    per hit, where comparing it with every hit kept cost their number."""
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[Hit] = []
    reach: dict[str, int] = {}  # rule -> the furthest end of its kept hits
    for hit in hits:
        rule = hit.rule
        if reach.get(rule, -1) >= hit.end:
            continue
        kept.append(hit)
        reach[rule] = hit.end
    return kept
