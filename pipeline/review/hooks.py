"""Installing the git server hooks into a bare repository.

The hooks ship inside the package (``pipeline/review/server_hooks``, read through
``importlib.resources``), so ``govmedia install-hooks`` works from an ordinary wheel install.

A hook runs the *installed* govmedia: it records only the interpreter, which it starts in
isolated mode (``python -I``), so neither ``PYTHONPATH``, nor the hook's working directory,
nor a work tree of the repository can put code of their own in govmedia's place.
"""

from __future__ import annotations

import os
import shlex
import stat
import sys
import tempfile
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import pipeline
from pipeline import git, proc
from pipeline.errors import UsageError
from pipeline.secrets_env import without_credentials

HOOKS_DIR: Traversable = resources.files("pipeline.review") / "server_hooks"

# The names git runs as hooks in a bare repository. Every file of ``server_hooks/`` with one of these
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


def available_hooks(hooks_dir: Traversable = HOOKS_DIR) -> list[Traversable]:
    if not hooks_dir.is_dir():
        raise UsageError(
            f"govmedia 安装不完整：找不到服务器钩子目录 {hooks_dir}，请重新安装 govmedia。"
        )
    found = [p for p in hooks_dir.iterdir() if p.is_file() and p.name in HOOK_NAMES]
    return sorted(found, key=lambda p: p.name)


# The object checks of git the server relies on (class 3 of the threat model): path
# components that escape or shadow the repository, bad modes, duplicate entries.
STRICT_FSCK = (
    "hasDot",
    "hasDotdot",
    "hasDotgit",
    "emptyName",
    "fullPathname",
    "badFilemode",
    "duplicateEntries",
)

# What an isolated interpreter must import: the package and the two modules the hooks run.
PROBE = (
    "import pipeline, pipeline.publishing.hook, pipeline.review.server; print(pipeline.__file__)"
)


def absolute_command(python: str) -> str:
    """A relative interpreter path made absolute (a hook runs in another folder); a bare
    command name is left to ``PATH``. Symbolic links are kept: a virtualenv's python is one."""
    return str(Path(python).absolute()) if "/" in python else python


def installed_package(python: str) -> Path | None:
    """The ``pipeline`` package folder that ``python -I`` imports from a neutral folder (no
    work tree, no ``PYTHONPATH``), or None when it cannot import govmedia's hook modules."""
    with tempfile.TemporaryDirectory(prefix="govmedia-probe-") as neutral:
        try:
            code, out, _ = proc.run(
                [absolute_command(python), "-I", "-c", PROBE],
                cwd=neutral,
                env=without_credentials(os.environ),
                inherit_env=False,
                check=False,
            )
        except OSError:
            return None
    text = out.decode("utf-8", "replace").strip()
    if code != 0 or not text:
        return None
    return Path(text).resolve().parent


def check_interpreter(python: str = sys.executable) -> None:
    """Refuse (in Chinese) an interpreter that cannot run the hooks on its own: it must
    import this very govmedia in isolated mode, without any work tree."""
    found = installed_package(python)
    here = Path(pipeline.__file__).resolve().parent
    if found is None:
        raise UsageError(
            f"解释器 {python} 在隔离模式（python -I）下无法导入 govmedia 的 pipeline 包。"
            "服务器钩子只运行已安装的 govmedia，不读取 PYTHONPATH 或任何工作目录："
            "请先在该环境中安装 govmedia（在 govmedia 源码目录中运行 pip install .），"
            "再运行 govmedia install-hooks。"
        )
    if found != here:
        raise UsageError(
            f"解释器 {python} 在隔离模式下导入的 govmedia 位于 {found}，"
            f"与正在运行的 {here} 不同：请在同一环境中安装要使用的 govmedia 后再安装钩子。"
        )


def render_hook(source: Traversable, python: str = sys.executable) -> str:
    """The hook text with the interpreter (and nothing else) recorded after the shebang."""
    text = source.read_text(encoding="utf-8")
    shebang, _, rest = text.partition("\n")
    if not shebang.startswith("#!"):
        shebang, rest = "#!/bin/sh", text
    header = f"GOVMEDIA_PYTHON={shlex.quote(python)}\n"
    return f"{shebang}\n{header}{rest}"


def hooks_git_runs(bare: Path) -> Path:
    """The folder git takes ``bare``'s hooks from, after every level of configuration
    (``core.hooksPath``; relative to the bare repository, where git runs its hooks)."""
    found = git.out(["rev-parse", "--git-path", "hooks"], cwd=bare).strip()
    return (bare / found).resolve() if found else bare / "hooks"


def pin_hooks_path(bare: Path) -> None:
    """Make git run the hooks of ``bare/hooks`` whatever the server's other configuration.

    A ``core.hooksPath`` of the system's or the server user's configuration (a shared folder,
    ``/dev/null`` to silence hooks) made git run none of the installed hooks: the server
    accepted every push while ``install-hooks`` reported its hooks installed. The bare
    repository's own configuration, read last, now names its ``hooks`` folder (relative, so a
    moved repository keeps it); a value the repository already had for another folder is the
    operator's to remove, and anything that still overrides the pin is refused."""
    own = (bare / "hooks").resolve()
    code, raw, _ = git.run(
        ["config", "--local", "--get-all", "core.hooksPath"], cwd=bare, check=False
    )
    values = raw.decode("utf-8", "replace").split("\n")[:-1] if code == 0 else []
    foreign = [v for v in values if (bare / v).resolve() != own]
    if foreign:
        raise UsageError(
            f"裸仓库 {bare} 的配置 core.hooksPath 为 {foreign[-1]}：git 会从该目录运行钩子，"
            "govmedia 安装的钩子不会运行。请确认后删除该设置"
            "（git config --unset-all core.hooksPath），再运行 govmedia install-hooks。"
        )
    git.run(["config", "--local", "core.hooksPath", "hooks"], cwd=bare)
    runs = hooks_git_runs(bare)
    if runs != own:
        raise UsageError(
            f"git 仍从 {runs} 运行裸仓库 {bare} 的钩子（core.hooksPath 被其他配置覆盖），"
            "govmedia 安装的钩子不会运行：请删除覆盖它的设置后重新运行 govmedia install-hooks。"
        )


def install_hooks(
    bare: Path, hooks_dir: Traversable = HOOKS_DIR, python: str = sys.executable
) -> list[Path]:
    """Write every hook of ``hooks_dir`` into ``bare/hooks``, the folder git runs them from
    (:func:`pin_hooks_path`); returns the installed files."""
    if not (bare / "HEAD").is_file() or not (bare / "objects").is_dir():
        raise UsageError(f"{bare} 不是 git 裸仓库（找不到 HEAD 与 objects/）。")
    python = absolute_command(python)
    check_interpreter(python)
    pin_hooks_path(bare)
    target = bare / "hooks"
    target.mkdir(exist_ok=True)
    installed = []
    for source in available_hooks(hooks_dir):
        dest = target / source.name
        tmp = dest.with_name(dest.name + ".govmedia-tmp")
        tmp.write_text(render_hook(source, python), encoding="utf-8")
        tmp.chmod(tmp.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        tmp.replace(dest)
        installed.append(dest)
    # git itself refuses malformed objects before any hook runs: ``..`` or ``.git`` path
    # components, bad modes, duplicate tree entries (what a hand-made tree could smuggle in);
    # the repository's own configuration keeps them errors whatever the server user's or the
    # system's ``receive.fsck.<id>`` says (an ``ignore`` there let such trees onto a branch)
    git.run(["config", "receive.fsckObjects", "true"], cwd=bare)
    for check in STRICT_FSCK:
        git.run(["config", f"receive.fsck.{check}", "error"], cwd=bare)
    return installed
