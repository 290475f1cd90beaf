"""The quick loading path of posts gives what the full one gives, finding for finding.

Loading a post has short cuts (issue 17, corpus throughput): the common front matter read
without the YAML composer (``content/plain_matter.py``), the body limits skipped when
counting proves none can be reached and a field's characters scanned only when one is
suspect (``content_limits``), and a folder's real path resolved once per run
(``content.PostReader``). Each test here turns the short cuts off and compares: the same
findings (file, line, column, rule, message) and the same posts, on the sample content,
on malformed posts (those of ``tests/badinput`` and more) and on generated documents.
"""

from __future__ import annotations

import random
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
import yaml

from pipeline import content, content_limits, yamlutil
from pipeline.config import load_unit_config
from pipeline.content import frontmatter, plain_matter
from pipeline.content.collector import Collector
from pipeline.content.load import PostReader
from pipeline.project import Project
from tests.badinput.support import alias_bomb, front
from tests.check_support import grow_repo
from tests.conftest import SAMPLE_CONTENT

POSTS = "content/posts/2026/03"
AUTHOR = "刘洋 <liuyang@example.gov.cn>"
MALFORMED: dict[str, str | bytes] = {
    "nul.md": (front() + "正文。\n" * 4000 + "坏\0字\n").encode(),
    "bidi.md": front(title='"通知\u202e知通"') + "正文\n",
    "newline.md": front(title='"第一行\\n第二行"') + "正文\n",
    "deep-list.md": front() + "\n".join("    " * i + "- 项" for i in range(40)) + "\n",
    "stars.md": front() + "*强 " * 300 + " 调*" * 300 + "\n",
    "long-run.md": front() + "这是*******七个星号\n",
    "quote.md": front() + ">" * 30 + " 引用\n",
    "bomb.md": front(extra=alias_bomb()) + "正文\n",
    "duplicate.md": front(extra="title: 又一个标题\n") + "正文\n",
    "missing.md": "---\ntitle: 缺字段\n---\n正文\n",
    "types.md": "---\ntitle: 123\ndate: 昨天\nauthor: 无邮箱\nchannels: wechat\ntags: 标签\n"
    "original: 也许\ndigest: [a]\n---\n正文\n",
    "unknown.md": front(extra="colour: 红\n") + "正文\n",
    "nulls.md": "---\ntitle: ~\ndate: null\nauthor:\nchannels: []\n---\n正文\n",
    "comment.md": "---\n# 注释\ntitle: 标题 # 尾注\ndate: 2026-03-11\n"
    f"author: {AUTHOR}\nchannels: [wechat]\n---\n正文\n",
    "quoted.md": "---\ntitle: \"引号：标题\"\ndate: '2026-03-11'\n"
    f"author: '{AUTHOR}'\nchannels: ['wechat', \"weibo\"]\n---\n正文\n",
    "block-list.md": f"---\ntitle: 标题\ndate: 2026-03-11\nauthor: {AUTHOR}\nchannels:\n"
    "  - wechat\n  - nosuch\ntags:\n- 缩进\n---\n正文\n",
    "repost.md": front(extra="original: false\nsource:\n  name: 日报\n  url: ftp://x\n") + "正文\n",
    "repost-ok.md": front(
        extra="original: false\nsource:\n  name: 日报\n  url: https://a.example/1\n"
        "  title: 测试文章\n"
    )
    + "正文\n",
    "tabs.md": front(extra="category:\t栏目\n") + "正文\n",
    "crlf-bom.md": ("\ufeff" + front()).replace("\n", "\r\n").encode() + "正文\r\n".encode(),
    "bad-utf8.md": front().encode() + b"\xff\xfe\n",
    "empty.md": "",
    "binary.md": b"\x89PNG\r\n\x1a\n\0\0",
    "unclosed.md": "---\ntitle: 没有结束\n",
    "no-front.md": "正文而已\n",
    "syntax.md": "---\ntitle: [未闭合\n---\n正文\n",
    "scalar.md": "---\n就一句话\n---\n正文\n",
    "bool-key.md": "---\ntrue: 1\nyes: no\n---\n正文\n",
    "cover.md": front(extra="cover: ../../../etc/passwd\n") + "正文\n",
    "digest-long.md": front(extra=f"digest: {'长' * 200}\n") + "正文\n",
    "waivers.md": front(extra="waivers:\n  - rule: A9-01\n    reason: 已核实\n") + "正文\n",
    "Bad Slug.md": front() + "正文\n",
    "fenced.md": front() + "```\n" + "> " * 20 + "\n" + "*" * 9 + "\n```\n正文\n",
    "continued.md": f"---\ntitle: 第一行\n  第二行\ndate: 2026-03-11\nauthor: {AUTHOR}\n"
    "channels: [wechat]\n---\n正文\n",
}


def _project(tmp_path: Path, generated: int = 0) -> Project:
    root = grow_repo(tmp_path / "unit", generated)
    folder = root / POSTS
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in MALFORMED.items():
        target = folder / name
        target.write_bytes(text if isinstance(text, bytes) else text.encode())
    (folder / "link.md").symlink_to(root / "content/posts/2026/06/shequ-xuanchuan-jindu.md")
    outside = tmp_path / "outside.md"
    outside.write_text(front() + "外部\n", encoding="utf-8")
    (folder / "outside.md").symlink_to(outside)
    (folder / "dangling.md").symlink_to(tmp_path / "nothing.md")
    (folder / "folder.md").mkdir()
    return Project(root)


def _slow(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every short cut off: the loader for all front matter, every body line scanned, every
    field character looked at, every path resolved in full."""
    monkeypatch.setattr(frontmatter, "read_plain", lambda text, offset=0: None)
    monkeypatch.setattr(content_limits, "_may_exceed", lambda body: True)
    monkeypatch.setattr(content_limits, "_FIELD_SUSPECT", re.compile(r"(?s).|\Z"))
    monkeypatch.setattr(PostReader, "_real_path", lambda self, path: None)


def _loaded(project: Project) -> list[tuple[str, object, list[object]]]:
    config = load_unit_config(project)
    files = [*content.iter_post_files(project), project.root / POSTS / "nosuch.md"]
    results = content.load_posts(project, files, registry=config.registry, roster=config.roster)
    return [(r.path, r.post, r.findings) for r in results]


def test_quick_loading_equals_the_full_loading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _project(tmp_path, generated=60)
    quick = _loaded(project)
    with monkeypatch.context() as patch:
        _slow(patch)
        full = _loaded(project)
    assert quick == full
    rules = {f.rule for _, _, found in quick for f in found}  # type: ignore[attr-defined]
    for rule in (
        "file-nul",
        "field-characters",
        "render-nesting",
        "render-emphasis",
        "yaml-syntax",
        "field-duplicate",
        "path-outside",
        "A11-01",
        "A11-02",
    ):
        assert rule in rules, rule
    assert sum(post is not None for _, post, _ in quick) > 100


def test_every_sample_front_matter_takes_the_quick_reader() -> None:
    for path in sorted((SAMPLE_CONTENT / "posts").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        parts = content.split_front_matter(text, Collector(""))
        assert parts is not None
        quick = plain_matter.read_plain(parts[0], parts[1] - 1)
        assert quick is not None, path
        assert _located(quick) == _located(yamlutil.load(parts[0], line_offset=parts[1] - 1))


def _located(loc: yamlutil.Located) -> tuple[object, ...]:
    typed = repr(loc.data)  # True and 1, "1" and 1 differ in repr
    return typed, loc.lines, loc.columns, loc.duplicates, loc.duplicate_at


# fmt: off
ATOMS = ["a", "值", "中文 文字", "x-y", "a.b", "true", "No", "null", "~", "1", "0x1f", "1.5",
         "2026-06-26", "12:30", "https://a.b/c#d", "\u3000", "\xa0", "é", "😀", " ", "  ",
         "a'b", 'a"b', "x:y", "=", "<<", "-", "?", ":", ": ", ",", "[", "]", "{", "}", "#",
         " #", "'", '"', "\\", "&", "*", "!", "|", ">", "%", "@", "`", "\t", "\x85", "\u2028",
         "\u200e", "...", "---"]
SAFE = ATOMS[:23]
KEYS = ["title", "date", "tags", "source", "true", "null", "a1", "A", "_k", "on", "<<", "k"]
BODY_ATOMS = ["> ", ">", "- ", "* ", "+ ", "  ", "    ", "\t", "1. ", "12) ", "*", "**", "***",
              "_", "__", "\\", "\\*", "```", "~~~", "文字", "a", " ", "\n", "\n", "\n\n",
              "\u3000", "-", "."]
# fmt: on


def _document(rnd: random.Random, odd: float) -> str:
    def scalar() -> str:
        pool = ATOMS if rnd.random() < odd else SAFE
        return "".join(rnd.choice(pool) for _ in range(rnd.randint(1, 3)))

    lines: list[str] = []
    for key in rnd.sample(KEYS, rnd.randint(1, 6)):
        shape, sep = rnd.random(), rnd.choice([": ", ":  ", ":", ": "])
        if shape < 0.4:
            lines.append(key + sep + scalar())
        elif shape < 0.6:
            items = ", ".join(scalar() for _ in range(rnd.randint(0, 3)))
            lines.append(f"{key}{sep}[{items}]{rnd.choice(['', ' '])}")
        elif shape < 0.75:
            lines.append(key + ":")
            for sub in rnd.sample(KEYS, rnd.randint(0, 3)):
                lines.append(rnd.choice(["  ", "  ", "   ", " "]) + sub + ": " + scalar())
        elif shape < 0.85:
            lines.append(key + ":")
            for _ in range(rnd.randint(0, 3)):
                lines.append(rnd.choice(["  - ", "  -  ", "- ", "  -"]) + scalar())
        elif shape < 0.92:
            lines.append(rnd.choice(["", "  ", "# c", " # c"]))
        else:
            quote = rnd.choice(["'", '"'])
            lines.append(key + sep + quote + scalar() + rnd.choice(["'", '"']))
        if rnd.random() < 0.05:
            lines.append(rnd.choice(KEYS) + ": " + scalar())  # a key written twice, maybe
    return "\n".join(lines)


@pytest.mark.parametrize("odd", [0.0, 0.05, 0.3])
def test_quick_reader_equals_the_loader_on_generated_documents(odd: float) -> None:
    rnd = random.Random(17)
    quick = 0
    for _ in range(8000):
        text, offset = _document(rnd, odd), rnd.randint(0, 3)
        found = plain_matter.read_plain(text, offset)
        try:
            full: object = _located(yamlutil.load(text, line_offset=offset))
        except yamlutil.YamlSyntaxError:
            full = "refused"
        if found is not None:
            quick += 1
            assert _located(found) == full, text
    assert quick > 250  # the generator reaches the quick reader, not only its refusals


def test_body_short_cut_never_hides_a_problem() -> None:
    atoms = BODY_ATOMS
    rnd = random.Random(17)
    skipped = 0
    for _ in range(8000):
        weights = [rnd.random() for _ in atoms]
        body = "".join(rnd.choices(atoms, weights=weights, k=rnd.randint(0, 120)))
        full = content_limits.scan_body(body, 3)
        assert content_limits.body_problems(body, 3) == full, body
        if not content_limits._may_exceed(body):
            skipped += 1
            assert full == [], body
    assert skipped > 1000


def test_field_short_cut_looks_at_every_refused_character() -> None:
    """A character the quick search does not flag passes every test of the slow loop."""
    flagged = content_limits._FIELD_SUSPECT
    refused = content_limits.BIDI_CONTROLS | content_limits.BIDI_MARKS | set("\r\u2028\u2029")
    for code in range(0x110000):
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF or flagged.match(char):
            continue
        assert char not in refused and unicodedata.category(char) != "Cc", hex(code)


def test_reader_follows_a_folder_link_like_resolve(tmp_path: Path) -> None:
    """A post under a linked folder: the real path through the link, as Path.resolve."""
    project = _project(tmp_path)
    linked = project.root / "content/posts/linked"
    linked.symlink_to(project.root / "content/posts/2026")
    post = linked / "06/shequ-xuanchuan-jindu.md"
    reader = PostReader(project)
    assert reader._real_path(post) == (post.resolve(), post.stat().st_size)
    outside = tmp_path / "elsewhere"
    shutil.copytree(project.root / "content/posts/2026/06", outside)
    (project.root / "content/posts/escape").symlink_to(outside)
    escaped = reader.read(project.root / "content/posts/escape/shequ-xuanchuan-jindu.md")
    assert escaped.post is None
    assert [f.rule for f in escaped.findings] == ["path-outside"]


def test_front_matter_written_by_yaml_dump_takes_the_quick_reader() -> None:
    """``yaml.safe_dump`` writes lists as ``- item`` lines under the key, not indented."""
    quick = 0
    for path in sorted((SAMPLE_CONTENT / "posts").rglob("*.md")):
        parts = content.split_front_matter(path.read_text(encoding="utf-8"), Collector(""))
        assert parts is not None
        data = yaml.safe_load(parts[0])
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
        found = plain_matter.read_plain(text, 1)
        if found is not None:
            quick += 1
            assert _located(found) == _located(yamlutil.load(text, line_offset=1)), text
    assert quick >= 40
