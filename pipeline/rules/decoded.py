"""Decoded views of a post, read by every detector (round 20, issue 12).

The main view (:func:`pipeline.rules.notation.decode` over the masked text) already reads
the notations no legitimate post writes for Chinese words (character references, escapes,
UTF-8 bytes). A *decoded view* reads what a legitimate post does write — romanised Chinese:
a place name, a slogan's transliteration — so it must not change the main view: it is a
second text of the same length (every offset still points into the original, so a finding
keeps its line and column), and the lexicons, the combination rules and the semantic model
read it beside the main view.

- *short lines read as one* (:mod:`pipeline.rules.short_lines`): two characters a line,
  or a chat or danmaku log of one or two characters a user;
- *GBK or GB 18030 bytes in hexadecimal* (:mod:`pipeline.rules.legacy_bytes`; UTF-8 bytes
  are read in the main view by :func:`pipeline.rules.notation.decode`);
- *pinyin read as characters* (:mod:`pipeline.rules.pinyin_reader`): tone numbers, tone marks
  or none, spaced or joined. What reaches the decoder is the text with every Latin-like
  letter folded to ASCII first (:func:`folded`: small capitals, Fraktur, script and
  double-struck letters, full-width and circled forms), text written upside down turned back
  (:func:`turned`), Morse read as letters (:mod:`pipeline.rules.morse`) and Wade–Giles
  words read as pinyin (:mod:`pipeline.rules.wadegiles`): one decoder for every way of
  writing the syllables. Bopomofo, which the main view reads one character per syllable
  (:mod:`pipeline.rules.zhuyin`), is read here by the same decoder, as words; so (round 36,
  a view of its own, for the lexicons only) is Palladius Cyrillic (:mod:`pipeline.rules.palladius`).

Round 21 (held-out set 19's devices and the link devices of sets 13, 14 and 18):

- *words written in a link or in code*, which the main view leaves masked: the Chinese
  characters there as written, percent-encoded UTF-8 and punycode domain labels (``xn--…``)
  read (:mod:`pipeline.rules.link_words`);
- *pinyin with its letters shifted* (:mod:`pipeline.rules.shifted`: ROT13 and the other
  Caesar shifts): letters moved back, then the same pinyin decoder.

Round 22 (held-out set 20's devices):

- *code units in other bases* (:mod:`pipeline.rules.code_units`): binary, octal escapes,
  UTF-16 code units and spaced hexadecimal bytes, Base32;
- *letters in Greek or Cyrillic look-alikes, regional-indicator symbols (🇦 … 🇿) or the
  radio spelling alphabet* (:mod:`pipeline.rules.spelling_alphabet`) folded to Latin for
  the pinyin view, and a run of such disguised letters read from two syllables;
- *the alphabet reversed* (Atbash) beside the Caesar shifts, and a shift found in one run
  applied to the shorter runs of the same text (:mod:`pipeline.rules.shifted`).

Round 23 (held-out set 21's devices): a whole word in Greek letters that look like Latin ones
(:func:`pipeline.rules.lookalike.greek_words`) and binary ASCII bytes spelling letters
(:func:`pipeline.rules.code_units.letters`), both disguised letters for the pinyin view;
Ascii85 of Chinese (:func:`pipeline.rules.code_units.ascii85`), read from the text as written.

Round 26: pinyin typed on the Russian keyboard layout, and runes and ogham, read as the Latin
letters they stand for (:mod:`pipeline.rules.rekeyed`), disguised letters for the pinyin view.

Round 24 (held-out set 22's devices): UTF-7 and uuencode of Chinese
(:func:`pipeline.rules.code_units.utf7`, :func:`~pipeline.rules.code_units.uuencoded`), read
from the text as written; Unicode tag characters as the letters they shadow
(:func:`tag_letters`), disguised letters for the pinyin view; characters written out of
their reading order (:mod:`pipeline.rules.reordered`: subscript places, a two-row rail
fence after its cue); codes of the double-pinyin layouts in a text that names one
(:mod:`pipeline.rules.double_pinyin`); A1Z26 numbers and the Polybius square as letters for
the pinyin view (:mod:`pipeline.rules.digit_codes`), and phone-keypad digits in a text that
names the keypad (:mod:`pipeline.rules.keypad`).

Round 28: techniques rather than devices (:mod:`pipeline.rules.technique_views`: markup and
code between characters, bytes and base-N in any notation, a reading order the text names;
:mod:`pipeline.rules.letter_forms`: letters in other alphabets, layouts and ciphers).

A finding that only a decoded view shows — its place overlaps what the view decoded and no
error of the same item is there in the main view (round 24: nor, for the view's semantic
finding, a warning) — is an error of its item (a semantic finding of ``S9-06`` is an error
of ``A9-06``): the disguise is the evidence, as for the
lexicons' evasive spellings and :mod:`pipeline.rules.disguised`. A legitimate line read as
characters (``Hulunbei'er Shi Renmin Zhengfu``) reads as the legitimate words it spells.
Item （十二） takes no error (opinions are warnings by design; round 23: a view's semantic
warning of that item is kept as a warning); a semantic finding that an enforcement or
warning word frames, or that calls the claim a rumour, raises nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from pipeline.rules import (
    code_units,
    digit_codes,
    double_pinyin,
    keypad,
    legacy_bytes,
    letter_forms,
    link_words,
    morse,
    palladius,
    pinyin_reader,
    regional,
    rekeyed,
    reordered,
    shifted,
    short_lines,
    spelling_alphabet,
    technique_views,
    zhuyin,
)
from pipeline.rules.advice import advise
from pipeline.rules.anchored import RULES, lexical_rule
from pipeline.rules.compiled_re import Lazy, compiled
from pipeline.rules.detection import Detection
from pipeline.rules.framing import REFUTING, framed
from pipeline.rules.lookalike import TURNED, TURNED_FORMS, greek_words
from pipeline.rules.normalize import BARRIER, is_cjk, normalise
from pipeline.rules.overlaps import Placed
from pipeline.rules.rekeyed import TAG_RE, tag_letters
from pipeline.rules.wadegiles import wade_giles

PINYIN_NAME = "拼音读作汉字"
LINES_NAME = "短行拆分（逐行一两个字或逐条弹幕）"
BYTES_NAME = "GBK 编码的十六进制字节"
LINK_NAME = "写在链接或代码中的文字（含百分号编码、xn-- 域名）"
SHIFTED_NAME = "字母移位（ROT13、Atbash 等）的拼音"
SHIFTED_LETTERS_NAME = "字母移位（ROT13、Atbash 等）后还原的拼音字母"
CODES_NAME = "二进制、八进制转义、UTF-16 码元、Base32、Ascii85、UTF-7 或 uuencode 编码的文字"
REORDERED_NAME = "打乱顺序的文字（下标序号、两行栅栏）"
REKEYED_NAME = "其他键盘布局下输入的拼音或其他字母体系拼写的拼音"
DOUBLE_NAME = "双拼编码（{}）读作汉字"
# Letters in other forms than ASCII (accented and IPA letters, small capitals and turned
# letters, letterlike symbols, circled, full-width, mathematical and squared letters): only a
# text holding one is folded (:func:`folded`), which costs a normalisation.
# Round 22: Greek and Cyrillic look-alikes inside a Latin word, regional-indicator letters.
_OTHER_LETTERS_RE = compiled(
    "[\u00c0-\u02af\u0370-\u052f\u1d00-\u1dbf\u2100-\u218f\u2200-\u22ff\u2460-\u24ff"
    "\ua700-\ua7ff\uff21-\uff5a\U0001d400-\U0001d7ff\U0001f130-\U0001f189"
    "\U0001f1e6-\U0001f1ff\U000e0020-\U000e007e]"
)
# Letters no legitimate word is written in (accented Latin and IPA are other languages'):
# Greek and Cyrillic look-alikes, small capitals, letterlike, circled, full-width,
# mathematical, squared and regional-indicator letters.
_DISGUISES_RE = compiled(
    "[\u0370-\u052f\u1d00-\u1dbf\u2100-\u214f\u24b6-\u24e9\uff21-\uff5a"
    "\U0001d400-\U0001d7ff\U0001f130-\U0001f189\U0001f1e6-\U0001f1ff]"
)
# Regional-indicator symbols (U+1F1E6 … U+1F1FF, the letters two of which make a flag emoji)
# as the Latin letters they stand for.
REGIONAL = {chr(0x1F1E6 + i): chr(ord("a") + i) for i in range(26)}
_REGIONAL_TABLE = str.maketrans(REGIONAL)
_TURNED_RUN_RE = compiled(f"[a-z{TURNED_FORMS}ᴉ][a-z{TURNED_FORMS}ᴉ ]*[a-z{TURNED_FORMS}ᴉ]")
_TURN = str.maketrans({**TURNED, "ᴉ": "i"})
_BARRIERS_RE = compiled(f"{BARRIER}+")
_CJK_RE = Lazy("[\u3400-\u4dbf\u4e00-\u9fff]")  # only texts with a barrier search it
TURNED_MIN = 3  # turned letters that show a run written upside down
OPINION_RULES = frozenset({"S9-12"})  # item （十二）: warnings by design, never raised


def folded(masked: str, lowered: str) -> str:
    """``masked`` with every Latin-like letter as its ASCII letter, lower-case: the letter
    forms the lexicons read (small capitals, mathematical, Fraktur, script and double-struck
    letters, full-width and circled forms: :func:`pipeline.rules.normalize.normalise`), the rest
    as written, lower-case (tone marks and tone numbers kept). Same length."""
    normalised = normalise(masked)
    if normalised == lowered:
        return lowered
    return "".join(
        n if n.isascii() and n.isalpha() and not m.isascii() else m
        for m, n in zip(lowered, normalised, strict=True)
    )


def turned(text: str) -> str:
    """``text`` with each run written upside down (:data:`TURNED_MIN` turned letters or more:
    ``ᴉl np ƃuɐz ᴉx``) turned back and read from right to left, in place. Same length."""
    if sum(text.count(c) for c in TURNED_FORMS + "ᴉ") < TURNED_MIN:
        return text
    return _TURNED_RUN_RE.sub(_turn_back, text)


def _turn_back(m: re.Match[str]) -> str:
    run = m.group(0)
    if sum(run.count(c) for c in TURNED_FORMS + "ᴉ") < TURNED_MIN:
        return run
    return run[::-1].translate(_TURN)


def views(masked: str, original: str = "") -> list[tuple[str, str]]:
    """(name, view) of each decoded view of ``masked`` that differs from it; ``original``:
    the text before notations were read (the same length), where bopomofo is still written."""
    found = _pinyin(masked, original) + palladius.views(masked, original)  # round 36
    found += regional.views(masked)  # round 57
    lines = short_lines.joined(masked)
    if lines != masked:
        found.append((LINES_NAME, lines))
    found += _double(masked)  # round 24
    ordered = reordered.read(masked)
    if ordered != masked:
        found.append((REORDERED_NAME, ordered))
    national = legacy_bytes.read(masked)
    if national != masked:
        found.append((BYTES_NAME, national))
    written = original if len(original) == len(masked) else masked
    codes = code_units.read_masked(masked, written)  # round 67: in code too
    encoded = code_units.ascii85(written)  # round 23: read as written (backticks are in it)
    encoded = code_units.uuencoded(code_units.utf7(encoded))  # round 24
    if encoded != written:
        codes = "".join(e if e != w else c for c, w, e in zip(codes, written, encoded, strict=True))
    if codes != masked:
        found.append((CODES_NAME, codes))
    linked = _linked(masked, original)
    if linked != masked:
        found.append((LINK_NAME, linked))
    found += technique_views.views(masked, original)  # round 28
    lowered = masked.lower()
    if len(lowered) == len(masked):
        keyed, at = letter_forms.letters(lowered, masked)  # rounds 26, 28: for the pinyin terms
        if at:
            found.append((REKEYED_NAME, _decoded_only(masked, lowered, keyed)))
        turned, letters = shifted.views(lowered)
        if turned != lowered:
            found.append((SHIFTED_NAME, _decoded_only(masked, lowered, turned)))
            found.append((SHIFTED_LETTERS_NAME, _decoded_only(masked, lowered, letters)))
    return found


def _double(masked: str) -> list[tuple[str, str]]:
    """A view of each double-pinyin layout that reads a run of ``masked`` as characters
    (:mod:`pipeline.rules.double_pinyin`; one view for layouts that read it alike)."""
    found: list[tuple[str, str]] = []
    if not double_pinyin.named(masked):  # round 68: unnamed, only as the rules' words
        read = double_pinyin.terms_view(masked)
        return [(double_pinyin.TERMS_NAME, read)] if read != masked else found
    lowered = masked.lower()
    if len(lowered) != len(masked):
        return found
    seen: set[str] = set()
    for layout, spelled in double_pinyin.syllables(masked):
        read = pinyin_reader.read_syllables(lowered, spelled)
        if read != lowered and read not in seen:
            seen.add(read)
            found.append((DOUBLE_NAME.format(layout), _decoded_only(masked, lowered, read)))
    return found


def _linked(masked: str, original: str) -> str:
    """The link view (:mod:`pipeline.rules.link_words`): read from ``original``, where links
    and code are still written (``masked`` holds barriers there); what it decoded, and the
    Chinese characters the barriers hid, over ``masked``."""
    if len(original) != len(masked):
        original = masked
    read = link_words.read(original)
    hidden = [
        m.span()
        for m in _BARRIERS_RE.finditer(masked)
        if _CJK_RE.get().search(original, m.start(), m.end()) is not None
    ]
    if read == original and not hidden:
        return masked
    chars = list(masked)
    for start, end in hidden:
        for i in range(start, end):
            if is_cjk(original[i]):
                chars[i] = original[i]
    if read != original:
        for i, (o, r) in enumerate(zip(original, read, strict=True)):
            if r != o:
                chars[i] = r
    return "".join(chars)


def _decoded_only(masked: str, lowered: str, read: str) -> str:
    """``masked`` with what a reader of ``lowered`` decoded (its characters and padding)."""
    return "".join(r if r != low else m for m, low, r in zip(masked, lowered, read, strict=True))


def _pinyin(masked: str, original: str) -> list[tuple[str, str]]:
    """The pinyin view of ``masked``, when it reads a run (bopomofo read from ``original``)."""
    source = lowered = masked.lower()
    if len(lowered) != len(masked):  # İ lower-cases to two characters
        return []
    # round 26: pinyin typed on the Russian layout, runes and ogham, as Latin letters
    keyed, disguised = letter_forms.letters(lowered, masked)  # round 28: other systems
    if disguised or _OTHER_LETTERS_RE.search(masked) is not None:
        letters = keyed if disguised else masked
        if TAG_RE.search(masked) is not None:  # round 24
            letters, tagged = tag_letters(letters)
            disguised += tagged
        flags = letters.translate(_REGIONAL_TABLE)
        source = greek_words(turned(folded(flags, flags.lower())))
        # letters written in another form (a run holding one is read from two syllables)
        disguised += tuple(
            m.start()
            for m in _DISGUISES_RE.finditer(letters)
            if source[m.start()].isascii() and source[m.start()].isalpha()
        )
        disguised = tuple(sorted(disguised))
    spelled = spelling_alphabet.read(
        keypad.letters(digit_codes.letters(code_units.letters(rekeyed.bacon(source))))
    )
    if spelled != source:  # letters spelled by code words, numbers or binary are disguised too
        at = {i for i, (a, b) in enumerate(zip(source, spelled, strict=True)) if a != b}
        disguised = tuple(sorted(at.union(disguised)))
    source = wade_giles(morse.read(spelled))
    read = pinyin_reader.read(source, disguised)
    spelled = zhuyin.syllables(original) if len(original) == len(masked) else []
    if spelled:
        read = pinyin_reader.read_syllables(read, spelled)
    if read == source:
        return []
    # what was decoded (the letters read and the padding of the notations they were read
    # from), the rest as written
    return [(PINYIN_NAME, _decoded_only(masked, lowered, read))]


Reader = Callable[[str], list[Detection]]


def findings(
    read: Reader, meant: Reader, masked: str, found: list[Detection], original: str = ""
) -> list[Detection]:
    """Errors for what the decoded views of ``masked`` show and ``found`` (the main view's
    detections) does not: ``read`` gives the lexicon and combination detections of a view,
    ``meant`` its semantic ones (after the post's framing); ``original``: the text before
    notations were read (:func:`views`)."""
    result: list[Detection] = []
    # Round 24: the errors of ``found`` and ``result`` by rule and place (:func:`_place`),
    # and its warnings apart. A main-view warning of the item (the model's, on the words
    # around the disguise) does not stand for a term or a combination a view reads; it still
    # stands for the view's own semantic finding there (the model reading the same words
    # again, with a few letters read as characters) and for a view's warning of item （十二）.
    known = Placed()
    warned = Placed()
    for f in found:
        _place(known if f.severity == "error" else warned, f)
    for name, view in views(masked, original):
        changed = [i for i, (a, b) in enumerate(zip(masked, view, strict=True)) if a != b]
        if not changed:
            continue
        first, last = changed[0], changed[-1] + 1
        terms_only = name in (palladius.NAME, *regional.NAMES, *technique_views.TERMS_ONLY)
        semantic_found = [] if terms_only else meant(view)
        for d in read(view) + _raised(semantic_found, view, name) + _opinions(semantic_found):
            if d.end <= first or d.start >= last or not _decoded(d, masked, view):
                continue
            rule = lexical_rule(d.rule) if d.rule in RULES else d.rule
            severity = d.severity if d.rule in OPINION_RULES else "error"
            placed = replace(d, rule=rule)
            if known.overlapping(placed):
                continue
            if (severity != "error" or d.rule in RULES) and warned.overlapping(placed):
                continue
            shown = "".join(view[d.start : d.end].split())
            message = d.message
            if d.rule not in RULES:
                message += f"；已识别规避写法：{name}（{shown}）"
            result.append(Detection(d.start, d.end, rule, d.article, severity, message))
            _place(known, result[-1])
    return result


def _place(known: Placed, f: Detection) -> None:
    """Keep ``f`` under its rule and, for a semantic rule, its lexical twin's: a detection
    of either overlapping a decoded one makes it known (comparing each with every detection
    found cost their product)."""
    known.add(f)
    if f.rule in RULES:
        known.add(replace(f, rule=lexical_rule(f.rule)))


def _opinions(meant: list[Detection]) -> list[Detection]:
    """Round 23: the semantic warnings of item （十二） a view shows (bopomofo with tone marks
    read as a sentence), kept as warnings: opinions take no error, but the reviewers see them
    as they would in plain characters."""
    return [d for d in meant if d.rule in OPINION_RULES and d.severity == "warning"]


def _raised(meant: list[Detection], view: str, name: str) -> list[Detection]:
    """The semantic findings of a view as errors of their lexical items; not item （十二）,
    not one an enforcement word frames or that calls the claim a rumour."""
    raised: list[Detection] = []
    for d in meant:
        if d.rule not in RULES or framed(view, d.start, d.end):
            continue
        if any(r in view[d.start : d.end] for r in REFUTING):
            continue
        shown = "".join(view[d.start : d.end].split())
        message = (
            f"语义模型判断本句违反{d.article}，且本句使用了规避写法；已识别规避写法："
            f"{name}（{shown}）"
        )
        raised.append(
            Detection(
                d.start,
                d.end,
                d.rule,
                d.article,
                "error",
                advise(lexical_rule(d.rule), message, True),
            )
        )
    return raised


def _decoded(d: Detection, masked: str, view: str) -> bool:
    """Whether the view changed a character inside ``d``'s span (read a letter, joined a
    line)."""
    return masked[d.start : d.end] != view[d.start : d.end]
