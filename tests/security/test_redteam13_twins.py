"""Red team, round 13: twins of a signed commit that ``signatures.canonical`` still took.

Round 12 made a signature count only in the one form git writes it. But the form accepted
either signature header name, ``gpgsig`` or ``gpgsig-sha256``. In a SHA-1 repository git
writes (and verifies) only ``gpgsig``; ``gpgsig-sha256`` holds a signature over the
SHA-256 form of the object, which git leaves out of the SHA-1 signed bytes. Renaming the
header is a rewrite anyone can make without a key: a new commit id with a signature that
still verifies over the same bytes, so a withdrawn approval could count again under it.
Each test runs the real ``approve``, real ``ssh-keygen`` signatures and the real
pre-receive hook.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from pipeline.review import signatures
from tests.review_support import Key, identity_env
from tests.security.battery_support import Unit
from tests.security.test_redteam12_twins import ARMOR, _twin, withdrawn_twin_is_refused
from tests.security.test_redteam_revoke import _abandoned


def _renamed_header(raw: bytes) -> bytes:
    """The same signature under the other algorithm's header name."""
    match = ARMOR.search(raw)
    assert match
    return raw[: match.start()] + b"gpgsig-sha256" + raw[match.start() + len(b"gpgsig") :]


def test_a_withdrawn_approval_under_the_other_signature_header_never_counts(unit: Unit) -> None:
    """Attack: the leader withdraws their 终审 of a post on an abandoned branch; whoever
    fetched the branch renames the approval's ``gpgsig`` header to ``gpgsig-sha256`` (a
    twin under a new commit id) and merges it into main. Defence: in a SHA-1 repository
    only ``gpgsig`` is git's form; the twin is a bad signature and the server refuses the
    merge. Honest counterpart: the original approval verifies and fails only as revoked."""
    withdrawn_twin_is_refused(unit, _renamed_header)


def test_git_itself_reads_no_signature_under_the_other_header(unit: Unit) -> None:
    """Why the renamed header is not git's form: ``git verify-commit`` of the twin finds
    no signature at all, while the original verifies; govmedia agrees with git."""
    approvals = _abandoned(unit)
    twin = _twin(unit, approvals[1], _renamed_header)
    raw = subprocess.run(
        ["git", "cat-file", "commit", twin], cwd=unit.clone.path, capture_output=True, check=True
    ).stdout
    shown = subprocess.run(
        ["git", "log", "-1", "--format=%G?", twin],
        cwd=unit.clone.path,
        capture_output=True,
        check=True,
        text=True,
    ).stdout.strip()
    assert shown == "N", shown  # git: no signature
    signatures.clear_cache()
    assert signatures.verdict_for(twin, raw).status != signatures.GOOD
    original = subprocess.run(
        ["git", "cat-file", "commit", approvals[1]],
        cwd=unit.clone.path,
        capture_output=True,
        check=True,
    ).stdout
    assert signatures.verdict_for(approvals[1], original).status == signatures.GOOD


@pytest.mark.parametrize("kind", ["ed25519", "rsa"])
def test_honest_signatures_in_every_shape_git_writes_count(tmp_path: Path, kind: str) -> None:
    """Held: the one accepted form refuses no signature git and ``ssh-keygen`` write — an
    RSA key (``rsa-sha2-512``) as well as ed25519, a commit with an empty message, a message
    whose body holds blank lines, a merge with two parents: each verifies as GOOD, by the
    key that signed it."""
    key = tmp_path / f"id_{kind}"
    subprocess.run(
        ["ssh-keygen", "-q", "-t", kind, "-N", "", "-C", kind, "-f", str(key)],
        check=True,
        capture_output=True,
    )
    repo = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    env = {
        **os.environ,
        **identity_env("张伟", "zhangwei@example.gov.cn", Key(key, "")),
    }

    def commit(*args: str) -> str:
        subprocess.run(["git", "commit", "-q", "-S", *args], cwd=repo, env=env, check=True)
        return subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True, check=True
        ).stdout.strip()

    made = [commit("--allow-empty", "-m", "第一审通过\n\n正文\n\n\n末段\n")]
    made.append(commit("--allow-empty", "--allow-empty-message", "-m", ""))
    subprocess.run(["git", "checkout", "-q", "-b", "side", "HEAD~1"], cwd=repo, check=True)
    side = commit("--allow-empty", "-m", "side")
    subprocess.run(["git", "checkout", "-q", "main"], cwd=repo, check=True)
    subprocess.run(
        ["git", "merge", "-q", "--no-ff", "-S", "-m", "合并", side], cwd=repo, env=env, check=True
    )
    made += [side, commit("--amend", "--no-edit")]
    public = key.with_name(f"id_{kind}.pub").read_text().split()
    signatures.clear_cache()
    found = signatures.verdicts(repo, made)
    assert {v.status for v in found.values()} == {signatures.GOOD}, found
    assert {v.key for v in found.values()} == {f"{public[0]} {public[1]}"}
