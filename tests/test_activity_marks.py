"""One table of month marks (``activity.MONTH_MARKS``) for the three monthly views: the CLI's
``accounts activity`` table, the assessment's 每月发布 and the archive's activity page show a
month of each status with the same sign and, where they spell it out, the same label."""

from __future__ import annotations

import re

import pytest

from pipeline.governance import activity
from pipeline.governance.period import parse_year
from pipeline.governance.registry import parse_registry
from pipeline.governance.report import AccountReport
from pipeline.governance.report_format import account_details
from pipeline.governance.site_pages import activity_page
from tests.conftest import SAMPLE_CONTENT

STATUSES = ("ok", "short", "current", "outside", "unassessed")
ACCOUNT = "wechat"
MONTH = "2026-03"  # every other month of the year: closed, left out or shown as —
FIGURES = re.compile(r"^(?:03月 |2026-03 )?2(?:/3)?(?P<mark>.*)$")


def _table(status: str) -> activity.ActivityTable:
    """The sample registry's accounts over 2026, all closed but ``ACCOUNT`` in ``MONTH``."""
    registry = parse_registry((SAMPLE_CONTENT / "accounts.yml").read_text(encoding="utf-8"))
    period = parse_year("2026")
    rows = {
        (account, month): activity.MonthActivity(
            account, month, 2, 0, 3, status if (account, month) == (ACCOUNT, MONTH) else "closed"
        )
        for account in registry.accounts
        for month in period.months()
    }
    return activity.ActivityTable(period, registry, rows)


def _texts(status: str) -> dict[str, str]:
    """The whole of each view for that table."""
    table = _table(status)
    report = AccountReport(
        "单位", table.registry.accounts[ACCOUNT], months=table.for_account(ACCOUNT)
    )
    return {
        "cli": activity.format_table(table),
        "report": "\n".join(account_details(report)),
        "site": activity_page(None, 2026, [report]),  # type: ignore[arg-type]  # unit unread
    }


def _views(status: str) -> dict[str, str]:
    """The cell of ``MONTH`` in each view."""
    texts = _texts(status)
    lines = {view: text.splitlines() for view, text in texts.items()}
    cli = next(line for line in lines["cli"] if f"（{ACCOUNT}）：" in line)
    details = next(line for line in lines["report"] if line.startswith("- 每月发布"))
    row = next(line for line in lines["site"] if line.startswith("| 牙克石政务服务 |"))
    return {
        "cli": cli.split("：", 1)[1],
        "report": details.split("：", 1)[1],
        "site": row.split(" | ")[3],
    }


def _marks(status: str) -> dict[str, str]:
    """Each view's mark of the month: what follows its figures."""
    marks = {}
    for view, cell in _views(status).items():
        found = FIGURES.match(cell)
        assert found, (view, cell)
        marks[view] = found["mark"].strip()
    return marks


@pytest.mark.parametrize("status", STATUSES)
def test_the_three_views_mark_a_month_alike(status: str) -> None:
    marks = _marks(status)
    mark = activity.MONTH_MARKS.get(status)
    if mark is None:
        assert set(marks.values()) == {""}, marks
        return
    for view, shown in marks.items():
        assert shown in (mark.sign, mark.sign + mark.label), (view, shown)
    if mark.spelled:
        assert set(marks.values()) == {mark.sign + mark.label}, marks


def test_a_label_changed_in_the_table_changes_in_every_view(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The views read the table: nothing of a mark is written in a view itself."""
    monkeypatch.setitem(
        activity.MONTH_MARKS, "outside", activity.MonthMark("⚑", "标记甲", spelled=True)
    )
    monkeypatch.setitem(activity.MONTH_MARKS, "short", activity.MonthMark("‼", "标记乙"))
    monkeypatch.setitem(activity.MONTH_MARKS, "current", activity.MonthMark("⋯", "标记丙"))
    assert set(_marks("outside").values()) == {"⚑标记甲"}
    assert _marks("short") == {"cli": "‼", "report": "‼", "site": "‼标记乙"}
    assert set(_marks("current").values()) == {"⋯"}
    texts = _texts("short")
    assert "（已发布/应发布；‼ 标记乙，⋯ 标记丙）" in texts["cli"]
    assert "标为“标记乙”" in texts["site"] and "，⋯ 为标记丙。" in texts["site"]
