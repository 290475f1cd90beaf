"""The packaged hook ``jieba_load.py``: jieba reads its prefix dictionary's cache file in
one piece and gets the same dictionary, the same segmentation, and the same rebuild of a
damaged cache file, as with the standard ``marshal.load``; the search plugin's user
dictionary, and with it the prefix dictionary, is loaded at the first cut, which cuts as
with the dictionaries loaded first (a build that cuts nothing loads neither:
``tests/site/test_inprocess.py``)."""

from __future__ import annotations

import marshal
import os
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest

from tests.site.kit import theme_hook

jieba = pytest.importorskip("jieba")

WORDS = "政务服务 500 n\n政务 300 n\n服务 300 vn\n服务局 40 n\n牙克石 10 ns\n一网通办 10 n\n"
TEXT = "牙克石市政务服务局推行一网通办，政务服务更便捷"


def hook(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.setattr(jieba, "marshal", marshal)
    loaded = theme_hook(monkeypatch, "jieba_load", "gm_jieba_load")
    loaded.on_startup(command="build", dirty=False)
    return loaded


def tokenizer(folder: Path, dictionary: Path) -> object:
    made = jieba.Tokenizer(str(dictionary))
    made.tmp_dir = str(folder)
    made.initialize()
    return made


def test_whole_file_load_is_marshal_load(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    module = hook(monkeypatch)
    assert isinstance(jieba.marshal, module.WholeFileMarshal)
    value = ({"政务": 3, "服务": 0, "a" * 300: 2**40}, 123456789)
    path = tmp_path / "value.bin"
    path.write_bytes(marshal.dumps(value) + b"trailing bytes are left unread")
    with path.open("rb") as stream:
        expected = marshal.load(stream)
    with path.open("rb") as stream:
        assert jieba.marshal.load(stream) == expected == value
    path.write_bytes(marshal.dumps(value)[:-5])  # cut short: both refuse it
    for load in (marshal.load, jieba.marshal.load):
        with path.open("rb") as stream, pytest.raises((EOFError, ValueError)):
            load(stream)


def test_jieba_loads_the_same_dictionary_and_segments_the_same(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    dictionary = tmp_path / "dict.txt"
    dictionary.write_text(WORDS, encoding="utf-8")
    plain = tokenizer(tmp_path, dictionary)  # builds the dictionary, writes its cache
    caches = list(tmp_path.glob("jieba.*.cache"))
    assert len(caches) == 1
    with caches[0].open("rb") as stream:
        stored = marshal.load(stream)
    module = hook(monkeypatch)
    # jieba rebuilds unless the cache is strictly newer than the dictionary: set both times
    # (two touches in a row may get the same timestamp on a coarse clock)
    os.utime(dictionary, (1_700_000_000, 1_700_000_000))
    os.utime(caches[0], (1_700_000_100, 1_700_000_100))
    reads: list[int] = []
    spy = SimpleNamespace(loads=lambda data: reads.append(len(data)) or marshal.loads(data))
    monkeypatch.setattr(module, "marshal", spy)
    loaded = tokenizer(tmp_path, dictionary)
    assert reads == [caches[0].stat().st_size]  # read from the cache, in one piece
    assert (loaded.FREQ, loaded.total) == stored == (plain.FREQ, plain.total)
    assert list(loaded.cut(TEXT)) == list(plain.cut(TEXT))
    assert "一网通办" in list(loaded.cut(TEXT))


def test_a_damaged_cache_file_is_built_again(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    dictionary = tmp_path / "dict.txt"
    dictionary.write_text(WORDS, encoding="utf-8")
    plain = tokenizer(tmp_path, dictionary)
    cache = next(tmp_path.glob("jieba.*.cache"))
    cache.write_bytes(cache.read_bytes()[:20])
    hook(monkeypatch)
    rebuilt = tokenizer(tmp_path, dictionary)
    assert (rebuilt.FREQ, rebuilt.total) == (plain.FREQ, plain.total)
    with cache.open("rb") as stream:
        assert marshal.load(stream) == (plain.FREQ, plain.total)


USER_WORDS = "推行一网 50 n\n"  # a user word that changes how TEXT is cut


def test_the_user_dictionary_waits_for_the_first_cut_which_cuts_the_same(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    dictionary, user = tmp_path / "dict.txt", tmp_path / "user.txt"
    dictionary.write_text(WORDS, encoding="utf-8")
    user.write_text(USER_WORDS, encoding="utf-8")
    eager = tokenizer(tmp_path, dictionary)
    plain_cut = list(eager.cut(TEXT))
    eager.load_userdict(str(user))
    expected = list(eager.cut(TEXT))
    assert expected != plain_cut and "推行一网" in expected
    module = hook(monkeypatch)
    made = jieba.Tokenizer(str(dictionary))
    made.tmp_dir = str(tmp_path)
    lazy = module.LazyJieba(made)
    monkeypatch.chdir(tmp_path)
    lazy.load_userdict("user.txt")  # relative to the build's folder, as the plugin passes it
    assert not made.initialized and not made.user_word_tag_tab
    monkeypatch.chdir(tmp_path.parent)  # noted with its folder
    assert list(lazy.cut(TEXT.encode("utf-8"))) == expected
    assert made.initialized and lazy.gm_pending == []
    assert list(lazy.cut(TEXT)) == expected


def test_the_hook_gives_the_search_plugin_the_lazy_jieba(monkeypatch: pytest.MonkeyPatch) -> None:
    search = pytest.importorskip("material.plugins.search.plugin")
    module = hook(monkeypatch)
    monkeypatch.setattr(search, "jieba", jieba)
    assert module.on_config({"site_name": "x"}) == {"site_name": "x"}
    assert isinstance(search.jieba, module.LazyJieba) and search.jieba.gm_jieba is jieba
    monkeypatch.setattr(search, "jieba", None)  # the plugin without jieba stays without
    module.on_config({})
    assert search.jieba is None
