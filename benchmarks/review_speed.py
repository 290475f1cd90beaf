"""Benchmark: ``verify_range`` over 1,000 changed posts and 3,000 signed approval commits,
against verifying each approval commit with its own ``git verify-commit`` process.

The repository is real: a roster with three ed25519 keys made by ssh-keygen, a branch adding
1,000 posts, and 3,000 SSH-signed approval commits (stage 1, 2, 3 for every post, one post per
commit). To build it in seconds the approval commits are signed in-process (SSHSIG, the format
``ssh-keygen -Y sign`` writes) and written with one ``git hash-object --stdin-paths``; the
baseline then checks that git accepts those signatures. Prints times and the ratio.

    python benchmarks/review_speed.py [--posts N] [--quick]
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.review import signatures
from pipeline.review.verify import verify_range

REVIEWERS = {
    1: ("张伟", "zhangwei@example.gov.cn"),
    2: ("李强", "liqiang@example.gov.cn"),
    3: ("陈静", "chenjing@example.gov.cn"),
}
AUTHOR = "王芳 <wangfang@example.gov.cn>"
ENV = {
    "GIT_AUTHOR_NAME": "bench",
    "GIT_AUTHOR_EMAIL": "bench@example.gov.cn",
    "GIT_COMMITTER_NAME": "bench",
    "GIT_COMMITTER_EMAIL": "bench@example.gov.cn",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(repo: Path, *args: str, input: bytes | None = None) -> str:
    env = {**os.environ, **ENV}
    proc = subprocess.run(
        ["git", *args], cwd=repo, input=input, capture_output=True, env=env, check=True
    )
    return proc.stdout.decode()


def _string(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + data


def sshsig_sign(key: Ed25519PrivateKey, public_blob: bytes, message: bytes) -> str:
    """An armored SSHSIG signature (namespace git, sha512), as ``ssh-keygen -Y sign`` makes."""
    digest = hashlib.sha512(message).digest()
    signed = b"SSHSIG" + _string(b"git") + _string(b"") + _string(b"sha512") + _string(digest)
    signature = _string(b"ssh-ed25519") + _string(key.sign(signed))
    blob = (
        b"SSHSIG"
        + struct.pack(">I", 1)
        + _string(public_blob)
        + _string(b"git")
        + _string(b"")
        + _string(b"sha512")
        + _string(signature)
    )
    text = base64.b64encode(blob).decode()
    lines = [text[i : i + 70] for i in range(0, len(text), 70)]
    return "-----BEGIN SSH SIGNATURE-----\n" + "\n".join(lines) + "\n-----END SSH SIGNATURE-----"


def signed_commit(
    tree: str,
    parent: str,
    who: tuple[str, str],
    when: int,
    message: str,
    key: Ed25519PrivateKey,
    public_blob: bytes,
) -> bytes:
    ident = f"{who[0]} <{who[1]}> {when} +0800"
    payload = f"tree {tree}\nparent {parent}\nauthor {ident}\ncommitter {ident}\n\n{message}"
    armored = sshsig_sign(key, public_blob, payload.encode())
    header = "gpgsig " + armored.replace("\n", "\n ")
    head, _, body = payload.partition("\n\n")
    return f"{head}\n{header}\n\n{body}".encode()


Key = tuple[Ed25519PrivateKey, bytes, str]
Keys = dict[int, Key]


def ed25519_key(path: Path) -> Key:
    """A new ed25519 key made by ssh-keygen at ``path``: (private key, public key blob,
    public key line)."""
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(path)],
        check=True,
        capture_output=True,
    )
    private = serialization.load_ssh_private_key(path.read_bytes(), None)
    assert isinstance(private, Ed25519PrivateKey)
    public = path.with_suffix(".pub").read_text().strip()
    return private, base64.b64decode(public.split()[1]), public


def reviewer_keys(root: Path) -> Keys:
    """One ed25519 key per review stage, made by ssh-keygen in ``root``."""
    return {stage: ed25519_key(root / f"key{stage}") for stage in REVIEWERS}


def verify_commit_seconds(repo: Path, allowed: Path | str, oids: list[str]) -> float:
    """Seconds per commit of the baseline: one ``git verify-commit`` process for each of
    ``oids``, each of which must verify."""
    t0 = time.perf_counter()
    for oid in oids:
        proc = subprocess.run(
            ["git", "-c", f"gpg.ssh.allowedSignersFile={allowed}", "verify-commit", oid],
            cwd=repo,
            capture_output=True,
            env={**os.environ, **ENV},
            check=False,
        )
        assert proc.returncode == 0, proc.stderr
    return (time.perf_counter() - t0) / len(oids)


def roster_text(keys: Keys) -> str:
    """``content/roster.yml``: the author (no key) and the three reviewers with their keys."""
    people = "".join(
        f"  - name: {name}\n    email: {email}\n    roles: [{role}]\n    keys:\n"
        f"      - {keys[stage][2]}\n"
        for stage, (name, email), role in zip(
            REVIEWERS, REVIEWERS.values(), ("editor", "chief_editor", "leader"), strict=True
        )
    )
    return (
        "people:\n  - name: 王芳\n    email: wangfang@example.gov.cn\n    roles: [editor]\n"
        + people
    )


def approval_message(stage: int, path: str, blob: str) -> str:
    """The message of a stage-``stage`` approval of ``path`` at ``blob``."""
    name, email = REVIEWERS[stage]
    return (
        f"审核通过：{path}\n\nReview-Stage: {stage}\nApproves: {path}@{blob}\n"
        f"Signed-off-by: {name} <{email}>\n"
    )


def build(root: Path, posts: int) -> tuple[Path, str, str, list[str], Path]:
    repo = root / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    keys = reviewer_keys(root)
    (repo / "content").mkdir()
    (repo / "content/roster.yml").write_text(roster_text(keys), encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "roster")
    base = git(repo, "rev-parse", "HEAD").strip()
    folder = repo / "content/posts/2026/11"
    folder.mkdir(parents=True)
    for i in range(posts):
        (folder / f"post-{i:04d}.md").write_text(
            f"---\ntitle: 测试文章 {i}\ndate: 2026-11-20\nauthor: {AUTHOR}\nchannels: [wechat]\n"
            f"---\n\n正文 {i}。\n",
            encoding="utf-8",
        )
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "posts")
    parent = git(repo, "rev-parse", "HEAD").strip()
    tree = git(repo, "rev-parse", "HEAD^{tree}").strip()
    blobs = {
        line.split("\t")[1]: line.split()[2]
        for line in git(repo, "ls-tree", "-r", "HEAD", "content/posts").splitlines()
    }
    objects = root / "objects"
    objects.mkdir()
    files: list[str] = []
    approvals: list[str] = []
    when = 1795000000
    for stage, who in REVIEWERS.items():
        private, public_blob, _ = keys[stage]
        for path, blob in sorted(blobs.items()):
            message = approval_message(stage, path, blob)
            when += 1
            raw = signed_commit(tree, parent, who, when, message, private, public_blob)
            oid = hashlib.sha1(b"commit %d\0" % len(raw) + raw).hexdigest()
            target = objects / f"{len(files):05d}"
            target.write_bytes(raw)
            files.append(str(target))
            approvals.append(oid)
            parent = oid
    written = git(
        repo, "hash-object", "-t", "commit", "-w", "--stdin-paths", input="\n".join(files).encode()
    ).split()
    assert written == approvals, "commit ids differ from git's"
    git(repo, "update-ref", "refs/heads/feature", parent)
    allowed = root / "allowed_signers"
    allowed.write_text(
        "".join(f'{email} namespaces="git" {keys[s][2]}\n' for s, (_, email) in REVIEWERS.items()),
        encoding="utf-8",
    )
    return repo, base, parent, approvals, allowed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument(
        "--quick", action="store_true", help="time git verify-commit on 300 commits and scale up"
    )
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="govmedia-review-bench-"))
    try:
        t0 = time.perf_counter()
        repo, base, head, approvals, allowed = build(root, args.posts)
        print(
            f"built {args.posts} posts, {len(approvals)} signed approvals in "
            f"{time.perf_counter() - t0:.1f} s"
        )

        signatures.clear_cache()
        t0 = time.perf_counter()
        reviews = verify_range(repo, base, head)
        fast = time.perf_counter() - t0
        publishable = sum(r.publishable for r in reviews)
        assert len(reviews) == args.posts and publishable == args.posts, (len(reviews), publishable)
        t0 = time.perf_counter()
        verify_range(repo, base, head)
        cached = time.perf_counter() - t0

        sample = approvals[: min(300, len(approvals))] if args.quick else approvals
        per_commit = verify_commit_seconds(repo, allowed, sample)
        baseline = per_commit * len(approvals)
        label = f"(measured on {len(sample)}, scaled)" if args.quick else "(measured)"
        print(
            f"govmedia verify_range ({args.posts} posts, {len(approvals)} approvals): {fast:.2f} s"
            f"  [again, cached verdicts: {cached:.2f} s]"
        )
        print(
            f"git verify-commit, one process per commit: {baseline:.1f} s {label}, "
            f"{per_commit * 1000:.1f} ms/commit"
        )
        print(f"ratio: {baseline / fast:.0f}x (target >= 20x)")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
