"""Red team round 36: a platform that echoes the unit's credential in a citizen's comment.

The scrubber (``redact.scrub``) covers errors, logs, the ledger and the watch; the inbox
kept a comment's text as the platform gave it. A platform (or whatever answers in its
place) that puts the Weibo access token or the WeChat AppSecret into a listed comment had
it committed to the repository's inbox (``interaction/**.jsonl``, which travels with every
clone), listed by ``govmedia inbox status`` and, once answered on the public page, shown
on the archive site. The real emulator, a real ``govmedia inbox fetch``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.emulators import Emulator
from tests.interaction_support import (
    answers_page,
    approve_reply,
    fetched_comment,
    inbox,
    inbox_env,
    stored,
    unit_repo,
    write_reply,
)
from tests.publish_support import CREDS

TOKEN = CREDS["GOVMEDIA_WEIBO_TOKEN"]
SECRET = CREDS["GOVMEDIA_WECHAT_SECRET"]


def _secret_free(text: str) -> None:
    assert TOKEN not in text and SECRET not in text, text
    assert TOKEN[4:20] not in text and SECRET[6:24] not in text, text


@pytest.mark.parametrize("platform", ["weibo", "wechat"])
def test_a_credential_echoed_in_a_comment_never_reaches_the_inbox_or_the_site(
    tmp_path: Path, emulator: Emulator, platform: str
) -> None:
    repo = unit_repo(tmp_path / "unit")
    question = f"请问社保卡补办需要带什么材料？{TOKEN} {SECRET}"
    item, _ = fetched_comment(repo, emulator, platform, question, "7")
    rows = [r for r in stored(repo) if r.get("id") == item]
    assert rows and "社保卡补办" in rows[0]["text"], stored(repo)  # the question is kept
    for path in (repo / "interaction").rglob("*"):
        if path.is_file():
            _secret_free(path.read_text(encoding="utf-8", errors="replace"))
    env = inbox_env(emulator)
    listed = inbox(repo, env, "status")
    assert listed.code == 0 and item in listed.out, listed.out + listed.err
    _secret_free(listed.out + listed.err)
    rel = write_reply(
        repo, "answer", item, "您好，请携带身份证到政务服务大厅办理。", extra="public: true\n"
    )
    approve_reply(repo, rel)
    sent = inbox(repo, env, "send")
    assert sent.code == 0, sent.out + sent.err
    page = answers_page(repo)
    assert "社保卡补办" in page, page
    for path in (repo / "site").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".txt"):
            _secret_free(path.read_text(encoding="utf-8", errors="replace"))
