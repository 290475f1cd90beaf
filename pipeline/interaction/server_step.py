"""The inbox on the server, after publishing (``hooks/post-receive``, ``publish_hook``).

After a push to main has been published, the hook fetches new comments and messages
(``govmedia inbox fetch --push``) and sends the approved replies, hide orders and reposts
(``govmedia inbox send --push``) in the same work clone. Each step is the installed govmedia
in isolated mode with only the variables the inbox reads (``secrets_env.inbox_env``): the
platform credentials and the pseudonym salt reach these two steps and nothing else, never a
file of the repository. Both commit signed by the publisher key and push back; the server's
pre-receive judges those commits like any other (``interaction.trust``, ``ledger_trust``).
Exactly once comes from the ledger (``send``) and the publisher's run lock.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pipeline.secrets_env import INBOX_SETTINGS, inbox_env

Runner = Callable[[list[str], Path, dict[str, str]], int]
STEPS = (
    (["inbox", "fetch", "--push"], "拉取网民评论与私信"),
    (["inbox", "send", "--push"], "发送已审核的回复、隐藏指令与转发"),
)


def run_inbox(work: Path, env: dict[str, str], run: Runner, base: dict[str, str]) -> int:
    """Both inbox steps in ``work``; the first non-zero exit code (both always run: a channel
    that cannot be read does not hold back replies already approved). ``env`` is the server's
    whole environment, ``base`` the publish step's (allowlisted) one."""
    if not env.get("GOVMEDIA_INTERACTION_SALT"):
        return 0  # the unit has not set up interaction on this server
    allowed = {**base, **{k: v for k, v in inbox_env(env).items() if k in INBOX_SETTINGS}}
    worst = 0
    for args, _label in STEPS:
        code = run(args, work, allowed)
        worst = worst or code
    return worst
