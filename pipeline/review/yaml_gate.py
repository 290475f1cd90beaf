"""The server refuses a push to main that brings a unit YAML file no command could read:
an alias bomb, a document over the size or depth limits, broken syntax or encoding, or a
unit rule file that does not follow its schema (a regular expression that may backtrack
super-linearly among them: :mod:`pipeline.rules.rule_kinds.regex_safety`), or a roster,
registry, calendar, terms, allowlist or anchors file its schema refuses (a text written with a YAML
escape among them: ``schema.line_problem``, round 23b). Without this, an approved
``content/accounts.yml`` bomb would be accepted and then stop every later publish, check
and watch (they would refuse it, by name, on every run)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pipeline import git, yamlutil
from pipeline.errors import ConfigError
from pipeline.rules.rule_kinds import regex_safety, rulebook

UNIT_YAML = ("content/accounts.yml", "content/roster.yml", "content/rules/", "content/calendar/")


def yaml_problems(repo: Path, old: str, new: str) -> list[str]:
    """Chinese reasons, one per unreadable YAML file the push adds or changes."""
    reasons = []
    with regex_safety.allowance():  # every rule file of the push shares one budget
        for status, path, blob in git.diff_raw(old, new, list(UNIT_YAML), cwd=repo):
            if status == "D" or not path.endswith((".yml", ".yaml")):
                continue
            raw = git.show_blob(blob, cwd=repo)
            if raw is None:
                continue
            try:
                text = raw.decode("utf-8-sig")
                yamlutil.load(text)
            except UnicodeDecodeError:
                reasons.append(f"{path}：不是 UTF-8 编码的文本，govmedia 无法读取。")
                continue
            except yamlutil.YamlSyntaxError as exc:
                reasons.append(f"{path}:{exc.line}：{exc.problem}；govmedia 无法读取此文件。")
                continue
            reasons += _rule_file_problems(text, path)
            reasons += _schema_problems(text, path)
    return reasons


def _schema_readers() -> dict[str, Callable[[str, str], object]]:
    """The unit's other YAML files, each read as the commands read it."""
    from pipeline.governance.registry import parse_registry
    from pipeline.review.roster import parse_roster
    from pipeline.rules.anchored import UNIT_ANCHORS, parse_unit_anchors
    from pipeline.rules.lexicon import UNIT_ALLOW, UNIT_TERMS, parse_unit_allow, parse_unit_terms
    from pipeline.rules.lexicon_cache import package_lexicons

    def terms(text: str, rel: str) -> object:
        return parse_unit_terms(text, rel, package_lexicons()[0])

    def allow(text: str, rel: str) -> object:
        return parse_unit_allow(text, rel, package_lexicons()[0])

    return {
        "content/accounts.yml": parse_registry,
        "content/roster.yml": parse_roster,
        UNIT_TERMS: terms,
        UNIT_ALLOW: allow,
        UNIT_ANCHORS: parse_unit_anchors,
    }


def _schema_problems(text: str, path: str) -> list[str]:
    """The roster, the registry, the unit's terms, allowlist and anchors read with their
    schema: a wrong one (a text written with an escape a terminal obeys among them) would
    stop every later command that reads it, or show people what they did not approve."""
    reader = _schema_readers().get(path)
    folder, _, name = path.rpartition("/")
    if reader is None and folder == "content/calendar" and name.endswith(".yml"):
        from pipeline.governance.workdays import parse_schedule

        reader = parse_schedule  # a file load_schedules reads (``workdays.CALENDAR_DIR``)
    if reader is None or not text.strip():
        return []
    try:
        reader(text, path)
    except ConfigError as exc:
        return [f"无法使用，govmedia 读取时报错：{exc}"]
    return []


def _rule_file_problems(text: str, path: str) -> list[str]:
    """A unit rule file is read as ``govmedia check`` reads it: a wrong one (a regular
    expression that may backtrack super-linearly among them) would stop every later check,
    or hang it."""
    if not rulebook.is_unit_file(path) or not text.strip():
        return []
    try:
        rulebook.parse(text, path, unit=True)
    except ConfigError as exc:
        return [f"规则文件无效，govmedia 无法使用：{exc}"]
    return []
