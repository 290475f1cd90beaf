"""A lexicon's list of terms, whose curated public terms become objects when first read.

Thousands of public terms are loaded on every check, but a post hits only a few of them:
making 24,000 frozen ``Term`` objects up front was the largest part of a one-post check's
start. A public term is kept as a light record (its text, rule, level and line: a
:class:`PublicRecord` or a plain tuple of those four, which the lexicon cache makes without
a Python call per term) and turned into its ``Term`` (always the same object) when it is
read; the matcher needs only the texts (:meth:`TermList.texts`) until a term hits.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, MutableSequence
from typing import TYPE_CHECKING, Any, NamedTuple, overload

if TYPE_CHECKING:
    from pipeline.rules.lexicon import Term


class PublicRecord(NamedTuple):
    """A public lexicon term not made into a ``Term`` yet."""

    text: str
    rule: str
    level: str
    line: int  # in the rule's public file


def public_rel(rule: str) -> str:
    """The public lexicon file of ``rule``, as findings and messages name it."""
    return f"pipeline/rules/lexicons/public/{rule}.txt"


def public_term(record: PublicRecord) -> Term:
    """The term of a public lexicon line: plain spellings only, the lexicon's context
    words and allowlist (see :func:`pipeline.rules.lexicon.public_terms`)."""
    from pipeline.rules.lexicon import Term

    return Term(
        record.text,
        record.rule,
        record.level,  # type: ignore[arg-type]  # checked when the line was read
        note="公开词库",
        pinyin=False,
        homophones=False,
        origin=f"{public_rel(record.rule)}:{record.line}",
    )


class TermList(MutableSequence["Term"]):
    """A list of terms; public records in it are made into terms when read."""

    def __init__(self, items: Iterable[Term | tuple[str, str, str, int]] = ()) -> None:
        self._items: list[Term | tuple[str, str, str, int]] = list(items)

    @classmethod
    def joined(cls, lists: Iterable[TermList]) -> TermList:
        """The items of ``lists`` in order, as stored (public ones not made into terms)."""
        joined = cls()
        for other in lists:
            joined._items.extend(other._items)
        return joined

    def _term(self, index: int) -> Term:
        item = self._items[index]
        if isinstance(item, tuple):
            item = self._items[index] = public_term(PublicRecord(*item))
        return item

    @overload
    def __getitem__(self, index: int) -> Term: ...

    @overload
    def __getitem__(self, index: slice) -> list[Term]: ...

    def __getitem__(self, index: int | slice) -> Term | list[Term]:
        if isinstance(index, slice):
            return [self._term(i) for i in range(len(self._items))[index]]
        return self._term(index)

    @overload
    def __setitem__(self, index: int, value: Term) -> None: ...

    @overload
    def __setitem__(self, index: slice, value: Iterable[Term]) -> None: ...

    def __setitem__(self, index: int | slice, value: Any) -> None:
        self._items[index] = value

    def __delitem__(self, index: int | slice) -> None:
        del self._items[index]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Term]:
        for index in range(len(self._items)):
            yield self._term(index)

    def insert(self, index: int, value: Term) -> None:
        self._items.insert(index, value)

    def add_records(self, records: Iterable[tuple[str, str, str, int]]) -> None:
        """Append public terms without making their objects."""
        self._items.extend(records)

    def records(self) -> list[Term | tuple[str, str, str, int]]:
        """The items as stored (terms and records), for joining lists without reading."""
        return list(self._items)

    def texts(self) -> list[str]:
        """Every term's text, in order, without making a term object."""
        return [item[0] if isinstance(item, tuple) else item.text for item in self._items]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, TermList | list | tuple):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable, like list

    def __repr__(self) -> str:
        return f"TermList({list(self)!r})"
