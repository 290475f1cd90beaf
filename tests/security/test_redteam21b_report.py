"""Red team, round 21b: the annual report (第十八条) counted from a ledger with records
written again.

The report counts the ledger's ``published`` and ``retracted`` records; a record of the
same version written again (a sync replaying a rejected push appends records anew, each
signed by the publisher) counted as another version or retraction. A real repository, the
publisher's signed ledger commits and the real CLI.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from pathlib import Path

from pipeline.ledger import Ledger, Record
from tests.conftest import run_cli
from tests.interaction_support import (
    approve_reply,
    fetched_comment,
    inbox,
    inbox_env,
    unit_repo,
    write_reply,
)
from tests.publish_support import publisher_env
from tests.security.ledger_support import enroll_publisher, publisher_commit
from tests.test_governance_report import build_unit


def _rows(path: Path) -> dict[str, dict[str, str]]:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    return {r[1]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}


def test_a_replayed_ledger_record_inflates_no_figure(make_repo, cli, tmp_path: Path) -> None:
    """Attack: the same ``published`` record of a compliant version appended again three
    times (as a sync replaying a rejected push appends records anew, signed by the
    publisher), one of them dated the next year, and the retraction's record twice: the
    report counted each as a version, so WeChat's 三审合规率 rose from 75 % to 83.3 %, the
    retractions doubled and 2027 gained a version; a repost's record written twice was two
    reposts of superior accounts. Defence: a record of a post (or repost), channel and blob
    already recorded is the same publication, retraction or repost and counts once."""
    repo = make_repo("unit", sample=True)
    enroll_publisher(repo)
    repo.git("rm", "-r", "-q", "content/posts")
    build_unit(repo)
    ledger = Ledger(repo.path / "ledger")
    records = list(ledger.records())
    compliant = next(r for r in records if r.event == "published" and r.slug == "post-b")
    retracted = next(r for r in records if r.event == "retracted")
    for at in ("2026-11-20T01:00:00Z", "2026-11-21T01:00:00Z", "2027-01-05T01:00:00Z"):
        ledger.append(dataclasses.replace(compliant, at=at))
    ledger.append(dataclasses.replace(retracted, at="2026-11-22T01:00:00Z"))
    repost = "content/reposts/2026/11/zizhiqu-tongzhi.md"
    for at in ("2026-11-23T01:00:00Z", "2026-11-24T01:00:00Z"):  # a repost's record, twice
        ledger.append(
            Record("reposted", f"interaction:{repost}", "weibo", at=at, path=repost, blob="e" * 40)
        )
    publisher_commit(repo, "Ledger: replayed records")
    out = tmp_path / "out"
    env = {"GOVMEDIA_TODAY": "2027-02-01"}
    result = cli("report", "--year", "2026", "--out", str(out), cwd=repo.path, env=env)
    assert result.code == 1 and "三审合规率 75.0%" in result.out, result.out
    wechat = _rows(out / "report-2026.csv")["wechat"]
    assert (wechat["发布篇数"], wechat["发布版本数"], wechat["三审合规版本数"]) == ("3", "4", "3")
    assert wechat["三审合规率"] == "75.0%" and wechat["撤回数"] == "1"
    md = (out / "report-2026.md").read_text(encoding="utf-8")
    assert "| 转发上级 |" in md and md.split("| 转发上级 |")[1].split("\n")[2].endswith("| 1 |"), md
    later = cli("report", "--year", "2027", "--out", str(out), cwd=repo.path, env=env)
    assert later.code == 0, later.err
    wechat27 = _rows(out / "report-2027.csv")["wechat"]
    assert wechat27["发布版本数"] == "0", wechat27


LINKED = "含违法信息，详见[网信办通知](https://evil.example/x)<img src=x onerror=alert(1)>"


def test_a_hide_reason_is_text_in_the_auditors_report(tmp_path: Path, emulator) -> None:
    """Attack: a hide order's reason (an editor's text, recorded by the publisher) reached
    the assessment's Markdown unescaped, so ``[…](https://…)`` and HTML in it were a live
    link and an element to the auditor reading the report rendered. Defence: the reason is
    escaped by the one sanitiser's ``md_text``, like every other text of the report."""
    repo = unit_repo(tmp_path / "unit")
    env = {**inbox_env(emulator), **publisher_env(repo)}
    item, _ = fetched_comment(repo, emulator, "wechat", "出售枪支弹药，联系QQ")
    assert inbox(repo, env, "fetch", "--commit").code == 0
    rel = write_reply(
        repo, "qiangzhi", item, "", folder="moderation", extra=f"reason: '{LINKED}'\naction: hide\n"
    )
    approve_reply(repo, rel)
    sent = inbox(repo, env, "send", "--commit")
    assert sent.code == 0, sent.out + sent.err
    out = tmp_path / "out"
    result = run_cli("report", "--year", "2026", "--out", str(out), cwd=repo, env=env)
    assert result.code in (0, 1), result.err
    md = (out / "report-2026.md").read_text(encoding="utf-8")
    assert "隐藏理由" in md, md
    assert "](https://evil.example" not in md and "<img" not in md, md
    assert "\\[网信办通知\\]" in md
