"""mkdocs hook: the blog plugin's posts made from kept facts, not parsed again.

Every build, the blog plugin makes a ``Post`` of every post (``on_files``): it reads the
file, parses its YAML front matter, validates a ``PostConfig`` (dates, lists) and formats
each post's dates with Babel for its path and its month list. At 2,000 posts that was
0.56–0.63 s of every rebuild, for posts of which one changed. With the page cache on
(``page_cache.py``: ``govmedia build`` without ``--full``) this hook keeps, for each post,
what its ``Post`` is made of — its parsed front matter as the constructor leaves it, its
validated configuration and where its Markdown starts — under the SHA-256 of its source
path and bytes, and the strings Babel gave for each (date, format, locale). A post whose
bytes are the same is made from its facts (its file is still read and hashed); any other
post is made by the plugin, and its facts are kept. With the facts the hook keeps where the
plugin placed the post (``post_place.py``: its destination, URL and canonical URL), so a
restored post is also placed without the plugin's path formatting and a second ``File``.

The facts are one file, ``post-facts.sealed`` in the page cache's folder (checked private by
``cache_store.safe_folder``), sealed by the BLAKE2b digest of its JSON, as the body store
is: a file that is not a plain file of this user, that others can write, whose digest or
build key does not fit is not read, and every post is made by the plugin. The build key
holds the page cache's (the theme's files, this hook among them, and the build's package
versions), PyYAML's and Babel's versions and the time zone. Entries are JSON data, never
code; a front matter with a value JSON cannot give back exactly (checked when it is kept)
is not kept. Only the facts of the last build are kept.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any

import post_place  # beside this hook, as the two below
from cache_store import STATE, digest
from mkdocs.plugins import event_priority
from private_dir import private_file

FILE = "post-facts.sealed"  # not .json: the page cache keeps only its own entries of that suffix
FORMAT = 2  # 2: with each post's place
_DATETIME = "\x00datetime"  # a dict of one such key stands for a datetime
_DATE = "\x00date"


class Facts:
    """One build's facts (a plain class: the hook's module is loaded from its file)."""

    def __init__(self) -> None:
        self.key = ""  # the build key of the facts file; empty: no facts this build
        self.posts: dict[str, list[Any]] = {}
        self.dates: dict[str, str] = {}
        self.used_posts: dict[str, list[Any]] = {}
        self.used_dates: dict[str, str] = {}
        self.places: dict[str, list[Any]] = {}  # post key: where the plugin placed it
        self.used_places: dict[str, list[Any]] = {}
        self.restored = ""  # the key of the facts the last ``Post.__init__`` kept
        self.changed = False


FACTS = Facts()


def _encode(value: Any) -> Any:
    """JSON data for a value of a front matter or a post's configuration."""
    if isinstance(value, dt.datetime):
        return {_DATETIME: value.isoformat()}
    if isinstance(value, dt.date):
        return {_DATE: value.isoformat()}
    if isinstance(value, dict):
        if not all(isinstance(key, str) and not key.startswith("\x00") for key in value):
            raise TypeError("a key JSON cannot keep")
        return {key: _encode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_encode(item) for item in value]
    if value is None or isinstance(value, (str, int, float)):
        return value
    raise TypeError(f"not kept: {type(value).__name__}")


_PLAIN = (str, int, float, bool, type(None))


def _decode(value: Any) -> Any:
    """What ``_encode`` was given, made anew (a post changes its front matter's lists);
    JSON's plain values are taken as they are, without a call each."""
    if type(value) is dict:
        if len(value) == 1:
            if _DATETIME in value:
                return dt.datetime.fromisoformat(value[_DATETIME])
            if _DATE in value:
                return dt.date.fromisoformat(value[_DATE])
        return {key: item if type(item) in _PLAIN else _decode(item) for key, item in value.items()}
    if type(value) is list:
        return [item if type(item) in _PLAIN else _decode(item) for item in value]
    return value


def _seal(payload: bytes) -> bytes:
    return hashlib.blake2b(payload, digest_size=32).hexdigest().encode("ascii")


def _build_key(config: Any) -> str:
    import babel.dates
    import yaml

    return digest(
        STATE.build,
        FORMAT,
        metadata.version("PyYAML"),
        bool(getattr(yaml, "__with_libyaml__", False)),
        metadata.version("Babel"),
        repr(babel.dates.LOCALTZ),
        os.environ.get("TZ"),
        config["theme"]["language"],
    )


def _path() -> Path:
    assert STATE.folder is not None
    return STATE.folder / FILE


Kept = tuple[dict[str, list[Any]], dict[str, str], dict[str, list[Any]]]


def read(path: Path, key: str) -> Kept:
    """The posts' facts, Babel's strings and the posts' places in ``path`` when it is
    trusted, sealed and of this build key; else none."""
    if not private_file(path):
        return {}, {}, {}
    try:
        seal, newline, payload = path.read_bytes().partition(b"\n")
        if not newline or seal != _seal(payload):
            return {}, {}, {}
        data = json.loads(payload)
    except (OSError, ValueError):
        return {}, {}, {}
    if not isinstance(data, dict) or data.get("key") != key:
        return {}, {}, {}
    posts, dates, places = data.get("posts"), data.get("dates"), data.get("places")
    if not all(isinstance(kept, dict) for kept in (posts, dates, places)):
        return {}, {}, {}
    return posts, dates, places


def write(path: Path, key: str, kept: Kept) -> None:
    posts, dates, places = kept
    data = {"key": key, "posts": posts, "dates": dates, "places": places}
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    handle, name = tempfile.mkstemp(dir=path.parent, suffix=".facts-tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(_seal(payload) + b"\n" + payload)
        os.replace(name, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(name)


def _kept(meta: dict[str, Any], values: dict[str, Any], start: int) -> list[Any] | None:
    """The JSON facts of a post, or None when JSON would not give them back exactly."""
    try:
        facts = [start, _encode(meta), _encode(values)]
    except TypeError:
        return None
    back = _decode(json.loads(json.dumps(facts, ensure_ascii=False)))
    return facts if repr(back) == repr([start, meta, values]) else None


def _whole(facts: object) -> bool:
    return (
        isinstance(facts, list)
        and len(facts) == 3
        and type(facts[0]) is int
        and isinstance(facts[1], dict)
        and isinstance(facts[2], dict)
        and isinstance(facts[2].get("date"), dict)
    )


def _post_key(file: Any, data: bytes) -> str:
    return hashlib.sha256(file.src_uri.encode("utf-8") + b"\x00" + data).hexdigest()


class _Unsited:
    """The configuration as ``Page.__init__`` reads it, without the site's URL: the blog
    plugin makes a ``Post`` only in ``_resolve_post``, which moves the post's file to its
    path and sets its canonical URL right after, so the one ``Page.__init__`` computes
    from the file's first URL (a third of a restored post's time) is never read."""

    def __init__(self, config: Any) -> None:
        self._config = config

    def get(self, key: str, default: Any = None) -> Any:
        return None if key == "site_url" else self._config.get(key, default)


def _restore(post: Any, file: Any, config: Any, text: str, facts: list[Any]) -> None:
    """What ``Post.__init__`` leaves, from the post's facts (its text already read)."""
    from material.plugins.blog.structure import PostConfig
    from material.plugins.blog.structure.options import DateDict
    from mkdocs.structure.pages import Page

    start, meta, values = _decode(facts)
    Page.__init__(post, None, file, _Unsited(config))
    post.markdown = text[start:]
    post.meta = meta
    values["date"] = DateDict(values["date"])
    post.config = post_place.post_config(PostConfig, file.abs_src_path, meta, values)
    post.excerpt = None
    post.authors = []
    post.categories = []


BLOG_LOGGER = "mkdocs.material.blog"  # the plugin's ``Post`` logs its warnings there


class _Warnings(logging.Handler):
    """Counts the warnings logged while a post is made by the plugin."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _text(data: bytes) -> str:
    """The file's text as the plugin reads it (``open(..., encoding="utf-8-sig")``:
    universal newlines, each ``\\r\\n`` and ``\\r`` read as ``\\n``)."""
    text = data.decode("utf-8-sig")
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _patch_post() -> None:
    from material.plugins.blog.structure import Post

    if getattr(Post.__init__, "gm_facts", False):
        return
    original = Post.__init__

    def init(self: Any, file: Any, config: Any) -> None:
        if not FACTS.key:
            original(self, file, config)
            return
        with open(file.abs_src_path, "rb") as stream:
            data = stream.read()
        key = _post_key(file, data)
        facts = FACTS.posts.get(key)
        if _whole(facts):
            _restore(self, file, config, _text(data), facts)  # type: ignore[arg-type]
            FACTS.used_posts[key] = facts
            FACTS.restored = key
            return
        warned = _Warnings()
        logger = logging.getLogger(BLOG_LOGGER)
        logger.addHandler(warned)
        try:
            original(self, file, config)
        finally:
            logger.removeHandler(warned)
        FACTS.changed = True
        values = {name: self.config[name] for name in self.config}
        if warned.count or values.get("links") is not None:
            return  # a warning is logged again by the next build, which makes it anew
        kept = _kept(self.meta, values, len(_text(data)) - len(self.markdown))
        if kept is not None:
            FACTS.used_posts[key] = kept
            FACTS.restored = key  # not restored, but kept: its place is kept with it

    init.gm_facts = True  # type: ignore[attr-defined]
    Post.__init__ = init  # type: ignore[method-assign]


def _patch_dates() -> None:
    from material.plugins.blog.plugin import BlogPlugin

    if getattr(BlogPlugin._format_date, "gm_facts", False):
        return
    original = BlogPlugin._format_date

    def format_date(self: Any, date: Any, format: str, config: Any) -> str:
        if not FACTS.key or type(date) is not dt.datetime:
            return original(self, date, format, config)
        language = config["theme"]["language"]
        key = f"{date.isoformat()}|{date.fold}|{date.tzinfo!r}|{format}|{language}"
        text = FACTS.dates.get(key)
        if text is None:
            text = original(self, date, format, config)
            FACTS.changed = True
        FACTS.used_dates[key] = text
        return text

    format_date.gm_facts = True  # type: ignore[attr-defined]
    BlogPlugin._format_date = format_date  # type: ignore[method-assign]


@event_priority(-10)  # after page_cache.py's on_config chose the page cache's folder
def on_config(config: Any, **kwargs: Any) -> Any:
    global FACTS
    FACTS = Facts()
    post_place.attach(FACTS)
    if STATE.folder is None or config.plugins.get("material/meta") is not None:
        return config  # the meta plugin changes a post's front matter as it is read
    FACTS.key = _build_key(config)
    FACTS.posts, FACTS.dates, FACTS.places = read(_path(), FACTS.key)
    _patch_post()
    _patch_dates()
    post_place.patch(FACTS)
    return config


def on_post_build(config: Any, **kwargs: Any) -> None:
    """Keep the facts of this build's posts; a run over some pages only (a correction:
    ``STATE.partial``) made the ``Post`` of some posts only, so the others' are kept too."""
    if not FACTS.key:
        return
    posts, dates, places = FACTS.used_posts, FACTS.used_dates, FACTS.used_places
    if STATE.partial:
        posts, dates = {**FACTS.posts, **posts}, {**FACTS.dates, **dates}
        places = {**FACTS.places, **places}
    counts = (len(posts), len(dates), len(places))
    if FACTS.changed or counts != (len(FACTS.posts), len(FACTS.dates), len(FACTS.places)):
        write(_path(), FACTS.key, (posts, dates, places))
