"""Committing what the publisher wrote (the inbox, the ledger's interaction records), signed by
the publisher's own key (``ledger_signing``): one commit per directory, as the server's
pre-receive requires (``interaction.trust``, ``ledger_trust``)."""

from __future__ import annotations

from pipeline import git
from pipeline.ledger_signing import publisher_signer
from pipeline.platforms.settings import Settings
from pipeline.project import Project


def commit_dir(project: Project, folder: str, message: str, settings: Settings) -> str | None:
    """Commit every change under ``folder`` (nothing else); the new commit, or None if none."""
    root = project.root
    if not (root / folder).exists():
        return None
    signer = publisher_signer(project, "HEAD", settings)
    git.run(["add", "-A", "--", folder], cwd=root)
    _, changed, _ = git.run(["diff", "--cached", "--name-only", "--", folder], cwd=root)
    if not changed.strip():
        return None
    git.run(["commit", "-q", "-m", message, "--", folder], cwd=root, env=signer.env())
    return git.rev_parse("HEAD", cwd=root)
