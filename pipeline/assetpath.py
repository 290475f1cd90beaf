"""Which local file a post's image or cover path names, or why it names none.

Pure string rules, no filesystem access: the reviewers, ``govmedia check``, the server's
verifier and every reader of post assets judge a path the same way. A path is relative to
the post's folder, stays inside it (no ``..``), is written plainly (no URL encoding, HTML
entity, backslash, query or fragment) and names an image type the archive serves.
"""

from __future__ import annotations

import posixpath
import re

IMAGE_SUFFIXES = frozenset(
    {".png", ".jpg", ".jpeg", ".gif", ".webp"}
)  # no SVG: it can carry script
CONTENT_PREFIX = "content/"
# The largest image any platform takes (WeChat's permanent material; a body image is under
# 1 MB, a cover becomes a 64 KB JPEG): no reader needs more, so none reads more.
IMAGE_MAX_BYTES = 10 * 1024 * 1024
ASSET_RULE = "A15-ASSET"  # findings on what a post pulls in (bound to the 三审 of 第十五条)
ASSET_ARTICLE = "第十五条"

_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")


def _refusal(src: str) -> str:
    """The Chinese reason ``src`` cannot name a local file of the post, or ""."""
    if not src.strip():
        return "路径为空。"
    if _CONTROL_RE.search(src):
        return "路径中含有控制字符或 Markdown 转义（反斜杠转义的字符）：请直接写出文件名。"
    scheme = _SCHEME_RE.match(src)
    if scheme or src.startswith("//"):
        name = scheme.group(0).lower() if scheme else "//"
        if name in ("http:", "https:", "//"):
            return (
                "不支持外部图片：发布流程离线运行，不抓取其他网站的图片（微信与档案站点会删除它），"
                "也无法与审核绑定；请把图片放进文章所在目录，用相对路径引用。"
            )
        if name == "data:":
            return "不支持 data: 内嵌图片：请把图片作为文件放进文章所在目录，用相对路径引用。"
        return f"不支持「{name}」地址：只能用相对文章所在目录的路径引用图片。"
    if "\\" in src:
        return "路径中不得含有反斜杠「\\」：请使用「/」分隔目录。"
    if src.startswith("/"):
        return "不得使用绝对路径：请使用相对文章所在目录的路径。"
    if "%" in src or "&" in src:
        return "路径中不得含有 URL 编码（%xx）或 HTML 实体（&…;）：请直接写出文件名。"
    if "?" in src or "#" in src:
        return "路径中不得带查询参数「?」或锚点「#」。"
    if ".." in src.split("/"):
        return "路径中不得含有「..」：只能引用文章所在目录及其子目录中的文件。"
    suffix = posixpath.splitext(src)[1].lower()
    if suffix not in IMAGE_SUFFIXES:
        allowed = "、".join(sorted(s.lstrip(".") for s in IMAGE_SUFFIXES))
        return f"不是允许的图片类型（只允许 {allowed}；SVG 可携带脚本，不予使用）。"
    return ""


def is_image_path(path: str) -> bool:
    """Whether ``path`` (repository-relative) is an image a post can pull in."""
    return path.startswith(CONTENT_PREFIX) and posixpath.splitext(path)[1].lower() in IMAGE_SUFFIXES


def resolve_asset(post_path: str, src: str) -> tuple[str, str]:
    """``(repo path, "")`` of the file ``src`` names in the post at ``post_path`` (a
    repository-relative POSIX path), or ``("", Chinese reason)`` when it is refused."""
    reason = _refusal(src)
    if reason:
        return "", reason
    folder = posixpath.dirname(post_path)
    path = posixpath.normpath(posixpath.join(folder, src))
    if not path.startswith(CONTENT_PREFIX):
        return "", f"文件 {path} 不在 content/ 目录下。"
    return path, ""
