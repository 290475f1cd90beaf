"""Pinyin typed on another keyboard layout or written in an old alphabet (round 26, issue 12).

Two families of disguised letters, read as the Latin letters they stand for, for the pinyin
view of :mod:`pipeline.rules.decoded` (each letter where it was written: the same length, so
every finding keeps its line and column):

- *the wrong input method*: pinyin typed while the Russian (ЙЦУКЕН) or Ukrainian layout was
  on gives Cyrillic letters on the same keys (``ыуйштп`` is ``seqing``, ``ьфшаут`` is
  ``maifen``; set 23, ``输入法没切``). A run of Cyrillic words is read through the layout
  only when *every* word then reads as pinyin syllables: the layout puts Russian's vowels on
  consonant keys (а f, о j, е t, и b, ы s, я z), so a Russian or Mongolian word almost never
  does (``привет`` is ``ghbdtn``);
- *Zalgo text*: pinyin with two combining marks or more stacked on every letter
  (``ẁ͆a̖̣n͆͊g̣̀``), its bare letters together where the word begins;
- *runes and ogham* (the Runic and Ogham blocks): each letter read by its usual
  transliteration (``ᛊᚺᛁᚹᛖᛁ`` is ``shiwei``, ``ᚂᚐᚑ`` is ``lao``). A rune that transliterates
  two ways (``ᛃ`` j or y) is read, word by word, the first way that makes the word pinyin.

Both return the offsets of the letters so read: disguised letters, which the pinyin reader
reads from two syllables. Unicode tag characters read as the ASCII they shadow
(:func:`tag_letters`, round 24) live here too.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

from pipeline.rules import pinyin_reader
from pipeline.rules.compiled_re import Lazy, compiled

# The letter keys of the Russian layout (and the Ukrainian letters on Russian keys) as the
# Latin letters of the same keys; ``х ъ ж э б ю`` sit on punctuation keys and read as none.
LAYOUT = dict(
    zip(
        "йцукенгшщзфывапролдячсмитьёіїє",
        "qwertyuiopasdfghjklzxcvbnm`s]'",
        strict=True,
    )
)
# Runic (Elder and Younger Futhark, Anglo-Saxon and medieval forms) and Ogham letters by
# their usual transliteration; two letters where the rune stands for two sounds.
RUNES = {
    **dict.fromkeys("ᚠᚡᚨᚩ", "f"),
    "ᚢ": "u",
    "ᚣ": "y",
    "ᚤ": "y",
    "ᚥ": "w",
    **dict.fromkeys("ᚦᚧ", "t"),
    **dict.fromkeys("ᚪᚫ", "a"),
    **dict.fromkeys("ᚬᚭᚮᚯᛟ", "o"),
    **dict.fromkeys("ᚱᚲ", "r"),
    **dict.fromkeys("ᚳᚴᚵᚶ", "k"),
    "ᚷ": "g",
    "ᚸ": "g",
    "ᚹ": "w",
    **dict.fromkeys("ᚺᚻᚼᚽ", "h"),
    **dict.fromkeys("ᚾᚿᛀ", "n"),
    **dict.fromkeys("ᛁᛂ", "i"),
    "ᛃ": "jy",
    "ᛄ": "j",
    "ᛅ": "a",
    "ᛆ": "a",
    "ᛇ": "e",
    "ᛈ": "p",
    "ᛉ": "z",
    **dict.fromkeys("ᛊᛋᛌᛍᛎ", "s"),
    **dict.fromkeys("ᛏᛐᛑ", "t"),
    **dict.fromkeys("ᛒᛓᛔᛕ", "b"),
    "ᛖ": "e",
    **dict.fromkeys("ᛗᛘᛙ", "m"),
    **dict.fromkeys("ᛚᛛ", "l"),
    "ᛜ": "n",
    "ᛝ": "n",
    "ᛞ": "d",
    "ᛠ": "e",
    "ᛡ": "i",
    "ᛢ": "k",
    "ᛣ": "k",
    "ᛤ": "k",
    "ᛥ": "s",
    "ᛦ": "r",
    "ᛧ": "y",
    "ᛨ": "y",
    "ᛩ": "q",
    "ᛪ": "x",
    # Ogham (beith-luis-nin)
    "ᚁ": "b",
    "ᚂ": "l",
    "ᚃ": "fw",
    "ᚄ": "s",
    "ᚅ": "n",
    "ᚆ": "h",
    "ᚇ": "d",
    "ᚈ": "t",
    "ᚉ": "c",
    "ᚊ": "q",
    "ᚋ": "m",
    "ᚌ": "g",
    "ᚍ": "n",
    "ᚎ": "z",
    "ᚏ": "r",
    "ᚐ": "a",
    "ᚑ": "o",
    "ᚒ": "u",
    "ᚓ": "e",
    "ᚔ": "i",
    "ᚕ": "e",
    "ᚖ": "o",
    "ᚗ": "u",
    "ᚘ": "p",
    "ᚙ": "x",
    "ᚚ": "p",
}
_CYRILLIC_RUN_RE = Lazy("[а-яёіїє]+(?:[ \\-]+[а-яёіїє]+)*")
_CYRILLIC_WORD_RE = Lazy("[а-яёіїє]+")
_RUNE_WORD_RE = Lazy("[\u1681-\u169a\u16a0-\u16f0]+")
_GATE_RE = compiled("[а-яёіїє\u1681-\u169a\u16a0-\u16f0]|[\u0300-\u036f]{2}")
# A Latin word with combining marks (precomposed letters included), for Zalgo text.
_MARKED_WORD_RE = Lazy(
    "[a-z\u00c0-\u024f\u1e00-\u1eff][a-z\u00c0-\u024f\u1e00-\u1eff\u0300-\u036f]*"
)
STACKED_MIN = 2  # combining marks on every letter of a word written in Zalgo
CHOICES_MAX = 64  # readings of one word tried (two-way runes)
# Round 24: Unicode tag characters (U+E0020 … U+E007E, invisible) as the ASCII they shadow;
# a run that ends in CANCEL TAG after a black flag is a flag of a country's subdivision.
# Round 65 (set 54: a sentence of tags behind an emoji, ended by CANCEL TAG): only a run
# that is a subdivision code — after the black flag, of tag digits and lower-case letters,
# at most seven (Unicode's ``gbsct``, ``usca``) — is a flag; any other run is read.
TAG_RE = compiled("[\U000e0020-\U000e007e]+")
_FLAG_CODE_RE = compiled("[\U000e0030-\U000e0039\U000e0061-\U000e007a]{2,7}")
_TAGS = str.maketrans({0xE0000 + c: chr(c) for c in range(0x20, 0x7F)})


def letters(lowered: str) -> tuple[str, tuple[int, ...]]:
    """``lowered`` (a lower-cased text) with Cyrillic runs typed on the Russian layout and
    runic or ogham words read as the Latin letters they stand for, same length; and the
    offsets of the letters so read."""
    if _GATE_RE.search(lowered) is None:
        return lowered, ()
    chars = list(lowered)
    at: list[int] = []
    for m in _CYRILLIC_RUN_RE.get().finditer(lowered):
        words = [(w.start(), w.group(0)) for w in _CYRILLIC_WORD_RE.get().finditer(m.group(0))]
        keyed = [word.translate(str.maketrans(LAYOUT)) for _, word in words]
        if not all(w.isalpha() and w.isascii() and pinyin_reader.syllabic(w) for w in keyed):
            continue
        for (start, _), word in zip(words, keyed, strict=True):
            offset = m.start() + start
            chars[offset : offset + len(word)] = word
            at += range(offset, offset + len(word))
    for m in _RUNE_WORD_RE.get().finditer(lowered):
        word = _rune_word(m.group(0))
        if word:
            chars[m.start() : m.end()] = word
            at += range(m.start(), m.end())
    for m in _MARKED_WORD_RE.get().finditer(lowered):
        word = _unstacked(m.group(0))
        if word:
            chars[m.start() : m.end()] = word.ljust(len(m.group(0)))
            at += range(m.start(), m.start() + len(word))
    if not at:
        return lowered, ()
    return "".join(chars), tuple(at)


def _unstacked(word: str) -> str:
    """The bare letters of ``word`` when every letter carries :data:`STACKED_MIN` combining
    marks or more (Zalgo text: ``ẁ͆a̖̣n͆͊g̣̀`` is ``wang``; a tone mark or Vietnamese marks
    leave consonants bare), else ""."""
    letters: list[str] = []
    marks: list[int] = []
    for ch in word:
        decomposed = unicodedata.normalize("NFD", ch)
        if unicodedata.combining(decomposed[0]):
            if not letters:
                return ""
            marks[-1] += len(decomposed)
            continue
        letters.append(decomposed[0])
        marks.append(len(decomposed) - 1)
    if len(letters) < 2 or min(marks) < STACKED_MIN or not "".join(letters).isascii():
        return ""
    return "".join(letters)


def _rune_word(word: str) -> str:
    """``word`` in Latin letters, the first reading of its two-way runes that is pinyin
    (else the first reading); "" when a letter has no transliteration."""
    options = [RUNES.get(ch, "") for ch in word]
    if not all(options):
        return ""
    first = "".join(o[0] for o in options)
    for reading in itertools.islice(itertools.product(*options), CHOICES_MAX):
        joined = "".join(reading)
        if pinyin_reader.syllabic(joined):
            return joined
    return first


def tag_letters(text: str) -> tuple[str, tuple[int, ...]]:
    """``text`` with each run of tag characters as the ASCII it shadows, but for a
    subdivision flag's code (:func:`_flag`); and the offsets of
    the letters so read (disguised letters). Same length."""
    chars = list(text)
    at: list[int] = []
    for m in TAG_RE.finditer(text):
        if _flag(text, m):
            continue
        read = m.group(0).translate(_TAGS)
        chars[m.start() : m.end()] = read
        at += [m.start() + i for i, c in enumerate(read) if c.isalpha()]
    return "".join(chars), tuple(at)


TAG_NAME = "Unicode 标签字符隐藏的文字"


def tag_view(text: str) -> str:
    """``text`` with its tag runs as the ASCII they shadow (:func:`tag_letters`), for the
    lexicon's Latin and pinyin terms (round 65: the pinyin view alone chooses characters
    for the letters, which a term written in Latin letters reads without)."""
    if TAG_RE.search(text) is None:
        return text
    return tag_letters(text)[0]


def _flag(text: str, m: re.Match[str]) -> bool:
    """Whether the tag run ``m`` is a subdivision flag's code: after U+1F3F4, before CANCEL
    TAG, of tag digits and lower-case letters only, two to seven of them."""
    return (
        text[m.start() - 1 : m.start()] == "\U0001f3f4"
        and text[m.end() : m.end() + 1] == "\U000e007f"
        and _FLAG_CODE_RE.fullmatch(m.group(0)) is not None
    )


# Bacon's cipher: each letter as five of ``a`` and ``b`` (``aaaaa`` a … ``bbaab`` z in the
# alphabet of 26; the older one of 24 gives i and j, u and v one group each), four groups or
# more apart by spaces or commas.
BACON_MIN = 4
_BACON_RE = Lazy("(?<![a-z])[ab]{5}(?:[ ,]+[ab]{5}){3,}(?![a-z])")
_BACON_GROUP_RE = Lazy("[ab]{5}")
_ALPHABET = "abcdefghijklmnopqrstuvwxyz"
_BACON_24 = "abcdefghiklmnopqrstuwxyz"  # i/j and u/v share a group


def bacon(lowered: str) -> str:
    """``lowered`` with each run of Bacon groups as the letters it spells, together where
    the run begins, the rest as spaces (same length); the alphabet of 26 first, that of 24
    when the first does not spell pinyin."""
    if "aa" not in lowered and "bb" not in lowered and "ab" not in lowered:
        return lowered
    return _BACON_RE.get().sub(_bacon_run, lowered)


def _bacon_run(m: re.Match[str]) -> str:
    run = m.group(0)
    values = [
        int(g.replace("a", "0").replace("b", "1"), 2) for g in _BACON_GROUP_RE.get().findall(run)
    ]
    spelled = ""
    for alphabet in (_ALPHABET, _BACON_24):
        if max(values) < len(alphabet):
            spelled = "".join(alphabet[v] for v in values)
            if pinyin_reader.syllabic(spelled):
                break
    if not spelled:
        return run
    return spelled + " " * (len(run) - len(spelled))
