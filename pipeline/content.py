"""The post model: loading and validating ``content/posts/YYYY/MM/<slug>.md``.

Every problem becomes a :class:`~pipeline.findings.Finding` naming the file, the line
and the field, in Chinese; nothing here raises for bad input.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import content_limits, yamlutil
from pipeline.assetpath import ASSET_ARTICLE, ASSET_RULE, resolve_asset
from pipeline.findings import Finding
from pipeline.lookups import AuthorLookup, ChannelLookup
from pipeline.project import POSTS_DIR, Project

MAX_BYTES = 2 * 1024 * 1024
WECHAT_TITLE_MAX = 32
DIGEST_MAX = 128
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
AUTHOR_RE = re.compile(r"^\s*(?P<name>[^<>]+?)\s*<(?P<email>[^<>\s]+@[^<>\s]+)>\s*$")
LAYOUT_RE = re.compile(r"^content/posts/(?P<year>\d{4})/(?P<month>\d{2})/(?P<file>[^/]+)\.md$")
URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)

KNOWN_FIELDS = {
    "title": "标题",
    "date": "日期",
    "author": "作者",
    "channels": "发布渠道",
    "category": "栏目",
    "tags": "标签",
    "original": "是否原创",
    "source": "来源",
    "digest": "摘要",
    "waivers": "豁免",
    "cover": "封面图",
    "wechat": "微信发送方式",
}
REQUIRED = ("title", "date", "author", "channels")


@dataclass(frozen=True)
class Source:
    name: str
    url: str
    title: str


@dataclass(frozen=True)
class Waiver:
    rule: str
    reason: str
    line: int


@dataclass
class Post:
    path: str  # repository-relative POSIX path
    slug: str
    title: str
    date: dt.date
    author: str
    author_name: str
    author_email: str
    channels: list[str]
    body: str
    body_line: int  # 1-based line of the first body line in the file
    raw: bytes
    category: str = ""
    tags: list[str] = field(default_factory=list)
    original: bool = True
    source: Source | None = None
    digest: str = ""
    cover: str = ""
    waivers: list[Waiver] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)  # front-matter field -> line
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def blob(self) -> str:
        """The git blob id of the file exactly as read (what approvals name)."""
        header = f"blob {len(self.raw)}\0".encode()
        return hashlib.sha1(header + self.raw).hexdigest()

    @property
    def text(self) -> str:
        return self.body

    def line_of(self, key: str) -> int:
        return self.lines.get(key, 1)

    def body_position(self, offset: int) -> tuple[int, int]:
        """(line, column) in the file of character ``offset`` within ``body``."""
        before = self.body[:offset]
        line = self.body_line + before.count("\n")
        column = offset - (before.rfind("\n") + 1) + 1
        return line, column


@dataclass
class LoadResult:
    path: str
    post: Post | None
    findings: list[Finding]


class _Collector:
    def __init__(self, path: str) -> None:
        self.path = path
        self.findings: list[Finding] = []

    def error(
        self,
        line: int,
        rule: str,
        message: str,
        *,
        match: str = "",
        article: str = "",
        column: int = 1,
        unreadable: bool = False,
    ) -> None:
        self.findings.append(
            Finding(
                self.path,
                line,
                column,
                rule,
                article,
                "error",
                message,
                match,
                unreadable=unreadable,
            )
        )

    def warning(
        self, line: int, rule: str, message: str, *, match: str = "", article: str = ""
    ) -> None:
        self.findings.append(Finding(self.path, line, 1, rule, article, "warning", message, match))


def _decode(raw: bytes, out: _Collector) -> str | None:
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


def split_front_matter(text: str, out: _Collector) -> tuple[str, int, str, int] | None:
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
    parts = split_front_matter(text, _Collector(""))
    if parts is None:
        return None, text, 1
    fm_text, fm_line, body, body_line = parts
    try:
        loc = yamlutil.load(fm_text, line_offset=fm_line - 1)
    except yamlutil.YamlSyntaxError:
        return None, body, body_line
    return loc, body, body_line


def _str_field(
    data: dict[str, Any], key: str, loc: yamlutil.Located, out: _Collector
) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        out.error(
            loc.line(key),
            "field-type",
            f"字段 {key}（{KNOWN_FIELDS.get(key, key)}）应为非空文本，实际为「{value!r}」。",
            match=str(value),
        )
        return None
    return value.strip()


def _check_text_fields(data: dict[str, Any], loc: yamlutil.Located, out: _Collector) -> None:
    """Bidi controls, control characters and line breaks in the fields sent as text."""
    for key in ("title", "author", "category", "digest", "tags", "source"):
        value = data.get(key)
        items: list[tuple[tuple[object, ...], str]] = []
        if isinstance(value, str):
            items = [((key,), value)]
        elif isinstance(value, list):
            items = [((key, i), v) for i, v in enumerate(value) if isinstance(v, str)]
        elif isinstance(value, dict):
            items = [((key, k), v) for k, v in value.items() if isinstance(v, str)]
        for path, text in items:
            name = ".".join(str(p) for p in path)
            problem = content_limits.field_problem(name, text.strip(), single_line=key != "digest")
            if problem:
                out.error(
                    loc.line(*path),
                    "field-characters",
                    problem,
                    match=content_limits.visible(text[:40]),
                )


def _str_list(
    data: dict[str, Any], key: str, loc: yamlutil.Located, out: _Collector
) -> list[str] | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        out.error(
            loc.line(key),
            "field-type",
            f"字段 {key}（{KNOWN_FIELDS[key]}）应为列表，例如 [{value}]。",
            match=value,
        )
        return None
    if not isinstance(value, list):
        out.error(
            loc.line(key),
            "field-type",
            f"字段 {key}（{KNOWN_FIELDS[key]}）应为列表。",
            match=str(value),
        )
        return None
    items: list[str] = []
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            out.error(
                loc.line(key, index),
                "field-type",
                f"字段 {key} 的第 {index + 1} 项应为非空文本。",
                match=str(item),
            )
            continue
        items.append(item.strip())
    return items


def parse_post_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
        try:
            return dt.datetime.fromisoformat(text).date()
        except ValueError:
            return None
    return None


def _check_path(rel: str, post_date: dt.date | None, out: _Collector) -> str:
    stem = Path(rel).stem
    match = LAYOUT_RE.match(rel)
    if not match:
        out.error(
            1,
            "path-layout",
            f"文章应放在 {POSTS_DIR}/YYYY/MM/<slug>.md，实际路径为 {rel}。",
            match=rel,
        )
    if ".." in stem or "/" in stem or "\\" in stem or not SLUG_RE.match(stem):
        out.error(
            1,
            "slug-invalid",
            "文件名（slug，决定文章的永久网址）只能由小写字母、数字和单个连字符组成，"
            "不得包含「..」、路径分隔符、空格或中文。",
            match=stem,
        )
    if (
        match
        and post_date is not None
        and (int(match["year"]) != post_date.year or int(match["month"]) != post_date.month)
    ):
        out.warning(
            1,
            "path-date",
            f"文章日期 {post_date.isoformat()} 与所在目录 {match['year']}/{match['month']} 不一致。",
            match=rel,
        )
    return stem


def parse_post(
    rel: str,
    raw: bytes,
    *,
    registry: ChannelLookup | None = None,
    roster: AuthorLookup | None = None,
    project: Project | None = None,
) -> LoadResult:
    """Validate one post's bytes. ``rel`` is its repository-relative path.

    ``project`` is accepted for callers' sake; the files a post pulls in are checked by
    ``pipeline.asset_check`` (never followed through symlinks), not here."""
    out = _Collector(rel)
    if len(raw) > MAX_BYTES:
        out.error(
            1,
            "file-too-large",
            f"文件过大（{len(raw)} 字节，上限 {MAX_BYTES} 字节）。",
            unreadable=True,
        )
        return LoadResult(rel, None, out.findings)
    if not raw.strip(b" \t\r\n\xef\xbb\xbf"):
        out.error(
            1, "file-empty", "文件为空：文章需要 front matter（标题、日期、作者、渠道）和正文。"
        )
        return LoadResult(rel, None, out.findings)
    if b"\0" in raw[:8192]:
        out.error(
            1,
            "file-binary",
            "这是二进制文件，不是 Markdown 文本（是否把图片或文档误命名为 .md？）。",
            unreadable=True,
        )
        return LoadResult(rel, None, out.findings)
    nul = content_limits.nul_problem(raw)
    if nul is not None:
        out.error(nul.line, nul.rule, nul.message, column=nul.column, unreadable=True)
        return LoadResult(rel, None, out.findings)
    text = _decode(raw, out)
    if text is None:
        return LoadResult(rel, None, out.findings)
    parts = split_front_matter(text, out)
    if parts is None:
        _check_path(rel, None, out)
        return LoadResult(rel, None, out.findings)
    fm_text, fm_line, body, body_line = parts
    for problem in content_limits.body_problems(body, body_line):
        out.error(problem.line, problem.rule, problem.message, column=problem.column)
    try:
        loc = yamlutil.load(fm_text, line_offset=fm_line - 1)
    except yamlutil.YamlSyntaxError as exc:
        out.error(
            exc.line,
            "yaml-syntax",
            f"front matter 的 YAML 语法错误：{exc.problem}",
            column=exc.column,
        )
        return LoadResult(rel, None, out.findings)
    data = loc.data
    if not isinstance(data, dict):
        out.error(fm_line, "front-matter", "front matter 应为「字段: 值」形式的映射。")
        return LoadResult(rel, None, out.findings)
    for key, line in loc.duplicates:
        out.error(line, "field-duplicate", f"字段 {key} 重复出现。", match=key)
    for key in data:
        if key not in KNOWN_FIELDS:
            out.warning(
                loc.line(key),
                "field-unknown",
                f"未知字段「{key}」（拼写错误？已知字段：{'、'.join(KNOWN_FIELDS)}）。",
                match=str(key),
            )
    for key in REQUIRED:
        if data.get(key) is None:
            out.error(
                fm_line, "field-required", f"缺少必填字段 {key}（{KNOWN_FIELDS[key]}）。", match=key
            )

    _check_text_fields(data, loc, out)
    title = _str_field(data, "title", loc, out)
    post_date: dt.date | None = None
    if data.get("date") is not None:
        post_date = parse_post_date(data["date"])
        if post_date is None:
            out.error(
                loc.line("date"),
                "date-invalid",
                "字段 date 不是有效日期，应为 YYYY-MM-DD。",
                match=str(data["date"]),
            )
    slug = _check_path(rel, post_date, out)

    author = _str_field(data, "author", loc, out)
    author_name = author_email = ""
    if author is not None:
        m = AUTHOR_RE.match(author)
        if not m:
            out.error(
                loc.line("author"),
                "field-type",
                "字段 author 应写成「姓名 <邮箱>」，例如「王芳 <wangfang@example.gov.cn>」。",
                match=author,
            )
        else:
            author_name, author_email = m["name"].strip(), m["email"].strip()
            if roster is not None and roster.find(author_name, author_email) is None:
                out.error(
                    loc.line("author"),
                    "author-roster",
                    f"作者不在人员名单 {roster.path} 中（姓名与邮箱须一致）。",
                    match=author,
                    article="第十五条",
                )

    channels = _str_list(data, "channels", loc, out)
    if channels is not None and not channels and "channels" in data:
        out.error(
            loc.line("channels"), "field-required", "字段 channels 不能为空：至少指定一个发布账号。"
        )
    platforms: set[str] = set()
    for index, channel in enumerate(channels or []):
        if registry is not None:
            account = registry.accounts.get(channel)
            if account is None:
                out.error(
                    loc.line("channels", index),
                    "channel-unknown",
                    f"未知的发布渠道「{channel}」：{registry.path} 中没有这个账号 id（已有：{'、'.join(registry.accounts)}）。",
                    match=channel,
                )
            else:
                platforms.add(account.platform)
    if channels and len(set(channels)) != len(channels):
        out.error(loc.line("channels"), "field-duplicate", "字段 channels 中有重复的账号。")

    if title is not None and "wechat" in platforms and len(title) > WECHAT_TITLE_MAX:
        out.error(
            loc.line("title"),
            "title-length",
            f"发往微信公众号的标题不得超过 {WECHAT_TITLE_MAX} 个字符（现为 {len(title)} 个）。",
            match=title,
        )

    category = _str_field(data, "category", loc, out) or ""
    tags = _str_list(data, "tags", loc, out) or []
    original = data.get("original", True)
    if not isinstance(original, bool):
        out.error(
            loc.line("original"),
            "field-type",
            "字段 original 应为 true（原创）或 false（转载）。",
            match=str(original),
        )
        original = True
    digest = ""
    if data.get("digest") is not None:
        digest = _str_field(data, "digest", loc, out) or ""
        if len(digest) > DIGEST_MAX:
            out.error(
                loc.line("digest"),
                "digest-length",
                f"摘要 digest 不得超过 {DIGEST_MAX} 个字符（现为 {len(digest)} 个）。",
                match=digest[:20] + "…",
            )

    source = _parse_source(data, loc, out, original=original, title=title)
    cover = _parse_cover(data, loc, out, rel=rel)
    waivers = _parse_waivers(data, loc, out)

    post: Post | None = None
    if (
        not any(f.severity == "error" for f in out.findings)
        and title
        and post_date
        and author
        and channels
    ):
        post = Post(
            path=rel,
            slug=slug,
            title=title,
            date=post_date,
            author=author,
            author_name=author_name,
            author_email=author_email,
            channels=channels,
            body=body,
            body_line=body_line,
            raw=raw,
            category=category,
            tags=tags,
            original=original,
            source=source,
            digest=digest,
            cover=cover,
            waivers=waivers,
            lines={str(k): loc.line(k) for k in data},
            meta=dict(data),
        )
    return LoadResult(rel, post, out.findings)


def _parse_source(
    data: dict[str, Any],
    loc: yamlutil.Located,
    out: _Collector,
    *,
    original: bool,
    title: str | None,
) -> Source | None:
    raw = data.get("source")
    if raw is None:
        if original is False:
            out.error(
                loc.line("original"),
                "A11-01",
                "转载文章（original: false）必须写明来源 source（name、url、title）。",
                article="第十一条",
            )
        return None
    if not isinstance(raw, dict):
        out.error(loc.line("source"), "field-type", "字段 source 应为映射，包含 name、url、title。")
        return None
    values: dict[str, str] = {}
    for key, label in (("name", "来源名称"), ("url", "原文链接"), ("title", "原文标题")):
        value = raw.get(key)
        if not isinstance(value, str) or not value.strip():
            if original is False:
                out.error(
                    loc.line("source", key) if key in raw else loc.line("source"),
                    "A11-01",
                    f"转载文章的来源缺少 source.{key}（{label}）。",
                    article="第十一条",
                )
            continue
        values[key] = value.strip()
    if "url" in values and not URL_RE.match(values["url"]):
        out.error(
            loc.line("source", "url"),
            "A11-01",
            "source.url 应为以 http:// 或 https:// 开头的网址。",
            match=values["url"],
            article="第十一条",
        )
    if original is False and title and "title" in values and values["title"] != title:
        out.error(
            loc.line("title"),
            "A11-02",
            "转载文章的标题须与原文标题一致，不得歪曲、篡改标题原意。",
            match=f"{title} ≠ {values['title']}",
            article="第十一条",
        )
    if len(values) == 3:
        return Source(values["name"], values["url"], values["title"])
    if values and original is not False:
        return Source(values.get("name", ""), values.get("url", ""), values.get("title", ""))
    return None


def _parse_cover(data: dict[str, Any], loc: yamlutil.Located, out: _Collector, *, rel: str) -> str:
    """The cover path as written; its file is checked by ``govmedia check`` (assets)."""
    cover = _str_field(data, "cover", loc, out)
    if not cover:
        return ""
    _, reason = resolve_asset(rel, cover)
    if reason:
        out.error(
            loc.line("cover"),
            ASSET_RULE,
            f"封面图 cover「{cover}」不予使用：{reason}",
            match=cover,
            article=ASSET_ARTICLE,
        )
        return ""
    return cover


def _parse_waivers(data: dict[str, Any], loc: yamlutil.Located, out: _Collector) -> list[Waiver]:
    raw = data.get("waivers")
    if raw is None:
        return []
    if not isinstance(raw, list):
        out.error(
            loc.line("waivers"), "field-type", "字段 waivers 应为列表，每项包含 rule 与 reason。"
        )
        return []
    waivers: list[Waiver] = []
    for index, item in enumerate(raw):
        line = loc.line("waivers", index)
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("rule"), str)
            or not item["rule"].strip()
        ):
            out.error(line, "waiver-invalid", "豁免项应写明 rule（规则编号）与 reason（理由）。")
            continue
        reason = item.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            out.error(
                line,
                "waiver-reason",
                f"豁免规则 {item['rule']} 没有写明理由 reason：豁免必须说明理由，供审核人判断。",
                match=item["rule"],
            )
            continue
        waivers.append(Waiver(item["rule"].strip(), reason.strip(), line))
    return waivers


def read_post(
    project: Project,
    path: Path,
    *,
    registry: ChannelLookup | None = None,
    roster: AuthorLookup | None = None,
) -> LoadResult:
    """Read and validate the post at ``path`` (absolute, or relative to the project root)."""
    if not path.is_absolute():
        path = project.root / path
    rel = project.rel(path)
    out = _Collector(rel)
    root = project.root.resolve()
    try:
        real = path.resolve()
    except OSError as exc:
        out.error(1, "file-unreadable", f"无法读取文件：{exc.strerror}。", unreadable=True)
        return LoadResult(rel, None, out.findings)
    if real != root and root not in real.parents:
        kind = "符号链接指向" if path.is_symlink() else "路径位于"
        out.error(1, "path-outside", f"{kind}仓库之外，出于安全考虑不予读取。", unreadable=True)
        return LoadResult(rel, None, out.findings)
    if not real.is_file():
        out.error(1, "file-unreadable", "文件不存在或不是普通文件。", unreadable=True)
        return LoadResult(rel, None, out.findings)
    try:
        size = real.stat().st_size
        if size > MAX_BYTES:
            out.error(
                1,
                "file-too-large",
                f"文件过大（{size} 字节，上限 {MAX_BYTES} 字节）。",
                unreadable=True,
            )
            return LoadResult(rel, None, out.findings)
        raw = real.read_bytes()
    except OSError as exc:
        out.error(1, "file-unreadable", f"无法读取文件：{exc.strerror}。", unreadable=True)
        return LoadResult(rel, None, out.findings)
    rel = project.rel(real) if path.is_symlink() else rel
    return parse_post(rel, raw, registry=registry, roster=roster, project=project)


def iter_post_files(project: Project) -> list[Path]:
    """Every ``*.md`` under ``content/posts`` (symlinks included, so they get checked)."""
    if not project.posts_dir.is_dir():
        return []
    return sorted(p for p in project.posts_dir.rglob("*.md") if p.is_file() or p.is_symlink())


def load_posts(
    project: Project,
    paths: Iterable[Path] | None = None,
    *,
    registry: ChannelLookup | None = None,
    roster: AuthorLookup | None = None,
) -> list[LoadResult]:
    files = list(paths) if paths is not None else iter_post_files(project)
    return [read_post(project, p, registry=registry, roster=roster) for p in files]
