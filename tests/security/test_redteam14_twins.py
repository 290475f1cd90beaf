"""Red team, round 14: round 13's signature-header rule in a SHA-256 repository (held).

Round 13 made ``gpgsig`` the one accepted header in a SHA-1 repository. In a SHA-256
repository git writes and verifies ``gpgsig-sha256`` and leaves every other header whose
name starts with ``gpgsig`` out of the signed bytes. These tests sign a real commit with
``ssh-keygen`` through git in a SHA-256 repository and rewrite it, without the key, into
twins under new commit ids: the honest commit verifies, every twin is a bad signature.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.review import signatures

ARMOR = re.compile(
    rb"\ngpgsig-sha256 -----BEGIN SSH SIGNATURE-----\n(?: .*\n)+? -----END SSH SIGNATURE-----"
)


def _git(repo: Path, *args: str, data: bytes | None = None) -> bytes:
    return subprocess.run(
        ["git", *args], cwd=repo, input=data, capture_output=True, check=True
    ).stdout


@pytest.fixture
def signed(tmp_path: Path) -> tuple[Path, str, bytes]:
    """A SHA-256 repository and one commit git signed with an SSH key: (repo, id, raw)."""
    key = tmp_path / "key"
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "x", "-f", str(key)], check=True
    )
    repo = tmp_path / "repo"
    subprocess.run(
        ["git", "init", "-q", "--object-format=sha256", str(repo)], check=True, capture_output=True
    )
    for name, value in (
        ("gpg.format", "ssh"),
        ("user.signingkey", str(key)),
        ("user.name", "张伟"),
        ("user.email", "zhangwei@example.gov.cn"),
    ):
        _git(repo, "config", name, value)
    (repo / "a.md").write_text("正文\n", encoding="utf-8")
    _git(repo, "add", "a.md")
    _git(
        repo,
        "commit",
        "-q",
        "-S",
        "-m",
        "审核：a.md\n\nSigned-off-by: 张伟 <zhangwei@example.gov.cn>",
    )
    commit = _git(repo, "rev-parse", "HEAD").decode().strip()
    return repo, commit, _git(repo, "cat-file", "commit", commit)


def _rewritten(repo: Path, raw: bytes) -> tuple[str, bytes]:
    twin = _git(repo, "hash-object", "-t", "commit", "-w", "--literally", "--stdin", data=raw)
    return twin.decode().strip(), raw


def _signature(raw: bytes) -> bytes:
    match = ARMOR.search(raw)
    assert match, raw
    return match.group()


def _renamed(raw: bytes) -> bytes:
    """The signature moved under the SHA-1 name ``gpgsig``."""
    return raw.replace(b"\ngpgsig-sha256 ", b"\ngpgsig ", 1)


def _second_sha1_header(raw: bytes) -> bytes:
    """A second copy under ``gpgsig`` after the real one (git leaves it out when verifying)."""
    sig = _signature(raw)
    return raw.replace(sig, sig + sig.replace(b"\ngpgsig-sha256 ", b"\ngpgsig ", 1), 1)


def _sha1_header_first(raw: bytes) -> bytes:
    sig = _signature(raw)
    moved = raw.replace(sig, b"", 1)
    header, sep, message = moved.partition(b"\n\n")
    return header + sig.replace(b"\ngpgsig-sha256 ", b"\ngpgsig ", 1) + sig + sep + message


def _other_gpgsig_name(raw: bytes) -> bytes:
    """A header git drops from the signed bytes for its name alone (``gpgsig...``)."""
    header, sep, message = raw.partition(b"\n\n")
    return header + b"\ngpgsig-x junk" + sep + message


def test_an_honest_signature_in_a_sha256_repository_counts(signed: tuple[Path, str, bytes]) -> None:
    _, commit, raw = signed
    assert len(commit) == 64 and b"\ngpgsig-sha256 " in raw
    signatures.clear_cache()
    assert signatures.verdict_for(commit, raw).status == signatures.GOOD


@pytest.mark.parametrize(
    "rewrite", [_renamed, _second_sha1_header, _sha1_header_first, _other_gpgsig_name]
)
def test_twins_of_a_sha256_signed_commit_are_bad_signatures(
    signed: tuple[Path, str, bytes], rewrite: Callable[[bytes], bytes]
) -> None:
    repo, commit, raw = signed
    twin, twin_raw = _rewritten(repo, rewrite(raw))
    assert twin != commit and len(twin) == 64
    signatures.clear_cache()
    assert signatures.verdict_for(twin, twin_raw).status != signatures.GOOD
