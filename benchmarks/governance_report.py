"""Speed of the 第十八条 annual report over a large ledger.

Baseline, measured in the same run: just reading the ledger (``Ledger.records()``).
The report reads the same records plus the registry, the posts and every published blob
(one ``git cat-file --batch``), so the ratio shows what the assessment itself costs.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.governance.period import parse_year  # noqa: E402
from pipeline.governance.report import build_report  # noqa: E402
from pipeline.ledger import Ledger, Record  # noqa: E402

RECORDS = 6000
PEOPLE = (
    "张伟 <zhangwei@example.gov.cn>",
    "李强 <liqiang@example.gov.cn>",
    "陈静 <chenjing@example.gov.cn>",
)


def best_of(runs: int, func: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "unit"
        shutil.copytree(ROOT / "content", repo / "content")
        subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
        ledger = Ledger(repo / "ledger")
        start = dt.datetime(2026, 3, 20, tzinfo=dt.UTC)
        for i in range(RECORDS):
            at = start + dt.timedelta(minutes=61 * i)
            stages = [
                {
                    "stage": s + 1,
                    "by": PEOPLE[s],
                    "commit": "c" * 40,
                    "at": (at - dt.timedelta(hours=3 - s)).isoformat(),
                }
                for s in range(3)
            ]
            ledger.append(
                Record(
                    "published",
                    f"post-{i}",
                    ("wechat", "weibo", "app")[i % 3],
                    at=at.isoformat(),
                    blob=f"{i:040x}",
                    detail={
                        "review": {
                            "stages": stages,
                            "drafted_at": (at - dt.timedelta(days=1)).isoformat(),
                        }
                    },
                )
            )
        period = parse_year("2026")
        today = dt.date(2026, 12, 31)
        base = best_of(3, lambda: list(ledger.records()))
        report = best_of(3, lambda: build_report([repo], period, today))
    print(f"ledger records: {RECORDS}")
    print(f"baseline (read the ledger): {base * 1000:.1f} ms")
    print(f"report --year 2026:         {report * 1000:.1f} ms  (x{report / base:.1f} of baseline)")


if __name__ == "__main__":
    main()
