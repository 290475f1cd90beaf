"""Red team round 30: a branch's links in the build folder, written through by the build.

``govmedia build`` writes two files of its own into ``build/`` in the working tree: the
never-commit ``build/.gitignore`` (``*``) and the lock ``build/.lock``. Both were opened by
name, following a symbolic link. The unit's server refuses links anywhere, but a pull
request on a hosted forge (or any branch a reviewer fetches) may track
``build/.gitignore`` as a link to any file of the reviewer's (``../../victim.txt``); git
replaces the ignored file with the link without a word when the branch is checked out,
and the reviewer's preview build truncated the file the link names and wrote ``*`` into it
(the lock's link created a file wherever it pointed). Now the build refuses a build folder
whose own files are not plain files, naming the file, and writes nothing through them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.site.conftest import Built, build_cli, module_site

PRECIOUS = "审核人自己的文件，不能被构建改写。\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    yield from module_site(tmp_path_factory, "build-folder")


def test_links_a_branch_tracks_in_the_build_folder_are_never_written_through(
    site: Built,
) -> None:
    repo = site.repo
    victim = repo.path.parent / "victim.txt"
    victim.write_text(PRECIOUS, encoding="utf-8")
    created = repo.path.parent / "created-by-the-lock"
    repo.git("checkout", "-q", "-b", "post/links-in-build", "main")
    for name, target in ((".gitignore", victim.name), (".lock", created.name)):
        link = repo.path / "build" / name
        link.unlink()
        os.symlink(f"../../{target}", link)
    repo.git("add", "-f", "build/.gitignore", "build/.lock")
    repo.git("commit", "-q", "-m", "Add a notice")
    repo.git("checkout", "-q", "main")  # the tracked links leave the work tree
    warm = build_cli(repo.path)  # the reviewer's warm build: build/.gitignore a plain file
    assert warm.returncode == 0, warm.stderr + warm.stdout
    before = {p.relative_to(site.site): p.read_bytes() for p in site.site.rglob("*") if p.is_file()}

    repo.git("checkout", "-q", "post/links-in-build")  # git replaces the ignored files
    assert (repo.path / "build" / ".gitignore").is_symlink()
    result = build_cli(repo.path)
    assert victim.read_text(encoding="utf-8") == PRECIOUS
    assert not created.exists()
    assert result.returncode != 0 and "build/.gitignore" in result.stderr, result.stderr
    assert "符号链接" in result.stderr and "Traceback" not in result.stderr, result.stderr
    after = {p.relative_to(site.site): p.read_bytes() for p in site.site.rglob("*") if p.is_file()}
    assert after == before  # the site already built stays as it was

    repo.git("checkout", "-q", "main")  # honest: without the links the build goes on
    again = build_cli(repo.path)
    assert again.returncode == 0, again.stderr + again.stdout
    assert not (repo.path / "build" / ".gitignore").is_symlink()
    assert victim.read_text(encoding="utf-8") == PRECIOUS


def test_an_output_folder_below_a_link_the_branch_tracks_is_refused(site: Built) -> None:
    """``--out a/b/site`` where the branch tracks ``a`` as a link: the site would be written
    wherever the link points (only a link at the output folder itself was refused)."""
    repo = site.repo
    elsewhere = repo.path.parent / "elsewhere"
    elsewhere.mkdir()
    link = repo.path / "linked-out"
    os.symlink("../elsewhere", link)
    try:
        result = build_cli(repo.path, "--out", "linked-out/b/site")
        assert result.returncode == 2, result.stderr + result.stdout
        assert "linked-out" in result.stderr and "符号链接" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
        assert not any(elsewhere.iterdir())  # nothing written through the link
        plain = build_cli(repo.path, "--out", "plain-out/b/site")  # honest: no link, built
        assert plain.returncode == 0, plain.stderr + plain.stdout
        assert (repo.path / "plain-out/b/site/index.html").is_file()
    finally:
        link.unlink()
