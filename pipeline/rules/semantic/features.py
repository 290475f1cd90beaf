"""Hashed character n-grams: the one featurizer of the semantic layer (training and run time).

Pure Python on purpose: ``govmedia check`` must not import numpy or scikit-learn, and the
trainer must see exactly the features the checker computes.
"""

from __future__ import annotations

import unicodedata
import zlib

from pipeline.rules.compiled_re import compiled
from pipeline.rules.normalize import normalise
from pipeline.rules.view import EMOJI

# Sentence ends, line breaks and semicolons close a sentence; commas do not. Round 20: so do
# the ends of the other scripts of a border region's posts (the Tibetan shad, the Mongolian
# full stop, the Arabic question mark and full stop), and a period after a letter of an
# alphabetic script before white space (Russian, Korean, Mongolian, Kazakh, Uyghur in Latin,
# Vietnamese, English): ``3.5`` and ``www.gov.cn`` stay whole, as does a Chinese sentence.
_ENDS = "。！？!?；;\u0f0d\u0f0e\u1803\u1809\u061f\u06d4"
_ALPHA = "[^\\W\\d_\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
_PERIOD = rf"(?<={_ALPHA})\.(?=\s|$)"
_SENTENCE = compiled(rf"(?:[^{_ENDS}\n.]|(?!{_PERIOD})\.)+(?:[{_ENDS}]|{_PERIOD})*")
_CJK = compiled(r"[\u4e00-\u9fff]")
_EMOJI = compiled(f"[{EMOJI}]+")
# Han characters, kana and Hangul syllables: one character is one syllable of meaning.
_SYLLABIC = compiled(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
# A word of an alphabetic script: white space or the Tibetan tsheg between words.
_TOKEN = compiled(r"[^\s\u0f0b\u0f0c]+")
# White space between two words of an alphabetic script (two letters on each side, so that
# ``f r e e`` still reads as one word; a Hangul syllable is enough): kept as one space, the
# word boundary.
_HANGUL = "[\uac00-\ud7af]"
# Round 22: a Devanagari word may end in a vowel sign or virama (not a letter to ``\w``).
_INDIC_MARK = "[\u0900-\u0903\u093a-\u094f\u0951-\u0957\u0962\u0963]"
_WORD_GAP = compiled(
    rf"(?:(?<={_HANGUL})|(?<={_ALPHA}{_ALPHA})|(?<={_ALPHA}{_INDIC_MARK})"
    rf"|(?<={_INDIC_MARK}{_ALPHA}))\s+"
    rf"(?={_HANGUL}|{_ALPHA}{_ALPHA}|{_ALPHA}{_INDIC_MARK})"
)
_GAP_MARK = "\x00"
# Round 21: Han characters, kana and Hangul: a sentence with any of them is read exactly as
# before (no accent folding, no word units), so Chinese, Japanese and Korean keep their grams.
_EAST_ASIAN = compiled(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
# Latin letters with accents (Latin-1, Latin Extended A/B, Vietnamese): folded to the bare
# letter, so ``Manifestación``, ``manifestacion`` and a French ``manifestation`` share grams.
_ACCENTED = compiled(r"[\u00c0-\u024f\u1e00-\u1eff]")
_LATIN_MARKS = compiled(r"(?<=[a-z])[\u0300-\u036f]+")
_LATIN_LETTERS = str.maketrans({"ß": "ss", "đ": "d", "ø": "o", "ł": "l", "æ": "ae", "œ": "oe"})
# A word of an alphabetic script (letters and the marks written inside them: Thai vowels and
# tones, Arabic vowel signs; since round 22 Devanagari vowel signs and virama), for the word
# units below.
_WORD = compiled(
    r"(?:(?![\d_])[\w\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u064b-\u065f\u0670"
    r"\u0900-\u0903\u093a-\u094f\u0951-\u0957\u0962\u0963])+"
)
# Scripts written without spaces between words (Thai, Lao, Myanmar, Khmer): three letters
# count as one unit of meaning.
_UNSPACED = compiled(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")
# Spellings that differ between cognates of European languages (``korupsi``, ``Korruption``,
# ``corrupción``; ``terorisme``, ``terrorismo``): one key for the word's stem.
_COGNATE = str.maketrans({"c": "k", "q": "k", "y": "i"})
_DOUBLE = compiled(r"(.)\1+")
STEM = 5  # letters of a word's cognate key that make its stem unit
_SCRIPT = "\x07"  # marks the script unit of a sentence in an alphabetic script (round 22)


def normalize(text: str) -> str:
    """NFKC (full-width to half-width), lower case, no white space; and, as the lexicons
    read it (:func:`pipeline.rules.normalize.normalise`), traditional script and 火星文 as
    simplified, without emoji: ``小編個人覺得`` and ``🌸`` between words score like the
    plain sentence (the training data is simplified and emoji-free, so its features do not
    change)."""
    text = unicodedata.normalize("NFKC", _EMOJI.sub("", normalise(text))).lower()
    if _ACCENTED.search(text) and not _EAST_ASIAN.search(text):
        text = fold_latin(text)
    # Round 20: the space between two words of an alphabetic script stays (one space), so
    # that Russian, Mongolian, Korean or English n-grams know where a word starts and ends;
    # any other white space goes (Chinese has none between words, and a space between two
    # characters only splits a word). str.split() and the regex ``\s`` know the same white
    # space (every code point checked).
    if _GAP_MARK in text:
        text = text.replace(_GAP_MARK, "")
    text = _WORD_GAP.sub(_GAP_MARK, text)
    return "".join(text.split()).replace(_GAP_MARK, " ")


def east_asian(text: str) -> bool:
    """Whether ``text`` holds a Han character, a kana or a Hangul syllable (such a sentence is
    read without accent folding or word units)."""
    return _EAST_ASIAN.search(text) is not None


def fold_latin(text: str) -> str:
    """Latin letters without their accents (``é`` → ``e``, ``ệ`` → ``e``, ``ß`` → ``ss``);
    every other character as it is (a Cyrillic ``й`` keeps its mark)."""
    text = _LATIN_MARKS.sub("", unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFC", text).translate(_LATIN_LETTERS)


def cognate_key(word: str) -> str:
    """A word as its cognates in other European languages spell it alike: ``ph`` → ``f``,
    ``th`` → ``t``, ``c``/``q`` → ``k``, ``y`` → ``i``, doubled letters once."""
    word = word.replace("ph", "f").replace("th", "t").translate(_COGNATE)
    return _DOUBLE.sub(r"\1", word)


def word_units(normalized: str) -> list[str]:
    """Round 21: the extra grams of a sentence in an alphabetic script (no Han character,
    kana or Hangul syllable; those are read as before): for each word of four letters or more,
    its stem (``\\x04`` and the first :data:`STEM` letters of its :func:`cognate_key`) and its
    character 4-grams within the word (edge marks ``\\x05``, ``\\x06``). Character 1–3-grams
    alone are shared by every language of an alphabet; a stem carries a word across its
    inflections and its cognates (``manifestation``, ``manifestación``, ``manifestasi``)."""
    if _EAST_ASIAN.search(normalized):
        return []
    words = _WORD.findall(normalized)
    # Round 22: the script's own unit (``\x07`` and the script's name, ``\x07latin``), in
    # every sentence of that script: a sentence in Latin or Cyrillic letters gets its own
    # offset, so a batch of sentences in other languages no longer moves the shared bias (and,
    # to compensate, the weights of every Chinese gram) under Chinese sentences.
    units: list[str] = [_SCRIPT + script_of(words[0])] if words else []
    for word in words:
        if len(word) < 4:
            continue
        units.append("\x04" + cognate_key(word)[:STEM])
        marked = "\x05" + word + "\x06"
        units += [marked[i : i + 4] for i in range(len(marked) - 3)]
    return units


def script_of(word: str) -> str:
    """The script of a word's first letter, in lower case (``latin``, ``cyrillic``,
    ``arabic``, ``thai``, ``devanagari``…; ``other`` for a letter with no name)."""
    name = unicodedata.name(word[0], "")
    return name.split(" ", 1)[0].lower() if name else "other"


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of the sentences of ``text``, trimmed of white space."""
    spans = []
    for m in _SENTENCE.finditer(text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def worth_scoring(sentence: str, min_cjk: int) -> bool:
    """A sentence with fewer than ``min_cjk`` units of meaning carries too little of it: a
    unit is a Chinese character, a kana or Hangul syllable, or (round 20) a word of two
    letters or more of an alphabetic script (Cyrillic, Latin, Arabic, Tibetan, Mongolian):
    before round 20 only Chinese characters counted, so a post in Russian or Korean was
    never scored. A sentence with ``min_cjk`` Chinese characters is scored as before."""
    han = len(_CJK.findall(sentence))
    if han >= min_cjk:
        return True
    units = len(_SYLLABIC.findall(sentence))
    if units >= min_cjk:
        return True
    for token in _TOKEN.findall(_SYLLABIC.sub(" ", sentence)):
        letters = sum(ch.isalpha() for ch in token)
        if letters >= 2:
            # Round 21: Thai, Lao, Myanmar and Khmer write no space between words.
            units += max(1, letters // 3) if _UNSPACED.search(token) else 1
            if units >= min_cjk:
                return True
    return False


class _Buckets(dict[str, int]):
    """gram -> bucket for one table size; a missing gram is hashed once (``__missing__``),
    so a lookup of every gram of a sentence is one C-level ``map``."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def __missing__(self, gram: str) -> int:
        # len(gram) is the order n: a gram of order n has exactly n characters
        bucket = self[gram] = zlib.crc32(f"{len(gram)}{gram}".encode()) % self.size
        return bucket


# Per (orders, size): the same grams recur across sentences and posts, and a dict lookup
# costs a fraction of encoding and hashing them again. Bounded: cleared when full.
_MEMO: dict[tuple[int, int], _Buckets] = {}
_MEMO_LIMIT = 1 << 20


def bucket_set(text: str, orders: tuple[int, ...], size: int) -> set[int]:
    """The distinct hash buckets of the character n-grams of ``text`` (with edge marks) and,
    in an alphabetic script, of its :func:`word_units`."""
    normalized = normalize(text)
    padded = "\x02" + normalized + "\x03"
    memo = _MEMO.get((hash(orders), size))
    if memo is None or len(memo) > _MEMO_LIMIT:
        memo = _MEMO[(hash(orders), size)] = _Buckets(size)
    found: set[int] = set()
    for n in orders:
        if n == 1:
            found.update(map(memo.__getitem__, padded))
        else:
            grams = [padded[i : i + n] for i in range(len(padded) - n + 1)]
            found.update(map(memo.__getitem__, grams))
    found.update(map(memo.__getitem__, word_units(normalized)))
    return found


def buckets(text: str, orders: tuple[int, ...], size: int) -> list[int]:
    """The distinct hash buckets of the character n-grams of ``text``, sorted."""
    return sorted(bucket_set(text, orders, size))
