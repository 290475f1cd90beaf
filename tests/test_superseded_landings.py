"""``superseded.landings`` walks the target branch once for every path a push touches,
and finds, path by path, what ``git log -1 --first-parent base -- path`` finds."""

from __future__ import annotations

from pathlib import Path

from pipeline import git as git_module
from pipeline.review import superseded
from tests.conftest import IDENTITY, git


def _commit(repo: Path, message: str, files: dict[str, str | None]) -> str:
    for name, text in files.items():
        path = repo / name
        if text is None:
            git("rm", "-q", "-r", "--", name, cwd=repo)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        git("add", "--", name, cwd=repo)
    git("commit", "-q", "-m", message, cwd=repo, env=IDENTITY)
    return git("rev-parse", "HEAD", cwd=repo).strip()


def _one_by_one(repo: Path, base: str, path: str) -> str:
    args = ["log", "-1", "--first-parent", "--format=%H", base, "--", f":(literal){path}"]
    return git(*args, cwd=repo).strip()


def _history(tmp_path: Path) -> tuple[Path, list[str]]:
    repo = tmp_path / "repo"
    repo.mkdir()
    git("init", "-q", "-b", "main", cwd=repo)
    names = ["posts/a b.md", "posts/通知.md", "governance/roster.yml", "x", "\nnewline.md"]
    _commit(repo, "start", {"posts/a b.md": "1", "posts/通知.md": "1", "x/inner.md": "1"})
    _commit(repo, "roster", {"governance/roster.yml": "1", "\nnewline.md": "1"})
    git("checkout", "-q", "-b", "side", cwd=repo)
    _commit(repo, "side edit", {"posts/通知.md": "2", "governance/roster.yml": "2"})
    git("checkout", "-q", "main", cwd=repo)
    _commit(repo, "dir to file", {"x/inner.md": None})
    _commit(repo, "file x", {"x": "a file now", "posts/a b.md": "2"})
    git("merge", "-q", "--no-ff", "side", "-m", "merge side", cwd=repo, env=IDENTITY)
    _commit(repo, "later", {"\nnewline.md": "2", "posts/a b.md": "3"})
    return repo, names


def test_one_walk_finds_what_a_walk_per_path_finds(tmp_path: Path) -> None:
    repo, names = _history(tmp_path)
    base = git("rev-parse", "main", cwd=repo).strip()
    found = superseded.landings(repo, base, [*names, "posts/new.md"])
    assert found == {name: _one_by_one(repo, base, name) for name in names}
    merge = git("rev-parse", "main~1", cwd=repo).strip()
    assert found["governance/roster.yml"] == merge  # landed by the merge, not the side commit
    assert found["\nnewline.md"] == base


def test_more_paths_than_one_walk_takes(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    repo, names = _history(tmp_path)
    base = git("rev-parse", "main", cwd=repo).strip()
    monkeypatch.setattr(superseded, "_PATHS_PER_WALK", 2)
    found = superseded.landings(repo, base, names)
    assert found == {name: _one_by_one(repo, base, name) for name in names}


def test_no_base_nothing_to_outrank(tmp_path: Path) -> None:
    repo, names = _history(tmp_path)
    assert superseded.landings(repo, None, names) == {}


def test_a_name_with_a_line_break_shifts_no_other_answer(tmp_path: Path) -> None:
    """``git cat-file --batch-check`` reads a line per name and echoes a missing one back:
    a pushed path holding a newline, U+2028 or a carriage return must not move the answers
    of the names after it (they decide which approvals are outranked)."""
    repo, names = _history(tmp_path)
    base = git("rev-parse", "main", cwd=repo).strip()
    asked = [f"{base}:{n}" for n in ["\nnew\nfile.md", "a\u2028b.md", "c\rd.md", *sorted(names)]]
    found = git_module.cat_file_batch_check(asked, cwd=repo)
    expected = {
        name: git("rev-parse", "--verify", "--end-of-options", name, cwd=repo).strip()
        for name in asked[3:]
    }
    assert found == expected
    roster = {"governance/roster.yml"}
    with_breaks = superseded.landings(repo, base, ["posts/\u2028.md", "\nx.md", *roster])
    assert with_breaks == {p: _one_by_one(repo, base, p) for p in roster}
