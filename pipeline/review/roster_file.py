"""Reading the project's roster file, ``content/roster.yml``, when there is one."""

from __future__ import annotations

from pipeline.errors import ConfigError
from pipeline.project import ROSTER_FILE, Project
from pipeline.review.roster import Roster, parse_roster


def load_roster_file(project: Project) -> Roster | None:
    path = project.roster_file
    if not path.is_file():
        return None
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{ROSTER_FILE}: 不是 UTF-8 编码的文本（{exc.reason}）。") from None
    return parse_roster(text, ROSTER_FILE)
