"""The people responsible for an account (第五条), checked against the roster."""

from __future__ import annotations

from pipeline.governance.registry import Account
from pipeline.governance.registry_out import Out, in_roster, name_of
from pipeline.project import ROSTER_FILE
from pipeline.review.roster import ROLE_NAMES, Roster

ROLE_OF = {"principal": "leader", "supervisor": "leader", "chief_editor": "chief_editor"}
RESPONSIBLE_ZH = {"principal": "主要负责人", "supervisor": "分管负责人", "chief_editor": "总编辑"}


def check_people(out: Out, account: Account, roster: Roster | None) -> None:
    resp = account.responsible
    for key, zh in (*RESPONSIBLE_ZH.items(), ("department", "管理部门")):
        if not getattr(resp, key):
            out.add(
                account.line_of(f"responsible.{key}"),
                "A5-01",
                "第五条",
                "error",
                f"账号{account.label}未明确{zh}（responsible.{key}）。",
            )
    if roster is None:
        return
    for key, zh in RESPONSIBLE_ZH.items():
        value = getattr(resp, key)
        if not value:
            continue
        people = in_roster(roster, value)
        if not people:
            out.add(
                account.line_of(f"responsible.{key}"),
                "A5-02",
                "第五条",
                "error",
                f"账号{account.label}的{zh}不在人员名册 {ROSTER_FILE} 中：",
                name_of(value),
            )
        elif not any(ROLE_OF[key] in p.roles for p in people):
            out.add(
                account.line_of(f"responsible.{key}"),
                "A5-03",
                "第五条",
                "warning",
                f"账号{account.label}的{zh}在名册中不是{ROLE_NAMES[ROLE_OF[key]]}：",
                name_of(value),
            )
    approvers = []
    if account.opening_approval and account.opening_approval.approved_by:
        approvers.append(("opening_approval.approved_by", account.opening_approval.approved_by))
    if account.closure_approval and account.closure_approval.approved_by:
        approvers.append(("closure_approval.approved_by", account.closure_approval.approved_by))
    if account.consent and account.consent.approved_by:
        approvers.append(("consent.approved_by", account.consent.approved_by))
    if account.kind == "official_personal" and account.holder:
        approvers.append(("holder", account.holder))
    for key, value in approvers:
        if not in_roster(roster, value):
            out.add(
                account.line_of(key),
                "A5-02",
                "第五条",
                "error",
                f"账号{account.label}的 {key} 不在人员名册 {ROSTER_FILE} 中：",
                name_of(value),
            )
