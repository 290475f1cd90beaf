"""A dialect's written forms read as Mandarin, only where the text is in that dialect
(rounds 58 and 59, issue 12).

Each written-dialect module (:mod:`pipeline.rules.wu`, :mod:`pipeline.rules.jianghuai`,
:mod:`pipeline.rules.xiang`, :mod:`pipeline.rules.gan`, :mod:`pipeline.rules.hainanese`) owns
its data: the marks that tell its text from written Mandarin, the words read and what each
reads as. This is the one reader they share: it counts the marks, and where there are
enough reads every word as its Mandarin equivalent of the same length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# What follows ``伊`` in names and words where it is no 他 (伊斯兰, 伊朗, 伊犁, 伊春, 伊人 …):
# the Wu and the Hainanese views both read a bare ``伊`` as 他.
NOT_YI = "斯朗拉犁春宁甸通利万丽莎藤顿川势妹人尹"


@dataclass(frozen=True, repr=False)
class DialectView:
    """One written dialect's marks and words, and their reading as Mandarin."""

    mark_re: re.Pattern[str]  # a mark of the dialect, which written Mandarin does not use
    read_re: re.Pattern[str]  # a word read (a phrase or a character)
    phrases: dict[str, str]  # each read phrase and its Mandarin, the same length
    characters: dict[str, str]  # each read character and its Mandarin character
    marks_min: int  # marks that make a text the dialect's

    def marks(self, text: str) -> int:
        """How many of the dialect's marks ``text`` holds."""
        return len(self.mark_re.findall(text))

    def read(self, text: str) -> str:
        """``text`` with the dialect's words read as Mandarin, same length, when it holds
        :attr:`marks_min` marks or more; else ``text``."""
        if self.marks(text) < self.marks_min:
            return text
        return self.read_re.sub(self._word, text)

    def _word(self, m: re.Match[str]) -> str:
        found = m.group(0)
        return self.phrases.get(found) or self.characters[found]
