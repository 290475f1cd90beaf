"""A rebuild that runs mkdocs over the changed pages only (issue 17, the structural step).

When the generated docs folder differs from the one the previous site was built from
(the sealed list of ``carry.py`` keeps each file's SHA-256) only in post bodies
(``.bodies/posts/*.html``: a correction), in pages outside ``posts/`` (with their raw
blocks, ``.bodies/<page>.blocks.json``) and in files mkdocs
copies as they are (the feeds), with no file added or removed and no post's own Markdown
changed, then every blog view, the tags list and every other page are what they were:
they are made of the posts' Markdown, which did not change. mkdocs then runs over a docs
folder holding only the changed pages, every page outside ``posts/`` (the navigation and
links need them), the changed posts' neighbours in date order and a post of each category.
The hook ``theme/frames.py`` reports each changed page's *frame* (the build's key, the
navigation it shows, its neighbours, parents, categories, URLs), and a page is taken only
when its frame is the one the previous build recorded and mkdocs logged nothing about its
links; everything else is carried over from the previous site by hard link, each file's
hash checked against the sealed list. The search shards are made whole by putting the
changed pages' entries in place of their old ones (``search_merge.py``), and the sitemap
is the previous one with the build's date (``sitemap.py``). Anything else (no sealed list,
a file added or removed, a post's Markdown changed, another frame, a file whose hash
differs) returns None: ``govmedia build`` then builds as before, never a partial site.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import GovmediaError
from pipeline.site import carry, outdir, search_merge, sitemap
from pipeline.site.paths import BLOCKS_SUFFIX

BODIES = ".bodies/"
POSTS = "posts/"
REPORT = ".govmedia-partial.json"  # as theme/frames.py
PREFIX = ".partial-"
_CREATED = re.compile(r"^date:\n  created: (\S+)\n", re.M)
_CATEGORIES = re.compile(r"^categories:\n((?:- .*\n)+)", re.M)

# mkdocs over (docs folder, site folder, what to report on: ``request``): its log
Runner = Callable[[Path, Path, dict[str, object]], str]


@dataclass(frozen=True)
class Change:
    pages: list[str]  # source pages whose output is built again
    static: list[str]  # files mkdocs copies as they are, changed


def _hidden(rel: str) -> bool:
    return rel.startswith(".") or "/." in rel


def changes(sealed: carry.Sealed, docs: carry.Files) -> Change | None:
    """What changed in the docs folder since the previous site was built, when this
    rebuild can build it alone; None otherwise."""
    before = sealed.docs
    if not before or not sealed.frames or before.keys() != docs.keys():
        return None
    pages, static = [], []
    for rel in sorted(r for r in docs if docs[r] != before[r]):
        if rel.startswith(BODIES + POSTS) and rel.endswith(".html"):
            page = rel[len(BODIES) : -len(".html")] + ".md"
            if page not in docs:
                return None
            pages.append(page)
        elif rel.startswith(BODIES) and rel.endswith(BLOCKS_SUFFIX):  # a page's raw blocks
            page = rel[len(BODIES) : -len(BLOCKS_SUFFIX)] + ".md"
            if page not in docs or page.startswith(POSTS) or _hidden(page):
                return None
            pages.append(page)
        elif rel.startswith(POSTS) or _hidden(rel):
            return None  # a post's Markdown: its excerpt, title or date in other pages
        elif rel.endswith(".md"):
            pages.append(rel)
        elif sealed.files.get(rel) == before[rel]:  # mkdocs copied it as it was
            static.append(rel)
        else:
            return None
    return Change(list(dict.fromkeys(pages)), static)


def _front(docs: Path, rel: str) -> tuple[str, list[str]] | None:
    with (docs / rel).open(encoding="utf-8") as stream:
        head = stream.read(4096)
    date, cats = _CREATED.search(head), _CATEGORIES.search(head)
    if date is None:
        return None
    names = [line[2:] for line in cats.group(1).splitlines()] if cats else []
    return date.group(1), names


def helpers(docs: Path, files: carry.Files, pages: list[str]) -> set[str] | None:
    """The posts the changed post pages need beside them: every post of their own date and
    of the dates just before and after (their neighbours are among them) and one post of
    each category (the navigation's first category). None when a date cannot be read."""
    posts: dict[str, tuple[str, list[str]]] = {}
    for rel in sorted(r for r in files if r.startswith(POSTS) and r.endswith(".md")):
        front = _front(docs, rel)
        if front is None:
            return None
        posts[rel] = front
    dates = sorted({date for date, _ in posts.values()})
    wanted: set[str] = set()
    for page in pages:
        if page in posts:
            at = dates.index(posts[page][0])
            wanted.update(dates[max(at - 1, 0) : at + 2])
    chosen = {rel for rel, (date, _) in posts.items() if date in wanted}
    seen: set[str] = set()
    for rel, (_, cats) in posts.items():
        if not set(cats) <= seen:
            chosen.add(rel)
            seen.update(cats)
    return chosen


def _fill(docs: Path, into: Path, files: carry.Files, posts: set[str]) -> None:
    """Link into ``into`` every file of ``docs`` but the posts not in ``posts``."""
    for rel in files:
        if rel.startswith(POSTS) and rel.endswith(".md") and rel not in posts:
            continue
        if rel.startswith(BODIES + POSTS):
            page = rel[len(BODIES) : -len(".html")] + ".md"
            if page not in posts:
                continue
        target = into / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(docs / rel, target)


def request(sealed: carry.Sealed, pages: list[str]) -> dict[str, object]:
    """What ``theme/frames.py`` is told: the pages to report on, each with the frame the
    last build recorded at its output path (``use_directory_urls: false``), and that
    build's key; the page cache keeps a page whose frame and key are those."""
    frames = {page: sealed.frames.get(page[: -len(".md")] + ".html") for page in pages}
    return {"build": sealed.build, "pages": frames}


def _report(site: Path, sealed: carry.Sealed, pages: list[str]) -> dict[str, str] | None:
    """The changed pages' output paths, when every frame is the recorded one and nothing
    was found wrong; None otherwise. Also the build's date, under ``""``."""
    try:
        report = json.loads((site / REPORT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(report, dict) or report.get("problems") != []:
        return None
    found, date = report.get("pages"), report.get("date")
    if report.get("build") != sealed.build or not isinstance(found, dict):
        return None
    outputs = {"": date} if isinstance(date, str) else None
    for page in pages:
        dest, frame = (found.get(page) or [None, None])[:2]
        if outputs is None or not isinstance(dest, str) or sealed.frames.get(dest) != frame:
            return None
        outputs[page] = dest
    return outputs


def _carry_all(out: Path, staging: Path, files: carry.Files, skip: set[str]) -> bool:
    """Link every listed file but ``skip`` into ``staging``, each hash checked after."""
    source, into = os.fspath(out), os.fspath(staging)
    made: set[str] = set()
    for rel, sha in files.items():
        if rel in skip:
            continue
        folder = os.path.dirname(rel)
        if folder not in made:
            os.makedirs(os.path.join(into, folder), exist_ok=True)
            made.add(folder)
        target = os.path.join(into, rel)
        try:
            os.link(os.path.join(source, rel), target, follow_symlinks=False)
        except OSError:
            shutil.copyfile(os.path.join(source, rel), target, follow_symlinks=False)
        if carry.sha(target) != sha:
            return False
    return True


def rebuild(
    build_dir: Path, out: Path, docs: Path, sealed: carry.Sealed, now: carry.Files, run: Runner
) -> tuple[Path, carry.Files] | None:
    """The new site in a staging folder beside ``out`` and the hashes of the files carried
    into it, or None when this rebuild cannot prove it (nothing is then left behind)."""
    change = changes(sealed, now)
    if change is None:
        return None
    # No page changed (a merge that changes no post, a re-run): the run still starts mkdocs
    # over the pages outside ``posts/`` and a post of each category, so that the build's
    # key (the theme's files, the mkdocs configuration, the versions, the site URL) is
    # proved the recorded one and the sitemap gets the build's date; nothing is taken
    # from it but the search manifest, written again as it was.
    posts = helpers(docs, now, change.pages)
    if posts is None:
        return None
    for stale in build_dir.glob(PREFIX + "*"):
        shutil.rmtree(stale, ignore_errors=True)
    work = Path(tempfile.mkdtemp(prefix=PREFIX, dir=build_dir))
    staging = None
    try:
        _fill(docs, work / "docs", now, posts | set(change.pages))
        try:
            run(work / "docs", work / "site", request(sealed, change.pages))
        except GovmediaError:  # a strict warning: today's build says what it is
            return None
        outputs = _report(work / "site", sealed, change.pages)
        if outputs is None:
            return None
        date = outputs.pop("")
        fresh = {dest: work / "site" / dest for dest in outputs.values()}
        fresh.update({rel: docs / rel for rel in change.static})
        made = search_merge.merged(out, work / "site", sealed.files, list(outputs.values()))
        maps = sitemap.redated(out, date, sealed.files)
        if made is None or maps is None:
            return None
        skip = {".gitignore", outdir.SITE_MARKER, *fresh, *made, *maps}
        staging = Path(tempfile.mkdtemp(prefix=outdir.staging_prefix(out), dir=out.parent))
        outdir.mark_staging(staging)
        if not _carry_all(out, staging, sealed.files, skip):
            return None
        kept = {rel: sha for rel, sha in sealed.files.items() if rel not in skip}
        for rel, source in fresh.items():
            (staging / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, staging / rel)
        for rel, data in {**made, **maps}.items():
            (staging / rel).parent.mkdir(parents=True, exist_ok=True)
            (staging / rel).write_bytes(data)
        (staging / ".gitignore").write_text("*\n", encoding="utf-8")  # never committed
        outdir.mark_site(staging)
        done, staging = staging, None
        return done, kept
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
