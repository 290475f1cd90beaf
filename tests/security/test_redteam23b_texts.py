"""Red team, round 23b: the roster's and the rule files' texts written with YAML escapes.

YAML's double-quoted escapes write any character: ``name: "张伟\\e[2K\\e[1A"`` in the
roster, ``note: "加急\\e[2K"`` in the unit's ``terms.yml`` or ``message: "…\\u202e…"`` in a
unit rule file read as plain text in the diff the reviewers approve, while the value holds
an ESC sequence, a C1 CSI, a bidi override, a line separator, a tab or a NUL. A roster
name reaches every reviewer's terminal (``status``, ``verify``), the server's refusals and
the archive's review record; a rule file's message, a term's note and a combination's
advice reach every ``govmedia check``, ``approve`` and the server's refusal of a push.
Round 21b made the accounts registry refuse these; the roster and the rule files did not.
Defence: the one check (``schema.Line``, ``schema.line_problem``, moved out of the
registry) refuses them in every text of the roster (names, emails, titles, key lines)
and the rule files (messages, notes, advice, terms, exceptions, the allowlist), naming
the file, line and field; and the server's YAML gate reads the roster, the registry and
the unit's terms, allowlist and anchors with their schema, so such a file never reaches
main. Real repositories, real ``ssh-keygen`` keys, the real pre-receive hook and CLI.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import ConfigError
from pipeline.review.roster import parse_roster
from tests.conftest import PROJECT_ROOT, run_cli
from tests.review_support import keygen
from tests.security.battery_support import (
    ACCOUNTS,
    ALLOW,
    LEADERS,
    ROSTER,
    Unit,
    accepted,
    post_text,
)

ESCAPES = ["\\e[2K\\e[1A", "\\x9b2K", "\\u202e", "\\u2028", "\\t", "\\0"]
SHOWN = "\x1b\x9b\u202e\u2028\t\x00"
TERMS = "content/rules/terms.yml"
UNIT_RULE = "content/rules/a99-jiaji.yml"
DRAFT = "content/posts/2026/11/jiaji.md"
SERVICE = "政务服务大厅工作日延时服务至18时30分。"  # the sample sentence of ``post_text``


def _no_raw_controls(text: str) -> None:
    assert not [c for c in text if c in SHOWN], repr(text)


def _sample_roster() -> str:
    return (PROJECT_ROOT / ROSTER).read_text(encoding="utf-8")


@pytest.mark.parametrize("escape", ESCAPES)
@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("name: 王芳", 'name: "王{}芳"', "name（姓名）"),
        ("email: wangfang@example.gov.cn", 'email: "wangfang@example{}.gov.cn"', "email（邮箱）"),
        ("title: 编辑", 'title: "编{}辑"', "title（职务）"),
    ],
    ids=["name", "email", "title"],
)
def test_a_roster_text_written_with_yaml_escapes_is_refused(
    escape: str, old: str, new: str, field: str
) -> None:
    """Every text of the roster a person reads is one line as written; the refusal names
    the file, the line and the field, and shows the character escaped."""
    text = _sample_roster().replace(old, new.format(escape), 1)
    with pytest.raises(ConfigError) as refused:
        parse_roster(text)
    message = str(refused.value)
    assert "content/roster.yml:1" in message and field in message, message
    _no_raw_controls(message)


def test_a_key_comment_written_with_yaml_escapes_is_refused(tmp_path: Path) -> None:
    """A key line is read without its comment, but it is a text of the roster too: an
    escape in the comment is refused like one in a name (a real ``ssh-keygen`` key)."""
    key = keygen(tmp_path, "wangfang").public
    text = _sample_roster().replace("keys: []", f'keys: ["{key} 王芳\\e[2K"]', 1)
    with pytest.raises(ConfigError, match="keys") as refused:
        parse_roster(text)
    _no_raw_controls(str(refused.value))
    assert parse_roster(_sample_roster().replace("keys: []", f'keys: ["{key}"]', 1))


def test_a_roster_name_written_with_escapes_never_reaches_main(unit: Unit) -> None:
    """Attack: a roster change renames a person ``"王芳\\e[2K\\e[1A"`` (plain text in the
    diff); both leaders approve it and push. The name would then stand in every reviewer's
    terminal line, the server's messages and the archive's review record. Defence: the
    server's YAML gate reads the roster with its schema and refuses the push, naming the
    file, line and field, with the character escaped; the honest rename is accepted."""
    unit.branch("roster-escape")
    original = unit.roster()
    unit.change_roster(original.replace("name: 王芳", 'name: "王芳\\e[2K\\e[1A"', 1))
    unit.approve_roster(LEADERS)
    err = unit.attack()
    assert f"{ROSTER}:" in err and "name（姓名）" in err and "控制字符" in err, err
    _no_raw_controls(err)

    unit.branch("roster-honest")
    unit.change_roster(original.replace("title: 局长", "title: 局长（主要负责人）", 1))
    unit.approve_roster(LEADERS)
    accepted(unit, unit.push())


@pytest.mark.parametrize(
    ("rel", "text", "field"),
    [
        (
            TERMS,
            'terms:\n  - rule: A9-13\n    term: 代办加急出证\n    note: "冒充窗口\\e[2K\\e[1A收费"\n',
            "note（说明）",
        ),
        (
            ALLOW,
            'allow:\n  - phrase: 冬季溜冰\n    rules: [A9-07]\n    reason: "冰雪\\u202e运动"\n',
            "reason（理由）",
        ),
        (
            UNIT_RULE,
            "kind: pattern\nrules:\n  - id: A9-13\n    name: jiaji\n    level: warning\n"
            '    message: "本单位不提供\\x9b2K加急出证服务"\n    pattern: 加急出证\n',
            "message（提示）",
        ),
    ],
    ids=["terms-note", "allow-reason", "rule-message"],
)
def test_a_rule_file_text_written_with_escapes_never_reaches_main(
    unit: Unit, rel: str, text: str, field: str
) -> None:
    """Attack: the unit's terms, allowlist or a rule file carries a text written with an
    escape (the note after every finding of the term, the allowlist's reason, the message
    of every finding of the rule); three reviewers sign it by hand, and it is pushed.
    Defence: ``govmedia check`` refuses the file naming file, line and field, and the
    server's YAML gate refuses the push the same way; nothing raw reaches a terminal."""
    unit.branch("rules-escape")
    unit.write(rel, text)
    unit.commit("Unit rules")
    unit.write(DRAFT, post_text("办证提醒").replace(SERVICE, "窗口可代办加急出证，冬季溜冰。"))
    result = run_cli("check", DRAFT, cwd=unit.clone.path)  # a draft the rule fires on
    assert result.code == 2 and f"{rel}:" in result.err and field in result.err, result.err
    _no_raw_controls(result.out + result.err)
    (unit.clone.path / DRAFT).unlink()
    unit.approval_all(rel)
    err = unit.attack()
    assert f"{rel}:" in err and field in err and "控制字符" in err, err
    _no_raw_controls(err)


def test_the_accounts_registry_written_with_escapes_never_reaches_main(unit: Unit) -> None:
    """Round 21b's registry check, now at the server too: an account name written with an
    escape, approved by hand by three reviewers, is refused at the push."""
    unit.branch("accounts-escape")
    text = (unit.clone.path / ACCOUNTS).read_text(encoding="utf-8")
    unit.write(
        ACCOUNTS,
        text.replace("    name: 牙克石政务服务\n", '    name: "牙克石\\u202e政务服务"\n', 1),
    )
    unit.commit("Accounts")
    unit.approval_all(ACCOUNTS)
    err = unit.attack()
    assert f"{ACCOUNTS}:" in err and "name（账号名称）" in err, err
    _no_raw_controls(err)


CALENDAR = "content/calendar/2027.yml"
SCHEDULE = (
    "year: 2027\nsource: 测试用安排\nholidays:\n"
    '  - {{name: "{name}", from: 2027-01-01, to: 2027-01-03}}\n'
)


@pytest.mark.parametrize("escape", ESCAPES)
def test_an_interaction_route_written_with_escapes_is_refused(tmp_path: Path, escape: str) -> None:
    """``content/interaction.yml``'s department is printed by ``inbox status`` and the watch's
    overdue alerts: the same check refuses it, naming file, line and field."""
    from pipeline.interaction.config import load_config

    (tmp_path / "content").mkdir()
    text = (
        "default_route:\n"
        f'  department: "办公室{escape}（新闻宣传科）"\n'
        "  person: zhangwei@example.gov.cn\n"
    )
    (tmp_path / "content" / "interaction.yml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        load_config(tmp_path)
    message = str(refused.value)
    assert "content/interaction.yml:2" in message and "department（科室）" in message, message
    _no_raw_controls(message)


def test_a_calendar_written_with_escapes_never_reaches_main(unit: Unit) -> None:
    """Attack: the unit's calendar for a year names a holiday ``"元旦\\u202e"``, signed by
    three reviewers by hand and pushed. Defence: the calendar's texts are checked the same
    way, and the server's YAML gate reads the calendar with its schema; the honest
    calendar is accepted."""
    unit.branch("calendar-escape")
    unit.write(CALENDAR, SCHEDULE.format(name="元\\e[2K\\e[1A旦"))
    unit.commit("Calendar")
    unit.approval_all(CALENDAR)
    err = unit.attack()
    assert f"{CALENDAR}:" in err and "name（节日名称）" in err, err
    _no_raw_controls(err)

    unit.branch("calendar-honest")
    unit.write(CALENDAR, SCHEDULE.format(name="元旦"))
    unit.commit("Calendar")
    unit.approval_all(CALENDAR)
    accepted(unit, unit.push())
