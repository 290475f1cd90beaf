"""The demo's publisher replaying the sample year: ``python -I -m pipeline.demo.replay TIME...``.

Run by the demo in the server's work clone with the post-receive hook's publishing
environment. For each TIME (ISO 8601, the date of one or more sample posts) it moves the
emulators' clock there (``POST /_emulator/clock``), sets the same clock for itself
(``GOVMEDIA_EMULATOR_CLOCK``, which pipeline/clock.py honours only with loopback
emulators), and runs ``govmedia publish``'s own run: the posts dated that day go out and
the ledger records them at that time. The year's ledger commits are pushed once at the end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import time
from collections import Counter

import httpx

from pipeline import clock
from pipeline.error_handler import handle
from pipeline.errors import GovmediaError
from pipeline.project import Project, find_project
from pipeline.publishing.ledger_commit import push_ledger
from pipeline.publishing.run import run_publish

DONE = "已发布"


def _moment(text: str) -> dt.datetime:
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"不是 ISO 8601 时间：「{text[:40]}」") from None
    if value.tzinfo is None:
        raise argparse.ArgumentTypeError(f"时间须带时区：「{text[:40]}」")
    return value


def set_clock(http: httpx.Client, moment: dt.datetime) -> None:
    """This process's clock and the emulators' at ``moment`` (same offset from real time)."""
    offset = moment.timestamp() - time.time()
    os.environ[clock.ENV_NAME] = f"{offset:.3f}"
    clock.check()  # loopback emulators only, before anything is sent
    api = os.environ["GOVMEDIA_WECHAT_API"].rstrip("/")
    http.post(api + "/_emulator/clock", json={"offset": offset}).raise_for_status()


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except BaseException as exc:  # a Chinese message, never a traceback (error_handler.py)
        if isinstance(exc, SystemExit):
            raise
        return handle(exc, ["python -m pipeline.demo.replay"])


def _main(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.demo.replay")
    parser.add_argument("times", nargs="+", type=_moment, help="每次发布运行的时间（按先后）")
    args = parser.parse_args(argv)
    project = find_project()
    months: dict[str, Counter[str]] = {}
    runs: Counter[str] = Counter()
    with httpx.Client(timeout=10) as http:  # one client: each new one loads the CA store
        for moment in sorted(args.times):
            _run_at(http, project, moment, months, runs)
    for month, done in months.items():
        counts = "，".join(f"{name} {n} 条" for name, n in done.items())
        print(f"{month}：{runs[month]} 次发布运行（各在文章当日），{counts or '无'}")
    push_ledger(project)
    print("全年的发布台账提交（发布者密钥签名）一次推送到服务器。")
    return 0


def _run_at(
    http: httpx.Client,
    project: Project,
    moment: dt.datetime,
    months: dict[str, Counter[str]],
    runs: Counter[str],
) -> None:
    """One publishing run at ``moment``; what it published is counted per month."""
    set_clock(http, moment)
    lines: list[str] = []
    code = run_publish(project, progress=False, say=lines.append)
    month = f"{moment:%Y-%m}"
    runs[month] += 1
    done = months.setdefault(month, Counter())
    for line in lines:
        if line.startswith(DONE) and "→ " in line:
            done[line.split("→ ", 1)[1].split()[0]] += 1
    if code != 0:
        for line in lines:
            print(line)
        raise GovmediaError(f"{moment:%Y-%m-%d %H:%M} 的发布运行未全部完成（退出码 {code}）。")


if __name__ == "__main__":
    raise SystemExit(main())
