"""The ``waivers`` field: rules a post asks its reviewers to waive, each with a reason."""

from __future__ import annotations

from typing import Any

from pipeline import yamlutil
from pipeline.content.collector import Collector
from pipeline.content.model import Waiver


def read_waivers(data: dict[str, Any], loc: yamlutil.Located, out: Collector) -> list[Waiver]:
    raw = data.get("waivers")
    if raw is None:
        return []
    if not isinstance(raw, list):
        out.error(
            loc.line("waivers"), "field-type", "字段 waivers 应为列表，每项包含 rule 与 reason。"
        )
        return []
    waivers: list[Waiver] = []
    for index, item in enumerate(raw):
        line = loc.line("waivers", index)
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("rule"), str)
            or not item["rule"].strip()
        ):
            out.error(line, "waiver-invalid", "豁免项应写明 rule（规则编号）与 reason（理由）。")
            continue
        reason = item.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            out.error(
                line,
                "waiver-reason",
                f"豁免规则 {item['rule']} 没有写明理由 reason：豁免必须说明理由，供审核人判断。",
                match=item["rule"],
            )
            continue
        waivers.append(Waiver(item["rule"].strip(), reason.strip(), line))
    return waivers
