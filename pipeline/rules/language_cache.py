"""The language table kept in the private cache (issue 17): every check of a post with a
word of another script (``App``, ``5G``) needs the table, and reading ``languages.yml``
then folding its ten thousand entries was 0.13 s of CPU, about a third of a one-post check.

The table is kept as one sealed JSON file (:func:`pipeline.rules.cache.write_sealed_json`)
whose name hashes this module, the table's module and ``languages.yml`` itself: an edit of
any of them names another file. The file holds the table as the matcher reads it — the
three indexes by a word's first key (exact, prefix, suffix), each key with its tokens'
rows as JSON text of their own, the tokens matched anywhere, the rules, the languages and the longest affix key — so
that a post reads into tokens only the keys its words look up (a few dozen of ten
thousand rows; reading every row into tokens was a fifth of a one-post check).

A planted or edited copy could drop a concept and hide a finding, so the file is read only
when it is the user's own, nobody else can write it and its digest fits; every value must
have its type: the rules, the languages and the few hundred tokens matched anywhere when
the file is read, an index's rows where a key is first looked up. A copy of another shape
is not used: found when the file is read, the table is built from the YAML again; a row
found later makes every index answer from the table built from the YAML (kept again) from
then on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from pipeline.rules import cache
from pipeline.rules.language_table import Table, Token, Word, raw_data, rules_of, tokens

FORMAT = 2
_SOURCES = ("language_cache.py", "language_table.py", "languages.yml", "../yamlutil.py")
_INDEXES = ("exact", "prefix", "suffix")
_LISTS = ("infix", "unspaced", "rules", "languages")
_KEYS = frozenset({*_INDEXES, *_LISTS, "longest"})
_Index = Mapping[str, tuple[Token, ...]]


def name() -> str:
    """The cache file's name: the format and a hash of the code and data behind it."""
    return f"language-table-{FORMAT}-{cache.code_digest(_SOURCES, 10).hexdigest()}.json"


class _Source:
    """The table built from the YAML (and kept again), built once, when first needed."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.built: Table | None = None

    def table(self) -> Table:
        if self.built is None:
            raw = raw_data()
            self.built = Table.of(tokens(raw), raw["rules"])
            cache.write_sealed_json(self.file, _dump(self.built, raw["rules"]))
        return self.built


def table() -> Table:
    """The table, from a sealed copy when there is one, else built and then kept."""
    source = _Source(name())  # the name hashes the YAML and the modules: read once
    kept = _read(cache.read_sealed_json(source.file), source)
    return kept if kept is not None else source.table()


def _dump(table: Table, raw_rules: list[dict[str, Any]]) -> dict[str, Any]:
    indexes = {
        which: {
            key: _json([_row(t) for t in found]) for key, found in getattr(table, which).items()
        }
        for which in _INDEXES
    }
    return {
        **indexes,
        "infix": [_row(t) for t in table.infix],
        "unspaced": [_row(t) for t in table.unspaced],
        "rules": raw_rules,
        "languages": sorted(table.languages),
        "longest": table.longest,
    }


def _json(rows: list[list[Any]]) -> str:
    """A key's rows as JSON text inside the file's JSON: reading the file then makes one
    string per key, not the lists of every row (half the file's parse)."""
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))


def _row(token: Token) -> list[Any]:
    words = [[w.text, w.lead, w.trail] for w in token.words]
    return [token.concept, token.language, words, token.unspaced]


def _read(data: Any, source: _Source) -> Table | None:
    """The table of a sealed copy, its indexes read where they are looked up; None unless
    the copy has the shape it was written with and every value read now has its type."""
    if not isinstance(data, dict) or set(data) != _KEYS:
        return None
    indexes = [data[which] for which in _INDEXES]
    infix, unspaced, rules, languages = (data[which] for which in _LISTS)
    if not all(type(index) is dict for index in indexes):
        return None
    if not all(type(value) is list for value in (infix, unspaced, rules, languages)):
        return None
    if type(data["longest"]) is not int or not cache.only_types(languages, str):
        return None
    try:
        return Table(
            *(_Rows(index, source, which) for which, index in zip(_INDEXES, indexes, strict=True)),
            tuple(map(_token, infix)),
            tuple(map(_token, unspaced)),
            rules_of(rules),
            frozenset(languages),
            data["longest"],
        )
    except (TypeError, ValueError, KeyError, AttributeError):
        return None  # a row or a rule of another shape: build the table again


class _Rows(Mapping[str, tuple[Token, ...]]):
    """One index of a kept table: a key's rows read into tokens when it is first looked up.
    Once a row of another shape is met (in this index or another of the table), the index
    answers from the table built from the YAML."""

    def __init__(self, rows: dict[str, Any], source: _Source, which: str) -> None:
        self._rows = rows
        self._read: dict[str, tuple[Token, ...]] = {}
        self._source = source
        self._which = which

    def _built(self) -> _Index | None:
        built = self._source.built
        return None if built is None else getattr(built, self._which)  # type: ignore[no-any-return]

    def _fallback(self) -> _Index:
        index: _Index = getattr(self._source.table(), self._which)
        return index

    def __getitem__(self, key: str) -> tuple[Token, ...]:
        built = self._built()
        if built is not None:
            return built[key]
        found = self._read.get(key)
        if found is None:
            rows = self._rows[key]
            try:
                found = _tokens(rows)
            except (TypeError, ValueError):
                return self._fallback()[key]
            self._read[key] = found
        return found

    def get(self, key: str, default: Any = None) -> Any:
        found = self._read.get(key)  # the matcher's look-ups: most keys are in no index
        if found is not None and self._source.built is None:
            return found
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key: object) -> bool:
        built = self._built()
        return key in (self._rows if built is None else built)

    def __iter__(self) -> Iterator[str]:
        built = self._built()
        return iter(self._rows if built is None else built)

    def __len__(self) -> int:
        built = self._built()
        return len(self._rows if built is None else built)


def _tokens(text: Any) -> tuple[Token, ...]:
    if type(text) is not str:
        raise TypeError("rows")
    rows = json.loads(text)  # a ValueError when it is not JSON
    if type(rows) is not list or not rows:
        raise TypeError("rows")
    return tuple(map(_token, rows))


def _token(row: Any) -> Token:
    if type(row) is not list or len(row) != 4:
        raise TypeError("row")
    concept, language, words, unspaced = row
    if not (cache.only_types((concept, language), str) and type(unspaced) is bool):
        raise TypeError("token")
    if type(words) is not list:
        raise TypeError("words")
    read = tuple(_word(*w) for w in words)
    if not read:
        raise ValueError("a token of no words")
    return Token(concept, language, read, unspaced)


def _word(text: Any, lead: Any, trail: Any) -> Word:
    if type(text) is not str or not text or type(lead) is not bool or type(trail) is not bool:
        raise TypeError("word")
    return Word(text, lead, trail)
