"""Activity (第九条), the 第十八条 report against a hand-computed fixture, --repos, site pages."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pytest

from pipeline.governance import activity
from pipeline.governance.period import parse_month, parse_year
from pipeline.governance.registry import parse_registry
from pipeline.governance.report import build_report
from pipeline.governance.site_pages import write_pages
from pipeline.ledger import Ledger, Record
from pipeline.project import Project
from tests.conftest import SAMPLE_CONTENT, Repo
from tests.security.ledger_support import enroll_publisher, publisher_commit

TODAY = dt.date(2026, 11, 27)
ZHANG, LI, CHEN, ZHAO = (
    "张伟 <zhangwei@example.gov.cn>",
    "李强 <liqiang@example.gov.cn>",
    "陈静 <chenjing@example.gov.cn>",
    "赵明 <zhaoming@example.gov.cn>",
)


def review(drafted: str, *stages: tuple[int, str, str]) -> dict:
    return {
        "drafted_at": drafted,
        "stages": [{"stage": s, "by": by, "commit": "c" * 40, "at": at} for s, by, at in stages],
    }


def three(drafted: str, at1: str, at2: str, at3: str) -> dict:
    return review(drafted, (1, ZHANG, at1), (2, LI, at2), (3, CHEN, at3))


def post_text(title: str, date: str, channels: str, waiver: bool) -> str:
    extra = "waivers:\n  - rule: A9-07\n    reason: 禁毒宣传通报，引用案件名称\n" if waiver else ""
    return (
        f"---\ntitle: {title}\ndate: {date}\nauthor: 王芳 <wangfang@example.gov.cn>\n"
        f"channels: {channels}\n{extra}---\n\n正文。\n"
    )


def blob_of(repo: Repo, rel: str) -> str:
    return repo.git("rev-parse", f"HEAD:{rel}").strip()


def published(
    slug: str, channel: str, at: str, path: str, blob: str, rev: dict, title: str, **extra: str
) -> Record:
    """A ``published`` ledger record of the fixture, with its review, title and ``extra``."""
    detail = {"review": rev, "title": title, **extra}
    return Record("published", slug, channel, at=at, path=path, blob=blob, detail=detail)


def build_unit(repo: Repo) -> None:
    """The hand-computed fixture (all times UTC; China is UTC+8).

    Review times run from 初审 to 终审 (the signed stages), never from ``drafted_at``.
    wechat: A (24 h, waiver), B (6 h, retracted 11-05 by 赵明 «信息有误»), C (10 h, stage 3
    by the stage-2 reviewer: invalid), A corrected on 11-03 (valid, no waiver any more).
      -> 2026: 3 posts, 4 versions, 3 compliant = 75.0 %, median(24, 6, 10) = 10.0 h,
         1 waiver (A9-07 by 张伟, 李强, 陈静), 1 retraction.
      -> 2026-11: 1 post (C), 2 versions, 1 compliant = 50.0 %.
    weibo: A only -> 1 post, 100 %, 24.0 h, 1 waiver.
    """
    a, b = "content/posts/2026/10/post-a.md", "content/posts/2026/10/post-b.md"
    c = "content/posts/2026/11/post-c.md"
    repo.write(a, post_text("甲文章", "2026-10-08", "[wechat, weibo]", waiver=True))
    repo.write(b, post_text("乙文章", "2026-10-12", "[wechat]", waiver=False))
    repo.write(c, post_text("丙文章", "2026-11-02", "[wechat]", waiver=False))
    repo.commit("Add posts")
    blob_a, blob_b, blob_c = blob_of(repo, a), blob_of(repo, b), blob_of(repo, c)
    repo.write(a, post_text("甲文章", "2026-10-08", "[wechat, weibo]", waiver=False))
    repo.commit("Correct post A")
    blob_a2 = blob_of(repo, a)
    ledger = Ledger(repo.path / "ledger")
    rev_a = three(
        "2026-09-01T00:00:00Z",  # the editor's commit date: no figure reads it
        "2026-10-08T00:00:00Z",
        "2026-10-08T08:00:00Z",
        "2026-10-09T00:00:00Z",
    )
    for channel in ("wechat", "weibo"):
        ledger.append(
            published("post-a", channel, "2026-10-10T02:00:00Z", a, blob_a, rev_a, "甲文章")
        )
    rev_b = three(
        "2026-10-13T00:00:00Z",  # after 终审: still counted (from 初审)
        "2026-10-12T00:00:00Z",
        "2026-10-12T02:00:00Z",
        "2026-10-12T06:00:00Z",
    )
    ledger.append(published("post-b", "wechat", "2026-10-12T08:00:00Z", b, blob_b, rev_b, "乙文章"))
    rev_c = review(
        "2026-11-01T00:00:00Z",
        (1, ZHANG, "2026-11-02T00:00:00Z"),
        (2, LI, "2026-11-02T05:00:00Z"),
        (3, LI, "2026-11-02T10:00:00Z"),
    )
    ledger.append(published("post-c", "wechat", "2026-11-02T12:00:00Z", c, blob_c, rev_c, "丙文章"))
    rev_a2 = three(
        "2026-10-08T00:00:00Z",
        "2026-11-02T01:00:00Z",
        "2026-11-02T02:00:00Z",
        "2026-11-02T03:00:00Z",
    )
    ledger.append(
        published(
            "post-a",
            "wechat",
            "2026-11-03T01:00:00Z",
            a,
            blob_a2,
            rev_a2,
            "甲文章",
            correction_of=blob_a,
        )
    )
    ledger.append(
        Record(
            "retracted",
            "post-b",
            "wechat",
            at="2026-11-05T01:00:00Z",
            path=b,
            blob=blob_b,
            detail={"reason": "信息有误", "approved_by": ZHAO, "commit": "d" * 40},
        )
    )
    publisher_commit(repo, "Ledger")


@pytest.fixture
def unit(make_repo) -> Repo:
    repo = make_repo("unit", sample=True)
    enroll_publisher(repo)
    # A clean slate: only the fixture's posts.
    repo.git("rm", "-r", "-q", "content/posts")
    build_unit(repo)
    return repo


def by_id(report, account_id):
    return next(a for a in report.accounts if a.account.id == account_id)


def test_report_figures_match_the_hand_computed_fixture(unit):
    report = build_report([unit.path], parse_year("2026"), TODAY)
    wechat = by_id(report, "wechat")
    assert (wechat.published, wechat.versions, wechat.compliant) == (3, 4, 3)
    assert wechat.compliance == 0.75
    assert wechat.median_latency == 10.0
    assert [i.reason for i in wechat.issues] == ["三审须由三名不同人员完成"]
    ((waiver),) = wechat.waivers
    assert (waiver.slug, waiver.rule, waiver.reason) == (
        "post-a",
        "A9-07",
        "禁毒宣传通报，引用案件名称",
    )
    assert waiver.approvers == (ZHANG, LI, CHEN)
    ((retraction, title),) = wechat.retractions
    assert (retraction.slug, retraction.reason, retraction.approved_by, title) == (
        "post-b",
        "信息有误",
        ZHAO,
        "乙文章",
    )
    weibo = by_id(report, "weibo")
    assert (weibo.published, weibo.versions, weibo.compliance, weibo.median_latency) == (
        1,
        1,
        1.0,
        24.0,
    )
    assert len(weibo.waivers) == 1 and weibo.retractions == []
    assert by_id(report, "app").published == 0
    assert not report.review_ok
    month = build_report([unit.path], parse_month("2026-11"), TODAY)
    wechat_nov = by_id(month, "wechat")
    assert (wechat_nov.published, wechat_nov.versions, wechat_nov.compliance) == (1, 2, 0.5)
    assert len(wechat_nov.retractions) == 1 and wechat_nov.waivers == []


def test_report_cli_writes_markdown_and_csv(unit, cli, tmp_path):
    out = tmp_path / "out"
    result = cli(
        "report",
        "--year",
        "2026",
        "--out",
        str(out),
        cwd=unit.path,
        env={"GOVMEDIA_TODAY": "2026-11-27"},
    )
    assert result.code == 1, result.err  # compliance below 100 %
    assert "三审合规率 75.0%" in result.out
    rows = list(
        csv.DictReader(io.StringIO((out / "report-2026.csv").read_text(encoding="utf-8-sig")))
    )
    wechat = next(r for r in rows if r["账号id"] == "wechat")
    assert wechat["发布篇数"] == "3" and wechat["三审合规率"] == "75.0%"
    assert wechat["审核用时中位数（小时）"] == "10.0"
    assert wechat["豁免数"] == "1" and "张伟、李强、陈静" in wechat["豁免明细"]
    assert (
        wechat["撤回数"] == "1"
        and "信息有误" in wechat["撤回明细"]
        and "赵明" in wechat["撤回明细"]
    )
    toutiao = next(r for r in rows if r["账号id"] == "toutiao")
    assert "第 4 个工作日，按期（期限 2026-10-13）" in toutiao["关闭备案"]
    md = (out / "report-2026.md").read_text(encoding="utf-8")
    assert (
        "| `wechat` | 牙克石政务服务 | 微信公众号 | 3 | 75.0% ⚠ | 10.0 小时 | 1 | 1 | 合规 |" in md
    )
    assert "三审不合规：`post-c`" in md and "理由：信息有误" in md
    only_csv = cli(
        "report", "--month", "2026-10", "--format", "csv", "--out", str(out), cwd=unit.path
    )
    assert only_csv.code == 0 and (out / "report-2026-10.csv").exists()
    assert not (out / "report-2026-10.md").exists()
    bad = cli("report", "--month", "2026-13", cwd=unit.path)
    assert bad.code == 2 and "YYYY-MM" in bad.err


def test_activity_counts_by_ledger_time_and_flags_short_months(unit):
    text = (unit.path / "content" / "accounts.yml").read_text(encoding="utf-8")
    registry = parse_registry(text)
    records = list(Ledger(unit.path / "ledger").records())
    table = activity.compute(registry, records, [], parse_year("2026"), TODAY)
    wechat = {m.month: m for m in table.for_account("wechat")}
    # Oct: A and B; Nov: C only (A's correction does not count again); Nov is not over.
    assert (wechat["2026-10"].published, wechat["2026-10"].status) == (2, "ok")
    assert (wechat["2026-09"].published, wechat["2026-09"].status) == (0, "short")
    assert wechat["2026-11"].published == 1 and wechat["2026-11"].status == "current"
    assert wechat["2026-02"].status == "closed"  # not opened yet
    assert wechat["2026-12"].status == "future"
    weibo = {m.month: m for m in table.for_account("weibo")}
    assert (weibo["2026-10"].published, weibo["2026-10"].status) == (1, "short")  # 1 < 3 / 2
    assert table.for_account("director-weibo")[5].status == "unassessed"
    warnings = activity.findings(table)
    assert any("weibo" in f.message and "2026-10" in f.message for f in warnings)
    assert not any("wechat" in f.message and "2026-10" in f.message for f in warnings)
    assert all(f.rule == "A9-00" and f.severity == "warning" for f in warnings)


def test_publication_late_at_night_counts_in_china_time():
    registry = parse_registry((SAMPLE_CONTENT / "accounts.yml").read_text(encoding="utf-8"))
    # 2026-09-30T17:00Z is 2026-10-01 01:00 in China.
    record = Record("published", "x", "wechat", at="2026-09-30T17:00:00Z", detail={})
    table = activity.compute(registry, [record], [], parse_year("2026"), TODAY)
    counts = {m.month: m.published for m in table.for_account("wechat")}
    assert counts["2026-09"] == 0 and counts["2026-10"] == 1


def test_repos_aggregates_two_units(unit, make_repo, cli, tmp_path):
    other = make_repo("other", sample=True)
    enroll_publisher(other)
    accounts = other.path / "content" / "accounts.yml"
    accounts.write_text(
        accounts.read_text(encoding="utf-8").replace(
            "unit: 牙克石市政务服务局", "unit: 牙克石市医疗保障局"
        ),
        encoding="utf-8",
    )
    Ledger(other.path / "ledger").append(
        Record(
            "published",
            "yibao",
            "app",
            at="2026-06-01T02:00:00Z",
            detail={
                "review": three(
                    "2026-05-29T00:00:00Z",
                    "2026-05-30T00:00:00Z",
                    "2026-05-30T02:00:00Z",
                    "2026-05-31T00:00:00Z",
                )
            },
        )
    )
    other.commit("Other unit", "content")
    publisher_commit(other, "Ledger: other unit")
    out = tmp_path / "city"
    result = cli(
        "report",
        "--year",
        "2026",
        "--repos",
        str(unit.path),
        str(other.path),
        "--out",
        str(out),
        cwd=tmp_path,
        env={"GOVMEDIA_TODAY": "2026-11-27"},
    )
    assert result.code == 1  # the first unit's wechat is below 100 %
    assert "2 个单位、10 个账号，发布 5 篇" in result.out
    rows = list(
        csv.DictReader(io.StringIO((out / "report-2026.csv").read_text(encoding="utf-8-sig")))
    )
    assert len(rows) == 10
    assert {r["单位"] for r in rows} == {"牙克石市政务服务局", "牙克石市医疗保障局"}
    yibao_app = next(r for r in rows if r["单位"] == "牙克石市医疗保障局" and r["账号id"] == "app")
    assert yibao_app["发布篇数"] == "1" and yibao_app["审核用时中位数（小时）"] == "24.0"
    md = (out / "report-2026.md").read_text(encoding="utf-8")
    assert md.startswith("# 全市政务新媒体统一台账与考核")
    assert "## 牙克石市医疗保障局" in md and "## 牙克石市政务服务局" in md and "## 汇总" in md
    same = cli("report", "--year", "2026", "--repos", str(unit.path), str(unit.path), cwd=tmp_path)
    assert same.code == 2 and "同一单位" in same.err
    missing = cli("report", "--year", "2026", "--repos", str(tmp_path / "nope"), cwd=tmp_path)
    assert missing.code == 2 and "不是内容仓库" in missing.err


def test_site_pages_have_svg_charts_and_no_external_resources(unit, tmp_path, monkeypatch):
    monkeypatch.setenv("GOVMEDIA_TODAY", "2026-11-27")
    docs = tmp_path / "docs"
    pages = write_pages(Project(unit.path), docs)
    assert pages == [
        ("账号台账", "governance/index.md"),
        ("2026 年发布活跃度", "governance/activity-2026.md"),
        ("2026 年度考核", "governance/assessment-2026.md"),
    ]
    texts = {path: (docs / path).read_text(encoding="utf-8") for _, path in pages}
    registry_page = texts["governance/index.md"]
    assert (
        "牙克石政务服务头条号" in registry_page
        and "2026-10-12，第 4 个工作日，按期" in registry_page
    )
    activity_page = texts["governance/activity-2026.md"]
    assessment = texts["governance/assessment-2026.md"]
    for page in (activity_page, assessment):
        svgs = re.findall(r"<svg.*?</svg>", page, flags=re.S)
        assert len(svgs) == 1
        assert "http" not in svgs[0] and "<script" not in svgs[0]
        assert "\n\n" not in svgs[0]  # one raw HTML block for Markdown
    for page in texts.values():
        assert "<script" not in page and not re.search(r"(src|href)=[\"']?https?:", page)
        assert "@import" not in page and "![" not in page
    # The chart holds the real figures: wechat published 2 posts in October.
    assert "<title>牙克石政务服务 10月：2篇</title>" in activity_page
    assert "<title>牙克石政务服务 10月：24篇" not in activity_page
    # Review latency chart: October median for wechat of 24 h and 6 h = 15 h.
    assert "<title>牙克石政务服务 10月：15小时</title>" in assessment
    assert "75.0% ⚠" in assessment


def test_demo_prints_the_governance_summary(cli, tmp_path):
    result = cli("demo", "--workdir", str(tmp_path / "demo"), cwd=tmp_path)
    assert result.code == 0, result.out + result.err
    assert "govmedia accounts check：0 个错误" in result.out
    match = re.search(r"考核报告：(\S+\.md)", result.out)
    assert match and Path(match.group(1)).is_file()
    # the sample year is replayed at the posts' own dates (pipeline/demo/timeline.py): the
    # auditor sees a compliant year, not nine months published on one day
    rows = [r for r in Path(match.group(1)).read_text(encoding="utf-8").splitlines()]
    rows = [[c.strip() for c in r.strip("|").split("|")] for r in rows if r.startswith("| `")]
    assert rows
    for cells in rows:
        assert cells[-1] == "—", cells  # no month 明显不足
        if cells[3] != "0":  # median review time: about a day from draft to 终审
            assert 1 < float(cells[5].split()[0]) < 240, cells
    answered = re.search(r"\| \d+ \| \d+/\d+ \| \d+/\d+ \| (-?[\d.]+) 小时 \|", result.out)
    assert answered and 0 < float(answered.group(1)) < 24, result.out[-3000:]


def test_review_order_takes_the_servers_clock_skew_and_no_more() -> None:
    """Two honest clocks a few minutes apart (the server takes a claim dated up to ten
    minutes before its parent: ``claim_dates.SKEW``) are in order; more is not."""
    from pipeline.governance.published import Publication
    from pipeline.governance.report import review_problem

    def pub(at2: str) -> Publication:
        rev = three("", "2026-11-02T02:00:00Z", at2, "2026-11-02T03:00:00Z")
        moment = dt.datetime(2026, 11, 2, 4, tzinfo=dt.UTC)
        return Publication("p", "wechat", moment, "b", "p.md", True, {"review": rev})

    assert review_problem(pub("2026-11-02T01:55:00Z"), "") is None
    assert (
        review_problem(pub("2026-11-02T01:40:00Z"), "") == "审核顺序不符（应依次初审、复审、终审）"
    )
