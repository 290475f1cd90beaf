"""The archive site, the reports and the watch show times in the unit's own zone.

The unit here is configured for Asia/Urumqi (UTC+6): a post published at 17:30 UTC on
31 March is 23:30 on 31 March there, but already 1 April in Beijing.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

from pipeline.governance.published import publications
from pipeline.ledger import Record
from pipeline.project import Project
from pipeline.site.generators import archive_pages
from pipeline.site.paths import BODIES_DIR, post_html_name, post_md
from pipeline.watch.model import Discrepancy
from pipeline.watch.run import WatchResult, report_text
from tests.conftest import SAMPLE_CONTENT, Repo, init_repo, run_cli
from tests.security.ledger_support import enroll_publisher
from tests.site.kit import publish, retract

APP = "content/posts/2026/03/zhangshang-app-shangxian.md"
RETRACTED = "content/posts/2026/03/dating-kaifang-shijian.md"
LATE_MARCH = "2026-03-31T17:30:00Z"
URUMQI = ZoneInfo("Asia/Urumqi")


def _unit(root: Path, zone: str | None = "Asia/Urumqi") -> Repo:
    repo = init_repo(root / "unit")
    shutil.copytree(SAMPLE_CONTENT, repo.path / "content")
    if zone:
        accounts = repo.path / "content/accounts.yml"
        accounts.write_text(f"timezone: {zone}\n" + accounts.read_text(encoding="utf-8"))
    repo.commit("Import sample content")
    enroll_publisher(repo)
    repo.commit("Start publishing")
    publish(repo, APP, at=LATE_MARCH)
    publish(repo, RETRACTED, at="2026-03-10T02:00:00Z", channels=("wechat",))
    retract(repo, RETRACTED, "信息有误", at="2026-04-01T03:00:00Z")
    return repo


def _pages(repo: Repo, docs: Path) -> dict[str, str]:
    docs.mkdir()
    archive_pages(Project(repo.path), docs)

    def page(slug: str) -> str:
        # A post page is its Markdown plus the HTML kept aside that fills its placeholder.
        markdown = (docs / post_md(slug)).read_text(encoding="utf-8")
        rest = docs / BODIES_DIR / post_html_name(slug)
        return markdown + "\n" + rest.read_text(encoding="utf-8")

    every = [*docs.rglob("*.md"), *(docs / BODIES_DIR).rglob("*.html")]
    return {
        "post": page("zhangshang-app-shangxian"),
        "tombstone": page("dating-kaifang-shijian"),
        "all": "\n".join(p.read_text(encoding="utf-8") for p in every),
    }


def test_archive_pages_use_the_units_zone(tmp_path: Path) -> None:
    pages = _pages(_unit(tmp_path), tmp_path / "docs")
    assert "发布于 2026-03-31 23:30" in pages["post"]
    assert "时间（Asia/Urumqi）" in pages["post"]
    assert "撤稿时间：2026-04-01 09:00（Asia/Urumqi）" in pages["tombstone"]
    assert "北京时间" not in pages["all"]
    assert "2026-04-01 01:30" not in pages["all"]


def test_archive_pages_default_to_beijing_time(tmp_path: Path) -> None:
    pages = _pages(_unit(tmp_path, zone=None), tmp_path / "docs")
    assert "发布于 2026-04-01 01:30" in pages["post"]
    assert "时间（北京时间）" in pages["post"]
    assert "撤稿时间：2026-04-01 11:00（北京时间）" in pages["tombstone"]


def test_report_counts_and_dates_in_the_units_zone(tmp_path: Path) -> None:
    repo = _unit(tmp_path)
    out = tmp_path / "reports"
    result = run_cli("report", "--month", "2026-03", "--out", str(out), cwd=repo.path)
    assert result.code in (0, 1), result.err
    markdown = (out / "report-2026-03.md").read_text(encoding="utf-8")
    assert "（Asia/Urumqi）" in markdown and "北京时间" not in markdown
    with (out / "report-2026-03.csv").open(encoding="utf-8-sig") as handle:
        rows = {row["账号id"]: row for row in csv.DictReader(handle)}
    # published at 23:30 on 31 March in the unit's zone: a March publication
    assert rows["app"]["发布篇数"] == "1"


def test_publications_fall_in_the_month_of_the_units_zone() -> None:
    record = Record(event="published", slug="x", channel="app", at=LATE_MARCH)
    (urumqi,) = publications([record], URUMQI)
    (beijing,) = publications([record])
    assert urumqi.at.date() == dt.date(2026, 3, 31)
    assert beijing.at.date() == dt.date(2026, 4, 1)


def test_watch_report_names_the_account_and_uses_the_units_zone(tmp_path: Path) -> None:
    from pipeline.config import load_unit_config

    repo = _unit(tmp_path)
    registry = load_unit_config(Project(repo.path)).registry
    found = Discrepancy(
        kind="outside",
        channel="weibo",
        platform="weibo",
        platform_id="5000",
        time="2026-03-31T17:30:00+00:00",
        excerpt="冒充的内容",
        slug="",
        message="未经流水线发布。",
    )
    text = report_text(WatchResult(found=[found]), registry, URUMQI)
    assert "微博「牙克石市政务服务局」（weibo）" in text
    assert "时间 2026-03-31 23:30（Asia/Urumqi）" in text
