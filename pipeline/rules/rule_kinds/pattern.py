"""The ``pattern`` kind: a regular expression, optionally checked by a named validator.

::

    kind: pattern
    view: squeezed          # squeezed (default) | masked, see below
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
text with code, URLs and link targets blanked (language norms). ``one_per_place``: a match
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
from pipeline.rules.rule_kinds import schema
from pipeline.rules.rule_kinds.fields import Regex, words
from pipeline.rules.rule_kinds.schema import Doc, Head
from pipeline.rules.rule_kinds.validators import VALIDATORS, Validator
from pipeline.rules.view import detect_through
from pipeline.schema import Boolean, Choice, Field, ListOf, Nested, Record

VIEWS = ("squeezed", "masked")
PLACES = ("none", "start", "overlap")
# The text a unit file's patterns read (see :func:`windows`).
UNIT_WINDOW = 2_000
UNIT_TEXT = 50_000


@dataclass(frozen=True)
class Gate:
    words: tuple[str, ...]
    ignore_case: bool
    needs: re.Pattern[str] | None

    def open(self, text: str, lowered: str) -> bool:
        if self.needs is not None and self.needs.search(text) is None:
            return False
        seen = lowered if self.ignore_case else text
        return any(word in seen for word in self.words)


@dataclass(frozen=True)
class Pattern:
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
    rel: str
    view: str
    one_per_place: str
    advise: bool
    gates: tuple[Gate, ...]
    rules: tuple[Pattern, ...]
    unit: bool = False

    def detect(self, text: str) -> list[Detection]:
        """The findings of the file's rules in ``text`` (already in the file's view); a unit
        file's rules read the first :data:`UNIT_TEXT` characters, window by window."""
        if not self.unit:
            return self._detect(text)
        found: list[Detection] = []
        for start, end in windows(text):
            found += [
                Detection(d.start + start, d.end + start, d.rule, d.article, d.severity, d.message)
                for d in self._detect(text[start:end])
            ]
        if len(text) > UNIT_TEXT and self.rules:
            first = self.rules[0]
            found.append(
                Detection(
                    UNIT_TEXT,
                    len(text),
                    first.rule,
                    first.article,
                    "warning",
                    f"文本超过 {UNIT_TEXT} 个字符，本单位规则文件 {self.rel} 只检查了前 "
                    f"{UNIT_TEXT} 个字符，其后的内容请人工审核",
                )
            )
        return found

    def _detect(self, text: str) -> list[Detection]:
        if self.gates:
            lowered = text.lower()
            if not any(gate.open(text, lowered) for gate in self.gates):
                return []
        found: list[Detection] = []
        for rule in self.rules:
            if rule.require and not any(word in text for word in rule.require):
                continue
            for m in rule.regex.finditer(text):
                if rule.validator is not None and not rule.validator(m, text):
                    continue
                if self._taken(found, m.start(), m.end()):
                    continue
                found.append(
                    Detection(m.start(), m.end(), rule.rule, rule.article, rule.level, rule.message)
                )
        return found

    def _taken(self, found: list[Detection], start: int, end: int) -> bool:
        if self.one_per_place == "start":
            return any(f.start <= start < f.end for f in found)
        if self.one_per_place == "overlap":
            return any(f.start < end and start < f.end for f in found)
        return False


def windows(text: str) -> list[tuple[int, int]]:
    """The stretches of ``text`` a unit pattern reads: at most :data:`UNIT_WINDOW`
    characters each, cut after a line end when one lies in the second half, up to
    :data:`UNIT_TEXT` characters in all. A safe pattern (:mod:`.regex_safety`) costs at
    most the square of a window, so a text costs at most linear time in its length."""
    limit = min(len(text), UNIT_TEXT)
    result = []
    start = 0
    while start < limit:
        end = min(start + UNIT_WINDOW, limit)
        if end < limit:
            cut = text.rfind("\n", start + UNIT_WINDOW // 2, end)
            end = end if cut == -1 else cut + 1
        result.append((start, end))
        start = end
    return result


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

    def detect(self, text: str, masked: str) -> list[Detection]:
        """``masked``: ``text`` after :func:`~pipeline.rules.normalize.mask_markup`."""
        found: list[Detection] = []
        for f in self.squeezed:
            found += _advised(f, detect_through(f.detect, text))
        for f in self.masked:
            found += _advised(f, f.detect(masked))
        return found


def _advised(f: PatternFile, found: list[Detection]) -> list[Detection]:
    if not f.advise:
        return found
    return [
        Detection(d.start, d.end, d.rule, d.article, d.severity, advise(d.rule, d.message, False))
        for d in found
    ]
