"""SSH signatures of approval commits, verified in-process (第十五条).

git checks a commit's SSH signature by spawning ``ssh-keygen`` twice per commit; for a range
of thousands of approvals we verify the ``SSHSIG`` signature ourselves with the ``sshsig``
package (built on ``cryptography``), exactly over the bytes git signs: the commit object
without its ``gpgsig`` header. The verdict — which public key made a valid signature — depends
only on the commit object, so it is cached by commit id. Whether that key counts is decided
separately against a roster (``Roster.by_key``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import sshsig

from pipeline import git
from pipeline.review.keys import normalize_key
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


_CACHE: dict[str, Verdict] = {}


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
    """The cryptographic verdict on a raw commit object (cached by commit id)."""
    cached = _CACHE.get(commit)
    if cached is not None:
        return cached
    payload, armored = split_signed(raw)
    if armored is None:
        verdict = Verdict(UNSIGNED)
    elif "BEGIN SSH SIGNATURE" not in armored:
        verdict = Verdict(UNSUPPORTED)
    else:
        try:
            key = sshsig.check_signature(payload, armored, NAMESPACE)
            verdict = Verdict(GOOD, normalize_key(key.openssh_str()))
        except sshsig.InvalidSignature:
            verdict = Verdict(BAD)
        except (NotImplementedError, ValueError):
            verdict = Verdict(UNSUPPORTED)
    _CACHE[commit] = verdict
    return verdict


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
