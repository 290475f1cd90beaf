"""Account-watch speed: reconcile N published posts × 3 channels against the emulators.

Publishes BENCH_WATCH_POSTS (default 200) generated posts to a loopback emulator (its
own process), then times ``govmedia watch``'s reconciliation (listing every page of the
three accounts, the ledger's fold, the text comparison) in two ways:

- baseline: the ledger records carry ``content_sha256`` (recorded at publish time);
- fallback: the same ledger with the hashes removed, so that every approved version is
  rendered again from its blob to compare (what older ledgers need).

Every run must come out clean (no discrepancy): the figures are for a correct watch.
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

import publish_speed as ps
from _publisher import key_path

from pipeline.platforms.settings import Settings
from pipeline.project import Project
from pipeline.publish import Clients, run_publish
from pipeline.watch.run import watch

REPEATS = 3


def strip_hashes(ledger: Path) -> None:
    for path in ledger.glob("*.jsonl"):
        lines = []
        for line in path.read_text(encoding="utf-8").splitlines():
            data = json.loads(line)
            data.get("detail", {}).pop("content_sha256", None)
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


def main() -> None:
    for platform in ("WECHAT", "WEIBO", "APP"):
        os.environ[f"GOVMEDIA_RATE_{platform}"] = ps.RATE
    os.environ["GOVMEDIA_POLL_INTERVAL"] = "0.05"
    base = Path(tempfile.mkdtemp(prefix="govmedia-bench-watch-"))
    emulator = ps.Emulated()
    try:
        repo = base / "unit"
        blobs = ps.make_repo(repo)
        ps.git(repo, "config", "user.name", "bench")
        ps.git(repo, "config", "user.email", "b@x")
        settings = Settings(
            wechat_api=emulator.url,
            weibo_api=emulator.url,
            app_push=emulator.app_push_url,
            wechat_appid=ps.CREDS["appid"],
            wechat_secret=ps.CREDS["secret"],
            weibo_token=ps.CREDS["token"],
            weibo_rip="127.0.0.1",
            app_hmac_key=ps.CREDS["key"],
            site_url="https://gov.example.cn/archive/",
            publisher_key=str(key_path(repo)),
        )
        code = run_publish(
            Project(repo),
            review=ps.stand_in(blobs),
            clients=Clients(settings),
            jobs=4,
            progress=False,
            say=lambda line: None,
        )
        if code != 0:
            raise SystemExit(f"watch_speed: publishing failed (exit {code})")
        env = {"GOVMEDIA_APP_PUSH": emulator.app_push_url}
        items = 3 * ps.POSTS
        print(f"watch_speed: {ps.POSTS} posts × 3 channels = {items} items, median of {REPEATS}")
        hashed = timed(repo, settings, env)
        print(f"  hashes in the ledger (baseline): {hashed:6.2f} s  {items / hashed:7.0f} items/s")
        strip_hashes(repo / "ledger")
        rerendered = timed(repo, settings, env)
        print(
            f"  approved versions re-rendered:   {rerendered:6.2f} s  "
            f"{items / rerendered:7.0f} items/s  ×{rerendered / hashed:.1f} the baseline"
        )
    finally:
        emulator.stop()
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
