"""When each of the unit's items was first published on its platform, by the publication
ledger: no comment on an item is older than the item (第十二条; red team, round 20)."""

from __future__ import annotations

import datetime as dt

from pipeline.errors import ConfigError
from pipeline.ledger import Ledger
from pipeline.project import Project

Published = dict[tuple[str, str], dt.datetime]  # (platform, platform id) -> first published


def first_published(project: Project) -> Published:
    """``(platform, platform id)`` -> the earliest ``published`` record of that item. A
    ledger that cannot be read bounds nothing here (its own check reports it); an item
    published outside the pipeline has no entry."""
    try:
        records = list(Ledger(project.ledger_dir).records())
    except (ConfigError, OSError):
        return {}
    found: Published = {}
    for record in records:
        if record.event != "published" or not record.platform or not record.platform_id:
            continue
        try:
            when = record.when
        except ValueError:
            continue
        if when.tzinfo is None:
            continue
        key = (record.platform, record.platform_id)
        if key not in found or when < found[key]:
            found[key] = when
    return found
