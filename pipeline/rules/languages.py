"""第九条 and 第十六条 in other languages (round 28, issue 12): a concept table.

Each blind set brings languages the engine never met (Welsh, Icelandic, Persian …), and a
rule that learns one language when it meets it does not generalise. The table
(``languages.yml``) holds the core concepts of every item — "independence", the names of
Tibet, Xinjiang, Taiwan and Hong Kong, "overthrow" and "the Communist Party / the
government", the cults' names, "bomb" and "how to make", "for sale" and the contraband,
"fake" and the documents, "buy" and "followers" … — in some seventy languages and scripts,
and Vale-style rules that join them (``tokens``: every concept within ``within`` words of
the first, in one sentence; ``exceptions``: concepts that, in the sentence or a neighbouring
one, drop the match: opposition, the law, the police, a warning, history).

Matching runs on a folded copy of the text that keeps every offset (:func:`fold`): case and
Latin, Greek and Cyrillic diacritics folded, Arabic and Hebrew points removed, Persian and
Urdu letter forms read as Arabic ones; words of spaced scripts match whole (``x*``: a word
beginning with x; ``*x``: ending with it; ``*x*``: holding it), words of unspaced scripts
(Thai, Lao, Khmer, Burmese, kana and kanji) anywhere. A match becomes a combination
detection of its item, and the checker passes it through the same excuses as the Chinese
combinations (rebuttals, denials, the post's framing, quotations: ``checker.py``); a
Chinese enforcement or warning word around it (``警方查获…``) excuses it here as well.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass

from pipeline.rules.compiled_re import compiled
from pipeline.rules.detection import Detection
from pipeline.rules.framing import ENFORCEMENT_WORDS, framed
from pipeline.rules.language_table import Rule, Table, Token, fold, raw_data, table, unspaced
from pipeline.rules.warning import REPORTING, WARNING_WORDS

__all__ = [
    "Hit",
    "Table",
    "detect",
    "excuse",
    "fold",
    "foreign_view",
    "hits",
    "matches",
    "raw_data",
    "table",
]

_CHINESE_EXCUSES = ENFORCEMENT_WORDS + WARNING_WORDS + REPORTING
# What the table reads: runs of text between Chinese characters and Chinese punctuation
# that hold a letter (a Chinese post pays one regex search; Chinese is the lexicons' job).
_SEGMENT = compiled(r"[^\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff20]+")
_LETTER = compiled(r"[^\W\d_]")
# Round 69: a Japanese sentence's kanji are read with its kana (``共産党の一党独裁…廃止``):
# a run of kana and kanji holding ``JAPANESE_KANA`` hiragana or more is one segment, so the
# table's Japanese words in kanji (``共産党``, ``廃止``, ``独立``) are read. A Chinese post
# borrowing ``の`` once (``香港の自由行``) keeps its Chinese out of the view.
_JAPANESE_RUN = compiled(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]+")
_HIRAGANA = compiled(r"[\u3041-\u309f]")
JAPANESE_KANA = 3
_CHINESE_ENDS = frozenset("。！？；\n")
_EXCUSING = frozenset({"rebuttal"})  # the concepts that excuse a term's foreign name
_CONTENT = ("A9-", "A16-")  # a key or a password under 第十七条 is no term's name


def foreign_view(text: str) -> tuple[str, list[int]]:
    """The folded text (:func:`fold`) of the runs of ``text`` that hold a letter of a
    script other than Chinese, apart by a space, or by a sentence end where the Chinese
    between them ends a sentence; and each character's offset in ``text``."""
    chars: list[str] = []
    index: list[int] = []
    last = 0
    for start, end in _segments(text):
        if chars:
            chars.append("|" if _CHINESE_ENDS.intersection(text[last:start]) else " ")
            index.append(start)
        folded, at = fold(text[start:end])
        chars.append(folded)
        index += [i + start for i in at]
        last = end
    return "".join(chars), index


def _segments(text: str) -> list[tuple[int, int]]:
    """The spans :func:`foreign_view` reads: the runs of :data:`_SEGMENT` holding a letter,
    and (round 69) a Japanese sentence's kana and kanji as one run."""
    spans = [m.span() for m in _SEGMENT.finditer(text) if _LETTER.search(m.group())]
    if len(_HIRAGANA.findall(text)) < JAPANESE_KANA:
        return spans  # most posts: no Japanese sentence
    runs = [
        m.span()
        for m in _JAPANESE_RUN.finditer(text)
        if len(_HIRAGANA.findall(m.group())) >= JAPANESE_KANA
    ]
    if not runs:
        return spans
    kept = [s for s in spans if not any(a <= s[0] and s[1] <= b for a, b in runs)]
    # a segment that straddles a run's edge (Latin letters after the kana) is cut at it
    out: list[tuple[int, int]] = list(runs)
    for a, b in kept:
        for ra, rb in runs:
            if a < rb and ra < b:
                a, b = (rb, b) if a >= ra else (a, ra)
        if a < b and _LETTER.search(text[a:b]):
            out.append((a, b))
    return sorted(out)


@dataclass(frozen=True, repr=False)
class Hit:
    """Where a concept's word stands in the folded text."""

    concept: str
    start: int  # in the folded text
    end: int
    first: int  # the index of its first and last word
    last: int


def _words(folded: str) -> list[tuple[int, int]]:
    """(start, end) of every word of the folded text."""
    spans: list[tuple[int, int]] = []
    start = -1
    for i, ch in enumerate(folded):
        if ch in " |":
            if start >= 0:
                spans.append((start, i))
                start = -1
        elif start < 0:
            start = i
    if start >= 0:
        spans.append((start, len(folded)))
    return spans


def _candidates(t: Table, word: str) -> list[Token]:
    found = list(t.exact.get(word, ()))
    # affixes longer than the table's longest key match nothing: a word of any length
    # costs at most that many look-ups (red team 26: every prefix of a 200,000-letter word)
    for k in range(1, min(len(word), t.longest) + 1):
        found += t.prefix.get(word[:k], ())
        found += t.suffix.get(word[-k:], ())
    return found + [tok for tok in t.infix if tok.words[0].text in word]


def hits(t: Table, folded: str) -> list[Hit]:
    """Every concept's matches in the folded text."""
    spans = _words(folded)
    texts = [folded[a:b] for a, b in spans]
    found: list[Hit] = []
    for i, word in enumerate(texts):
        if unspaced(word[0]):
            continue
        for token in _candidates(t, word):
            n = len(token.words)
            if i + n > len(texts) or _crosses(folded, spans, i, n):
                continue
            if all(w.matches(texts[i + k]) for k, w in enumerate(token.words)):
                found.append(Hit(token.concept, spans[i][0], spans[i + n - 1][1], i, i + n - 1))
    starts = [a for a, _ in spans]
    for token in t.unspaced:
        text = token.words[0].text
        at = folded.find(text)
        while at != -1:
            k = _word_at(starts, at)
            found.append(Hit(token.concept, at, at + len(text), k, k))
            at = folded.find(text, at + 1)
    return found


def _crosses(folded: str, spans: list[tuple[int, int]], i: int, n: int) -> bool:
    """Whether words ``i`` to ``i + n - 1`` run over a sentence's end."""
    return n > 1 and "|" in folded[spans[i][1] : spans[i + n - 1][0]]


def _word_at(starts: list[int], at: int) -> int:
    return max(0, bisect_right(starts, at) - 1)


def _sentences(folded: str) -> list[int]:
    """The offsets of the sentence ends (``|``) of the folded text."""
    return [i for i, ch in enumerate(folded) if ch == "|"]


def _sentence_of(ends: list[int], at: int) -> int:
    return bisect_left(ends, at)


class _Near:
    """Each concept's hits ordered by their first word, to find those within a rule's
    window of words without reading every hit (red team 26: an anchor compared with every
    hit of its group made 20,000 pairs take minutes), and the sentences each stands in."""

    def __init__(self, by_concept: dict[str, list[Hit]], ends: list[int]) -> None:
        self.by_concept = by_concept
        self.sorted: dict[str, list[tuple[int, int]]] = {}  # (first word, order) per concept
        self.span = 0  # the most words a hit runs over, less one
        self.sentences: dict[str, set[int]] = {}
        for concept, found in by_concept.items():
            self.sorted[concept] = sorted((h.first, i) for i, h in enumerate(found))
            self.span = max([self.span, *(h.last - h.first for h in found)])
            self.sentences[concept] = {_sentence_of(ends, h.start) for h in found}

    def within(self, concept: str, lo: int, hi: int) -> list[Hit]:
        """The concept's hits whose first word is from ``lo`` to ``hi``, in their order."""
        keyed = self.sorted.get(concept, [])
        a = bisect_left(keyed, (lo, -1))
        b = bisect_right(keyed, (hi, len(keyed)))
        found = self.by_concept[concept] if b > a else []
        return [found[i] for _, i in sorted(keyed[a:b], key=lambda k: k[1])]


def matches(t: Table, folded: str) -> list[tuple[Rule, list[Hit]]]:
    """Each rule's matches in the folded text: the anchor's hit and one of every group."""
    found = _unturned(hits(t, folded))
    ends = _sentences(folded)
    by_concept: dict[str, list[Hit]] = {}
    for h in found:
        by_concept.setdefault(h.concept, []).append(h)
    near = _Near(by_concept, ends)
    result: list[tuple[Rule, list[Hit]]] = []
    for rule in t.rules:
        for anchor in (h for c in rule.groups[0] for h in by_concept.get(c, ())):
            sentence = _sentence_of(ends, anchor.start)
            chosen = [anchor]
            for group in rule.groups[1:]:
                best = _nearest(anchor, group, near, ends, sentence, rule)
                if best is None:
                    break
                chosen.append(best)
            else:
                if not _excepted(rule, near, sentence):
                    result.append((rule, chosen))
    return result


def _nearest(
    anchor: Hit,
    group: tuple[str, ...],
    near: _Near,
    ends: list[int],
    sentence: int,
    rule: Rule,
) -> Hit | None:
    best: Hit | None = None
    best_gap = rule.within + 1
    # a hit farther than ``within`` words from the anchor is never chosen
    lo = anchor.first - rule.within - 1 - near.span
    hi = anchor.last + rule.within + 1
    for h in (h for c in group for h in near.within(c, lo, hi)):
        if h.end <= anchor.start or h.start >= anchor.end:
            gap = h.first - anchor.last - 1 if h.first > anchor.last else anchor.first - h.last - 1
            close = abs(_sentence_of(ends, h.start) - sentence) <= rule.sentences
            if close and max(gap, 0) < best_gap:
                best, best_gap = h, max(gap, 0)
    return best


def _unturned(found: list[Hit]) -> list[Hit]:
    """``found`` without the exception words turned by their object (``oppose
    reunification``, ``против воссоединения``: the writer's own stance, as ``反对统一`` is
    in :mod:`pipeline.rules.rule_kinds.excuses`): a rebuttal word at most two words before
    a word of unity, and that word."""
    unity: dict[int, list[Hit]] = {}
    for h in found:
        if h.concept == "unity":
            unity.setdefault(h.first, []).append(h)
    turned: set[tuple[int, int]] = set()
    for h in found:
        if h.concept != "rebuttal":
            continue
        for first in range(h.last + 1, h.last + 4):  # 0 to 2 words between them
            for u in unity.get(first, ()):
                if u.start >= h.end:
                    turned |= {(h.start, h.end), (u.start, u.end)}
    return [h for h in found if (h.start, h.end) not in turned]


def _excepted(rule: Rule, near: _Near, sentence: int) -> bool:
    """Whether an exception concept stands in the sentence or a neighbouring one."""
    around = {sentence - 1, sentence, sentence + 1}
    return any(near.sentences.get(c, set()) & around for c in rule.exceptions)


def excuse(found: list[Detection], masked: str, t: Table | None = None) -> list[Detection]:
    """``found`` without the lexicon findings written in another language (a term's foreign
    name: ``Taiwan independence``, ``Falun Gong``) that a rebuttal or enforcement word of the
    table (``We oppose Taiwan independence``) or a Chinese enforcement or warning word
    (``坚决反对“Taiwan independence”``) frames: the Chinese terms' own contexts are Chinese
    words, and a term's foreign name is read as an evasive spelling, which they do not
    excuse."""
    foreign = [
        d for d in found if d.rule.startswith(_CONTENT) and _foreign(masked[d.start : d.end])
    ]
    if not foreign:
        return found
    t = t or table()
    folded, index = foreign_view(masked)
    ends = _sentences(folded)
    found_hits = _unturned(hits(t, folded))
    near = {_sentence_of(ends, h.start) for h in found_hits if h.concept in _EXCUSING}
    dropped: set[int] = set()
    for d in foreign:
        at = _folded_at(index, d.start)
        sentence = _sentence_of(ends, at)
        if near & {sentence - 1, sentence, sentence + 1} or framed(
            masked, d.start, d.end, _CHINESE_EXCUSES
        ):
            dropped.add(id(d))
    return [d for d in found if id(d) not in dropped]


def _foreign(span: str) -> bool:
    """Whether ``span`` is written in letters of a spaced script only (no Chinese)."""
    letters = [ch for ch in span if ch.isalpha()]
    return bool(letters) and not any(unspaced(ch) for ch in letters)


def _folded_at(index: list[int], offset: int) -> int:
    return min(bisect_left(index, offset), max(len(index) - 1, 0))


def detect(masked: str, t: Table | None = None) -> list[Detection]:
    """The rules' detections over ``masked`` (offsets into it), before the checker's
    excuses; one per rule and place (the first of overlapping ones). A Chinese enforcement
    or warning word around the match (its sentence, a neighbouring one, or its paragraph
    when it is quoted) drops it."""
    folded, index = foreign_view(masked)
    if not folded:
        return []  # no foreign run: the table (0.07 s to build) is not needed
    t = t or table()
    found: list[Detection] = []
    kept: dict[str, list[tuple[int, int]]] = {}
    for rule, chosen in matches(t, folded):
        chosen = sorted(chosen, key=lambda h: h.start)
        a, b = index[chosen[0].start], index[max(h.end for h in chosen) - 1] + 1
        places = kept.setdefault(rule.rule, [])
        if _overlaps(places, a, b) or framed(masked, a, b, _CHINESE_EXCUSES):
            continue
        insort(places, (a, b))
        words = "、".join(masked[index[h.start] : index[h.end - 1] + 1] for h in chosen)
        message = f"{rule.message}（外文：{words}）。修改建议：{rule.fix}"
        found.append(Detection(a, b, rule.rule, rule.article, rule.level, message))
    return found


def _overlaps(places: list[tuple[int, int]], a: int, b: int) -> bool:
    """Whether ``[a, b)`` overlaps one of ``places``: ordered, pairwise disjoint spans (only
    a span that overlaps none is kept), so the last one starting before ``b`` ends last."""
    i = bisect_left(places, (b, -1))
    return i > 0 and places[i - 1][1] > a
