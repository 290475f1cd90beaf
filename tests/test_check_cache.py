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
from pipeline.rules.normalize import _SEP_RE, is_cjk, normalise
from pipeline.rules.removed import Removed
from tests.check_support import grow_repo, no_cache

POST = "content/posts/2026/06/shequ-xuanchuan-jindu.md"


def reference_key(sentence: str) -> str | None:
    """The key as first written: character by character over the normalised text with its
    separators removed (the compact view before it also read evasions: digit chains, leet
    digits at a word's edge, filler chains, ruby, tone marks, which copy detection never
    read)."""
    separated = Removed(normalise(sentence), _SEP_RE).text
    key = "".join(ch for ch in separated if is_cjk(ch) or ch.isalnum())
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
    # which reads the sentence, not the keys, may still speak: S-rules, and the errors its
    # second signals raise, whose messages begin 语义模型 — rounds 38 and 40).
    found = RuleChecker(None).check_text(text)
    lexical = [d for d in found if not d.rule.startswith("S")]
    assert [d for d in lexical if not d.message.startswith("语义模型")] == []
    path = cache.trusted_path(name)
    assert path is not None
    path.chmod(0o664)
    drop_automaton_cache()
    found = [(d.rule, d.start, d.end) for d in RuleChecker(None).check_text(text)]
    assert found == expected


def drop_automaton_cache() -> None:
    """The matcher's compiled keys (tested in tests/test_check_compiled_cache.py)."""
    directory = cache.cache_dir()
    assert directory is not None
    for path in directory.glob("automaton-*"):
        path.unlink()
