"""A credential (第十七条) or personal data (第九条（十一）) that a check finds is never
echoed: not by ``govmedia check`` in any format (a CI log keeps what it prints), not in an
approval's acknowledgement trailer, not in the preview's table, not in the server's refusal.
The file, line and column say where it is; other findings keep their match."""

from __future__ import annotations

import json

import pytest

from pipeline.findings import HIDDEN_MATCH, Finding, format_text, match_note, render
from pipeline.preview import findings_table
from pipeline.review import acks
from pipeline.review.content_gate import refusal_line
from pipeline.review.findings_at import warning_lines

PASSWORD = "Kq7#vLm29xTp"
ID_NUMBER = "110105194912310021"
POST = f"""---
title: 系统维护通知
date: 2026-11-20
author: 刘洋 <liuyang@example.gov.cn>
channels: [wechat]
category: 便民服务
original: true
---

系统维护后请用新口令登录：密码：{PASSWORD}

联系人身份证号 {ID_NUMBER}，欢迎入会 会费每年100元。
"""


def _secret_free(text: str) -> None:
    assert PASSWORD not in text
    assert ID_NUMBER not in text
    assert ID_NUMBER[-6:] not in text  # not even a tail of it


@pytest.fixture
def checked(sample_repo, cli):  # type: ignore[no-untyped-def]
    rel = "content/posts/2026/11/secret.md"
    sample_repo.write(rel, POST)
    return lambda fmt: cli("check", rel, "--format", fmt, cwd=sample_repo.path)


def test_check_never_echoes_a_credential_or_an_id_number_in_any_format(checked) -> None:  # type: ignore[no-untyped-def]
    rows = json.loads(checked("json").out)
    rules = {r["rule"] for r in rows}
    assert any(r.startswith("A17-") for r in rules), rows
    assert "A9-11" in rules, rows
    for row in rows:
        if row["rule"].startswith("A17-") or row["rule"] == "A9-11":
            assert row["match"] == "" and row["line"] in (10, 12) and row["column"] > 0
    # the same check keeps the match of a finding that is not a secret
    assert any(r["match"] and not r["rule"].startswith(("A17-", "A9-11")) for r in rows), rows
    for fmt in ("json", "text", "github"):
        result = checked(fmt)
        assert result.code == 1, result.err
        _secret_free(result.out + result.err)
    text = checked("text").out
    assert HIDDEN_MATCH in text and ":10:" in text and ":12:" in text


def _finding(rule: str, match: str, severity: str = "warning") -> Finding:
    return Finding("content/posts/a.md", 3, 5, rule, "", severity, "说明", match)  # type: ignore[arg-type]


@pytest.mark.parametrize("rule", ["A17-01", "A17-03", "A9-11"])
def test_every_output_for_people_hides_a_secret_rules_match(rule: str) -> None:
    secret = _finding(rule, PASSWORD)
    shown = [
        format_text([secret]),
        render([secret], "json"),
        render([secret], "github"),
        json.dumps(secret.to_json(), ensure_ascii=False),
        match_note(secret),
        "\n".join(warning_lines([secret])),
        refusal_line(secret),
        findings_table([secret]),
        acks.format_trailers([secret]),
    ]
    for text in shown:
        assert PASSWORD not in text, text
    assert acks.format_value(secret) == f"content/posts/a.md:3 {rule}"
    assert HIDDEN_MATCH in refusal_line(secret) and HIDDEN_MATCH in format_text([secret])


def test_other_rules_keep_their_match_everywhere() -> None:
    plain = _finding("A9-02", "港独")
    assert "「港独」" in format_text([plain])
    assert json.loads(render([plain], "json"))[0]["match"] == "港独"
    assert "「港独」" in refusal_line(plain)
    assert "港独" in findings_table([plain])
    assert acks.format_value(plain) == "content/posts/a.md:3 A9-02 港独"
    assert match_note(_finding("A9-02", "")) == ""


# Every place in the package that reads what a finding matched, and why it may. An output
# added later that reads ``.match`` itself (not through ``shown_match`` / ``match_note``)
# fails here until it is listed with its reason.
MATCH_READERS = {
    ("pipeline/findings.py", "shown_match"): "the one function outputs call",
    ("pipeline/findings.py", "match_note"): "the one function outputs call",
    ("pipeline/findings.py", "<module>"): "_FIELDS: format_json blanks a secret rule's match",
    ("pipeline/findings.py", "masked"): "finds the secret rules' matches, to mask them",
    ("pipeline/findings.py", "_masked"): "masks a secret inside another rule's match",
    ("pipeline/rules/field_secrets.py", "masked_values"): (
        "reads a loader's echoed value with the rules, to mask a secret in it"
    ),
    ("pipeline/checking.py", "_waive"): "copies a finding with its waiver; prints nothing",
    ("pipeline/preview.py", "_needles"): "marks the match in the editor's own source view",
    ("pipeline/preview.py", "source_view"): "the same, in the post's own text",
    ("pipeline/rules/result_store.py", "_row"): "the per-user result store of the same post",
    ("pipeline/review/acks.py", "label"): "an Ack's match, written by acks.format_value",
    ("pipeline/review/acks.py", "shown_publicly"): "an Ack's match, only the approved text's",
}


GETTERS = {"attrgetter", "getattr"}


def _match_readers() -> set[tuple[str, str]]:
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    found: set[tuple[str, str]] = set()

    def visit(node: ast.AST, rel: str, where: str, called: set[int]) -> None:
        for child in ast.iter_child_nodes(node):
            inner = where
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                inner = child.name
            reads = (
                isinstance(child, ast.Attribute)
                and child.attr == "match"
                and isinstance(child.ctx, ast.Load)
                and id(child) not in called  # ``pattern.match(text)`` is a regex call
            ) or (
                isinstance(child, ast.Call)  # ``attrgetter(..., "match")``, ``getattr(f, "match")``
                and getattr(child.func, "id", getattr(child.func, "attr", "")) in GETTERS
                and any(isinstance(a, ast.Constant) and a.value == "match" for a in child.args)
            )
            if reads:
                found.add((rel, inner))
            visit(child, rel, inner, called)

    for path in sorted((root / "pipeline").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        called = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
        visit(tree, path.relative_to(root).as_posix(), "<module>", called)
    return found


def test_every_reader_of_a_findings_match_is_known() -> None:
    readers = _match_readers()
    new = sorted(readers - set(MATCH_READERS))
    assert not new, (
        f"{new} read a finding's match: show it through findings.shown_match / match_note "
        "(a secret rule's match is never echoed), or list the place here with its reason"
    )
    assert not set(MATCH_READERS) - readers, "a listed reader is gone: drop it from the list"
