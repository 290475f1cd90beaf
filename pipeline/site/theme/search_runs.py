"""mkdocs hook: jieba's segmentation of the list pages' Chinese runs kept with the page cache.

The search plugin segments every run of Han characters of a page's sections with
``jieba.cut`` (``SearchIndex._segment_chinese``) when the page's search entries are not in
the store (``page_cache.py``). The pages that list every post (``accounts.html``,
``tags.html``) change with every new or retracted post, and each time every title on them
was segmented again: about 0.1 s of CPU a thousand posts (``docs/dev/speed.md``, "Eleventh
pass"). jieba cuts a run the same way wherever it stands (the plugin cuts each run alone),
so the tokens of each run of a page outside ``posts/`` are kept in one entry of the page
cache under the build's key (theme files, the user dictionary among them, and jieba's
version); a run seen before is not cut again. Every other call goes to jieba as before.

Active only with the page cache (``GOVMEDIA_PAGE_CACHE``); the entry is JSON, checked
like every other (its key, a map of strings to lists of strings) and ignored otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cache_store import STATE, digest, load, store  # beside this hook (mkdocs loads hooks)
from mkdocs.plugins import event_priority

POSTS = "posts/"
SLACK = 1000  # runs kept beyond this build's before the entry is cut back to this build's


@dataclass
class Runs:
    key: str | None = None
    kept: dict[str, list[str]] | None = None  # read on first use
    seen: dict[str, list[str]] = field(default_factory=dict)
    active: bool = False  # the page being indexed lies outside posts/
    new: bool = False  # a run was cut in this build


RUNS = Runs()


def _kept() -> dict[str, list[str]]:
    if RUNS.kept is None:
        entry = load(RUNS.key) if RUNS.key else None
        runs = entry.get("runs") if entry is not None else None
        good = isinstance(runs, dict) and all(
            isinstance(t, list) and all(isinstance(p, str) for p in t) for t in runs.values()
        )
        RUNS.kept = runs if good else {}
    return RUNS.kept


class KeptJieba:
    """jieba as the search plugin uses it, with ``cut`` answered from the kept runs."""

    def __init__(self, jieba: Any) -> None:
        self.gm_jieba = jieba

    def __getattr__(self, name: str) -> Any:
        return getattr(self.gm_jieba, name)

    def cut(self, sentence: Any, *args: Any, **kwargs: Any) -> Any:
        if not RUNS.active or args or kwargs or not isinstance(sentence, bytes):
            return self.gm_jieba.cut(sentence, *args, **kwargs)
        run = sentence.decode("utf-8")
        tokens = RUNS.seen.get(run)
        if tokens is None:
            tokens = _kept().get(run)
            if tokens is None:
                tokens, RUNS.new = list(self.gm_jieba.cut(sentence)), True
            RUNS.seen[run] = tokens
        return iter(tokens)


@event_priority(-100)  # after page_cache.py named the store
def on_config(config: Any, **kwargs: Any) -> Any:
    RUNS.key, RUNS.kept, RUNS.seen, RUNS.active, RUNS.new = None, None, {}, False, False
    if STATE.folder is None:
        return config
    from material.plugins.search import plugin as search

    if search.jieba is None:
        return config
    if not isinstance(search.jieba, KeptJieba):
        search.jieba = KeptJieba(search.jieba)
    RUNS.key = digest(STATE.build, "jieba-runs")
    return config


@event_priority(100)  # before the search plugin indexes the page
def on_page_context(context: Any, page: Any, config: Any, nav: Any, **kwargs: Any) -> Any:
    RUNS.active = RUNS.key is not None and not page.file.src_uri.startswith(POSTS)
    return context


@event_priority(100)  # before page_cache.py removes the entries this build did not use
def on_post_build(config: Any, **kwargs: Any) -> None:
    if RUNS.key is None:
        return
    STATE.used.add(RUNS.key)
    if not RUNS.new:
        return  # every run segmented was kept: the entry stays as it is
    kept = {**_kept(), **RUNS.seen}
    if len(kept) > len(RUNS.seen) + SLACK:
        kept = RUNS.seen  # runs of titles long gone: keep this build's only
    store(RUNS.key, {"key": RUNS.key, "runs": kept})
