"""Red team round 44: a citizen's phone and identity numbers, however written, never reach
the repository's inbox (every clone, the reviewers' views, the public answers page).

The real emulator pushes the messages to a real receiver on loopback; the real
``govmedia inbox fetch`` and ``inbox status`` in new processes.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.emulators import Emulator
from pipeline.interaction.wechat_push import SPOOL_ENV, Spool, serve
from tests.interaction_support import inbox, inbox_env, plant, stored, unit_repo
from tests.publish_support import git

TOKEN = "callback-token-THROWAWAY-44n"
# (how a citizen wrote it, the part of the number that must not be kept, as written)
WRITTEN = [
    ("我的电话138.0013.8000，请回电", "0013.8000"),
    ("手机\u200b139\u200b0013\u200b9001\u200b谢谢", "0013\u200b9001"),  # zero-width spaces
    ("联系我 137－0013－7002", "0013－7002"),  # full-width dashes
    ("tel13600136003", "13600136003"),
    ("电话 135  0013  5004 （两个空格）", "0013  5004"),
    ("座机 010/6601/2345", "6601/2345"),
    ("身份证号 110105_19491231_002X", "19491231"),
    ("手机号幺三四零零幺三四零零五", "零零幺三四零零五"),
]


@pytest.fixture
def receiver(tmp_path: Path, emulator: Emulator) -> Iterator[Path]:
    spool = tmp_path / "server" / "wechat-push.jsonl"
    server = serve(Spool(spool), TOKEN)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/wechat"
    plant(emulator, {"kind": "callback", "url": url, "token": TOKEN})
    try:
        yield spool
    finally:
        server.shutdown()
        server.server_close()


def test_a_number_written_with_any_separator_never_reaches_the_inbox(
    tmp_path: Path, emulator: Emulator, receiver: Path
) -> None:
    repo = unit_repo(tmp_path / "unit")
    for i, (text, _) in enumerate(WRITTEN):
        plant(
            emulator,
            {"kind": "message", "platform": "wechat", "text": text, "user": f"oNUM{i}"},
        )
    env = inbox_env(emulator, **{SPOOL_ENV: str(receiver)})
    fetched = inbox(repo, env, "fetch")
    assert fetched.code == 0, fetched.out + fetched.err
    rows = stored(repo)
    assert len(rows) == len(WRITTEN)
    kept = json.dumps(rows, ensure_ascii=False)
    status = inbox(repo, env, "status")
    assert status.code == 0, status.err
    history = git(repo, "log", "-p", "--all")
    for _, digits in WRITTEN:
        assert digits not in kept and digits not in status.out and digits not in history
    assert kept.count("［号码已隐去］") == len(WRITTEN)
    assert "请回电" in kept and "谢谢" in kept  # the question itself is kept
