"""Red team, round 12: a twin of a signed commit under another commit id.

A revocation (``Revokes: <commit id>``) names a commit, and a claim is bound to the commit
that carries it. But an SSH-signed commit object can be rewritten by anyone, without any
key, into another object that still carries a valid signature by the same key over the
same signed bytes: the armour of the signature can be wrapped at other widths, the SSHSIG
blob has a ``reserved`` field that nobody signs, and a second signature header is left out
of the signed bytes. The twin has a new commit id, which the revocation does not name, so
an approval its signer withdrew could be merged as a twin and count again. Defence: a
signature counts only in the one form git and ``ssh-keygen`` write it
(``signatures.canonical``); a rewritten twin is a bad signature. Each test runs the real
``approve``, real ``ssh-keygen`` signatures and the real pre-receive hook.
"""

from __future__ import annotations

import base64
import re
import struct
import subprocess
from collections.abc import Callable

import pytest

from pipeline.errors import GovmediaError
from pipeline.project import Project
from pipeline.publishing.retract import find_approval
from pipeline.review.verify import review_posts
from tests.security.battery_support import HONEST, SAMPLE_POSTS, Unit, accepted, sob
from tests.security.test_redteam_revoke import ABANDONED, POST, _abandoned, _merge_abandoned

ARMOR = re.compile(
    rb"gpgsig -----BEGIN SSH SIGNATURE-----\n((?: [A-Za-z0-9+/=]+\n)+) -----END SSH SIGNATURE-----\n"
)


def _blob(raw: bytes) -> bytes:
    match = ARMOR.search(raw)
    assert match, raw
    return base64.b64decode(b"".join(line.strip() for line in match.group(1).splitlines()))


def _with_blob(raw: bytes, blob: bytes, width: int = 70) -> bytes:
    text = base64.b64encode(blob)
    lines = b"".join(b" " + text[i : i + width] + b"\n" for i in range(0, len(text), width))
    armor = b"gpgsig -----BEGIN SSH SIGNATURE-----\n" + lines + b" -----END SSH SIGNATURE-----\n"
    match = ARMOR.search(raw)
    assert match
    return raw[: match.start()] + armor + raw[match.end() :]


def _rewrapped(raw: bytes) -> bytes:
    """The same signature, its base64 wrapped at 76 columns instead of ssh-keygen's 70."""
    return _with_blob(raw, _blob(raw), 76)


def _reserved(raw: bytes) -> bytes:
    """The same signature with text in the SSHSIG ``reserved`` field (not signed)."""
    blob = _blob(raw)
    offset = 6 + 4  # magic, version
    for _ in range(2):  # public key, namespace
        (length,) = struct.unpack(">I", blob[offset : offset + 4])
        offset += 4 + length
    (length,) = struct.unpack(">I", blob[offset : offset + 4])
    assert length == 0
    filler = b"twin"
    blob = blob[:offset] + struct.pack(">I", len(filler)) + filler + blob[offset + 4 :]
    return _with_blob(raw, blob)


def _second_header(raw: bytes) -> bytes:
    """The same commit with one more signature header after the first (left out of the
    signed bytes, as git leaves it out)."""
    match = ARMOR.search(raw)
    assert match
    return raw[: match.end()] + b"gpgsig-sha256 twin\n" + raw[match.end() :]


def _trailing(raw: bytes) -> bytes:
    """The same signature with bytes after the SSHSIG blob's last field."""
    return _with_blob(raw, _blob(raw) + b"\x00\x00\x00\x04twin")


TWINS: dict[str, Callable[[bytes], bytes]] = {
    "rewrapped-armour": _rewrapped,
    "reserved-field": _reserved,
    "second-signature-header": _second_header,
    "bytes-after-the-blob": _trailing,
}


def _twin(unit: Unit, oid: str, rewrite: Callable[[bytes], bytes]) -> str:
    """Write the rewritten object (anyone can: no key is needed) and return its id."""
    raw = subprocess.run(
        ["git", "cat-file", "commit", oid], cwd=unit.clone.path, capture_output=True, check=True
    ).stdout
    twin = rewrite(raw)
    assert twin != raw
    proc = subprocess.run(
        ["git", "hash-object", "-t", "commit", "-w", "--stdin"],
        cwd=unit.clone.path,
        input=twin,
        capture_output=True,
        check=True,
    )
    return proc.stdout.decode().strip()


def withdrawn_twin_is_refused(unit: Unit, rewrite: Callable[[bytes], bytes]) -> None:
    """The leader revokes their 终审 on main; a twin of it (``rewrite``) merged from the
    abandoned branch counts for nothing and the server refuses the merge; the original
    still verifies and fails only as revoked."""
    approvals = _abandoned(unit)
    unit.branch("revoke")
    unit.signed(
        HONEST[2], f"撤回审核意见\n\nRevokes: {approvals[3]}\nSigned-off-by: {sob(HONEST[2])}\n"
    )
    accepted(unit, unit.push())
    twin = _twin(unit, approvals[3], rewrite)
    unit.clone.git("branch", "-f", ABANDONED, twin)
    _merge_abandoned(unit)
    [review] = review_posts(unit.clone.path, [POST])
    assert not review.publishable, [s.reason for s in review.stages]
    unit.attack()

    # The original approval is a valid signature; it fails only as revoked.
    unit.clone.git("branch", "-f", ABANDONED, approvals[3])
    unit.branch("merge-original")
    _merge_abandoned(unit)
    [review] = review_posts(unit.clone.path, [POST])
    codes = {s.code for s in review.stages if not s.ok}
    assert codes == {"not-revoked"}, [s.reason for s in review.stages]


@pytest.mark.parametrize("kind", sorted(TWINS))
def test_a_withdrawn_approval_rewritten_into_a_twin_never_counts(unit: Unit, kind: str) -> None:
    """Attack: the leader withdraws their 终审 of a post on an abandoned branch; whoever
    fetched the branch rewrites the approval commit into a twin (same signed bytes, same
    valid signature, new commit id), puts it on the branch and merges it into main.
    Defence: the twin's signature is not in git's form, so it counts for nothing; the
    server refuses the merge. Honest counterpart: the approval as git wrote it still
    verifies, and is refused only because it was revoked."""
    withdrawn_twin_is_refused(unit, TWINS[kind])


def test_a_withdrawn_retraction_rewritten_into_a_twin_never_takes_a_post_down(unit: Unit) -> None:
    """Attack: a leader drafts a retraction on a branch and withdraws it with ``Revokes:``;
    whoever fetched the draft merges a twin of it (the SSHSIG ``reserved`` field filled)
    and the post would be taken down everywhere. Defence: the twin is a bad signature; the
    reader finds no valid retraction, only the original's withdrawal."""
    target = SAMPLE_POSTS[1]
    unit.branch("draft-retraction")
    drafted = unit.retraction(HONEST[2], target)
    unit.branch("revoke")
    unit.signed(HONEST[2], f"撤回撤稿\n\nRevokes: {drafted}\nSigned-off-by: {sob(HONEST[2])}\n")
    accepted(unit, unit.push())
    twin = _twin(unit, drafted, _reserved)
    unit.branch("merge")
    unit.clone.git("merge", "-q", "--no-ff", "-m", "Merge", twin, env=unit.unsigned_env("王芳"))
    accepted(unit, unit.push())  # an empty commit: nothing on main changes
    reader = unit.reader_clone("reader-twin")
    with pytest.raises(GovmediaError, match="签名无效"):
        find_approval(Project(reader), target)


def test_a_twin_beside_the_honest_approval_blocks_nothing(unit: Unit) -> None:
    """A pusher who merges twins of honest, unrevoked approvals into the branch stops
    nothing: the twins are bad signatures, the originals still make the chain, and the
    push is accepted."""
    approvals = _abandoned(unit)
    twins = [_twin(unit, approvals[stage], _rewrapped) for stage in (1, 3)]
    unit.clone.git(
        "merge", "-q", "--no-ff", "-m", "Merge twins", *twins, env=unit.unsigned_env("王芳")
    )
    [review] = review_posts(unit.clone.path, [POST])
    assert review.publishable, [s.reason for s in review.stages]
    accepted(unit, unit.push())
