"""jieba's cuts of the Chinese runs of the pages outside ``posts/`` are kept with the page
cache (``theme/search_runs.py``): when ``accounts.html`` or ``tags.html`` changes (a new
or retracted post), a title's runs seen before are not cut again, with the same search
index as a full build's; an entry of another shape is not used."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.site.theme import THEME_DIR
from tests.site.conftest import (
    Built,
    assert_same_as_full,
    build_cli,
    forget_previous_site,
    module_site,
)
from tests.site.test_view_search import entries, search_text

jieba = pytest.importorskip("jieba")
MARK = "检索切分取自缓存"


def runs_entry(repo: Path) -> tuple[Path, dict[str, object]]:
    found = [(p, e) for p, e in entries(repo).items() if "runs" in e]
    assert len(found) == 1
    return found[0]


def index_again(repo: Path) -> None:
    """Drop every page's kept search entries: every page is indexed again."""
    for path, entry in entries(repo).items():
        if set(entry) == {"key", "search"} or "skey" in entry or "anchors" in entry:
            path.unlink()
    forget_previous_site(repo)  # through mkdocs, not the previous site's files
    result = build_cli(repo)
    assert result.returncode == 0, result.stderr + result.stdout


def test_kept_cuts_are_jiebas_and_other_calls_pass_through(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(THEME_DIR))
    import search_runs

    monkeypatch.setattr(search_runs, "RUNS", search_runs.Runs(key=None, kept={}))
    kept = search_runs.KeptJieba(jieba)
    text = "政务服务事项办理指南"
    assert "".join(kept.cut(text.encode("utf-8"))) == text
    assert not search_runs.RUNS.seen  # not a list page: not kept
    search_runs.RUNS.active = True
    assert list(kept.cut(text.encode("utf-8"))) == list(jieba.cut(text.encode("utf-8")))
    assert search_runs.RUNS.seen == {text: list(jieba.cut(text))} and search_runs.RUNS.new
    search_runs.RUNS.seen, search_runs.RUNS.new = {}, False
    search_runs.RUNS.kept = {text: [MARK]}
    assert list(kept.cut(text.encode("utf-8"))) == [MARK]  # from the kept runs
    assert not search_runs.RUNS.new
    assert list(kept.cut(text, cut_all=True)) == list(jieba.cut(text, cut_all=True))
    assert kept.lcut is jieba.lcut
    sys.modules.pop("search_runs", None)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    yield from module_site(tmp_path_factory, "search-runs")


def test_the_list_pages_runs_come_from_the_store(site: Built) -> None:
    repo = site.repo.path
    path, entry = runs_entry(repo)
    runs = entry["runs"]
    assert isinstance(runs, dict) and runs
    original = path.read_text(encoding="utf-8")
    run = max(runs, key=len)
    assert "\u200b".join(runs[run]) in search_text(site.site)

    # A marked cut reaches the search index: it was read, not cut again.
    path.write_text(json.dumps(dict(entry, runs=dict(runs, **{run: [MARK]}))), encoding="utf-8")
    index_again(repo)
    assert MARK in search_text(site.site)

    # An entry of another shape is not used: every run is cut again and kept anew.
    path.write_text(json.dumps(dict(entry, runs={run: MARK})), encoding="utf-8")
    index_again(repo)
    assert MARK not in search_text(site.site)
    assert runs_entry(repo)[1]["runs"] == runs

    # The honest entry: the same site as a full build's, byte for byte.
    path.write_text(original, encoding="utf-8")
    index_again(repo)
    assert_same_as_full(site)
