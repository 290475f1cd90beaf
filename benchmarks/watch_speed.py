"""Account-watch speed: reconcile N published posts × 3 channels against the emulators.

Publishes BENCH_WATCH_POSTS (default 200) generated posts to a loopback emulator (its
own process), then times ``govmedia watch``'s reconciliation (listing every page of the
three accounts, the ledger's fold, the text comparison) in two ways:

- baseline: the ledger records carry ``content_sha256`` (recorded at publish time);
- fallback: the same ledger with the hashes removed, so that every approved version is
  rendered again from its blob to compare (what older ledgers need).

Every run must come out clean (no discrepancy): the figures are for a correct watch.

It also times what a watch spends on its three platform clients before the first request:
with httpx's default transport each built a verified TLS context (the CA bundle loaded)
even for plain-http URLs; the clients now build one only for https, once per process
(pipeline/platforms/tls.py). Both are measured in the same run.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("BENCH_POSTS", os.environ.get("BENCH_WATCH_POSTS", "200"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import httpx
import publish_speed as ps
from _publisher import Emulated

from pipeline.ledger import CHECKSUM_FIELD, checksum
from pipeline.platforms.channels import Channels
from pipeline.platforms.http import make_client
from pipeline.platforms.settings import Settings
from pipeline.project import Project
from pipeline.publishing.run import run_publish
from pipeline.watch.run import watch

REPEATS = 3


def strip_hashes(ledger: Path) -> None:
    for path in ledger.glob("*.jsonl"):
        lines = []
        for line in path.read_text(encoding="utf-8").splitlines():
            data = json.loads(line)
            data.get("detail", {}).pop("content_sha256", None)
            data[CHECKSUM_FIELD] = checksum(data)  # as a ledger written before the hashes
            lines.append(json.dumps(data, ensure_ascii=False))
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def timed(repo: Path, settings: Settings, env: dict[str, str]) -> float:
    runs = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        result = watch(Project(repo), env=env, settings=settings)
        runs.append(time.perf_counter() - start)
        if result.found:
            raise SystemExit(f"watch_speed: unexpected findings: {result.found[:3]}")
    return statistics.median(runs)


def client_setup(url: str) -> tuple[float, float]:
    """Seconds to build a watch's three clients for ``url`` and send each one request: with
    httpx's default (eager) transport, and with the clients' own (median of REPEATS each)."""

    def three(make: object) -> float:
        start = time.perf_counter()
        for _ in range(3):
            with make() as client:  # type: ignore[operator]
                client.get(url + "/_emulator/published")
        return time.perf_counter() - start

    eager = [three(lambda: httpx.Client(trust_env=False)) for _ in range(REPEATS)]
    lazy = [three(lambda: make_client("")) for _ in range(REPEATS)]
    return statistics.median(eager), statistics.median(lazy)


def measure(posts: int) -> dict[str, float]:
    """Publish ``posts`` posts, then time the watch: with hashes in the ledger (baseline),
    with every version re-rendered, and the clients' TLS set-up, eager against lazy."""
    ps.rate_limits()
    base = Path(tempfile.mkdtemp(prefix="govmedia-bench-watch-"))
    emulator = Emulated(posts)
    try:
        repo = base / "unit"
        blobs = ps.make_repo(repo, posts)
        ps.git(repo, "config", "user.name", "bench")
        ps.git(repo, "config", "user.email", "b@x")
        settings = emulator.settings(repo)
        code = run_publish(
            Project(repo),
            review=ps.stand_in(blobs),
            channels=Channels(settings),
            jobs=4,
            progress=False,
            say=lambda line: None,
        )
        if code != 0:
            raise SystemExit(f"watch_speed: publishing failed (exit {code})")
        env = {"GOVMEDIA_APP_PUSH": emulator.app_push_url}
        hashed = timed(repo, settings, env)
        strip_hashes(repo / "ledger")
        rerendered = timed(repo, settings, env)
        eager, lazy = client_setup(emulator.url)
    finally:
        emulator.stop()
        shutil.rmtree(base, ignore_errors=True)
    return {"hashed": hashed, "rerendered": rerendered, "eager_tls": eager, "lazy_tls": lazy}


def main() -> int:
    posts = ps.POSTS
    items = 3 * posts
    print(f"watch_speed: {posts} posts × 3 channels = {items} items, median of {REPEATS}")
    m = measure(posts)
    hashed, rerendered = m["hashed"], m["rerendered"]
    print(f"  hashes in the ledger (baseline): {hashed:6.2f} s  {items / hashed:7.0f} items/s")
    print(
        f"  approved versions re-rendered:   {rerendered:6.2f} s  "
        f"{items / rerendered:7.0f} items/s  ×{rerendered / hashed:.1f} the baseline"
    )
    print(
        f"  three clients, one plain-http request each: eager TLS contexts (baseline) "
        f"{m['eager_tls']:.3f} s, lazy {m['lazy_tls']:.3f} s  ×{m['lazy_tls'] / m['eager_tls']:.2f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
