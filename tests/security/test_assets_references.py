"""``referenced_files``: every local file a post pulls in, refused paths flagged (pure)."""

from __future__ import annotations

import pytest

from pipeline.assetpath import resolve_asset
from pipeline.references import Reference, referenced_files
from tests.post_support import POST, post_source

FOLDER = "content/posts/2026/11"


def refs(body: str, **front: str) -> list[Reference]:
    return referenced_files(POST, post_source(body, **front))


def one(body: str) -> Reference:
    found = refs(body)
    assert len(found) == 1, found
    return found[0]


def test_markdown_image_resolved_with_line_and_field() -> None:
    ref = one("第一段。\n\n![大厅照片](images/hall.png)")
    assert ref == Reference("images/hall.png", f"{FOLDER}/images/hall.png", 10, "body")
    assert ref.ok


def test_markdown_image_with_title_and_dot_segment() -> None:
    ref = one('![图](./images/a.jpg "标题")')
    assert ref.path == f"{FOLDER}/images/a.jpg" and ref.ok


def test_html_img_in_the_body_is_a_reference() -> None:
    found = refs('<p><img src="images/b.png" alt="x"></p>\n\n文字 <IMG SRC=\'images/c.webp\'> 文字')
    assert [r.path for r in found] == [f"{FOLDER}/images/b.png", f"{FOLDER}/images/c.webp"]
    assert [r.line for r in found] == [8, 10]


def test_reference_style_image_points_at_its_definition_line() -> None:
    found = refs("![图一][logo]\n\n正文。\n\n[logo]: images/logo.png")
    assert [(r.path, r.line) for r in found] == [(f"{FOLDER}/images/logo.png", 12)]


def test_cover_from_front_matter_comes_first() -> None:
    found = refs("![图](images/hall.png)", cover="images/cover.png")
    assert [(r.field, r.path, r.line) for r in found] == [
        ("cover", f"{FOLDER}/images/cover.png", 6),
        ("body", f"{FOLDER}/images/hall.png", 9),
    ]


def test_cover_that_is_not_text_is_refused() -> None:
    (cover,) = refs("正文", cover="[a.png]")
    assert cover.field == "cover" and not cover.ok and cover.path == ""


def test_same_image_twice_is_listed_once() -> None:
    assert len(refs("![a](images/x.png)\n\n![b](images/x.png)")) == 1


def test_footnote_image_the_platforms_render_is_listed() -> None:
    found = refs("正文[^1]\n\n[^1]: ![注](images/note.png)")
    assert [r.path for r in found] == [f"{FOLDER}/images/note.png"]


def test_links_and_code_are_not_references() -> None:
    body = "[附件](files/a.pdf)\n\n`![x](images/no.png)`\n\n    ![y](images/no2.png)"
    assert refs(body) == []


def test_broken_front_matter_still_lists_body_images() -> None:
    found = referenced_files(POST, "---\ntitle: [\n---\n\n![a](../x.png)\n")
    assert [(r.src, r.ok) for r in found] == [("../x.png", False)]


def test_crlf_and_bom_are_read_like_the_content_model() -> None:
    raw = "\ufeff" + post_source("![a](images/x.png)", cover="images/c.png").replace("\n", "\r\n")
    found = referenced_files(POST, raw)
    assert [(r.field, r.line) for r in found] == [("cover", 6), ("body", 9)]


@pytest.mark.parametrize(
    ("src", "word"),
    [
        ("../../../roster.png", ".."),
        ("../11/images/x.png", ".."),
        ("images/../../x.png", ".."),
        ("/etc/passwd.png", "绝对路径"),
        ("images\\..\\..\\x.png", "反斜杠"),
        ("%2e%2e/%2e%2e/x.png", "URL 编码"),
        ("images/%2E%2E%2Fx.png", "URL 编码"),
        ("&#46;&#46;/x.png", "HTML 实体"),
        ("https://cdn.example.com/x.png", "外部图片"),
        ("//cdn.example.com/x.png", "外部图片"),
        ("data:image/png;base64,AAAA", "data:"),
        ("file:///etc/passwd", "file:"),
        ("images/x.svg", "图片类型"),
        ("images/notes.md", "图片类型"),
        ("images/x.png?v=2", "查询参数"),
        ("", "为空"),
    ],
)
def test_refused_paths(src: str, word: str) -> None:
    path, reason = resolve_asset(POST, src)
    assert path == "" and word in reason


@pytest.mark.parametrize(
    "body",
    [
        "![a](../../../accounts.png)",
        '<img src="../../x.png">',
        '<img src="&#46;&#46;/&#46;&#46;/x.png">',
        "![a][r]\n\n[r]: ../x.png",
        "![a](%2e%2e/x.png)",
    ],
)
def test_traversal_in_every_syntax_is_flagged(body: str) -> None:
    found = refs(body)
    assert found and all(not r.ok and r.path == "" and r.reason for r in found), found


def test_a_post_outside_content_resolves_nothing() -> None:
    assert resolve_asset("other/x.md", "images/a.png") == (
        "",
        "文件 other/images/a.png 不在 content/ 目录下。",
    )


def test_pure_and_deterministic() -> None:
    body = '![a](images/x.png)\n\n<img src="images/y.png">'
    assert refs(body) == refs(body)


MIXED = """![a](images/a.png) ![b][r] <img src="images/c.png"> ![d](images/d\\_e.png)

正文[^1] <span><img src='images/f.gif'></span>

[r]: images/b.jpg
[^1]: ![注](images/g.webp)

```
![代码](images/not-an-image.png)
```
"""


def test_every_source_a_renderer_reads_is_listed() -> None:
    """Whatever the archive or WeChat renderer asks for, the inventory has (so readers that
    look sources up in it never read anything else)."""
    from pipeline.content import parse_post
    from pipeline.platforms.render_wechat import render_wechat
    from pipeline.site.sanitize import render_body

    listed = {r.src for r in refs(MIXED) if r.field == "body"}
    site: list[str] = []
    render_body(MIXED, lambda src: site.append(src) or None)
    wechat: list[str] = []
    post = parse_post(POST, post_source(MIXED).encode()).post
    assert post is not None
    render_wechat(post, site_url="https://gov.example.cn/", upload=lambda s: wechat.append(s))
    assert set(site) <= listed and set(wechat) <= listed
    assert {"images/a.png", "images/b.jpg", "images/g.webp"} <= set(site)
    assert "images/g.webp" in wechat and "images/not-an-image.png" not in listed
    # raw HTML is text on every renderer since round 39; its files stay listed (reviewed)
    assert {"images/c.png", "images/f.gif"} <= listed - set(site) - set(wechat)
