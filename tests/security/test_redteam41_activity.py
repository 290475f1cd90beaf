"""Red team, round 41: publications in a month the registry has the account closed (or not
yet open), in the activity table.

The activity table (第九条, ``accounts activity``, the assessment's 每月发布 and the
archive's 更新情况 page) leaves out every month the registry has an account closed or not
yet open, however many posts the ledger records there: a closure recorded after the fact,
dated before the account's last publications, hid them from every monthly figure while the
summary still counted them. A real repository, the real ``govmedia publish`` on the
loopback emulators (the clocks moved to the day), the closure approved through the three
stages, then the real CLI.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from pipeline.emulators import Emulator
from tests.conftest import run_cli
from tests.publish_support import approve, control, env_for, git, publish_process, small_repo

POST = "2026/11/nianmo-fanzha-tixing.md"  # addressed to the wechat and weibo accounts
PUBLISHED_AT = dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC)
WECHAT_OPEN = """    closed: null
    closure_filed: null
    expected_monthly_posts: 3"""
WECHAT_CLOSED = """    closed: 2026-10-31
    closure_filed: 2026-11-04
    expected_monthly_posts: 3"""
NO_CLOSURE = """    closure_approval: null
    url: https://mp.weixin.example.com/profile/yks-zwfw"""
CLOSURE = """    closure_approval:
      approved_by: 赵明
      approved_on: 2026-10-20
      notice_date: 2026-10-22
      notice_url: https://zwfw.example.gov.cn/archive/posts/2026/10/wechat-zhuxiao/
    url: https://mp.weixin.example.com/profile/yks-zwfw"""
ENV = {"GOVMEDIA_TODAY": "2027-02-01"}


def _published_in_november(tmp_path: Path, emulator: Emulator) -> Path:
    """A unit whose post went out on WeChat and Weibo on 20 November 2026."""
    repo = small_repo(tmp_path / "unit", (POST,))
    offset = str(PUBLISHED_AT.timestamp() - time.time())
    control(emulator, "clock", {"offset": offset})
    run = publish_process(repo, env_for(emulator, GOVMEDIA_EMULATOR_CLOCK=offset))
    assert run.code == 0, run.out + run.err
    return repo


def _close_wechat_in_october(repo: Path) -> None:
    """The registry records WeChat closed on 31 October, approved at the three stages."""
    registry = repo / "content" / "accounts.yml"
    text = registry.read_text(encoding="utf-8")
    assert WECHAT_OPEN in text and NO_CLOSURE in text
    registry.write_text(
        text.replace(WECHAT_OPEN, WECHAT_CLOSED).replace(NO_CLOSURE, CLOSURE), encoding="utf-8"
    )
    git(repo, "commit", "-q", "-am", "WeChat closed on 2026-10-31")
    approve(repo, ["content/accounts.yml"])


def _wechat_line(text: str) -> str:
    return next(line for line in text.splitlines() if "（wechat）：" in line)


def _report_months(repo: Path) -> str:
    """The assessment's 每月发布 line of WeChat for 2026."""
    out = repo.parent / "out"
    report = run_cli("report", "--year", "2026", "--out", str(out), cwd=repo, env=ENV)
    assert (out / "report-2026.md").is_file(), report.out + report.err
    md = (out / "report-2026.md").read_text(encoding="utf-8")
    return next(
        line for line in md.split("`wechat`", 2)[2].splitlines() if line.startswith("- 每月发布")
    )


def test_a_post_after_the_registered_closure_stays_in_the_activity_table(
    tmp_path: Path, emulator: Emulator
) -> None:
    """Attack: the post went out on WeChat on 20 November; the registry, approved later,
    records the account closed on 31 October. ``accounts activity`` listed WeChat's months
    up to October only and the assessment's 每月发布 likewise, while its summary counted
    the post: November's publication was in no monthly figure and nothing said it went out
    on an account the registry has closed. Defence: a month the account was not open in
    but the ledger has posts in is shown with them, marked ⚠ (未开设或已关闭期间发布), in
    every monthly view."""
    repo = _published_in_november(tmp_path, emulator)
    _close_wechat_in_october(repo)
    result = run_cli("accounts", "activity", "--year", "2026", cwd=repo, env=ENV)
    line = _wechat_line(result.out)
    assert "11月 1 ⚠未开设或已关闭期间发布" in line, result.out + result.err
    months = _report_months(repo)
    assert "2026-11 1 ⚠未开设或已关闭期间发布" in months, months


def test_an_open_accounts_months_read_as_before(tmp_path: Path, emulator: Emulator) -> None:
    """Honest counterpart: the registry as it is, WeChat open all year: November reads 1 of
    its 3 expected posts, clearly short, with no mark of a closed account."""
    repo = _published_in_november(tmp_path, emulator)
    result = run_cli("accounts", "activity", "--year", "2026", cwd=repo, env=ENV)
    line = _wechat_line(result.out)
    assert "11月 1/3 ⚠" in line and "未开设或已关闭" not in line, result.out + result.err
    months = _report_months(repo)
    assert "2026-11 1/3⚠" in months and "未开设或已关闭" not in months, months
