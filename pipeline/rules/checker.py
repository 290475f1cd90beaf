"""Runs every content rule over a post and turns detections into findings."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.content import Post
from pipeline.findings import Finding
from pipeline.findings import masked as masked_findings
from pipeline.rules import (
    advocacy,
    anchored,
    attribution,
    blanks,
    decoded,
    denied_offer,
    digit_forms,
    disguised,
    disowned,
    framing,
    hash_tokens,
    hiding,
    languages,
    lines,
    notation,
    opaque,
    quoting,
    rebuttal,
    regional,
    rendered_secrets,
    semantic,
    summary_field,
    title_join,
    unread,
    warning,
    weibo_field,
)
from pipeline.rules.advice import advise
from pipeline.rules.detection import Detection
from pipeline.rules.engine import PLAIN, Hit, Matcher
from pipeline.rules.kinds import kind_of
from pipeline.rules.lexicon import load_lexicons
from pipeline.rules.normalize import compact, mask_markup, normalise
from pipeline.rules.overlaps import Placed
from pipeline.rules.rule_kinds.rulebook import RuleBook
from pipeline.rules.view import detect_through

if TYPE_CHECKING:
    from pipeline.governance.registry import Registry

_FIELDS_LIMIT = 1 << 14  # front-matter values remembered by RuleChecker._check_field


class RuleChecker:
    """Build once per process (lexicons, automata); check any number of posts."""

    def __init__(self, root: Path | None) -> None:
        self.rulebook = RuleBook.load(root)
        self.matcher = Matcher(load_lexicons(root), self.rulebook.triggers)
        self.anchors = anchored.load(root)
        # Lexicons whose plain warned terms an offer or a slogan raises (advocacy.py).
        self._raisable = frozenset(
            rule for rule, lex in self.matcher.lexicons.by_rule.items() if lex.level == "error"
        )
        self._root = root
        self._index: attribution.RepoIndex | None = None
        # (field value, kind) -> its detections: categories, tags and source names recur
        # across posts, and check_text is a function of its arguments. Bounded.
        self._fields: dict[tuple[str, str], tuple[Detection, ...]] = {}
        self._term_pairs: title_join.Seams | None = None  # the title seam's gate (title_join)

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
        message = advise(hit.rule, message, hit.how != PLAIN)
        return Detection(hit.start, hit.end, hit.rule, lexicon.article, severity, message)

    def _heads(self, heads: str) -> list[Detection]:
        """The lexicons and combinations over the first characters of a poem's lines
        (:func:`lines.acrostic`); a lexicon hit there is an evasion."""
        hits = [Hit(h.term, h.start, h.end, lines.ACROSTIC) for h in self.matcher.scan(heads)]
        return [self._hit(h) for h in hits] + self.rulebook.combinations.detect(heads)

    def _read(self, text: str) -> list[Detection]:
        """The lexicons and combinations over ``text`` (a text read backwards)."""
        return [self._hit(h) for h in self.matcher.scan(text)] + self.rulebook.combinations.detect(
            text
        )

    def check_text(self, text: str, kind: str = "") -> list[Detection]:
        """Every text rule over ``text``: the lexicons (the ``existence`` kind) and the
        rule files of the other kinds (:mod:`pipeline.rules.rule_kinds`); ``kind``: the post's kind (:mod:`pipeline.rules.kinds`).

        Link titles, image alt texts, HTML comments and the title/alt attributes of HTML
        tags reach the platforms or the archive, so they are read like the text
        (:mod:`pipeline.rules.hiding`); code and URLs are not.
        """
        joined = lines.rejoin(text)  # subtitle cues and one-character lines read as one text
        masked = notation.decode(hiding.reveal(joined, mask_markup(joined)))
        masked = blanks.blank(masked)  # round 26: invisible marks read as spaces by every detector
        masked = digit_forms.ascii_digits(masked)  # round 43: 𝟭𝟯𝟴, ١٣٨ are 138
        triggered: set[str] = set()
        # One normalised view for lexicons and combinations; commit ids and checksums read
        # as no words there (round 42: ``9cd`` in a hash is no ``gcd``).
        comp = compact(normalise(hash_tokens.mask(masked)))
        hits = self.matcher.scan(text, masked, triggered, kind, comp)
        found = [self._hit(h) for h in hits]
        # What an offer may raise (advocacy.py): curated terms, not the tag-derived public ones.
        curated = {d for d, h in zip(found, hits, strict=True) if h.term.note != "公开词库"}
        found += lines.acrostic(self._heads, masked)
        broken = lines.broken(self.matcher.scan, masked)  # round 55: 傻\n逼
        found += _new_places(found, [self._hit(h) for h in broken])
        found += _new_places(found, notation.backwards(self._read, masked))
        found = disowned.excuse(rebuttal.excuse(found, masked, kind), masked)
        found = denied_offer.excuse(found, masked)  # round 43
        found = languages.excuse(found, masked)  # round 28: a term's foreign name, rebutted
        combos = self.rulebook.combinations.detect(text, masked, comp)
        combos += languages.detect(masked)  # round 28: the concept table of other languages
        combos = disowned.excuse(rebuttal.excuse(combos, masked, kind, parts=True), masked)
        combos = denied_offer.excuse(combos, masked)  # round 44: 粉丝数量不作为考核指标
        found = _stronger(found, framing.excuse(combos, masked, kind, semantic=False))
        found = advocacy.raised(found, masked, self._raisable, curated)
        found = notation.name_devices(quoting.lower(found, masked, kind), joined)
        found += self.rulebook.patterns.detect(digit_forms.ascii_digits(joined), masked)
        # Read squeezed: zero-width characters and spaces between characters do not hide a step.
        sequences = detect_through(lambda t: self.rulebook.sequence_hits(t, triggered), masked)
        sequences = rebuttal.excuse(sequences, masked, kind, parts=True)
        sequences = denied_offer.excuse(disowned.excuse(sequences, masked), masked)  # round 27, 43
        found += _new_places(found, sequences)
        meant = framing.excuse(semantic.detect(text, masked), masked, kind, semantic=True)
        meant = disowned.excuse_meant(meant, masked, found)
        meant = denied_offer.excuse_meant(meant, masked, found)  # round 43
        # Round 40: a disguise's error first, so where an anchor or a signal raises the same
        # sentence the kept message names the device.
        escalated = disguised.escalate(meant, masked, joined)  # round 18
        # Round 61: a dialect's anchor words read as Mandarin (``渠们刻哩公章`` 他们刻了公章).
        # (read only when the model found something: most posts have no semantic finding)
        read = regional.dialects(masked) if meant else masked
        escalated += anchored.escalate(meant, read, self.anchors)
        escalated = quoting.lower(escalated, masked, kind)
        found = _stronger(found, escalated) + meant
        found += self._decoded(masked, found, joined, kind)  # round 20
        return sorted(found, key=lambda d: (d.start, d.rule))

    def _decoded(
        self, masked: str, found: list[Detection], joined: str, kind: str
    ) -> list[Detection]:
        """What the decoded views read beside the main view (pinyin read as characters …,
        :mod:`decoded`). Round 70: what a view reads in a quotation the text names a curse
        or a trap is lowered as the main view's reading is (a dialect's curse read as
        Mandarin)."""
        views = decoded.findings(
            lambda view: self._view(view, kind),
            lambda view: framing.excuse(semantic.detect(view, view), view, kind, semantic=True),
            masked,
            found,
            joined,
        )
        return quoting.lower(views, masked, kind)

    def _view(self, view: str, kind: str) -> list[Detection]:
        """The lexicons and combinations over a decoded view (:mod:`decoded`), excused as
        the main view's are."""
        found = rebuttal.excuse(
            [self._hit(h) for h in self.matcher.scan(view, view, None, kind)], view, kind
        )
        combos = rebuttal.excuse(
            self.rulebook.combinations.detect(view, view), view, kind, parts=True
        )
        return found + framing.excuse(combos, view, kind, semantic=False)

    def masked_values(self, findings: list[Finding]) -> list[Finding]:
        """``findings`` (the loader's: a refused field echoed whole) with each secret the
        rules read in their matches masked (:mod:`pipeline.rules.field_secrets`)."""
        from pipeline.rules.field_secrets import masked_values

        return masked_values(findings, self.check_text)

    def check_post(self, post: Post, registry: Registry | None = None) -> list[Finding]:
        """Every rule over the post's body and front-matter fields, and over the text Weibo
        receives when it is a cut of the body (``registry``: which platform each channel
        is; without it a channel is named by its platform)."""
        findings: list[Finding] = []
        attributed = post.source is not None and not post.original
        kind = kind_of(post.title, post.category, post.tags)
        body = self.check_text(post.body, kind)
        body += attribution.detect_quotes(post.body, attributed=attributed)
        body += self.index.detect(
            post.path, post.date.isoformat(), post.body, attributed=post.source is not None
        )
        english = opaque.declared(post.title, post.digest or "", *post.tags, post.body)
        body += opaque.shown(post.body, body, english=english)  # round 27 (A10-04)
        body += unread.escalate(post.body, body)  # round 42: a flagged sentence left unread
        for d in body:
            line, column = post.body_position(d.start)
            findings.append(_finding(post, d, line, column, post.body[d.start : d.end]))
        findings += rendered_secrets.rendered_findings(post, self._patterns, body)  # round 36
        cut_secrets: set[str] = set()  # round 36: what a secret rule reads in the Weibo cut
        findings += weibo_field.weibo_findings(
            post, registry, lambda text: self.check_text(text, kind), body, cut_secrets
        )
        findings += summary_field.summary_findings(  # round 39: WeChat's and the app's
            post, registry, lambda text: self.check_text(text, kind), body, cut_secrets
        )
        file_lines: list[str] = []  # the file's lines, split when a field has a finding
        fields = [("title", post.title), ("digest", post.digest), ("category", post.category)]
        fields += [("tags", tag) for tag in post.tags]
        if post.source is not None:
            fields += [("source", post.source.name), ("source", post.source.title)]
        titled = warning.frames_title(post.body, body)  # round 21: a warning post's title
        for key, value in fields:
            found = self._check_field(value, kind) if value else ()
            if key == "title":
                found = (*found, *self._split_words(value, post.body, kind, found))
                found = warning.excuse_title(found, value, post.body, titled)
            if not found:
                continue
            if not file_lines:
                file_lines = _lines(post.raw)
            line, base = _field_place(file_lines, post.line_of(key), value)
            for d in found:
                column = base + d.start + 1 if base >= 0 else 1
                findings.append(_finding(post, d, line, column, value[d.start : d.end]))
        return masked_findings(findings, {post.path: cut_secrets}) if cut_secrets else findings

    def _patterns(self, text: str) -> list[Detection]:
        """The pattern files (the secret rules among them) over ``text``."""
        return self.rulebook.patterns.detect(digit_forms.ascii_digits(text), mask_markup(text))

    def _split_words(
        self, title: str, body: str, kind: str, found: tuple[Detection, ...]
    ) -> list[Detection]:
        """Round 32: a word split between the title and the body's first sentence
        (``title_join``), where the title's own findings do not hold it already; the seam
        is read by the lexicons and combinations, excused as a decoded view is."""
        if self._term_pairs is None:  # once per checker, on the first seam
            self._term_pairs = title_join.Seams(self.matcher.terms.texts())
        joined = title_join.split_words(
            title, body, lambda text: self._view(text, kind), self._term_pairs.__contains__
        )
        return _new_places(list(found), joined)

    def _check_field(self, value: str, kind: str) -> tuple[Detection, ...]:
        """``check_text`` of a front-matter value, remembered (``_fields``)."""
        found = self._fields.get((value, kind))
        if found is None:
            if len(self._fields) >= _FIELDS_LIMIT:
                self._fields.clear()
            found = self._fields[(value, kind)] = tuple(self.check_text(value, kind))
        return found


def _stronger(found: list[Detection], more: list[Detection]) -> list[Detection]:
    """``found`` plus ``more``; where they overlap in one rule, an error replaces a
    warning (``支持台湾独立``: the combination outranks the topic word) and otherwise
    the first one stays; a replacement goes to the end, in ``more``'s order."""
    result = Placed(found)
    for d in more:
        same = result.overlapping(d)
        if any(result[f].severity == "error" or d.severity != "error" for f in same):
            continue
        result.remove(same)
        result.add(d)
    return result.detections()


def _lines(raw: bytes) -> list[str]:
    return raw.decode("utf-8-sig", "replace").replace("\r\n", "\n").split("\n")


def _field_place(lines: list[str], line: int, value: str) -> tuple[int, int]:
    """(line, 0-based column) of ``value`` at or below the field's line (block lists put
    each tag on a line of its own), else the field's line and -1."""
    for number in range(max(line, 1), min(len(lines), line + 50) + 1):
        column = lines[number - 1].find(value)
        if column >= 0:
            return number, column
    return line, -1


def _new_places(found: list[Detection], more: list[Detection]) -> list[Detection]:
    """``more`` without what overlaps a detection of the same rule already in ``found``."""
    placed = Placed(found)
    return [d for d in more if not placed.overlapping(d)]


def _finding(post: Post, d: Detection, line: int, column: int, match: str) -> Finding:
    return Finding(post.path, line, column, d.rule, d.article, d.severity, d.message, match)
