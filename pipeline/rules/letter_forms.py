"""Letters written in another system, read as the Latin letters of pinyin (round 28, issue 12).

Round 26 read pinyin typed on the Russian layout and written in runes
(:mod:`pipeline.rules.rekeyed`); each blind set since brought another system. This module
reads the families, each a table or a key, for the pinyin view of
:mod:`pipeline.rules.decoded` (every letter where it was written, same length; the offsets
returned are *disguised letters*, read from two syllables):

- *look-alike alphabets*: Lisu (Fraser) letters, which copy Latin capitals (``ꓝꓮꓠ`` is
  ``fan``), the Canadian syllabics that "fancy text" generators use for Latin letters
  (``ᖶᗩᓰ ᗯᗩᑎ`` is ``tai wan``), and Braille letters (``⠺⠥⠗⠥``);
- *another keyboard layout*: letters typed on the Dvorak or Colemak layout while QWERTY was
  meant, or the reverse (``ka ;jg cgl.`` is ``ta shi jinv``), and Korean two-set jamo typed
  for Latin keys (``ㄴㄷㅂㅑㅜㅎ`` is ``seqing``);
- *Morse in other symbols* (:func:`pipeline.rules.morse.read`: 滴/答, 嘀/嗒, 点/划);
- *ciphers over the printable characters or with a key*: ROT47 (``5F 3@`` is ``du bo``), and
  Vigenère when the text gives its key (``密钥 qixiang``);
- *phonetic scripts* (round 32): Shavian, Georgian and Devanagari letters transliterating
  Mandarin, a letter for a letter (``𐑓𐑭𐑤𐑵𐑯`` and ``फालुन`` are ``falun``).

A layout, a key, a look-alike alphabet or a phonetic script is read only when *every* word
it changes then reads as pinyin syllables (:func:`pipeline.rules.pinyin_reader.syllabic`),
so English typed on QWERTY, Korean sentences (syllable blocks, not loose jamo), Lisu or
Inuktitut text in its own language and Hindi or Georgian prose stay as written.
"""

from __future__ import annotations

import functools
import re

from pipeline.rules import kana_keys, morse, pinyin_reader, rekeyed
from pipeline.rules.compiled_re import Lazy, compiled

NAME = "其他字母体系（傈僳文、加拿大音节文字、盲文、萧伯纳字母、格鲁吉亚字母、天城文、格拉哥里字母、古意大利字母、Dvorak/Colemak/韩文键盘、ROT47、维吉尼亚密码）拼写的拼音"
_LISU = dict(zip("ꓐꓑꓓꓔꓖꓗꓙꓚꓜꓝꓟꓠꓡꓢꓣꓦꓧꓪꓫꓬꓮꓰꓲꓳꓴ", "bpdtgkjczfmnlsrvhwxyaeiou", strict=True))
_SYLLABICS = {
    **dict(zip("ᗩᗷᑕᗪᗴᖴᘜᕼᓰᒍᒪᗰᑎᗝᑭᑫᖇᔕᖶᑌᐯᗯ᙭ᖻᘔ", "abcdefghijlmnopqrstuvwxyz", strict=True)),
    **dict(zip("ᗅᗞᕮᑢᘻᘉᐺ", "adecmnv", strict=True)),
}
_BRAILLE = dict(zip("⠁⠃⠉⠙⠑⠋⠛⠓⠊⠚⠅⠇⠍⠝⠕⠏⠟⠗⠎⠞⠥⠧⠺⠭⠽⠵", "abcdefghijklmnopqrstuvwxyz", strict=True))
ALPHABETS = {**_LISU, **_SYLLABICS, **_BRAILLE}
_ALPHABET_TABLE = str.maketrans(ALPHABETS)
_QWERTY = "qwertyuiop[]asdfghjkl;'zxcvbnm,./"
_DVORAK = "',.pyfgcrl/=aoeuidhtns-;qjkxbmwvz"
_COLEMAK = "qwfpgjluy;[]arstdhneio'zxcvbkm,./"
LAYOUTS = tuple(
    str.maketrans(a, b) for a, b in ((_QWERTY, _DVORAK), (_DVORAK, _QWERTY), (_QWERTY, _COLEMAK))
)
# Korean two-set (두벌식): the compatibility jamo on each Latin key, shifted ones included
_HANGUL = str.maketrans(
    dict(
        zip(
            "ㅂㅈㄷㄱㅅㅛㅕㅑㅐㅔㅁㄴㅇㄹㅎㅗㅓㅏㅣㅋㅌㅊㅍㅠㅜㅡㅃㅉㄸㄲㅆㅒㅖ",
            "qwertyuiopasdfghjklzxcvbnmqwertop",
            strict=True,
        )
    )
)
# Round 32: phonetic scripts transliterating Mandarin (set 26), a letter for a letter, a sound
# of two letters (a diphthong, ``sh``) read as the one pinyin letter nearest it: Shavian,
# Georgian (Mkhedruli) and Devanagari (a vowel sign as its vowel; the virama, which joins
# consonants, has no letter, so a word holding one is never pinyin and stays as written).
_SHAVIAN = dict(
    zip(
        "𐑐𐑑𐑒𐑓𐑔𐑕𐑖𐑗𐑘𐑙𐑚𐑛𐑜𐑝𐑞𐑟𐑠𐑡𐑢𐑣𐑤𐑥𐑦𐑧𐑨𐑩𐑪𐑫𐑬𐑭𐑮𐑯𐑰𐑱𐑲𐑳𐑴𐑵𐑶𐑷𐑸𐑹𐑺𐑻𐑼𐑽𐑾𐑿",
        "ptkftsxqynbdgwdzrjwhlmieaeouaarnieauouooaoeeeiiu",
        strict=True,
    )
)
_GEORGIAN = dict(
    zip("აბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰ", "abgdewztiklmnoprrstufkgkxqczcqhjh", strict=True)
)
_DEVANAGARI = dict(
    zip(
        "अआइईउऊएऐओऔकखगघङचछजझञटठडढणतथदधनपफबभमयरलवशषसहािीुूेैोौंँ",
        "aaiiuueaookkggnqqjjnttddnttddnpfbbmyrlwxxshaiiuueaoonn",
        strict=True,
    )
)
# Round 34: Glagolitic (small letters; the text is lower-cased first) and Old Italic (set 28),
# by the same convention: zh as r, sh as x, ch as q; an alphabet's second i letter (Glagolitic
# initial izhe, Old Italic ii) as the glide y, Old Italic's second u letter as w; Old Italic
# ke (Latin C's ancestor) as g and ku (Q's ancestor) as q; yers and yat as e.
_GLAGOLITIC = dict(
    zip(
        "ⰰⰱⰲⰳⰴⰵⰶⰷⰸⰹⰺⰻⰼⰽⰾⰿⱀⱁⱂⱃⱄⱅⱆⱇⱈⱉⱊⱋⱌⱍⱎⱏⱐⱑⱒⱓ",
        "abwgderzziyijklmnoprstufhopqcqxeeehu",
        strict=True,
    )
)
_OLD_ITALIC = dict(
    zip("𐌀𐌁𐌂𐌃𐌄𐌅𐌆𐌇𐌈𐌉𐌊𐌋𐌌𐌍𐌎𐌏𐌐𐌑𐌒𐌓𐌔𐌕𐌖𐌗𐌘𐌙𐌚𐌛𐌜𐌝𐌞𐌟", "abgdewzhtiklmnxopxqrstuxfhfrqyws", strict=True)
)
PHONETIC = str.maketrans({**_SHAVIAN, **_GEORGIAN, **_DEVANAGARI, **_GLAGOLITIC, **_OLD_ITALIC})
_PHONETIC_CLASS = (
    "\U00010450-\U0001047f\u10d0-\u10f0\u0900-\u097f\u2c30-\u2c5f\U00010300-\U0001031f"
)
_PHONETIC_RUN_RE = Lazy(f"[{_PHONETIC_CLASS}]+(?:[ \\-]+[{_PHONETIC_CLASS}]+)*")
_PHONETIC_GATE_RE = compiled(f"[{_PHONETIC_CLASS}]")
SYLLABLES_MIN = 4  # syllables a layout's run must read as (a key or an alphabet: two)
_ALPHABET_RUN_RE = Lazy("[ꓐ-ꓽᐁ-ᙿ⠁-⠿]+(?:[ \\-']+[ꓐ-ꓽᐁ-ᙿ⠁-⠿]+)*")
_KEYED_RUN_RE = Lazy("[a-z;',./\\[\\]=-]+(?: +[a-z;',./\\[\\]=-]+)*")
_HANGUL_RUN_RE = Lazy("[ㄱ-ㅣ]+(?: +[ㄱ-ㅣ]+)*")
_WORD_RE = Lazy("[^ \\-']+")
# ROT47 turns exactly the characters ``2`` … ``K`` (50 … 75) into small letters
_ROT47_RE = Lazy("(?<![!-~])[2-K]{2,}(?![!-~])")
_KEY_RE = Lazy(
    "(?:(?:密钥|秘钥|钥匙|口令)\\s*(?:是|为)?\\s*[:：]?|key\\s*[:：=])\\s*([a-z]{3,16})(?![a-z])"
)
_VOWELS_RE = compiled("[aeiouv]+")
KEYS_MAX = 3  # keys a text gives that are tried
KEY_REACH = 120  # characters either side of a key where its runs are read
_LATIN_RUN_RE = Lazy("[a-z]+(?:[ ,，]+[a-z]+)*")
# Each family's gate, searched first (most texts open none)
_ALPHABET_GATE_RE = compiled("[ꓐ-ꓽᐁ-ᙿ⠁-⠿]")
_HANGUL_GATE_RE = compiled("[ㄱ-ㅣ]")
_LAYOUT_GATE_RE = compiled("[;'\\[\\]/,.=][a-z]")
_ROT47_GATE_RE = compiled("(?<![!-~])[2-K]*[:-@][2-K]*(?![!-~])")
_ROT47_SIGN_RE = compiled("[:-@]")
_KEY_GATE_RE = compiled("密钥|秘钥|钥匙|口令|key")
# any family but ROT47 (which reads the text before lower-casing)
_ANY_GATE_RE = compiled(
    f"[ꓐ-ꓽᐁ-ᙿ⠁-⠿ㄱ-ㅣ{_PHONETIC_CLASS}]|[;'\\[\\]/,.=][a-z]|密钥|秘钥|钥匙|口令|key"
    "|德沃夏克|dvorak|colemak|科尔马克|键盘"
)
_LAYOUT_KEYS_RE = Lazy("[;',./\\[\\]=](?=[a-z])")
# Round 39: a text that names the layout it was typed on (``德沃夏克键盘打的``) is read with
# a looser gate, runs within :data:`KEY_REACH` of the name only: a run needs no punctuation
# key and two syllables, and a comma, full stop or semicolon the rekeying gives at a word's
# end is read as punctuation (``;dcegw`` is ``zhidu,``). Every word must still read as pinyin.
_LAYOUT_CUE_RE = compiled("德沃夏克|dvorak|colemak|科尔马克")
_KEYED_STOP_RE = Lazy("[,.;]+(?= |$)")
CUED_SYLLABLES_MIN = 2


@functools.lru_cache(maxsize=4)  # the pinyin view and the letters' view ask for the same text
def letters(lowered: str, cased: str = "") -> tuple[str, tuple[int, ...]]:
    """``lowered`` with every run of :mod:`pipeline.rules.rekeyed` and of this module read
    as the Latin letters it stands for, same length; and the offsets of the letters read.
    ``cased``: the text before lower-casing (ROT47 reads capitals), same length."""
    text, at = rekeyed.letters(lowered)
    cased = cased if len(cased) == len(text) else text
    dotted = morse.dotted(text)
    rot47 = _ROT47_SIGN_RE.search(cased) is not None and _ROT47_GATE_RE.search(cased) is not None
    if dotted == text and not rot47 and _ANY_GATE_RE.search(text) is None:
        return text, at
    chars = list(text)
    found = list(at)
    if dotted != text:  # Morse in other symbols: disguised letters
        for i, (a, b) in enumerate(zip(text, morse.read(dotted), strict=True)):
            if a != b:
                chars[i] = b
                found += [i] if b.isalpha() else []
    for gate, pattern, tables, least in (
        (_ALPHABET_GATE_RE, _ALPHABET_RUN_RE, (_ALPHABET_TABLE,), 2),
        (_HANGUL_GATE_RE, _HANGUL_RUN_RE, (_HANGUL,), 2),
        (_PHONETIC_GATE_RE, _PHONETIC_RUN_RE, (PHONETIC,), 2),
        (_LAYOUT_GATE_RE, _KEYED_RUN_RE, LAYOUTS, SYLLABLES_MIN),
    ):
        if gate.search(text) is not None:
            for m in pattern.get().finditer(text):
                _rekey(m, tables, least, chars, found)
    cues = [m.start() for m in _LAYOUT_CUE_RE.finditer(text)]
    if cues:
        for m in _KEYED_RUN_RE.get().finditer(text):
            if _near(m, cues) and not any(m.start() <= i < m.end() for i in found):
                _rekey(m, LAYOUTS, CUED_SYLLABLES_MIN, chars, found, cued=True)
    for m in kana_keys.runs(text):  # round 43: the Japanese kana keyboard, named
        _rekey(m, (kana_keys.TABLE,), CUED_SYLLABLES_MIN, chars, found, cued=True)
    if rot47:
        _rot47(cased, chars, found)
    if _KEY_GATE_RE.search(text) is not None:
        _vigenere(text, chars, found)
    if len(found) == len(at):
        return text, at
    return "".join(chars), tuple(sorted(set(found)))


def _near(m: re.Match[str], cues: list[int]) -> bool:
    """Whether the run ``m`` lies within :data:`KEY_REACH` of a layout's name."""
    return any(m.start() - KEY_REACH <= cue <= m.end() + KEY_REACH for cue in cues)


def _rekey(
    m: re.Match[str],
    tables: tuple[dict[int, str], ...],
    least: int,
    chars: list[str],
    at: list[int],
    *,
    cued: bool = False,
) -> None:
    """Read the run ``m`` through the first table under which every word is pinyin of
    ``least`` syllables or more in all (a run already pinyin is left). ``cued``: the text
    names the layout, so no punctuation key is needed and keyed stops end words."""
    run = m.group(0)
    if run.isascii():
        if not cued and _LAYOUT_KEYS_RE.get().search(run) is None:
            return  # pinyin typed on another layout holds a punctuation key
        if _pinyin(run.replace("'", " "), 1):
            return  # pinyin as written (``xi'an``)
    for table in tables:
        keyed = run.translate(table)
        words = _KEYED_STOP_RE.get().sub(" ", keyed) if cued else keyed
        if len(keyed) != len(run) or not _pinyin(words, least):
            continue
        for i, (a, b) in enumerate(zip(run, keyed, strict=True)):
            if a != b:
                chars[m.start() + i] = b
                at.append(m.start() + i)
        return


def _pinyin(run: str, least: int) -> bool:
    """Whether every word of ``run`` is pinyin-shaped letters and ``least`` syllables or
    more are in the run (counted as a syllable per vowel group)."""
    syllables = 0
    for m in _WORD_RE.get().finditer(run):
        word = m.group(0)
        if not (word.isascii() and word.isalpha() and pinyin_reader.syllabic(word)):
            return False
        syllables += len(_VOWELS_RE.findall(word))
    return syllables >= least


def _rot47(text: str, chars: list[str], at: list[int]) -> None:
    """ROT47 tokens that read as pinyin, when they hold four syllables or more in all."""
    read: list[tuple[int, str]] = []
    for m in _ROT47_RE.get().finditer(text):
        token = m.group(0)
        if token.isalpha() or token.isdigit():
            continue
        turned = "".join(chr(33 + (ord(c) - 33 + 47) % 94) for c in token)
        if _pinyin(turned, 1):
            read.append((m.start(), turned))
    if sum(len(re.findall("[aeiouv]+", t)) for _, t in read) < SYLLABLES_MIN:
        return
    for start, turned in read:
        chars[start : start + len(turned)] = turned
        at.extend(range(start, start + len(turned)))


def _vigenere(text: str, chars: list[str], at: list[int]) -> None:
    """Latin runs deciphered with a Vigenère key the text gives (``密钥 qixiang``), when
    every word then reads as pinyin."""
    keys = [(m.group(1), m.span(1)) for m in _KEY_RE.get().finditer(text)]
    for key, (k_start, _) in keys[:KEYS_MAX]:
        shifts = [ord(c) - 97 for c in key]
        near = max(0, k_start - KEY_REACH)
        for m in _LATIN_RUN_RE.get().finditer(text, near, k_start + KEY_REACH):
            if m.start() <= k_start < m.end() or len(re.sub("[^a-z]", "", m.group(0))) < 4:
                continue
            run = m.group(0)
            plain: list[str] = []
            j = 0
            for c in run:
                if "a" <= c <= "z":
                    plain.append(chr((ord(c) - 97 - shifts[j % len(shifts)]) % 26 + 97))
                    j += 1
                else:
                    plain.append(c)
            deciphered = "".join(plain)
            if _pinyin(deciphered.replace(",", " ").replace("，", " "), 2):
                for i, c in enumerate(deciphered):
                    if c != run[i]:
                        chars[m.start() + i] = c
                        at.append(m.start() + i)
