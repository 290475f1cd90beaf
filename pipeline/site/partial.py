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
is the previous one with the build's date (``sitemap.py``). One post whose own Markdown
changed (a retraction: its excerpt, title and tags are in the lists) is built the same way
over the generated docs folder itself, every post in it (not a folder of links to it: the
same files, hashed under the build's lock): the blog plugin then makes every view as a whole build
does, the hooks leave out every post and view but those the change needs, and a view that
showed the post is taken only when all but that post's excerpt is as recorded
(``theme/shown_views.py``). Anything else (no sealed list, a file added, a file removed
that is not an image of that post, two posts' Markdown changed, another frame, a file
whose hash differs) returns None: ``govmedia build`` then builds as before, never a
partial site.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import GovmediaError
from pipeline.site import carry, outdir, search_merge, sitemap
from pipeline.site.paths import BLOCKS_SUFFIX, MEDIA_DIR

BODIES = ".bodies/"
POSTS = "posts/"
REPORT = ".govmedia-partial.json"  # as theme/frames.py
TAGS_PAGE, TAGS_EXPORT = "tags.md", "tags.json"  # the tags plugin's list and its export
PREFIX = ".partial-"
_CREATED = re.compile(r"^date:\n  created: (\S+)\n", re.M)
_CATEGORIES = re.compile(r"^categories:\n((?:- .*\n)+)", re.M)

# mkdocs over (docs folder, site folder, what to report on: ``request``): its log
Runner = Callable[[Path, Path, dict[str, object]], str]


@dataclass(frozen=True)
class Change:
    pages: list[str]  # source pages whose output is built again
    static: list[str]  # files mkdocs copies as they are, changed
    edited: list[str] = field(default_factory=list)  # a post whose own Markdown changed
    removed: list[str] = field(default_factory=list)  # images no post shows any more


def _hidden(rel: str) -> bool:
    return rel.startswith(".") or "/." in rel


def changes(sealed: carry.Sealed, docs: carry.Files) -> Change | None:
    """What changed in the docs folder since the previous site was built, when this
    rebuild can build it alone; None otherwise."""
    before = sealed.docs
    if not before or not sealed.frames or not docs.keys() <= before.keys():
        return None
    removed = sorted(before.keys() - docs.keys())
    for rel in removed:  # an image of a retracted post: no page shows it any more
        if not rel.startswith(MEDIA_DIR + "/") or sealed.files.get(rel) != before[rel]:
            return None
    pages, static, edited = [], [], []
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
        elif rel.startswith(POSTS) and rel.endswith(".md") and "/." not in rel and not edited:
            edited.append(rel)  # its excerpt, title, tags: the views are checked (frames.py)
            pages.append(rel)
        elif rel.startswith(POSTS) or _hidden(rel):
            return None  # a second post's Markdown, a post's other file
        elif rel.endswith(".md"):
            pages.append(rel)
        elif sealed.files.get(rel) == before[rel]:  # mkdocs copied it as it was
            static.append(rel)
        else:
            return None
    if removed and not edited:
        return None
    return Change(list(dict.fromkeys(pages)), static, edited, removed)


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
    """Link into ``into`` every file of ``docs`` but the posts not in ``posts`` (their
    bodies only for those named)."""
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


def _source(docs: Path, work: Path, now: carry.Files, change: Change, posts: set[str]) -> Path:
    """The docs folder mkdocs runs over. A post whose Markdown changed needs every file
    (the blog plugin makes its views of every post): the generated folder itself, each file
    hashed in ``now`` under the build's lock, not a copy of links to all of them; otherwise
    a folder of ``work`` linking the pages named in ``posts`` and every other file."""
    if change.edited:
        return docs
    _fill(docs, work / "docs", now, posts)
    return work / "docs"


def request(
    sealed: carry.Sealed,
    pages: list[str],
    edited: Sequence[str] = (),
    posts: Set[str] = frozenset(),
) -> dict[str, object]:
    """What ``theme/frames.py`` is told: the pages to report on, each with the frame the
    last build recorded at its output path (``use_directory_urls: false``), and that
    build's key; the page cache keeps a page whose frame and key are those. With a post
    whose Markdown changed (``edited``), the other posts the run needs (``posts``): the
    hook then leaves out every other post and every view that does not show it."""
    frames = {page: sealed.frames.get(page[: -len(".md")] + ".html") for page in pages}
    asked: dict[str, object] = {"build": sealed.build, "pages": frames}
    if edited:
        asked.update(edited=list(edited), posts=sorted(posts))
    return asked


def _view(frame: object) -> tuple[str, list[list[str]]] | None:
    """A view's frame (``theme/shown_views.view_frame``) read back; None for another."""
    if not isinstance(frame, str) or not frame.startswith("["):
        return None
    try:
        value = json.loads(frame)
    except ValueError:
        return None
    if not isinstance(value, list) or len(value) != 2 or not isinstance(value[0], str):
        return None
    shown = value[1]
    ok = isinstance(shown, list) and all(
        isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p) for p in shown
    )
    return (value[0], shown) if ok else None


def same_view(recorded: object, found: object, edited: set[str]) -> bool:
    """Whether a view is what the last build made of it but for the excerpts of the
    ``edited`` posts: the same frame, the same posts in the same places, every other
    post's excerpt inputs the same."""
    old, new = _view(recorded), _view(found)
    if old is None or new is None or old[0] != new[0] or len(old[1]) != len(new[1]):
        return False
    return all(
        a[0] == b[0] and (a[1] == b[1] or a[0] in edited)
        for a, b in zip(old[1], new[1], strict=True)
    )


def _showing(sealed: carry.Sealed, edited: set[str]) -> set[str]:
    """The output paths of the recorded views that showed an edited post."""
    views = ((dest, _view(frame)) for dest, frame in sealed.frames.items())
    return {d for d, v in views if v is not None and any(p[0] in edited for p in v[1])}


def _carried_page(sealed: carry.Sealed, rel: object) -> bool:
    """Whether ``rel``, a source page a built page links to and the run left out, is in
    the docs folder as it was and its page in the site (carried over as it is)."""
    if not isinstance(rel, str) or not rel.endswith(".md") or rel not in sealed.docs:
        return False
    return rel[: -len(".md")] + ".html" in sealed.files


@dataclass(frozen=True)
class Report:
    date: str  # the build's (the sitemap's)
    pages: dict[str, list[str]]  # source page -> [output path, frame], each taken
    neighbours: dict[str, str]  # an edited post's neighbours: output path -> frame now


def _report(
    site: Path, sealed: carry.Sealed, pages: list[str], edited: Sequence[str] = ()
) -> Report | None:
    """The taken pages' output paths and frames, when every frame is the recorded one (a
    view: but for the edited posts' excerpts), every view that showed an edited post is
    among them and nothing was found wrong; None otherwise. With the build's date and the
    frames of an edited post's neighbours as they are now (not built again: their pages
    do not show its title)."""
    try:
        report = json.loads((site / REPORT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(report, dict) or report.get("problems") != []:
        return None
    found, date = report.get("pages"), report.get("date")
    if report.get("build") != sealed.build or not isinstance(found, dict):
        return None
    if not isinstance(date, str) or not set(pages) <= found.keys():
        return None
    if not edited and set(found) != set(pages):
        return None
    outputs: dict[str, list[str]] = {"": [date, ""]}  # "" keeps the build's path apart
    for page, value in found.items():
        dest, frame = (value if isinstance(value, list) else [None, None])[:2]
        if not isinstance(dest, str) or not isinstance(frame, str):
            return None
        recorded = sealed.frames.get(dest)
        if recorded != frame and not (edited and same_view(recorded, frame, set(edited))):
            return None
        outputs[page] = [dest, frame]
    taken = {dest for dest, _ in outputs.values()}
    if not _showing(sealed, set(edited)) <= taken:
        return None
    near, links = report.get("neighbours", {}), report.get("links", [])
    if not isinstance(near, dict) or not all(isinstance(v, str) for v in near.values()):
        return None
    if not isinstance(links, list) or not all(_carried_page(sealed, rel) for rel in links):
        return None  # a link to a page this run left out that the site does not hold
    outputs.pop("")
    return Report(date, outputs, {d: f for d, f in near.items() if d in sealed.frames})


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


def _taken(
    out: Path, site: Path, docs: Path, sealed: carry.Sealed, change: Change, found: Report
) -> tuple[dict[str, Path], dict[str, bytes]] | None:
    """What the new site takes from the run (the pages built, the tags export), from the
    docs folder (files mkdocs copies) and what is written anew (the search files, the
    sitemap); None when the search files or the sitemap cannot be proved."""
    fresh = {dest: site / dest for dest, _ in found.pages.values()}
    fresh.update({rel: docs / rel for rel in change.static})
    if change.edited and TAGS_EXPORT in sealed.files:
        fresh[TAGS_EXPORT] = site / TAGS_EXPORT
    taken = [dest for dest, _ in found.pages.values()]
    made = search_merge.merged(out, site, sealed.files, taken)
    maps = sitemap.redated(out, found.date, sealed.files)
    if made is None or maps is None:
        return None
    return fresh, {**made, **maps}


def rebuild(
    build_dir: Path, out: Path, docs: Path, sealed: carry.Sealed, now: carry.Files, run: Runner
) -> tuple[Path, carry.Files, carry.Files] | None:
    """The new site in a staging folder beside ``out``, the hashes of the files carried
    into it and the pages' frames, or None when this rebuild cannot prove it (nothing is
    then left behind)."""
    change = changes(sealed, now)
    if change is None:
        return None
    pages = list(change.pages)
    if change.edited and TAGS_PAGE in now:  # its tags: the list is made again, all given
        pages.append(TAGS_PAGE)
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
        source = _source(docs, work, now, change, posts | set(pages))
        asked = request(sealed, pages, change.edited, posts)
        try:
            run(source, work / "site", asked)
        except GovmediaError:  # a strict warning: today's build says what it is
            return None
        found = _report(work / "site", sealed, pages, change.edited)
        if found is None:
            return None
        frames = {**sealed.frames, **dict(found.pages.values()), **found.neighbours}
        taken = _taken(out, work / "site", docs, sealed, change, found)
        if taken is None:
            return None
        fresh, written = taken
        skip = {".gitignore", outdir.SITE_MARKER, *fresh, *written, *change.removed}
        staging = Path(tempfile.mkdtemp(prefix=outdir.staging_prefix(out), dir=out.parent))
        outdir.mark_staging(staging)
        if not _carry_all(out, staging, sealed.files, skip):
            return None
        kept = {rel: sha for rel, sha in sealed.files.items() if rel not in skip}
        for rel, source in fresh.items():
            (staging / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, staging / rel)
        for rel, data in written.items():
            (staging / rel).parent.mkdir(parents=True, exist_ok=True)
            (staging / rel).write_bytes(data)
        (staging / ".gitignore").write_text("*\n", encoding="utf-8")  # never committed
        outdir.mark_site(staging)
        done, staging = staging, None
        return done, kept, frames
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
