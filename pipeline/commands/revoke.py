"""``govmedia revoke COMMIT``: withdraw one's own signed approval or retraction (Revokes:)."""

from __future__ import annotations

import argparse

from pipeline import git
from pipeline.errors import UsageError
from pipeline.project import find_project
from pipeline.review.revoke import revoke
from pipeline.review.verify import TARGET_BRANCH

NAME = "revoke"
HELP = "撤回本人签名的审核或撤稿：在主分支上生成签名的撤回提交（Revokes:）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "commit", metavar="COMMIT", help="要撤回的审核提交或撤稿提交（提交编号，可写前缀）"
    )


def run(args: argparse.Namespace) -> int:
    project = find_project()
    root = git.toplevel(project.root)
    if root is None:
        raise UsageError(f"{project.root} 不是 git 仓库。")
    result = revoke(root, args.commit)
    print(result.subject)
    print(
        f"已由 {result.person.ident} 签名提交 {result.commit[:10]}，"
        f"撤回 {result.revoked.oid[:10]}（{result.revoked.what}）。"
    )
    print(f"请推送到服务器：git push origin {TARGET_BRANCH}")
    print(
        "推送后，该提交中的签名不再有效（原因代码 not-revoked）；如需重新审核，对同一版本再签一次即可。"
    )
    return 0
