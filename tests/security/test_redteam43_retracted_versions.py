"""Red team round 43: a retraction takes down every version of a post, and the watch
expects every one of them gone.

A corrected post has two items on WeChat and on Weibo (a correction is a new item beside
the first). ``govmedia retract`` deletes both on each platform and records one
``retracted`` naming the latest; the watch folded that record onto the latest version
only, so the first version stayed "live" in its eyes: gone (the honest retraction), it was
reported ``missing`` — 未经撤回流程 — at every run; still shown (the platform answered the
deletion with success and kept the status), it was taken for a live post and nothing was
reported. Real repository, the real ``govmedia publish`` and ``watch`` as subprocesses,
the leader's signed 撤回 order, the loopback emulators.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.emulators import Emulator
from tests.publish_support import (
    approve,
    env_for,
    faults,
    git,
    publish_process,
    published,
    retract_in_process,
    small_repo,
)
from tests.watch_support import published_ids, watch_json

POST = "content/posts/2026/11/nianmo-fanzha-tixing.md"


def corrected_post(tmp: Path, emu: Emulator) -> Path:
    """A unit whose post went out, was corrected, re-approved and went out again."""
    repo = small_repo(tmp / "unit", ("2026/11/nianmo-fanzha-tixing.md",))
    assert publish_process(repo, env_for(emu)).code == 0
    post = repo / POST
    post.write_text(post.read_text(encoding="utf-8") + "\n更正：咨询电话为 12345。\n", "utf-8")
    git(repo, "commit", "-qam", "Correct the hotline")
    approve(repo, [POST])
    run = publish_process(repo, env_for(emu))
    assert run.code == 0, run.out + run.err
    assert len(published_ids(repo, "weibo")) == 2 and len(published_ids(repo, "wechat")) == 2
    return repo


def test_a_version_the_platform_kept_after_a_retraction_is_reported(
    tmp_path: Path, emulator: Emulator
) -> None:
    repo = corrected_post(tmp_path, emulator)
    first = published_ids(repo, "weibo")[0]
    # statuses/destroy of the first version answers success and deletes nothing
    kept = {"id": int(first), "idstr": first, "text": "已删除"}
    faults(emulator, {"path": "/2/statuses/destroy.json", "reply": kept, "times": 1})
    code, lines = retract_in_process(repo, emulator, POST)
    assert code == 0, lines
    assert [str(s["id"]) for s in published(emulator)["weibo"]] == [first]  # still shown
    code, found = watch_json(repo, emulator)
    assert code == 1
    assert [(d["kind"], d["platform_id"]) for d in found] == [("retracted-visible", first)]


def test_a_corrected_post_retracted_everywhere_leaves_the_watch_quiet(
    tmp_path: Path, emulator: Emulator
) -> None:
    repo = corrected_post(tmp_path, emulator)
    code, lines = retract_in_process(repo, emulator, POST)
    assert code == 0, lines
    assert published(emulator) == {"wechat": [], "weibo": [], "app": []}
    code, found = watch_json(repo, emulator)
    assert (code, found) == (0, [])
