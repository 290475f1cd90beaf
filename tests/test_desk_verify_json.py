"""``govmedia verify --format json`` gives scripts what reviewers see: each post's findings
and, per stage, the warnings its approval commit acknowledged."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Repo
from tests.test_desk_acks import _world
from tests.test_review_protocol import POST


def test_verify_json_lists_findings_and_acknowledged_warnings(
    tmp_path: Path, sample_repo: Repo
) -> None:
    world = _world(tmp_path, sample_repo)
    code, report = world.verify()
    assert code == 1
    (post,) = [item for item in report if item["path"] == POST]
    warnings = [f for f in post["findings"] if f["severity"] == "warning"]
    assert {"A9-12", "A16-02"} <= {f["rule"] for f in warnings}
    assert all(f["path"] == POST and f["line"] > 0 and f["message"] for f in warnings)
    assert any("我觉得" in f["match"] for f in warnings)
    assert all(stage["acknowledged"] == [] for stage in post["stages"])

    # every warning verify lists, the semantic layer's (S…) included, named one by one
    named = ",".join(sorted({f["rule"] for f in warnings}))
    world.approve("张伟", 1, POST, "--ack", named)
    world.approve("李强", 2, POST, "--ack", "all")
    code, report = world.verify()
    (post,) = [item for item in report if item["path"] == POST]
    first, second = (next(s for s in post["stages"] if s["stage"] == n) for n in (1, 2))
    assert first["ok"] and second["ok"]
    for stage in (first, second):
        acked = stage["acknowledged"]
        assert sorted(a["rule"] for a in acked) == sorted(f["rule"] for f in warnings)
        assert all(a["path"] == POST and a["line"] > 0 for a in acked)
        assert any("我觉得" in a["match"] for a in acked)
    assert next(s for s in post["stages"] if s["stage"] == 3)["acknowledged"] == []
    # the warnings are still there: acknowledging them never hides them
    assert [f["rule"] for f in post["findings"] if f["severity"] == "warning"] == [
        f["rule"] for f in warnings
    ]


def test_verify_json_of_a_clean_post_has_no_findings(tmp_path: Path, sample_repo: Repo) -> None:
    from tests.test_review_protocol import build_world

    world = build_world(tmp_path, sample_repo)
    _, report = world.verify()
    (post,) = [item for item in report if item["path"] == POST]
    assert post["findings"] == []
    assert all(stage["acknowledged"] == [] for stage in post["stages"])
