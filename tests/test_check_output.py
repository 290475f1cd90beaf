"""``check --format json`` writes what ``json.dumps(..., ensure_ascii=False, indent=2)``
wrote before its output was built without the pure-Python encoder: byte for byte, on random
texts and integers, on the sample content and on a generated repository."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from pipeline.checking import collect
from pipeline.findings import Finding, format_json, indented_json, sort_key
from pipeline.project import Project
from tests.check_support import grow_repo


def reference(findings: list[Finding]) -> str:
    """The former ``format_json``."""
    rows = [f.to_json() for f in sorted(findings, key=sort_key)]
    return json.dumps(rows, ensure_ascii=False, indent=2)


def text(rng: random.Random) -> str:
    pools = [(0, 0x80), (0x80, 0x800), (0xD7F0, 0xE010), (0x4E00, 0x9FFF), (0x1F300, 0x1F64F)]
    chars = []
    for _ in range(rng.randrange(0, 12)):
        low, high = rng.choice(pools)
        chars.append(chr(rng.randrange(low, high)))
    return "".join(chars)


def test_random_rows_are_written_as_json_dumps_writes_them() -> None:
    rng = random.Random(17)
    for _ in range(300):
        rows: list[dict[str, object]] = []
        for _ in range(rng.randrange(0, 5)):
            row: dict[str, object] = {}
            for _ in range(rng.randrange(0, 6)):
                kind = rng.randrange(4)
                value: object = text(rng)
                if kind == 1:
                    value = rng.randrange(-(10**20), 10**20)
                elif kind == 2:
                    value = rng.choice([None, True, 1.5, [1], {"a": 1}])  # json.dumps itself
                row[text(rng)] = value
            rows.append(row)
        assert indented_json(rows) == json.dumps(rows, ensure_ascii=False, indent=2)


def test_findings_of_every_field_kind() -> None:
    rng = random.Random(4)
    findings = [
        Finding(
            text(rng),
            rng.randrange(9),
            rng.randrange(9),
            text(rng),
            text(rng),
            "error",
            text(rng),
            text(rng),
            waived=rng.choice([None, text(rng)]),
        )
        for _ in range(400)
    ]
    assert format_json(findings) == reference(findings)
    # Fields of other types than declared go the general way, as json.dumps writes them.
    odd = [
        Finding("p", True, 1, "r", "", "error", "m"),  # type: ignore[arg-type]
        Finding("p", 1, 1, "r", "", "error", "m", None),  # type: ignore[arg-type]
    ]
    for finding in odd:
        assert format_json([*findings, finding]) == reference([*findings, finding])


@pytest.mark.parametrize("generated", [0, 40])
def test_check_output_is_the_former_output(tmp_path: Path, generated: int) -> None:
    root = grow_repo(tmp_path / "unit", generated)
    _, findings = collect(Project(root))
    assert len(findings) > 10 if generated else findings == []
    assert format_json(findings) == reference(findings)
