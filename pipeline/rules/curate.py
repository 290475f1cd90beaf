"""Curating terms from the public lexicons, each with its false-positive cost known.

``govmedia rules curate`` (:mod:`pipeline.commands.rules`) reads candidate terms for a
rule from the public lexicons (houbb/sensitive-word, Apache-2.0; konsheng/
Sensitive-lexicon, MIT — see ``lexicons/NOTICE``), runs each through the real matcher
(the rule's context words and allowlist, the same normalisation) over legitimate
government texts, and reports every candidate's hits. Only a candidate with no hit, of
three characters or more, that is not a common word of jieba's dictionary goes into
``lexicons/public/<rule>.txt`` (with ``--write``). Nothing here runs at check time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path

from pipeline.rules.compiled_re import compiled
from pipeline.rules.engine import Matcher, key_of
from pipeline.rules.lexicon import Lexicon, Lexicons, Term, load_lexicons

# Upstream files (relative to the public lexicons folder) that feed each rule, and the
# houbb tag codes (0 政治, 1 毒品, 2 色情, 3 赌博, 4 违法犯罪) that do.
SOURCES: dict[str, tuple[str, ...]] = {
    "A9-02": ("konsheng-Sensitive-lexicon/反动词库.txt",),
    "A9-05": (
        "houbb-sensitive-word/categories-2020/邪教.txt",
        "konsheng-Sensitive-lexicon/暴恐词库.txt",
    ),
    "A9-07": (
        "houbb-sensitive-word/categories-2020/色情类.txt",
        "houbb-sensitive-word/categories-2020/毒品.txt",
        "houbb-sensitive-word/categories-2020/暴力.txt",
        "konsheng-Sensitive-lexicon/色情类型.txt",
        "konsheng-Sensitive-lexicon/色情词库.txt",
        "konsheng-Sensitive-lexicon/涉枪涉爆.txt",
    ),
    "A9-08": ("houbb-sensitive-word/categories-2020/辱骂.txt",),
    "A9-13": (
        "houbb-sensitive-word/categories-2020/其他.txt",
        "houbb-sensitive-word/categories-2020/广告.txt",
    ),
}
# houbb's tag file (43,768 tagged entries) feeds A9-07 (1 毒品, 2 色情, 3 赌博) and A9-13
# (4 违法犯罪). Its tags are loose (色情 covers 满园春色 and 中国特色): the prefilter drops
# common words, the corpus run drops whatever a legitimate text uses, and
# ``lexicons/public/rejected.txt`` holds what a person struck out after reading the list.
TAGS: dict[str, frozenset[str]] = {
    "A9-07": frozenset({"1", "2", "3"}),
    "A9-13": frozenset({"4"}),
}
TAGS_FILE = "houbb-sensitive-word/sensitive_word_tags.txt"
# Source of a tag-derived candidate: admitted as a warning-only term (``term<TAB>warning``):
# on the held-out half of the corpus, as errors they blocked 1 % more pieces.
TAGGED = "houbb-sensitive-word/tags"
_CANDIDATE_RE = compiled(r"^[\u4e00-\u9fff]{3,10}$")
COMMON_FREQ = 3  # a jieba dictionary word this frequent is a word of ordinary language
PUBLIC = "public"


@dataclass
class Candidate:
    term: str
    source: str
    hits: int = 0
    examples: list[str] = field(default_factory=list)
    reason: str = ""  # why it was rejected before the corpus run ("" = measured)

    @property
    def accepted(self) -> bool:
        return not self.reason and self.hits == 0


def _lines(path: Path) -> list[str]:
    try:
        return [s.strip() for s in path.read_text(encoding="utf-8", errors="replace").splitlines()]
    except OSError:
        return []


def upstream(lexicons_dir: Path, rule: str) -> dict[str, str]:
    """term -> the upstream file it came from, for ``rule``."""
    found: dict[str, str] = {}
    for rel in SOURCES.get(rule, ()):
        for word in _lines(lexicons_dir / rel):
            if word:
                found.setdefault(word, rel.split("/")[0])
    tags = TAGS.get(rule)
    if tags:
        for line in _lines(lexicons_dir / TAGS_FILE):
            word, _, codes = line.partition(" ")
            if word and tags.intersection(codes.split(",")):
                found.setdefault(word, TAGGED)
    return found


def common_words() -> dict[str, int]:
    """jieba's dictionary: word -> frequency (common words are never imported)."""
    try:
        text = resources.files("jieba").joinpath("dict.txt").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return {}
    result: dict[str, int] = {}
    for line in text.splitlines():
        parts = line.split(" ")
        if len(parts) >= 2 and parts[1].isdigit():
            result[parts[0]] = int(parts[1])
    return result


def rejected(rule: str) -> set[str]:
    """Terms a person rejected for ``rule`` (``lexicons/public/rejected.txt``)."""
    folder = resources.files("pipeline.rules").joinpath("lexicons", PUBLIC)
    data = folder.joinpath("rejected.txt")
    if not data.is_file():
        return set()
    result: set[str] = set()
    for line in data.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] == rule:
            result.add(parts[1])
    return result


def prefilter(words: dict[str, str], lexicon: Lexicon, common: dict[str, int]) -> list[Candidate]:
    existing = {key_of(t.text) for t in lexicon.terms if t.note != "公开词库"}
    refused = rejected(lexicon.rule)
    result: list[Candidate] = []
    for word, source in sorted(words.items()):
        candidate = Candidate(word, source)
        key = key_of(word)
        if not _CANDIDATE_RE.match(word):
            candidate.reason = "非 3–10 个汉字"
        elif key in existing:
            candidate.reason = "已在词库中"
        elif common.get(word, 0) >= COMMON_FREQ:
            candidate.reason = "常用词"
        elif word in refused:
            candidate.reason = "人工排除"
        result.append(candidate)
    return result


def measure(candidates: list[Candidate], lexicon: Lexicon, texts: Iterable[str]) -> None:
    """Hits of every candidate still in the running, through the real matcher."""
    running = [c for c in candidates if not c.reason]
    if not running:
        return
    probe = replace(
        lexicon,
        terms=[
            Term(c.term, lexicon.rule, lexicon.level, pinyin=False, homophones=False)
            for c in running
        ],
    )
    matcher = Matcher(Lexicons({lexicon.rule: probe}, [], f"curate-{lexicon.rule}"))
    by_term = {c.term: c for c in running}
    for text in texts:
        for hit in matcher.scan(text):
            candidate = by_term.get(hit.term.text)
            if candidate is None:
                continue
            candidate.hits += 1
            if len(candidate.examples) < 2:
                lo, hi = max(0, hit.start - 12), hit.end + 12
                candidate.examples.append(text[lo:hi].replace("\n", " "))


def public_file(rule: str) -> Path:
    return Path(str(resources.files("pipeline.rules").joinpath("lexicons", PUBLIC, f"{rule}.txt")))


HEADER = """\
# {rule}: terms curated from public lexicons by `govmedia rules curate` (one per line).
# Sources: houbb/sensitive-word (Apache-2.0) and konsheng/Sensitive-lexicon (MIT); see
# ../NOTICE and the licence files beside it. Each term had no hit on the tuning half of
# the public government corpus through the matcher, is 3–10 characters, and is not a
# common word of jieba's dictionary. Remove a term by deleting its line. A term followed
# by a tab and `warning` came from houbb's tag file: a warning for reviewers, never blocking.
"""


def write_public(rule: str, terms: list[str], path: Path | None = None) -> Path:
    target = path or public_file(rule)
    target.parent.mkdir(parents=True, exist_ok=True)
    text = HEADER.format(rule=rule) + "".join(f"{t}\n" for t in sorted(set(terms)))
    tmp = target.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(target)
    return target


def rule_lexicon(rule: str) -> Lexicon | None:
    return load_lexicons(None).by_rule.get(rule)
