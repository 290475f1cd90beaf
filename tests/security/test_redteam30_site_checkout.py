"""Red team round 30 (pinned): a branch's files over a warm build's generated folders.

The private stores live in the git directory (round 16), but the docs folder a build
generates (``build/docs``) and the site (``site/`` by default) are in the working tree, and
git overwrites an ignored file without a word when a branch it checks out tracks that path.
The attacker builds the site as the reviewer will (the output is deterministic), overwrites
bytes of every generated post file and post page with a script at the same sizes, and
commits them with ``git add -f`` on a branch. The reviewer, whose clone holds a warm build,
checks the branch out and builds again: the rebuild links a previous docs file only when it
holds the hash the body store keeps, writes only files whose bytes differ, carries a
previous page only when its bytes have the sealed list's hash, so the site equals a
``--full`` build's and holds no planted byte.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.site.conftest import Built, assert_same_as_full, build_cli, module_site

MARK = "投毒标记-checked-out-over-the-build"
POISON = f"<script>alert('{MARK}')</script>\n".encode()
FOLDERS = ("build/docs/posts", "build/docs/.bodies", "site/posts")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    yield from module_site(tmp_path_factory, "checkout-over")


def _same_size_poison(path: Path) -> None:
    """``path``'s last bytes overwritten by the script: the file keeps its size."""
    data = path.read_bytes()
    assert len(data) > len(POISON)
    path.write_bytes(data[: -len(POISON)] + POISON)


def _planted(repo: Path) -> list[str]:
    files = sorted(
        p.relative_to(repo).as_posix()
        for folder in FOLDERS
        for p in (repo / folder).rglob("*")
        if p.is_file() and p.suffix in (".md", ".html")
    )
    assert len(files) >= 9, files
    return files


def test_a_branch_tracking_the_generated_files_never_reaches_the_site(site: Built) -> None:
    repo = site.repo
    files = _planted(repo.path)
    repo.git("checkout", "-q", "-b", "post/planted-docs", "main")
    for rel in files:
        _same_size_poison(repo.path / rel)
    repo.git("add", "-f", *files)
    repo.git("commit", "-q", "-m", "Add a notice")
    repo.git("checkout", "-q", "main")  # the branch's tracked files leave the work tree
    warm = build_cli(repo.path)  # the reviewer's warm build on main
    assert warm.returncode == 0, warm.stderr + warm.stdout
    assert MARK not in site.all_text()
    repo.git("checkout", "-q", "post/planted-docs")  # git overwrites the ignored files
    assert all(POISON in (repo.path / rel).read_bytes() for rel in files)
    result = build_cli(repo.path)
    assert result.returncode == 0, result.stderr + result.stdout
    assert MARK not in site.all_text()
    docs = repo.path / "build" / "docs"
    assert not [p for p in docs.rglob("*") if p.is_file() and POISON in p.read_bytes()]
    assert_same_as_full(site)
