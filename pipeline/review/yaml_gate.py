"""The server refuses a push to main that brings a unit YAML file no command could read:
an alias bomb, a document over the size or depth limits, broken syntax or encoding. Without
this, an approved ``content/accounts.yml`` bomb would be accepted and then stop every later
publish, check and watch (they would refuse it, by name, on every run)."""

from __future__ import annotations

from pathlib import Path

from pipeline import git, yamlutil

UNIT_YAML = ("content/accounts.yml", "content/roster.yml", "content/rules/", "content/calendar/")


def yaml_problems(repo: Path, old: str, new: str) -> list[str]:
    """Chinese reasons, one per unreadable YAML file the push adds or changes."""
    reasons = []
    for status, path, blob in git.diff_raw(old, new, list(UNIT_YAML), cwd=repo):
        if status == "D" or not path.endswith((".yml", ".yaml")):
            continue
        raw = git.show_blob(blob, cwd=repo)
        if raw is None:
            continue
        try:
            yamlutil.load(raw.decode("utf-8-sig"))
        except UnicodeDecodeError:
            reasons.append(f"{path}：不是 UTF-8 编码的文本，govmedia 无法读取。")
        except yamlutil.YamlSyntaxError as exc:
            reasons.append(f"{path}:{exc.line}：{exc.problem}；govmedia 无法读取此文件。")
    return reasons
