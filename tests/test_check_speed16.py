"""The check's dataclasses cost less to create (issue 17, the check's eleventh pass).

Creating a dataclass ``exec``s the source of each method it generates and, for a class
without a docstring, works out its signature for one. The classes a one-file check creates
on import keep the methods something calls (the equality of findings, detections, posts
and rules, which tests and deduplication compare) and lose the others; every output stays
byte for byte what it was.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.check_support import grow_repo

ROOT = Path(__file__).resolve().parent.parent

# Imports what ``govmedia check`` of one changed post imports, recording every dataclass
# made on the way: its module, name, generated methods and whether its docstring was made up.
_PROBE = """
import dataclasses, json, sys
made = []
_process = dataclasses._process_class
def record(cls, *args, **kwargs):
    out = _process(cls, *args, **kwargs)
    made.append(out)
    return out
dataclasses._process_class = record
import pipeline.commands.check, pipeline.checking, pipeline.config, pipeline.rules.checker
import pipeline.content
rows = []
for cls in made:
    own = cls.__dict__
    rows.append({
        "name": cls.__module__ + "." + cls.__qualname__,
        "repr": "__repr__" in own,
        "eq": "__eq__" in own,
        "made_up_doc": (cls.__doc__ or "").startswith(cls.__name__ + "("),
    })
json.dump(rows, sys.stdout)
"""

# Classes whose generated repr is kept: their equality is asserted in tests, whose
# failures print them.
KEEP_REPR = {
    "pipeline.findings.Finding",
    "pipeline.rules.detection.Detection",
    "pipeline.content.model.Post",
    "pipeline.content.model.Source",
    "pipeline.content.model.Waiver",
    "pipeline.content.model.LoadResult",
    "pipeline.content_limits.Problem",
    "pipeline.check_pool.Checked",
    "pipeline.rules.rule_kinds.combination.Combo",
    "pipeline.rules.rule_kinds.pattern.Pattern",
    "pipeline.rules.rule_kinds.pattern.PatternFile",
    "pipeline.rules.rule_kinds.pattern.Gate",
    "pipeline.rules.rule_kinds.sequence.Sequence",
    "pipeline.rules.rule_kinds.rulebook.Parsed",
    "pipeline.rules.anchored.Table",  # the semantic rules' file, left as it is
}
# Compared (or hashed) by value somewhere: their equality must stay.
KEEP_EQ = KEEP_REPR | {
    "pipeline.governance.registry.Account",
    "pipeline.governance.registry.Registry",
    "pipeline.review.roster.Roster",
    "pipeline.review.roster.Person",
    "pipeline.review.roster.ChangePolicy",
    "pipeline.project.Project",
    "pipeline.rules.lexicon.Term",
    "pipeline.rules.lexicon.Allow",
    "pipeline.yamlutil.Located",
}


def _made() -> list[dict[str, object]]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run(
        [sys.executable, "-c", _PROBE], cwd=ROOT, env=env, capture_output=True, check=True
    ).stdout
    return [row for row in json.loads(out) if ".semantic." not in str(row["name"])]


@pytest.fixture(scope="module")
def made() -> list[dict[str, object]]:
    return _made()


def test_the_checks_dataclasses_have_docstrings(made: list[dict[str, object]]) -> None:
    assert len(made) > 30
    assert [row["name"] for row in made if row["made_up_doc"]] == []


def test_only_the_compared_classes_generate_repr(made: list[dict[str, object]]) -> None:
    names = {str(row["name"]) for row in made}
    assert names >= KEEP_REPR  # the list names classes the check really makes
    extra = [row["name"] for row in made if row["repr"] and row["name"] not in KEEP_REPR]
    assert extra == [], "生成 __repr__ 的类多于需要的"


def test_the_compared_classes_keep_their_equality(made: list[dict[str, object]]) -> None:
    lost = [row["name"] for row in made if row["name"] in KEEP_EQ and not row["eq"]]
    assert lost == []
    from pipeline.findings import Finding
    from pipeline.governance.registry import Account
    from pipeline.rules.detection import Detection

    one = Finding("a.md", 1, 2, "A1", "第一条", "error", "消息")
    assert one == Finding("a.md", 1, 2, "A1", "第一条", "error", "消息")
    assert hash(Detection(0, 1, "A1", "第一条", "error", "消息")) == hash(
        Detection(0, 1, "A1", "第一条", "error", "消息")
    )
    account = Account("wechat", "wechat", "牙克石发布", None, None, 3)
    assert account == Account("wechat", "wechat", "牙克石发布", None, None, 3)


def test_the_outputs_name_no_object(tmp_path: Path) -> None:
    """A class without its repr printed by mistake would show as ``<... object at 0x…>``."""
    root = grow_repo(tmp_path / "repo", 10)
    post = next((root / "content" / "posts").rglob("*.md"))
    post.write_text(post.read_text(encoding="utf-8") + "\n加微信转发集赞领奖品。\n", "utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT), XDG_CACHE_HOME=str(tmp_path / "cache"))
    outputs = []
    for args in (["--format", "json"], ["--format", "text"], ["--format", "json", "--no-cache"]):
        run = subprocess.run(
            [sys.executable, "-m", "pipeline", "check", *args],
            cwd=root,
            env=env,
            capture_output=True,
            check=False,
        )
        outputs.append(run.stdout + run.stderr)
    assert b"A16" in outputs[0]  # findings were printed
    assert outputs[0] == outputs[2]
    assert all(b" object at 0x" not in out for out in outputs)
