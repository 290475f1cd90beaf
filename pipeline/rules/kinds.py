"""The kind of a post, read from its title, category and tags.

Enforcement news (警情通报), rumour rebuttals (辟谣) and legal education (普法) quote the
words the lexicons list in order to condemn them: in those posts a context word anywhere
in the paragraph excuses a plain hit, not only one in the same or the neighbouring
sentence.
"""

from __future__ import annotations

ENFORCEMENT = "enforcement"
ORDINARY = ""

KIND_WORDS = (
    "警情通报",
    "警情",
    "通报",
    "辟谣",
    "普法",
    "以案说法",
    "反诈",
    "禁毒",
    "扫黑除恶",
    "扫黄打非",
    "反邪教",
    "案件",
    "法治",
    "判决",
    "宣判",
)


def kind_of(title: str, category: str = "", tags: list[str] | None = None) -> str:
    """:data:`ENFORCEMENT` when the title, category or a tag names such a kind."""
    fields = [title, category, *(tags or [])]
    if any(word in text for text in fields for word in KIND_WORDS):
        return ENFORCEMENT
    return ORDINARY
