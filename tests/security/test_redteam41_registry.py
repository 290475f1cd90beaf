"""Red team, round 41: an account's state as the assessment's tables state it.

第七条 has a closure approved and announced before the account is deregistered, so the
registry records the day ahead (``closed`` with its ``closure_approval``). The
assessment's summary marked every account with a ``closed`` day 已关闭, a closure still to
come included: the auditors read an open account as closed. A real repository with the
sample content and the real ``govmedia report``.
"""

from __future__ import annotations

from tests.conftest import Repo, run_cli

WEIBO_OPEN = """    closed: null
    closure_filed: null
    expected_monthly_posts: 3"""
WEIBO_CLOSING = """    closed: 2027-01-15
    closure_filed: null
    expected_monthly_posts: 3"""
APPROVAL = """      approved_by: 赵明
    closure_approval: null
    url: https://weibo.example.com/ykszwfwj"""
APPROVED = """      approved_by: 赵明
    closure_approval:
      approved_by: 赵明
      approved_on: 2026-12-01
      notice_date: 2026-12-03
      notice_url: https://zwfw.example.gov.cn/archive/posts/2026/12/weibo-zhuxiao/
    url: https://weibo.example.com/ykszwfwj"""


def _summary_rows(repo: Repo) -> dict[str, str]:
    """The rows of the 2026 assessment's summary table, by account id."""
    out = repo.path.parent / "report"
    result = run_cli(
        "report",
        "--year",
        "2026",
        "--format",
        "md",
        "--out",
        str(out),
        cwd=repo.path,
        env={"GOVMEDIA_TODAY": "2026-12-07"},
    )
    assert result.code in (0, 1), result.out + result.err
    text = (out / "report-2026.md").read_text(encoding="utf-8")
    return {
        line.split("`")[1]: line
        for line in text.splitlines()
        if line.startswith("| `") and line.count("`") >= 2
    }


def test_an_account_closing_next_month_is_not_reported_closed(make_repo) -> None:
    """Attack on the record (no attacker needed): Weibo's closure approved on 1 December,
    announced on the 3rd, to be deregistered on 15 January; the 2026 assessment made on
    7 December listed the account as 已关闭. Defence: the mark is 已关闭 only once the
    closing day has come, else the day it closes (将于 … 关闭)."""
    repo = make_repo("unit", sample=True)
    registry = repo.path / "content" / "accounts.yml"
    text = registry.read_text(encoding="utf-8")
    assert WEIBO_OPEN in text and APPROVAL in text
    registry.write_text(
        text.replace(WEIBO_OPEN, WEIBO_CLOSING).replace(APPROVAL, APPROVED), encoding="utf-8"
    )
    repo.commit("Weibo closes on 2027-01-15")
    rows = _summary_rows(repo)
    assert "已关闭" not in rows["weibo"], rows["weibo"]
    assert "将于 2027-01-15 关闭" in rows["weibo"]


def test_an_account_closed_in_september_is_reported_closed(make_repo) -> None:
    """Honest counterpart: the sample's 头条号, closed on 30 September, is 已关闭; an
    account with no closure has no mark."""
    rows = _summary_rows(make_repo("unit", sample=True))
    assert "（已关闭）" in rows["toutiao"]
    assert "关闭" not in rows["wechat"]
