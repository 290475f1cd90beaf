"""Benchmark: ``verify_history`` over 2,000 publisher-signed ledger commits, against checking
each commit's signature with its own ``git verify-commit`` process (measured on a sample).

The repository is real: a roster listing a publisher key made by ssh-keygen, then 2,000
first-parent commits each appending one record to a monthly ``ledger/*.jsonl`` file, signed
in-process (SSHSIG, as ``ssh-keygen -Y sign`` writes; see review_speed.py) and written with
``git hash-object --stdin-paths``. Also prints the time with the verified tip remembered in the
git directory (the next reader) and for one new step on top of it.

    python benchmarks/ledger_trust.py [--commits N]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import review_speed as rs

from pipeline import ledger_history, ledger_trust
from pipeline.review import signatures

PUBLISHER = ("govmedia 发布", "publisher@example.gov.cn")
PER_FILE = 100  # records per monthly file


def _oid(kind: str, data: bytes) -> str:
    return hashlib.sha1(f"{kind} {len(data)}\0".encode() + data).hexdigest()


def _tree(entries: list[tuple[str, str, str]]) -> bytes:
    return b"".join(
        f"{mode} {name}\0".encode() + bytes.fromhex(oid) for mode, name, oid in sorted(entries)
    )


def build(root: Path, commits: int) -> tuple[Path, str, str]:
    repo = root / "repo"
    repo.mkdir()
    rs.git(repo, "init", "-q", "-b", "main")
    private, public_blob, public = rs.ed25519_key(root / "publisher")
    (repo / "content").mkdir()
    (repo / "content/roster.yml").write_text(
        "people:\n  - name: 王芳\n    email: wangfang@example.gov.cn\n    roles: [editor]\n"
        f"publishers:\n  - name: {PUBLISHER[0]}\n    email: {PUBLISHER[1]}\n"
        f"    keys:\n      - {public}\n",
        encoding="utf-8",
    )
    rs.git(repo, "add", "-A")
    rs.git(repo, "commit", "-q", "-m", "roster")
    parent = rs.git(repo, "rev-parse", "HEAD").strip()
    content = rs.git(repo, "rev-parse", "HEAD:content").strip()
    objects = root / "objects"
    objects.mkdir()
    files: list[tuple[str, str]] = []  # (kind, path)
    texts: dict[str, bytes] = {}
    tip = parent
    when = 1795000000
    for n in range(commits):
        month = n // PER_FILE
        name = f"{2000 + month // 12}-{month % 12 + 1:02d}.jsonl"
        record = {"event": "published", "slug": f"post-{n}", "channel": "wechat", "run": "b"}
        texts[name] = texts.get(name, b"") + (json.dumps(record) + "\n").encode()
        written: list[tuple[str, bytes]] = [("blob", texts[name])]
        ledger_tree = _tree([("100644", f, _oid("blob", t)) for f, t in texts.items()])
        root_tree = _tree(
            [("40000", "content", content), ("40000", "ledger", _oid("tree", ledger_tree))]
        )
        written += [("tree", ledger_tree), ("tree", root_tree)]
        when += 1
        raw = rs.signed_commit(
            _oid("tree", root_tree),
            tip,
            PUBLISHER,
            when,
            f"Ledger: publish run {n}\n",
            private,
            public_blob,
        )
        written.append(("commit", raw))
        for kind, data in written:
            target = objects / f"{len(files):06d}"
            target.write_bytes(data)
            files.append((kind, str(target)))
        tip = _oid("commit", raw)
    for kind in ("blob", "tree", "commit"):
        paths = [p for k, p in files if k == kind]
        rs.git(
            repo, "hash-object", "-t", kind, "-w", "--stdin-paths", input="\n".join(paths).encode()
        )
    rs.git(repo, "update-ref", "refs/heads/main", tip)
    rs.git(repo, "reset", "-q", "--hard", "main")
    allowed = root / "allowed_signers"
    allowed.write_text(f'{PUBLISHER[1]} namespaces="git" {public}\n', encoding="utf-8")
    return repo, tip, str(allowed)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commits", type=int, default=2000)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="govmedia-ledger-bench-"))
    try:
        t0 = time.perf_counter()
        repo, _, allowed = build(root, args.commits)
        print(f"built {args.commits} signed ledger commits in {time.perf_counter() - t0:.1f} s")
        ledger_history.clear_cache(repo)
        signatures.clear_cache()
        t0 = time.perf_counter()
        result = ledger_trust.verify_history(repo, "main")
        cold = time.perf_counter() - t0
        assert result.checked == args.commits, result
        ledger_history.clear_cache()  # the process memo only: the git directory keeps the tip
        t0 = time.perf_counter()
        assert ledger_trust.verify_history(repo, "main").from_cache
        warm = time.perf_counter() - t0
        sample = rs.git(repo, "rev-list", "-n", "100", "main").split()
        per_commit = rs.verify_commit_seconds(repo, allowed, sample)
        baseline = per_commit * args.commits
        print(f"verify_history, {args.commits} ledger steps, nothing cached: {cold:.2f} s")
        print(f"verify_history, verified tip remembered in .git: {warm * 1000:.0f} ms")
        print(
            f"git verify-commit, one process per commit: {baseline:.1f} s "
            f"(measured on {len(sample)}, scaled), {per_commit * 1000:.1f} ms/commit"
        )
        print(f"ratio: {baseline / cold:.1f}x")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
