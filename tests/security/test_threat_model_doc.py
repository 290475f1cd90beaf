"""``docs/threat-model.md`` stays true: every test file and test it names exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
DOC = ROOT / "docs" / "threat-model.md"


def _defined_tests() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in (ROOT / "tests").rglob("test_*.py"):
        text = path.read_text(encoding="utf-8")
        found[path.relative_to(ROOT).as_posix()] = set(re.findall(r"^def (test_\w+)", text, re.M))
    return found


def test_every_named_test_exists() -> None:
    text = DOC.read_text(encoding="utf-8")
    defined = _defined_tests()
    every = set().union(*defined.values())
    files = set(re.findall(r"(tests/[\w/]+\.py)", text))
    assert files, "the threat model names no test file"
    for name in files:
        assert name in defined, f"{name} is named in docs/threat-model.md but does not exist"
    for file, test in re.findall(r"(tests/[\w/]+\.py)::(test_\w+)", text):
        assert test in defined[file], f"{file}::{test} does not exist"
    for test in re.findall(r"`(test_\w+)(?![\w.])", text):
        assert test in every, f"{test} is named in docs/threat-model.md but does not exist"


def test_every_attack_class_has_a_defence_and_a_test() -> None:
    sections = re.split(r"^### ", DOC.read_text(encoding="utf-8"), flags=re.M)[1:]
    classes = [s for s in sections if re.match(r"\d+\. ", s)]
    assert len(classes) == 10
    for section in classes:
        title = section.splitlines()[0]
        assert "*Defence*" in section and "*Tests*" in section, title
        assert re.search(r"test_\w+|tests/\S+\.py", section.split("*Tests*")[1]), title
