"""Publishing 500 posts to an emulator that keeps its state in a file (``--state``).

The emulator used to rewrite its whole state file after every request, so a 500-post run
(1,500 deliveries, some 6,000 requests) spent most of its time in the emulator. It now
writes a periodic snapshot (pipeline/emulators/state.py). Baseline, measured in the same
run: the same publish against an emulator without ``--state``. The ratio is what keeping
state costs; it should stay close to 1.

Uses publish_speed.py's generated posts and stand-in review (this measures publishing and
the emulator, not review).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import httpx  # noqa: E402
from publish_speed import CREDS, POSTS, RATE, emulator_settings, git, make_repo, stand_in  # noqa: E402

from pipeline.project import Project  # noqa: E402
from pipeline.publish import Clients, run_publish  # noqa: E402


class Emulated:
    """``govmedia emulate`` in its own process, with or without ``--state FILE``."""

    def __init__(self, state: Path | None) -> None:
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "GOVMEDIA_WECHAT_APPID": CREDS["appid"],
            "GOVMEDIA_WECHAT_SECRET": CREDS["secret"],
            "GOVMEDIA_WEIBO_TOKEN": CREDS["token"],
            "GOVMEDIA_APP_HMAC_KEY": CREDS["key"],
        }
        args = [sys.executable, "-m", "pipeline", "emulate", "--port", "0"]
        args += ["--weibo-hourly-limit", str(10 * POSTS)]
        if state is not None:
            args += ["--state", str(state)]
        self.proc = subprocess.Popen(
            args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
        )
        line = self.proc.stdout.readline() if self.proc.stdout else ""
        self.url = line.split("：", 1)[1].strip()

    def stop(self) -> None:
        self.proc.terminate()  # SIGTERM: the emulator writes its last snapshot
        self.proc.wait(timeout=30)


def measure(template: Path, blobs: dict[str, str], with_state: bool) -> tuple[float, int]:
    work = Path(tempfile.mkdtemp(prefix="govmedia-bench-state-"))
    repo = work / "unit"
    shutil.copytree(template, repo)
    git(repo, "config", "user.name", "bench")
    git(repo, "config", "user.email", "b@x")
    state = work / "emulator-state.json" if with_state else None
    emulator = Emulated(state)
    settings = emulator_settings(emulator.url, emulator.url + "/app/push", template)
    try:
        start = time.perf_counter()
        code = run_publish(
            Project(repo),
            review=stand_in(blobs),
            clients=Clients(settings),
            progress=False,
            say=lambda line: None,
        )
        elapsed = time.perf_counter() - start
        shown = httpx.get(emulator.url + "/_emulator/published", timeout=60).json()
        delivered = sum(len(v) for v in shown.values())
        if code != 0 or delivered != 3 * POSTS:
            raise SystemExit(f"benchmark run failed: exit {code}, deliveries {delivered}")
        emulator.stop()
        size = state.stat().st_size if state is not None and state.exists() else 0
        if with_state and not size:
            raise SystemExit("benchmark run failed: the emulator wrote no state file")
        return elapsed, size
    finally:
        if emulator.proc.poll() is None:
            emulator.stop()
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    for platform in ("WECHAT", "WEIBO", "APP"):
        os.environ[f"GOVMEDIA_RATE_{platform}"] = RATE
    os.environ["GOVMEDIA_POLL_INTERVAL"] = "0.05"
    base = Path(tempfile.mkdtemp(prefix="govmedia-bench-state-"))
    try:
        blobs = make_repo(base / "unit")
        print(f"emulator_state: {POSTS} posts × 3 channels = {3 * POSTS} deliveries per run")
        baseline, _ = measure(base / "unit", blobs, with_state=False)
        print(f"  emulator without --state (baseline): {baseline:7.1f} s")
        kept, size = measure(base / "unit", blobs, with_state=True)
        print(
            f"  emulator with --state:               {kept:7.1f} s  "
            f"ratio {kept / baseline:.2f}  (state file {size / 1e6:.1f} MB)"
        )
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
