"""Separators completed by Unicode category (issue 12, round 38).

The compacted view (:mod:`pipeline.rules.normalize`) removes separators written between
characters. Its lists grew one device a round (``丨``, U+FEFF, chat emoji codes), so the
next writer's character was not among them. Round 38 closes the class by two rules instead
of by devices:

- every format character (category Cf) and line or paragraph separator (Zl, Zp): the lists
  lacked the Arabic and Syriac number signs, the Kaithi number signs, the Egyptian
  hieroglyph format controls and the shorthand format controls;
- every compatibility form whose NFKC form is a separator: the small and vertical
  presentation forms, the halfwidth ``･``, ``￨``, ``￤``, ``￭``, ``￮``, the Greek ano teleia
  and question mark, super- and subscript signs.

Chinese clause punctuation (``，：；！？（）``) stays a barrier, as before.
tests/test_rules_round38.py proves the class closed under both rules for the running
Python's Unicode tables, so a new Unicode version names what it adds.
"""

from __future__ import annotations

# A regular-expression class body (ranges), joined into the compacted view's separators.
CATEGORY_SEPARATORS = (
    "\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u2028\u2029"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\u037e\u0387\u1fef\u2024\u207a\u207c-\u207e\u208a\u208c-\u208e\ufb29"
    "\ufe10\ufe13-\ufe16\ufe33-\ufe38\ufe47\ufe48\ufe4d-\ufe50\ufe52\ufe54-\ufe57"
    "\ufe59-\ufe5c\ufe5f-\ufe66\ufe68-\ufe6b\uff65\uffe4\uffe8\uffed\uffee"
)
