"""第十一条 beyond the front matter: long quotes and passages copied between posts."""

from __future__ import annotations

from pipeline.rules.attribution import RepoIndex, detect_quotes

LONG = (
    "要深入推进政务服务标准化、规范化、便利化，加快推进政务服务事项跨区域通办，持续提升政务服务效能，"
    "让企业和群众办事更加方便快捷，各地区各部门要以企业和群众的获得感为标准，完善好差评制度，"
    "推动线上线下深度融合，着力解决办事中的难点堵点问题。"
)
SENTENCE = "近日，呼伦贝尔市推行“跨省通办”专窗服务，为异地办事群众提供代收代办、异地受理等服务。"


def post(title: str, date: str, body: str, *, original: bool = True) -> str:
    flag = "true" if original else "false"
    return f"---\ntitle: {title}\ndate: {date}\noriginal: {flag}\n---\n\n{body}\n"


def test_long_quote_needs_a_source_line() -> None:
    body = f"开头。\n\n> {LONG}\n\n结尾。"
    (d,) = detect_quotes(body, attributed=False)
    assert d.rule == "A11-03" and d.severity == "error"
    assert body[d.start : d.end].startswith("> 要深入推进")


def test_long_quote_with_source_passes() -> None:
    assert detect_quotes(f"> {LONG}\n>\n> ——来源：新华社", attributed=False) == []
    assert detect_quotes(f"来源：呼伦贝尔日报\n\n> {LONG}", attributed=False) == []
    assert detect_quotes(f"> {LONG}", attributed=True) == []


def test_short_quote_needs_no_source() -> None:
    assert detect_quotes("> 珍爱生命，远离毒品。", attributed=False) == []


def test_copied_passage_from_a_repost_is_an_error() -> None:
    index = RepoIndex(None)
    index.add(
        "content/posts/2026/07/a.md", post("跨省通办专窗", "2026-07-01", SENTENCE, original=False)
    )
    (d,) = index.detect(
        "content/posts/2026/08/b.md", "2026-08-01", SENTENCE + "我市也将推行。", attributed=False
    )
    assert d.rule == "A11-04" and d.severity == "error"
    assert "content/posts/2026/07/a.md" in d.message


def test_copied_passage_from_an_own_original_is_a_warning() -> None:
    index = RepoIndex(None)
    index.add("content/posts/2026/07/a.md", post("跨省通办专窗", "2026-07-01", SENTENCE))
    (d,) = index.detect("content/posts/2026/08/b.md", "2026-08-01", SENTENCE, attributed=False)
    assert d.severity == "warning"


def test_copy_with_attribution_or_the_earlier_post_passes() -> None:
    index = RepoIndex(None)
    index.add(
        "content/posts/2026/07/a.md", post("跨省通办专窗", "2026-07-01", SENTENCE, original=False)
    )
    later = ("content/posts/2026/08/b.md", "2026-08-01")
    assert index.detect(*later, "据呼伦贝尔日报报道，" + SENTENCE, attributed=False) == []
    assert index.detect(*later, SENTENCE, attributed=True) == []
    # The earlier post is the original of the passage, not a copy of the later one.
    index.add("content/posts/2026/08/b.md", post("b", "2026-08-01", SENTENCE))
    assert (
        index.detect("content/posts/2026/07/a.md", "2026-07-01", SENTENCE, attributed=False) == []
    )


def test_short_common_sentences_are_not_copies() -> None:
    index = RepoIndex(None)
    index.add("content/posts/2026/07/a.md", post("a", "2026-07-01", "有疑问请拨打12345咨询。"))
    assert (
        index.detect(
            "content/posts/2026/08/b.md", "2026-08-01", "有疑问请拨打12345咨询。", attributed=False
        )
        == []
    )
