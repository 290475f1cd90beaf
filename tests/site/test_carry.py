"""The carry-over rebuild: unchanged pages of the previous site are hard-linked into the new
one instead of being written again (``pipeline/site/carry.py``, ``theme/carry_over.py``),
the site stays byte-identical to ``govmedia build --full``, and a previous site or list
that cannot be proved (a file changed in place, a foreign or missing file, an edited list,
one others can write) carries nothing."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.project import Project
from pipeline.site import carry
from pipeline.site.build import CARRY_DIR, private_folder
from tests.conftest import isolated_git_module
from tests.site.conftest import APP, CORRECTED, Built, build_cli, correct, make_site
from tests.site.test_incremental import build, tree

UNCHANGED = f"posts/{Path(APP).stem}.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    with isolated_git_module(tmp_path_factory, "carry-home") as (mp, _):
        mp.setenv("SOURCE_DATE_EPOCH", "1795000000")  # the sitemap's date: one for every build
        yield make_site(tmp_path_factory.mktemp("carry"))


def inodes(folder: Path) -> dict[str, int]:
    return {
        p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*") if p.is_file()
    }


def kept(before: dict[str, int], folder: Path) -> set[str]:
    """The files of ``folder`` that are the same files (inodes) as before the build."""
    return {name for name, ino in inodes(folder).items() if before.get(name) == ino}


def assert_same_as_full(site: Built) -> None:
    repo = site.repo.path
    build(repo, "--full", "--out", "site-full")
    incremental, full = tree(site.site), tree(repo / "site-full")
    assert sorted(incremental) == sorted(full)
    assert [name for name in incremental if incremental[name] != full[name]] == []
    assert not [name for name in incremental if ".govmedia-carr" in name]


def test_a_rebuild_carries_unchanged_pages_and_equals_a_full_build(site: Built) -> None:
    before = inodes(site.site)
    correct(site, "沿用测试：更正咨询电话。", "2026-06-02T02:00:00Z")
    build(site.repo.path)
    same = kept(before, site.site)
    posts = {n for n in before if n.startswith("posts/")}
    corrected = f"posts/{Path(CORRECTED).stem}.html"
    assert corrected in posts and corrected not in same
    assert "沿用测试" in site.page(corrected)
    assert len(same & posts) >= len(posts) - 3  # the corrected post and its neighbours
    assert UNCHANGED in same
    assert "search/search_index.json" not in same  # whole files are written again
    assert_same_as_full(site)


def test_a_page_changed_in_place_is_built_again(site: Built) -> None:
    build(site.repo.path)  # the list of the site as it is
    page = site.site / UNCHANGED
    data = page.read_bytes()
    at = data.index(b"</title>")
    page.write_bytes(data[: at - 1] + b"X" + data[at:])  # the same size, another hash
    before = inodes(site.site)
    result = build_cli(site.repo.path)
    assert result.returncode == 0, result.stderr
    assert "无法核实" in result.stderr  # linked, hashed, refused: every page written
    assert kept(before, site.site) == set()
    assert page.read_bytes() == data
    assert_same_as_full(site)


@pytest.mark.parametrize("change", ["foreign", "missing", "edited", "writable"])
def test_a_site_or_list_that_cannot_be_proved_carries_nothing(site: Built, change: str) -> None:
    repo = site.repo.path
    build(repo)
    listed = carry.list_file(private_folder(Project(repo), CARRY_DIR), site.site)
    assert listed.is_file()
    extra = site.site / "posts/extra.html"
    if change == "foreign":
        extra.write_text("<p>不是构建生成的文件</p>", encoding="utf-8")
    elif change == "missing":
        (site.site / UNCHANGED).unlink()
    elif change == "edited":
        text = listed.read_text(encoding="utf-8")
        form = f'"format":{carry.FORMAT}'
        assert form in text
        listed.write_text(text.replace(form, form + " "), encoding="utf-8")
    else:
        listed.chmod(0o666)
    before = inodes(site.site)
    build(repo)
    assert kept(before, site.site) == set()
    assert not extra.exists()
    assert (site.site / UNCHANGED).is_file()
    assert_same_as_full(site)
    assert listed.stat().st_mode & 0o077 == 0


def test_a_list_folder_others_can_write_is_refused(site: Built) -> None:
    folder = private_folder(Project(site.repo.path), CARRY_DIR)
    folder.chmod(0o777)
    try:
        result = build_cli(site.repo.path)
    finally:
        folder.chmod(0o700)
    assert result.returncode != 0 and "他人可写" in result.stderr


def test_a_failed_carry_build_leaves_the_previous_site_byte_for_byte(site: Built) -> None:
    build(site.repo.path)
    before = tree(site.site)
    correct(site, "沿用测试：失败的构建。", "2026-06-03T02:00:00Z")
    # a site URL without a scheme: mkdocs refuses the configuration
    result = build_cli(site.repo.path, site_url="archive.example.gov.cn/")
    assert result.returncode != 0 and "原站点保持不变" in result.stderr
    assert tree(site.site) == before
    assert not [p for p in site.site.parent.iterdir() if p.name.startswith(".site-new-")]
    build(site.repo.path)
    assert_same_as_full(site)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("posts/a.html", True),
        ("../a.html", False),
        ("posts/../../a.html", False),
        (".hidden/a.html", False),
        ("/etc/a.html", False),
        ("posts/a.txt", False),
        ("posts/unlisted.html", False),
        ("posts/written.html", False),
        ("posts/other.html", False),
    ],
)
def test_link_takes_only_listed_unwritten_pages_with_their_hash(
    tmp_path: Path, name: str, ok: bool
) -> None:
    out, staging = tmp_path / "site", tmp_path / "staging"
    (out / "posts").mkdir(parents=True)
    (staging / "posts").mkdir(parents=True)
    for page in ("a", "written", "other", "unlisted"):
        (out / f"posts/{page}.html").write_bytes(f"<p>{page}</p>".encode())
    (staging / "posts/written.html").write_bytes(b"<p>written</p>")
    files = {f"posts/{p}.html": _sha(f"<p>{p}</p>".encode()) for p in ("a", "written")}
    files["posts/other.html"] = _sha(b"<p>changed since</p>")
    (staging / carry.CARRIED).write_text(json.dumps([name]), encoding="utf-8")
    (staging / carry.CARRY_IN).write_text("{}", encoding="utf-8")
    result = carry.link(out, staging, files)
    assert not (staging / carry.CARRY_IN).exists()
    if ok:
        assert result == {name: files[name]}
        assert os.stat(staging / name).st_ino == os.stat(out / name).st_ino
    else:
        assert result is None


def test_link_without_the_hooks_list_is_refused(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "staging").mkdir()
    assert carry.link(tmp_path / "site", tmp_path / "staging", {}) is None


def test_the_hook_and_govmedia_agree_and_a_carry_is_never_inherited(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pipeline.site import theme
    from pipeline.site.build import mkdocs_env

    monkeypatch.syspath_prepend(str(theme.THEME_DIR))  # as mkdocs loads a hook: its folder
    spec = importlib.util.spec_from_file_location(
        "gm_carry_over", theme.THEME_DIR / "carry_over.py"
    )
    assert spec is not None and spec.loader is not None
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    assert (hook.CARRY_IN, hook.CARRIED) == (carry.CARRY_IN, carry.CARRIED)
    assert hook.VARIABLE == theme.CARRY_VARIABLE
    env = mkdocs_env({theme.CARRY_VARIABLE: "1", "LANG": "C.UTF-8"}, Path("docs"))
    assert theme.CARRY_VARIABLE not in env and env["LANG"] == "C.UTF-8"
