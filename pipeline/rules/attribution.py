"""第十一条: attribution beyond the front matter (A11-01/A11-02 live in content.py).

- A11-03 a long quoted block (Markdown ``>``) needs a source line (来源、出处、摘自 …)
  inside it or next to it;
- A11-04 a sentence-level passage copied from an earlier post of the repository without
  attribution: an error when that post is itself a repost (someone else's work), a
  warning when it is the unit's own earlier original.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from pipeline.rules.detection import Detection
from pipeline.rules.normalize import compact, is_cjk, normalise

ARTICLE = "第十一条"
QUOTE_MIN = 80  # characters of quoted text that make a "long" quote
SENTENCE_MIN = 24  # characters (after normalisation) of a copied sentence
_SOURCE_RE = re.compile(
    r"来源|出处|摘自|引自|转自|转载自|原文链接|原文|据.{1,20}(?:报道|消息|发布)|——"
)
_ATTRIBUTION_RE = re.compile(r"来源|出处|摘自|引自|转自|转载|原文|据.{1,20}(?:报道|消息|发布|介绍)")
_SENTENCE_RE = re.compile(r"[^。！？；!?;\n]+")
_FRONT_RE = re.compile(r"\A\ufeff?---\n(.*?)\n(?:---|\.\.\.)[ \t]*\n", re.DOTALL)


def detect_quotes(body: str, *, attributed: bool) -> list[Detection]:
    if attributed:
        return []
    lines = body.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    found: list[Detection] = []
    i = 0
    while i < len(lines):
        if not lines[i].lstrip().startswith(">"):
            i += 1
            continue
        j = i
        while j < len(lines) and lines[j].lstrip().startswith(">"):
            j += 1
        block = "\n".join(lines[i:j])
        size = sum(1 for ch in block if is_cjk(ch) or ch.isalnum())
        before = [x for x in lines[max(0, i - 2) : i] if x.strip()]
        after = [x for x in lines[j : j + 2] if x.strip()]
        if size >= QUOTE_MIN and not _SOURCE_RE.search("\n".join([*before, block, *after])):
            found.append(
                Detection(
                    offsets[i],
                    offsets[i] + len(lines[i]),
                    "A11-03",
                    ARTICLE,
                    "error",
                    f"长段引用（{size} 字）没有注明来源：请在引用处写明「来源：…」",
                )
            )
        i = j
    return found


def sentence_key(sentence: str) -> str | None:
    key = "".join(ch for ch in compact(normalise(sentence)).text if is_cjk(ch) or ch.isalnum())
    if sum(1 for ch in key if is_cjk(ch)) < SENTENCE_MIN:
        return None
    return hashlib.blake2b(key.encode(), digest_size=12).hexdigest()


@dataclass(frozen=True)
class Entry:
    path: str
    date: str
    title: str
    original: bool


class RepoIndex:
    """Sentences of every post in ``content/posts``, read cheaply (no schema check)."""

    def __init__(self, root: Path | None) -> None:
        self.sentences: dict[str, list[Entry]] = {}
        if root is None:
            return
        posts = root / "content" / "posts"
        if not posts.is_dir():
            return
        for path in sorted(posts.rglob("*.md")):
            try:
                if path.is_symlink() or path.stat().st_size > 2 * 1024 * 1024:
                    continue
                text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
            except (OSError, UnicodeDecodeError):
                continue
            self.add(path.relative_to(root).as_posix(), text)

    def add(self, rel: str, text: str) -> None:
        m = _FRONT_RE.match(text)
        if not m:
            return
        front, body = m.group(1), text[m.end() :]
        date = _field(front, "date")
        entry = Entry(rel, date, _field(front, "title"), _field(front, "original") != "false")
        for s in _SENTENCE_RE.finditer(body):
            key = sentence_key(s.group(0))
            if key is not None:
                self.sentences.setdefault(key, []).append(entry)

    def detect(self, path: str, date: str, body: str, *, attributed: bool) -> list[Detection]:
        if attributed or _ATTRIBUTION_RE.search(body):
            return []
        found: list[Detection] = []
        for s in _SENTENCE_RE.finditer(body):
            key = sentence_key(s.group(0))
            if key is None:
                continue
            earlier = [
                e
                for e in self.sentences.get(key, ())
                if e.path != path and (e.date, e.path) < (date, path)
            ]
            if not earlier:
                continue
            if any(e.title and e.title in body for e in earlier):
                continue
            source = earlier[0]
            repost = not source.original
            found.append(
                Detection(
                    s.start(),
                    s.end(),
                    "A11-04",
                    ARTICLE,
                    "error" if repost else "warning",
                    (
                        f"与转载文章 {source.path} 的段落相同，却未注明出处"
                        if repost
                        else f"与本单位此前文章 {source.path} 的段落相同；如系引用请注明出处"
                    ),
                )
            )
        return found


def _field(front: str, key: str) -> str:
    m = re.search(rf"^{key}:\s*(.*?)\s*$", front, re.M)
    return m.group(1).strip("\"'") if m else ""
