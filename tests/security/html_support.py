"""The XSS battery of the HTML tests and a detector of live script in produced HTML.

Every payload calls ``alert(1337)`` (or carries ``1337``) so that the detector can tell
the attacker's markup from the theme's own assets. Displayed text is harmless: only
elements, attributes and URLs are judged, as a browser would parse them.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

MARK = "1337"

PAYLOADS = (
    "<script>alert(1337)</script>",
    "<SCRIPT SRC=https://evil.example/1337.js></SCRIPT>",
    "[a](javascript:alert(1337))",
    "[b](JaVaScRiPt:alert(1337))",
    "[c](&#106;avascript:alert(1337))",
    "[d](&#x6A;&#x61;vascript&colon;alert(1337))",
    "[e](java&#x09;script:alert(1337))",
    "[f](\u200bjavascript:alert(1337))",
    "[g](data:text/html;base64,PHNjcmlwdD5hbGVydCgxMzM3KTwvc2NyaXB0Pg==)",
    "[h](vbscript:msgbox(1337))",
    "[i]( javascript:alert(1337) )",
    "![j](x.png){onerror=alert(1337)}",
    "![k](javascript:alert(1337))",
    '段落 {: onclick="alert(1337)" }',
    '段落 {: style="background:url(javascript:alert(1337))" }',
    "[l](https://example.gov.cn/){: onmouseover=alert(1337) }",
    "<svg onload=alert(1337)>",
    "<svg><script>alert(1337)</script></svg>",
    '<iframe src="javascript:alert(1337)"></iframe>',
    '<iframe srcdoc="<script>alert(1337)</script>"></iframe>',
    "<style>body{background:url(javascript:alert(1337))}</style>",
    '<form action="javascript:alert(1337)"><button formaction=javascript:alert(1337)>x</button></form>',
    "<img src=x onerror=alert(1337)>",
    '<a href="jav&#x0A;ascript:alert(1337)">m</a>',
    '<math><mi xlink:href="javascript:alert(1337)">n</mi></math>',
    '<object data="javascript:alert(1337)"></object>',
    '<embed src="javascript:alert(1337)">',
    '<base href="javascript:alert(1337)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1337)">',
    "<details open ontoggle=alert(1337)>",
    "\u202e<img src=x onerror=alert(1337)>",
    '<a href="https://example.gov.cn/" onclick="alert(1337)">o</a>',
    "<!--<img src=x onerror=alert(1337)>-->",
    '<p style="behavior:url(#default#1337)">p</p>',
)

FORBIDDEN_TAGS = {
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "form",
    "svg",
    "math",
    "base",
    "meta",
    "link",
    "frame",
    "frameset",
    "template",
}
# What the theme and our own charts use on a whole page (judged by their attributes).
THEME_TAGS = {"script", "style", "link", "meta", "svg", "form"}
NAVIGATION_RELS = {"canonical", "prev", "next"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"}
SAFE_URL = re.compile(r"^(?:https?:|mailto:|tel:|#|\.{0,2}/|[^:/?#]*(?:[/?#]|$))", re.I)


def _as_written(tag: str, name: str, values: dict[str, str]) -> bool:
    """A theme's attribute that shows a post's field as written since round 39, where
    nothing runs or loads: a link to a page of the site (canonical, previous, next) whose
    path holds a category's words, the description (no ``http-equiv``) holding the digest."""
    if tag == "link":
        return name == "href" and values.get("rel") in NAVIGATION_RELS
    description = values.get("name") == "description" and "http-equiv" not in values
    return tag == "meta" and name == "content" and description


class _Finder(HTMLParser):
    def __init__(self, *, theme: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.theme = theme  # a whole page: the theme's own scripts and styles are allowed
        self.found: list[str] = []
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag in FORBIDDEN_TAGS:
            marked = [v for n, v in values.items() if MARK in v and not _as_written(tag, n, values)]
            own = self.theme and tag in THEME_TAGS and not marked
            if not own:
                self.found.append(f"<{tag}>")
        self._open.append(tag)
        for name, value in values.items():
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            if name == "srcdoc":
                self.found.append(f"<{tag} srcdoc>")
            if name == "style" and MARK in value:
                self.found.append(f"<{tag} style>")
            if name in URL_ATTRIBUTES:
                cleaned = re.sub(r"[\x00-\x20\u200b-\u200f\u2028-\u202e\ufeff]", "", value)
                if not SAFE_URL.match(cleaned):
                    self.found.append(f"<{tag} {name}={value[:40]!r}>")

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1] in ("script", "style") and MARK in data:
            self.found.append(f"<{self._open[-1]}>{MARK}")


def live_script(html: str, *, theme: bool = False) -> list[str]:
    """What in ``html`` a browser would run or load from the attacker (empty when safe)."""
    finder = _Finder(theme=theme)
    finder.feed(html)
    finder.close()
    return finder.found


def hostile_body() -> str:
    return "\n\n".join(PAYLOADS) + "\n"
