"""Copy detection (A11-04) over a sentence that many posts share: the sorted lookup of
``pipeline.rules.copy_lookup`` gives exactly the findings of comparing the sentence with
every post that has it (the first implementation, kept here as the reference)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from pipeline import checking
from pipeline.project import Project
from pipeline.rules import attribution, copy_lookup
from pipeline.rules.attribution import ARTICLE, Entry, RepoIndex, body_keys, entry_and_keys
from pipeline.rules.detection import Detection
from tests.check_support import grow_repo

POSTS = 500
FOOTER = (
    "欢迎关注牙克石市政务服务局微信公众号，了解更多政务服务信息和便民办事指南，"
    "如有疑问请拨打政务服务热线咨询。"
)
_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)


def reference_detect(
    sentences: dict[str, list[Entry]], path: str, date: str, body: str, *, attributed: bool
) -> list[Detection]:
    """``RepoIndex.detect`` as first written: each sentence compared with every entry."""
    if attributed or attribution.attributes(body):
        return []
    found: list[Detection] = []
    for start, end, key in body_keys(body):
        if key not in sentences:
            continue
        earlier = [
            e for e in sentences.get(key, ()) if e.path != path and (e.date, e.path) < (date, path)
        ]
        if not earlier:
            continue
        if any(n in body for e in earlier for n in e.names):  # title, source unit, link
            continue
        source = earlier[0]
        repost = not source.original
        found.append(
            Detection(
                start,
                end,
                "A11-04",
                ARTICLE,
                "error" if repost else "warning",
                (
                    f"与转载文章 {source.path} 的段落相同，却未注明出处：请写明来源单位（其 source.name）、"
                    f"原文链接（source.url）或不少于 {attribution.TITLE_MIN} 字的完整标题（title）"
                    if repost
                    else f"与本单位此前文章 {source.path} 的段落相同；如系引用请注明出处"
                    f"（不少于 {attribution.TITLE_MIN} 字的完整标题 title）"
                ),
            )
        )
    return found


@pytest.fixture(scope="module")
def footer_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generated repository with one sentence in 500 posts (and every sample post
    it is made of), some posts naming an earlier or a later post by its title, some
    holding the footer twice, some dated like another."""
    root = grow_repo(tmp_path_factory.mktemp("footer") / "unit", POSTS)
    rnd = random.Random(17)
    posts = sorted((root / "content" / "posts").rglob("gen-*.md"))
    titles = [re.search(r"^title: (.*)$", p.read_text("utf-8"), re.M).group(1) for p in posts]  # type: ignore[union-attr]
    for n, post in enumerate(posts):
        text = post.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + FOOTER
        if n % 9 == 4:
            text += "\n\n参见" + titles[rnd.randrange(len(titles))] + "。"
        if n % 23 == 7:
            text += "\n\n" + FOOTER
        if n % 31 == 11:  # the date of the post before it: ties sorted by path
            before = _FRONT.match(posts[n - 1].read_text(encoding="utf-8")).group(1)  # type: ignore[union-attr]
            date = re.search(r"^date: .*$", before, re.M).group(0)  # type: ignore[union-attr]
            text = re.sub(r"^date: .*$", date, text, count=1, flags=re.M)
        post.write_text(text + "\n", encoding="utf-8")
    return root


def queries(root: Path) -> list[tuple[str, str, str, bool]]:
    """``(path, date, body, attributed)`` of every post as the checker asks, plus some
    posts asked for under a later date (also naming themselves) and an earlier one, and
    as a new path."""
    project = Project(root)
    found = []
    for file in sorted((root / "content" / "posts").rglob("*.md")):
        rel = project.rel(file)
        text = file.read_text(encoding="utf-8")
        entry, _ = entry_and_keys(rel, text)  # type: ignore[misc]
        body = text[_FRONT.match(text).end() :]  # type: ignore[union-attr]
        attributed = "\nsource:" in text
        found.append((rel, entry.date, body, attributed))
        if "gen-" in rel and int(rel[-8:-3]) % 13 == 0:
            found.append((rel, entry.date + "T", body, False))  # its own entry is earlier
            found.append((rel, entry.date + "T", f"{body}\n{entry.title}\n", False))
            found.append((rel, entry.date[:-1], body, False))
            found.append((rel.replace("gen-", "new-"), entry.date, body, False))
    return found


@pytest.mark.parametrize("direct", [0, copy_lookup.DIRECT_TITLE_CHECKS, 10**9])
def test_lookup_equals_the_comparison_with_every_post(
    footer_repo: Path, monkeypatch: pytest.MonkeyPatch, direct: int
) -> None:
    """``direct``: titles compared one by one before the automaton (never, the shipped
    budget, always)."""
    monkeypatch.setattr(copy_lookup, "DIRECT_TITLE_CHECKS", direct)
    index = RepoIndex(footer_repo, cached=False)
    for file in sorted((footer_repo / "content" / "posts").rglob("gen-*.md"))[::50]:
        # the same path again, a century earlier: it sorts before its first entry
        text = re.sub(r"^date: 20", "date: 19", file.read_text("utf-8"), count=1, flags=re.M)
        index.add(file.relative_to(footer_repo).as_posix(), text)
    assert max(len(entries) for entries in index.sentences.values()) > POSTS
    asked = queries(footer_repo)
    findings = named = 0
    severities: set[str] = set()
    for path, date, body, attributed in asked:
        expected = reference_detect(index.sentences, path, date, body, attributed=attributed)
        assert index.detect(path, date, body, attributed=attributed) == expected, (path, date)
        findings += len(expected)
        severities |= {d.severity for d in expected}
        footer_found = any(body[d.start : d.end] == FOOTER[:-1] for d in expected)
        named += not attributed and "参见" in body and not footer_found
    # Copies found, of originals and of reposts, and the footer of posts that name an
    # earlier post left out.
    assert findings > POSTS and severities == {"error", "warning"} and named > 10


def test_lookup_follows_posts_added_after_a_lookup(monkeypatch: pytest.MonkeyPatch) -> None:
    """A post added to the index after a lookup is seen by the next one (the sorted
    sentences and the titles are made again)."""
    monkeypatch.setattr(copy_lookup, "DIRECT_TITLE_CHECKS", 0)  # the titles' automaton
    index = RepoIndex(None)
    body = f"正文。\n\n{FOOTER}\n"
    for n in range(40):
        index.add(
            f"content/posts/2026/01/p{n:02d}.md",
            f"---\ntitle: 文章{n:02d}\ndate: 2026-01-{n % 28 + 1:02d}\n---\n\n{body}",
        )
    late = ("content/posts/2026/02/q.md", "2026-02-01")
    early = ("content/posts/2025/12/q.md", "2025-12-15")
    (first,) = index.detect(*late, body + "见首批政务服务事项清单文章。", attributed=False)
    assert "p00.md" in first.message and first.severity == "warning"
    assert index.detect(*early, body, attributed=False) == []
    index.add(
        "content/posts/2025/12/a.md",
        f"---\ntitle: 首批政务服务事项清单文章\ndate: 2025-12-01\noriginal: false\n---\n\n{body}",
    )
    assert index.detect(*late, body + "见首批政务服务事项清单文章。", attributed=False) == []
    (second,) = index.detect(*early, body, attributed=False)
    assert "2025/12/a.md" in second.message and second.severity == "error"
    for query in (late, early):
        for text in (body, body + "见首篇文章。", body + "见文章07。"):
            expected = reference_detect(index.sentences, *query, text, attributed=False)
            assert index.detect(*query, text, attributed=False) == expected


def test_check_of_the_repository_equals_the_reference(
    footer_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole check of the 500-post repository, as ``check --format json`` prints it."""
    project = Project(footer_repo)
    _, found = checking.collect(project)
    copies = [f for f in found if f.rule == "A11-04"]
    assert len(copies) > POSTS

    def reference(
        self: RepoIndex, path: str, date: str, body: str, *, attributed: bool
    ) -> list[Detection]:
        return reference_detect(self.sentences, path, date, body, attributed=attributed)

    monkeypatch.setattr(RepoIndex, "detect", reference)
    _, expected = checking.collect(project)
    assert [f.to_json() for f in found] == [f.to_json() for f in expected]
