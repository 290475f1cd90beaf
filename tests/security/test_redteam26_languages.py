"""Red team round 26: a post written to be slow for the language table (rounds 28-30).

``rules/languages.py`` looked every prefix and suffix of a word up in the table (a Latin
"word" of 200,000 letters: 6.9 s of CPU), compared each rule's anchor with every hit of its
other groups and each exception (``tibet independence`` 20,000 times: 154 s), and each new
detection with every one kept. It fails closed at the server (the content check's CPU
limit refuses the push), but ``govmedia check``, ``approve`` and a hosted CI job over such
a file ran for minutes, and a long honest text full of foreign concept words hit the limit.
Now a word costs at most the table's longest affix in look-ups and an anchor reads only
the hits within its rule's window of words; the findings are the same. Counted, never
timed.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from pipeline.rules import languages
from pipeline.rules.language_table import Table, table

PAIRS = 2000


class Counting(dict[str, Any]):
    """A table index that counts its look-ups."""

    calls = 0

    def get(self, key: str, default: Any = None) -> Any:
        Counting.calls += 1
        return super().get(key, default)


def test_a_long_word_costs_the_longest_affix_in_look_ups() -> None:
    t = table()
    longest = max(map(len, [*t.prefix, *t.suffix]))
    counted: Table = replace(t, prefix=Counting(t.prefix), suffix=Counting(t.suffix))
    Counting.calls = 0
    folded, _ = languages.foreign_view("正文" + "a" * 50_000 + "。")
    assert languages.hits(counted, folded) == []
    assert Counting.calls <= 2 * longest, "every prefix and suffix of the word was looked up"
    # the honest path: a word's own affixes are still found
    found = languages.hits(counted, languages.foreign_view("Tibetans independence")[0])
    assert {h.concept for h in found} >= {"tibet", "independence"}


def test_repeated_concept_words_cost_each_anchor_its_window(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = []
    real = languages._sentence_of

    def counted(ends: list[int], at: int) -> int:
        calls.append(at)
        return real(ends, at)

    monkeypatch.setattr(languages, "_sentence_of", counted)
    found = languages.detect("正文：" + "tibet independence " * PAIRS)
    assert len(found) == PAIRS and {d.rule for d in found} == {"A9-02"}
    assert len(calls) <= 50 * PAIRS, f"{len(calls)} look-ups for {PAIRS} pairs"
    # the same verdicts as before: a rebuttal in the sentence excuses it, none does not
    assert languages.detect("We oppose Tibet independence.") == []
    assert [d.rule for d in languages.detect("正文：Tibet independence now")] == ["A9-02"]
