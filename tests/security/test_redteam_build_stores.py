"""A branch cannot plant what the archive build reuses (threat model, class 3).

The attacker builds the site honestly, so every store of the build holds entries under the
keys an honest build computes; they copy the stored HTML into the working tree at the
folders the build used to read (``build/body-cache``, ``build/page-cache``), poison it,
reseal the body store's digest and commit the files on a branch with ``git add -f``. A
reviewer (or a forge's publish job after a merge) clones the repository, checks out the
branch and builds: the poisoned HTML must never reach the site, and the honest build next
to it still reuses its own stores."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline import git as git_module
from pipeline.project import Project
from pipeline.rules.cache import digest
from pipeline.site import acks_kept, body_store
from pipeline.site.build import BODY_CACHE_DIR, CARRY_DIR, PAGE_CACHE_DIR, private_folder
from pipeline.site.post_outputs import OUTPUTS_DIR, page_hashes
from tests.conftest import git, isolated_git_module
from tests.site.conftest import Built, build_cli, make_site

MARK = "投毒标记-planted-by-a-branch"
POISON = f'<p>{MARK}</p><script>alert("{MARK}")</script>'
PLANTED = {"body": "build/body-cache", "page": "build/page-cache"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    with isolated_git_module(tmp_path_factory, "stores-home") as (mp, _):
        mp.setenv("SOURCE_DATE_EPOCH", "1795000000")
        yield make_site(tmp_path_factory.mktemp("stores"))


def poisoned_body_store(repo: Path) -> dict[str, str]:
    """The honest body store with every stored page, HTML body, feed body and version's
    acknowledgements poisoned, sealed again (each output's entry, ``post_outputs.py``, and the hashes of its page files
    in the store's file): the files to commit under ``build/body-cache``."""
    folder = private_folder(Project(repo), BODY_CACHE_DIR)
    stored = folder / body_store.FILE
    data = json.loads(stored.read_text(encoding="utf-8").partition("\n")[2])
    assert data["posts"], "the honest build stored no post"
    files = {}
    for key in data["posts"]:
        path = folder / OUTPUTS_DIR / f"{key}.json"
        entry = json.loads(path.read_text(encoding="utf-8").partition("\n")[2])
        entry["output"] = [part + POISON for part in entry["output"]]
        data["posts"][key] = list(page_hashes(tuple(entry["output"])))  # type: ignore[arg-type]
        payload = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
        files[f"{OUTPUTS_DIR}/{key}.json"] = digest(payload) + "\n" + payload
    labels = [key for key, text in data["kept"].items() if acks_kept.labels_from(text, 3)]
    assert labels, "the honest build kept no version's acknowledgements"
    for key in labels:  # each version's acknowledgements (``acks_kept.py``)
        data["kept"][key] = json.dumps([[f"第 1 行 [A1-01]「{MARK}」"]] * 3, ensure_ascii=False)
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    files[body_store.FILE] = digest(payload) + "\n" + payload
    return files


def poisoned_page_cache(repo: Path) -> dict[str, str]:
    """The honest page cache with every stored page output poisoned: the files to commit
    under ``build/page-cache`` (entries are named by their key)."""
    files, poisoned = {}, 0
    for path in private_folder(Project(repo), PAGE_CACHE_DIR).glob("*.json"):
        entry = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(entry.get("output"), str):
            entry["output"] = entry["output"].replace("</body>", POISON + "</body>")
            poisoned += POISON in entry["output"]
        if isinstance(entry.get("content"), str):
            entry["content"] += POISON
        files[path.name] = json.dumps(entry, ensure_ascii=False)
    assert poisoned >= 5, "the honest build stored no page"
    return files


@pytest.mark.parametrize("store", sorted(PLANTED))
def test_store_entries_committed_on_a_branch_never_reach_the_site(
    site: Built, store: str, tmp_path: Path
) -> None:
    repo = site.repo
    planted = poisoned_body_store(repo.path) if store == "body" else poisoned_page_cache(repo.path)
    branch = f"post/planted-{store}"
    repo.git("checkout", "-q", "-b", branch, "main")
    try:
        for name, text in planted.items():
            repo.write(f"{PLANTED[store]}/{name}", text)
        repo.git("add", "-f", PLANTED[store])
        repo.git("commit", "-q", "-m", "Add a notice")
    finally:
        repo.git("checkout", "-q", "main")
    assert repo.git("ls-tree", "-r", "--name-only", branch, PLANTED[store]).strip()

    clone = tmp_path / "reviewer"
    git("clone", "-q", "-b", branch, str(repo.path), str(clone), cwd=tmp_path)
    result = build_cli(clone)
    assert result.returncode == 0, result.stderr + result.stdout
    built = Built(repo, clone / "site")
    assert (built.site / "index.html").is_file()
    assert MARK not in built.all_text()
    assert not git("status", "--porcelain", cwd=clone).strip()  # the planted files untouched

    # the honest build beside it reuses its own stores: the same site, built again
    again = build_cli(clone)
    assert again.returncode == 0, again.stderr + again.stdout
    assert MARK not in built.all_text()
    assert private_folder(Project(clone), BODY_CACHE_DIR).joinpath(body_store.FILE).is_file()
    shutil.rmtree(clone)


def test_every_store_of_the_build_is_inside_the_git_directory(site: Built) -> None:
    """No store folder can be a path a commit can hold: each is in the checkout's git
    directory, private to the building user."""
    project = Project(site.repo.path)
    git_dir = git_module.git_dir(site.repo.path)
    assert git_dir is not None
    for name in (BODY_CACHE_DIR, PAGE_CACHE_DIR, CARRY_DIR):
        folder = private_folder(project, name)
        assert folder.is_relative_to(git_dir), folder
        assert folder.stat().st_mode & 0o077 == 0
