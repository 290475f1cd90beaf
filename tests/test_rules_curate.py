"""Issue 12: lexicons at scale, each public term curated with its false-positive cost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.rules import RuleChecker
from pipeline.rules.curate import Candidate, measure, prefilter, rejected, write_public
from pipeline.rules.lexicon import load_lexicons


def test_public_terms_are_loaded_without_pinyin_spellings() -> None:
    lexicons = load_lexicons(None)
    public = [t for t in lexicons.terms if t.note == "公开词库"]
    assert len(public) >= 500
    assert {t.rule for t in public} >= {"A9-05", "A9-07", "A9-08"}
    assert all(len(t.text) >= 3 and not t.pinyin and not t.homophones for t in public)
    assert not any(t.text in rejected(t.rule) for t in public)


def test_a_public_term_is_found_through_the_normalised_view() -> None:
    checker = RuleChecker(None)
    for text in ("出售雷管炸药，量大从优", "出 售 雷 管 炸 药"):
        assert any(d.rule == "A9-07" and d.severity == "error" for d in checker.check_text(text))


def test_prefilter_and_measure_report_each_candidates_cost() -> None:
    lexicon = load_lexicons(None).by_rule["A9-07"]
    words = {"约炮": "x", "色情服务站": "x", "特色": "x", "ab": "x", "出售雷管炸药": "x"}
    candidates = {c.term: c for c in prefilter(words, lexicon, {"特色": 1000})}
    assert candidates["约炮"].reason  # two characters
    assert candidates["特色"].reason
    measure(
        list(candidates.values()), lexicon, ["本站提供色情服务站点导航。", "依法打击色情服务站。"]
    )
    assert candidates["色情服务站"].hits == 1  # the enforcement sentence is excused
    assert candidates["色情服务站"].examples
    assert not candidates["色情服务站"].accepted
    assert candidates["出售雷管炸药"].hits == 0


def test_write_public_is_atomic_and_attributed(tmp_path: Path) -> None:
    path = write_public("A9-07", ["乙词条", "甲词条", "甲词条"], tmp_path / "A9-07.txt")
    text = path.read_text(encoding="utf-8")
    assert "Apache-2.0" in text and "MIT" in text
    assert [line for line in text.splitlines() if not line.startswith("#")] == ["乙词条", "甲词条"]
    assert not list(tmp_path.glob("*.tmp"))


def test_curate_command_reports_costs(corpus: Path, cli, tmp_path: Path) -> None:
    result = cli("rules", "curate", "--rule", "A9-08", "--shared", str(corpus.parent), cwd=tmp_path)
    assert result.code == 0, result.err
    assert "规则 A9-08：候选词" in result.out and "通过：" in result.out
    result = cli(
        "rules",
        "curate",
        "--rule",
        "A9-08",
        "--shared",
        str(corpus.parent),
        "--format",
        "json",
        cwd=tmp_path,
    )
    rows = json.loads(result.out)
    assert rows and {"term", "source", "hits", "examples", "reason"} <= set(rows[0])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--rule", "A9-99"], "未知的规则编号"),
        (["--rule", "A9-01"], "没有对应的公开词库来源"),
    ],
)
def test_curate_command_refuses_bad_input(
    corpus: Path, cli, tmp_path: Path, args: list[str], message: str
) -> None:
    result = cli("rules", "curate", *args, "--shared", str(corpus.parent), cwd=tmp_path)
    assert result.code == 2
    assert message in result.err and "Traceback" not in result.err


def test_curate_command_without_the_shared_folder(cli, tmp_path: Path) -> None:
    result = cli(
        "rules", "curate", "--rule", "A9-07", "--shared", str(tmp_path / "none"), cwd=tmp_path
    )
    assert result.code == 2
    assert "找不到公开词库" in result.err and "Traceback" not in result.err


def test_candidate_accepted_only_without_hits() -> None:
    assert Candidate("甲乙丙", "x").accepted
    assert not Candidate("甲乙丙", "x", hits=1).accepted
    assert not Candidate("甲乙丙", "x", reason="常用词").accepted


def test_public_lists_hold_thousands_of_terms_per_item_for_a9_07_and_a9_13() -> None:
    public = [t for t in load_lexicons(None).terms if t.note == "公开词库"]
    counts = {rule: sum(t.rule == rule for t in public) for rule in ("A9-07", "A9-13")}
    assert min(counts.values()) >= 5000, counts


def test_no_public_term_hits_the_tuning_half_of_the_legitimate_corpus(corpus: Path) -> None:
    """The false-positive cost every public term was admitted on, re-proved on the data."""
    from pipeline.rules.corpus import body_of, gov_files

    lexicons = load_lexicons(None)
    for rule in ("A9-07", "A9-13"):
        lexicon = lexicons.by_rule[rule]
        candidates = [Candidate(t.text, "public") for t in lexicon.terms if t.note == "公开词库"]
        texts = (body_of(f.read_text(encoding="utf-8")) for f in gov_files(corpus.parent, "tuning"))
        measure(candidates, lexicon, texts)
        assert [c.term for c in candidates if c.hits] == [], rule


def test_tag_derived_public_terms_warn_and_never_block() -> None:
    """houbb's tag file is loose: its terms are warnings for the reviewers (as errors they
    blocked 1 % more pieces of the corpus's held-out half)."""
    public = [t for t in load_lexicons(None).terms if t.note == "公开词库"]
    levels = {t.level for t in public if t.rule == "A9-13"}
    assert levels == {"warning", "error"}
    checker = RuleChecker(None)
    found = [d for d in checker.check_text("长期供应原砷酸，量大从优") if d.rule == "A9-13"]
    assert found and all(d.severity == "warning" for d in found)
