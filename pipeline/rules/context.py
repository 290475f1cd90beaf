"""The matcher's decisions on each candidate: allowlisted compounds, context, word edges.

Step 3 of :mod:`pipeline.rules.engine`: a candidate is dropped when an allowlisted
compound covers it, when a plain hit sits in a sentence with a context word of its
lexicon (the whole paragraph for enforcement posts), or when the segmenter shows that a
word crosses its edges. The keys of the allowlisted phrases and context words are worked
out once (:func:`shared_keys`, :func:`context_keys`) and kept with the compiled keys.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from itertools import accumulate

from pipeline.rules.lexicon import Lexicons, Term
from pipeline.rules.normalize import is_cjk
from pipeline.rules.segment import Segmenter
from pipeline.rules.spellings import GAPPED, HOMOPHONE, PLAIN
from pipeline.rules.warning import framed_rule

_SENTENCE_END = "。！？；\n"
SENTENCE_REACH = 60
PARAGRAPH_REACH = 400
SEGMENT_MAX = 3  # terms up to this length get the word-boundary decision
# Round 16: words of a police warning or report that frame a whole paragraph: an offer does
# not name its buyers as victims nor itself as reported (a context word is still needed).
FRAMES = ("不法分子", "犯罪分子", "犯罪嫌疑人", "受害人", "被害人", "报案", "网警", "警方", "民警")
# Round 20: a court's judgment or sentence, a procuratorate's charge, is enforcement for
# every lexicon that reads context (``法院判决该男子删除视频``, ``以…罪判处有期徒刑八个月``),
# as the police's words are; added to each such lexicon's own context words.
JUDGMENTS = ("判决", "判处", "宣判", "获刑", "判刑", "有期徒刑", "提起公诉", "审查起诉", "被告人")
# Round 20: a term followed at once by one of these names an offence or a case, as a court
# release or its title does (``出售公民个人信息案``, ``组织考试作弊一案``, ``…罪``).
OFFENCE_NAMED = ("案", "一案", "罪", "犯罪")


def shared_keys(lexicons: Lexicons, key_of: Callable[[str], str]) -> dict[str, list[str]]:
    """The keys of each rule's allowlisted phrases (its lexicon's and the unit's); a
    term's own are added when it first hits (:class:`AllowPhrases`)."""
    unit_all = [key_of(a.phrase) for a in lexicons.allow if not a.rules]
    unit_by_rule: dict[str, list[str]] = {}
    for a in lexicons.allow:
        for rule in a.rules:
            unit_by_rule.setdefault(rule, []).append(key_of(a.phrase))
    shared: dict[str, list[str]] = {}  # a rule's lexicon and unit phrases, once per rule
    for rule, lexicon in lexicons.by_rule.items():
        shared[rule] = [key_of(p) for p in lexicon.allow] + unit_all
        shared[rule] += unit_by_rule.get(rule, [])
    return shared


def context_keys(lexicons: Lexicons, key_of: Callable[[str], str]) -> dict[str, tuple[str, ...]]:
    """Rule -> the keys of its lexicon's context words, with :data:`JUDGMENTS` for every
    lexicon that has some."""
    return {
        rule: tuple(dict.fromkeys(key_of(c) for c in (*lex.contexts, *JUDGMENTS)))
        if lex.contexts
        else ()
        for rule, lex in lexicons.by_rule.items()
    }


class AllowPhrases:
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


class TermSpans:
    """The spans of one rule's candidates in a text, to ask whether one of them covers a
    context word: sorted once with the furthest end reached so far, then one bisection
    per question (comparing each context word with every candidate cost their product in
    a text that repeats a term)."""

    __slots__ = ("_reach", "_spans", "_starts")

    def __init__(self) -> None:
        self._spans: list[tuple[int, int]] = []
        self._starts: list[int] = []
        self._reach: list[int] | None = None  # the furthest end among the first i spans

    def append(self, start: int, end: int) -> None:
        self._spans.append((start, end))
        self._reach = None

    def covers(self, start: int, stop: int) -> bool:
        """Whether a span begins at or before ``start`` and ends at or after ``stop``."""
        if self._reach is None:
            self._spans.sort()
            self._starts = [a for a, _ in self._spans]
            self._reach = list(accumulate((b for _, b in self._spans), max))
        i = bisect_right(self._starts, start)
        return i > 0 and self._reach[i - 1] >= stop


class Decisions:
    """Whether a candidate of :meth:`~pipeline.rules.engine.Matcher.scan` is a hit."""

    def __init__(
        self,
        terms: Sequence[Term],
        allow: AllowPhrases,
        contexts: dict[str, tuple[str, ...]],
        segmenter: Segmenter,
    ) -> None:
        self._terms = terms
        self._allow = allow
        self._contexts = contexts
        self.segmenter = segmenter

    def decide(
        self,
        c: str,
        start: int,
        end: int,
        index: int,
        how: str,
        gapped: bool,
        spans: dict[str, TermSpans],
        paragraph: bool = False,
    ) -> str | None:
        """How the candidate ``c[start:end]`` of term ``index`` was written, or None when
        it is no hit. ``spans``: rule -> every candidate's span (context words inside
        them are not context)."""
        term = self._terms[index]
        if self.allowed(c, start, end, index):
            return None
        if how == PLAIN and gapped:
            how = GAPPED
        if (
            how == PLAIN
            and term.context
            and self._contexts.get(term.rule)
            and (
                c.startswith(OFFENCE_NAMED, end)
                or self.in_context(c, start, end, term.rule, spans.get(term.rule), paragraph)
            )
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

    def allowed(self, c: str, start: int, end: int, index: int) -> bool:
        """Whether an allowlisted phrase of the term covers ``c[start:end]``."""
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

    def in_context(
        self,
        c: str,
        start: int,
        end: int,
        rule: str,
        terms: TermSpans | None,
        paragraph: bool = False,
    ) -> bool:
        """A context word of the lexicon in the same sentence or a neighbouring one of
        the same line (the whole paragraph when ``paragraph``), outside its own terms.

        Enforcement news names the act in one sentence and the enforcement in the next
        (``网警依法查处。潘某非法售卖个人信息…``). A paragraph that names offenders, victims
        or the police (:data:`FRAMES`, round 16: ``接到多起“裸聊敲诈”报案……网警提醒``) is
        read whole, as an enforcement post's is.

        A context word that lies wholly inside a term of the same lexicon is not context:
        the 不得 of 不得好死 does not make an insult a quotation of the rules (the 缉毒 of
        查缉毒品 still counts: it only overlaps 毒品).

        Round 21: a paragraph that warns against what it describes (:mod:`warning`:
        ``代孕在我国属于违法行为``, ``切勿轻信``, and no disclaimer or threat) is context for
        the items of illegal services.
        """
        contexts = self._contexts.get(rule, ())
        if not contexts:
            return False
        p_lo, p_hi = paragraph_bounds(c, start, end)
        if framed_rule(rule, c, p_lo, p_hi):  # round 21: a warning frames (round 65: lures)
            return True
        if paragraph or any(c.find(word, p_lo, p_hi) != -1 for word in FRAMES):
            lo, hi = p_lo, p_hi
        else:
            lo, hi = sentence_bounds(c, start, end)
            if lo > 1 and c[lo - 1] != "\n":
                lo = sentence_bounds(c, lo - 1, lo - 1)[0]
            if hi < len(c) - 1 and c[hi] != "\n":
                hi = sentence_bounds(c, hi + 1, hi + 1)[1]
        for ctx in contexts:
            position = c.find(ctx, lo, hi)
            while position != -1:
                stop = position + len(ctx)
                if terms is None or not terms.covers(position, stop):
                    return True
                position = c.find(ctx, position + 1, hi)
        return False


def sentence_bounds(c: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the sentence around ``c[start:end]`` (at most SENTENCE_REACH each way)."""
    lo = max(0, start - SENTENCE_REACH)
    hi = min(len(c), end + SENTENCE_REACH)
    lo = max(lo, *(c.rfind(mark, lo, start) + 1 for mark in _SENTENCE_END))
    ends = [i for i in (c.find(mark, end, hi) for mark in _SENTENCE_END) if i != -1]
    return lo, min(ends, default=hi)


def paragraph_bounds(c: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the paragraph (blank-line separated) around ``c[start:end]``."""
    lo = max(0, start - PARAGRAPH_REACH)
    hi = min(len(c), end + PARAGRAPH_REACH)
    lo = max(lo, c.rfind("\n\n", lo, start) + 1)
    stop = c.find("\n\n", end, hi)
    return lo, hi if stop == -1 else stop
