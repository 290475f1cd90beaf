"""The publisher uploads only what a post lists and the commit holds as a regular file:
a symlinked image (file or folder) pointing at a server file is never uploaded, a ``..``
path is refused, a working-tree swap is not what goes out, and two posts sharing a slug
are never published. Real repository, real signed approvals, real loopback emulator."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from pipeline.emulators import Emulator
from tests.publish_support import (
    approve,
    env_for,
    git,
    ledger_records,
    publish_process,
    published,
    small_repo,
)
from tests.security.assets_support import SECRET, secret_file

pytestmark = pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="需要 ssh-keygen")

APP_POST = "content/posts/2026/03/zhangshang-app-shangxian.md"  # cover + body image
IMAGE = "content/posts/2026/03/images/app-shangxian.png"
NOTICE = "content/posts/2026/11/nianmo-fanzha-tixing.md"  # no image
APP_TITLE_WORD = "APP"


def uploaded_sizes(emu: Emulator) -> list[int]:
    """Sizes of every image and material the WeChat emulator received."""
    with emu.state.lock:
        sizes = list(emu.state.images.values())
        sizes += [int(m.get("size", -1)) for m in emu.state.materials.values()]
    return sizes


def wechat_titles(emu: Emulator) -> list[str]:
    return [a["title"] for a in published(emu)["wechat"]]


def failures(repo: Path) -> list[dict]:
    return [r for r in ledger_records(repo) if r["event"] == "failed"]


def test_symlinked_image_to_a_server_file_is_never_uploaded(
    tmp_path: Path, emulator: Emulator
) -> None:
    repo = small_repo(tmp_path / "unit", approved=False)
    secret = secret_file(tmp_path / "server")
    (repo / IMAGE).unlink()
    os.symlink(secret, repo / IMAGE)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Swap the image for a symlink")
    approve(repo)
    run = publish_process(repo, env_for(emulator))
    assert "符号链接" in run.out and IMAGE in run.out, run.out + run.err
    assert not any(APP_TITLE_WORD in t for t in wechat_titles(emulator))
    link_text = len(str(secret).encode())
    assert len(SECRET) not in uploaded_sizes(emulator)
    assert link_text not in uploaded_sizes(emulator)
    app_items = published(emulator)["app"]
    assert not any("zhangshang-app-shangxian" in str(i) for i in app_items)  # cover refused too
    # the honest posts of the same run went out
    assert any("诈骗" in t for t in wechat_titles(emulator))
    assert {r["path"] for r in failures(repo)} == {APP_POST}


def test_symlinked_image_folder_is_never_read(tmp_path: Path, emulator: Emulator) -> None:
    repo = small_repo(tmp_path / "unit", approved=False)
    outside = tmp_path / "server"
    secret_file(outside)
    shutil.copy2(outside / "server-secret.png", outside / "app-shangxian.png")
    shutil.rmtree(repo / IMAGE.rsplit("/", 1)[0])
    os.symlink(outside, repo / IMAGE.rsplit("/", 1)[0])
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Swap the image folder for a symlink")
    approve(repo)
    run = publish_process(repo, env_for(emulator))
    # refused before any read: the image is not in the approved tree (the folder is a link)
    assert f"{IMAGE} 在该版本中不存在" in run.out, run.out + run.err
    assert len(SECRET) not in uploaded_sizes(emulator)
    assert not any(APP_TITLE_WORD in t for t in wechat_titles(emulator))
    assert any("诈骗" in t for t in wechat_titles(emulator))


def test_dotdot_image_path_is_refused_before_any_upload(tmp_path: Path, emulator: Emulator) -> None:
    repo = small_repo(tmp_path / "unit", approved=False)
    notice = repo / NOTICE
    notice.write_text(
        notice.read_text(encoding="utf-8") + "\n![图](../../2026/03/images/app-shangxian.png)\n",
        encoding="utf-8",
    )
    git(repo, "commit", "-qam", "Pull in another month's image")
    approve(repo)
    before = len(emulator.state.images)
    run = publish_process(repo, env_for(emulator))
    assert NOTICE in run.out and "「..」" in run.out, run.out + run.err
    assert not any("诈骗" in t for t in wechat_titles(emulator))
    # the APP post (its own image, honest) is the only upload of the run
    assert len(emulator.state.images) - before == 1
    assert any(APP_TITLE_WORD in t for t in wechat_titles(emulator))


def test_working_tree_swap_is_not_what_is_uploaded(tmp_path: Path, emulator: Emulator) -> None:
    repo = small_repo(tmp_path / "unit")
    committed = (repo / IMAGE).stat().st_size
    (repo / IMAGE).write_bytes(SECRET)  # not committed, not reviewed
    run = publish_process(repo, env_for(emulator))
    assert run.code == 0, run.out + run.err
    assert any(APP_TITLE_WORD in t for t in wechat_titles(emulator))
    assert committed in uploaded_sizes(emulator)
    assert len(SECRET) not in uploaded_sizes(emulator)


def test_two_posts_sharing_a_slug_are_not_published(tmp_path: Path, emulator: Emulator) -> None:
    repo = small_repo(tmp_path / "unit", approved=False)
    twin = NOTICE.replace("/11/", "/10/")
    (repo / twin).parent.mkdir(parents=True)
    text = (repo / NOTICE).read_text(encoding="utf-8")
    (repo / twin).write_text(text.replace("date: 2026-11", "date: 2026-10"), encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Same slug in another month")
    approve(repo)
    run = publish_process(repo, env_for(emulator))
    assert f"暂不发布：{NOTICE}" in run.out and f"暂不发布：{twin}" in run.out, run.out
    assert "重复" in run.out
    assert not any("诈骗" in t for t in wechat_titles(emulator))
    assert not any(r["path"] in (NOTICE, twin) for r in ledger_records(repo))
    assert any(APP_TITLE_WORD in t for t in wechat_titles(emulator))  # the honest post


def test_a_new_post_cannot_take_a_published_posts_slug(tmp_path: Path, emulator: Emulator) -> None:
    repo = small_repo(tmp_path / "unit")
    first = publish_process(repo, env_for(emulator))
    assert first.code == 0, first.out + first.err
    count = sum(len(v) for v in published(emulator).values())
    twin = NOTICE.replace("/11/", "/10/")
    (repo / twin).parent.mkdir(parents=True)
    text = (repo / NOTICE).read_text(encoding="utf-8")
    (repo / twin).write_text(
        text.replace("date: 2026-11", "date: 2026-10") + "\n另一篇文章。\n", encoding="utf-8"
    )
    git(repo, "rm", "-q", NOTICE)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "A different post under the published slug")
    approve(repo, [twin])
    second = publish_process(repo, env_for(emulator))
    assert f"暂不发布：{twin}" in second.out and NOTICE in second.out, second.out
    assert sum(len(v) for v in published(emulator).values()) == count
