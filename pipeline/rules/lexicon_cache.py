"""The package lexicons, parsed once per version and kept in the private cache.

Parsing the package's YAML lexicons and the curated public term lists (some 24,000 lines)
was a large part of a one-post check's start. The parsed form depends only on those files
and on the parsing code, so it is kept in the private cache (sealed JSON, owner and mode
checked: :mod:`pipeline.rules.cache`) under a name that hashes the parsing code and the
lexicon folder's place. The files are not read again while each one's size, mtime, ctime
and inode are those recorded; a file changed less than two seconds before the cache was
written (git's "racy" rule: a later change in the same clock tick would keep its mtime)
leaves no record, so the next run parses again. The unit's own files
(``content/rules/``) are small and parsed on every run.

The public terms are stored as columns and become the term list's light records without a
Python call per term, each column one JSON value that parses without an object per term
(as the matcher's keys are kept, :mod:`pipeline.rules.automaton_cache`): the texts as one
text, one a line; the levels as one text, a letter a term (:data:`_LEVEL_OF`); the lines as
packed 32-bit integers. Lists of 24,000 texts, levels and integers were most of reading
the file. Every value's type is checked before use, and anything that does not fit (a
column of another length, a letter that names no level) is ignored and parsed again.
"""

from __future__ import annotations

import os
import time
from itertools import repeat
from pathlib import Path
from typing import Any

from pipeline.rules import cache
from pipeline.rules.automaton_cache import pack, unpack
from pipeline.rules.lexicon import LEVELS, Lexicon, Term, parse_package
from pipeline.rules.term_list import TermList

FORMAT = 2
_CODE = ("lexicon.py", "term_list.py", "lexicon_cache.py")
RACY_SECONDS = 2.0
# Term fields in the order of the stored rows, with their types.
_TERM_FIELDS = (
    ("text", str),
    ("level", str),
    ("note", str),
    ("variants", tuple),
    ("abbr", tuple),
    ("context", bool),
    ("pinyin", bool),
    ("homophones", bool),
    ("segment", bool),
    ("allow", tuple),
    ("origin", str),
)
_LEXICON_TEXT = ("rule", "article", "title", "message", "level", "origin")
_LEVEL_OF = {level[0]: level for level in LEVELS}  # a public term's level by its letter
_LETTERS = "".join(_LEVEL_OF)


def _folder() -> Path | None:
    """The lexicon folder when the package is installed as files (then it can be stamped)."""
    folder = Path(__file__).with_name("lexicons")
    return folder if folder.is_dir() else None


def _stamps(folder: Path) -> list[list[Any]] | None:
    """(name, size, mtime, ctime, inode) of every lexicon file, or None when one of them
    is too new to be told apart from a later change in the same clock tick."""
    found: list[list[Any]] = []
    now = time.time_ns()
    for sub in ("", "public"):
        try:
            entries = sorted(os.scandir(folder / sub), key=lambda e: e.name)
        except OSError:
            return None
        for entry in entries:
            if not entry.name.endswith((".yml", ".txt")) or not entry.is_file():
                continue
            info = entry.stat()
            if now - info.st_mtime_ns < RACY_SECONDS * 1e9:
                return None
            stamp = [f"{sub}/{entry.name}", info.st_size, info.st_mtime_ns, info.st_ctime_ns]
            found.append([*stamp, info.st_ino])
    return found


def cache_name(folder: Path) -> str:
    digest = cache.code_digest(_CODE, 10)
    digest.update(str(folder).encode())
    return f"lexicons-{FORMAT}-{digest.hexdigest()}.json"


def _term_row(term: Term) -> list[Any]:
    return [
        list(v) if isinstance(v, tuple) else v for v in (getattr(term, f) for f, _ in _TERM_FIELDS)
    ]


def _dump(by_rule: dict[str, Lexicon]) -> list[dict[str, Any]] | None:
    """The lexicons as stored; None when a public term's text holds a line break (which
    the joined column would lose) or its level is not the one its letter names: they are
    then parsed on every run."""
    result = []
    for lexicon in by_rule.values():
        items = lexicon.terms.records()
        public = [item for item in items if isinstance(item, tuple)]
        if any("\n" in r[0] or _LEVEL_OF.get(r[2][:1]) != r[2] for r in public):
            return None
        result.append(
            {
                **{key: getattr(lexicon, key) for key in _LEXICON_TEXT},
                "contexts": list(lexicon.contexts),
                "allow": list(lexicon.allow),
                "terms": [_term_row(t) for t in items if not isinstance(t, tuple)],
                "public": "\n".join(r[0] for r in public),
                "levels": "".join(r[2][0] for r in public),
                "lines": pack([r[3] for r in public]),
            }
        )
    return result


def _strings(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not cache.only_types(value, str):
        raise ValueError("not a list of strings")
    return tuple(value)


def _term(row: Any, rule: str) -> Term:
    if not isinstance(row, list) or len(row) != len(_TERM_FIELDS):
        raise ValueError("not a term row")
    values: dict[str, Any] = {}
    for (name, kind), value in zip(_TERM_FIELDS, row, strict=True):
        if kind is tuple:
            value = _strings(value)
        elif not isinstance(value, kind):
            raise ValueError(f"bad {name}")
        values[name] = value
    if values["level"] not in LEVELS:
        raise ValueError("bad level")
    return Term(rule=rule, **values)


def _lexicon(data: Any) -> Lexicon:
    if not isinstance(data, dict):
        raise ValueError("not a lexicon")
    text = {key: data[key] for key in _LEXICON_TEXT}
    if not all(isinstance(v, str) for v in text.values()) or text["level"] not in LEVELS:
        raise ValueError("bad lexicon field")
    rule = text["rule"]
    terms = TermList(_term(row, rule) for row in data["terms"])
    texts, levels, lines = data["public"], data["levels"], unpack(data["lines"])
    if not isinstance(texts, str) or not isinstance(levels, str) or lines is None:
        raise ValueError("bad public columns")
    public = texts.split("\n") if texts else []
    if levels.strip(_LETTERS) or not len(public) == len(levels) == len(lines):
        raise ValueError("bad public levels, or columns of other lengths")
    terms.add_records(zip(public, repeat(rule), map(_LEVEL_OF.__getitem__, levels), lines))
    return Lexicon(
        **text,
        contexts=_strings(data["contexts"]),
        allow=_strings(data["allow"]),
        terms=terms,
    )


def _load(data: Any, stamps: list[list[Any]]) -> tuple[dict[str, Lexicon], str] | None:
    """The lexicons of a cache record whose stamps are ``stamps``; None when it does not
    fit (other files, wrong shape or types)."""
    if not isinstance(data, dict) or data.get("stamps") != stamps:
        return None
    digest, lexicons = data.get("digest"), data.get("lexicons")
    if not isinstance(digest, str) or not isinstance(lexicons, list):
        return None
    try:
        by_rule = {lex.rule: lex for lex in map(_lexicon, lexicons)}
    except (KeyError, TypeError, ValueError):
        return None
    return (by_rule, digest) if len(by_rule) == len(lexicons) else None


def package_lexicons() -> tuple[dict[str, Lexicon], str]:
    """The package lexicons (fresh objects on every call) and the digest of their files."""
    folder = _folder()
    stamps = _stamps(folder) if folder is not None else None
    if folder is None or stamps is None:
        return parse_package()
    name = cache_name(folder)
    found = _load(cache.read_sealed_json(name), stamps)
    if found is not None:
        return found
    by_rule, digest = parse_package()
    dumped = _dump(by_rule)
    if dumped is not None:
        cache.write_sealed_json(name, {"stamps": stamps, "digest": digest, "lexicons": dumped})
    return by_rule, digest
