"""Red team round 45: time as an attack surface, China's new year on a server kept on UTC.

A resident identity number is flagged (A9-11) only when its birth date is real, and a
birth year later than this year's is not. "This year" was the machine's: a server on UTC
is still in the old year for the first eight hours of China's new one, so a newborn's
number (born on 1 January) in a post checked then passed unflagged; and the check's stored
results, keyed by the machine's year, kept the answer given on New Year's Eve.

The real ``govmedia check`` in new processes, the machine on UTC (``TZ``) and its clock set
to the moment wanted (as ``faketime`` sets it: ``time.time`` in that process).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.check_support import grow_repo
from tests.conftest import PROJECT_ROOT

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
# this year, on the real clock: the eve is always ahead, and China's new year after it
YEAR = dt.datetime.now(dt.UTC).year
EVE = dt.datetime(YEAR, 12, 31, 15, 0, tzinfo=dt.UTC)  # 23:00 in Beijing, 31 December
NEW_YEAR = dt.datetime(YEAR, 12, 31, 17, 0, tzinfo=dt.UTC)  # 01:00 in Beijing, 1 January
RUN = (
    "import sys, time, runpy; moved = float(sys.argv.pop(1)) - time.time(); real = time.time;"
    " time.time = lambda: real() + moved; sys.argv[0] = 'govmedia';"
    " runpy.run_module('pipeline', run_name='__main__', alter_sys=True)"
)


def resident_id(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True))
    return first17 + "10X98765432"[total % 11]


def check_at(root: Path, moment: dt.datetime, *paths: str) -> list[dict[str, object]]:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "TZ": "UTC",  # the machine's zone: the server's, not the unit's
        "HOME": str(root.parent),
        "XDG_CACHE_HOME": str(root.parent / "xdg"),  # the stored results, kept between runs
        "PYTHONPATH": str(PROJECT_ROOT),
    }
    args = ["check", "--format", "json", "--jobs", "1", *paths]
    done = subprocess.run(
        [sys.executable, "-c", RUN, str(moment.timestamp()), *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return list(json.loads(done.stdout))


@pytest.fixture
def newborn_post(tmp_path: Path) -> tuple[Path, str]:
    root = grow_repo(tmp_path / "unit", 0)
    rel = f"content/posts/{YEAR + 1}/01/xinsheng-er.md"
    post = root / rel
    post.parent.mkdir(parents=True, exist_ok=True)
    number = resident_id(f"110105{YEAR + 1}0101002")
    post.write_text(
        "---\ntitle: 新年第一个宝宝\ndate: "
        f"{YEAR + 1}-01-01\nauthor: 刘洋 <liuyang@example.gov.cn>\nchannels: [weibo]\n"
        "category: 便民服务\noriginal: true\n---\n\n"
        f"新年第一个宝宝李小宝已办好户口，身份证号码是{number}，请家长尽快领取。\n",
        encoding="utf-8",
    )
    return root, rel


def _flagged(findings: list[dict[str, object]], rel: str) -> bool:
    return any(f["path"] == rel and f["rule"] == "A9-11" for f in findings)


def test_a_newborns_id_number_is_flagged_from_chinas_new_year_on_a_server_on_utc(
    newborn_post: tuple[Path, str],
) -> None:
    root, rel = newborn_post
    assert not _flagged(check_at(root, EVE, rel), rel)  # born tomorrow: not a number yet
    # one hour after midnight in Beijing, still 31 December on the machine; the result
    # stored on New Year's Eve is not taken for the new year
    assert _flagged(check_at(root, NEW_YEAR, rel), rel)


def test_the_same_number_is_flagged_without_stored_results(
    newborn_post: tuple[Path, str],
) -> None:
    root, rel = newborn_post
    assert _flagged(check_at(root, NEW_YEAR, rel, "--no-cache"), rel)
