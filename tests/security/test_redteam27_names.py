"""Red team round 27: names the server refuses, through the hosted forges' required check.

On the reviewers' Windows or macOS clones ``biaozhi.png`` and ``Biaozhi.png`` are one file:
a decoy committed beside the image a post pulls in can be what the reviewers look at while
``approve`` binds the other blob, and the decoy is approved too, so every changed file holds
three valid approvals (class 6). The server refuses a push adding such a name; ``govmedia
verify`` (``review.yml``) judged only the approvals, and passed the same pull request. Now
it applies the server's rules on names (``review/names.py``): names that differ only by
case or Unicode normalisation, another spelling of a unit file, a repeated slug.
"""

from __future__ import annotations

import pytest

from tests.security.battery_support import IMAGE, Unit, accepted
from tests.security.redteam_support import approve_chain
from tests.security.test_redteam27_roster_steps import _ci_verify
from tests.security.test_redteam_binding import FOLDER, POST, _post_with_image

TITLE = "::error title=服务器不接受的文件名::"
REASON = "只有大小写或 Unicode 写法不同"


@pytest.mark.parametrize("decoy", ["Biaozhi.png", "biao\u200dzhi.png"], ids=["case", "hfs"])
def test_a_decoy_beside_an_approved_image_fails_the_required_check(unit: Unit, decoy: str) -> None:
    real = (unit.clone.path / IMAGE).read_bytes()
    unit.branch("feature")
    _post_with_image(unit, "biaozhi.png", real + b"\0" * 16)
    approve_chain(unit, POST)  # the post and the image it pulls in
    honest = unit.head()
    code, out, err = _ci_verify(unit, "--format", "github")
    assert code == 0 and "::error" not in out, out + err  # honest: the approved post passes
    unit.write(f"{FOLDER}/{decoy}", real)
    unit.commit("Add an image")
    unit.approval_all(f"{FOLDER}/{decoy}")
    code, out, err = _ci_verify(unit, "--format", "github")
    assert code == 1, out + err
    annotations = [line for line in out.splitlines() if line.startswith(TITLE)]
    assert len(annotations) == 1 and REASON in annotations[0], out
    code, out, err = _ci_verify(unit)  # the checklist step, and an editor's own terminal
    assert code == 1 and REASON in err, out + err
    err = unit.attack()  # the server refuses the same push for the same reason
    assert REASON in err, err
    unit.clone.git("reset", "-q", "--hard", honest)
    accepted(unit, unit.push())


def test_a_unit_file_spelled_otherwise_fails_the_required_check(unit: Unit) -> None:
    """``content/RULES/a99-x.yml``, approved as a plain file, is read as a rule file by a
    Windows or macOS clone, and never gated as one."""
    unit.branch("rules")
    unit.write("content/RULES/a99-x.yml", "rules: []\n")
    unit.commit("Rules")
    unit.approval_all("content/RULES/a99-x.yml")
    code, out, err = _ci_verify(unit, "--format", "github")
    assert code == 1 and TITLE in out and "content/RULES/a99-x.yml" in out, out + err
    err = unit.attack()
    assert "content/RULES/a99-x.yml" in err, err
