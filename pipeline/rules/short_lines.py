"""Short lines read as one line (round 20, issue 12).

:func:`pipeline.rules.lines.rejoin` reads three or more lines of one Chinese character
each as one text. Writing two characters a line (vertical writing), or one or two per
user in a chat or danmaku log (``用户A：地`` / ``用户B：震``), splits a sentence the same
way. :func:`joined` reads such runs as one line, for the decoded views
(:mod:`pipeline.rules.decoded`): the line break between two short lines, and the speaker's
label before each, become spaces (the same length, so every offset still points into the
original). A run is three lines or more:

- lines of one or two Chinese characters each;
- lines that each begin with a speaker's label of at most twelve characters and a colon,
  at least two of them saying one or two characters only: every line of the run is read
  (the short ones start the sentence, the longer ones carry it on).
"""

from __future__ import annotations

import re

from pipeline.rules.compiled_re import Lazy, compiled

RUN_MIN = 3  # lines in a run read as one
SHORT_MIN = 2  # labelled lines of one or two characters in a labelled run
_CJK = "\u4e00-\u9fff"
_SHORT_RE = Lazy(
    f"(?:^|\\n)(?:[ \\t]*[{_CJK}]{{1,2}}[ \\t]*\\n){{{RUN_MIN - 1},}}[ \\t]*[{_CJK}]{{1,2}}[ \\t]*(?=\\n|$)"
)
_LABEL = "[^\\n：:]{1,12}[：:]"
_LABELLED_RE = Lazy(f"(?:^|\\n){_LABEL}[^\\n]+(?:\\n{_LABEL}[^\\n]+){{{RUN_MIN - 1},}}")
_LABEL_RE = Lazy(f"\\n{_LABEL}")
_SHORT_LINE_RE = Lazy(f"(?:^|\\n){_LABEL}[ \\t]*[{_CJK}]{{1,2}}[ \\t]*(?=\\n|$)")
# Cheap gates (no class of Chinese characters to compile): three short lines in a row, or a
# colon, one or two characters and a line break.
_SHORT_GATE_RE = compiled("\\n[^\\n]{1,4}\\n[^\\n]{1,4}\\n")
_LABEL_GATE_RE = compiled("[：:][ \\t]*[^\\n]{1,2}\\n")


def joined(text: str) -> str:
    """``text`` with its runs of short lines read as one line, same length."""
    if _SHORT_GATE_RE.search("\n" + text + "\n") is not None:
        text = _SHORT_RE.get().sub(_spaced, text)
    if _LABEL_GATE_RE.search(text + "\n") is not None:
        text = _LABELLED_RE.get().sub(_unlabelled, text)
    return text


def _spaced(m: re.Match[str]) -> str:
    run = m.group(0)
    return run[0] + run[1:].replace("\n", " ") if run.startswith("\n") else run.replace("\n", " ")


def _unlabelled(m: re.Match[str]) -> str:
    run = m.group(0)
    if len(_SHORT_LINE_RE.get().findall(run)) < SHORT_MIN:
        return run
    head = "\n" if run.startswith("\n") else ""
    body = run[len(head) :]
    first = re.match(_LABEL, body)
    assert first is not None  # the run starts with a label
    body = " " * first.end() + body[first.end() :]
    return head + _LABEL_RE.get().sub(lambda label: " " * len(label.group(0)), body)
