"""The language table kept in the private cache (issue 17): every check of a post with a
word of another script (``App``, ``5G``) needs the table, and reading ``languages.yml``
then folding its ten thousand entries was 0.13 s of CPU, about a third of a one-post check.

The folded tokens and the rules' data are kept as one sealed JSON file
(:func:`pipeline.rules.cache.write_sealed_json`) whose name hashes this module, the
table's module and ``languages.yml`` itself: an edit of any of them names another file.
A planted or edited copy could drop a concept and hide a finding, so the file is read only
when it is the user's own, nobody else can write it, its digest fits and every value has
its type; anything else is ignored and the table built from the YAML again.
"""

from __future__ import annotations

from typing import Any

from pipeline.rules import cache
from pipeline.rules.language_table import Table, Token, Word, raw_data, tokens

FORMAT = 1
_SOURCES = ("language_cache.py", "language_table.py", "languages.yml", "../yamlutil.py")


def name() -> str:
    """The cache file's name: the format and a hash of the code and data behind it."""
    return f"language-table-{FORMAT}-{cache.code_digest(_SOURCES, 10).hexdigest()}.json"


def table() -> Table:
    """The table, from a sealed copy when there is one, else built and then kept."""
    file = name()  # hashes the YAML and the modules: read once
    kept = _read(cache.read_sealed_json(file))
    if kept is not None:
        return kept
    raw = raw_data()
    entries = tokens(raw)
    cache.write_sealed_json(file, {"tokens": [_dump(t) for t in entries], "rules": raw["rules"]})
    return Table.of(entries, raw["rules"])


def _dump(token: Token) -> list[Any]:
    words = [[w.text, w.lead, w.trail] for w in token.words]
    return [token.concept, token.language, words, token.unspaced]


def _read(data: Any) -> Table | None:
    """The table of a sealed copy; None unless every value has the type it was written with."""
    if not isinstance(data, dict) or set(data) != {"tokens", "rules"}:
        return None
    rows, rules = data["tokens"], data["rules"]
    if not isinstance(rows, list) or not isinstance(rules, list):
        return None
    entries: list[Token] = []
    try:
        for concept, language, words, unspaced in rows:
            if not (cache.only_types((concept, language), str) and type(unspaced) is bool):
                return None
            read = tuple(_word(*w) for w in words)
            if not read:
                return None
            entries.append(Token(concept, language, read, unspaced))
        return Table.of(entries, rules)
    except (TypeError, ValueError, KeyError, AttributeError):
        return None  # a row or a rule of another shape: build the table again


def _word(text: Any, lead: Any, trail: Any) -> Word:
    if type(text) is not str or not text or type(lead) is not bool or type(trail) is not bool:
        raise TypeError("word")
    return Word(text, lead, trail)
