"""Romanised Chinese read as the most likely characters (round 20, issue 12).

The lexicons hold the pinyin of their own terms, so ``falungong`` is found, but a sentence
written in pinyin (``ming tian quan cheng ting shui``, ``zhèngfǔ zài piàn rén``,
``dian1fu4 zheng4quan2``) hid its meaning from everything else: the combination rules and the
semantic model read characters. This module reads such a run as characters with a small
offline decoder:

- a *run* is one or more Latin words, each made of pinyin syllables (tone numbers, tone
  marks or none; written apart, joined, or split by hyphens, apostrophes or dots), with at least
  :data:`RUN_MIN` syllables in all (a place name of two or three syllables stays as written);
- an index from the toneless pinyin of a word to the word (jieba's bundled dictionary: words of
  two to four characters with their frequencies, and every common character under each of its
  readings), built with pypinyin and kept in the private cache (:mod:`pipeline.rules.cache`);
- the run is segmented into words by dynamic programming (the least total cost, ``-log``
  of each word's frequency); a space, a hyphen, an apostrophe or a tone number between two
  letters always falls between two syllables.

The reading keeps the text's length: each character stands where its syllable began and the
rest of the syllable becomes spaces, so every offset still points into the original. A text
with no run of :data:`RUN_MIN` syllables costs one regex search; the index is read only when
there is one.
"""

from __future__ import annotations

import bisect
import itertools
import math
from functools import cache as memoised

from pipeline.rules import cache
from pipeline.rules.compiled_re import compiled
from pipeline.rules.normalize import TONE_MARKS

FORMAT = 1
RUN_MIN = 4  # syllables of a run read as characters
DISGUISED_MIN = 2  # syllables of a run of disguised letters read as characters
MIN_FREQ = 10  # jieba frequency of the words of two to four characters indexed
MAX_WORD = 4  # characters of the longest word indexed
_SCALE = 100  # costs are stored as integers: -log(p) * _SCALE

_INITIAL = "(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
_FINAL = (
    "(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|van|ue|ve|ai|ei|ao|ou|an|en"
    "|in|un|vn|ia|ie|iu|ua|uo|ui|er|a|o|e|i|u|v)"
)
_MARKED = "".join(TONE_MARKS)
_LETTER = f"a-z{_MARKED}"
# A word of syllables, each perhaps with its tone number (``zheng4quan2``); the shape only:
# the index decides which syllables exist.
_SYLLABLE = f"{_INITIAL}{_FINAL}"
_TOKEN = f"[{_LETTER}]+(?:[1-5][{_LETTER}]+)*[1-5]?"
# Words joined by spaces, hyphens or apostrophes (a run of spaces too: Morse's padding), set
# off from other letters and digits.
# Round 21: or one dot between them (``tīng.shuō``, ``ting·shuo``), as a syllable or a word
# is marked off in dictionaries and on name cards.
_DOTS = ".·・•‧"
_RUN_RE = compiled(
    f"(?<![{_LETTER}0-9])(?:{_TOKEN})(?:(?:[ \\-'’]+|[{_DOTS}]){_TOKEN})*(?![{_LETTER}0-9])"
)
_TOKEN_RE = compiled(_TOKEN)
_SHAPE_RE = compiled(f"(?:{_SYLLABLE}[1-5]?)+")
_COUNT_RE = compiled(_SYLLABLE)
_SYLLABLE_RE = compiled(_SYLLABLE)
_GATE_RE = compiled(f"[{_LETTER}]{{2}}")
_PLAIN = str.maketrans(TONE_MARKS)
# The tone a marked vowel writes (``ǎ`` is the third).
_MARK_TONE = {v: str(i % 4 + 1) for i, v in enumerate("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ")}
# A character read alone: its count sums every word it is part of, so alone it would look
# likelier than the word it belongs to (下 + 太 against 下台).
SINGLE_PENALTY = 300
TONE_PENALTY = 500  # the cost of a syllable read in another tone than the one written
CROSS_PENALTY = 1000  # a word read across a space between two written words
INSIDE_PENALTY = 500  # a character read alone inside a written word of several syllables


def read(text: str, disguised: tuple[int, ...] = ()) -> str:
    """``text`` with each pinyin run read as characters, same length. A run holding one of
    ``disguised`` (sorted offsets of letters written in another form: look-alike, styled,
    flag letters) is read from :data:`DISGUISED_MIN` syllables (round 22)."""
    lowered = text.lower()
    if len(lowered) != len(text) or _GATE_RE.search(lowered) is None:
        return text
    chars: list[str] | None = None
    for m in _RUN_RE.finditer(lowered):
        least = RUN_MIN
        if disguised:
            at = bisect.bisect_left(disguised, m.start())
            if at < len(disguised) and disguised[at] < m.end():
                least = DISGUISED_MIN
        for letters, places, bounds, tones, written in _groups(m.group(0), m.start()):
            if len(_COUNT_RE.findall(letters)) < least:
                continue
            words = decode(letters, bounds, tones, written)
            if words is None:
                continue
            if chars is None:
                chars = list(text)
            _place(chars, words, places)
    return text if chars is None else "".join(chars)


def syllabic(word: str) -> bool:
    """Whether a lower-case Latin ``word`` (no tone marks or numbers) is pinyin-shaped: made
    of syllables (the index still decides which exist)."""
    return _SHAPE_RE.fullmatch(word) is not None


Group = tuple[str, list[int], frozenset[int], str, frozenset[int]]


def read_syllables(text: str, syllables: list[tuple[int, int, str, str]]) -> str:
    """``text`` with runs of syllables another notation spelled (bopomofo: each ``(start,
    end, toneless pinyin, tone digit)``, in order) read as words: each character where its
    syllable begins, the rest of the syllable as spaces, same length. A run is two syllables
    or more with nothing but spaces between them."""
    chars = list(text)
    run: list[tuple[int, int, str, str]] = []
    for syllable in [*syllables, (-1, -1, "", "")]:
        if run and (syllable[0] < 0 or text[run[-1][1] : syllable[0]].strip()):
            if len(run) >= 2:
                _read_run(chars, run)
            run = []
        if syllable[0] >= 0:
            run.append(syllable)
    return "".join(chars)


def _read_run(chars: list[str], run: list[tuple[int, int, str, str]]) -> None:
    letters = "".join(pinyin for _s, _e, pinyin, _t in run)
    bounds, tones, at = set(), [], 0
    for _start, _end, pinyin, tone in run:
        bounds.add(at)
        tones += [tone] + [" "] * (len(pinyin) - 1)
        at += len(pinyin)
    words = decode(letters, frozenset(bounds), "".join(tones))
    if words is None:
        return
    read = "".join(word for word, _lens in words)
    for (start, end, _pinyin, _tone), char in zip(run, read, strict=True):
        chars[start:end] = [char] + [" "] * (end - start - 1)


def _groups(run: str, offset: int) -> list[Group]:
    """The run's consecutive pinyin-shaped words, as (letters without tone marks or numbers,
    the offset of each letter in the text, the letter indices where a syllable must begin,
    the tone written on each letter: a marked vowel's, a tone number's on the letter before
    it, else a space; the letter indices where a written word begins)."""
    groups: list[Group] = []
    letters: list[str] = []
    places: list[int] = []
    bounds: set[int] = set()
    tones: list[str] = []
    written: set[int] = set()
    for token in _TOKEN_RE.finditer(run):
        word = token.group(0)
        if _SHAPE_RE.fullmatch(word.translate(_PLAIN)) is None:
            if letters:
                groups.append(
                    (
                        "".join(letters),
                        places,
                        frozenset(bounds),
                        "".join(tones),
                        frozenset(written),
                    )
                )
            letters, places, bounds, tones, written = [], [], set(), [], set()
            continue
        bounds.add(len(letters))
        written.add(len(letters))
        for i, char in enumerate(word):
            if char.isdigit():
                bounds.add(len(letters))
                tones[-1] = char
                continue
            letters.append(char.translate(_PLAIN))
            places.append(offset + token.start() + i)
            tones.append(_MARK_TONE.get(char, " "))
    if letters:
        groups.append(
            ("".join(letters), places, frozenset(bounds), "".join(tones), frozenset(written))
        )
    return groups


def decode(
    letters: str,
    bounds: frozenset[int] = frozenset(),
    tones: str = "",
    written: frozenset[int] = frozenset(),
) -> list[tuple[str, str]] | None:
    """The most likely words for toneless pinyin ``letters``, as (word, the lengths of its
    syllables as digits), or None when the letters are not all syllables. ``bounds``: indices
    where a syllable must begin (the writer's spaces); ``tones``: the tone written on each
    letter, or a space (a word read in other tones costs :data:`TONE_PENALTY` a syllable);
    ``written``: indices where a word the writer wrote begins (:func:`_against`)."""
    index = syllable_index()
    n = len(letters)
    if len(written) >= len(_COUNT_RE.findall(letters)):
        written = frozenset()  # one syllable a word: the writer's spaces say nothing of words
    longest = index[""][0][1] if "" in index else 24
    best: list[tuple[int, int, int] | None] = [None] * (n + 1)  # cost, start, entry
    best[0] = (0, 0, -1)
    for i in range(n):
        here = best[i]
        if here is None:
            continue
        for j in range(i + 1, min(n, i + int(longest)) + 1):
            entries = index.get(letters[i:j])
            if not entries:
                continue
            for k, (_word, cost, lens, toned) in enumerate(entries):
                if not _entry(_word, cost, lens, toned) or not _fits(letters, i, j, lens, bounds):
                    continue
                total = here[0] + cost + _mismatch(i, lens, toned, tones) * TONE_PENALTY
                total += _against(i, j, lens, written, n)
                old = best[j]
                if old is None or total < old[0]:
                    best[j] = (total, i, k)
    if best[n] is None:
        return None
    words: list[tuple[str, str]] = []
    j = n
    while j > 0:
        step = best[j]
        assert step is not None
        _cost, i, k = step
        word, _c, lens, _t = index[letters[i:j]][k]
        words.append((str(word), str(lens)))
        j = i
    return words[::-1]


def _entry(word: object, cost: object, lens: object, tones: object) -> bool:
    """Whether an index entry has the shape the decoder needs (checked where it is read: the
    whole index is too large to check at load)."""
    return (
        isinstance(word, str)
        and isinstance(cost, int)
        and isinstance(lens, str)
        and isinstance(tones, str)
        and lens.isdigit()
        and len(word) == len(lens) == len(tones)
        and "0" not in lens
    )


def _fits(letters: str, i: int, j: int, lens: str, bounds: frozenset[int]) -> bool:
    """Whether a word whose syllables have the lengths ``lens`` may stand at ``[i, j)``:
    every required syllable start inside begins one of its syllables, and, as pinyin is
    spelled, a syllable that begins with ``a``, ``o`` or ``e`` follows a space, a hyphen, an
    apostrophe or a tone number (``xi'an``, ``tian'anmen``), never another syllable's last
    letter (``release`` is no ``re le a se``); but ``er`` ending a written word, which writers
    join without the apostrophe (``weiwuer``, ``hulunbeier``; round 21)."""
    starts, at = set(), i
    for length in lens:
        if at and letters[at] in "aoe" and at not in bounds and not _final_er(letters, at, bounds):
            return False
        starts.add(at)
        at += int(length)
    return all(b in starts for b in bounds if i < b < j)


def _against(i: int, j: int, lens: str, written: frozenset[int], n: int) -> int:
    """What reading a word at ``[i, j)`` costs against the words as written (round 21): a
    writer who joins the syllables of words (``mingri qi quanbu tingfei``) joins each word's
    and no other, so a word that spans a written space (齐全 over ``qi quanbu``) costs
    :data:`CROSS_PENALTY`, and a character read alone inside a written word (全 + 不 for
    ``quanbu``) :data:`INSIDE_PENALTY`. Nothing when the writer spaced every syllable."""
    if not written:
        return 0
    if len(lens) == 1:
        return 0 if i in written and (j == n or j in written) else INSIDE_PENALTY
    return CROSS_PENALTY if any(i < w < j for w in written) else 0


def _final_er(letters: str, at: int, bounds: frozenset[int]) -> bool:
    """Whether the syllable at ``at`` is ``er`` ending a written word."""
    end = at + 2
    return letters[at:end] == "er" and (end == len(letters) or end in bounds)


def _mismatch(i: int, lens: str, toned: str, tones: str) -> int:
    """How many syllables of a word read at ``i`` (lengths ``lens``, tones ``toned``) were
    written in another tone."""
    if not tones.strip():
        return 0
    wrong, at = 0, i
    for length, tone in zip(lens, toned, strict=True):
        written = tones[at : at + int(length)].strip()
        wrong += bool(written) and written[0] != tone
        at += int(length)
    return wrong


def _place(chars: list[str], words: list[tuple[str, str]], places: list[int]) -> None:
    """Each character where its syllable's first letter is, the other letters as spaces."""
    at = 0
    for word, lens in words:
        for char, length in zip(word, lens, strict=True):
            first = places[at]
            for place in places[at : at + int(length)]:
                chars[place] = " "
            chars[first] = char
            at += int(length)
    # tone numbers and the hyphens or apostrophes between the syllables read become spaces
    for a, b in itertools.pairwise(places):
        for place in range(a + 1, b):
            if chars[place] in "12345-'’" or chars[place] in _DOTS:
                chars[place] = " "
    if places and places[-1] + 1 < len(chars) and chars[places[-1] + 1] in "12345":
        chars[places[-1] + 1] = " "


Entry = tuple[str, int, str, str]  # word, cost, syllable lengths, tones (5: neutral)


@memoised
def syllable_index() -> dict[str, list[Entry]]:
    """Toneless pinyin -> the words it reads as, each (word, cost, syllable lengths); the
    key ``""`` holds the longest key's length. Cached under a name hashing this module."""
    digest = cache.code_digest(("pinyin_reader.py",), 8).hexdigest()
    name = f"pinyin-index-{FORMAT}-{digest}.json"
    data = cache.read_sealed_json(name)  # sealed: an edited index could hide a reading
    if isinstance(data, dict) and isinstance(data.get(""), list):
        return data
    index = _build()
    cache.write_sealed_json(name, index)
    return index


def _build() -> dict[str, list[Entry]]:
    from importlib import resources

    from pypinyin import Style, lazy_pinyin

    from pipeline.rules.segment import import_jieba

    import_jieba()  # before resources.files, which would import it with pkg_resources
    text = resources.files("jieba").joinpath("dict.txt").read_text(encoding="utf-8")
    counts: dict[str, int] = {}
    for line in text.splitlines():
        parts = line.split(" ")
        if len(parts) >= 2 and parts[1].isdigit() and all(common_cjk(c) for c in parts[0]):
            counts[parts[0]] = int(parts[1])
    total = float(sum(counts.values()))
    found: dict[tuple[str, str, str], Entry] = {}
    # How often each character is read with each reading, over every word it is part of:
    # a character alone reads as it mostly reads (有 is you, rarely wei).
    readings: dict[tuple[str, str], int] = {}
    for word, freq in counts.items():
        if len(word) > MAX_WORD or freq < MIN_FREQ:
            continue
        toned = lazy_pinyin(word, style=Style.TONE3, neutral_tone_with_five=True)
        if len(toned) != len(word):
            continue
        for char, syllable in zip(word, toned, strict=True):
            readings[(char, syllable)] = readings.get((char, syllable), 0) + freq
        if len(word) >= 2:
            _add(found, word, toned, freq, total)
    for (char, syllable), freq in readings.items():
        _add(found, char, [syllable], freq, total, SINGLE_PENALTY)
    index: dict[str, list[Entry]] = {}
    for (key, _lens, _tones), entry in sorted(found.items()):
        index.setdefault(key, []).append(entry)
    index[""] = [("", max(len(k) for k in index), "", "")]
    return index


def _add(
    found: dict[tuple[str, str, str], Entry],
    word: str,
    toned: list[str],
    freq: int,
    total: float,
    penalty: int = 0,
) -> None:
    """Index ``word`` read ``toned`` (``zheng4``, ``fu3``), the cheapest of each reading."""
    syllables = [s.rstrip("012345").replace("ü", "v") for s in toned]
    if not all(_SYLLABLE_RE.fullmatch(s) for s in syllables):
        return  # 嗯 (n), 呣 (m): no vowel, they would read any stray letter
    key, lens = "".join(syllables), "".join(str(len(s)) for s in syllables)
    tones = "".join(s[-1] if s[-1:].isdigit() else "5" for s in toned)
    cost = round(-math.log(freq / total) * _SCALE) + penalty
    old = found.get((key, lens, tones))
    if old is None or cost < old[1]:
        found[(key, lens, tones)] = (word, cost, lens, tones)


def common_cjk(char: str) -> bool:
    """A character of the CJK block that GB 2312 encodes."""
    if not "\u4e00" <= char <= "\u9fff":
        return False
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True
