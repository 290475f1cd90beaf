"""A citizen's question whether an unregistered body may act (round 69, issue 12).

The semantic layer's item （十） (``S9-10``) is an error when its flagged sentence also holds a
strong word such as ``没登记`` (``semantic_anchors.yml``). A citizen who asks whether such a
body may act (``“车友会”没登记，能收会费吗？``, ``广场舞队没备案，可以收管理费吗？``,
``这个协会没注册，收的钱合法吗？``) uses the same word to ask the question a law
popularisation answers: it neither speaks as the body nor calls anyone to it. The warning
stays for the reviewers; the error is not raised (:func:`asked`, read by
:func:`pipeline.rules.anchored.escalate`).

A question that defies (``没登记又怎样？``, ``谁管得着？``, ``能把我们怎么样？``) is the
body's own voice and is not excused.
"""

from __future__ import annotations

from pipeline.rules.compiled_re import compiled

RULE = "S9-10"
# The sentence asks whether something may be done, or whether it is lawful, and ends as a
# question (the compacted sentence keeps its question mark, full-width or not).
QUESTION = compiled(
    r"(?:能不能|可不可以|能否|可否|是否|算不算|合不合法|能|可以|允许|有权)"
    r"[^，。！；,!;]{0,12}(?:吗|么|呢)?[？?]"
    r"|(?:合法|违法|犯法|有效|算数)(?:吗|么|不)[？?]"
)
# Defiance asked as a question is the body's voice, not the citizen's.
DEFIANT = compiled(r"怎样|怎么样|怎么了|管得着|谁管|凭什么|敢不")


def asked(rule: str, sentence: str) -> bool:
    """Whether a finding of ``rule`` on the compacted ``sentence`` is a citizen's question
    whether an unregistered body may act."""
    if rule != RULE:
        return False
    return QUESTION.search(sentence) is not None and DEFIANT.search(sentence) is None
