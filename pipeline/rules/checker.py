"""Runs every content rule over a post and turns detections into findings."""

from __future__ import annotations

from pathlib import Path

from pipeline.content import Post
from pipeline.findings import Finding
from pipeline.rules import (
    attribution,
    credentials,
    language,
    marketing,
    offers,
    opinion,
    pii,
    semantic,
)
from pipeline.rules.detection import Detection
from pipeline.rules.engine import PLAIN, Hit, Matcher
from pipeline.rules.lexicon import load_lexicons
from pipeline.rules.normalize import mask_markup


class RuleChecker:
    """Build once per process (lexicons, automata); check any number of posts."""

    def __init__(self, root: Path | None) -> None:
        self.matcher = Matcher(
            load_lexicons(root),
            {"marketing": marketing.TRIGGERS, "offers": offers.TRIGGERS},
        )
        self._root = root
        self._index: attribution.RepoIndex | None = None

    @property
    def index(self) -> attribution.RepoIndex:
        if self._index is None:
            self._index = attribution.RepoIndex(self._root)
        return self._index

    def _hit(self, hit: Hit) -> Detection:
        lexicon = self.matcher.lexicon(hit.rule)
        message = lexicon.message
        if hit.term.note:
            message += f"（{hit.term.note}）"
        if hit.how != PLAIN:
            message += f"；已识别规避写法：{hit.how}（{hit.term.text}）"
        # Nobody obfuscates a legitimate word: an evasive spelling of a term of an
        # error-level lexicon is an error even when the plain term is only a warning.
        severity = hit.term.level
        if hit.how != PLAIN and lexicon.level == "error":
            severity = "error"
        return Detection(hit.start, hit.end, hit.rule, lexicon.article, severity, message)

    def check_text(self, text: str) -> list[Detection]:
        """Every text rule (lexicons, 第九条（十一）（十二）, 第十条, 第十七条) over ``text``."""
        masked = mask_markup(text)
        triggered: set[str] = set()
        found = [self._hit(h) for h in self.matcher.scan(text, masked, triggered)]
        found += pii.detect(text)
        found += credentials.detect(text)
        found += language.detect(text, masked)
        found += opinion.detect(text, masked)
        if "marketing" in triggered:
            found += _new_places(found, marketing.detect(text, masked))
        if "offers" in triggered:
            found += _new_places(found, offers.detect(text, masked))
        found += semantic.detect(text, masked)
        return sorted(found, key=lambda d: (d.start, d.rule))

    def check_post(self, post: Post) -> list[Finding]:
        findings: list[Finding] = []
        attributed = post.source is not None and not post.original
        body = self.check_text(post.body)
        body += attribution.detect_quotes(post.body, attributed=attributed)
        body += self.index.detect(
            post.path, post.date.isoformat(), post.body, attributed=post.source is not None
        )
        for d in body:
            line, column = post.body_position(d.start)
            findings.append(_finding(post, d, line, column, post.body[d.start : d.end]))
        file_lines = post.raw.decode("utf-8-sig", "replace").replace("\r\n", "\n").split("\n")
        for key, value in (("title", post.title), ("digest", post.digest)):
            if not value:
                continue
            line = post.line_of(key)
            raw_line = file_lines[line - 1] if 0 < line <= len(file_lines) else ""
            base = raw_line.find(value)
            for d in self.check_text(value):
                column = base + d.start + 1 if base >= 0 else 1
                findings.append(_finding(post, d, line, column, value[d.start : d.end]))
        return findings


def _new_places(found: list[Detection], more: list[Detection]) -> list[Detection]:
    """``more`` without what overlaps a detection of the same rule already in ``found``."""
    return [
        d
        for d in more
        if not any(f.rule == d.rule and f.start < d.end and d.start < f.end for f in found)
    ]


def _finding(post: Post, d: Detection, line: int, column: int, match: str) -> Finding:
    return Finding(post.path, line, column, d.rule, d.article, d.severity, d.message, match)
