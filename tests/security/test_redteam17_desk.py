"""Red team, round 17: ``govmedia approve`` and ``govmedia status`` on a hostile branch.

A pushed branch is whatever its author made it. The pre-receive hook refuses files and
commits too large for any reader before it reads them (round 16), but a reviewer's
``approve`` and ``status`` read the branch's commits and blobs whole: a post of 48 MB of
spaces (a few kilobytes pushed) or a 48 MB commit message held either at hundreds of
megabytes before it said anything. Both now ask git for the sizes first, as the hook does,
and stop with the file or commit named. Each test runs the real command in a process of
its own and measures its peak memory, then the honest branch beside it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT
from tests.security.battery_support import Unit, post_text
from tests.security.redteam_support import approve_chain

MB = 1024 * 1024
HUGE = 48 * MB
POST = "content/posts/2026/11/dianzi-zhizhao.md"
IMAGE = "content/posts/2026/11/images/dianzi-zhizhao.png"
LIMIT = 2 * HUGE  # an honest run is under 80 MB
MEASURE = (
    "import resource, subprocess, sys\n"
    "p = subprocess.run(sys.argv[2:], cwd=sys.argv[1], capture_output=True, text=True)\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "print(p.returncode, peak, flush=True)\n"
    "sys.stderr.write(p.stdout + p.stderr)\n"
)


def _measured(unit: Unit, who: str, *args: str) -> tuple[int, int, str]:
    """``govmedia ARGS`` as ``who`` in the clone: (exit code, peak bytes, output)."""
    env = {**os.environ, **unit.env(who)}
    env["PYTHONPATH"] = str(PROJECT_ROOT)
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            MEASURE,
            str(unit.clone.path),
            sys.executable,
            "-m",
            "pipeline",
            *args,
        ],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    code, peak = done.stdout.split()
    return int(code), int(peak) * 1024, done.stderr


def _huge_post(unit: Unit) -> None:
    text = post_text("电子营业执照上线").encode("utf-8")
    unit.write(POST, text + b" " * (HUGE - len(text)))
    unit.commit("A huge post")


def _huge_image(unit: Unit) -> None:
    """A post pulling in an image of 48 MB: ``status --preview`` read it whole (139 MB)."""
    unit.write(POST, post_text("电子营业执照上线") + "\n![执照](images/dianzi-zhizhao.png)\n")
    unit.write(IMAGE, b"\x89PNG\r\n\x1a\n" + b"\0" * HUGE)
    unit.commit("A post with a huge image")


def _huge_commit(unit: Unit) -> None:
    unit.write(POST, post_text("电子营业执照上线"))
    unit.clone.git("add", "-A")
    message = Path(unit.tmp / "message")
    message.write_bytes(b"x\n\n" + b" " * HUGE + b"\nend\n")
    unit.clone.git("commit", "-q", "--cleanup=verbatim", "-F", str(message))


@pytest.mark.parametrize(
    "make", [_huge_post, _huge_image, _huge_commit], ids=["post", "image", "commit"]
)
@pytest.mark.parametrize("command", ["status", "preview", "approve", "verify"])
def test_a_branch_too_large_for_any_reader_is_refused_before_it_is_read(
    unit: Unit, make: object, command: str
) -> None:
    unit.branch("huge")
    make(unit)  # type: ignore[operator]
    args = {
        "status": ("status",),
        "preview": ("status", "--preview"),
        "approve": ("approve", POST, "--stage", "1"),
        "verify": ("verify",),
    }[command]
    code, peak, out = _measured(unit, "张伟", *args)
    assert peak < LIMIT, f"{command} held {peak // MB} MB:\n{out}"
    assert "过大" in out, out
    if make is _huge_image:
        assert IMAGE in out, out
    if command == "verify":
        assert code != 0, out
    if command == "approve":
        assert code != 0 and "Review-Stage" not in unit.clone.git("log", "-1", "--format=%B"), out


def test_an_honest_branch_is_shown_and_approved_as_before(unit: Unit) -> None:
    unit.branch("honest")
    unit.write(POST, post_text("电子营业执照上线"))
    unit.commit("New post")
    code, _, out = _measured(unit, "张伟", "status")
    assert code == 0 and POST in out and "过大" not in out, out
    approve_chain(unit, POST)
    code, _, out = _measured(unit, "张伟", "status")
    assert "已完成三审" in out, out
    code, _, out = _measured(unit, "张伟", "verify")
    assert code == 0 and POST in out and "过大" not in out, out
    code, _, out = _measured(unit, "张伟", "verify")
    assert code == 0 and POST in out and "过大" not in out, out
