"""A sentence the model flags that holds text the checker cannot read (round 42, issue 12).

Held-out sets 7–34 wrote a violation's key words in a language or a script no lexicon reads
— Korean (``국가 이익 值几个钱``), Cyrillic pinyin and Russian (``Дунбэй дули``), French,
Spanish, Swedish, Indonesian, Hebrew or Romanian sentences, Cherokee letters, hex bytes —
beside Chinese words the semantic model still scores: fourteen plain or evasion cases in
eleven sets kept only the model's warning and the "not read" warning A10-04
(:mod:`pipeline.rules.opaque`) side by side. A passage nobody can read inside a sentence the
model already flags is the device itself, as a disguise is (:mod:`pipeline.rules.disguised`):
:func:`escalate` adds an error of the lexical item for each such semantic warning.

Read as :mod:`disguised` reads its sentences: item （十二） takes none (opinions are warnings
by design), and no sentence is raised when an enforcement or warning word covers it
(:func:`pipeline.rules.framing.framed`) or when it calls the claim a rumour, a lie or a scam
(``REFUTING``). The passage must touch the flagged sentence (from the sentence's start to
its end, :func:`pipeline.rules.framing.sentence_bounds`, widened by one sentence on either
side in the same paragraph). A post that declares its English or bilingual version has no
A10-04 for its Latin, so it raises nothing here; nor does a passage another rule's error
already shows, nor does a random token (a key or a secret's Base64: A10-04's "编码内容"), which
is no text written to be read.
"""

from __future__ import annotations

from pipeline.rules.anchored import RULES, model_error
from pipeline.rules.detection import Detection
from pipeline.rules.framing import REFUTING, framed, paragraph_bounds
from pipeline.rules.normalize import mask_markup
from pipeline.rules.opaque import MESSAGE
from pipeline.rules.opaque import RULE as UNREAD
from pipeline.rules.rule_kinds.sequence import sentence_bounds

NAME = "无法审读的外文或编码"
# A random token (a key, a secret, a private key's Base64) is no text written to be read:
# a credential's sentence that the model misreads is not raised for it.
_TOKEN = MESSAGE.format(what="编码内容")


def _near(text: str, start: int, end: int) -> tuple[int, int]:
    """The flagged sentence with its neighbours in the same paragraph."""
    p_lo, p_hi = paragraph_bounds(text, start, end)
    lo, hi = sentence_bounds(text, start, max(start, end - 1))
    if lo > p_lo + 1:
        lo = sentence_bounds(text, lo - 1, lo - 1)[0]
    if hi < p_hi - 1:
        hi = sentence_bounds(text, hi + 1, hi + 1)[1]
    return max(lo, p_lo), min(hi + 1, p_hi)


def escalate(text: str, found: list[Detection]) -> list[Detection]:
    """Errors for the semantic warnings of ``found`` (a post body's findings, A10-04's
    among them) whose sentence holds a passage the checker cannot read."""
    passages = [(d.start, d.end) for d in found if d.rule == UNREAD and d.message != _TOKEN]
    warned = [d for d in found if d.rule in RULES and d.severity == "warning"]
    if not passages or not warned:
        return []
    masked = mask_markup(text)
    errors: list[Detection] = []
    for d in warned:
        lo, hi = _near(masked, d.start, d.end)
        if not any(a < hi and lo < b for a, b in passages):
            continue
        if framed(masked, d.start, d.end) or any(r in masked[lo:hi] for r in REFUTING):
            continue
        reason = f"本句夹有规则无法审读的外文或编码；已识别规避写法：{NAME}"
        errors.append(model_error(d, reason, evasive=True))
    return errors
