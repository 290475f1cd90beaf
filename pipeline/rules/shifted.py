"""Pinyin written with its letters shifted: ROT13, the other Caesar shifts and Atbash (rounds 21, 22).

A Caesar shift moves each Latin letter the same number of places along the alphabet
(ROT13: thirteen, ``zvamh`` is ``minzu``; one place on: ``xfj`` is ``wei`` moved); a reader
undoes it by moving the letters back. :func:`read` tries the 25 shifts on each run of Latin
words of a lower-cased text (words apart by spaces, hyphens or apostrophes, set off from
other letters and digits) and reads the run as characters with the pinyin decoder
(:func:`pipeline.rules.pinyin_reader.read`) when, after one shift, *every* word of the run is
pinyin, the decoder reads all of it, and it holds at least :data:`SYLLABLES_MIN` syllables.
English shifted has words that read as pinyin (``item by item`` is ``epai xu epai``), never
a whole sentence of them; nor is pinyin shifted pinyin, so a run the pinyin view reads is not
read again. Same length: each character where its syllable began, the rest as spaces.

Round 42: a shift the text names with its number (``ROT13``, ``往回转13位``, ``凯撒 3``,
``后移3位``) is read on the runs within :data:`NAMED_REACH` characters of the name, down to
:data:`FOLLOW_MIN` syllables (``zratthmh`` is ``mengguzu``, three): the label says what the
letters are, as round 39's named layouts do. Both directions of the number are tried (a
writer's "back" and "forward" differ); every word must still read as pinyin.

After set 50's measurement: ROT13, one table as Atbash is and the shift most used, is read
on runs of :data:`ATBASH_MIN` syllables as Atbash is (``qvnash muratdhna``); over 248,000 runs
of English prose, four short ones read so (names such as ``raghavan``), none of them a word
the rules hold.

Round 62 (sets 50 and 51: ``znvsra 五万``, ``jrvqratwv 的…协会``, ``hszl tfljr, nz orvhsr``):
a short run set in Chinese — the nearest character before or after it, past a space, is a
Chinese character or a full-width mark — is read under ROT13 or Atbash down to
:data:`SHORT_MIN` syllables and :data:`SHORT_LETTERS` letters, when the run as written is
no pinyin (the pinyin view reads that) and every word of it is pinyin under the key. A word
of English set in Chinese is a name or a term (``iPhone``, ``Wi-Fi``, ``logo``), whose
letters under the two keys are almost never pinyin end to end; the view's characters are
reported only where the lexicons or the model find something in them.
"""

from __future__ import annotations

import re
from functools import cache

from pipeline.rules import pinyin_reader
from pipeline.rules.compiled_re import compiled

SYLLABLES_MIN = 6  # syllables of a shifted run read as characters
# Round 22: Atbash (the alphabet reversed, ``a`` for ``z``) is one table where the Caesar
# shifts are 25, so a shorter run is as unlikely to read as pinyin by chance.
ATBASH_MIN = 4  # syllables of a run read under Atbash
# After set 50's measurement: ROT13, the shift writers name and use far more than the others
# (``qvnash muratdhna``), is one table too, and is read down to the same four syllables.
ROT13 = 13
FOLLOW_MIN = 2  # syllables (of two letters or more) of another run read under a key found
_LOWER = "abcdefghijklmnopqrstuvwxyz"
ATBASH = 26  # the key of Atbash among the shifts 1 … 25
_RUN_RE = compiled("(?<![a-z0-9])[a-z]+(?:[ \\-'’]+[a-z]+)*(?![a-z0-9])")
_WORD_RE = compiled("[a-z]+")
_LETTERS_MIN = 2 * ATBASH_MIN  # letters of the shortest run read (four syllables of two)
# Necessary for a run of _LETTERS_MIN characters or more (a letter, then letters and
# separators, then a letter): a leading class, scanned for in the regular expression
# engine's fast loop, where _RUN_RE's look-behind is tried at every character.
_LONG_RUN_RE = compiled(f"[a-z][a-z \\-'’]{{{_LETTERS_MIN - 2},}}[a-z]")
# Round 42: a shift named with its number.
NAMED_REACH = 60  # characters between a named shift and a run it reads
# Round 62: a short run set in Chinese, under ROT13 or Atbash.
SHORT_MIN = 2  # syllables
SHORT_LETTERS = 5  # letters
_HAN = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uff20\uff3b-\uff40\uff5b-\uff65"
_SET_IN_HAN_RE = compiled(f"[{_HAN}] ?[a-z]|[a-z] ?[{_HAN}]")
_NAMED_RE = compiled(
    "(?:rot|caesar|凯撒(?:密码)?|移位|位移|回转|往回数|往后数|往回移|往后移|后移|前移|倒退)"
    "[ \\-]?(\\d{1,2})(?!\\d)"
)


@cache
def _table(key: int) -> dict[int, int]:
    if key == ATBASH:
        return str.maketrans(_LOWER, _LOWER[::-1])
    return str.maketrans(_LOWER, _LOWER[key:] + _LOWER[:key])


def read(lowered: str) -> str:
    """``lowered`` (a lower-cased text) with each run that is pinyin under a Caesar shift or
    Atbash read as characters, same length; ``lowered`` itself when there is none."""
    return views(lowered)[0]


def views(lowered: str) -> tuple[str, str]:
    """Two readings of ``lowered`` (a lower-cased text), each of the same length and each
    ``lowered`` itself when no run is shifted pinyin: the runs read as characters, and the
    runs' letters moved back (the lexicons' pinyin terms read them where the decoder chose
    other characters of the same sound). A writer keeps one key for a message: once a run
    reads under a key, the other runs of the text (a clause after a comma) are moved back
    under it too when every word of them is then pinyin, down to :data:`FOLLOW_MIN`
    syllables, and read as characters when the decoder reads them."""
    named = _named(lowered)
    in_han = _SET_IN_HAN_RE.search(lowered) is not None
    if not named and not in_han and _LONG_RUN_RE.search(lowered) is None:
        return lowered, lowered
    chars: list[str] | None = None
    letters: list[str] = []
    keys: list[int] = []
    rest: list[re.Match[str]] = []
    for m in _RUN_RE.finditer(lowered):
        run = m.group(0)
        found = _shifted(run) if len(run) >= _LETTERS_MIN else None
        if found is None and named:
            found = _by_name(run, m.start(), m.end(), named)
        if found is None and in_han and _set_in_han(lowered, m.start(), m.end()):
            found = _short(run)
        if found is None:
            rest.append(m)
            continue
        read, key = found
        if key not in keys:
            keys.append(key)
        if chars is None:
            chars, letters = list(lowered), list(lowered)
        chars[m.start() : m.end()] = read
        letters[m.start() : m.end()] = run.translate(_table(key))
    if chars is None:
        return lowered, lowered
    for m in rest:
        for key in keys:
            turned = m.group(0).translate(_table(key))
            words = _WORD_RE.findall(turned)
            if not all(pinyin_reader.syllabic(w) for w in words):
                continue
            if sum(map(len, words)) < 2 * FOLLOW_MIN:
                continue
            read = pinyin_reader.read(turned)
            chars[m.start() : m.end()] = read
            letters[m.start() : m.end()] = turned
            break
    return "".join(chars), "".join(letters)


def _named(lowered: str) -> list[tuple[int, int, int]]:
    """Where ``lowered`` names a shift with its number, and the number (1 to 25)."""
    if not any(c.isdigit() for c in lowered):
        return []
    found = []
    for m in _NAMED_RE.finditer(lowered):
        number = int(m.group(1))
        if 0 < number < ATBASH:
            found.append((m.start(), m.end(), number))
    return found


def _by_name(
    run: str, start: int, end: int, named: list[tuple[int, int, int]]
) -> tuple[str, int] | None:
    """``run`` (at ``start``–``end``) read under a shift named near it, in either direction."""
    for a, b, number in named:
        if start - b > NAMED_REACH or a - end > NAMED_REACH:
            continue
        for key in (ATBASH - number, number):
            read = _under(run, key, FOLLOW_MIN, named=True)
            if read is not None:
                return read, key
    return None


def _set_in_han(lowered: str, start: int, end: int) -> bool:
    """Whether the nearest character before ``start`` or at ``end`` (past one space) is a
    Chinese character or a full-width mark."""
    before = lowered[max(0, start - 2) : start].lstrip(" ")[-1:]
    after = lowered[end : end + 2].lstrip(" ")[:1]
    return _SET_IN_HAN_RE.fullmatch(f"{before}a") is not None or (
        _SET_IN_HAN_RE.fullmatch(f"a{after}") is not None
    )


def _short(run: str) -> tuple[str, int] | None:
    """``run``, set in Chinese, read under ROT13 or Atbash (round 62)."""
    words = _WORD_RE.findall(run)
    if sum(map(len, words)) < SHORT_LETTERS or all(map(pinyin_reader.syllabic, words)):
        return None
    for key in (ROT13, ATBASH):
        read = _under(run, key, SHORT_MIN, named=True)
        if read is not None:
            return read, key
    return None


def _shifted(run: str) -> tuple[str, int] | None:
    """``run`` read as characters under the first key that makes all of it pinyin, with the
    key."""
    # a run shorter than six syllables of two letters can only be ROT13's or Atbash's
    keys = range(1, ATBASH + 1) if len(run) >= 2 * SYLLABLES_MIN else (ROT13, ATBASH)
    for key in keys:
        least = ATBASH_MIN if key in (ROT13, ATBASH) else SYLLABLES_MIN
        read = _under(run, key, least)
        if read is not None:
            return read, key
    return None


def _under(run: str, key: int, least: int, *, named: bool = False) -> str | None:
    """``run`` read as characters under ``key`` when every word of it is then pinyin, the
    decoder reads every letter and it holds at least ``least`` syllables (``named``: the
    text names the shift, or the run is set in Chinese, so the decoder reads short runs too,
    as it reads disguised letters)."""
    turned = run.translate(_table(key))
    if not all(pinyin_reader.syllabic(w) for w in _WORD_RE.findall(turned)):
        return None
    read = pinyin_reader.read(turned, (0,) if named else ())
    letters = [i for i, c in enumerate(turned) if c.isalpha()]
    if any(read[i] == turned[i] for i in letters):
        return None  # some of the run was not read
    if sum(not c.isascii() for c in read) >= least:
        return read
    return None
