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
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from pipeline.rules import automaton_cache
from pipeline.rules.key_memo import KeyMemo, Keys
from pipeline.rules.key_table import KeyTable
from pipeline.rules.lexicon import Lexicon, Lexicons, Term
from pipeline.rules.normalize import (
    Compact,
    compact,
    is_cjk,
    mask_markup,
    normalise,
    traditional,
)
from pipeline.rules.segment import Segmenter
from pipeline.rules.term_list import TermList

PLAIN = ""
GAPPED = "字间插入符号"
VARIANT = "变形写法"
MIXED = "拼音夹杂"
PINYIN = "拼音"
INITIALS = "拼音首字母"
HOMOPHONE = "谐音字"
SPLIT = "拆字"
TRADITIONAL = "繁体字或火星文"
_REST = "rest"  # internal: a term without its first character, awaiting the check
_SHORT = "short"  # internal: two-letter initials, awaiting the delimiter check
# How a key was derived, by its code in a packed automaton value (:func:`_encode`).
_HOWS = (PLAIN, VARIANT, INITIALS, SPLIT, MIXED, PINYIN, HOMOPHONE, _REST, _SHORT)
Entry = tuple[int, str, int]  # term index (-1: a trigger), how, key length

_LATIN = frozenset("abcdefghijklmnopqrstuvwxyz")
_SENTENCE_END = "。！？；\n"
SENTENCE_REACH = 60
SEGMENT_MAX = 3  # terms up to this length get the word-boundary decision
MIXED_MAX = 4  # terms up to this length get every mixed pinyin/character spelling
# Two-letter Latin tokens that are ordinary abbreviations (units, standards, devices,
# media): never read as the pinyin initials of a two-character term.
_COMMON_LATIN = (
    "ab ad ai am ap ar bd bp bs cc cd ce cf cg cm cn co cp cr cs ct cv db dc dj dm dn dv "
    "ed eg eq et ev fm fp ft gb gc gm gp gr gs hd hi hk hp hr ic id ie in io ip is it jd "
    "jp kb kg km kv kw lb lc ld li lp lt ma mb me mg mm mp mr ms mv mw no nb nc ok on op "
    "or os ox pa pc pd pe pg ph pk pm po pp pr ps pt pv qa qc qq rf rh rm sd se sf sh si "
    "sm so sp sq st sz tb tc td tf tg to tv ui uk un up ur us uv vi vr vs wc wi wt ww xl "
    "xs yy"
)
COMMON_LATIN = frozenset(_COMMON_LATIN.split())


@dataclass(frozen=True)
class Hit:
    term: Term
    start: int  # offsets in the original text
    end: int
    how: str  # PLAIN, or which evasion was undone

    @property
    def rule(self) -> str:
        return self.term.rule


def key_of(text: str) -> str:
    return compact(normalise(text)).text


_key = key_of  # what the matcher's KeyMemo computes


class _AllowPhrases:
    """Term index -> the allowlisted phrases that can contain a hit of it: the phrases of
    its rule, its own and the unit's, longer than the term or equal to it."""

    def __init__(
        self,
        terms: Sequence[Term],
        keys: list[str],
        shared: dict[str, list[str]],
        key_of: Callable[[str], str],
    ) -> None:
        self._terms = terms
        self._keys = keys
        self._shared = shared
        self._key_of = key_of
        self._memo: dict[int, tuple[str, ...]] = {}

    def __getitem__(self, index: int) -> tuple[str, ...]:
        found = self._memo.get(index)
        if found is None:
            term, key = self._terms[index], self._keys[index]
            phrases = self._shared[term.rule] + [self._key_of(p) for p in term.allow]
            found = tuple(p for p in phrases if len(p) > len(key) or p == key)
            self._memo[index] = found
        return found

    def compounds(self) -> set[str]:
        """Every phrase some term keeps (what the segmenter must know as a word)."""
        shortest: dict[str, int] = {}
        keys: dict[str, set[str]] = {}
        result: set[str] = set()
        for index, (term, key) in enumerate(zip(self._terms, self._keys, strict=True)):
            shortest[term.rule] = min(shortest.get(term.rule, len(key)), len(key))
            keys.setdefault(term.rule, set()).add(key)
            if term.allow:
                result.update(self[index])
        for rule, phrases in self._shared.items():
            if rule in shortest:
                least, own = shortest[rule], keys[rule]
                result.update(p for p in phrases if len(p) > least or p in own)
        return result


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
        compiled = automaton_cache.load(name, len(self.terms), len(_HOWS))
        if compiled is None:
            key_of.read()
            automaton, table, first = self._build(triggers)
            shared, contexts = self._shared(), self._context_keys()
            compiled = automaton_cache.Compiled(
                KeyTable.of(automaton), table, first, shared, contexts
            )
            automaton_cache.save(name, compiled, len(self.terms))
        self._key_table, self._table, self._first = compiled.keys, compiled.table, compiled.first
        self._allow = _AllowPhrases(self.terms, self.keys, compiled.shared, key_of)
        self._contexts = compiled.contexts
        self.segmenter = Segmenter(self._segment_words, lexicons.version)
        key_of.save()

    def _segment_words(self) -> tuple[list[str], set[str]]:
        """What the segmenter's dictionary is built from: the short keys and every
        allowlisted compound."""
        return [k for k in self.keys if len(k) <= SEGMENT_MAX], self._allow.compounds()

    def _build(
        self, triggers: dict[str, tuple[str, ...]] | None
    ) -> tuple[Any, list[tuple[Entry, ...]], dict[int, frozenset[str]]]:
        """The automaton of every key and spelling (its values: :func:`_encode`), the
        table of the values that do not fit in one integer, and the homophones of the
        first character of each term matched by the rest of it."""
        import ahocorasick  # this and the spelling code: only when the keys are built

        from pipeline.rules import phonetic, radicals

        lexicons, key_of = self.lexicons, self._key_of
        phonetics = phonetic.load(
            [k for k, t in zip(self.keys, self.terms, strict=True) if t.pinyin or t.homophones],
            lexicons.version,
        )
        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        entries: dict[str, list[Entry]] = {}
        frequent = frozenset(phonetics.frequent)
        first: dict[int, frozenset[str]] = {}  # term -> homophones of its first char

        def add(key: str, index: int, how: str) -> None:
            if len(key) >= 2 or how == _REST:
                entries.setdefault(key, []).append((index, how, len(key)))

        for index, (term, key) in enumerate(zip(self.terms, self.keys, strict=True)):
            add(key, index, PLAIN)
            for variant in term.variants:
                add(key_of(variant), index, VARIANT)
            for abbr in term.abbr:
                add(key_of(abbr), index, INITIALS)
            if term.level == "error" or lexicons.by_rule[term.rule].level == "error":
                for spelling in radicals.split_spellings(key):
                    add(spelling, index, SPLIT)
            syllables = phonetics.syllables.get(key)
            if syllables and term.pinyin and len(key) >= 2:
                if len(key) <= MIXED_MAX:
                    for spelling in _mixed(key, syllables):
                        add(spelling, index, MIXED)
                add("".join(syllables), index, PINYIN)
                initials = "".join(s[0] for s in syllables)
                if len(key) >= 3:
                    add(initials, index, INITIALS)
                elif term.level == "error" and initials not in COMMON_LATIN:
                    add(initials, index, _SHORT)
            if term.homophones and len(key) >= 2 and key in phonetics.readings:
                # The first character is checked on a hit of the rest of the term (in
                # scan): listing its homophones would crowd the automaton's root.
                for spelling in phonetics.spellings(key, first=False):
                    add(spelling, index, HOMOPHONE)
                if key[1] not in frequent:
                    add(key[1:], index, _REST)
                    first[index] = frozenset(phonetics.replacements(key, 0))
        for name, words in (triggers or {}).items():
            for word in words:
                entries.setdefault(key_of(word), []).append((-1, name, 0))
        table: list[tuple[Entry, ...]] = []
        for key, value in entries.items():
            automaton.add_word(key, _encode(tuple(value), table))
        automaton.make_automaton()
        return automaton, table, first

    def _shared(self) -> dict[str, list[str]]:
        """The keys of each rule's allowlisted phrases (its lexicon's and the unit's); a
        term's own are added when it first hits (:class:`_AllowPhrases`)."""
        key_of = self._key_of
        unit_all = [key_of(a.phrase) for a in self.lexicons.allow if not a.rules]
        unit_by_rule: dict[str, list[str]] = {}
        for a in self.lexicons.allow:
            for rule in a.rules:
                unit_by_rule.setdefault(rule, []).append(key_of(a.phrase))
        shared: dict[str, list[str]] = {}  # a rule's lexicon and unit phrases, once per rule
        for rule, lexicon in self.lexicons.by_rule.items():
            shared[rule] = [key_of(p) for p in lexicon.allow] + unit_all
            shared[rule] += unit_by_rule.get(rule, [])
        return shared

    def _context_keys(self) -> dict[str, tuple[str, ...]]:
        key_of = self._key_of
        return {
            rule: tuple(key_of(c) for c in lex.contexts)
            for rule, lex in self.lexicons.by_rule.items()
        }

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
    ) -> list[Hit]:
        """Lexicon hits in ``text`` (``masked``: the text after :func:`mask_markup`);

        Long because: the matcher's hot loop, kept whole for speed (benchmarks/check_speed.py).

        The names of the triggers found are added to ``triggered``. ``kind``: the post's
        kind (:mod:`pipeline.rules.kinds`); enforcement posts read context over the
        whole paragraph."""
        if comp is None:
            comp = compact(normalise(mask_markup(text) if masked is None else masked))
        c = comp.text
        candidates: dict[tuple[int, int, int], str] = {}
        table = self._table
        for end, code in self._key_table.iter(c):
            for index, how, length in table[-code - 1] if code < 0 else _decode(code):
                if index < 0:
                    if triggered is not None:
                        triggered.add(how)
                    continue
                start = end + 1 - length
                if how == _REST:
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
                # phrase once the space is back.
                if c[start] in _LATIN or c[end] in _LATIN:
                    a, b = comp.span(start, end + 1)
                    if (c[start] in _LATIN and _latin(text, a - 1)) or (
                        c[end] in _LATIN and _latin(text, b)
                    ):
                        continue
                # Two Latin letters are a hit only as a token of their own, set off by
                # spaces or punctuation in the original text: ``yp`` in ``yp2`` is a
                # model number and in ``提交yp表格`` a form's name, not 约炮.
                if how == _SHORT:
                    a, b = comp.span(start, end + 1)
                    if not (_delimiter(text, a - 1) and _delimiter(text, b)):
                        continue
                    how = INITIALS
                candidates.setdefault((start, end + 1, index), how)
        spans: dict[str, list[tuple[int, int]]] = {}
        for start, end, index in candidates:
            spans.setdefault(self.terms[index].rule, []).append((start, end))
        hits: list[Hit] = []
        for (start, end, index), how in sorted(candidates.items()):
            decided = self._decide(
                c, start, end, index, how, comp.gapped(start, end), spans, bool(kind)
            )
            if decided is None:
                continue
            a, b = comp.span(start, end)
            if decided == PLAIN and traditional(text[a:b]):
                # Context already spoke for a plain hit; advocacy written in traditional
                # script or 火星文 (``藏獨萬歲``) is an evasion, not a quotation.
                decided = TRADITIONAL
            hits.append(Hit(self.terms[index], a, b, decided))
        return _dedupe(hits)

    def _decide(
        self,
        c: str,
        start: int,
        end: int,
        index: int,
        how: str,
        gapped: bool,
        spans: dict[str, list[tuple[int, int]]],
        paragraph: bool = False,
    ) -> str | None:
        term = self.terms[index]
        if self._allowed(c, start, end, index):
            return None
        if how == PLAIN and gapped:
            how = GAPPED
        if (
            how == PLAIN
            and term.context
            and self._in_context(c, start, end, term.rule, spans.get(term.rule, []), paragraph)
        ):
            return None
        span = c[start:end]
        if (
            how in (PLAIN, GAPPED, HOMOPHONE)
            and term.segment
            and len(span) <= SEGMENT_MAX
            and all(is_cjk(ch) for ch in span)
            and not self.segmenter.is_word(c, start, end)
        ):
            return None
        return how

    def _allowed(self, c: str, start: int, end: int, index: int) -> bool:
        span = c[start:end]
        for phrase in self._allow[index]:
            if span not in phrase:
                continue
            lo = max(0, end - len(phrase))
            position = c.find(phrase, lo, start + len(phrase))
            while position != -1 and position <= start:
                if position + len(phrase) >= end:
                    return True
                position = c.find(phrase, position + 1, start + len(phrase))
        return False

    def _in_context(
        self,
        c: str,
        start: int,
        end: int,
        rule: str,
        terms: list[tuple[int, int]],
        paragraph: bool = False,
    ) -> bool:
        """A context word of the lexicon in the same sentence or a neighbouring one of
        the same line (the whole paragraph when ``paragraph``), outside its own terms.

        Enforcement news names the act in one sentence and the enforcement in the next
        (``网警依法查处。潘某非法售卖个人信息…``).

        A context word that lies wholly inside a term of the same lexicon is not context:
        the 不得 of 不得好死 does not make an insult a quotation of the rules (the 缉毒 of
        查缉毒品 still counts: it only overlaps 毒品).
        """
        contexts = self._contexts.get(rule, ())
        if not contexts:
            return False
        if paragraph:
            lo, hi = _paragraph(c, start, end)
        else:
            lo, hi = _sentence(c, start, end)
            if lo > 1 and c[lo - 1] != "\n":
                lo = _sentence(c, lo - 1, lo - 1)[0]
            if hi < len(c) - 1 and c[hi] != "\n":
                hi = _sentence(c, hi + 1, hi + 1)[1]
        for ctx in contexts:
            position = c.find(ctx, lo, hi)
            while position != -1:
                stop = position + len(ctx)
                if not any(a <= position and stop <= b for a, b in terms):
                    return True
                position = c.find(ctx, position + 1, hi)
        return False


def _sentence(c: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the sentence around ``c[start:end]`` (at most SENTENCE_REACH each way)."""
    lo = max(0, start - SENTENCE_REACH)
    hi = min(len(c), end + SENTENCE_REACH)
    lo = max(lo, *(c.rfind(mark, lo, start) + 1 for mark in _SENTENCE_END))
    ends = [i for i in (c.find(mark, end, hi) for mark in _SENTENCE_END) if i != -1]
    return lo, min(ends, default=hi)


PARAGRAPH_REACH = 400


def _paragraph(c: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the paragraph (blank-line separated) around ``c[start:end]``."""
    lo = max(0, start - PARAGRAPH_REACH)
    hi = min(len(c), end + PARAGRAPH_REACH)
    lo = max(lo, c.rfind("\n\n", lo, start) + 1)
    stop = c.find("\n\n", end, hi)
    return lo, hi if stop == -1 else stop


def _encode(value: tuple[Entry, ...], table: list[tuple[Entry, ...]]) -> int:
    """An automaton value as one integer: a single term entry packed into bits, anything
    else (several entries, a trigger) ``-1 - `` its position in ``table``."""
    if len(value) == 1:
        index, how, length = value[0]
        if 0 <= index < 1 << 19 and how in _HOWS and 0 < length < 256:  # 31 bits
            return index << 12 | _HOWS.index(how) << 8 | length
    table.append(value)
    return -len(table)


def _decode(code: int) -> tuple[Entry]:
    return ((code >> 12, _HOWS[code >> 8 & 15], code & 255),)


def _mixed(key: str, syllables: list[str]) -> list[str]:
    """Spellings with a proper, non-empty subset of the characters written as pinyin."""
    result: list[str] = []
    for size in range(1, len(key)):
        for positions in combinations(range(len(key)), size):
            result.append(
                "".join(syllables[i] if i in positions else ch for i, ch in enumerate(key))
            )
    return result


def _latin(text: str, i: int) -> bool:
    """Whether ``text[i]`` is a Latin letter (full-width too), not the text's edge."""
    return 0 <= i < len(text) and normalise(text[i]) in _LATIN


def _delimiter(text: str, i: int) -> bool:
    """Whether ``text[i]`` (or the text's edge) sets off a Latin token: not a letter, a
    digit or a CJK character."""
    if i < 0 or i >= len(text):
        return True
    char = text[i]
    return not (char.isascii() and char.isalnum()) and not is_cjk(char)


def _dedupe(hits: list[Hit]) -> list[Hit]:
    """One finding per place and rule: the longest hit wins over those inside it."""
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[Hit] = []
    for hit in hits:
        if any(k.rule == hit.rule and k.start <= hit.start and hit.end <= k.end for k in kept):
            continue
        kept.append(hit)
    return kept
