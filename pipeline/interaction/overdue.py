"""Overdue questions as watch findings (``govmedia watch``, 第十二条 及时答复, 第十七条 值班监看)."""

from __future__ import annotations

from collections.abc import Iterable

from pipeline.governance.period import today as local_today
from pipeline.interaction.store import Inbox
from pipeline.interaction.view import load_view
from pipeline.ledger import Record
from pipeline.project import Project
from pipeline.watch.model import Discrepancy

KIND = "reply-overdue"
LABEL = "咨询逾期未答复"


def overdue_findings(project: Project, records: Iterable[Record]) -> list[Discrepancy]:
    """One finding per question past its reply deadline (empty when there is no inbox)."""
    if not Inbox(project.root).files():
        return []
    view = load_view(project, local_today(), list(records))
    names = {p.email.lower(): p.name for p in view.roster.people} if view.roster else {}
    found = []
    for state in view.states:
        if not state.overdue or state.deadline is None:
            continue
        item, route = state.triaged.item, state.triaged.route
        who = names.get(route.person.lower(), route.person) if route else ""
        department = route.department if route else ""
        found.append(
            Discrepancy(
                kind=KIND,
                channel=item.channel,
                platform=item.platform,
                platform_id=item.platform_id,
                time=item.at,
                excerpt=item.text[:40],
                slug=item.id,
                message=(
                    f"网民咨询已逾期 {-state.deadline.left} 个工作日未答复（时限 {state.deadline.due}，"
                    f"承办：{department} {who}），请尽快审核并发送回复（第十二条）。"
                ),
            )
        )
    return found
