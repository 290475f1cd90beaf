"""Which paths a change of main may touch: the trust boundary (DESIGN.md, "Trust boundary").

Every path of the unit's repository is **reviewed** (``content/``), **publisher-written**
(``ledger/``, ``interaction/``: judged by ``publisher_steps``) or **refused** (anything else:
code, hooks, site configuration, workflows; symlinks and submodules anywhere). Reviewed
content is never deleted (a published post is retracted instead).

One rule for both gates of main: the server's pre-receive applies it to every first-parent
step of a push (:func:`change_problems`); ``govmedia verify``, the hosted forges' required
check, to the tree a pull request changes from its merge base (:func:`range_problems`), so a
branch brought up to date by merging main is not refused for what main already holds. On a
forge, code and configuration change only by the administrator's merge past the check, as
on a server they change only by installing another govmedia.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pipeline import git
from pipeline.content_limits import shown
from pipeline.interaction import trust as interaction_trust
from pipeline.project import CONTENT_DIR, LEDGER_DIR, ROSTER_FILE
from pipeline.review.verify import TARGET_BRANCH

SYMLINK = "120000"
GITLINK = "160000"
SHOWN = 50  # refusals named one by one by verify
OUTSIDE = (
    "代码与配置不随内容推送或合并，由运维人员安装的 govmedia 提供。"
    "请从分支中去掉这项修改；升级 govmedia 或修改工作流、站点配置请交运维人员办理。"
)


def change_problems(changes: Iterable[git.Change], where: str) -> list[str]:
    """Chinese reasons against changes of main, each starting with ``where`` (which commit
    or which range); the publisher's records are judged elsewhere (``publisher_steps``)."""
    reasons: list[str] = []
    for change in changes:
        path = change.path
        if change.new_mode in (SYMLINK, GITLINK):
            what = "符号链接" if change.new_mode == SYMLINK else "子模块"
            reasons.append(f"{where}{shown(path)} 是{what}，仓库中不允许{what}。")
        elif path.startswith(LEDGER_DIR + "/") or interaction_trust.touches(path):
            continue
        elif not path.startswith(CONTENT_DIR + "/"):
            reasons.append(f"{where}不允许在 {TARGET_BRANCH} 上修改 {shown(path)}：{OUTSIDE}")
        elif change.status == "D":
            what = "名册" if path == ROSTER_FILE else "已审核的内容"
            reasons.append(
                f"{where}不允许删除{what} {shown(path)}（已发布文章请用 govmedia retract 撤回）。"
            )
    return reasons


def range_problems(repo: Path, base: str, head: str) -> list[str]:
    """The reasons against the tree ``head`` changes from ``base`` (the merge base with main):
    what merging it would change on main, whichever commits of the branch made it; the first
    ``SHOWN`` named, the rest counted (a branch of thousands of files is one refusal)."""
    changes = git.diff_changes(base, head, cwd=repo)
    reasons = change_problems(changes, f"变更 {base[:10]}..{head[:10]}：")
    if len(reasons) <= SHOWN:
        return reasons
    rest = len(reasons) - SHOWN
    return [
        *reasons[:SHOWN],
        f"另有 {rest} 处修改同样不允许合并（见 git diff --stat {base[:10]} {head[:10]}）。",
    ]
