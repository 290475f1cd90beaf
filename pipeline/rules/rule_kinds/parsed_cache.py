"""The package's rule files in their parsed form, kept in the private cache.

Reading the package's rule files (YAML, then every field through the schema layer) was the
largest part of starting a rule checker: about a third of what one changed post costs a
``govmedia check`` through the result store. The parsed rules depend only on the files of
the ``pipeline`` package (code and data: the rule files, the parsing code, the
normalisation that makes words into their matching form), the Python version and the
installed distributions, which is what :func:`pipeline.rules.result_store.build_key`
hashes; OpenCC's table is named by :func:`pipeline.rules.key_memo.memo_name`. So they are
kept under a name that hashes both, as one sealed JSON file (:mod:`pipeline.rules.cache`:
the user's own, writable by nobody else, not a link, BLAKE2b digest of its content).

Every record is read field by field with its type checked (texts, integers, booleans, word
lists, a severity, a known validator, a regular expression whose text parses, with known
flags); anything that does not fit is ignored and the files are parsed again. Regular expressions are kept as
their text and flags and compiled on first use (:class:`LazyRegex`): a rule file behind a
gate, or a rule that requires words, costs nothing for a text without them. Each was
compiled before it was stored (the files are parsed with compiled expressions), the seal
says the text is what was written, the name changes with the Python version, and the
syntax and the look-behinds' widths (what the compiler refuses beyond the syntax) are
checked when read (a seventh of the cost of compiling). The
unit's own rule files (``content/rules/``) are small, come from the branch under review
and are parsed on every run.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import fields
from pathlib import Path
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any, cast

from pipeline.rules import cache, compiled_re
from pipeline.rules.rule_kinds.combination import SCOPES, Combo
from pipeline.rules.rule_kinds.pattern import PLACES, VIEWS, Gate, Pattern, PatternFile
from pipeline.rules.rule_kinds.rulebook import Parsed, package_files
from pipeline.rules.rule_kinds.sequence import Sequence
from pipeline.rules.rule_kinds.validators import VALIDATORS

FORMAT = 1
_FLAGS = int(re.ASCII | re.IGNORECASE | re.MULTILINE | re.DOTALL | re.UNICODE | re.VERBOSE)
_LEVELS = ("error", "warning")
_NAMES = {id(function): name for name, function in VALIDATORS.items()}


class _Unfit(Exception):
    """A stored value that is not what its field holds."""


def _text(value: Any) -> str:
    if type(value) is not str:
        raise _Unfit
    return value


def _choice(*values: str) -> Callable[[Any], str]:
    def read(value: Any) -> str:
        if value not in values or type(value) is not str:
            raise _Unfit
        return str(value)

    return read


def _integer(value: Any) -> int:
    if type(value) is not int:
        raise _Unfit
    return value


def _boolean(value: Any) -> bool:
    if type(value) is not bool:
        raise _Unfit
    return value


def _words(value: Any) -> tuple[str, ...]:
    if type(value) is not list:
        raise _Unfit
    return tuple(map(_text, value))


def _groups(value: Any) -> tuple[tuple[str, ...], ...]:
    if type(value) is not list:
        raise _Unfit
    return tuple(map(_words, value))


class LazyRegex:
    """A regular expression compiled when first used; then its ``search`` and ``finditer``
    are the compiled pattern's own (no Python call in between). Equal to the compiled
    pattern of the same text and flags."""

    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = compiled = compiled_re.compiled(self.pattern, self.flags)
            self.search = compiled.search  # type: ignore[method-assign]
            self.finditer = compiled.finditer  # type: ignore[method-assign]
        return self._compiled

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().search(string, pos, endpos)

    def finditer(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        return self.compiled().finditer(string, pos, endpos)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyRegex | re.Pattern):
            return (self.pattern, self.flags) == (other.pattern, other.flags)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.compiled())  # the compiled pattern's: equal objects, equal hashes

    def __repr__(self) -> str:
        return f"LazyRegex({self.pattern!r}, {self.flags})"


_BRANCHES = (sre_parse.SubPattern, tuple, list)  # what can hold a look-behind


def _fixed_lookbehinds(node: Any) -> bool:
    """Whether every look-behind in a parsed pattern (``re._parser``'s tree) has one width.

    Every part of the tree is visited but its numbers, texts and empty parts (most of it:
    an opcode and its argument per character), which hold no look-behind."""
    if isinstance(node, sre_parse.SubPattern):
        node = node.data
    elif (
        len(node) == 2
        and node[0] in (sre.ASSERT, sre.ASSERT_NOT)
        and isinstance(node[1], tuple)  # not a range whose first character is \x04 or \x05
        and node[1][0] < 0
    ):
        low, high = node[1][1].getwidth()
        if low != high:
            return False
    return all(_fixed_lookbehinds(item) for item in node if isinstance(item, _BRANCHES))


def _regex(value: Any) -> re.Pattern[str]:
    if type(value) is not list or len(value) != 2:
        raise _Unfit
    pattern, flags = _text(value[0]), _integer(value[1])
    if flags & ~_FLAGS:
        raise _Unfit
    made = compiled_re.kept(pattern, flags)  # compiled before: no need to parse it
    if made is not None:
        return made
    try:
        tree = sre_parse.parse(pattern, flags)  # its syntax: a seventh of compiling it
        if not _fixed_lookbehinds(tree):  # what the compiler refuses beyond the syntax
            raise _Unfit
    except (re.error, RecursionError, OverflowError):
        raise _Unfit from None
    return cast("re.Pattern[str]", LazyRegex(pattern, flags))


def _maybe_regex(value: Any) -> re.Pattern[str] | None:
    return None if value is None else _regex(value)


def _validator(value: Any) -> Any:
    if value is None:
        return None
    found = VALIDATORS.get(_text(value))
    if found is None:
        raise _Unfit
    return found


def _rows(kind: type, spec: dict[str, Callable[[Any], Any]]) -> Callable[[Any], tuple[Any, ...]]:
    """A reader of a list of ``kind`` records, each stored as the list of its fields."""
    if [f.name for f in fields(kind)] != list(spec):
        raise AssertionError(f"{kind.__name__}: the stored fields are not its fields")

    def read(value: Any) -> tuple[Any, ...]:
        if type(value) is not list:
            raise _Unfit
        found = []
        for row in value:
            if type(row) is not list or len(row) != len(spec):
                raise _Unfit
            found.append(kind(*(take(v) for take, v in zip(spec.values(), row, strict=True))))
        return tuple(found)

    return read


_HEAD: dict[str, Callable[[Any], Any]] = {
    "rule": _text,
    "article": _text,
    "name": _text,
    "level": _choice(*_LEVELS),
    "message": _text,
}
_COMBOS = _rows(
    Combo,
    {
        **_HEAD,
        "fix": _text,
        "within": _integer,
        "groups": _groups,
        "unless": _words,
        "origin": _text,
        "scope": _choice(*SCOPES),
        "allow": _words,
    },
)
_GATES = _rows(Gate, {"words": _words, "ignore_case": _boolean, "needs": _maybe_regex})
_PATTERNS = _rows(
    Pattern,
    {**_HEAD, "regex": _regex, "validator": _validator, "require": _words},
)
_FILES = _rows(
    PatternFile,
    {
        "rel": _text,
        "view": _choice(*VIEWS),
        "one_per_place": _choice(*PLACES),
        "advise": _boolean,
        "gates": _GATES,
        "rules": _PATTERNS,
        "unit": _boolean,
    },
)
_SEQUENCES = _rows(
    Sequence,
    {
        **_HEAD,
        "regex": _regex,
        "triggers": _words,
        "unless": _words,
        "neighbours": _boolean,
        "origin": _text,
        "advise": _boolean,
    },
)


def _stored(value: Any) -> Any:
    """A parsed value in its JSON form (records as lists of their fields)."""
    if isinstance(value, re.Pattern | LazyRegex):
        return [value.pattern, value.flags]
    if callable(value):
        return _NAMES[id(value)]
    if isinstance(value, tuple | list):
        return [_stored(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return [_stored(getattr(value, f.name)) for f in fields(value)]
    return value


def dump(parsed: Parsed) -> dict[str, Any]:
    """``parsed`` as the cache keeps it."""
    return {
        "format": FORMAT,
        "combos": _stored(parsed.combos),
        "patterns": _stored(parsed.patterns),
        "sequences": _stored(parsed.sequences),
    }


def read(data: Any) -> Parsed | None:
    """What :func:`dump` gave, type-checked; None when anything does not fit."""
    if type(data) is not dict or data.get("format") != FORMAT:
        return None
    try:
        return Parsed(
            list(_COMBOS(data.get("combos"))),
            list(_FILES(data.get("patterns"))),
            list(_SEQUENCES(data.get("sequences"))),
        )
    except _Unfit:
        return None


def cache_name() -> str | None:
    """The cache file's name for the package as it is; None when the package is not
    installed as files (its build key would not cover the rule files)."""
    from pipeline.rules.key_memo import memo_name
    from pipeline.rules.result_store import build_key

    if not (Path(__file__).parent.parent / "rulefiles").is_dir():
        return None
    digest = hashlib.blake2b(f"{build_key()}\0{memo_name()}".encode(), digest_size=12)
    return f"rulefiles-{FORMAT}-{digest.hexdigest()}.json"


def package_parsed() -> Parsed:
    """The package's rule files, parsed (:func:`rulebook.package_files`) or from the cache."""
    name = cache_name()
    if name is None:
        return package_files()
    parsed = read(cache.read_sealed_json(name))
    if parsed is None:
        parsed = package_files()
        cache.write_sealed_json(name, dump(parsed))
    return parsed
