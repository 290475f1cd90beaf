"""The matcher's compiled Aho-Corasick automaton, kept between processes in the private cache.

Building the automaton over some 26,000 lexicon terms and their spellings was most of a
one-post check's start. It depends only on the lexicons (their version hash), the
triggers and the code that derives the keys and spellings, so it is saved with
pyahocorasick's ``Automaton.save`` (integer values only: nothing is pickled) under a name
that hashes all of these. Two files: ``<name>.bin`` (the automaton) and ``<name>.json``,
sealed by :mod:`pipeline.rules.cache`, holding the BLAKE2b digest of the ``.bin``, the
table of the values that do not fit in one integer (JSON) and the matcher's other derived
data. Both must be the user's own and writable by nobody else;
the ``.bin`` is read into memory and its digest checked before it is loaded from those
same bytes, so a file changed between the check and the load is never used. Anything
that does not fit is ignored and the automaton is rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import ahocorasick

from pipeline.rules import cache
from pipeline.rules.key_memo import memo_name

FORMAT = 1
# The code that decides which keys go into the automaton, and with which values.
_CODE = ("engine.py", "phonetic.py", "radicals.py", "automaton_cache.py")

Entry = tuple[int, str, int]


def cache_name(version: str, triggers: dict[str, tuple[str, ...]], texts: list[str]) -> str:
    """The files' name (without suffix) for these lexicons, triggers, term texts and code
    (the texts too: a caller such as ``rules curate`` builds matchers over changing terms
    under one version name)."""
    digest = hashlib.blake2b(digest_size=12)
    here = Path(__file__).parent
    for name in _CODE:
        digest.update((here / name).read_bytes())
    digest.update(memo_name().encode())  # the normalisation code and OpenCC's table
    digest.update(version.encode())
    digest.update("\0".join(texts).encode())
    digest.update(json.dumps(triggers, ensure_ascii=False, sort_keys=True).encode())
    digest.update(ahocorasick.__name__.encode() + str(getattr(ahocorasick, "unicode", "")).encode())
    return f"automaton-{FORMAT}-{digest.hexdigest()}"


def _file_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=32).hexdigest()


def _refuse(data: bytes) -> Any:
    """The deserializer: the automaton stores integers only, so any object value means
    the file is not one this module wrote."""
    raise ValueError("unexpected object value in the automaton cache")


def _table(value: Any, terms: int) -> list[tuple[Entry, ...]] | None:
    """The value table from its JSON form, or None when it is not well formed or names a
    term that does not exist."""
    try:
        table = [tuple((int(i), str(h), int(n)) for i, h, n in row) for row in value]
    except (TypeError, ValueError):
        return None
    if any(not -1 <= index < terms for row in table for index, _, _ in row):
        return None
    return table


def _in_range(automaton: Any, table: int, terms: int, hows: int) -> bool:
    """Whether every value of the automaton points at what exists: a row of the table
    (negative) or a packed term entry (index, how, length); min and max are taken in C."""
    values = list(automaton.values())
    if not values:
        return False
    low, high = min(values), max(values)
    if low < -table or high >> 12 >= terms:
        return False
    return all(code >> 8 & 15 < hows and code & 255 for code in values if code >= 0)


def _load_bytes(data: bytes) -> Any | None:
    """An automaton from the verified bytes, through an unlinked private file."""
    directory = cache.cache_dir()
    if directory is None:
        return None
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".load-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        return ahocorasick.load(tmp, _refuse)
    except (OSError, ValueError, TypeError, KeyError, UnicodeDecodeError):
        return None
    finally:
        Path(tmp).unlink(missing_ok=True)


def load(
    name: str, terms: int, hows: int
) -> tuple[Any, list[tuple[Entry, ...]], dict[int, frozenset[str]]] | None:
    """(automaton, value table, first-character homophones per term index), or None when
    there is no trusted, intact cache for ``name`` built over ``terms`` terms, whose every
    value names a term and one of ``hows`` ways of spelling it."""
    meta = cache.read_sealed_json(name + ".json")
    if not isinstance(meta, dict) or meta.get("terms") != terms:
        return None
    digest, first = meta.get("digest"), meta.get("first")
    if not isinstance(digest, str) or not isinstance(first, dict):
        return None
    path = cache.trusted_path(name + ".bin")
    if path is None:
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if _file_digest(data) != digest:
        return None
    automaton = _load_bytes(data)
    if (
        automaton is None
        or automaton.kind != ahocorasick.AHOCORASICK
        or automaton.store != ahocorasick.STORE_INTS
    ):
        return None
    table = _table(meta.get("table"), terms)
    if table is None or not _in_range(automaton, len(table), terms, hows):
        return None
    try:
        homophones = {int(k): frozenset(v) for k, v in first.items() if isinstance(v, str)}
    except ValueError:
        return None
    if len(homophones) != len(first):
        return None
    return automaton, table, homophones


def save(
    name: str,
    automaton: Any,
    table: list[tuple[Entry, ...]],
    first: dict[int, frozenset[str]],
    terms: int,
) -> None:
    """Write the automaton and its sealed description; nothing when there is no cache."""
    directory = cache.cache_dir()
    if directory is None:
        return
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".tmp-")
    os.close(fd)
    try:
        automaton.save(tmp)  # integer values: no serializer
        os.chmod(tmp, 0o600)
        data = Path(tmp).read_bytes()
        os.replace(tmp, directory / (name + ".bin"))
    except (OSError, ValueError):
        Path(tmp).unlink(missing_ok=True)
        return
    meta = {
        "digest": _file_digest(data),
        "terms": terms,
        "table": table,
        "first": {str(k): "".join(sorted(v)) for k, v in first.items()},
    }
    cache.write_sealed_json(name + ".json", meta)
