"""Benchmark: the CPU time of the server's pre-receive, with the copy index (A11-04) read
from git objects, against a baseline commit without it, at two archive sizes.

For each size the repository of ``prereceive_speed`` is built (a roster, then posts each
with three SSH-signed approvals, packed by ``git gc``) and a push of ``--push`` commits
(posts with their approvals) is judged by the hook of both versions, alternately, ``--runs``
times each; both must accept. The figure is CPU time (user + system of the hook and every
process it waits for: git, the content check's child), the median per version and their
ratio, with the load average at the start and the end.

    python benchmarks/prereceive_copies.py [--posts 100,1000] [--push 40] [--runs 5]
                                           [--baseline REV]
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import statistics
import sys
import sysconfig
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from prereceive_speed import HOOK, build  # noqa: E402

from pipeline import proc  # noqa: E402

BASELINE = "5b1e317"  # main before the server's copy index


def history_for(posts: int) -> int:
    """The ``--history`` of ``prereceive_speed.build`` that holds about ``posts`` posts."""
    return 1 + 4 * posts + max(1, (4 * posts) // 125)


def extract(rev: str, dest: Path) -> Path:
    _, archive, _ = proc.run(["git", "archive", "--format=tar", rev, "pipeline"], cwd=ROOT)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(dest, filter="data")
    return dest


def interpreter(code: Path, where: Path) -> Path:
    """A virtual environment whose ``pipeline`` is ``code``'s, over this one's packages: the
    hook starts its content check as ``python -I`` (no ``PYTHONPATH``), so each version
    needs an interpreter of its own for the child to run that version too."""
    base = getattr(sys, "_base_executable", sys.executable)
    proc.run([base, "-m", "venv", "--without-pip", str(where)])
    _, out, _ = proc.run(
        [str(where / "bin" / "python"), "-c", "import site; print(site.getsitepackages()[0])"]
    )
    packages = Path(out.decode().strip())
    here = sysconfig.get_paths()["purelib"]
    (packages / "govmedia-bench.pth").write_text(f"{code}\n{here}\n", encoding="utf-8")
    _, out, _ = proc.run(
        [str(where / "bin" / "python"), "-I", "-c", "import pipeline; print(pipeline.__file__)"]
    )
    assert Path(out.decode().strip()).resolve().is_relative_to(code.resolve()), out
    return where / "bin" / "python"


def cpu_of_hook(repo: Path, python: Path, stdin: str) -> tuple[float, int]:
    """(CPU seconds, exit code) of one hook process and the processes it waited for."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    code, _, _ = proc.run([str(python), *HOOK], cwd=repo, input=stdin.encode(), check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return used, code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", default="100,1000", help="archive sizes, comma-separated")
    parser.add_argument("--push", type=int, default=40, help="commits the push adds")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each version")
    parser.add_argument("--baseline", default=BASELINE, help="the commit to compare with")
    args = parser.parse_args()
    ok = True
    with tempfile.TemporaryDirectory(prefix="govmedia-copies-bench-") as tmp:
        sources = {"baseline": extract(args.baseline, Path(tmp, "baseline")), "current": ROOT}
        codes = {
            label: interpreter(code, Path(tmp, f"venv-{label}")) for label, code in sources.items()
        }
        print(f"load average at start: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        for size in (int(x) for x in args.posts.split(",")):
            where = Path(tmp, f"posts-{size}")
            where.mkdir()
            built = build(where, history_for(size), args.push)
            print(f"{size} posts: {built.summary}")
            stdin = f"{built.old} {built.new} refs/heads/main\n"
            for python in codes.values():  # untimed: compiles each version's bytecode
                cpu_of_hook(built.repo, python, stdin)
            times: dict[str, list[float]] = {label: [] for label in codes}
            labels = list(codes)
            for index in range(args.runs):
                for label in labels if index % 2 == 0 else reversed(labels):
                    used, exit_code = cpu_of_hook(built.repo, codes[label], stdin)
                    ok = ok and exit_code == 0
                    times[label].append(used)
            medians = {label: statistics.median(t) for label, t in times.items()}
            for label, values in times.items():
                shown = ", ".join(f"{v:.2f}" for v in values)
                print(f"  {label:<8} CPU median {medians[label]:.2f} s ({shown})")
            print(f"  ratio current/baseline: {medians['current'] / medians['baseline']:.2f}x")
        print(f"load average at end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    if not ok:
        print("!! a version refused the honest push: the figures prove nothing")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
