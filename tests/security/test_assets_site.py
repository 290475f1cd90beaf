"""The archive copies only the images a published post lists, as committed: a symlinked
image or image folder pointing at a server file, a ``..`` path and a file that is only in
the working tree never reach the public site; the honest image does."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from pipeline.platforms.cover import default_cover
from tests.conftest import Repo, run_cli
from tests.security.assets_support import SECRET, post_text, secret_file, unit_repo
from tests.security.ledger_support import enroll_publisher
from tests.site.kit import publish

POST = "content/posts/2026/11/yanshi-fuwu.md"
FOLDER = "content/posts/2026/11"
HONEST = default_cover()
BODY = """![大厅](images/hall.png)

![链接](images/linked.png)

![目录链接](shared/server-secret.png)

![未提交](images/uncommitted.png)

<img src="../../../../outside.png">

![编码](%2e%2e/%2e%2e/x.png)
"""


def test_only_the_reviewed_regular_image_reaches_the_site(
    make_repo: Callable[..., Repo], tmp_path: Path
) -> None:
    repo = unit_repo(make_repo("unit"))
    enroll_publisher(repo)
    outside = tmp_path / "server"
    secret = secret_file(outside)
    (tmp_path / "outside.png").write_bytes(SECRET)
    repo.write(f"{FOLDER}/images/hall.png", HONEST)
    os.symlink(secret, repo.path / f"{FOLDER}/images/linked.png")
    os.symlink(outside, repo.path / f"{FOLDER}/shared")
    repo.write(POST, post_text(BODY, cover="images/hall.png"))
    repo.commit("A post with one honest image and hostile ones")
    repo.write(f"{FOLDER}/images/uncommitted.png", SECRET)  # only in the server's work tree
    publish(repo, POST, at="2026-11-20T02:00:00Z")

    result = run_cli("build", cwd=repo.path, env={"GOVMEDIA_SITE_URL": "http://127.0.0.1:8000/"})
    assert result.code == 0, result.out + result.err
    site = repo.path / "site"
    media = sorted((site / "media").iterdir())
    assert [p.read_bytes() for p in media] == [HONEST]  # the honest image, nothing else
    for path in site.rglob("*"):
        if path.is_file():
            assert SECRET not in path.read_bytes(), path
    page = (site / "posts" / "yanshi-fuwu.html").read_text(encoding="utf-8")
    assert page.count('src="../media/') == 1
    # the build says, in Chinese and naming the file, what it left out and why
    assert f"{FOLDER}/images/linked.png 是符号链接" in result.err
    assert f"{FOLDER}/shared 是符号链接" in result.err
    assert "「..」" in result.err and "URL 编码" in result.err
