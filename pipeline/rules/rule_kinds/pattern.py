"""The ``pattern`` kind: a regular expression, optionally checked by a named validator.

::

    kind: pattern
    view: squeezed          # squeezed (default) | masked | plain, see below
    one_per_place: start    # none (default) | start | overlap, see below
    advise: true            # append the rule's 修改建议 (pipeline.rules.advice; default true)
    gate:                   # optional: the file's rules run only on a text holding one of
      - words: [密码, 密钥]  # these words (ignore_case: true to compare in lower case;
                            # needs: a regex the text must also match)
    rules:
      - id: A9-11
        name: bank-card
        message: 疑似公开了银行卡号（Luhn 校验有效），属于不应对外公开的个人信息
        pattern: '\\d(?<!\\d\\d)(?:[ -]?\\d){15,18}(?!\\d)'
        validate: bank-card  # a name of pipeline.rules.rule_kinds.validators
        require: [密]        # optional: tried only when the text holds one of these

Views: ``squeezed`` reads the text half-width without inserted spaces, zero-width
characters or emoji, case kept (:mod:`pipeline.rules.view`: ``1507 8219 …``, ``秘 密★``),
code and URLs included (a password in a code block is still leaked); ``masked`` reads the
text with code, URLs and link targets blanked (language norms); ``plain`` (round 24) reads the
text as written, spaces and all, for formats whose fields spaces part (a ``net use`` command, a
hex dump). ``one_per_place``: a match
whose start lies inside an earlier finding of the file (``start``), or that overlaps one
(``overlap``), is dropped — one finding per place when two rules match the same value.
"""

from __future__ import annotations

import re
from dataclasses import astuple, dataclass
from functools import cache

from pipeline.findings import Severity
from pipeline.rules.advice import advise
from pipeline.rules.detection import Detection
from pipeline.rules.rule_kinds import regex_cost, schema
from pipeline.rules.rule_kinds.fields import Regex, words
from pipeline.rules.rule_kinds.schema import Doc, Head
from pipeline.rules.rule_kinds.validators import VALIDATORS, Validator
from pipeline.rules.view import detect_through
from pipeline.schema import Boolean, Choice, Field, ListOf, Nested, Record

VIEWS = ("squeezed", "masked", "plain")
PLACES = ("none", "start", "overlap")
# The text a unit file's patterns read (see :func:`windows`): windows of 600 characters, one
# every 300, up to 20,000 characters (a WeChat article's limit).
UNIT_WINDOW = regex_cost.WINDOW  # 600
UNIT_STEP = 300
UNIT_TEXT = 20_000
Span = tuple[int, int, int]  # a window: start, end, and the end of the starts it reports


@dataclass(frozen=True)
class Gate:
    """Words (or an expression) a text must hold before a file's rules run on it."""

    words: tuple[str, ...]
    ignore_case: bool
    needs: re.Pattern[str] | None

    def open(self, text: str, lowered: str, spans: list[Span] | None = None) -> bool:
        """Whether the rules run on ``text`` (``spans``: search ``needs`` window by window)."""
        if self.needs is not None:
            needs = self.needs
            if spans is None:
                if needs.search(text) is None:
                    return False
            elif not any(needs.search(text, start, end) for start, end, _ in spans):
                return False
        seen = lowered if self.ignore_case else text
        return any(word in seen for word in self.words)


@dataclass(frozen=True)
class Pattern:
    """A pattern rule: its expression and the validator of each match."""

    rule: str
    article: str
    name: str
    level: Severity
    message: str
    regex: re.Pattern[str]
    validator: Validator | None
    require: tuple[str, ...]


@dataclass(frozen=True)
class PatternFile:
    """The rules of one pattern file, with the gates that let them run."""

    rel: str
    view: str
    one_per_place: str
    advise: bool
    gates: tuple[Gate, ...]
    rules: tuple[Pattern, ...]
    unit: bool = False

    def detect(self, text: str) -> list[Detection]:
        """The findings of the file's rules in ``text`` (already in the file's view)."""
        if self.unit:
            return self._detect_unit(text)
        if self.gates:
            lowered = text.lower()
            if not any(gate.open(text, lowered) for gate in self.gates):
                return []
        found: list[Detection] = []
        for rule in self.rules:
            if rule.require and not any(word in text for word in rule.require):
                continue
            for m in rule.regex.finditer(text):
                self._add(found, rule, m, text)
        return found

    def _detect_unit(self, text: str) -> list[Detection]:
        """A unit file's rules read the first :data:`UNIT_TEXT` characters, window by
        window (:func:`windows`); beyond them a warning asks a person to read on."""
        head = text[:UNIT_TEXT]
        spans = windows(len(text))
        found: list[Detection] = []
        if self.gates and not any(gate.open(head, head.lower(), spans) for gate in self.gates):
            return self._unread(text, found)
        for rule in self.rules:
            if rule.require and not any(word in head for word in rule.require):
                continue
            for start, end, owned in spans:
                for m in rule.regex.finditer(text, start, end):
                    # A match touching a window's end may be cut short: the next window has it.
                    if m.start() < owned and (m.end() < end or end == len(head)):
                        self._add(found, rule, m, text)
        return self._unread(text, found)

    def _unread(self, text: str, found: list[Detection]) -> list[Detection]:
        if len(text) <= UNIT_TEXT or not self.rules:
            return found
        first = self.rules[0]
        note = (
            f"文本超过 {UNIT_TEXT} 个字符，本单位规则文件 {self.rel} 只检查了前 {UNIT_TEXT} "
            "个字符，其后的内容请人工审核"
        )
        return [*found, Detection(UNIT_TEXT, len(text), first.rule, first.article, "warning", note)]

    def _add(self, found: list[Detection], rule: Pattern, m: re.Match[str], text: str) -> None:
        if rule.validator is not None and not rule.validator(m, text):
            return
        if self._taken(found, m.start(), m.end()):
            return
        found.append(
            Detection(m.start(), m.end(), rule.rule, rule.article, rule.level, rule.message)
        )

    def _taken(self, found: list[Detection], start: int, end: int) -> bool:
        if self.one_per_place == "start":
            return any(f.start <= start < f.end for f in found)
        if self.one_per_place == "overlap":
            return any(f.start < end and start < f.end for f in found)
        return False


def windows(length: int) -> list[Span]:
    """The windows a unit pattern searches in a text of ``length`` characters: at most
    :data:`UNIT_WINDOW` characters, one every :data:`UNIT_STEP`, up to :data:`UNIT_TEXT`.
    Each reports the matches that start in its first :data:`UNIT_STEP` characters (the
    last, all of its own), so a match of up to that length is found as over the whole
    text, and lookbehinds and validators see the text before the window. A pattern that
    passed :mod:`.regex_safety` costs at most the square of a window, and the unit's
    patterns together at most :data:`.regex_cost.SEARCH_BUDGET` steps per position of a
    window (:mod:`.regex_cost`): a text costs time linear in its length, with a small factor."""
    limit = min(length, UNIT_TEXT)
    spans = []
    start = 0
    while True:
        end = min(start + UNIT_WINDOW, limit)
        if end == limit:
            spans.append((start, end, end))
            return spans
        spans.append((start, end, start + UNIT_STEP))
        start += UNIT_STEP


@cache
def _fields(unit: bool) -> tuple[Record, dict[str, Field]]:
    """The file's own fields and a rule's, for the unit's files or the package's."""
    gate = Record(
        {
            "words": words("词语", required=True),
            "ignore_case": Boolean("忽略大小写", default=False),
            "needs": Regex(unit=unit),
        }
    )
    own = Record(
        {
            **schema.FILE,
            "view": Choice("视图", values=VIEWS, default=VIEWS[0]),
            "one_per_place": Choice("同处只报一次", values=PLACES, default=PLACES[0]),
            "advise": Boolean("附修改建议", default=True),
            "gate": ListOf(Nested(gate), "前置条件", nonempty=True),
        }
    )
    rule: dict[str, Field] = {
        "pattern": Regex(unit=unit, required=True),
        "validate": Choice("校验", values=tuple(VALIDATORS)),
        "require": words("须含词语"),
    }
    return own, rule


def parse(doc: Doc) -> PatternFile:
    """The pattern rules of one rule file."""
    own, rule = _fields(doc.unit)
    top = own.read(doc.data, doc.at())
    items = schema.rules(doc, rule)
    doc.done()
    return PatternFile(
        rel=doc.rel,
        view=top["view"],
        one_per_place=top["one_per_place"],
        advise=top["advise"],
        gates=tuple(
            Gate(tuple(g["words"]), g["ignore_case"], g["needs"]) for g in top["gate"] or ()
        ),
        rules=tuple(
            Pattern(
                *astuple(Head.of(values)),
                regex=values["pattern"],
                validator=VALIDATORS.get(values["validate"] or ""),
                require=tuple(values["require"] or ()),
            )
            for _, values in items
        ),
        unit=doc.unit,
    )


class Patterns:
    """Every pattern file, each over its view of a text."""

    def __init__(self, files: list[PatternFile]) -> None:
        self.squeezed = [f for f in files if f.view == "squeezed"]
        self.masked = [f for f in files if f.view == "masked"]
        self.plain = [f for f in files if f.view == "plain"]

    def detect(self, text: str, masked: str) -> list[Detection]:
        """``masked``: ``text`` after :func:`~pipeline.rules.normalize.mask_markup`."""
        found: list[Detection] = []
        for f in self.squeezed:
            found += _advised(f, detect_through(f.detect, text))
        for f in self.masked:
            found += _advised(f, f.detect(masked))
        for f in self.plain:
            found += _advised(f, f.detect(text))
        return found


def _advised(f: PatternFile, found: list[Detection]) -> list[Detection]:
    if not f.advise:
        return found
    return [
        Detection(d.start, d.end, d.rule, d.article, d.severity, advise(d.rule, d.message, False))
        for d in found
    ]
