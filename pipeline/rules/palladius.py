"""Chinese written in the Russian (Palladius) Cyrillic romanisation, read as pinyin (round 36).

``гунчаньдан`` is 共产党 as Russian writes Chinese names: the Palladius system, one fixed
Cyrillic spelling for every pinyin syllable (``гун``, ``чань``, ``дан``). The pinyin reader
of the decoded views never saw it: the look-alike folding reads only Cyrillic letters shaped
like Latin ones, and the Russian-layout reading reads keys, not sounds. This module gives the
spelled syllables to the decoder as bopomofo's are given
(:func:`pipeline.rules.pinyin_reader.read_syllables`), in a decoded view of its own that
the lexicons and combination rules read and the semantic model does not: a short Russian
lesson line (``Чжунго хао``) read as characters is no sentence the model was trained on,
and a term the lexicons know is the evidence a disguise needs.

The gate is strict, so that Russian is never read: a *run* is Cyrillic words apart by
nothing but spaces or hyphens, and it is read only when every word of it splits wholly into
Palladius syllables and the run holds :data:`SYLLABLES_MIN` syllables or more, one word of
them :data:`WORD_MIN` syllables or more (or a spelling Russian never writes, ``чж`` or ``цз``:
then one-syllable words, and :data:`MARKED_MIN` of them, are enough: ``хуэй цзу``). Russian words seldom split so (clusters such as
``ств``, ``р`` and ``в`` before a consonant, endings in ``ы``, ``ть`` or ``й`` after most
vowels are no syllables), and a run that does must still decode to words of the lexicon to
matter. Round 68: in a Chinese post (:data:`HAN_MIN` Chinese characters or more), where a
Russian sentence is seldom quoted and Palladius spells what the writer means
(``фа лунь да фа хао``, ``盐桥区有 бин ду``), a run of one-syllable words is read too, when it
holds :data:`CHINESE_POST_MIN` syllables or more and a word Russian does not write alone
(:data:`RUSSIAN_WORDS`: ``и``, ``да``, ``на``, ``не``, ``по`` … are Palladius spellings as
well). The table is pypinyin's own Palladius spelling of every syllable of the common
characters, so it spells what a Russian text prints.
"""

from __future__ import annotations

from functools import cache as memoised

from pipeline.rules import pinyin_reader
from pipeline.rules.compiled_re import compiled

SYLLABLES_MIN = 3  # syllables a run must hold
MARKED_MIN = 2  # syllables of a run holding a spelling Russian never writes
WORD_MIN = 2  # syllables of its longest word
CHINESE_POST_MIN = 2  # syllables of a run in a Chinese post (round 68)
HAN_MIN = 4  # Chinese characters of a Chinese post
# Russian words that are Palladius spellings as well: a run of them alone is Russian.
RUSSIAN_WORDS = frozenset(("и", "а", "у", "о", "я", "да", "на", "не", "но", "ни", "ли", "то", "та", "те", "по", "до", "со", "ко", "во", "чай"))  # fmt: skip
LONGEST = 5  # letters of the longest Palladius syllable (``сюань``, ``чжуан``)
_GATE_RE = compiled("[а-яё]")
_RUN_RE = compiled("[а-яё]+(?:[ \\-]+[а-яё]+)*")
_WORD_RE = compiled("[а-яё]+")
# spellings Russian words never hold: ``чж`` (zh), ``цз`` (j, z)
_MARK_RE = compiled("чж|цз")
_HAN_RE = compiled("[\u4e00-\u9fff]")
NAME = "俄文（巴拉第）拼写的汉语拼音读作汉字"
LATIN_NAME = "俄文（巴拉第）拼写的汉语拼音转写为拼音字母"
Syllable = tuple[int, int, str, str]  # start, end, toneless pinyin, tone (" ": not written)


def views(masked: str, original: str = "") -> list[tuple[str, str]]:
    """The view of ``masked`` with its Palladius runs (read from ``original``, the same
    length, when given) as characters, the rest as written; [] when none is read."""
    written = original if len(original) == len(masked) else masked
    spelled = syllables(written)
    lowered = masked.lower()
    if not spelled or len(lowered) != len(masked):
        return []
    found = []
    read = pinyin_reader.read_syllables(lowered, spelled)
    if read != lowered:
        view = "".join(r if r != w else m for m, w, r in zip(masked, lowered, read, strict=True))
        found.append((NAME, view))
    latin = _latin(masked, spelled)
    if latin != masked:
        found.append((LATIN_NAME, latin))
    return found


def _latin(masked: str, spelled: list[Syllable]) -> str:
    """``masked`` with each run of Palladius syllables written as pinyin letters (round 68),
    the matcher's pinyin spellings then read them as they read Latin pinyin (the character
    decoder reads ``фа лунь да фа хао`` word by word, ``法伦打发好``): the syllables apart by
    a space where the run's length allows (``fa lun da fa hao``), else run together
    (``бин ду`` as ``bingdu``), padded with spaces to the run's length."""
    chars = list(masked)
    run: list[Syllable] = []
    for syllable in [*spelled, (-1, -1, "", "")]:
        if run and (syllable[0] < 0 or masked[run[-1][1] : syllable[0]].strip()):
            start, end = run[0][0], run[-1][1]
            pinyins = [pinyin.replace("v", "u") for _s, _e, pinyin, _t in run]
            for letters in (" ".join(pinyins), "".join(pinyins)):
                if len(letters) <= end - start:
                    chars[start:end] = letters.ljust(end - start)
                    break
            run = []
        if syllable[0] >= 0:
            run.append(syllable)
    return "".join(chars)


def syllables(text: str) -> list[Syllable]:
    """Every syllable of each run of ``text`` written wholly in Palladius Cyrillic, with
    its pinyin, in order; [] when none (the tone is not written: the decoder's blank)."""
    lowered = text.lower()
    if len(lowered) != len(text) or _GATE_RE.search(lowered) is None:
        return []
    found: list[Syllable] = []
    chinese_post = len(_HAN_RE.findall(text)) >= HAN_MIN
    for run in _RUN_RE.finditer(lowered):
        read: list[Syllable] = []
        longest = 0
        for word in _WORD_RE.finditer(run.group(0)):
            split = split_word(word.group(0))
            if split is None:
                read = []
                break
            longest = max(longest, len(split))
            at = run.start() + word.start()
            for letters, pinyin in split:
                read.append((at, at + len(letters), pinyin, " "))
                at += len(letters)
        marked = _MARK_RE.search(run.group(0)) is not None
        least = MARKED_MIN if marked else SYLLABLES_MIN
        spelled = len(read) >= least and (longest >= WORD_MIN or marked)
        if spelled or (chinese_post and _chinese_run(run.group(0), len(read))):
            found += read
    return found


def _chinese_run(run: str, read: int) -> bool:
    """Whether ``run``, of ``read`` syllables in a Chinese post, is long enough and holds a
    word that Russian does not write alone."""
    return read >= CHINESE_POST_MIN and any(
        word.group(0) not in RUSSIAN_WORDS for word in _WORD_RE.finditer(run)
    )


def split_word(word: str) -> list[tuple[str, str]] | None:
    """``word`` as Palladius syllables (spelling, pinyin), fewest syllables first, or None
    when it does not split wholly into them."""
    index = table()
    n = len(word)
    best: list[list[tuple[str, str]] | None] = [None] * (n + 1)
    best[0] = []
    for i in range(n):
        here = best[i]
        if here is None:
            continue
        for j in range(i + 1, min(n, i + LONGEST) + 1):
            pinyin = index.get(word[i:j])
            old = best[j]
            if pinyin is not None and (old is None or len(here) + 1 < len(old)):
                best[j] = [*here, (word[i:j], pinyin)]
    return best[n]


@memoised
def table() -> dict[str, str]:
    """Palladius spelling of a syllable -> its toneless pinyin (``ü`` written ``v``), for
    every syllable of the common characters (:func:`pipeline.rules.zhuyin.pinyin_table`)."""
    from pypinyin.style.cyrillic import converter

    from pipeline.rules.zhuyin import pinyin_table

    spelled: dict[str, str] = {}
    for pinyin in sorted(set(pinyin_table().values())):
        cyrillic = str(converter.to_cyrillic(pinyin.replace("v", "ü")))
        if cyrillic.isalpha() and not cyrillic.isascii():
            spelled.setdefault(cyrillic, pinyin)
            if cyrillic.endswith("уо"):  # the system writes ``duo`` ``до`` as ``guo`` ``го``
                spelled.setdefault(cyrillic[:-2] + "о", pinyin)
    return spelled
