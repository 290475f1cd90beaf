"""The matcher's compiled keys, kept between processes in the private cache.

Building the automaton over some 36,000 lexicon keys and spellings was most of a one-post
check's start, and even loading a saved pyahocorasick automaton rebuilds every node. What
the matcher derives from the lexicons depends only on them (their version hash), the
triggers and the code that derives the keys and spellings, so it is saved under a name
that hashes all of these, as one sealed JSON file (:mod:`pipeline.rules.cache`: the
user's own, writable by nobody else, not a link, BLAKE2b digest of its content): every key
with its automaton value (an integer; nothing is pickled), the table of the values that do
not fit in one integer, the homophones of the first characters, the keys of every context
word and allowlisted phrase, and for each two-character prefix the lengths of its keys
(:mod:`pipeline.rules.key_table`, which scans a post with them and builds the automaton
from the same keys only for a long run). Every value's type and range is checked before
use; anything that does not fit is ignored and the keys are built again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import chain, repeat
from operator import and_, itemgetter
from typing import Any

import ahocorasick

from pipeline.rules import cache
from pipeline.rules.cache import only_types
from pipeline.rules.key_memo import memo_name
from pipeline.rules.key_table import KeyTable

FORMAT = 2
# The code that decides which keys go into the automaton, and with which values.
_CODE = (
    "engine.py",
    "spellings.py",
    "context.py",
    "phonetic.py",
    "radicals.py",
    "automaton_cache.py",
    "key_table.py",
)

Entry = tuple[int, str, int]


def cache_name(version: str, triggers: dict[str, tuple[str, ...]], texts: list[str]) -> str:
    """The files' name (without suffix) for these lexicons, triggers, term texts and code
    (the texts too: a caller such as ``rules curate`` builds matchers over changing terms
    under one version name)."""
    digest = cache.code_digest(_CODE, 12)
    digest.update(memo_name().encode())  # the normalisation code and OpenCC's table
    digest.update(version.encode())
    digest.update("\0".join(texts).encode())
    digest.update(json.dumps(triggers, ensure_ascii=False, sort_keys=True).encode())
    digest.update(ahocorasick.__name__.encode() + str(getattr(ahocorasick, "unicode", "")).encode())
    return f"automaton-{FORMAT}-{digest.hexdigest()}"


@dataclass
class Compiled:
    """What the matcher derives from the lexicons (see the module's docstring)."""

    keys: KeyTable
    table: list[Any]  # rows of entries (index, how, length): tuples built, lists loaded
    first: dict[int, frozenset[str]]  # term index -> homophones of its first character
    shared: dict[str, list[str]]  # rule -> keys of its allowlisted phrases (and the unit's)
    contexts: dict[str, tuple[str, ...]]  # rule -> keys of its context words


def _table(value: Any, terms: int) -> list[list[Any]] | None:
    """The value table (rows of [term index, how, key length]) from its JSON form, or None
    when it is not well formed or names a term that does not exist."""
    if not isinstance(value, list) or not only_types(value, list):
        return None
    entries = list(chain.from_iterable(value))
    if not only_types(entries, list) or not set(map(len, entries)) <= {3}:
        return None
    index, how, length = (list(map(itemgetter(k), entries)) for k in range(3))
    if not (only_types(index, int) and only_types(how, str) and only_types(length, int)):
        return None
    if index and (min(index) < -1 or max(index) >= terms):
        return None
    return value


def _codes(keys: Any, codes: Any, table: int, terms: int, hows: int) -> dict[str, int] | None:
    """key -> value when every key is a text and every value points at what exists: a row
    of the table (negative) or a packed term entry (index, how, length). Checked with C
    loops (``map``, ``filter``, ``min``): this runs on every start."""
    if not isinstance(keys, list) or not isinstance(codes, list) or len(keys) != len(codes):
        return None
    if not codes or not only_types(keys, str) or not only_types(codes, int):
        return None
    if min(codes) < -table or max(codes) >> 12 >= terms:
        return None
    packed = list(filter((-1).__lt__, codes))
    if packed and max(map(and_, packed, repeat(0xF00))) >= hows << 8:
        return None
    if 0 in map(and_, packed, repeat(0xFF)):
        return None
    found = dict(zip(keys, codes, strict=True))
    return found if "" not in found and len(found) == len(keys) else None


def _texts(value: Any) -> dict[str, tuple[str, ...]] | None:
    if not isinstance(value, dict):
        return None
    lists = list(value.values())
    if not only_types(lists, list) or not only_types(list(chain.from_iterable(lists)), str):
        return None
    return {str(k): tuple(v) for k, v in value.items()}


def load(name: str, terms: int, hows: int) -> Compiled | None:
    """The compiled keys for ``name``, or None when there is no trusted, intact cache built
    over ``terms`` terms, whose every value names a term and one of ``hows`` ways of
    spelling it."""
    meta = cache.read_sealed_json(name + ".json")
    if not isinstance(meta, dict) or meta.get("terms") != terms:
        return None
    first, prefixes = meta.get("first"), meta.get("prefixes")
    if not isinstance(first, dict) or not isinstance(prefixes, dict):
        return None
    if not only_types(list(prefixes.values()), str):
        return None
    table = _table(meta.get("table"), terms)
    if table is None:
        return None
    codes = _codes(meta.get("keys"), meta.get("codes"), len(table), terms, hows)
    shared, contexts = _texts(meta.get("shared")), _texts(meta.get("contexts"))
    if codes is None or shared is None or contexts is None:
        return None
    try:
        homophones = {int(k): frozenset(v) for k, v in first.items() if isinstance(v, str)}
    except ValueError:
        return None
    if len(homophones) != len(first) or any(not 0 <= k < terms for k in homophones):
        return None
    singles = meta.get("singles")
    if not isinstance(singles, list) or not all(type(k) is str and len(k) == 1 for k in singles):
        return None
    if not set(singles) <= codes.keys():
        return None
    keys = KeyTable(codes, prefixes, singles)
    return Compiled(keys, table, homophones, {k: list(v) for k, v in shared.items()}, contexts)


def save(name: str, compiled: Compiled, terms: int) -> None:
    """Write the compiled keys, sealed; nothing when there is no cache."""
    keys = compiled.keys
    meta = {
        "terms": terms,
        "table": compiled.table,
        "first": {str(k): "".join(sorted(v)) for k, v in compiled.first.items()},
        "shared": compiled.shared,
        "contexts": compiled.contexts,
        "keys": list(keys.codes),
        "codes": list(keys.codes.values()),
        "prefixes": keys.prefixes,
        "singles": keys.singles,
    }
    cache.write_sealed_json(name + ".json", meta)
