"""Start-up of a one-post check, sixty-fourth pass (issues 12 and 17): the rules package's
module-level expressions come from the kept code (``compiled_re``), and the title seam's
gate answers a check's first seams without the set of every pair of the terms' characters.
The language table's rows read where they are looked up: ``tests/test_language_cache.py``."""

from __future__ import annotations

import ast
import random
from pathlib import Path

import pytest

from pipeline.rules import title_join

RULES = Path(__file__).resolve().parent.parent / "pipeline" / "rules"
# ``re`` functions that compile their pattern argument (once per process, at import)
_COMPILING = {"compile", "match", "fullmatch", "search", "sub", "subn", "split", "findall"}


def _at_import(tree: ast.Module) -> list[ast.Call]:
    """The calls of ``re``'s compiling functions that run when the module is imported
    (outside every function body), with a pattern that is not a bytes literal."""
    found: list[ast.Call] = []

    def walk(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                continue
            func = getattr(child, "func", None)
            if (
                isinstance(child, ast.Call)
                and isinstance(func, ast.Attribute)
                and isinstance(func.value, ast.Name)
                and func.value.id == "re"
                and func.attr in _COMPILING
                and not (
                    child.args
                    and isinstance(child.args[0], ast.Constant)
                    and isinstance(child.args[0].value, bytes)
                )
            ):
                found.append(child)
            walk(child)

    walk(tree)
    return found


def test_the_rules_compile_no_expression_at_import() -> None:
    """Every expression a module of the rules package builds at import goes through
    ``compiled_re.compiled`` (built from the code kept in the private cache, not parsed by
    ``re`` at every start): a one-post check imported some 145 that ``re`` parsed afresh."""
    offending = [
        f"{path.relative_to(RULES)}:{call.lineno}"
        for path in sorted(RULES.rglob("*.py"))
        if path.name != "compiled_re.py"
        for call in _at_import(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert offending == []


def test_the_scan_sees_a_module_level_expression() -> None:
    """The control of the test above."""
    tree = ast.parse(
        "import re\nA = re.compile('a')\nB = [re.match('b', c) for c in 'x']\n"
        "C = re.compile(rb'c')\ndef f():\n    return re.compile('d')\n"
    )
    assert [call.lineno for call in _at_import(tree)] == [2, 3]


def _terms(rng: random.Random) -> list[str]:
    alphabet = "甲乙丙丁戊己庚辛ab\x00"
    return ["".join(rng.choices(alphabet, k=rng.randint(1, 5))) for _ in range(60)]


@pytest.mark.parametrize("seed", range(20))
def test_the_seams_gate_answers_as_the_pair_set(seed: int) -> None:
    rng = random.Random(seed)
    terms = _terms(rng)
    expected = title_join.pairs(terms)
    gate = title_join.Seams(terms)
    alphabet = "甲乙丙丁戊己庚辛ab\x00"
    asked = ["".join(rng.choices(alphabet, k=rng.choice([1, 2, 2, 2, 3]))) for _ in range(40)]
    asked += [p for p in sorted(expected)[:10]]
    assert [p in gate for p in asked] == [p in expected for p in asked]


def test_a_checks_first_seams_do_not_build_the_pair_set(monkeypatch: pytest.MonkeyPatch) -> None:
    """A one-post check asks the gate once: the set of every pair (0.02 s for the
    lexicons' 24,000 terms) is built only when a checker has met more seams."""
    built: list[int] = []
    real = title_join.pairs

    def counted(terms: list[str]) -> frozenset[str]:
        built.append(1)
        return real(terms)

    monkeypatch.setattr(title_join, "pairs", counted)
    gate = title_join.Seams(["政府", "公告"])
    answers = [p in gate for p in ["政府", "府公"] * (title_join.Seams.SEARCHED // 2)]
    assert answers == [True, False] * (title_join.Seams.SEARCHED // 2) and built == []
    assert "公告" in gate and "告政" not in gate and built == [1]


def test_a_one_post_check_builds_no_pair_set(monkeypatch: pytest.MonkeyPatch) -> None:
    """The sample post whose title runs on into its body's first word (a seam the gate is
    asked about) is checked without the set of every pair, with the same findings."""
    from pipeline import content
    from pipeline.rules import RuleChecker

    path = "content/posts/2026/03/zhangshang-app-shangxian.md"
    raw = (Path(__file__).resolve().parent.parent / path).read_bytes()
    post = content.parse_post(path, raw).post
    assert post is not None
    assert title_join.seam(post.title, post.body) is not None  # the gate is asked
    expected = RuleChecker(None).check_post(post)

    def refused(terms: object) -> frozenset[str]:
        raise AssertionError("the set of every pair built for one seam")

    monkeypatch.setattr(title_join, "pairs", refused)
    assert RuleChecker(None).check_post(post) == expected
