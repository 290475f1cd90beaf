"""The server side of the publish trigger (``hooks/post-receive``).

Reads the pushed refs on stdin (``<old> <new> <ref>`` lines). When main moved, it updates
a work clone ``<bare>/govmedia-work`` (created on first use), runs ``govmedia publish
--push`` there (the ledger commit goes back to the bare repository; the nested push
does not start another run) and then ``govmedia build`` when that command exists.
Credentials come from the server's environment or from ``<bare>/govmedia.env``
(``KEY=value`` lines; a file of the server, never in the repository).

Nothing of the work clone runs (DESIGN.md, "Trust boundary"): govmedia is started from
the installed package in isolated mode (``python -I``: no ``PYTHON*`` variable, neither the
working directory nor the work tree on the import path). Only the publish step sees the
credentials, and only the variables it uses (``secrets_env.publish_env``); git and the build
run without any. Every git command names refs in full (``refs/heads/main``), so a tag or
another ref called ``main`` is never what gets checked out, and ignores ``refs/replace/``.

Rerun by hand after a failure: ``python -I -m pipeline.publishing.hook --rerun`` with
``GIT_DIR`` set to the bare repository; exactly-once delivery makes it safe.
"""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

from pipeline import envvars, git, proc
from pipeline.errors import GovmediaError
from pipeline.secrets_env import publish_env, without_credentials

ACTIVE = "GOVMEDIA_HOOK_ACTIVE"
WORK = "govmedia-work"
MAIN = "refs/heads/main"
ORIGIN_MAIN = "refs/remotes/origin/main"
ZERO = "0" * 40
# Git sets these for hooks; they must not leak into commands run in the work clone.
GIT_ENV = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_QUARANTINE_PATH",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_PUSH_OPTION_COUNT",
)
# The work clone's info/attributes: no attribute of the tree converts what is checked out.
PINNED = "* -text -eol -ident -filter -working-tree-encoding\n"


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def rerun_command(bare: Path) -> str:
    """The command that reruns this hook by hand, exactly as it must be typed on the server."""
    return (
        f"GIT_DIR={shlex.quote(str(bare))} {shlex.quote(sys.executable)} "
        "-I -m pipeline.publishing.hook --rerun"
    )


def is_bare(path: Path) -> bool:
    code, out, _ = git.run(["rev-parse", "--is-bare-repository"], cwd=path, check=False)
    return code == 0 and out.strip() == b"true"


def main_updated(lines: list[str]) -> bool:
    for line in lines:
        parts = line.split()
        if len(parts) == 3 and parts[2] == MAIN and parts[1] != ZERO:
            return True
    return False


def step_env(env: dict[str, str], *, publish: bool = False) -> dict[str, str]:
    """The whole environment of one step: the publish step's allowlist, or everything but
    the credentials; never a ``PYTHON*`` setting; git never follows ``refs/replace/``."""
    chosen = publish_env(env) if publish else without_credentials(env)
    chosen = {k: v for k, v in chosen.items() if not k.startswith("PYTHON")}
    chosen["GIT_NO_REPLACE_OBJECTS"] = "1"
    chosen[ACTIVE] = "1"  # the ledger push of a running publish starts no other run
    return chosen


def git_in(args: list[str], cwd: Path, env: dict[str, str]) -> None:
    """One git command of the hook, with exactly ``env`` (no credential in it)."""
    git.run(args, cwd=cwd, env=env, inherit_env=False)


def server_env(bare: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in GIT_ENV}
    env.update(envvars.env_file(bare / "govmedia.env"))
    env[ACTIVE] = "1"
    return env


def _blobs_as_they_are(work: Path) -> None:
    """Pin the work clone's checkout to the blobs: its ``info/attributes``, above every
    ``.gitattributes`` of the tree, unsets what converts a file (an approved
    ``content/.gitattributes`` giving ``accounts.yml`` a working-tree encoding made the build
    read other bytes than the approved blob). A clone that lacked it checks out again."""
    info = work / ".git" / "info" / "attributes"
    if info.is_file() and info.read_text(encoding="utf-8") == PINNED:
        return
    info.parent.mkdir(parents=True, exist_ok=True)
    info.write_text(PINNED, encoding="utf-8")
    (work / ".git" / "index").unlink(missing_ok=True)  # every file is written again


def prepare_work(bare: Path, env: dict[str, str], signing: dict[str, str] | None = None) -> Path:
    """The work clone at ``main`` of the bare repository; ``env`` is a step environment,
    ``signing`` the git configuration that signs replayed ledger commits (publisher key)."""
    work = bare / WORK
    if not (work / ".git").exists():
        # no tags: in the clone, "main" can only ever mean the branch
        git_in(["clone", "-q", "--no-checkout", "--no-tags", str(bare), str(work)], bare, env)
        _blobs_as_they_are(work)
        git_in(["checkout", "-q", "-B", "main", ORIGIN_MAIN], work, env)
    else:
        git_in(["fetch", "-q", "--no-tags", "origin", f"+{MAIN}:{ORIGIN_MAIN}"], work, env)
        git_in(["symbolic-ref", "HEAD", MAIN], work, env)
        _blobs_as_they_are(work)
        git_in(["reset", "-q", "--hard", MAIN], work, env)
        # keep ledger commits a failed push left behind: replay them on the new main, signed
        # again by the publisher (a rebased commit loses its signature otherwise)
        git_in(["rebase", "-q", ORIGIN_MAIN], work, {**env, **(signing or {})})
    code, _, _ = git.run(
        ["config", "--get", "user.email"], cwd=work, env=env, inherit_env=False, check=False
    )
    if code != 0:
        git_in(["config", "user.name", "govmedia 发布"], work, env)
        git_in(["config", "user.email", "govmedia@localhost"], work, env)
    return work


def rebase_signing(env: dict[str, str]) -> dict[str, str]:
    """Git configuration (via the environment) signing replayed commits with the publisher key."""
    from pipeline.ledger_signing import config_env, configured_key

    try:
        key = configured_key(None, env)
    except GovmediaError:
        return {}
    if key is None:
        return {}
    config = {"gpg.format": "ssh", "user.signingkey": str(key), "commit.gpgsign": "true"}
    return config_env(config, env)


def govmedia(args: list[str], work: Path, env: dict[str, str]) -> int:
    """``govmedia ARGS`` in the work clone: the installed package, isolated (``-I``), with
    exactly ``env``; its output goes to the pusher."""
    code, out, err = proc.run(
        [sys.executable, "-I", "-m", "pipeline", *args],
        cwd=work,
        env=env,
        inherit_env=False,
        check=False,
    )
    for stream in (out, err):
        text = stream.decode("utf-8", "replace").strip()
        if text:
            say(text)
    return code


def configured(env: dict[str, str]) -> bool:
    """Whether the server has any publishing credentials at all."""
    keys = (
        "GOVMEDIA_WECHAT_SECRET",
        "GOVMEDIA_WEIBO_TOKEN",
        "GOVMEDIA_APP_HMAC_KEY",
        "GOVMEDIA_CONFIG",
    )
    return any(env.get(key) for key in keys)


def has_build_command() -> bool:
    import importlib.util

    return importlib.util.find_spec("pipeline.commands.build") is not None


def run(bare: Path, lines: list[str], *, rerun: bool = False) -> int:
    if os.environ.get(ACTIVE):
        return 0  # the ledger push of a running publish: nothing new to publish
    if not rerun and not main_updated(lines):
        return 0
    env = server_env(bare)
    say("govmedia：main 已更新，开始发布……")
    plain = step_env(env)
    try:
        work = prepare_work(bare, plain, rebase_signing(env))
    except proc.CalledProcessError as exc:
        say(f"govmedia：无法准备发布工作目录（{exc}）。修复后可重新运行：{rerun_command(bare)}")
        return 1
    failed = False
    code = 0
    published = configured(env)
    if not published:
        say("govmedia：服务器未配置发布凭据（GOVMEDIA_* 环境变量或 govmedia.env），本次不发布。")
    else:
        code = govmedia(["publish", "--push"], work, step_env(env, publish=True))
    if published:
        from pipeline.interaction.server_step import run_inbox

        inbox_code = run_inbox(work, env, govmedia, step_env(env, publish=True))
        if inbox_code != 0:
            failed = True
            say(
                f"govmedia：网民互动未全部完成（退出码 {inbox_code}）。已发送的不会重复发送；"
                f"处理上面列出的问题后可在服务器上续传：\n{rerun_command(bare)}"
            )
    if code != 0:
        failed = True
        say(
            f"govmedia：发布未全部完成（退出码 {code}）。已发布的不会重复发布；"
            f"处理上面列出的问题后再次推送，或在服务器上运行以下命令续传：\n{rerun_command(bare)}"
        )
    if has_build_command():
        code = govmedia(["build"], work, plain)
        if code != 0:
            failed = True
            say(f"govmedia：归档站点构建失败（退出码 {code}），原有站点保持不变。")
    else:
        say("govmedia：尚未安装归档站点构建命令（govmedia build），跳过站点构建。")
    if not failed:
        say(
            "govmedia：发布与归档完成。"
            if published
            else "govmedia：归档站点已更新；未发布到任何平台。"
        )
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    bare = Path(os.environ.get("GIT_DIR", ".")).absolute()
    # git's hook variables point at the bare repository: commands run later in the work
    # clone (and proc.run passes os.environ on) must not inherit them
    for name in GIT_ENV:
        os.environ.pop(name, None)
    rerun = "--rerun" in argv
    if rerun and not is_bare(bare):
        say(
            f"govmedia：{bare} 不是裸仓库，未做任何操作（不会在这里创建发布工作目录）。"
            "请在服务器上把环境变量 GIT_DIR 设为接收推送的裸仓库路径后再运行。"
        )
        return 2
    lines = [] if rerun else sys.stdin.read().splitlines()
    return run(bare, lines, rerun=rerun)


if __name__ == "__main__":
    from pipeline.error_handler import guarded

    raise SystemExit(guarded(main, ["pipeline.publishing.hook", *sys.argv[1:]]))
