"""``govmedia preview``: one local HTML page showing a post as each platform will receive it.

The page is the reviewer's as much as the editor's (第十五条): the WeChat article with its
inline styles, cover and 阅读原文 link; the Weibo text with its length against the limit; the
app's feed item; every ``check`` finding, highlighted in the source and in the renderings;
and the diff against the last approved version. Every fragment that comes from the post
goes through ``html_sanitize.clean_html``; the rest is our own markup with escaped text.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from pipeline import git
from pipeline.assetpath import resolve_asset
from pipeline.assets import AssetRefused, published_image, worktree_problem
from pipeline.content import Post
from pipeline.findings import SEVERITY_ZH, Finding, shown_match, sort_key
from pipeline.html_sanitize import clean_html, esc, safe_url
from pipeline.platforms.render_app import feed_item
from pipeline.platforms.render_wechat import render_wechat
from pipeline.platforms.render_weibo import render_weibo
from pipeline.platforms.wechat_articles import DIGEST_MAX, TITLE_MAX
from pipeline.platforms.weibo import STATUS_MAX, status_length
from pipeline.review.approved import last_approved_claim
from pipeline.review.verify import TARGET_REF

# CSS properties the WeChat stylesheet inlines (render_wechat.STYLE): kept by the sanitiser.
WECHAT_STYLES = (
    "font-size",
    "line-height",
    "color",
    "letter-spacing",
    "font-weight",
    "margin",
    "margin-top",
    "border-left",
    "padding-left",
    "padding",
    "text-align",
    "background",
    "max-width",
    "border-collapse",
    "width",
    "border",
    "word-break",
    "font-family",
)

PAGE_STYLE = """
body { font-family: sans-serif; margin: 0 auto; max-width: 1100px; padding: 1em; color: #222; }
h1 { font-size: 1.4em; } h2 { border-bottom: 1px solid #ccc; padding-bottom: .2em; }
.gm-grid { display: flex; flex-wrap: wrap; gap: 1.5em; }
.gm-phone { width: 375px; border: 1px solid #bbb; border-radius: 12px; padding: 1em; }
.gm-over { color: #b71c1c; font-weight: bold; }
mark { background: #ffe082; }
mark.gm-error, tr.gm-error td { background: #ffcdd2; }
table { border-collapse: collapse; } td, th { border: 1px solid #ddd; padding: 4px 6px; }
pre { white-space: pre-wrap; word-break: break-all; background: #f7f7f7; padding: .6em; }
del { background: #ffebee; text-decoration: none; } ins { background: #e8f5e9; text-decoration: none; }
.gm-src td:first-child { color: #888; text-align: right; }
"""


@dataclass(frozen=True)
class Baseline:
    """The version the diff is taken against."""

    blob: str
    label: str  # Chinese: where it comes from
    text: str


@dataclass(frozen=True)
class PreviewPage:
    html: str
    assets: dict[str, bytes]  # file name next to the page -> bytes


def last_approved(root: Path, path: str, current_blob: str) -> Baseline | None:
    """The newest other version of ``path`` named by an approval on this branch that the
    evaluator counts (``review.approved``: signed by a roster key, in this repository, not
    revoked), else the target branch's."""
    found = last_approved_claim(root, path, current_blob)
    if found is not None:
        commit, item = found
        claim = commit.approval
        raw = git.show_blob(item.blob, cwd=root)
        if claim is not None and raw is not None:
            label = f"第 {claim.stage} 审通过的版本（{claim.name}，提交 {commit.oid[:10]}）"
            return Baseline(item.blob, label, raw.decode("utf-8", "replace"))
    name = f"{TARGET_REF}:{path}"
    blob = git.cat_file_batch_check([name], cwd=root).get(name)
    raw = git.cat_blobs([blob], cwd=root).get(blob) if blob and blob != current_blob else None
    if blob is not None and raw is not None:
        return Baseline(blob, "main 分支上的版本", raw.decode("utf-8", "replace"))
    return None


def _mark_text(html: str, needles: list[tuple[str, bool]]) -> str:
    """``<mark>`` around every occurrence of each needle in the text (not the tags)."""
    wanted = [(esc(n), error) for n, error in needles if n.strip()]
    if not wanted:
        return html
    parts = re.split(r"(<[^>]+>)", html)
    for index, part in enumerate(parts):
        if part.startswith("<"):
            continue
        for needle, _error in wanted:
            part = part.replace(needle, f"<mark>{needle}</mark>")
        parts[index] = part
    return "".join(parts)


def _needles(findings: list[Finding]) -> list[tuple[str, bool]]:
    return [
        (f.match, f.severity == "error")
        for f in findings
        if f.match and f.waived is None and len(f.match) < 60
    ]


def findings_table(findings: list[Finding]) -> str:
    if not findings:
        return "<p>检查没有发现问题。</p>"
    rows = []
    for f in sorted(findings, key=sort_key):
        tag = SEVERITY_ZH[f.severity] + ("（已豁免）" if f.waived is not None else "")
        css = ' class="gm-error"' if f.severity == "error" and f.waived is None else ""
        rows.append(
            f"<tr{css}><td>{f.line}:{f.column}</td><td>{esc(tag)}</td><td>{esc(f.rule)}</td>"
            f"<td>{esc(f.message)}</td><td>{esc(shown_match(f))}</td></tr>"
        )
    return (
        "<table><thead><tr><th>行:列</th><th>级别</th><th>规则</th><th>说明</th>"
        "<th>命中</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )


def source_view(text: str, findings: list[Finding]) -> str:
    """The post's source with line numbers; each finding marked at its line and column."""
    by_line: dict[int, list[Finding]] = {}
    for f in findings:
        if f.waived is None:
            by_line.setdefault(f.line, []).append(f)
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        spans: list[tuple[int, int, Finding]] = []
        for f in sorted(by_line.get(number, []), key=lambda f: f.column):
            start = f.column - 1
            end = start + len(f.match)
            free = all(end <= a or start >= b for a, b, _ in spans)
            if f.match and line[start:end] == f.match and free:
                spans.append((start, end, f))
        cell, pos = "", 0
        for start, end, f in sorted(spans, key=lambda s: s[0]):
            cls = "gm-error" if f.severity == "error" else "gm-warning"
            cell += esc(line[pos:start])
            cell += f'<mark class="{cls}" title="{esc(f.rule)} {esc(f.message)}">'
            cell += esc(line[start:end]) + "</mark>"
            pos = end
        cell += esc(line[pos:])
        if not spans and number in by_line:
            cell = f"<mark>{cell or ' '}</mark>"
        rows.append(f"<tr><td>{number}</td><td><code>{cell}</code></td></tr>")
    return '<table class="gm-src"><tbody>' + "".join(rows) + "</tbody></table>"


def diff_view(baseline: Baseline | None, text: str) -> str:
    if baseline is None:
        return "<p>这是新文章：没有已审核的旧版本可比较。</p>"
    lines = list(
        difflib.unified_diff(
            baseline.text.splitlines(), text.splitlines(), "已审核版本", "当前版本", lineterm=""
        )
    )
    if not lines:
        return f"<p>与{esc(baseline.label)}相同。</p>"
    out = []
    for line in lines[2:]:
        if line.startswith("+"):
            out.append(f"<ins>{esc(line)}</ins>")
        elif line.startswith("-"):
            out.append(f"<del>{esc(line)}</del>")
        else:
            out.append(esc(line))
    return (
        f"<p>对比：{esc(baseline.label)}，版本 <code>{esc(baseline.blob[:10])}</code>。</p>"
        "<pre>" + "\n".join(out) + "</pre>"
    )


def _counter(label: str, length: int, limit: int) -> str:
    css = ' class="gm-over"' if length > limit else ""
    verdict = "超出上限" if length > limit else "未超出"
    return f"<p{css}>{esc(label)}：{length} / {limit} 字（{verdict}）</p>"


def build_page(
    root: Path,
    post: Post,
    text: str,
    findings: list[Finding],
    baseline: Baseline | None,
    *,
    site_url: str,
    asset_prefix: str,
) -> PreviewPage:
    """The preview page; images are copied next to it under ``asset_prefix``."""
    assets: dict[str, bytes] = {}
    local = _asset_copier(root, post, asset_prefix, assets)
    needles = _needles(findings)
    parts = [
        *_head(post, findings),
        '<div class="gm-grid">',
        *_wechat_section(post, needles, site_url=site_url, local=local),
        *_weibo_section(post, needles, site_url=site_url),
        *_app_section(post, needles, site_url=site_url),
        "</div>",
        '<h2 id="source">源文件（问题已标出）</h2>',
        source_view(text, findings),
        '<h2 id="diff">与上次审核版本的差异</h2>',
        diff_view(baseline, text),
        "</body></html>",
    ]
    return PreviewPage("\n".join(parts), assets)


def _asset_copier(
    root: Path, post: Post, asset_prefix: str, assets: dict[str, bytes]
) -> Callable[[str], str | None]:
    """The page's address of an image of ``post``, read into ``assets``; None if the image
    is not a file of the repository or would not be published.

    The page shows the bytes every output takes (``assets.published_image``: what a browser
    draws of the file can differ, an ICC profile left out), each under a name of its own:
    named by the file's name alone, two pictures ``a/tu.png`` and ``b/tu.png`` were one
    file, and the page showed one of them twice (red team, round 38)."""

    def local(src: str) -> str | None:
        rel, reason = resolve_asset(post.path, src)
        if reason or worktree_problem(root, rel):
            return None
        try:
            data = published_image(rel, (root / rel).read_bytes())
        except AssetRefused:
            return None  # not published either; the check's A15-ASSET finding says why
        name = f"{hashlib.sha256(data).hexdigest()[:16]}-{PurePosixPath(rel).name}"
        assets[name] = data
        return f"{asset_prefix}/{name}"

    return local


def _head(post: Post, findings: list[Finding]) -> list[str]:
    """The document's head, the title, the file and its version, and the findings table."""
    errors = sum(f.severity == "error" and f.waived is None for f in findings)
    warnings = sum(f.severity == "warning" and f.waived is None for f in findings)
    return [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>预览：{esc(post.title)}</title>",
        f"<style>{PAGE_STYLE}</style></head><body>",
        f"<h1>预览：{esc(post.title)}</h1>",
        f"<p>文件 <code>{esc(post.path)}</code>，版本 <code>{esc(post.blob[:10])}</code>；"
        f"检查结果：{errors} 个错误，{warnings} 个警告。本页仅供本地查看，不会发布。</p>",
        '<h2 id="findings">检查结果</h2>',
        findings_table(findings),
    ]


def _wechat_section(
    post: Post,
    needles: list[tuple[str, bool]],
    *,
    site_url: str,
    local: Callable[[str], str | None],
) -> list[str]:
    """The WeChat article: its length counters, cover, body and 阅读原文 link."""
    article = render_wechat(post, site_url=site_url, upload=local)
    wechat_body = clean_html(_mark_text(article.content, needles), styles=WECHAT_STYLES)
    cover = local(post.cover) if post.cover else None
    cover_html = (
        f'<img alt="封面" src="{esc(cover)}" style="max-width:100%">'
        if cover
        else "<p>（未设置封面：发布时使用默认封面）</p>"
    )
    read_more = safe_url(article.content_source_url)
    return [
        '<section id="wechat" class="gm-phone"><h2>微信公众号</h2>',
        _counter("标题", len(article.title), TITLE_MAX),
        _counter("摘要", len(article.digest), DIGEST_MAX),
        cover_html,
        f'<h3 class="gm-title">{esc(article.title)}</h3>',
        f"<p>作者：{esc(article.author)}</p>",
        wechat_body,
        (
            f'<p><a href="{esc(read_more)}" rel="noopener noreferrer">阅读原文</a></p>'
            if read_more
            else "<p>（没有阅读原文链接）</p>"
        ),
        "</section>",
    ]


def _weibo_section(post: Post, needles: list[tuple[str, bool]], *, site_url: str) -> list[str]:
    """The Weibo text with its length against the limit."""
    weibo = render_weibo(post, site_url=site_url)
    return [
        '<section id="weibo" class="gm-phone"><h2>微博</h2>',
        _counter("正文长度", status_length(weibo), STATUS_MAX),
        f"<p>{_mark_text(esc(weibo), needles)}</p>",
        "</section>",
    ]


def _app_section(post: Post, needles: list[tuple[str, bool]], *, site_url: str) -> list[str]:
    """The app's JSON Feed item: title, summary and body."""
    item = feed_item(post, site_url=site_url)
    app_body = clean_html(_mark_text(str(item["content_html"]), needles))
    return [
        '<section id="app" class="gm-phone"><h2>客户端（JSON Feed 条目）</h2>',
        f"<h3>{esc(item['title'])}</h3>",
        f"<p>摘要：{esc(item['summary'])}</p>",
        app_body,
        "</section>",
    ]
