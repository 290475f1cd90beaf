"""The decoded views of round 28, each for a technique rather than a device (issue 12).

Read from the text as written (``original``, where markup and code are not yet masked),
each the same length as the masked text, every changed offset over it:

- markup and code between Chinese characters, and one separator repeated between them
  (:mod:`pipeline.rules.markup_view`);
- bytes in any hexadecimal notation and encoding, Base64, Base58 and Base45
  (:mod:`pipeline.rules.byte_runs`);
- a position in every line, or each clause backwards, when the text says so
  (:mod:`pipeline.rules.positions`);
- katakana written for a Chinese character's strokes and Suzhou numerals (round 30,
  :mod:`pipeline.rules.script_forms`);
- a word spelled in the radio spelling alphabet, as its Latin letters (round 41,
  :func:`pipeline.rules.spelling_alphabet.letters`);
- ideographic description sequences composed into their characters (round 60,
  :mod:`pipeline.rules.ids`);
- Unicode tag characters as the ASCII they shadow (round 65,
  :func:`pipeline.rules.rekeyed.tag_view`);
- flags, drawn or written as their codes, as their places' names or as the national flag
  (round 67, :mod:`pipeline.rules.flags`); characters of similar shape as the ones they
  imitate (round 67, :mod:`pipeline.rules.shapes`).

Letters in other systems (look-alike alphabets, keyboard layouts, Morse in other symbols,
ROT47, a Vigenère key the text gives) are read by :mod:`pipeline.rules.letter_forms` inside
the pinyin view of :mod:`pipeline.rules.decoded`.
"""

from __future__ import annotations

from pipeline.rules import (
    backwards_pinyin,
    byte_runs,
    double_pinyin,
    flags,
    ids,
    markup_view,
    palladius,
    positions,
    rekeyed,
    script_forms,
    shapes,
    spelling_alphabet,
)

# Views read for the rules' words only, not by the model (round 67: a flag stands in many a
# legitimate post, ``🇨🇳国庆快乐``, where the model's doubt is no evasion's proof).
# Round 68: Palladius spellings as pinyin letters and double-pinyin codes typing the rules'
# own words (:mod:`pipeline.rules.decoded`'s views), read for those words as well.
TERMS_ONLY = (
    flags.PLACES_NAME,
    flags.NATIONAL_NAME,
    palladius.LATIN_NAME,
    double_pinyin.TERMS_NAME,
)


def views(masked: str, original: str) -> list[tuple[str, str]]:
    """(name, view) of each round-28 view that reads something in ``original``."""
    written = original if len(original) == len(masked) else masked
    found: list[tuple[str, str]] = []
    for name, reader in (
        (markup_view.NAME, markup_view.read),
        (markup_view.SEPARATED_NAME, markup_view.separated),
        (byte_runs.NAME, byte_runs.read),
        (script_forms.NAME, script_forms.read),  # round 30
        (spelling_alphabet.NAME, spelling_alphabet.letters),  # round 41
        (ids.NAME, ids.read),  # round 60
        (rekeyed.TAG_NAME, rekeyed.tag_view),  # round 65
        (flags.PLACES_NAME, flags.places),  # round 67
        (flags.NATIONAL_NAME, flags.national),
        (shapes.NAME, shapes.read),
        (backwards_pinyin.NAME, backwards_pinyin.read),  # round 70
    ):
        read = reader(written)
        if read == written:
            continue
        view = "".join(r if r != w else m for m, w, r in zip(masked, written, read, strict=True))
        if view != masked:
            found.append((name, view))
    return found + positions.views(masked)
