"""Speed of ``govmedia check`` as users run it, each row against a baseline in the same run.

1. one post, new process, 44-post repository (warm private cache) / ``python -c pass``;
2. the same post in a 1,000-post repository / in the 44-post one (flat: ≤ 1.1);
3. the pre-commit hook (the installed script, one staged post) / the hook's own
   ``python -I -m pipeline check`` command (≤ 1.2);
4. ``govmedia check`` of the whole 1,000-post repository (new process, default ``--jobs``
   and ``--jobs 1``) against a raw pyahocorasick scan of the same bodies with the same
   lexicon terms (best of 3, in process): throughput ratio raw time / check time (≥ 0.5),
   with the CPU time and the ratio in CPU time (the raw scan's CPU against the check's, its
   workers included), the ratio less a one-post check of the same repository (what every
   run pays once), and the text rules alone in process (CPU time);
5. the same check through the result store (``--jobs 1`` and the default), each against a
   raw scan measured in the same runs, wall and CPU: the first run with an empty store (a
   cold check that also fills it), every file unchanged (warm), and one file of the
   repository changed before each run.

Rows 1, 2 and 4 are cold checks (``--no-cache``): the store would answer them from the first
run. Row 3 runs the hook as installed and its own command, both through the store.

Timings are medians of ``--runs`` runs, the two sides of a row interleaved so that both
see the same machine load; rows 1–3 give the CPU time (user + system) beside the wall time. Peak memory: ``ru_maxrss`` of each measured process (wait4).
Repositories are generated from the sample posts (``tests/check_support.py``).

Run: ``.venv/bin/python benchmarks/check_speed.py [--posts 1000] [--runs 11]``; the corpus
row alone: ``--corpus-only [--corpus-runs 3]``; ``--base <checkout>`` measures another
checkout (main, before a change) in the same corpus runs, interleaved, after checking that
both print the same findings, and in the same runs through the store (each with its own).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import ahocorasick  # noqa: E402

from pipeline.rules import RuleChecker  # noqa: E402
from tests.check_support import grow_repo  # noqa: E402

POST = "content/posts/2026/06/shequ-xuanchuan-jindu.md"
CHECK = [sys.executable, "-m", "pipeline", "check"]
SAMPLE_POSTS = 44


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, _, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - t0, int(usage.ru_maxrss)


def pair(
    name: str,
    a: tuple[list[str], Path],
    b: tuple[list[str], Path],
    env: dict[str, str],
    runs: int,
    target: str,
) -> dict[str, float]:
    """Interleaved medians of ``a`` and ``b``; prints the row ``a / b`` in wall time and in
    CPU time (user + system: steadier when other work loads the machine)."""
    times_a, times_b, cpu_a, cpu_b, peak_a, peak_b = [], [], [], [], 0, 0
    timed(*a, env)  # warm: bytecode, private cache
    timed(*b, env)
    for _ in range(runs):
        seconds, cpu, peak = timed_cpu(*a, env)
        times_a.append(seconds)
        cpu_a.append(cpu)
        peak_a = max(peak_a, peak)
        seconds, cpu, peak = timed_cpu(*b, env)
        times_b.append(seconds)
        cpu_b.append(cpu)
        peak_b = max(peak_b, peak)
    ma, mb = statistics.median(times_a), statistics.median(times_b)
    ca, cb = statistics.median(cpu_a), statistics.median(cpu_b)
    print(
        f"{name}: {ma:.3f} s vs {mb:.3f} s -> ratio {ma / mb:.2f}x (target {target}); "
        f"CPU {ca:.3f} s vs {cb:.3f} s -> {ca / cb:.2f}x; "
        f"peak RSS {peak_a / 1024:.0f} MB vs {peak_b / 1024:.0f} MB; load {os.getloadavg()[0]:.1f}"
    )
    return {"a": ma, "b": mb, "ratio": ma / mb, "cpu_ratio": ca / cb}


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def hook_repo(repo: Path, env: dict[str, str]) -> list[str]:
    """``repo`` as a clone with the hook installed and one changed post staged."""
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=bench", "-c", "user.email=b@example.gov.cn", "commit", "-qm", "x")
    subprocess.run(
        [sys.executable, "-m", "pipeline", "install-pre-commit"],
        cwd=repo,
        env=env,
        check=True,
        capture_output=True,
    )
    post = repo / POST
    post.write_text(post.read_text(encoding="utf-8") + "\n本周活动照常进行。\n", encoding="utf-8")
    git(repo, "add", POST)
    return [str(repo / ".git" / "hooks" / "pre-commit")]


def bodies(repo: Path) -> list[str]:
    out = []
    for path in sorted((repo / "content" / "posts").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        out.append(text.split("\n---\n", 1)[1] if text.startswith("---\n") else text)
    return out


def raw_scan_seconds(texts: list[str], clock: Callable[[], float] = time.perf_counter) -> float:
    checker = RuleChecker(None)
    raw = ahocorasick.Automaton()
    for term in checker.matcher.terms:
        raw.add_word(term.text, term.rule)
    raw.make_automaton()
    best = float("inf")
    for _ in range(3):
        t0 = clock()
        sum(1 for text in texts for _ in raw.iter(text))
        best = min(best, clock() - t0)
    return best


def timed_cpu(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system of the process and of the workers it
    waited for) and peak RSS (KiB) of one process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, _, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - t0, usage.ru_utime + usage.ru_stime, int(usage.ru_maxrss)


def in_process(repo: Path, texts: list[str]) -> None:
    """The text rules alone, in this process, in CPU time (steadier than wall time on a
    shared machine): ``check_text`` (every lexicon, detector and the semantic layer) over
    the same bodies with a fresh checker and model, one pass; then the semantic layer alone
    with a fresh model. No start-up, no loading: what the rules cost per character."""
    from pipeline.rules import semantic
    from pipeline.rules.normalize import mask_markup

    raw_s = raw_scan_seconds(texts, time.process_time)
    semantic.default_model.cache_clear()
    checker = RuleChecker(repo)
    t0 = time.process_time()
    for text in texts:
        checker.check_text(text)
    rules_s = time.process_time() - t0
    semantic.default_model.cache_clear()
    model = semantic.default_model()
    masked = [mask_markup(text) for text in texts]
    t0 = time.process_time()
    for text, mask in zip(texts, masked, strict=True):
        semantic.detect(text, mask, model)
    semantic_s = time.process_time() - t0
    print(
        f"in process (CPU), every text rule over the bodies: {rules_s:.2f} s (semantic layer "
        f"alone {semantic_s:.2f} s) vs raw Aho-Corasick {raw_s:.3f} s -> ratio "
        f"{raw_s / rules_s:.2f}x (semantic alone {raw_s / semantic_s:.2f}x)"
    )


def throughput(repo: Path, env: dict[str, str], runs: int, base: Path | None = None) -> None:
    """``govmedia check`` of every post against a raw scan of the same bodies; also the
    marginal ratio: the whole check less a one-post check of the same repository (start-up,
    lexicons, index and output, paid once whatever the corpus), against the raw scan.
    ``base``: another checkout measured in the same runs, interleaved (before/after)."""
    texts = bodies(repo)
    size = sum(len(t) for t in texts)
    print(f"corpus: {len(texts)} posts, {size / 1e6:.2f} M characters (bodies)")
    one = [sys.executable, "-m", "pipeline", "check", "--no-cache", "--format", "json", POST]
    sides = {"": env} if base is None else {"": env, f" [base {base}]": base_env(env, base)}
    for side_env in sides.values():
        timed_cpu(for_checkout(one, side_env), repo, side_env)  # warm: bytecode, cache
    for jobs in (str(os.cpu_count() or 1), "1"):
        command = [*CHECK, "--no-cache", "--format", "json", "--jobs", jobs]
        if base is not None:
            same_output(command, repo, list(sides.values()))
        measured: dict[str, list[list[float]]] = {name: [[], [], [], []] for name in sides}
        raw_times, raw_cpu = [], []
        for turn in range(runs):
            raw_times.append(raw_scan_seconds(texts))
            raw_cpu.append(raw_scan_seconds(texts, time.process_time))
            for name, side_env in alternating(sides, turn):
                seconds, cpu, rss = timed_cpu(for_checkout(command, side_env), repo, side_env)
                one_s = timed_cpu(for_checkout(one, side_env), repo, side_env)[0]
                for column, value in zip(measured[name], (seconds, cpu, rss, one_s), strict=True):
                    column.append(value)
        raw_s = statistics.median(raw_times)
        for name, (walls, cpus, peaks, ones) in measured.items():
            check_s, cpu_s, one_s = map(statistics.median, (walls, cpus, ones))
            marginal = max(check_s - one_s, 1e-9)
            cpu_ratio = statistics.median(raw_cpu) / cpu_s
            print(
                f"govmedia check of {len(texts)} posts, --jobs {jobs}{name}: {check_s:.2f} s "
                f"(CPU {cpu_s:.2f} s; {size / check_s / 1e6:.2f} M chars/s) vs raw Aho-Corasick "
                f"{raw_s:.3f} s ({size / raw_s / 1e6:.2f} M chars/s) -> throughput ratio "
                f"{raw_s / check_s:.3f}x (target >= 0.5); less a one-post check ({one_s:.2f} s): "
                f"{raw_s / marginal:.3f}x; in CPU time {cpu_ratio:.3f}x; "
                f"peak RSS {max(peaks) / 1024:.0f} MB (largest process)"
            )
    in_process(repo, texts)


def stored(repo: Path, env: dict[str, str], runs: int, base: dict[str, str] | None = None) -> None:
    """``govmedia check`` through the result store against a raw scan of the same bodies,
    raw scan and check interleaved run by run: the first run (empty store), every file
    unchanged, one file changed before each run. Checks first that the three print what
    a cold check prints. ``base``: the environment of another checkout, measured in the
    same runs with a store of its own (CPU medians of both, and their ratio)."""
    texts = bodies(repo)
    post = repo / POST
    texts_of = {0: post.read_text(encoding="utf-8")}
    texts_of[1] = texts_of[0] + "\n本周活动照常进行。\n"
    sides = {"": env} if base is None else {"": env, " [base]": base}
    state = {"turn": 0}

    def empty() -> None:
        for side in sides.values():
            for path in (Path(side["XDG_CACHE_HOME"]) / "govmedia").glob("check-results-*.json"):
                path.unlink()

    def keep() -> None:
        pass

    def change() -> None:
        state["turn"] ^= 1
        post.write_text(texts_of[state["turn"]], encoding="utf-8")

    for jobs in ("1", str(os.cpu_count() or 1)):
        command = [*CHECK, "--format", "json", "--jobs", jobs]
        same = []
        for before in (empty, keep, change):
            before()  # then the stored run, then a cold one of the same files
            found = subprocess.run(command, cwd=repo, env=env, capture_output=True).stdout
            cold = subprocess.run([*command, "--no-cache"], cwd=repo, env=env, capture_output=True)
            same.append(found == cold.stdout)
        verdict = "identical to a cold check" if all(same) else "DIFFERS"
        print(f"store, --jobs {jobs}: output of the three kinds of run {verdict}")
        for name, before in (
            ("first run, empty store", empty),
            ("every file unchanged", keep),
            (f"one file of {len(texts)} changed", change),
        ):
            measured: dict[str, tuple[list[float], list[float]]] = {s: ([], []) for s in sides}
            raws, raw_cpus = [], []
            for side in sides.values():
                timed_cpu(command, repo, side)  # the store as the row starts it
            for turn in range(runs):
                raws.append(raw_scan_seconds(texts))
                raw_cpus.append(raw_scan_seconds(texts, time.process_time))
                before()
                for label, side in alternating(sides, turn):
                    seconds, cpu, _ = timed_cpu(command, repo, side)
                    measured[label][0].append(seconds)
                    measured[label][1].append(cpu)
            raw, raw_cpu = statistics.median(raws), statistics.median(raw_cpus)
            for label, (walls, cpus) in measured.items():
                wall, cpu = statistics.median(walls), statistics.median(cpus)
                print(
                    f"govmedia check of {len(texts)} posts through the store, --jobs {jobs}, "
                    f"{name}{label}: {wall:.3f} s (CPU {cpu:.3f} s) vs raw Aho-Corasick "
                    f"{raw:.3f} s (CPU {raw_cpu:.3f} s) -> throughput ratio {raw / wall:.3f}x "
                    f"wall, {raw_cpu / cpu:.3f}x CPU (target >= 0.5); load {os.getloadavg()[0]:.1f}"
                )
            if base is not None:
                cpu_of = {label: statistics.median(c) for label, (_, c) in measured.items()}
                print(f"  CPU, this checkout / base: {cpu_of[''] / cpu_of[' [base]']:.3f}")
    post.write_text(texts_of[0], encoding="utf-8")


def alternating(sides: dict[str, dict[str, str]], turn: int) -> list[tuple[str, dict[str, str]]]:
    """The checkouts of ``sides`` in their order on even turns, reversed on odd ones: the
    one run first after the raw scans is not always the same one."""
    order = list(sides.items())
    return order[::-1] if turn % 2 else order


def base_env(env: dict[str, str], base: Path) -> dict[str, str]:
    """``env`` for the checkout at ``base``, with a private cache of its own."""
    return dict(env, PYTHONPATH=str(base), XDG_CACHE_HOME=env["XDG_CACHE_HOME"] + "-base")


def for_checkout(command: list[str], env: dict[str, str]) -> list[str]:
    """``command`` for the checkout of ``env``: without ``--no-cache`` for one that predates
    the result store (it checks every file anyway)."""
    source = Path(env["PYTHONPATH"]) / "pipeline" / "commands" / "check.py"
    if "--no-cache" in source.read_text(encoding="utf-8"):
        return command
    return [part for part in command if part != "--no-cache"]


def same_output(command: list[str], repo: Path, envs: list[dict[str, str]]) -> None:
    """Both checkouts print the same findings, byte for byte (else the comparison is void)."""
    outputs = {
        subprocess.run(
            for_checkout(command, e), cwd=repo, env=e, capture_output=True, check=False
        ).stdout
        for e in envs
    }
    print(f"output of {' '.join(command[1:])}: {'identical' if len(outputs) == 1 else 'DIFFERS'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="govmedia check speed")
    parser.add_argument("--posts", type=int, default=1000, help="posts of the large repository")
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--corpus-runs", type=int, default=3)
    parser.add_argument("--corpus-only", action="store_true", help="only the corpus row")
    parser.add_argument(
        "--base", type=Path, help="another checkout, measured in the same corpus runs"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        large = grow_repo(work / "large", max(0, args.posts - SAMPLE_POSTS))
        env = dict(os.environ)
        env["PYTHONPATH"] = str(ROOT)
        env["XDG_CACHE_HOME"] = str(work / "cache")
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: bytecode compiled
        if args.corpus_only:
            throughput(large, env, args.corpus_runs, args.base)
            stored(large, env, args.corpus_runs, base_env(env, args.base) if args.base else None)
            return 0
        small = grow_repo(work / "small", 0)
        one = [*CHECK, "--no-cache", POST]
        cold, _ = timed(one, large, env)
        print(
            f"first one-post check in the {args.posts}-post repository (empty cache): {cold:.2f} s"
        )
        pair(
            "one-post check (44 posts) / python -c pass",
            (one, small),
            ([sys.executable, "-c", "pass"], small),
            env,
            args.runs,
            "check <= 0.3 s",
        )
        pair(
            f"one-post check, {args.posts} posts / 44 posts",
            (one, large),
            (one, small),
            env,
            args.runs,
            "<= 1.1",
        )
        hook = hook_repo(small, env)
        pair(
            "pre-commit hook / its own check command",
            (hook, small),
            ([sys.executable, "-I", "-m", "pipeline", "check", POST], small),
            env,
            args.runs,
            "<= 1.2",
        )
        throughput(large, env, args.corpus_runs, args.base)
        stored(large, env, args.corpus_runs, base_env(env, args.base) if args.base else None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
