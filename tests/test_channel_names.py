"""Publishing, the watch, retraction, the ledger steps and interaction call channels
(pipeline/platforms/channel.py) and never branch on a platform's name: a comparison of a
``platform`` with a name, or a type test of one platform's client, channel or comments
class, belongs in that platform's own module under pipeline/platforms/."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PIPELINE = ROOT / "pipeline"
# every module but the platforms' own and the emulators (which are the platforms)
EXEMPT = ("platforms", "emulators")
BRANCH = re.compile(
    r"""platform\s*(==|!=)\s*["']"""  # platform == "wechat"
    r"""|["']\s*(==|!=)\s*\w*\.?platform\b"""  # "wechat" == task.platform
    r"""|platform\s+(not\s+)?in\s+[(\[{]\s*["']"""  # platform in ("wechat", ...)
    r"""|isinstance\([^)]*\b(WeChat|Weibo|App)(Channel|Client|Comments)\b"""
)


def branches(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if BRANCH.search(line)]


def test_no_module_outside_the_platforms_branches_on_a_platform_name() -> None:
    found = {}
    for path in sorted(PIPELINE.rglob("*.py")):
        rel = path.relative_to(PIPELINE)
        if rel.parts[0] in EXEMPT:
            continue
        hits = branches(path.read_text(encoding="utf-8"))
        if hits:
            found[rel.as_posix()] = hits
    assert not found, f"branches on a platform's name outside pipeline/platforms/: {found}"


def test_the_check_sees_each_form_of_branch() -> None:
    for line in (
        'if task.platform == "wechat":',
        "elif record.platform != 'app':",
        'if "weibo" == item.platform:',
        'if platform in ("wechat", "weibo"):',
        "if isinstance(channel, WeChatComments):",
        "isinstance(client, (WeiboClient, AppClient))",
    ):
        assert branches(line), line
    for line in (
        "channel = channels(task.platform)",
        "if channel.keyed_by_url:",
        "if account.platform not in PUBLISHABLE_PLATFORMS:",
    ):
        assert not branches(line), line
