"""第十一条: attribution beyond the front matter (A11-01/A11-02 live in content.py).

- A11-03 a long quoted block (Markdown ``>``) needs a source line (来源、出处、摘自 …)
  inside it or next to it;
- A11-04 a sentence-level passage copied from an earlier post of the repository without
  attribution: an error when that post is itself a repost (someone else's work), a
  warning when it is the unit's own earlier original.

A post names its source specifically (第十一条 注明出处) by a source word (来源、摘自、转载 …:
the "obvious repost mark" the article allows; ``原文`` only as a source line's label, never
in a link label such as 阅读原文), or by what identifies that post alone
(:func:`citations`): its full title of at least ``TITLE_MIN`` characters, or, for a
repost, its source's unit (``source.name``), link (``source.url``) or original title.
A title such as 通知 appears in many posts and names none of them.

Which post is earlier: in a git checkout, a post main holds unchanged is earlier than any
post the change adds or edits, whatever date either claims (:mod:`copy_order`, as the
server orders them); between two of the same side, and outside git, the dates decide.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from pipeline.rules.compiled_re import compiled
from pipeline.rules.copy_lookup import SMALL_BUCKET, Bucket, Titles
from pipeline.rules.detection import Detection
from pipeline.rules.normalize import NOTE_MARKS, SEPARATORS, is_cjk, normalise
from pipeline.rules.view import EMOJI

if TYPE_CHECKING:
    from pipeline.rules.attribution_cache import Known

ARTICLE = "第十一条"
QUOTE_MIN = 80  # characters of quoted text that make a "long" quote
SENTENCE_MIN = 24  # characters (after normalisation) of a copied sentence
TITLE_MIN = 8  # characters (Chinese, letters, digits) of a title that names one post
NAME_MIN = 3  # characters of a source unit's name (新华社) that names it
HELD = "\x00"  # before a held post's date: earlier than any date a post claims
# Which words name a source (第十一条: 注明出处, or 带有明显转载标识): a source word names one
# only where it introduces it, never inside a phrase that names none.
# - A label followed by what it names: 来源：…, 出处｜…, 转载：…, 原文链接：<url> or
#   原文地址 https://…; ``原文`` never after 阅读、查看、点击 … (a link label such as 阅读原文,
#   WeChat's "read the original" line).
# - A verb of taking followed by the source: 摘自、引自、转自、转载自、转载于、选自、来源于、
#   源自, 原文刊发于…; 据…报道 (消息、发布、介绍) within one clause, never 数据、依据 ….
# - The repost mark itself: 【转载】, 本文系转载, 经…授权转载.
# What follows must name something: 不明、不详、未知、可疑 …, or 网络 alone (来源：网络, 图片
# 来源于网络) say the source is unknown, which 第十一条 forbids publishing, and 据网传、
# 据悉 … name no one. So 转载请注明出处, 未经授权不得转载, 欢迎转载 (requests to others) and
# 来源不明, 出处不详 (admissions) mark nothing, and neither does 来源 in running prose
# (资金来源、来源可疑的链接, 作出处理). Nor does anything in a clause that asks for a source
# (请注明来源：本号, 转载须注明出处：…, a request to whoever copies this text).
_NONE = (
    r"(?:不明|不详|未知|不清|可疑|待查|待考|待核|存疑|不可考|无从|暂无|没有|"
    r"(?:无|网络|互联网|网上|网传|网友|佚名|匿名)(?:综合|整理|资料|图片|转载|信息)?"
    r"(?![\u4e00-\u9fff]))"
)
_NAME = r"[ \t]*(?!" + _NONE + r")[^\s:：|｜丨/／]"
_LABEL = (
    r"(?:来源|出处|转载|(?<!阅读)(?<!查看)(?<!点击)(?<!浏览)(?<!打开)(?<!进入)"
    r"原文(?:链接|地址|网址|出处|来源|标题|作者)?)"
    r"[ \t]*(?:[:：|｜丨/／]" + _NAME + r"|(?=https?://|<))"
)
_TAKEN = (
    r"(?:摘自|引自|转自|转载自|转载于|选自|来源于|源自|原文(?:刊发|刊载|刊登|发表|发布|首发|载)于)"
    + _NAME
)
_REPORTED = (
    r"(?<![数证票占凭论单收字依盘割])据(?!"
    + _NONE
    + r"|网|传|说|称|悉|闻|了解|统计|不完全|初步|消息人士|知情|有关人士)"
    r"[^，。；！？,;!?\n]{1,20}(?:报道|消息|发布|介绍)"
)
_MARK = (
    r"[（(【\[〔「]\s*转载\s*[）)】\]〕」]|(?:系|为|属|是)转载(?!请|须|需|时|前)"
    r"|(?<!未)经[^，。；！？,;!?\n]{0,20}?(?:授权|同意|许可)转载"
)
_NAMED = "|".join((_LABEL, _TAKEN, _REPORTED, _MARK))
_NAMED_RE = compiled(_NAMED)
_ASKED_RE = compiled(r"(?:注明|标明|写明|标注|注出|请|须|需|务必)[^，。；！？,;!?\n]*\Z")
_CLAUSE = 24  # characters before a source word read for a request in its clause
_SENTENCE_RE = compiled(r"[^。！？；!?;\n]+")
_FRONT_RE = compiled(r"\A\ufeff?---\n(.*?)\n(?:---|\.\.\.)[ \t]*\n", re.DOTALL)
# What a sentence key leaves out, in one C-level substitution: everything that is neither a
# letter nor a digit (``\W`` and ``_``), and the separators and emoji that the compact view
# removes (丨 is a CJK character but a separator), with the note marks it removes whole
# (``[3]``, superscript digits). The same key as keeping the Chinese, letters and digits of
# ``compact(normalise(sentence))`` character by character.
_NOT_KEY_RE = compiled("(?:" + NOTE_MARKS + "|[\\W_" + re.escape(SEPARATORS) + EMOJI + "])+")
_CJK_RE = compiled("[\u4e00-\u9fff\u3400-\u4dbf]")


def attributes(body: str) -> bool:
    """Whether ``body`` marks its text as taken from elsewhere by a source word that names
    a source (or is the repost mark), in a clause that does not ask for one."""
    return any(
        _ASKED_RE.search(body, max(0, m.start() - _CLAUSE), m.start()) is None
        for m in _NAMED_RE.finditer(body)
    )


def detect_quotes(body: str, *, attributed: bool) -> list[Detection]:
    if attributed:
        return []
    lines = body.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    found: list[Detection] = []
    i = 0
    while i < len(lines):
        if not lines[i].lstrip().startswith(">"):
            i += 1
            continue
        j = i
        while j < len(lines) and lines[j].lstrip().startswith(">"):
            j += 1
        block = "\n".join(lines[i:j])
        size = sum(1 for ch in block if is_cjk(ch) or ch.isalnum())
        before = [x for x in lines[max(0, i - 2) : i] if x.strip()]
        after = [x for x in lines[j : j + 2] if x.strip()]
        near = "\n".join([*before, block, *after])
        if size >= QUOTE_MIN and "——" not in near and not attributes(near):
            found.append(
                Detection(
                    offsets[i],
                    offsets[i] + len(lines[i]),
                    "A11-03",
                    ARTICLE,
                    "error",
                    f"长段引用（{size} 字）没有注明来源：请在引用处写明「来源：…」",
                )
            )
        i = j
    return found


_KEYS_LIMIT = 1 << 16  # sentences whose keys _KEYS remembers, then it is cleared
_KEYS: dict[str, str | None] = {}  # sentence -> sentence_key: footers, contact lines recur


def sentence_key(sentence: str) -> str | None:
    """A hash of the sentence's Chinese characters, letters and digits (normalised), or
    None when it has fewer than ``SENTENCE_MIN`` Chinese characters."""
    key = _KEYS.get(sentence, "")  # "": not remembered (a key is a digest or None)
    if key == "":
        if len(_KEYS) >= _KEYS_LIMIT:
            _KEYS.clear()
        key = _KEYS[sentence] = _sentence_key(sentence)
    return key


def _sentence_key(sentence: str) -> str | None:
    key = _NOT_KEY_RE.sub("", normalise(sentence))
    if len(key) < SENTENCE_MIN or len(_CJK_RE.findall(key)) < SENTENCE_MIN:
        return None
    return hashlib.blake2b(key.encode(), digest_size=12).hexdigest()


def body_keys(body: str) -> list[tuple[int, int, str]]:
    """``(start, end, key)`` of every keyed sentence of ``body``."""
    found = []
    for s in _SENTENCE_RE.finditer(body):
        key = sentence_key(s.group(0))
        if key is not None:
            found.append((s.start(), s.end(), key))
    return found


def entry_and_keys(rel: str, text: str) -> tuple[Entry, list[str]] | None:
    """The index entry of a post file's text and its sentence keys; None without front matter."""
    m = _FRONT_RE.match(text)
    if not m:
        return None
    front, body = m.group(1), text[m.end() :]
    date, title, original, source = _fields(front)
    entry = Entry(rel, date, title, original, citations(title, source))
    return entry, [key for _, _, key in body_keys(body)]


def _counted(text: str) -> int:
    return sum(1 for ch in text if is_cjk(ch) or ch.isalnum())


def citations(title: str, source: object) -> tuple[str, ...]:
    """The texts that name this post specifically in another post's body: its title when
    it has at least ``TITLE_MIN`` characters; a repost's ``source``: the unit's name (at
    least ``NAME_MIN``), the link, the original title (at least ``TITLE_MIN``)."""
    names = [title.strip()] if _counted(title) >= TITLE_MIN else []
    if isinstance(source, dict):
        for key, least in (("name", NAME_MIN), ("url", 1), ("title", TITLE_MIN)):
            value = source.get(key)
            if isinstance(value, str) and _counted(value) >= least:
                names.append(value.strip())
    return tuple(dict.fromkeys(names))


def _fields(front: str) -> tuple[str, str, bool, object]:
    """``date``, ``title`` and ``original`` as the post loader reads them (the common shape
    directly, anything else by the YAML loader): a repost's ``original: no``, ``False`` or
    ``false  # 转载`` is a repost here too, never the unit's own text; and ``source``. A
    front matter neither reads: each field's line read plainly, no source (such a post is
    refused on its own).
    The loaders are imported here: a ``check`` whose every post is in the result store
    keys none and imports neither."""
    from pipeline import yamlutil
    from pipeline.content.plain_matter import read_plain

    try:
        plain = read_plain(front)
        data = plain.data if plain is not None else yamlutil.load_data(front)
    except yamlutil.YamlSyntaxError:
        data = None
    if not isinstance(data, dict):
        original = _field(front, "original") != "false"
        return _field(front, "date"), _field(front, "title"), original, None
    date, title = data.get("date"), data.get("title")
    return (
        "" if date is None else str(date),
        title if isinstance(title, str) else "",
        data.get("original", True) is not False,
        data.get("source"),
    )


class Entry(NamedTuple):
    """A post in the copy index (a named tuple: an archive's worth are made per check)."""

    path: str
    date: str
    title: str
    original: bool
    names: tuple[str, ...] = ()  # what names it in a body (:func:`citations`)


class RepoIndex:
    """Sentences of every post in ``content/posts``, read cheaply (no schema check).

    With ``root``, the posts' keys come from :mod:`pipeline.rules.attribution_cache`: only
    posts that changed since the last run are read and keyed (``cached=False`` keys every
    post, as a reference for the cache's tests and benchmarks); ``known``: the posts' paths
    and the stamps the caller already took (:func:`~pipeline.rules.attribution_cache.indexed_posts`).

    ``held``: the posts main holds unchanged, dated ``HELD`` + their date (earlier than
    any other); without it, with ``root``, :func:`~pipeline.rules.copy_order.held_posts`
    asks git. ``by_git`` says whether git ordered them (False: outside a git repository
    or without main, the dates the posts claim decide alone).
    """

    def __init__(
        self,
        root: Path | None,
        *,
        cached: bool = True,
        known: Known | None = None,
        held: Collection[str] | None = None,
    ) -> None:
        self.sentences: dict[str, list[Entry]] = {}
        self._buckets: dict[str, Bucket] = {}  # sorted, for the sentences of many posts
        self._titles: set[str] = set()  # the names (:func:`citations`) of any sentence's entries
        self._title_finder = Titles()
        if held is None and root is not None:
            from pipeline.rules.copy_order import held_posts

            held = held_posts(root)
        self.by_git = held is not None
        self.held = frozenset(held or ())
        if root is None:
            return
        from pipeline.rules.attribution_cache import indexed_posts

        self._extend(indexed_posts(root, cached=cached, known=known))

    def add(self, rel: str, text: str) -> None:
        found = entry_and_keys(rel, text)
        if found is not None:
            self.add_keys(*found)

    def add_keys(self, entry: Entry, keys: list[str]) -> None:
        self._extend([(entry, keys)])

    def _extend(self, posts: Iterable[tuple[Entry, list[str]]]) -> None:
        """Add the sentence keys of each ``(entry, keys)`` (one loop for a whole archive)."""
        sentences, buckets, titles, held = self.sentences, self._buckets, self._titles, self.held
        for entry, keys in posts:
            if held and entry.path in held:
                entry = entry._replace(date=HELD + entry.date)
            for key in keys:
                bucket = sentences.get(key)
                if bucket is None:
                    sentences[key] = [entry]
                else:
                    bucket.append(entry)
            if buckets:
                for key in keys:
                    buckets.pop(key, None)
            if keys and not titles.issuperset(entry.names):
                titles.update(entry.names)
                self._title_finder.reset()

    def detect(self, path: str, date: str, body: str, *, attributed: bool) -> list[Detection]:
        """A11-04 for every sentence of ``body`` that an earlier post (``(date, path)``
        smaller, another path) has, unless the body names one of those posts specifically
        (:func:`citations`): the source named is the first of them in the index's order. A
        post main holds unchanged is dated ``HELD`` + its date, as in the index."""
        if attributed:
            return []
        if path in self.held:
            date = HELD + date
        found: list[Detection] = []
        in_body: list[set[str]] = []  # the index's titles that the body holds, when needed
        for start, end, key in body_keys(body):
            entries = self.sentences.get(key)
            if entries is None:
                continue
            if len(entries) <= SMALL_BUCKET:
                source = _source(entries, date, path, body)
            else:
                source = self._source(key, date, path, body, in_body)
            if source is not None:
                found.append(_copied(start, end, source))
        # A source word anywhere in the body attributes it: read only when there is a copy.
        return [] if found and attributes(body) else found

    def _source(
        self, key: str, date: str, path: str, body: str, in_body: list[set[str]]
    ) -> Entry | None:
        """:func:`_source` over a sentence of many posts, by :class:`Bucket`."""
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = Bucket(self.sentences[key])
        k = bucket.earlier(date, path)
        source = bucket.source(k, path)
        if source is None:
            return None
        if self._title_finder.direct(k):
            earlier = bucket.entries[:k]
            if any(n in body for e in earlier if e.path != path for n in e.names):
                return None
            return source
        if not in_body:
            in_body.append(self._title_finder.found_in(body, self._titles))
        return None if bucket.titled(k, date, path, in_body[0]) else source


def _source(entries: list[Entry], date: str, path: str, body: str) -> Entry | None:
    """The first entry earlier than ``(date, path)`` with another path, unless the body
    names any of them (:func:`citations`; then, or when there is none, None)."""
    earlier = [e for e in entries if e.path != path and (e.date, e.path) < (date, path)]
    if not earlier or any(n in body for e in earlier for n in e.names):
        return None
    return earlier[0]


def _copied(start: int, end: int, source: Entry) -> Detection:
    repost = not source.original
    return Detection(
        start,
        end,
        "A11-04",
        ARTICLE,
        "error" if repost else "warning",
        (
            f"与转载文章 {source.path} 的段落相同，却未注明出处：请写明来源单位（其 source.name）、"
            f"原文链接（source.url）或不少于 {TITLE_MIN} 字的完整标题（title）"
            if repost
            else f"与本单位此前文章 {source.path} 的段落相同；如系引用请注明出处"
            f"（不少于 {TITLE_MIN} 字的完整标题 title）"
        ),
    )


def _field(front: str, key: str) -> str:
    m = re.search(rf"^{key}:\s*(.*?)\s*$", front, re.M)
    return m.group(1).strip("\"'") if m else ""
