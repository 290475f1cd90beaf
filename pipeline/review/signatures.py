"""SSH signatures of approval commits, verified in-process (第十五条).

git checks a commit's SSH signature by spawning ``ssh-keygen`` twice per commit; for a range
of thousands of approvals we verify the ``SSHSIG`` signature ourselves with the ``sshsig``
package (built on ``cryptography``), exactly over the bytes git signs: the commit object
without its ``gpgsig`` header. The verdict — which public key made a valid signature — depends
only on the commit object, so it is cached by commit id. Whether that key counts is decided
separately against a roster (``Roster.by_key``).
"""

from __future__ import annotations

import base64
import hashlib
import struct
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import sshsig
from sshsig.sshsig import SshsigSignature, SshsigWrapper, ssh_dearmor_sshsig

from pipeline import git
from pipeline.review.keys import is_canonical, key_text
from pipeline.review.roster import Person, Roster
from pipeline.review.trailers import OID_RE

NAMESPACE = "git"
SIGNATURE_HEADERS = (b"gpgsig", b"gpgsig-sha256")

UNSIGNED = "unsigned"
BAD = "bad"
UNSUPPORTED = "unsupported"
GOOD = "good"


@dataclass(frozen=True)
class Verdict:
    """``status`` is one of UNSIGNED, BAD, UNSUPPORTED, GOOD; ``key`` the signer (GOOD only)."""

    status: str
    key: str = ""


HASHES = ("sha256", "sha512")  # what ssh-keygen accepts in an SSHSIG
ARMOR_WIDTH = 70  # ssh-keygen wraps the base64 of a signature at 70 columns

_CACHE: dict[str, Verdict] = {}
_KEYS: dict[bytes, sshsig.PublicKey] = {}


def split_signed(raw: bytes) -> tuple[bytes, str | None]:
    """(signed payload, armored signature) of a raw commit object, as git splits them."""
    header, sep, message = raw.partition(b"\n\n")
    lines = header.split(b"\n")
    payload: list[bytes] = []
    signature: list[bytes] = []
    in_sig = False
    for line in lines:
        if in_sig and line.startswith(b" "):
            signature.append(line[1:])
            continue
        in_sig = False
        name = line.split(b" ", 1)[0]
        if name in SIGNATURE_HEADERS:
            in_sig = not signature  # only the first signature header counts
            if in_sig:
                signature.append(line[len(name) + 1 :])
            continue
        payload.append(line)
    body = b"\n".join(payload) + sep + message
    if not signature:
        return body, None
    return body, b"\n".join(signature).decode("ascii", "replace") + "\n"


def verdict_for(commit: str, raw: bytes) -> Verdict:
    """The cryptographic verdict on a raw commit object (cached by commit id).

    Follows ``ssh-keygen -Y verify`` (sshsig.c): namespace ``git``, hash sha256 or sha512,
    signature by the public key embedded in the SSHSIG blob.
    """
    cached = _CACHE.get(commit)
    if cached is not None:
        return cached
    payload, armored = split_signed(raw)
    if armored is None:
        verdict = Verdict(UNSIGNED)
    elif "BEGIN SSH SIGNATURE" not in armored:
        verdict = Verdict(UNSUPPORTED)
    else:
        verdict = _check(payload, armored)
        if verdict.status == GOOD and not canonical(raw, payload, armored, header_for(commit)):
            verdict = Verdict(BAD)
    _CACHE[commit] = verdict
    return verdict


def _check(payload: bytes, armored: str) -> Verdict:
    try:
        outer = SshsigSignature.from_armored(armored)
    except ValueError:
        return Verdict(BAD)
    except NotImplementedError:
        return Verdict(UNSUPPORTED)
    if outer.namespace != NAMESPACE.encode():
        return Verdict(BAD)
    algo = outer.hash_algo.decode("ascii", "replace")
    if algo not in HASHES:
        return Verdict(UNSUPPORTED)
    signed = SshsigWrapper(
        namespace=outer.namespace,
        hash_algo=outer.hash_algo,
        hash=hashlib.new(algo, payload).digest(),
    ).to_bytes()
    try:
        key = _public_key(outer.public_key)
    except NotImplementedError:
        return Verdict(UNSUPPORTED)
    except ValueError:
        return Verdict(BAD)
    try:
        key.verify(outer.signature, signed)
    except Exception:  # the library raises its own or cryptography's InvalidSignature
        return Verdict(BAD)
    return Verdict(GOOD, key_text(outer.public_key))


def header_for(commit: str) -> bytes:
    """The one signature header git writes and verifies in a repository of ``commit``'s
    hash: ``gpgsig`` for SHA-1 ids, ``gpgsig-sha256`` for SHA-256 ones. The other name holds
    a signature over the object in the other hash, which git leaves out of the signed bytes
    and never verifies: the same signature moved under it is a twin."""
    return SIGNATURE_HEADERS[1] if len(commit) == 64 else SIGNATURE_HEADERS[0]


def canonical(raw: bytes, payload: bytes, armored: str, name: bytes = SIGNATURE_HEADERS[0]) -> bool:
    """Whether ``raw`` is exactly the object git writes for ``payload`` signed with
    ``armored``: one signature header ``name`` at the end of the header, ssh-keygen's armour (70
    columns), an SSHSIG blob with an empty ``reserved`` field, its public key in the one
    encoding OpenSSH writes (``keys.is_canonical``) and nothing after its last field.
    Anything else still verifies (those bytes are not signed) but is a twin of a
    signed commit under another commit id, which a ``Revokes:`` naming the original would
    miss; so it counts as a bad signature.
    """
    try:
        blob = ssh_dearmor_sshsig(armored)
        outer = SshsigSignature(blob)
    except (ValueError, NotImplementedError, UnicodeError):
        return False
    if bytes(outer) != blob or _pair_length(outer.signature) != len(outer.signature):
        return False
    if not is_canonical(outer.public_key):  # the embedded key is not signed (round 37)
        return False
    text = base64.b64encode(blob)
    lines = [b"-----BEGIN SSH SIGNATURE-----"]
    lines += [text[i : i + ARMOR_WIDTH] for i in range(0, len(text), ARMOR_WIDTH)]
    lines.append(b"-----END SSH SIGNATURE-----")
    header, sep, message = payload.partition(b"\n\n")
    return raw == header + b"\n" + name + b" " + b"\n ".join(lines) + sep + message


def _pair_length(signature: bytes) -> int:
    """Bytes taken by the two SSH strings (algorithm, signature) at the start of ``signature``."""
    offset = 0
    for _ in range(2):
        if len(signature) < offset + 4:
            return -1
        (length,) = struct.unpack(">I", signature[offset : offset + 4])
        offset += 4 + length
    return offset


def _public_key(blob: bytes) -> sshsig.PublicKey:
    key = _KEYS.get(blob)
    if key is None:
        key = _KEYS[blob] = sshsig.PublicKey.from_ssh_encoding(blob)
    return key


def verdicts(repo_root: Path, commits: Iterable[str]) -> dict[str, Verdict]:
    """Verdicts for many commits, reading the uncached ones with one ``cat-file --batch``."""
    wanted = list(dict.fromkeys(commits))
    missing = [c for c in wanted if c not in _CACHE]
    objects = git.cat_file_batch(missing, cwd=repo_root)
    result: dict[str, Verdict] = {}
    for commit in wanted:
        if commit in _CACHE:
            result[commit] = _CACHE[commit]
        elif commit in objects and objects[commit][0] == "commit":
            result[commit] = verdict_for(commit, objects[commit][1])
    return result


def verify_commit_signature(repo_root: Path, commit: str, roster: Roster) -> Person | None:
    """The roster person whose key validly signed ``commit``, or ``None``."""
    oid = commit if OID_RE.match(commit) else git.rev_parse(commit, cwd=repo_root)
    if oid is None:
        return None
    verdict = verdicts(repo_root, [oid]).get(oid)
    if verdict is None or verdict.status != GOOD:
        return None
    return roster.by_key(verdict.key)


def clear_cache() -> None:
    _CACHE.clear()
