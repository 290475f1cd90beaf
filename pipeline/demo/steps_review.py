"""Demo steps: the 三审制 — throwaway reviewer keys, the server hook, signed approvals, pushes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import clock, git, proc
from pipeline.errors import GovmediaError
from pipeline.ledger_signing import ENV_NAME as PUBLISHER_KEY_ENV
from pipeline.project import POSTS_DIR, ROSTER_FILE
from pipeline.review.approve import approve
from pipeline.review.hooks import install_hooks
from pipeline.review.report import stage_line
from pipeline.review.verify import verify_range

if TYPE_CHECKING:
    from pipeline.demo import DemoContext

# Who reviews in the demo (the sample roster's people), and the new post's author.
REVIEWERS = {
    1: ("张伟", "zhangwei@example.gov.cn"),
    2: ("李强", "liqiang@example.gov.cn"),
    3: ("陈静", "chenjing@example.gov.cn"),
}
AUTHOR = ("王芳", "wangfang@example.gov.cn")
KEY_PEOPLE = ("张伟", "孙丽", "李强", "陈静", "赵明")
NEW_POST_TITLE = "政务服务大厅推行延时服务"


def signing_env(name: str, email: str, key: Path | None) -> dict[str, str]:
    """Git identity and SSH signing configuration for one person, via the environment."""
    config = {"user.name": name, "user.email": email}
    if key is not None:
        config.update({"gpg.format": "ssh", "user.signingkey": str(key)})
    env = {
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email,
        "GIT_CONFIG_COUNT": str(len(config)),
        **clock.git_dates(),  # the demo's clock (its sample year replayed), else git's own
    }
    for i, (k, v) in enumerate(config.items()):
        env[f"GIT_CONFIG_KEY_{i}"] = k
        env[f"GIT_CONFIG_VALUE_{i}"] = v
    return env


def _add_keys(text: str, keys: dict[str, str]) -> str:
    """The roster text with each named person's ``keys: []`` replaced by their public key."""
    out: list[str] = []
    current = ""
    for line in text.splitlines():
        match = re.match(r"\s*- name:\s*(\S+)", line)
        if match:
            current = match.group(1)
        if line.strip() == "keys: []" and current in keys:
            indent = line[: len(line) - len(line.lstrip())]
            out += [f"{indent}keys:", f"{indent}  - {keys[current]}"]
            continue
        out.append(line)
    return "\n".join(out) + "\n"


def setup_keys(ctx: DemoContext) -> None:
    """Throwaway ed25519 keys (outside the repository), the roster bootstrap, the hooks."""
    key_dir = ctx.workdir / "keys"
    key_dir.mkdir(parents=True, exist_ok=True)
    people: dict[str, dict[str, str]] = {}
    for number, name in enumerate(KEY_PEOPLE, 1):
        private = key_dir / f"reviewer{number}_ed25519"
        proc.run(
            [
                "ssh-keygen",
                "-q",
                "-t",
                "ed25519",
                "-N",
                "",
                "-C",
                f"govmedia-demo-{number}",
                "-f",
                str(private),
            ]
        )
        public = private.with_name(private.name + ".pub").read_text(encoding="utf-8").strip()
        people[name] = {"private": str(private), "public": public}
    publisher = _keygen(key_dir / "publisher_ed25519", "govmedia-demo-publisher")
    roster = ctx.repo / ROSTER_FILE
    text = _add_keys(
        roster.read_text(encoding="utf-8"), {n: p["public"] for n, p in people.items()}
    )
    roster.write_text(_add_publisher_key(text, publisher), encoding="utf-8")
    # the server's own configuration (outside the repository): the publisher's private key
    with (ctx.remote / "govmedia.env").open("a", encoding="utf-8") as env_file:
        env_file.write(f"{PUBLISHER_KEY_ENV}={key_dir / 'publisher_ed25519'}\n")
    operator = {**(ctx.data.get("operator_env") or _operator()), **clock.git_dates()}
    git.run(["add", ROSTER_FILE], cwd=ctx.repo)
    git.run(
        ["commit", "-q", "-m", "Roster: reviewers' public signing keys (bootstrap)"],
        cwd=ctx.repo,
        env=operator,
    )
    git.run(["push", "-q", "origin", "main"], cwd=ctx.repo)
    installed = install_hooks(ctx.remote)
    for name, entry in people.items():
        email = next((e for n, e in REVIEWERS.values() if n == name), "")
        entry["email"] = email
    ctx.data["review"] = {"keys": people, "key_dir": str(key_dir)}
    ctx.say(f"  为 {len(people)} 位审核人生成一次性 ed25519 密钥：{key_dir}（不在仓库内）")
    ctx.say(f"  公钥写入名册 {ROSTER_FILE} 并推送到 main（初始名册，安装钩子之前）")
    ctx.say(
        "  另为发布程序生成一次性发布者密钥：公钥登记在名册 publishers 中，私钥路径只写入服务器的 "
        "govmedia.env（发布台账的每个提交都由它签名）"
    )
    ctx.say("  已安装服务器钩子：" + "、".join(p.name for p in installed))


def _keygen(private: Path, comment: str) -> str:
    """A throwaway ed25519 key pair; the public key line."""
    proc.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", str(private)])
    return private.with_name(private.name + ".pub").read_text(encoding="utf-8").strip()


def _add_publisher_key(text: str, public: str) -> str:
    """The roster text with the publisher's ``keys: []`` (under ``publishers:``) set."""
    head, sep, tail = text.partition("\npublishers:\n")
    if not sep:
        return text.rstrip("\n") + (
            "\npublishers:\n  - name: govmedia 发布\n    email: publisher@example.gov.cn\n"
            f"    keys:\n      - {public}\n"
        )
    return head + sep + tail.replace("    keys: []", f"    keys:\n      - {public}", 1)


def _operator() -> dict[str, str]:
    return {
        "GIT_AUTHOR_NAME": "govmedia 演示",
        "GIT_AUTHOR_EMAIL": "demo@example.gov.cn",
        "GIT_COMMITTER_NAME": "govmedia 演示",
        "GIT_COMMITTER_EMAIL": "demo@example.gov.cn",
    }


def _reviewer_env(ctx: DemoContext, stage: int) -> dict[str, str]:
    name, email = REVIEWERS[stage]
    key = Path(ctx.data["review"]["keys"][name]["private"])
    return signing_env(name, email, key)


def _push(ctx: DemoContext, branch: str) -> tuple[bool, str]:
    code, _, err = git.run(["push", "origin", f"{branch}:main"], cwd=ctx.repo, check=False)
    text = err.decode("utf-8", "replace")
    remote = [
        line.removeprefix("remote: ").rstrip()
        for line in text.splitlines()
        if line.startswith("remote: ")
    ]
    return code == 0, "\n".join(f"    {line}" for line in remote if line.strip())


def new_post_flow(ctx: DemoContext) -> None:
    """A new post: refused by the server until three reviewers approve it, then accepted."""
    present = ctx.data["timeline"].present
    ctx.set_time(present)  # the sample year is over: the demo's today
    ctx.say(f"  今天是 {present:%Y-%m-%d}（演示时钟；示例年度已按文章日期重放完毕）。")
    today = ctx.today()
    rel = f"{POSTS_DIR}/{today:%Y/%m}/gongzuori-yanshi-banli.md"
    author = signing_env(*AUTHOR, None)
    git.run(["checkout", "-q", "-b", "post/yanshi-banli", "main"], cwd=ctx.repo)
    target = ctx.repo / rel
    if target.exists():
        raise GovmediaError(f"演示文章 {rel} 已存在：请换一个空的工作目录。")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        "---\n"
        f"title: {NEW_POST_TITLE}\n"
        f"date: {today.isoformat()}\n"
        f"author: {AUTHOR[0]} <{AUTHOR[1]}>\n"
        "channels: [wechat, weibo, app]\n"
        "category: 通知公告\n"
        "tags: [政务服务]\n"
        "original: true\n"
        "digest: 政务服务大厅工作日延时服务至18时30分，方便上班族办事。\n"
        "---\n\n"
        "为方便上班族办事，市政务服务大厅自下月1日起在工作日推行延时服务，"
        "综合受理窗口服务时间延长至18时30分。\n",
        encoding="utf-8",
    )
    git.run(["add", rel], cwd=ctx.repo)
    git.run(["commit", "-q", "-m", f"New post: {NEW_POST_TITLE}"], cwd=ctx.repo, env=author)
    ctx.say(f"  编辑 {AUTHOR[0]} 在分支 post/yanshi-banli 上新增文章 {rel}")
    ok, message = _push(ctx, "post/yanshi-banli")
    if ok:
        raise GovmediaError("未经审核的文章竟被服务器接受：钩子没有生效。")
    ctx.say("  未经三审直接推送到 main —— 服务器拒绝：")
    ctx.say(message)
    for stage in (1, 2, 3):
        ctx.advance(minutes=40)  # each reviewer reads it in turn
        result = approve(ctx.repo, [str(target)], stage, env=_reviewer_env(ctx, stage))
        ctx.say(
            f"  {ctx.now():%H:%M} {result.subject}（{result.person.ident}，"
            f"签名提交 {result.commit[:10]}）"
        )
    base = git.rev_parse("main", cwd=ctx.repo)
    for review in verify_range(ctx.repo, base, "HEAD"):
        ctx.say(
            f"  govmedia verify：{review.path} {'可以发布' if review.publishable else '不可发布'}"
        )
        for result in review.stages:
            ctx.say("  " + stage_line(result))
    ok, message = _push(ctx, "post/yanshi-banli")
    if not ok:
        raise GovmediaError("三审完成的文章被服务器拒绝：\n" + message)
    git.run(["checkout", "-q", "main"], cwd=ctx.repo)
    git.run(["merge", "-q", "--ff-only", "post/yanshi-banli"], cwd=ctx.repo)
    ctx.say("  三审完成后推送到 main：服务器接受。")
    ctx.data["review"]["new_post"] = rel


PUPPET = ("周某", "puppet@example.gov.cn")


def roster_attack(ctx: DemoContext) -> None:
    """An editor tries the roster flip-flop: add a puppet leader and revert, in one push."""
    git.run(["checkout", "-q", "-b", "attack/roster", "main"], cwd=ctx.repo)
    author = signing_env(*AUTHOR, None)
    key_dir = Path(ctx.data["review"]["key_dir"])
    puppet = key_dir / "puppet_ed25519"
    proc.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "puppet", "-f", str(puppet)])
    public = puppet.with_name(puppet.name + ".pub").read_text(encoding="utf-8").strip()
    roster = ctx.repo / ROSTER_FILE
    original = roster.read_text(encoding="utf-8")
    entry = (
        f"  - name: {PUPPET[0]}\n    email: {PUPPET[1]}\n    roles: [leader]\n"
        f"    keys:\n      - {public}\n"
    )
    lines = original.splitlines(keepends=True)
    end = next((i for i, line in enumerate(lines) if line.startswith("publishers:")), len(lines))
    while end > 0 and lines[end - 1].startswith("#"):  # the comment above publishers
        end -= 1
    roster.write_text("".join([*lines[:end], entry, *lines[end:]]), encoding="utf-8")
    git.run(["commit", "-q", "-am", "Roster: add a leader"], cwd=ctx.repo, env=author)
    roster.write_text(original, encoding="utf-8")
    git.run(["commit", "-q", "-am", "Roster: tidy"], cwd=ctx.repo, env=author)
    ctx.say(f"  编辑 {AUTHOR[0]} 在一次推送中先把自己控制的“领导”{PUPPET[0]}加入名册，再改回原样")
    ok, message = _push(ctx, "attack/roster")
    git.run(["checkout", "-q", "main"], cwd=ctx.repo)
    git.run(["branch", "-q", "-D", "attack/roster"], cwd=ctx.repo)
    if ok:
        raise GovmediaError("名册的中间状态未经批准却被服务器接受：钩子没有生效。")
    ctx.say("  服务器逐个检查推送中的每个提交，名册的中间状态未获两位审核人批准 —— 拒绝：")
    ctx.say(message)
