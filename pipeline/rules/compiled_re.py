"""Regular expressions compiled once per user and Python, not once per process.

The text rules' module-level expressions (``normalize``, ``lines``, ``notation``,
``attribution``) cost about 11 ms of CPU to compile at every start, nearly all of it in the
pure-Python parser and character-set optimiser of ``re``; every module of the rules package
now builds its module-level expressions here (``tests/test_check_speed64.py``). A compiled ``re.Pattern`` has no
serialised form (pickling one compiles it again), but what ``re`` hands to its C engine is
plain data: the pattern's code (a list of integers), its flags and its groups.
:func:`compiled` keeps that data for every expression it is asked for in one sealed file of
the private cache (:mod:`pipeline.rules.cache`: the user's own, not writable by others, not
a link, its BLAKE2b digest checked, every value type-checked) and builds the pattern from it
with ``_sre.compile``, which checks the code itself. An entry is kept only when the pattern
built from it equals the one ``re.compile`` gave (``Pattern.__eq__`` compares the flags, the
pattern text and the code), and the file's name carries the Python version and the engine's
magic number, so another interpreter never reads it. Anything unexpected (no cache, another
``re``, an entry refused by the engine) falls back to ``re.compile``: the patterns are the
same either way, only their cost differs.

The check command writes what was compiled afresh (:func:`save`); other callers only read.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]  # the C engine behind re
import hashlib
import re
import sys
from typing import Any

from pipeline.rules import cache

FORMAT = 1
MAX_ENTRIES = 1024  # older entries (expressions since edited) are dropped beyond this
_ENGINE = f"{sys.version}\0{_sre.MAGIC}\0{_sre.CODESIZE}\0{_sre.MAXREPEAT}\0{_sre.MAXGROUPS}"
NAME = f"regex-{FORMAT}-{hashlib.blake2b(_ENGINE.encode(), digest_size=8).hexdigest()}.json"

# (flags as compiled, code, groups, {name: group}, (name or None per group))
Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]


class _Kept:
    """The entries read from the file (once per process), those used by this process, and
    whether any had to be compiled afresh."""

    def __init__(self) -> None:
        self.read: dict[tuple[str, int], Entry] = _read(cache.read_sealed_json(NAME))
        self.used: dict[tuple[str, int], Entry] = {}
        self.fresh = False


_kept: _Kept | None = None


def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the kept code when there is an entry for it."""
    made = kept(pattern, flags)
    if made is not None:
        return made
    assert _kept is not None  # read by kept()
    made = re.compile(pattern, flags)
    entry = _entry(pattern, flags, made)
    if entry is not None:
        _kept.used[pattern, flags] = entry
        _kept.fresh = True
    return made


class Lazy:
    """A regular expression compiled (through :func:`compiled`) when first used: most texts
    never need the rare notations' and codes' expressions, and compiling them all at
    import costs a one-post check a few milliseconds."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._compiled: re.Pattern[str] | None = None

    def get(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = compiled(self.pattern)
        return self._compiled


def kept(pattern: str, flags: int = 0) -> re.Pattern[str] | None:
    """The pattern built from the kept code of ``pattern``; None without an entry the
    engine accepts (then nothing says that the expression compiles)."""
    global _kept
    if _kept is None:
        _kept = _Kept()
    entry = _kept.read.get((pattern, flags))
    if entry is None:
        return None
    try:
        made: re.Pattern[str] = _sre.compile(pattern, *entry)
    except (TypeError, ValueError, RuntimeError, OverflowError):
        return None
    _kept.used[pattern, flags] = entry
    return made


def keep(made: re.Pattern[str]) -> None:
    """Keep the code of ``made``, compiled by ``re`` already, under its text and flags as
    compiled them (what :func:`compiled` is asked for when the pattern is built again): a
    parse of the package's rule files records the expressions that the checks after it
    build from the kept code instead of compiling them."""
    global _kept
    if _kept is None:
        _kept = _Kept()
    key = (made.pattern, made.flags)
    if key in _kept.used:
        return
    entry = _kept.read.get(key) or _entry(made.pattern, made.flags, made)
    if entry is not None:
        _kept.fresh = _kept.fresh or key not in _kept.read
        _kept.used[key] = entry


def afresh() -> dict[tuple[str, int], Entry]:
    """The entries this process compiled afresh: what a forked worker of a check hands back
    to the process that saves (:func:`adopt`), so that the file holds what every process
    of the run compiled, whichever process met an expression first."""
    if _kept is None:
        return {}
    return {  # the code as plain ints: ``re``'s named opcodes do not pickle
        key: (flags, list(map(int, code)), *rest)
        for key, (flags, code, *rest) in _kept.used.items()
        if key not in _kept.read
    }


def adopt(entries: dict[tuple[str, int], Entry]) -> None:
    """Entries that another process of this run compiled afresh (:func:`afresh` of a forked
    worker: this process's own code, handed back through the pool), saved as if compiled
    here."""
    global _kept
    if _kept is None:
        _kept = _Kept()
    for key, entry in entries.items():
        if key not in _kept.used and key not in _kept.read:
            _kept.used[key] = entry
            _kept.fresh = True


def save() -> None:
    """Write the entries when some were compiled afresh in this process: those it used, and
    those read that it did not use while the total stays within ``MAX_ENTRIES``."""
    if _kept is None or not _kept.fresh:
        return
    entries = dict(_kept.used)
    for key, entry in _kept.read.items():
        if len(entries) >= MAX_ENTRIES:
            break
        entries.setdefault(key, entry)
    rows = [[p, f, *e[:2], e[2], e[3], list(e[4])] for (p, f), e in entries.items()]
    cache.write_sealed_json(NAME, {"format": FORMAT, "entries": rows})
    _kept.read, _kept.fresh = entries, False


def _entry(pattern: str, flags: int, made: re.Pattern[str]) -> Entry | None:
    """What ``re`` gives its engine for ``pattern``, when the pattern built from it is
    ``made``; None for a ``re`` that works otherwise (another Python) or a debug flag."""
    if flags & re.DEBUG:
        return None
    try:
        from re import _compiler, _parser

        tree = _parser.parse(pattern, flags)
        code = list(_compiler._code(tree, flags))
        state = tree.state
        names: list[str | None] = [None] * state.groups
        for name, index in state.groupdict.items():
            names[index] = name
        index = dict(state.groupdict)
        entry: Entry = (flags | state.flags, code, state.groups - 1, index, tuple(names))
        same = _sre.compile(pattern, *entry) == made
    except (AttributeError, TypeError, ValueError, RuntimeError, OverflowError, re.error):
        return None
    return entry if same else None


def _read(data: Any) -> dict[tuple[str, int], Entry]:
    """The entries of the file's data, each checked for its types; none when the data is
    not of this format (a row of other types is left out)."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return {}
    rows = data.get("entries")
    if not isinstance(rows, list):
        return {}
    out: dict[tuple[str, int], Entry] = {}
    for row in rows:
        entry = _row(row)
        if entry is not None:
            out[row[0], row[1]] = entry
    return out


def _row(row: Any) -> Entry | None:
    kinds = (str, int, int, list, int, dict, list)
    if not isinstance(row, list) or tuple(map(type, row)) != kinds:
        return None
    _, _, done, code, groups, index, names = row
    if not cache.only_types(code, int) or not cache.only_types(index.values(), int):
        return None
    if not cache.only_types(names, str, type(None)) or len(names) != groups + 1:
        return None
    return done, code, groups, index, tuple(names)
