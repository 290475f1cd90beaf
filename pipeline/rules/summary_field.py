"""The summaries WeChat and the app make of a body without a digest, checked as a field
(round 39).

Without a ``digest``, WeChat's digest (the share card and the article list) is the body's
plain text cut to :data:`~pipeline.content.limits.WECHAT_SUMMARY` characters and the app's
summary cut to :data:`~pipeline.content.limits.APP_SUMMARY` (``render_wechat``,
``render_app``): paragraphs joined, links by their text. The check read neither (only
Weibo's, :mod:`pipeline.rules.weibo_field`): ``约`` and ``炮`` in two paragraphs were clean
and both summaries read 约炮; a rumour quoted and denied after the cut went out alone in it
(round 22's class). Each summary is read here as the rule engine reads a field, and what
the body's check does not hold at the same words is reported as ``PF-SUMMARY-TEXT``.

The summary is read without Markdown (the check of an ordinary post imports no renderer):
the body as a reader sees it by :func:`pipeline.rules.rendered_secrets.unmarked`, whitespace
removed. That keeps a heading's or a list's marks the renderer drops, so the cut holds no
more of the body than the platform's: a rebuttal inside the published summary may be read
as cut off (the remedy, a digest, is the same), never the other way round.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from pipeline.content import Post
from pipeline.content.limits import APP_SUMMARY, WECHAT_SUMMARY
from pipeline.findings import Finding
from pipeline.rules.compiled_re import compiled
from pipeline.rules.detection import Detection
from pipeline.rules.rendered_secrets import unmarked
from pipeline.rules.weibo_field import text_findings

if TYPE_CHECKING:
    from pipeline.governance.registry import Registry

RULE = "PF-SUMMARY-TEXT"
# platform -> (the summary's name, its length)
SUMMARIES = {"wechat": ("微信摘要", WECHAT_SUMMARY), "app": ("客户端摘要", APP_SUMMARY)}
_SPACE = compiled(r"\s+")
_PARAGRAPH = compiled(r"\n[ \t]*\n\s*")


def summary_texts(post: Post, registry: Registry | None, shown: str) -> list[tuple[str, str, bool]]:
    """(name, text, cut) of each summary a platform of the post makes of its body (``shown``:
    the body as a reader sees it, :func:`unmarked`), for a post without a digest."""
    platforms = {(registry.platform_of(c) if registry else None) or c for c in post.channels}
    plain = _SPACE.sub("", shown)
    found: list[tuple[str, str, bool]] = []
    for platform, (name, length) in SUMMARIES.items():
        if platform in platforms and plain[:length] not in (text for _, text, _ in found):
            found.append((name, plain[:length], len(plain) > length))
    return found


def summary_findings(
    post: Post,
    registry: Registry | None,
    check: Callable[[str], Sequence[Detection]],
    body: Sequence[Detection],
    secrets: set[str] | None = None,
) -> list[Finding]:
    """``check`` over each summary of :func:`summary_texts`, less what the body's
    detections hold at the same words (``secrets``: as ``weibo_field.weibo_findings``).
    None when the post has a digest: the platforms show it, and it is checked as a field."""
    if post.digest:
        return []
    found: list[Finding] = []
    shown = unmarked(post.body)
    for name, text, cut in summary_texts(post, registry, shown):
        found += text_findings(
            post,
            text,
            _lowered(check, shown, len(text)) if cut else check,
            body,
            RULE,
            lambda d, n=name, t=text, c=cut: _message(n, t, c, d),
            secrets,
        )
    return found


def _lowered(
    check: Callable[[str], Sequence[Detection]], shown: str, length: int
) -> Callable[[str], Sequence[Detection]]:
    """``check`` with a warning for what the cut finds only because it cut: what the same
    cut finds with the body's paragraphs kept apart. A word the summary joins across
    paragraphs keeps its rule's severity; a text framed by words after the cut (a rebuttal,
    a warning against a scam: enforcement news names the offence in its first 54
    characters) is shown to every reviewer, who acknowledges it or adds a digest. Measured
    on the legitimate texts of sets 7–52 read as posts without a digest, an error here
    blocked 28 of 6,182 (``docs/threat-model.md``, round 39)."""
    apart = _cut_apart(shown, length)
    own = {(d.rule, _SPACE.sub("", apart[d.start : d.end])) for d in check(apart)}

    def lowered(text: str) -> list[Detection]:
        return [
            replace(d, severity="warning") if (d.rule, text[d.start : d.end]) in own else d
            for d in check(text)
        ]

    return lowered


def _cut_apart(shown: str, length: int) -> str:
    """The summary's first ``length`` characters of ``shown`` (the body as a reader sees
    it) with its paragraph breaks kept (a blank line each) and every other blank removed."""
    kept: list[str] = []
    count = 0
    for paragraph in _PARAGRAPH.split(shown):
        words = _SPACE.sub("", paragraph)[: length - count]
        if words:
            kept.append(words)
            count += len(words)
        if count >= length:
            break
    return "\n\n".join(kept)


def _message(name: str, text: str, cut: bool, d: Detection) -> str:
    what = f"[{d.rule}] {d.message.rstrip('。')}。"
    if cut:
        how = f"截取前 {len(text)} 个字，后文的澄清、否认或说明不会出现"
    else:
        how = f"共 {len(text)} 个字，分段和格式去掉、前后文字连在一起"
    return f"摘要文本（没有 digest 时{name}是正文的纯文本，{how}）：{what}请填写 digest 摘要，或修改正文开头。"
