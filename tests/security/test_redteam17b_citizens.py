"""Red team, round 17b: the citizens' side (第十二条), the inbox as its writer keeps it.

Each test runs the real ``govmedia inbox`` in new processes against the loopback emulator,
with citizens' comments planted there, in a unit repository built in ``tmp_path``.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.emulators import Emulator
from pipeline.interaction.store import Inbox
from tests.interaction_support import inbox_env, plant, platform_items, spawn, stored, unit_repo
from tests.publish_support import faults


def test_two_fetches_at_once_store_each_comment_once(tmp_path: Path, emulator: Emulator) -> None:
    """Two ``inbox fetch`` processes at once (the hook's and an operator's, or two hooks on
    one clone): each read the stored ids and the cursor before its platform call, both read
    the same comment while the platform took its time, and both appended it. The readers
    defend (a first record), but the writer left a second record of one id and raced on the
    cursors and on what it attests. A fetch now holds the inbox's lock from its first read
    to its last write; the second one waits, reads what the first stored, and adds nothing."""
    repo = unit_repo(tmp_path / "unit")
    platform_items(emulator)
    [planted] = plant(
        emulator, {"kind": "comment", "platform": "weibo", "text": "请问社保卡怎么补办？"}
    )
    faults(emulator, {"path": "/2/comments/to_me.json", "latency": 3.0, "times": 2})
    env = inbox_env(emulator)
    runs = [spawn(repo, env, "inbox", "fetch") for _ in range(2)]
    results = [(*run.communicate(timeout=120), run.returncode) for run in runs]
    for out, err, code in results:
        assert code == 0, out + err
    ids = [row["id"] for row in stored(repo)]
    assert ids.count(f"weibo:{planted['id']}") == 1, ids
    assert "新增 1 条" in "".join(out for out, _, _ in results)
    first, disputed = Inbox(repo).read()
    assert f"weibo:{planted['id']}" in first and not disputed
