"""The server's pre-receive refuses unit YAML files that no command could read."""

from __future__ import annotations

from pathlib import Path

from pipeline.review.yaml_gate import yaml_problems
from tests.badinput.support import alias_bomb, unit_repo
from tests.conftest import git


def test_an_alias_bomb_in_accounts_is_refused_by_name(tmp_path: Path) -> None:
    unit = unit_repo(tmp_path / "unit")
    old = git("rev-parse", "HEAD", cwd=unit).strip()
    with (unit / "content/accounts.yml").open("a", encoding="utf-8") as fh:
        fh.write(alias_bomb())
    (unit / "content/calendar").mkdir()
    (unit / "content/calendar/2027.yml").write_bytes(b"year: 2027\nname: \xff\n")
    git("add", "-A", cwd=unit)
    git("commit", "-q", "-m", "Bomb", cwd=unit)
    new = git("rev-parse", "HEAD", cwd=unit).strip()
    reasons = yaml_problems(unit, old, new)
    assert len(reasons) == 2, reasons
    assert reasons[0].startswith("content/accounts.yml:") and "别名炸弹" in reasons[0]
    assert reasons[1].startswith("content/calendar/2027.yml") and "UTF-8" in reasons[1]


def test_ordinary_changes_pass(tmp_path: Path) -> None:
    unit = unit_repo(tmp_path / "unit")
    old = git("rev-parse", "HEAD", cwd=unit).strip()
    text = (unit / "content/accounts.yml").read_text(encoding="utf-8")
    (unit / "content/accounts.yml").write_text(text + "\n# 备注\n", encoding="utf-8")
    git("commit", "-q", "-am", "Note", cwd=unit)
    assert yaml_problems(unit, old, git("rev-parse", "HEAD", cwd=unit).strip()) == []
