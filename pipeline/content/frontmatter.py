"""A post's text cut into its YAML front matter and its Markdown body."""

from __future__ import annotations

from pipeline import yamlutil
from pipeline.content.collector import Collector
from pipeline.content.plain_matter import read_plain


def decode(raw: bytes, out: Collector) -> str | None:
    """The UTF-8 text of ``raw`` (byte-order mark dropped, line ends made ``\\n``)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        out.error(
            line,
            "file-encoding",
            f"文件不是有效的 UTF-8 编码（第 {exc.start + 1} 字节 0x{raw[exc.start]:02x} 无法解码）；"
            "请以 UTF-8 保存。",
            column=column,
            unreadable=True,
        )
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_front_matter(text: str, out: Collector) -> tuple[str, int, str, int] | None:
    """Return (front matter, its first line, body, body's first line)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        out.error(
            1,
            "front-matter",
            "缺少 front matter：文件第一行应为「---」，其后是 YAML 字段，再以「---」结束。",
        )
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            fm = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            return fm, 2, body, index + 2
    out.error(1, "front-matter", "front matter 没有结束：找不到结束它的「---」行。")
    return None


def post_parts(text: str) -> tuple[yamlutil.Located | None, str, int]:
    """(front matter, body, body's first line) of a post's decoded text, for readers that
    need only those (never raises): the front matter is None when it is missing or broken,
    and the body is then the whole text."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    parts = split_front_matter(text, Collector(""))
    if parts is None:
        return None, text, 1
    fm_text, fm_line, body, body_line = parts
    try:
        loc = _load(fm_text, fm_line)
    except yamlutil.YamlSyntaxError:
        return None, body, body_line
    return loc, body, body_line


def _load(fm_text: str, fm_line: int) -> yamlutil.Located:
    """The front matter with positions: the common shape read directly, anything else (and
    every error) by the YAML loader."""
    return read_plain(fm_text, fm_line - 1) or yamlutil.load(fm_text, line_offset=fm_line - 1)


def load_mapping(fm_text: str, fm_line: int, out: Collector) -> yamlutil.Located | None:
    """The front matter loaded as YAML, when it is a ``field: value`` mapping."""
    try:
        loc = _load(fm_text, fm_line)
    except yamlutil.YamlSyntaxError as exc:
        out.error(
            exc.line,
            "yaml-syntax",
            f"front matter 的 YAML 语法错误：{exc.problem}",
            column=exc.column,
        )
        return None
    if not isinstance(loc.data, dict):
        out.error(fm_line, "front-matter", "front matter 应为「字段: 值」形式的映射。")
        return None
    return loc
