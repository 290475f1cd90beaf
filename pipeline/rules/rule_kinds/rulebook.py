"""Every rule file of the package and of the unit, read into the engines of their kinds.

The package's rule files are ``pipeline/rules/rulefiles/*.yml``, named by article and item
(``a09-11-personal-info.yml``); the unit adds its own in ``content/rules/`` — files named
the same way (``a09-13-本单位.yml`` is fine, ``a`` and two digits first) and, as before,
``content/rules/combos.yml`` (combination rules). The unit's files are reviewed and signed
like every file under content/; a wrong one stops the check with a Chinese message naming
the file, the line and the field. The unit adds rules; it does not replace the package's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.rules.compiled_re import compiled
from pipeline.rules.detection import Detection
from pipeline.rules.lexicon import read_unit_file
from pipeline.rules.rule_kinds import combination, pattern, regex_safety, schema, sequence
from pipeline.rules.rule_kinds.combination import Combinations, Combo
from pipeline.rules.rule_kinds.pattern import PatternFile, Patterns
from pipeline.rules.rule_kinds.sequence import Sequence
from pipeline.schema import Choice

PACKAGE_FOLDER = "rulefiles"
UNIT_FOLDER = "content/rules"
UNIT_COMBOS = "content/rules/combos.yml"
_UNIT_NAME = compiled(r"a\d\d[^/]*\.yml")
KINDS = ("combination", "pattern", "sequence")
KIND = Choice("种类", values=KINDS, default=KINDS[0])


@dataclass
class Parsed:
    """The rules of some files, by kind."""

    combos: list[Combo] = field(default_factory=list)
    patterns: list[PatternFile] = field(default_factory=list)
    sequences: list[Sequence] = field(default_factory=list)

    def add(self, text: str, rel: str, *, unit: bool) -> None:
        """Read one rule file into its kind's list (``unit``: the unit's file)."""
        doc = schema.Doc(text, rel, unit=unit)
        kind = KIND.take(doc.data, "kind", doc.at())
        doc.done()
        if kind == "combination":
            self.combos += combination.parse(doc)
        elif kind == "pattern":
            self.patterns.append(pattern.parse(doc))
        else:
            self.sequences += sequence.parse(doc)


def is_unit_file(rel: str) -> bool:
    """Whether ``rel`` is one of the unit's rule files (read by :func:`unit_files`)."""
    folder, _, name = rel.rpartition("/")
    return rel == UNIT_COMBOS or (folder == UNIT_FOLDER and _UNIT_NAME.fullmatch(name) is not None)


def parse(text: str, rel: str, *, unit: bool = False) -> Parsed:
    """The rules of one file (a test, ``govmedia check`` of a unit's file)."""
    parsed = Parsed()
    with regex_safety.allowance():
        parsed.add(text, rel, unit=unit)
    return parsed


def package_files() -> Parsed:
    from importlib import resources  # only here: it imports tempfile and shutil

    folder = resources.files("pipeline.rules").joinpath(PACKAGE_FOLDER)
    parsed = Parsed()
    for f in sorted(folder.iterdir(), key=lambda f: f.name):
        if f.name.endswith(".yml"):
            rel = f"pipeline/rules/{PACKAGE_FOLDER}/{f.name}"
            parsed.add(f.read_text(encoding="utf-8"), rel, unit=False)
    return parsed


def unit_files(root: Path | None, parsed: Parsed) -> Parsed:
    """``parsed`` plus the unit's rule files; none when ``root`` is not a project."""
    if root is None or not (root / UNIT_FOLDER).is_dir():
        return parsed
    names = sorted(p.name for p in (root / UNIT_FOLDER).iterdir() if _UNIT_NAME.fullmatch(p.name))
    with regex_safety.allowance():
        for rel in [UNIT_COMBOS, *(f"{UNIT_FOLDER}/{name}" for name in names)]:
            text = read_unit_file(root / rel, rel)
            if text is not None and text.strip():
                parsed.add(text, rel, unit=True)
    return parsed


class RuleBook:
    """The compiled rules of every kind but the lexicons (``existence``)."""

    def __init__(self, parsed: Parsed) -> None:
        self.combinations = Combinations(parsed.combos)
        self.patterns = Patterns(parsed.patterns)
        self.sequences = parsed.sequences

    @classmethod
    def load(cls, root: Path | None) -> RuleBook:
        """The package's rules (parsed, or from the private cache) and the unit's."""
        from pipeline.rules.rule_kinds.parsed_cache import package_parsed

        return cls(unit_files(root, package_parsed()))

    @property
    def triggers(self) -> dict[str, tuple[str, ...]]:
        """Trigger name -> words, for the lexicon scan (:class:`~pipeline.rules.engine.Matcher`)."""
        return {s.origin: s.triggers for s in self.sequences}

    def sequence_hits(self, masked: str, triggered: set[str] | None) -> list[Detection]:
        """The sequence rules whose trigger was seen (all with ``triggered`` None)."""
        found: list[Detection] = []
        for s in self.sequences:
            if triggered is None or s.origin in triggered:
                found += s.detect(masked)
        return found
