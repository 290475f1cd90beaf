"""Attack battery, classes 1–2: forged, misbound or misordered approvals of a post.

Each test pushes the attack to a real bare repository whose pre-receive hook was installed by
``install_hooks`` and asserts that the server refuses it (main does not move), then that the
honest version of the same change is accepted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from pipeline.errors import GovmediaError
from tests.security.battery_support import (
    HONEST,
    IMAGE,
    IMAGE_POST,
    Unit,
    accepted,
    post_text,
    sob,
)

POST = "content/posts/2026/11/yanshi-fuwu.md"


def new_post(unit: Unit, path: str = POST, title: str = "政务服务大厅延时服务") -> str:
    unit.branch("feature")
    unit.write(path, post_text(title))
    unit.commit(f"New post: {title}")
    return unit.blob(path)


def forged_then_honest(
    unit: Unit,
    start: str,
    forged: Sequence[tuple[str, int, dict[str, Any]]],
    honest: Sequence[str] = HONEST,
) -> None:
    """Push the hand-made chain ``forged`` (who, stage, options of ``Unit.approval``) as the
    attack, then reset to ``start`` and push the honest chain ``honest`` made by ``approve``."""
    for who, stage, options in forged:
        unit.approval(who, stage, [POST], **options)
    unit.attack()
    unit.clone.git("reset", "-q", "--hard", start)
    unit.approve_all(POST, people=honest)
    accepted(unit, unit.push())


def test_stale_approval_after_edit(unit: Unit) -> None:
    """Attack: get three approvals, then edit the post and push the edited text.
    Defence: approvals bind the blob; the edited blob has none, the push is refused."""
    new_post(unit)
    unit.approve_all(POST)
    approved = unit.head()
    unit.write(POST, post_text("政务服务大厅延时服务").replace("18时30分", "22时"))
    unit.commit("Edit after approval")
    unit.attack()
    unit.clone.git("reset", "-q", "--hard", approved)
    accepted(unit, unit.push())


def test_approval_of_blob_a_reused_for_blob_b(unit: Unit) -> None:
    """Attack: a post already approved at path A; the same approved text is copied to a new
    path B (other channels later) and pushed, leaning on A's approvals.
    Defence: an approval names path and blob; B has none and is refused."""
    new_post(unit)
    unit.approve_all(POST)
    accepted(unit, unit.push())
    copy = "content/posts/2026/11/yanshi-fuwu-copy.md"
    unit.write(copy, (unit.clone.path / POST).read_text(encoding="utf-8"))
    unit.commit("Copy of an approved post")
    assert unit.blob(copy) == unit.blob(POST)
    unit.attack()
    unit.approve_all(copy)
    accepted(unit, unit.push())


def test_approval_commit_not_an_ancestor(unit: Unit) -> None:
    """Attack: the three approvals live on a side branch that is on the server too, but the
    pushed main does not contain them.
    Defence: only approvals in the new main's history count."""
    new_post(unit)
    post_commit = unit.head()
    unit.clone.git("checkout", "-q", "-b", "side")
    unit.approve_all(POST)
    accepted(unit, unit.push("side:refs/heads/side"))
    unit.clone.git("checkout", "-q", "feature")
    assert unit.head() == post_commit
    unit.attack()
    unit.clone.git("merge", "-q", "--no-ff", "-m", "Merge approvals", "side")
    accepted(unit, unit.push())


# Attack: a chain of three approvals with one flaw; defence: the server refuses it.
FORGED_CHAINS = [
    # 孙丽 signs a stage-1 approval that says Signed-off-by 张伟. Defence: the signing key must
    # be one the roster lists for the Signed-off-by person.
    pytest.param(
        [("张伟", 1, {"key": "孙丽"}), ("李强", 2, {}), ("陈静", 3, {})],
        HONEST,
        id="key-listed-for-someone-else",
    ),
    # 张伟 signs with his own key but writes Signed-off-by 孙丽 (another editor) to pass stage 1
    # under her name. Defence: signer and Signed-off-by must be the same roster person.
    pytest.param(
        [("张伟", 1, {"signer_line": sob("孙丽")}), ("李强", 2, {}), ("陈静", 3, {})],
        ("孙丽", "李强", "陈静"),
        id="signed-off-by-mismatch",
    ),
    # A perfectly formed stage-3 approval naming a leader, without any signature. Defence:
    # approvals must carry a valid SSH signature.
    pytest.param(
        [("张伟", 1, {}), ("李强", 2, {}), ("陈静", 3, {"signed": False})],
        HONEST,
        id="unsigned",
    ),
    # A key nobody in the roster holds signs a leader's approval. Defence: only keys listed in
    # the roster in force count.
    pytest.param(
        [("张伟", 1, {}), ("李强", 2, {}), ("陈静", 3, {"key": "attacker"})],
        ("张伟", "李强", "赵明"),
        id="stranger-key",
    ),
    # 李强 holds both editor and chief_editor roles and signs stages 1 and 2. Defence: three
    # different people.
    pytest.param(
        [("李强", 1, {}), ("李强", 2, {}), ("陈静", 3, {})],
        HONEST,
        id="same-person-two-stages",
    ),
    # The author 王芳 (an editor) signs stage 1 of her own post. Defence: nobody approves their
    # own post.
    pytest.param(
        [("王芳", 1, {}), ("李强", 2, {}), ("陈静", 3, {})],
        HONEST,
        id="author-approves-own-post",
    ),
]


@pytest.mark.parametrize(("forged", "honest"), FORGED_CHAINS)
def test_forged_approval_chain(
    unit: Unit, forged: list[tuple[str, int, dict[str, Any]]], honest: tuple[str, ...]
) -> None:
    """Each forged chain is refused; the honest chain of the same post is accepted."""
    new_post(unit)
    forged_then_honest(unit, unit.head(), forged, honest)


@pytest.mark.parametrize(
    "author",
    [
        "author: >-\n  王芳 <wangfang@example.gov.cn>",
        '"author": 王芳 <wangfang@example.gov.cn>',
        "'author': \"王芳 <wangfang@example.gov.cn>\"",
    ],
    ids=["folded", "double-quoted-key", "single-quoted-key"],
)
def test_hidden_author_self_approval(unit: Unit, author: str) -> None:
    """Attack: the author line is written so a line-based reader misses it (folded scalar,
    quoted key); the author then signs stage 1 of her own post.
    Defence: the author is read with the post model's YAML parser — ``govmedia approve``
    refuses her, and the server refuses the hand-made self-approval."""
    unit.branch("feature")
    unit.write(POST, post_text("政务服务大厅延时服务", author=author))
    unit.commit("New post with an odd author line")
    start = unit.head()
    with pytest.raises(GovmediaError, match="作者"):
        unit.approve("王芳", 1, POST)
    unit.clone.git("reset", "-q", "--hard", start)
    forged_then_honest(unit, start, [("王芳", 1, {}), ("李强", 2, {}), ("陈静", 3, {})])


def test_image_swapped_after_review(unit: Unit) -> None:
    """Attack: a post with a cover image is approved; then only the image is replaced.
    Defence: ``govmedia approve POST`` binds the images the post pulls in by blob; a new
    image blob without approvals is refused."""
    unit.branch("feature")
    text = (unit.clone.path / IMAGE_POST).read_text(encoding="utf-8")
    unit.write(IMAGE_POST, text.replace("上线试运行。", "上线试运行，欢迎下载。", 1))
    unit.commit("Edit the app post")
    image_blob = unit.blob(IMAGE)
    unit.approve_all(IMAGE_POST)
    message = unit.clone.git("log", "-1", "--format=%B")
    assert f"Approves: {IMAGE}@{image_blob}" in message, message
    approved = unit.head()
    png = (unit.clone.path / IMAGE).read_bytes()
    unit.write(IMAGE, png + b"swapped")
    unit.commit("Swap the image")
    unit.attack()
    unit.clone.git("reset", "-q", "--hard", approved)
    accepted(unit, unit.push())
    # honest: the text is edited again, the image (already approved) is not; re-approval works
    text = (unit.clone.path / IMAGE_POST).read_text(encoding="utf-8")
    unit.write(IMAGE_POST, text.replace("欢迎下载。", "欢迎下载使用。", 1))
    unit.commit("Edit the app post again")
    unit.approve_all(IMAGE_POST)
    accepted(unit, unit.push())


def test_honest_chain_through_the_cli_is_accepted(unit: Unit) -> None:
    """Honest path: approvals made with the real CLI by three different people in order."""
    new_post(unit)
    unit.attack()
    from tests.conftest import run_cli

    for stage, who in enumerate(HONEST, 1):
        result = run_cli(
            "approve", POST, "--stage", str(stage), cwd=unit.clone.path, env=unit.env(who)
        )
        assert result.code == 0, result.err
    accepted(unit, unit.push())
    assert unit.review(POST)[0].publishable


def test_verify_json_carries_a_code_per_stage(unit: Unit) -> None:
    """Scripts tell refusals apart by code, not by Chinese prose: ``govmedia verify --format
    json`` gives every stage a machine-readable ``code`` and a Chinese ``reason``; a stale
    approval and a missing one have different codes."""
    new_post(unit)
    unit.approve("张伟", 1, POST)
    unit.write(POST, post_text("政务服务大厅延时服务").replace("18时30分", "22时"))
    unit.commit("Edit after the first approval")
    code, report, err = unit.verify_json()
    assert code == 1, err
    (entry,) = [e for e in report if e["path"] == POST]
    stages = {s["stage"]: s for s in entry["stages"]}
    for stage in stages.values():
        assert isinstance(stage.get("code"), str) and stage["code"].isascii() and stage["code"]
        assert not stage["ok"] and any("\u4e00" <= c <= "\u9fff" for c in stage["reason"])
    assert stages[1]["code"] != stages[2]["code"]


def test_bootstrap_creates_main_unchecked(unit: Unit) -> None:
    """Honest: creating main on an empty server (hooks installed) is the bootstrap and is
    accepted as it is; the next push to main is judged."""
    from pipeline.review.hooks import install_hooks
    from tests.conftest import git

    empty = unit.tmp / "empty.git"
    git("init", "-q", "--bare", "-b", "main", str(empty), cwd=unit.tmp)
    install_hooks(empty)
    (empty / "hooks" / "post-receive").unlink()
    unit.clone.git("remote", "set-url", "origin", str(empty))
    unit.bare = empty
    accepted(unit, unit.push("origin/main:refs/heads/main"))
    new_post(unit)
    unit.attack()
