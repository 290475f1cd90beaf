"""Installing the git server hooks of ``hooks/`` into a bare repository."""

from __future__ import annotations

import shlex
import stat
import sys
from pathlib import Path

from pipeline.errors import UsageError

PACKAGE_PARENT = Path(__file__).resolve().parent.parent.parent
HOOKS_DIR = PACKAGE_PARENT / "hooks"

# The names git runs as hooks in a bare repository. Every file of ``hooks/`` with one of these
# names is installed (the publish helper's ``post-receive`` included).
HOOK_NAMES = (
    "pre-receive",
    "update",
    "post-receive",
    "post-update",
    "reference-transaction",
    "push-to-checkout",
    "proc-receive",
)


def available_hooks(hooks_dir: Path = HOOKS_DIR) -> list[Path]:
    return sorted(p for p in hooks_dir.iterdir() if p.is_file() and p.name in HOOK_NAMES)


def render_hook(source: Path) -> str:
    """The hook text with this interpreter and package recorded after the shebang."""
    text = source.read_text(encoding="utf-8")
    shebang, _, rest = text.partition("\n")
    if not shebang.startswith("#!"):
        shebang, rest = "#!/bin/sh", text
    header = (
        f"GOVMEDIA_PYTHON={shlex.quote(sys.executable)}\n"
        f"PYTHONPATH={shlex.quote(str(PACKAGE_PARENT))}${{PYTHONPATH:+:$PYTHONPATH}}\n"
        "export GOVMEDIA_PYTHON PYTHONPATH\n"
    )
    return f"{shebang}\n{header}{rest}"


def install_hooks(bare: Path, hooks_dir: Path = HOOKS_DIR) -> list[Path]:
    """Write every hook of ``hooks_dir`` into ``bare/hooks``; returns the installed files."""
    if not (bare / "HEAD").is_file() or not (bare / "objects").is_dir():
        raise UsageError(f"{bare} 不是 git 裸仓库（找不到 HEAD 与 objects/）。")
    target = bare / "hooks"
    target.mkdir(exist_ok=True)
    installed = []
    for source in available_hooks(hooks_dir):
        dest = target / source.name
        tmp = dest.with_name(dest.name + ".govmedia-tmp")
        tmp.write_text(render_hook(source), encoding="utf-8")
        tmp.chmod(tmp.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        tmp.replace(dest)
        installed.append(dest)
    return installed
