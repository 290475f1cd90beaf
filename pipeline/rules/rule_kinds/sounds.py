"""Homophone spellings of the combination rules' words, any number of characters replaced.

The lexicon matcher lists one-character homophones of its terms; a combination rule held
only its words, so ``共惨档下台`` (共产党, two characters replaced), ``锅旗`` (国旗, another
tone) or ``油行`` (游行) passed. Here every Chinese character of the compacted text is read
as its syllable — no tone, ``zh ch sh`` as ``z c s`` and ``-ng`` as ``-n``, which is how
such spellings are made — one code character for one character, so the *sound view* has
the offsets of the compacted text. A word of a combination matches where its sound does,
when the characters there

- are not the word itself (that is a plain match),
- are not a word of jieba's dictionary (``国企`` sounds like 国旗, ``市委`` like 示威: the
  dictionary's words with the sound of a rule's word are listed when the data is built),
- replace only characters outside the 600 most frequent ones (``所有行业`` holds the sound
  of 游行 in ``有行``: a frequent character standing for another is ordinary text, a rare
  one standing in is what an evasion does);
- for a two-character word, replace both characters and do not end or begin a word of
  the dictionary with the characters beside them (``朋友幸福`` holds ``友幸``, the sound
  of 游行, between 朋友 and 幸福: two words meeting, not a spelling).

The syllable table, the frequent characters and the dictionary's colliding words come from
pypinyin and jieba's dictionary: they are built once and kept in the private cache
(:mod:`pipeline.rules.cache`) under a name that hashes the words and this code.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from pipeline.rules import cache
from pipeline.rules.normalize import in_gb2312, is_cjk

_CODE0 = 0xE000  # sound codes: the private use area, never in a normalised text
_FLAT = (("zh", "z"), ("ch", "c"), ("sh", "s"))


def flat(syllable: str) -> str:
    """A syllable without the distinctions evasive spellings blur (``chan`` → ``can``)."""
    for a, b in _FLAT:
        if syllable.startswith(a):
            syllable = b + syllable[len(a) :]
    return syllable[:-1] if syllable.endswith("ng") else syllable


@dataclass(repr=False, eq=False)
class Sounds:
    """Each character's sound code, for combination words spelled as they sound."""

    table: dict[int, str]  # character -> its sound code
    frequent: frozenset[str]
    collisions: frozenset[str]  # words of the dictionary sounding like a rule's word
    _pairs: frozenset[str] | None = None
    _keys: dict[str, str] = field(default_factory=dict)

    def pairs(self) -> frozenset[str]:
        """The two-character words of the dictionary (read when first asked: a check
        rarely meets a two-character homophone)."""
        if self._pairs is None:
            name = "combo-pairs-1.json"
            text = cache.read_sealed_json(name)
            if not isinstance(text, str) or len(text) % 2:
                text = "".join(w for w in _dictionary() if len(w) == 2 and all(map(is_cjk, w)))
                cache.write_sealed_json(name, text)
            self._pairs = frozenset(text[i : i + 2] for i in range(0, len(text), 2))
        return self._pairs

    def view(self, text: str) -> str:
        return text.translate(self.table)

    def key(self, word: str) -> str:
        """The sound of ``word``; empty for a single character or a word not all Chinese."""
        key = self._keys.get(word)
        if key is None:
            key = self._keys[word] = (
                self.view(word) if len(word) >= 2 and all(map(is_cjk, word)) else ""
            )
        return key

    def accepts(self, c: str, start: int, end: int, word: str) -> bool:
        """Whether ``c[start:end]`` (same sound as ``word``) is an evasive spelling of it
        (see the module's docstring)."""
        found = c[start:end]
        if found == word or found in self.collisions:
            return False
        pairs = list(zip(found, word, strict=True))
        if any(a != b and a in self.frequent for a, b in pairs):
            return False
        if len(word) > 2:
            return True
        if any(a == b for a, b in pairs):
            return False
        dictionary = self.pairs()
        return (
            c[max(0, start - 1) : start + 1] not in dictionary
            and c[end - 1 : end + 1] not in dictionary
        )


def load(words: Iterable[str]) -> Sounds:
    """The sound data for ``words`` (the combination rules' words), cached."""
    chosen = sorted({w for w in words if len(w) >= 2 and all(map(is_cjk, w))})
    digest = cache.code_digest(("rule_kinds/sounds.py",), 12)
    digest.update("\n".join(chosen).encode("utf-8"))
    name = f"combo-sounds-{digest.hexdigest()}.json"
    data = cache.read_sealed_json(name)
    if isinstance(data, list) and len(data) == 4 and cache.only_types(data, str):
        chars, codes, frequent, collisions = data
        if len(chars) == len(codes):
            return Sounds(
                str.maketrans(chars, codes), frozenset(frequent), frozenset(collisions.split())
            )
    chars, codes, frequent, collisions = _build(chosen)
    cache.write_sealed_json(name, [chars, codes, frequent, " ".join(collisions)])
    return Sounds(str.maketrans(chars, codes), frozenset(frequent), frozenset(collisions))


def _dictionary() -> list[str]:
    """The words of jieba's dictionary."""
    from importlib import resources

    from pipeline.rules.segment import import_jieba

    import_jieba()  # before resources.files, which would import it with pkg_resources
    text = resources.files("jieba").joinpath("dict.txt").read_text(encoding="utf-8")
    return [line.split(" ", 1)[0] for line in text.splitlines()]


def _build(words: list[str]) -> tuple[str, str, str, list[str]]:
    """(characters, their sound codes, the frequent characters, colliding words). The
    characters: those of GB 2312 (what a homophone spelling is written with)."""
    from pypinyin import pinyin_dict
    from pypinyin.contrib.tone_convert import to_normal

    from pipeline.rules.phonetic import frequent_chars

    codes: dict[str, str] = {}
    table: dict[int, str] = {}
    for code, values in pinyin_dict.pinyin_dict.items():
        if 0x4E00 <= code <= 0x9FFF and in_gb2312(chr(code)):
            syllable = flat(to_normal(values.split(",")[0]))
            table[code] = codes.setdefault(syllable, chr(_CODE0 + len(codes)))
    keys = {w.translate(table) for w in words}
    collisions = [w for w in _dictionary() if 2 <= len(w) <= 8 and w.translate(table) in keys]
    chars = "".join(map(chr, table))
    return chars, "".join(table.values()), frequent_chars(), collisions
