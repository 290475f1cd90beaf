"""The copy-detection index in the private cache: the same findings with and without it,
and a cache that is not the user's own, is writable by others or was altered is ignored."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import random
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pipeline.review import keys
from pipeline.rules import attribution, attribution_cache, cache
from pipeline.rules.normalize import compact, is_cjk, normalise
from tests.check_support import grow_repo

POST = "content/posts/2026/06/shequ-xuanchuan-jindu.md"


def reference_key(sentence: str) -> str | None:
    """The key as first written: character by character over the compact view."""
    key = "".join(ch for ch in compact(normalise(sentence)).text if is_cjk(ch) or ch.isalnum())
    if sum(1 for ch in key if is_cjk(ch)) < attribution.SENTENCE_MIN:
        return None
    return hashlib.blake2b(key.encode(), digest_size=12).hexdigest()


def test_sentence_key_is_the_reference_key() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path("content/posts").rglob("*.md"))]
    sentences = [s for t in texts for s in attribution._SENTENCE_RE.findall(t)]
    rng = random.Random(7)
    alphabet = (
        "政务服务中心办理群众事项跨省通办法轮功丨、，:·★☆ _-*.a1Z９Ａ０İß²½Ⅻ①𝟘😀🄀\u200b\u3000"
        "國際電話號碼涐們夶傢\ufe0f\U0001f100"
    )
    for _ in range(3000):
        sentences.append("".join(rng.choice(alphabet) for _ in range(rng.randint(20, 60))))
    keyed = 0
    for sentence in sentences:
        key = attribution.sentence_key(sentence)
        assert key == reference_key(sentence), sentence
        keyed += key is not None
    assert keyed > 50


def run_check(cli: Callable[..., Any], root: Path, cache_home: Path, *paths: str) -> str:
    result = cli(
        "check", "--format", "json", *paths, cwd=root, env={"XDG_CACHE_HOME": str(cache_home)}
    )
    assert result.code in (0, 1), result.err
    assert "Traceback" not in result.err
    return str(result.out)


def copied_sentence(root: Path) -> str:
    """A keyed sentence of an earlier repost: appended to a post, it is an A11-04 error."""
    text = (root / "content/posts/2026/03/neimenggu-yiwangtongban-tizhi.md").read_text(
        encoding="utf-8"
    )
    body = text.split("\n---\n", 1)[1]
    return next(s for s in attribution._SENTENCE_RE.findall(body) if attribution.sentence_key(s))


def no_cache(tmp_path: Path) -> Path:
    """An XDG_CACHE_HOME that cannot hold a cache (a file): every run keys every post."""
    blocked = tmp_path / "no-cache"
    blocked.write_text("", encoding="utf-8")
    return blocked


def assert_same_with_and_without_cache(
    cli: Callable[..., Any], root: Path, tmp_path: Path, *paths: str
) -> None:
    reference = run_check(cli, root, no_cache(tmp_path), *paths)
    home = tmp_path / "cache-home"
    cold = run_check(cli, root, home, *paths)
    files = list((home / "govmedia").glob("attribution-*.json"))
    assert len(files) == 1
    warm = run_check(cli, root, home, *paths)
    assert cold == reference
    assert warm == reference
    # A post edited after the cache was written is keyed again.
    post = root / POST
    post.write_text(
        post.read_text(encoding="utf-8") + f"\n{copied_sentence(root)}\n", encoding="utf-8"
    )
    after = run_check(cli, root, home, *paths)
    assert after == run_check(cli, root, no_cache(tmp_path), *paths)
    if not paths:
        assert "A11-04" in after and after != reference


def test_same_findings_with_and_without_cache_sample(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    root = grow_repo(tmp_path / "unit", 0)
    assert_same_with_and_without_cache(cli, root, tmp_path)


def test_same_findings_with_and_without_cache_large(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    root = grow_repo(tmp_path / "unit", 120)
    findings = json.loads(run_check(cli, root, no_cache(tmp_path)))
    assert {f["severity"] for f in findings if f["rule"] == "A11-04"} == {"warning", "error"}
    assert_same_with_and_without_cache(cli, root, tmp_path)
    one = sorted(root.glob("content/posts/*/*/gen-*.md"))[-1].relative_to(root).as_posix()
    assert_same_with_and_without_cache(cli, root, tmp_path, one)


def index_keys(root: Path) -> dict[str, list[str]]:
    index = attribution.RepoIndex(root)
    return {key: [e.path for e in entries] for key, entries in index.sentences.items()}


@pytest.fixture
def unit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return grow_repo(tmp_path / "unit", 20)


def cache_file(root: Path) -> Path:
    directory = cache.cache_dir()
    assert directory is not None
    return directory / attribution_cache.cache_name(root)


def poison(root: Path) -> None:
    """Rewrite the cache (with a valid digest) so that every post claims one fake key."""
    path = cache_file(root)
    data = cache.unseal(path.read_text(encoding="utf-8"))
    for record in data["posts"].values():
        record[8] = ["0" * 24]
    payload = json.dumps(data)
    digest = hashlib.blake2b(payload.encode(), digest_size=32).hexdigest()
    path.write_text(digest + "\n" + payload, encoding="utf-8")


def test_cache_is_used_and_private(unit: Path) -> None:
    expected = index_keys(unit)
    path = cache_file(unit)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert index_keys(unit) == expected
    assert attribution.RepoIndex(unit, cached=False).sentences.keys() == expected.keys()
    # The cache is read: an own, sealed cache is what the index shows.
    poison(unit)
    assert list(index_keys(unit)) == ["0" * 24]


def test_tampered_cache_is_ignored(unit: Path) -> None:
    expected = index_keys(unit)
    path = cache_file(unit)
    text = path.read_text(encoding="utf-8")
    digest, _, payload = text.partition("\n")
    data = json.loads(payload)
    for record in data["posts"].values():
        record[8] = ["0" * 24]
    path.write_text(digest + "\n" + json.dumps(data), encoding="utf-8")  # digest no longer fits
    assert index_keys(unit) == expected
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    assert index_keys(unit) == expected
    path.write_text("not json\n{", encoding="utf-8")
    assert index_keys(unit) == expected


def test_cache_writable_by_others_is_ignored(unit: Path) -> None:
    expected = index_keys(unit)
    poison(unit)
    path = cache_file(unit)
    path.chmod(0o622)
    assert index_keys(unit) == expected
    path.chmod(0o600)
    poison(unit)
    path.parent.chmod(0o777)
    try:
        assert cache.cache_dir() is None
        assert index_keys(unit) == expected
    finally:
        path.parent.chmod(0o700)


def test_cache_of_another_user_is_ignored(unit: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = index_keys(unit)
    poison(unit)
    path = cache_file(unit)
    if os.geteuid() == 0:
        os.chown(path, 65534, -1)
    else:  # an unprivileged test cannot give a file away: the cache then is "another user's"
        monkeypatch.setattr(cache.os, "getuid", lambda: os.geteuid() + 1)
    assert index_keys(unit) == expected


def test_symlinked_cache_file_is_ignored(unit: Path, tmp_path: Path) -> None:
    expected = index_keys(unit)
    path = cache_file(unit)
    planted = tmp_path / "planted.json"
    planted.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    path.unlink()
    path.symlink_to(planted)
    assert index_keys(unit) == expected


# A key of the right type whose point is too short: sshsig refuses it.
SHORT = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAEAECAwQFBgcICQoLDA0ODxA="


def test_validated_keys_cache_never_admits_a_bad_key(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(keys, "_validated", None)
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "张伟", "-f", str(tmp_path / "k")],
        check=True,
        capture_output=True,
    )
    key = (tmp_path / "k.pub").read_text(encoding="utf-8")
    assert keys.normalize_key(key) == " ".join(key.split()[:2])
    with pytest.raises(ValueError):
        keys.normalize_key(SHORT)
    saved = cache.read_sealed_json(keys.VALIDATED)
    assert isinstance(saved, list) and len(saved) == 1
    # A planted cache that lists the bad key: not the user's own, or edited, is not read.
    blob = base64.b64decode(SHORT.split()[1])
    planted = [hashlib.blake2b(blob, digest_size=32).hexdigest()]
    cache.write_sealed_json(keys.VALIDATED, planted)
    path = cache.trusted_path(keys.VALIDATED)
    assert path is not None
    path.chmod(0o666)
    monkeypatch.setattr(keys, "_validated", None)
    with pytest.raises(ValueError):
        keys.normalize_key(SHORT)
    cache.write_sealed_json(keys.VALIDATED, planted)
    path = cache.trusted_path(keys.VALIDATED)
    assert path is not None
    path.write_text(path.read_text(encoding="utf-8").replace("\n", "\n ", 1), encoding="utf-8")
    monkeypatch.setattr(keys, "_validated", None)
    with pytest.raises(ValueError):
        keys.normalize_key(SHORT)


def test_key_memo_is_used_only_when_trusted(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from pipeline.rules import key_memo
    from pipeline.rules.checker import RuleChecker

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    text = "转发抽奖送好礼，扫码加微信领红包。"
    expected = [(d.rule, d.start, d.end) for d in RuleChecker(None).check_text(text)]
    assert expected
    name = key_memo.memo_name()
    saved = cache.read_sealed_json(name)
    assert isinstance(saved, dict) and saved
    # Every text keyed to nothing: the matcher would find nothing at all. The automaton
    # cache (built from the keys) is removed so that the matcher is built from the memo.
    cache.write_sealed_json(name, {k: "\x1f" for k in saved})
    drop_automaton_cache()
    # An own sealed memo is what is used: no lexicon finding is left (the semantic layer,
    # which reads the sentence, not the keys, may still speak: S-rules).
    found = RuleChecker(None).check_text(text)
    assert [d for d in found if not d.rule.startswith("S")] == []
    path = cache.trusted_path(name)
    assert path is not None
    path.chmod(0o664)
    drop_automaton_cache()
    found = [(d.rule, d.start, d.end) for d in RuleChecker(None).check_text(text)]
    assert found == expected


# -- the matcher's automaton (pipeline/rules/automaton_cache.py) ---------------------------


def drop_automaton_cache() -> None:
    directory = cache.cache_dir()
    assert directory is not None
    for path in directory.glob("automaton-*"):
        path.unlink()


def labelled_texts() -> list[str]:
    """Every text of the labelled and held-out sets: evasions, context and allowlists."""
    import yaml

    texts: list[str] = []
    for path in sorted(Path("tests/data").glob("*/*.yml")):
        texts += [case["text"] for case in yaml.safe_load(path.read_text(encoding="utf-8"))]
    assert len(texts) > 300
    return texts


def detections(texts: list[str]) -> list[list[tuple[str, int, int, str, str]]]:
    from pipeline.rules.checker import RuleChecker

    checker = RuleChecker(None)
    return [
        [(d.rule, d.start, d.end, d.severity, d.message) for d in checker.check_text(text)]
        for text in texts
    ]


def automaton_files() -> tuple[Path, Path]:
    directory = cache.cache_dir()
    assert directory is not None
    found = sorted(directory.glob("automaton-*.bin"))
    assert len(found) == 1
    return found[0], found[0].with_suffix(".json")


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[int]:
    """A private cache home; the list counts how often the automaton is built."""
    from pipeline.rules.engine import Matcher

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    builds: list[int] = []
    build = Matcher._build

    def counted(self: Matcher, triggers: dict[str, tuple[str, ...]] | None) -> Any:
        builds.append(1)
        return build(self, triggers)

    monkeypatch.setattr(Matcher, "_build", counted)
    return builds


def test_same_findings_with_and_without_automaton_cache(
    built: list[int], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    texts = labelled_texts()
    cached_home = os.environ["XDG_CACHE_HOME"]
    monkeypatch.setenv("XDG_CACHE_HOME", str(no_cache(tmp_path)))
    reference = detections(texts)
    assert sum(map(len, reference)) > 200
    monkeypatch.setenv("XDG_CACHE_HOME", cached_home)
    built.clear()
    assert detections(texts) == reference  # cold: built and saved
    assert len(built) == 1
    binary, meta = automaton_files()
    assert stat.S_IMODE(binary.stat().st_mode) == 0o600
    assert stat.S_IMODE(meta.stat().st_mode) == 0o600
    assert detections(texts) == reference  # warm: loaded, not built
    assert len(built) == 1


def rewrite_automaton(binary: Path, meta: Path, automaton: Any, table: Any = None) -> None:
    """Replace the cached automaton by ``automaton`` with a digest that fits (what only
    the user, who owns the private folder, could do)."""
    import ahocorasick

    if automaton.store == ahocorasick.STORE_ANY:
        automaton.save(str(binary), pickle_dumps)
    else:
        automaton.save(str(binary))
    data = cache.read_sealed_json(meta.name)
    assert isinstance(data, dict)
    data["digest"] = hashlib.blake2b(binary.read_bytes(), digest_size=32).hexdigest()
    if table is not None:
        data["table"] = table
    cache.write_sealed_json(meta.name, data)


def pickle_dumps(value: Any) -> bytes:
    import pickle

    return pickle.dumps(value)


def test_tampered_automaton_cache_is_ignored(built: list[int], tmp_path: Path) -> None:
    import ahocorasick

    text = "转发抽奖送好礼，扫码加微信领红包。有人在群里兜售冰du和麻古。"
    expected = detections([text])
    assert expected[0]
    binary, meta = automaton_files()
    original, sealed = binary.read_bytes(), meta.read_text(encoding="utf-8")

    def restore() -> None:
        binary.unlink(missing_ok=True)
        binary.write_bytes(original)
        binary.chmod(0o600)
        meta.write_text(sealed, encoding="utf-8")
        meta.chmod(0o600)

    def rebuilt() -> bool:
        before = len(built)
        found = detections([text])
        return found == expected and len(built) == before + 1

    # One byte of the automaton changed: the digest no longer fits.
    flipped = bytearray(original)
    flipped[len(flipped) // 2] ^= 0xFF
    binary.write_bytes(bytes(flipped))
    assert rebuilt()
    restore()
    # The recorded digest edited: the seal no longer fits.
    meta.write_text(sealed.replace('"digest":"', '"digest":"0', 1), encoding="utf-8")
    assert rebuilt()
    restore()
    # Writable by others, or a link to a file elsewhere.
    binary.chmod(0o646)
    assert rebuilt()
    restore()
    planted = tmp_path / "planted.bin"
    planted.write_bytes(original)
    binary.unlink()
    binary.symlink_to(planted)
    assert rebuilt()
    restore()
    # An automaton with object values (pickled): refused without unpickling anything.
    objects = ahocorasick.Automaton()
    objects.add_word("抽奖", (0, "", 2))
    objects.make_automaton()
    rewrite_automaton(binary, meta, objects)
    assert rebuilt()
    restore()
    # Integer values that point at no term, no way of spelling, no length or no row.
    for value in (1 << 30, 0, 15 << 8 | 2, -(10**6)):
        wild = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        wild.add_word("抽奖", value)
        wild.make_automaton()
        rewrite_automaton(binary, meta, wild)
        assert rebuilt()
        restore()
    # A table row naming a term that does not exist.
    rewrite_automaton(binary, meta, ahocorasick.load(str(binary), bytes), [[[10**7, "", 2]]])
    assert rebuilt()
    restore()
    # Of another user.
    if os.geteuid() == 0:
        os.chown(binary, 65534, -1)
        assert rebuilt()
        restore()
    # Untouched: used as it is.
    before = len(built)
    assert detections([text]) == expected
    assert len(built) == before
