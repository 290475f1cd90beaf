"""A one-post ``govmedia check`` imports only what a check needs (measured in a new process:
no HTTP client, no process pool, no error reporter, no ``pkg_resources``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.check_support import PROJECT_ROOT, grow_repo

PROBE = """
import json, sys
from pipeline.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def modules_after(code: str, *args: str, cwd: Path) -> tuple[str, set[str]]:
    env = dict(os.environ, PYTHONPATH=str(PROJECT_ROOT), XDG_CACHE_HOME=str(cwd / "xdg"))
    proc = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout.strip().splitlines()[-1])
    return proc.stdout, set(data["modules"])


def test_one_post_check_imports_little(tmp_path: Path) -> None:
    root = grow_repo(tmp_path / "unit", 0)
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(tmp_path / "k")],
        check=True,
        capture_output=True,
    )
    key = (tmp_path / "k.pub").read_text(encoding="utf-8").strip()
    roster = root / "content" / "roster.yml"
    text = roster.read_text(encoding="utf-8")
    roster.write_text(text.replace("keys: []", f"keys:\n      - {key}", 1), encoding="utf-8")
    post = "content/posts/2026/06/shequ-xuanchuan-jindu.md"
    _, first = modules_after(PROBE, "check", post, cwd=root)
    assert "sshsig" in first  # the roster's keys are parsed once ...
    # --no-cache: the post is checked again, not taken from the result store of the first run
    _, modules = modules_after(PROBE, "check", "--no-cache", post, cwd=root)
    assert "pipeline.rules.checker" in modules  # it did check
    heavy = ("httpx", "multiprocessing", "pkg_resources", "pipeline.error_handler", "sshsig")
    for name in (*heavy, "cryptography"):  # ... and then known to be valid keys
        assert name not in modules, name
    # With the private cache warm: no ledger (the log redaction needs only its types), no
    # code that derives the lexicon keys and spellings, no pinyin data.
    cold = ("pipeline.ledger", "uuid", "pipeline.rules.phonetic", "pipeline.rules.radicals")
    for name in (*cold, "pypinyin"):
        assert name not in modules, name
    # An image-free post (no "![" and no "<" in its body) needs neither renderer.
    assert "<" not in post_body(root / post) and "![" not in post_body(root / post)
    for name in RENDERERS:
        assert name not in modules, name


RENDERERS = (
    "markdown",
    "nh3",
    "pipeline.site.sanitize",
    "pipeline.html_sanitize",
    "pipeline.platforms.render_common",
)


def post_body(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return text.split("\n---\n", 1)[1]


def test_post_with_an_image_imports_the_renderers(tmp_path: Path) -> None:
    root = grow_repo(tmp_path / "unit", 0)
    post = "content/posts/2026/03/zhangshang-app-shangxian.md"
    assert "![" in post_body(root / post)
    modules_after(PROBE, "check", post, cwd=root)  # the cache warm, as above
    _, modules = modules_after(PROBE, "check", "--no-cache", post, cwd=root)
    for name in RENDERERS:
        assert name in modules, name


def test_post_model_does_not_import_signatures(tmp_path: Path) -> None:
    code = "import json, sys, pipeline.content; print(json.dumps({'modules': sorted(sys.modules)}))"
    _, modules = modules_after(code, cwd=tmp_path)
    assert "pipeline.content" in modules
    assert not {"sshsig", "cryptography", "pipeline.review.roster"} & modules


def test_segmenter_imports_jieba_without_pkg_resources(tmp_path: Path) -> None:
    code = (
        "import json, sys\n"
        "from pipeline.rules import RuleChecker\n"
        "found = RuleChecker(None).check_text('本市特色情况介绍。')\n"
        "print(json.dumps({'rules': [d.rule for d in found], 'modules': sorted(sys.modules)}))"
    )
    out, modules = modules_after(code, cwd=tmp_path)
    assert "jieba" in modules  # 色情 inside 特色情况 needed the segmenter
    assert "pkg_resources" not in modules
    assert json.loads(out.strip().splitlines()[-1])["rules"] == []
