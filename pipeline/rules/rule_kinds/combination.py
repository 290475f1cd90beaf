"""The ``combination`` kind: words harmless alone and a violation together.

Vale's ``conditional`` in the shape of commercial moderation lexicons, "A near B unless C"::

    kind: combination             # the default kind of a rule file
    unless: [不得, 依法]           # optional: drops every rule of the file
    rules:
      - id: A9-04
        name: job-ethnic
        level: error
        message: 招聘信息限定民族，属于民族歧视
        fix: 删除对民族的限定；招聘条件只写岗位所需的资格
        within: 6                 # characters between the anchor and each other group
        groups:                   # the first group is the anchor; every group must match
          - [限, 仅限, 只招, 只限]
          - [汉族, 蒙古族, 回族, 藏族]
        unless: [民族团结, 少数民族聘用计划]   # any of these near the match drops it
        scope: sentence           # optional: ``line`` lets the groups stand in the
                                  # consecutive sentences of one line (round 31)

Matching runs on the lexicons' normalised, compacted view (case, full-width, traditional
script, separators between characters), so ``宪 法是摆设`` is found; the anchor may come
before or after the other words; ``unless`` is read in the sentence and its neighbours on
the same line. ``allow`` (optional, round 67) names compounds that stand across a word's
edge and are another thing (``卡套`` in ``出售二手银行卡套``: a card's sleeve, not the card;
``不收费`` in ``一律不收费``): a word of any group one of them crosses is not read. With ``scope: line`` the groups may
stand in different sentences of one line (an outburst is a run of exclamations: ``气死我了！
这帮刁民…``), and ``unless`` is read in the whole line. Each finding maps back to the
original text. Every word of two to four Chinese characters also matches in pinyin, initials
and split characters (:mod:`pipeline.rules.rule_kinds.spelled`: ``tan官``, ``k试da案``,
``木仓支``) and in homophones, any number of characters replaced
(:mod:`pipeline.rules.rule_kinds.sounds`: ``共惨档``, ``锅旗``).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import astuple, dataclass

import ahocorasick

from pipeline.findings import Severity
from pipeline.rules.compiled_re import compiled
from pipeline.rules.detection import Detection
from pipeline.rules.normalize import Compact, compact, mask_markup, normalise
from pipeline.rules.rule_kinds import schema, sounds
from pipeline.rules.rule_kinds.excuses import excused
from pipeline.rules.rule_kinds.fields import bounded, words
from pipeline.rules.rule_kinds.schema import Doc, Head
from pipeline.rules.rule_kinds.spelled import Spelled
from pipeline.rules.warning import CALLS, DISCLAIMERS, REPORTING, SERVICE_RULES
from pipeline.schema import Choice, Field, Line, ListOf, Record

_SENTENCE_END = "。！？；\n"
_LONGER = 24  # how much longer than the longest word a spelling may be
SCOPES = ("sentence", "line")  # where a rule's groups may stand (the first is the default)
_REACH = 200  # how far a sentence or a line is read on either side of the anchor


@dataclass(frozen=True)
class Combo:
    """A combination rule: words that together, within a distance, raise a finding."""

    rule: str
    article: str
    name: str
    level: Severity
    message: str
    fix: str
    within: int
    groups: tuple[tuple[str, ...], ...]
    unless: tuple[str, ...]
    origin: str
    scope: str = SCOPES[0]
    allow: tuple[str, ...] = ()  # compounds across a word's edge that are another thing


def _key(word: str) -> str:
    return normalise(word).replace(" ", "")


OWN = Record({**schema.FILE, "unless": words("例外词语", _key)})
RULE: dict[str, Field] = {
    "fix": Line("修改建议", required=True),  # shown after the message
    "within": bounded("距离", 0, 60, "字符数", required=True),
    "groups": ListOf(words("词组", _key), "词组", required=True, holes=True),
    "unless": words("例外词语", _key),
    "scope": Choice(
        "范围", values=SCOPES, names={"sentence": "同一句", "line": "同一行"}, default=SCOPES[0]
    ),
    "allow": words("合法复合词", _key),
}


def parse(doc: Doc) -> list[Combo]:
    """The combination rules of one rule file."""
    common = tuple(OWN.read(doc.data, doc.at())["unless"] or ())
    items = schema.rules(doc, RULE)
    for index, values in items:
        if values["groups"] is not None and len(values["groups"]) < 2:
            doc.at("rules", index, "groups").add("应至少包含两组词语。", label="词组")
    doc.done()
    return [
        Combo(
            *astuple(Head.of(values)),
            fix=values["fix"],
            within=values["within"],
            groups=tuple(tuple(group) for group in values["groups"]),
            unless=common + tuple(values["unless"] or ()),
            origin=f"{doc.rel}#{values['name']}",
            scope=values["scope"],
            allow=tuple(values["allow"] or ()),
        )
        for _, values in items
    ]


class Combinations:
    """Compiled combination rules: one Aho-Corasick pass finds every anchor word."""

    def __init__(self, rules: list[Combo]) -> None:
        self.rules = rules
        self._by_anchor: dict[str, list[Combo]] = {}
        for combo in rules:
            for word in combo.groups[0]:
                self._by_anchor.setdefault(word, []).append(combo)
        self._anchor = _automaton({w: w for w in self._by_anchor})
        every = [w for combo in rules for group in combo.groups for w in group]
        self.spelled = Spelled(every, self._by_anchor)
        self._sounds: sounds.Sounds | None = None
        self._sound_words: ahocorasick.Automaton | None = None

    def sounds(self) -> sounds.Sounds:
        """The sound data of every word (loaded at the first check) and the automaton of
        the words' sounds."""
        if self._sounds is None:
            words = [w for combo in self.rules for group in combo.groups for w in group]
            self._sounds = sounds.load(words)
            by_key: dict[str, list[str]] = {}
            # Anchors and longer words: a context word (大家, 明天) is not what an evasion
            # disguises, and hearing every one of them would cost each check a loop.
            chosen = [w for w in dict.fromkeys(words) if w in self._by_anchor or len(w) >= 3]
            for word in chosen:
                key = self._sounds.key(word)
                if key:
                    by_key.setdefault(key, []).append(word)
            self._sound_words = _automaton({k: tuple(v) for k, v in by_key.items()})
        return self._sounds

    def _hear(self, c: str) -> dict[str, list[tuple[int, int]]]:
        """word -> the spans where a homophone spelling of it stands (one pass over the
        sound view; the plain words, heard there too, are left out at once)."""
        heard = self.sounds()
        found: dict[str, list[tuple[int, int]]] = {}
        if self._sound_words is None:
            return found
        for last, (key, heard_words) in self._sound_words.iter(heard.view(c)):
            start, end = last + 1 - len(key), last + 1
            here = c[start:end]
            for word in heard_words:
                if here != word and heard.accepts(c, start, end, word):
                    found.setdefault(word, []).append((start, end))
        return found

    def _anchors(self, c: str, spelled: bool, breaks: frozenset[int]) -> list[tuple[int, int, str]]:
        """(start, end, anchor word) of every anchor in ``c``; with ``spelled``, also
        where a spelling of one stands (``breaks``: :func:`spelled.edges_hold`)."""
        found = [(last + 1 - len(w), last + 1, w) for last, w in self._anchor.iter(c)]
        return found + self.spelled.find(c, breaks) if spelled else found

    def detect(
        self, text: str, masked: str | None = None, comp: Compact | None = None
    ) -> list[Detection]:
        """``comp``: the compacted view when the caller has it (the matcher's)."""
        if not self._by_anchor:
            return []
        if comp is None:
            comp = compact(normalise(mask_markup(text) if masked is None else masked))
        c = comp.text
        spelled = self.spelled.needed(c)
        breaks = comp.breaks() if spelled else frozenset()
        heard = self._hear(c)
        anchors = self._anchors(c, spelled, breaks)
        anchors += [
            (a, b, w) for w, spans in heard.items() if w in self._by_anchor for a, b in spans
        ]
        found: list[Detection] = []
        done: set[tuple[str, int]] = set()
        for start, end, word in anchors:
            for combo in self._by_anchor[word]:
                if (combo.origin, start) in done or _compounded(c, start, end, combo.allow):
                    continue
                speller = (self.spelled, breaks) if spelled else None
                span = _match(c, start, end, combo, speller, heard)
                if span is None:
                    continue
                done.add((combo.origin, start))
                a, b = comp.span(*span)
                message = f"{combo.message}。修改建议：{combo.fix}"
                found.append(Detection(a, b, combo.rule, combo.article, combo.level, message))
        return found


def _compounded(c: str, start: int, end: int, allow: tuple[str, ...]) -> bool:
    """Whether one of the rule's ``allow`` compounds crosses an edge of the word
    ``c[start:end]``, as a word the segmenter reads across a term's edge (round 67: a card's
    sleeve, ``银行卡套`` by ``卡套``, is not the card)."""
    for compound in allow:
        at = c.find(compound, max(0, start - len(compound) + 1), end + len(compound) - 1)
        while at != -1:
            if at < start or at + len(compound) > end:
                return True
            at = c.find(compound, at + 1, end + len(compound) - 1)
    return False


def _automaton(table: dict[str, object]) -> ahocorasick.Automaton | None:
    """An automaton of ``table``'s keys, each with its (key, value); None when empty."""
    if not table:
        return None
    automaton = ahocorasick.Automaton()
    for key, value in table.items():
        automaton.add_word(key, value if key == value else (key, value))
    automaton.make_automaton()
    return automaton


def _nearest_heard(
    heard: dict[str, list[tuple[int, int]]],
    start: int,
    end: int,
    window: tuple[int, int],
    group: tuple[str, ...],
    within: int,
) -> tuple[int, int] | None:
    """Like :func:`_nearest`, for the homophone spellings of the group's words.

    A word's spans are in the order the sound automaton found them, by start (one length
    per word): the window's are found by bisection, not by reading every span of the
    text for every anchor."""
    for word in group:
        spans = heard.get(word, ())
        for k in range(bisect_left(spans, (window[0],)), len(spans)):
            position, stop = spans[k]
            if position > window[1]:
                break
            gap = position - end if position >= end else start - stop
            inside = window[0] <= position and stop <= window[1]
            if inside and (stop <= start or position >= end) and gap <= within:
                return position, stop
    return None


def _match(
    c: str,
    start: int,
    end: int,
    combo: Combo,
    spelled: tuple[Spelled, frozenset[int]] | None,
    heard: dict[str, list[tuple[int, int]]],
) -> tuple[int, int] | None:
    """The span covering the anchor and one word of every other group, or None
    (``spelled``: the words' evasive spellings count too, with the offsets where the
    original text had separators; ``heard``: their homophones)."""
    lo_s, hi_s = _line(c, start, end) if combo.scope == "line" else _sentence(c, start, end)
    lo = max(lo_s, start - combo.within - 8)
    hi = min(hi_s, end + combo.within + 8)
    span_lo, span_hi = start, end
    if spelled is not None and not spelled[0].needed(c[lo:hi]):
        spelled = None
    for group in combo.groups[1:]:
        best = _nearest(c, start, end, lo, hi, group, combo.within, combo.allow)
        if best is None and spelled is not None:
            # A spelling in pinyin is longer than its word: a wider window, same gap.
            wide = max(lo_s, lo - _LONGER), min(hi_s, hi + _LONGER)
            best = _nearest_spelled(c, start, end, wide, group, combo.within, spelled)
        if best is None and heard:
            best = _nearest_heard(heard, start, end, (lo, hi), group, combo.within)
        if best is None:
            return None
        span_lo, span_hi = min(span_lo, best[0]), max(span_hi, best[1])
    lo_a, hi_a = (lo_s, hi_s) if combo.scope == "line" else _around(c, span_lo, span_hi)
    if excused(c[lo_a:hi_a], combo.unless) and not _disclaimed(c, span_lo, span_hi, combo):
        return None
    return span_lo, span_hi


def _disclaimed(c: str, start: int, end: int, combo: Combo) -> bool:
    """Whether an illegal service's offer (:data:`SERVICE_RULES`) disclaims itself or names
    itself in its own sentence (round 25: ``…的将依法追责，但我们办理各类证件，可查可验，后果
    自负``), or calls the reader to get in touch outside a quotation, in a sentence that
    reports no case or speaks in the first person (``警惕小作坊假证！本店办理各类证件，可查
    可验，联系电话…``): its excuses are the offer's cover, not a warning's or a report's."""
    if combo.rule not in SERVICE_RULES:
        return False
    lo, hi = _sentence(c, start, end)
    if any(c.find(word, lo, hi) != -1 for word in DISCLAIMERS):
        return True
    own = _QUOTED.sub("", c[lo:hi])  # a report quotes the advert's call (``“联系微信”``)
    if not any(_called(own, call) for call in CALLS):
        return False
    # A report describes how a gang found its buyers (``该团伙…通过微信联系客户``); an offer
    # that names its rivals caught speaks for itself (``同行被查处了，我们这里…联系微信``).
    return not any(word in own for word in REPORTING) or any(p in own for p in _OFFERING)


_OFFERING = ("我", "本店", "咱", "俺")
_FORBIDDING = "勿不别莫没"  # ``请勿私信联系``, ``不要加微信``: a warning's advice, no call


def _called(sentence: str, call: str) -> bool:
    """Whether ``call`` stands in ``sentence`` with no prohibition in the three characters
    before it."""
    at = sentence.find(call)
    while at != -1:
        if not any(ch in _FORBIDDING for ch in sentence[max(0, at - 3) : at]):
            return True
        at = sentence.find(call, at + 1)
    return False


_QUOTED = compiled(r"“[^”]*”|「[^」]*」|『[^』]*』|\"[^\"]*\"")


def _nearest_spelled(
    c: str,
    start: int,
    end: int,
    window: tuple[int, int],
    group: tuple[str, ...],
    within: int,
    spelled: tuple[Spelled, frozenset[int]],
) -> tuple[int, int] | None:
    """Like :func:`_nearest`, for the evasive spellings of the group's words."""
    speller, breaks = spelled
    for word in group:
        for position, stop in speller.search(c, *window, word, breaks):
            gap = position - end if position >= end else start - stop
            if (stop <= start or position >= end) and gap <= within:
                return position, stop
    return None


def _nearest(
    c: str,
    start: int,
    end: int,
    lo: int,
    hi: int,
    group: tuple[str, ...],
    within: int,
    allow: tuple[str, ...] = (),
) -> tuple[int, int] | None:
    """The first word of ``group`` (in its order) found within ``within`` characters of
    the anchor ``start:end``, on either side and not overlapping it, and crossed by none of
    the ``allow`` compounds (``一律不收`` in ``一律不收费``)."""
    for word in group:
        position = c.find(word, lo, hi)
        while position != -1:
            stop = position + len(word)
            gap = position - end if position >= end else start - stop
            apart = stop <= start or position >= end
            if apart and gap <= within and not _compounded(c, position, stop, allow):
                return position, stop
            position = c.find(word, position + 1, hi)
    return None


def _sentence(c: str, start: int, end: int) -> tuple[int, int]:
    floor = max(0, start - _REACH)
    lo = max([floor, *(c.rfind(mark, floor, start) + 1 for mark in _SENTENCE_END)])
    ends = [i for i in (c.find(mark, end, end + _REACH) for mark in _SENTENCE_END) if i != -1]
    return lo, min(ends, default=min(len(c), end + _REACH))


def _line(c: str, start: int, end: int) -> tuple[int, int]:
    """The line around ``start:end``, at most :data:`_REACH` characters either side."""
    floor = max(0, start - _REACH)
    lo = c.rfind("\n", floor, start) + 1 or floor
    stop = c.find("\n", end, end + _REACH)
    return lo, stop if stop != -1 else min(len(c), end + _REACH)


def _around(c: str, start: int, end: int) -> tuple[int, int]:
    """The sentence and its neighbours on the same line (where ``unless`` is read)."""
    lo, hi = _sentence(c, start, end)
    if lo > 1 and c[lo - 1] != "\n":
        lo = _sentence(c, lo - 1, lo - 1)[0]
    if hi < len(c) - 1 and c[hi] != "\n":
        hi = _sentence(c, hi + 1, hi + 1)[1]
    return lo, hi
