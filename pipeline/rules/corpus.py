"""Legitimate government texts for measuring and curating the rules (never shipped data).

The public corpus (``corpus/gov/`` of a shared folder, see the benchmarks) holds laws,
work reports and news items, each a Markdown file with a YAML front-matter block. They
are cut into post-sized pieces and split in two halves by a hash of the file name: terms
are curated on the *tuning* half, figures are reported on the *held-out* half.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

HALVES = ("tuning", "held-out", "all")
PIECE = 1000


def half_of(name: str) -> str:
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    return "tuning" if digest[0] % 2 == 0 else "held-out"


def body_of(text: str) -> str:
    """The document text after its front matter."""
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end != -1:
            return text[end + 4 :].lstrip("\n")
    return text


def pieces_of(body: str, size: int = PIECE) -> list[str]:
    """Paragraphs grouped into pieces of up to about ``size`` characters."""
    result: list[str] = []
    current = ""
    for paragraph in body.split("\n\n"):
        if current and len(current) + len(paragraph) > size:
            result.append(current)
            current = ""
        current = f"{current}\n\n{paragraph}" if current else paragraph
    if current.strip():
        result.append(current)
    return result


def gov_files(shared: Path, half: str = "all") -> list[Path]:
    folder = shared / "corpus" / "gov"
    if not folder.is_dir():
        return []
    files = sorted(folder.rglob("*.md"))
    return [f for f in files if half == "all" or half_of(f.name) == half]


def gov_pieces(shared: Path, half: str = "all") -> list[tuple[str, str]]:
    """(file name, piece) for every piece of every file of ``half``."""
    result: list[tuple[str, str]] = []
    for path in gov_files(shared, half):
        body = body_of(path.read_text(encoding="utf-8", errors="replace"))
        result += [(path.name, piece) for piece in pieces_of(body)]
    return result
