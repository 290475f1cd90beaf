"""Benchmark: the server's pre-receive on a push of 50 commits over a history of 5,000, the
current code against the code before the security rewrite (``BASELINE_REV``), in the same run.

The repository is real and bare, like the unit's server: a roster with three ed25519 keys made
by ssh-keygen, then 5,000 first-parent commits on main — posts added, each followed by its three
SSH-signed approval commits (初审, 复审, 终审), and a few operator commits outside ``content/``
from before the server guarded main — packed by ``git gc``. The push adds 50 more commits, all
fast-forward: 12 posts with their three signed approvals each, and typo fixes to two of them
before their approvals; its objects sit in a pack of their own, unreferenced, as in git's
quarantine during a real pre-receive. Every object is computed in Python (approvals signed
in-process with SSHSIG by ``review_speed``'s helpers) and handed to ``git index-pack`` as one
pack, which checks each object and computes its id, so building takes seconds.

``python -m pipeline.review.server pre-receive`` then runs in the repository with stdin
``<old> <new> refs/heads/main``, once with PYTHONPATH = ``pipeline/`` of ``BASELINE_REV``
(``git archive``) and once with the current code, alternately, N times each; both must accept.
Prints medians, the ratio current/baseline (target <= 2.0x), the same with no bytecode cache
(every module compiled from source, as after an upgrade; ``--no-cold`` skips it), and a
control: the push without its last 终审 must be refused by both. ``--profile`` adds a cProfile
of one run of the current code.

    python benchmarks/prereceive_speed.py [--history N] [--push N] [--runs N] [--quick]
                                          [--no-cold] [--profile]
"""

from __future__ import annotations

import argparse
import hashlib
import io
import pstats
import statistics
import struct
import sys
import tarfile
import tempfile
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from review_speed import (  # noqa: E402
    AUTHOR,
    REVIEWERS,
    Keys,
    approval_message,
    git,
    reviewer_keys,
    roster_text,
    signed_commit,
)

from pipeline import proc  # noqa: E402

BASELINE_REV = "c62f92b"  # the last main before the security rewrite of pipeline/review
HOOK = ("-m", "pipeline.review.server", "pre-receive")
OPERATOR = "运维值班 <ops@example.gov.cn>"
TARGET = 2.0
POSTS_PER_MONTH = 40
PACK_TYPES = {"commit": 1, "tree": 2, "blob": 3}


# --- git objects computed in Python -------------------------------------------------------------


@dataclass
class Objects:
    """Objects computed in Python, written to a repository in bulk (one pack)."""

    pending: dict[str, dict[str, bytes]] = field(default_factory=dict)

    def add(self, kind: str, raw: bytes) -> str:
        oid = hashlib.sha1(b"%s %d\0" % (kind.encode(), len(raw)) + raw).hexdigest()
        self.pending.setdefault(kind, {})[oid] = raw
        return oid

    def flush(self, repo: Path) -> int:
        """Write the pending objects into ``repo`` as one pack (``git index-pack``, which
        checks every object and computes its id); check git holds them all, with their types."""
        count = sum(len(objects) for objects in self.pending.values())
        pack = [b"PACK" + struct.pack(">II", 2, count)]
        for kind, objects in self.pending.items():
            for raw in objects.values():
                pack.append(_pack_header(PACK_TYPES[kind], len(raw)) + zlib.compress(raw, 1))
        data = b"".join(pack)
        git(repo, "index-pack", "--stdin", input=data + hashlib.sha1(data).digest())
        names = [oid for objects in self.pending.values() for oid in objects]
        found = git(repo, "cat-file", "--batch-check", input="\n".join(names).encode())
        expected = [f"{oid} {kind}" for kind, objects in self.pending.items() for oid in objects]
        got = [" ".join(line.split()[:2]) for line in found.splitlines()]
        assert got == expected, "the pack does not hold the objects computed in Python"
        self.pending.clear()
        return count


def _pack_header(kind: int, size: int) -> bytes:
    """A pack entry's type and size: 3 bits of type, then the size, 7 bits a byte after 4."""
    out = bytearray()
    byte = (kind << 4) | (size & 0x0F)
    size >>= 4
    while size:
        out.append(byte | 0x80)
        byte = size & 0x7F
        size >>= 7
    out.append(byte)
    return bytes(out)


@dataclass
class Tree:
    """A directory whose tree id is recomputed only along the paths that change."""

    files: dict[str, str] = field(default_factory=dict)  # name -> blob id
    dirs: dict[str, Tree] = field(default_factory=dict)
    oid: str | None = None

    def put(self, path: str, blob: str) -> None:
        self.oid = None
        head, _, rest = path.partition("/")
        if not rest:
            self.files[head] = blob
            return
        self.dirs.setdefault(head, Tree()).put(rest, blob)

    def write(self, objects: Objects) -> str:
        if self.oid is not None:
            return self.oid
        entries = [(name, b"100644", oid) for name, oid in self.files.items()]
        entries += [(name, b"40000", sub.write(objects)) for name, sub in self.dirs.items()]
        # git orders entries by name, a directory's name as if it ended with "/"
        entries.sort(key=lambda e: e[0].encode() + (b"/" if e[1] == b"40000" else b""))
        raw = b"".join(
            mode + b" " + name.encode() + b"\0" + bytes.fromhex(oid) for name, mode, oid in entries
        )
        self.oid = objects.add("tree", raw)
        return self.oid


@dataclass
class Branch:
    """main as it grows: its tree, its tip, the blobs of its files."""

    objects: Objects
    keys: Keys
    tree: Tree = field(default_factory=Tree)
    tip: str = ""
    when: int = 1700000000
    blobs: dict[str, str] = field(default_factory=dict)

    def commit(self, who: str, message: str, files: dict[str, bytes]) -> str:
        for path, data in files.items():
            self.blobs[path] = self.objects.add("blob", data)
            self.tree.put(path, self.blobs[path])
        self.when += 60
        ident = f"{who} {self.when} +0800"
        parent = f"parent {self.tip}\n" if self.tip else ""
        raw = (
            f"tree {self.tree.write(self.objects)}\n{parent}author {ident}\ncommitter {ident}\n\n"
            f"{message}\n"
        )
        self.tip = self.objects.add("commit", raw.encode())
        return self.tip

    def approve(self, stage: int, path: str) -> str:
        """A signed approval of ``path``'s current blob: an empty commit, as govmedia approve."""
        private, public_blob, _ = self.keys[stage]
        self.when += 60
        message = approval_message(stage, path, self.blobs[path])
        tree = self.tree.write(self.objects)
        raw = signed_commit(
            tree, self.tip, REVIEWERS[stage], self.when, message, private, public_blob
        )
        self.tip = self.objects.add("commit", raw)
        return self.tip


def post(number: int) -> tuple[str, bytes]:
    """Path and bytes of a valid post (the month follows the number)."""
    months = 2023 * 12 + number // POSTS_PER_MONTH
    year, month = divmod(months, 12)
    month += 1
    path = f"content/posts/{year}/{month:02d}/post-{number:05d}.md"
    body = "".join(
        f"第{n}段：市政务服务中心发布第 {number} 号便民服务信息，请办事群众提前预约，按时到场办理。\n\n"
        for n in range(1, 9)
    )
    text = (
        f"---\ntitle: 便民服务信息第 {number} 号\ndate: {year}-{month:02d}-15\nauthor: {AUTHOR}\n"
        f"channels: [wechat, weibo, app]\ncategory: 通知公告\n---\n\n{body}"
    )
    return path, text.encode()


def publish_post(branch: Branch, number: int, fix: bool = False) -> int:
    """A post added to main with its three approvals (and a typo fix before them): commits."""
    path, data = post(number)
    branch.commit(AUTHOR, f"新增文章：{path}", {path: data})
    commits = 1
    if fix:
        branch.commit(
            AUTHOR, f"修改错字：{path}", {path: data.replace("按时".encode(), "准时".encode())}
        )
        commits += 1
    for stage in REVIEWERS:
        branch.approve(stage, path)
    return commits + len(REVIEWERS)


def operator_commit(branch: Branch, number: int) -> int:
    """A commit outside ``content/`` (site configuration), from before the server guarded main."""
    config = f"site_name: 市政务服务中心\nextra:\n  revision: {number}\n".encode()
    branch.commit(OPERATOR, "站点配置", {"mkdocs.yml": config})
    return 1


@dataclass(frozen=True)
class Built:
    repo: Path
    old: str
    new: str
    short: str  # the push without its last approval
    last_post: str  # the post whose 终审 that approval is
    summary: str


def build(root: Path, history: int, push: int) -> Built:
    """The bare repository: ``history`` commits on main, ``push`` more in a pack of their own."""
    repo = root / "repo.git"
    git(root, "init", "-q", "--bare", "-b", "main", str(repo))
    objects = Objects()
    branch = Branch(objects, reviewer_keys(root))
    branch.commit(AUTHOR, "名册", {"content/roster.yml": roster_text(branch.keys).encode()})
    operators = max(1, history // 125)
    posts = (history - 1 - operators) // 4
    operators = history - 1 - 4 * posts
    every = max(1, posts // operators)
    count, ops = 1, 0
    for number in range(posts):
        count += publish_post(branch, number)
        if number % every == every - 1 and ops < operators:
            ops += 1
            count += operator_commit(branch, ops)
    while ops < operators:
        ops += 1
        count += operator_commit(branch, ops)
    assert count == history, (count, history)
    old = branch.tip
    objects.flush(repo)
    git(repo, "update-ref", "refs/heads/main", old)
    git(repo, "gc", "-q")  # as on a server: one delta-compressed pack, a commit-graph

    pushed_posts = push // 4
    fixes = min(push - 4 * pushed_posts, pushed_posts)
    added = 0
    for index in range(pushed_posts):
        added += publish_post(branch, posts + index, fix=index < fixes)
    new = branch.tip
    objects.flush(repo)
    short = git(repo, "rev-parse", f"{new}~1").strip()
    summary = (
        f"history {count} commits ({posts} posts, {3 * posts} signed approvals, {operators} "
        f"operator commits), push {added} commits ({pushed_posts} posts, {3 * pushed_posts} "
        f"signed approvals, {fixes} typo fixes)"
    )
    last_post, _ = post(posts + pushed_posts - 1)
    return Built(repo, old, new, short, last_post, summary)


# --- the two versions of the code ---------------------------------------------------------------


def extract_baseline(dest: Path) -> Path | None:
    """``pipeline/`` of ``BASELINE_REV`` under ``dest`` (None: the commit is not available)."""
    code, _, _ = proc.run(
        ["git", "cat-file", "-e", f"{BASELINE_REV}^{{commit}}"], cwd=ROOT, check=False
    )
    if code != 0:
        return None
    _, archive, _ = proc.run(["git", "archive", "--format=tar", BASELINE_REV, "pipeline"], cwd=ROOT)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(dest, filter="data")
    return dest


def check_origin(repo: Path, code_dir: Path) -> None:
    """The hook, run as in ``run_hook``, imports ``pipeline`` from ``code_dir``."""
    _, out, _ = proc.run(
        [sys.executable, "-c", "import pipeline.review.server as m; print(m.__file__)"],
        cwd=repo,
        env={"PYTHONPATH": str(code_dir)},
    )
    origin = Path(out.decode().strip()).resolve()
    assert origin.is_relative_to(code_dir.resolve()), (origin, code_dir)


@dataclass
class Run:
    seconds: float
    code: int
    stderr: str


def run_hook(
    repo: Path, code_dir: Path, stdin: str, *, cold: Path | None = None, pre: tuple[str, ...] = ()
) -> Run:
    """One ``pre-receive`` process; ``cold``: a fresh, empty bytecode cache directory."""
    env = {"PYTHONPATH": str(code_dir)}
    if cold is not None:
        env |= {"PYTHONPYCACHEPREFIX": str(cold), "PYTHONDONTWRITEBYTECODE": "1"}
    t0 = time.perf_counter()
    code, _, err = proc.run(
        [sys.executable, *pre, *HOOK], cwd=repo, input=stdin.encode(), env=env, check=False
    )
    return Run(time.perf_counter() - t0, code, err.decode("utf-8", "replace"))


@dataclass
class Series:
    label: str
    runs: list[Run] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    def line(self) -> str:
        times = [r.seconds for r in self.runs]
        codes = ",".join(str(r.code) for r in self.runs)
        return (
            f"{self.label:<9} median {self.median:6.3f} s  (min {min(times):.3f}, max "
            f"{max(times):.3f})  exit codes [{codes}]"
        )

    def refused(self) -> list[Run]:
        return [r for r in self.runs if r.code != 0]


def measure(
    repo: Path, codes: dict[str, Path], stdin: str, runs: int, scratch: Path | None
) -> list[Series]:
    """``runs`` runs of each version, alternating which goes first (fair to both under load)."""
    series = {label: Series(label) for label in codes}
    labels = list(codes)
    for index in range(runs):
        for label in labels if index % 2 == 0 else reversed(labels):
            cold = None
            if scratch is not None:
                cold = scratch / f"pycache-{label}-{index}"
                cold.mkdir(parents=True)
            series[label].runs.append(run_hook(repo, codes[label], stdin, cold=cold))
    return list(series.values())


def report(title: str, series: list[Series]) -> bool:
    """Print one measurement; False when a version refused the honest push."""
    print(title)
    for item in series:
        print("  " + item.line())
    ok = True
    for item in series:
        for run in item.refused()[:1]:
            ok = False
            print(f"  !! {item.label} refused the honest push (exit {run.code}):")
            print("     " + run.stderr.strip().replace("\n", "\n     "))
    by_label = {s.label: s for s in series}
    if "baseline" in by_label and "current" in by_label:
        ratio = by_label["current"].median / by_label["baseline"].median
        verdict = "ok" if ratio <= TARGET else "OVER TARGET"
        print(f"  ratio current/baseline: {ratio:.2f}x (target <= {TARGET:.1f}x) {verdict}")
    return ok


def profile(repo: Path, stdin: str, scratch: Path) -> None:
    """cProfile of one run of the current code: where the time goes."""
    out = scratch / "prereceive.prof"
    run = run_hook(repo, ROOT, stdin, pre=("-m", "cProfile", "-o", str(out)))
    print(f"profile of the current code (exit {run.code}, {run.seconds:.2f} s under cProfile):")
    stats = pstats.Stats(str(out), stream=sys.stdout)
    stats.strip_dirs().sort_stats("cumulative").print_stats(30)
    stats.sort_stats("tottime").print_stats(15)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--history", type=int, default=5000, help="commits on main before")
    parser.add_argument("--push", type=int, default=50, help="commits the push adds")
    parser.add_argument("--runs", type=int, default=None, help="timed runs of each (default 5)")
    parser.add_argument("--quick", action="store_true", help="2 runs of each")
    parser.add_argument("--no-cold", action="store_true", help="skip the no-bytecode-cache runs")
    parser.add_argument("--profile", action="store_true", help="cProfile the current code once")
    args = parser.parse_args()
    if args.history < 6 or args.push < 4:
        parser.error("--history 至少为 6，--push 至少为 4（一篇文章及其三审）。")
    runs = args.runs or (2 if args.quick else 5)
    with tempfile.TemporaryDirectory(prefix="govmedia-prereceive-bench-") as tmp:
        root = Path(tmp)
        t0 = time.perf_counter()
        built = build(root, args.history, args.push)
        print(f"built in {time.perf_counter() - t0:.1f} s: {built.summary}")
        codes = {"current": ROOT}
        baseline = extract_baseline(root / "baseline")
        if baseline is None:
            print(f"基线提交 {BASELINE_REV} 不可用（可能是浅克隆），跳过基线对比，只计时当前代码。")
        else:
            codes = {"baseline": baseline, "current": ROOT}
        for code_dir in codes.values():
            check_origin(built.repo, code_dir)
        stdin = f"{built.old} {built.new} refs/heads/main\n"
        for code_dir in codes.values():  # untimed: compiles the bytecode of each version
            run_hook(built.repo, code_dir, stdin)
        ok = report(
            f"pre-receive, {runs} runs each, warm (bytecode cached):",
            measure(built.repo, codes, stdin, runs, None),
        )
        if not args.no_cold:
            ok = (
                report(
                    f"pre-receive, {runs} runs each, cold (no bytecode cache):",
                    measure(built.repo, codes, stdin, runs, root / "cold"),
                )
                and ok
            )
        control = f"{built.old} {built.short} refs/heads/main\n"
        refused = {label: run_hook(built.repo, d, control).code for label, d in codes.items()}
        codes_text = ", ".join(f"{label} exit {code}" for label, code in refused.items())
        print(f"control, the push without its last 终审 (must be refused): {codes_text}")
        if any(code == 0 for code in refused.values()):
            print("  !! a version accepted an unapproved post: the timed runs prove nothing")
            ok = False
        if args.profile:
            profile(built.repo, stdin, root)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
