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

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from publish_speed import POSTS, make_repo, publish_run, rate_limits


def measure(template: Path, blobs: dict[str, str], with_state: bool) -> tuple[float, int]:
    """One sequential publishing run of every post of ``template``: wall seconds and the
    size of the emulator's state file (0 without ``--state``)."""
    run = publish_run(template, blobs, 1, keep_state=with_state)
    return run.seconds, run.state_bytes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="the emulator's --state cost")
    parser.add_argument("--posts", type=int, default=POSTS)
    args = parser.parse_args(argv)
    rate_limits()
    base = Path(tempfile.mkdtemp(prefix="govmedia-bench-state-"))
    try:
        blobs = make_repo(base / "unit", args.posts)
        print(
            f"emulator_state: {args.posts} posts × 3 channels = {3 * args.posts} deliveries per run"
        )
        baseline, _ = measure(base / "unit", blobs, with_state=False)
        print(f"  emulator without --state (baseline): {baseline:7.1f} s")
        kept, size = measure(base / "unit", blobs, with_state=True)
        print(
            f"  emulator with --state:               {kept:7.1f} s  "
            f"ratio {kept / baseline:.2f}  (state file {size / 1e6:.1f} MB)"
        )
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
