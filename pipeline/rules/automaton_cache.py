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

The large parts are kept in forms that load without a Python call per value and need no
type check of each: the keys as one text, one a line; the integers (values, the table's
columns) as little-endian 32-bit arrays in base64 (:func:`pack`); the prefixes as one text
of two-character prefixes and one of their lengths. Parsing a JSON list of 40,000 texts
and one of 40,000 integers, then checking each one's type, was most of loading them.
"""

from __future__ import annotations

import base64
import binascii
import json
import sys
from array import array
from dataclasses import dataclass
from itertools import accumulate, chain
from typing import Any

import ahocorasick

from pipeline.rules import cache
from pipeline.rules.cache import only_types
from pipeline.rules.key_memo import memo_name
from pipeline.rules.key_table import KeyTable

FORMAT = 3
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


@dataclass(repr=False, eq=False)
class Compiled:
    """What the matcher derives from the lexicons (see the module's docstring)."""

    keys: KeyTable
    table: list[Any]  # rows of entries (index, how, length)
    first: dict[int, frozenset[str]]  # term index -> homophones of its first character
    shared: dict[str, list[str]]  # rule -> keys of its allowlisted phrases (and the unit's)
    contexts: dict[str, tuple[str, ...]]  # rule -> keys of its context words


def pack(values: list[int]) -> str:
    """32-bit integers as base64 of their little-endian bytes (:func:`unpack` reads them)."""
    packed = array("i", values)
    if sys.byteorder == "big":
        packed.byteswap()
    return base64.b64encode(packed.tobytes()).decode("ascii")


def unpack(value: Any) -> array[int] | None:
    """The integers of :func:`pack`; None for anything else."""
    if not isinstance(value, str) or array("i").itemsize != 4:
        return None
    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return None
    if len(raw) % 4:
        return None
    found = array("i")
    found.frombytes(raw)
    if sys.byteorder == "big":
        found.byteswap()
    return found


def _packed_table(table: list[Any]) -> dict[str, Any]:
    """The value table's columns: each row's size, then each entry's term index, way of
    spelling (an index into ``hows``) and key length."""
    entries = list(chain.from_iterable(table))
    hows = sorted({how for _, how, _ in entries})
    where = {how: i for i, how in enumerate(hows)}
    columns = ([e[0] for e in entries], [where[e[1]] for e in entries], [e[2] for e in entries])
    sizes = pack([len(row) for row in table])
    return dict(
        zip(("index", "how", "length"), map(pack, columns), strict=True), hows=hows, sizes=sizes
    )


def _table(value: Any, terms: int) -> list[Any] | None:
    """The value table (rows of (term index, how, key length)) from :func:`_packed_table`,
    or None when it is not well formed or names a term that does not exist."""
    if not isinstance(value, dict):
        return None
    hows = value.get("hows")
    if not isinstance(hows, list) or not only_types(hows, str):
        return None
    sizes, index, how, length = (unpack(value.get(k)) for k in ("sizes", "index", "how", "length"))
    if sizes is None or index is None or how is None or length is None:
        return None
    if not len(index) == len(how) == len(length) == sum(sizes) or (sizes and min(sizes) < 0):
        return None
    if index and (min(index) < -1 or max(index) >= terms):
        return None
    if how and (min(how) < 0 or max(how) >= len(hows)):
        return None
    entries = list(zip(index, map(hows.__getitem__, how), length, strict=True))
    ends = list(accumulate(sizes))
    return [entries[end - size : end] for size, end in zip(sizes, ends, strict=True)]


def _codes(keys: Any, codes: Any, table: int, terms: int, hows: int) -> dict[str, int] | None:
    """key -> value when every key is a text and every value points at what exists: a row
    of the table (negative) or a packed term entry (index, how, length). Checked with C
    loops (``map``, ``filter``, ``min``): this runs on every start."""
    numbers = unpack(codes)
    if not isinstance(keys, str) or numbers is None or not numbers:
        return None
    names, values = keys.split("\n"), numbers.tolist()
    if len(names) != len(values) or min(values) < -table or max(values) >> 12 >= terms:
        return None
    if not ends_fit(numbers, hows):
        return None
    found = dict(zip(names, values, strict=True))
    return found if "" not in found and len(found) == len(names) else None


_NON_NEGATIVE = bytes(int(b < 0x80) for b in range(256))  # of a value's highest byte
_ZERO = bytes(int(b == 0) for b in range(256))


def ends_fit(numbers: array[int], hows: int) -> bool:
    """Whether the low 12 bits of every value that is not negative (a term entry) are one
    of ``hows`` ways of spelling (bits 8-11) and a key length that is not 0 (bits 0-7).
    Worked on the array's bytes, one byte of each value at a time, as big integers of one
    bit a byte: no Python call per value (a set of the values' ends took 2.5 ms a start)."""
    raw = numbers.tobytes()
    low, second, top = (0, 1, 3) if sys.byteorder == "little" else (3, 2, 0)
    wide = bytes(int(b & 0xF >= hows) for b in range(256))
    kept = int.from_bytes(raw[top::4].translate(_NON_NEGATIVE), "big")
    bad = raw[low::4].translate(_ZERO), raw[second::4].translate(wide)
    return not kept & (int.from_bytes(bad[0], "big") | int.from_bytes(bad[1], "big"))


def _prefixes(value: Any) -> dict[str, str] | None:
    """Two-character prefix -> the lengths of its keys, from a text of the prefixes and a
    text of their lengths, one ``\\0`` between two."""
    if not isinstance(value, list) or len(value) != 2 or not only_types(value, str):
        return None
    joined, lengths = value
    found = lengths.split("\0") if lengths else []
    if len(joined) != 2 * len(found):
        return None
    pairs = iter(joined)
    return dict(zip(map("".join, zip(pairs, pairs, strict=False)), found, strict=True))


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
    first, prefixes = meta.get("first"), _prefixes(meta.get("prefixes"))
    if not isinstance(first, dict) or prefixes is None:
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
    """Write the compiled keys, sealed; nothing when there is no cache, or when a key holds
    a line break or a prefix's lengths a ``\\0`` (which the joined texts would lose)."""
    keys = compiled.keys
    lengths = list(keys.prefixes.values())
    if any("\n" in k for k in keys.codes) or any("\0" in n for n in lengths):
        return
    if any(len(p) != 2 for p in keys.prefixes) or array("i").itemsize != 4:
        return
    try:
        codes, table = pack(list(keys.codes.values())), _packed_table(compiled.table)
    except OverflowError:  # a value beyond 32 bits
        return
    meta = {
        "terms": terms,
        "table": table,
        "first": {str(k): "".join(sorted(v)) for k, v in compiled.first.items()},
        "shared": compiled.shared,
        "contexts": compiled.contexts,
        "keys": "\n".join(keys.codes),
        "codes": codes,
        "prefixes": ["".join(keys.prefixes), "\0".join(lengths)],
        "singles": keys.singles,
    }
    cache.write_sealed_json(name + ".json", meta)
