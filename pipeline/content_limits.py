"""What the renderers and platforms cannot take, refused when a post is checked.

A post that passes ``govmedia check`` must render on every run: a NUL byte, a bidi override
or a line break in a title, or Markdown nested deeper than the renderers can follow (a
1,000-level list exhausts Python-Markdown's recursion; thousands of nested ``*`` crash
css-inline's HTML parser) are refused here, with the line, before anyone approves them.
Everything here is a plain scan of the text: no Markdown library is needed to refuse.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from itertools import islice

# Nesting the renderers follow comfortably; real posts rarely pass 4.
MAX_LIST_DEPTH = 10
MAX_QUOTE_DEPTH = 10
MAX_EMPHASIS_RUN = 6  # ``******`` is already bold italic twice over
MAX_EMPHASIS_MARKS = 1000  # ``*`` and ``_`` delimiters in one paragraph
MAX_EMPHASIS_DEPTH = 12
# Blank lines in a body: Markdown's block parser takes each block off the front of a list,
# so its time grows with the square of their number (a 2 MB body of blank lines or of
# one-character paragraphs took minutes). A real post has a few hundred.
MAX_BLANK_LINES = 10_000

# Right-to-left/left-to-right embeddings, overrides and isolates ("Trojan Source"): they make
# a title or a sentence read differently from the characters it holds.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
BIDI_MARKS = frozenset("\u200e\u200f\u061c")

_LIST_MARKER = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
# Characters that ``field_problem`` refuses: control characters (category Cc), line and
# paragraph separators, bidi controls and marks. A value without any of them passes.
_SUSPECT_CLASS = "[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]"
_FIELD_SUSPECT = re.compile(_SUSPECT_CLASS)  # the gate of ``field_problem``
_SHOWN = re.compile(_SUSPECT_CLASS)  # what ``shown`` escapes and ``unseen`` drops
# A line whose quote markers, indentation and list markers could nest deeper than the
# limits: a quote level takes one ``>``, a list level four columns of indentation (a tab
# at most four) or one marker, and all of them are among these characters at the line's
# start. Shorter starts cannot reach ``MAX_QUOTE_DEPTH`` or ``MAX_LIST_DEPTH``.
_DEEP_START = re.compile(
    rf"^[ \t>*+\-.)0-9]{{{min(MAX_QUOTE_DEPTH, MAX_LIST_DEPTH) + 1},}}", re.MULTILINE
)
_QUOTE = re.compile(r"[ ]{0,3}>[ ]?")
_RUN = re.compile(r"[*_]+")
_LONG_RUN = re.compile(rf"[*_]{{{MAX_EMPHASIS_RUN + 1},}}")
_BLANK_LINE = re.compile(r"^[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Problem:
    """Something in a post the renderers or platforms cannot take, with its place."""

    line: int
    column: int
    rule: str
    message: str
    match: str = ""


def nul_problem(raw: bytes) -> Problem | None:
    """The first NUL byte of the file, wherever it is (line and column)."""
    at = raw.find(b"\0")
    if at < 0:
        return None
    line = raw.count(b"\n", 0, at) + 1
    column = at - (raw.rfind(b"\n", 0, at) + 1) + 1
    return Problem(
        line,
        column,
        "file-nul",
        f"第 {line} 行第 {column} 列有 NUL 字节（\\0）：文章应为纯文本，请删除该字符。",
    )


# Characters a terminal obeys rather than shows: ESC and the C1 controls (the introducers of
# every control sequence; a UTF-8 terminal such as xterm reads U+009B as CSI), the other C0
# controls (a backspace overstrikes the character before it, in ``less`` too) and a carriage
# return not ending a line. ``git diff`` pages through ``less -R``, which passes colour
# sequences on, so text between ``ESC[8m`` and ``ESC[0m`` is not on the reviewer's screen
# while every platform shows it. A tab and a line end (LF, CRLF) are text.
_TERMINAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")


def terminal_problem(text: str, first_line: int) -> Problem | None:
    """The first character of ``text`` (its line ends as written) a terminal obeys rather
    than shows, with its line and column, or None."""
    match = _TERMINAL.search(text)
    if match is None:
        return None
    at = match.start()
    line = first_line + text.count("\n", 0, at)
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    return Problem(
        line,
        column,
        "body-control",
        f"第 {line} 行第 {column} 列有控制字符 {_describe(match.group()[0])}：终端会据此隐藏、覆盖或"
        "变色其前后的文字，审核人在 git diff 中看到的可能不是发布的内容，请删除该字符。",
    )


def _describe(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}{f' {name}' if name else ''}"


def field_problem(key: str, value: str, *, single_line: bool = True) -> str | None:
    """Why a front matter text field cannot be sent as it is, or None.

    Bidi controls are refused in every field; line breaks and other control characters in
    single-line fields (a title is one line on every platform)."""
    if not _FIELD_SUSPECT.search(value):
        return None
    for char in value:
        if char in BIDI_CONTROLS or char in BIDI_MARKS:
            return (
                f"字段 {key} 含有不可见的文字方向控制字符 {_describe(char)}，"
                "它会让标题显示得与实际内容不同，请删除。"
            )
        if char in "\n\r\u2028\u2029\x85" and single_line:
            return f"字段 {key} 含有换行，应写在一行内。"
        if unicodedata.category(char) == "Cc" and char not in "\n\t":
            return f"字段 {key} 含有控制字符 {_describe(char)}，请删除。"
    return None


def visible(text: str) -> str:
    """``text`` with invisible and control characters shown as ``\\uXXXX`` escapes."""
    return "".join(
        c if c.isprintable() and c not in BIDI_CONTROLS | BIDI_MARKS else f"\\u{ord(c):04x}"
        for c in text
    )


def shown(text: str) -> str:
    """``text`` with every character ``field_problem`` refuses (control characters, line and
    paragraph separators, bidi controls and marks) written as a ``\\uXXXX`` escape: what a
    stranger wrote (a platform's answer, a citizen's comment) shown on a terminal, in a log
    or an alert can then neither erase a line, hide a link nor read backwards."""
    return _SHOWN.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def shown_lines(text: str) -> str:
    """``text`` shown line by line: its line breaks kept, every other character ``shown``
    escapes written as an escape (a message that quotes names others chose, printed whole)."""
    return "\n".join(shown(line) for line in text.split("\n"))


def unseen(text: str) -> str:
    """``text`` without the characters ``shown`` escapes: the words a reader of the shown
    text makes out (what a check of a stranger's text must read)."""
    return _SHOWN.sub("", text)


def _quote_depth(line: str) -> tuple[int, str]:
    depth = 0
    while True:
        m = _QUOTE.match(line)
        if not m:
            return depth, line
        depth += 1
        line = line[m.end() :]


def _list_depth(line: str) -> int:
    """Nesting of list items on one line: its indentation (4 columns a level, as
    Python-Markdown reads it) plus the list markers that open on the same line."""
    expanded = line.expandtabs(4)
    stripped = expanded.lstrip(" ")
    depth = (len(expanded) - len(stripped)) // 4
    rest = stripped
    markers = 0
    while True:
        m = _LIST_MARKER.match(rest)
        if not m:
            break
        markers += 1
        rest = rest[m.end() :]
    return depth + markers if markers else 0


def _emphasis_depth(text: str) -> int:
    """How deep ``*``/``_`` emphasis nests in a paragraph, as a delimiter stack reads it: a
    run after a space opens, a run before a space closes, a run between letters (common in
    Chinese) closes an open run of its character or else opens one."""
    stack: list[str] = []
    deepest = 0
    for run in re.finditer(r"\\.|[*_]+", text):
        token = run.group()
        if token.startswith("\\"):
            continue
        before = text[run.start() - 1] if run.start() else " "
        after = text[run.end()] if run.end() < len(text) else " "
        opens, closes = after.strip() != "", before.strip() != ""
        if closes and (not opens or (stack and stack[-1] == token[0])):
            if token[0] in stack:
                while stack and stack.pop() != token[0]:
                    pass
        elif opens:
            stack.append(token[0])
            deepest = max(deepest, len(stack))
    return deepest


def _emphasis(paragraph: list[tuple[int, str]]) -> Problem | None:
    marks = 0
    for number, text in paragraph:
        for run in re.finditer(r"[*_]+", text):
            if len(run.group()) > MAX_EMPHASIS_RUN:
                return Problem(
                    number,
                    run.start() + 1,
                    "render-emphasis",
                    f"连续 {len(run.group())} 个强调符号（* 或 _），超过 {MAX_EMPHASIS_RUN} 个，"
                    "平台排版无法处理；如需显示星号请写成 \\*。",
                    run.group()[:20],
                )
            marks += len(run.group())
    text = "\n".join(line for _, line in paragraph)
    depth = _emphasis_depth(text)
    if marks > MAX_EMPHASIS_MARKS or depth > MAX_EMPHASIS_DEPTH:
        return Problem(
            paragraph[0][0],
            1,
            "render-emphasis",
            f"段落中的强调（* 或 _）嵌套 {depth} 层、共 {marks} 个符号，超过上限"
            f"（{MAX_EMPHASIS_DEPTH} 层、{MAX_EMPHASIS_MARKS} 个），平台排版无法处理；"
            "请拆分段落或把星号写成 \\*。",
        )
    return None


def body_problems(body: str, body_line: int) -> list[Problem]:
    """Nesting and sizes of the body that the renderers cannot take (first of each kind)."""
    found = scan_body(body, body_line) if _may_exceed(body) else []
    if body.count("\n") > MAX_BLANK_LINES:
        blank = sum(1 for _ in islice(_BLANK_LINE.finditer(body), MAX_BLANK_LINES + 1))
        if blank > MAX_BLANK_LINES:
            found.append(
                Problem(
                    body_line,
                    1,
                    "render-blocks",
                    f"正文空行超过 {MAX_BLANK_LINES} 个（分段过多），平台排版无法处理：请删除多余的空行。",
                )
            )
    return found


def scan_body(body: str, body_line: int) -> list[Problem]:
    """:func:`body_problems`, every line scanned (what the counting short cut stands for)."""
    found: dict[str, Problem] = {}
    paragraph: list[tuple[int, str]] = []
    fenced = False
    for index, line in enumerate(body.split("\n")):
        number = body_line + index
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if fenced:
            continue
        depth, rest = _quote_depth(line)
        if depth > MAX_QUOTE_DEPTH and "quote" not in found:
            found["quote"] = Problem(
                number,
                1,
                "render-nesting",
                f"引用（>）嵌套 {depth} 层，超过上限 {MAX_QUOTE_DEPTH} 层，平台排版无法处理。",
            )
        lists = _list_depth(rest)
        if lists > MAX_LIST_DEPTH and "list" not in found:
            found["list"] = Problem(
                number,
                1,
                "render-nesting",
                f"列表嵌套约 {lists} 层，超过上限 {MAX_LIST_DEPTH} 层，平台排版无法处理。",
            )
        if rest.strip():
            paragraph.append((number, rest))
            continue
        if "emphasis" not in found and (problem := _emphasis(paragraph)):
            found["emphasis"] = problem
        paragraph = []
    if "emphasis" not in found and (problem := _emphasis(paragraph)):
        found["emphasis"] = problem
    return sorted(found.values(), key=lambda p: p.line)


def _may_exceed(body: str) -> bool:
    """False when no limit of :func:`body_problems` can be reached, decided over the whole
    body (fenced code only removes lines from what is checked): no run of ``*``/``_``
    longer than allowed, no more marks than a paragraph may hold, fewer runs than the
    nesting limit (each level opens one), and no line that starts deep enough."""
    if "*" in body or "_" in body:
        if _LONG_RUN.search(body) or body.count("*") + body.count("_") > MAX_EMPHASIS_MARKS:
            return True
        if len(_RUN.findall(body)) > MAX_EMPHASIS_DEPTH:
            return True
    return _DEEP_START.search(body) is not None


def html_depth(html: str) -> int:
    """The deepest element nesting of an HTML fragment (a plain scan, never recursion)."""
    depth = deepest = 0
    for m in re.finditer(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>", html):
        closing, name, selfclosing = m.groups()
        if name.lower() in _VOID or selfclosing:
            continue
        depth = max(0, depth - 1) if closing else depth + 1
        deepest = max(deepest, depth)
    return deepest


_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
MAX_HTML_DEPTH = 64
