"""Threat class 3, the parts below the hooks: which environment each server-side step gets,
the archive build's mkdocs process, ``install-hooks``'s interpreter check and the work
clone's refs. Real git repositories, real subprocesses, the real packaged theme."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.errors import UsageError
from pipeline.project import Project
from pipeline.publishing import hook
from pipeline.review import hooks
from pipeline.secrets_env import is_credential, publish_env, without_credentials
from pipeline.site import build, theme
from tests.conftest import SAMPLE_CONTENT, init_repo
from tests.publish_support import CREDS

SERVER_ENV = {
    **CREDS,
    "GOVMEDIA_PUBLISHER_KEY": "publisher-key-THROWAWAY-77aa",
    "GOVMEDIA_CONFIG": "/srv/govmedia/secrets.yml",
    "GOVMEDIA_WATCH_WEBHOOK": "https://hooks.example.gov.cn/t/THROWAWAY",
    "GOVMEDIA_WECHAT_API": "http://127.0.0.1:9/",
    "GOVMEDIA_SITE_URL": "http://127.0.0.1:8000/",
    "GOVMEDIA_RATE_WEIBO": "10/60",
    "SSH_AUTH_SOCK": "/tmp/ssh-agent.sock",
    "AWS_SECRET_ACCESS_KEY": "aws-THROWAWAY",
    "DB_PASSWORD": "db-THROWAWAY",
    "GITHUB_TOKEN": "ghs_THROWAWAY",
    "HTTPS_PROXY": "http://user:THROWAWAY@proxy.example:3128",
    "GIT_CONFIG_COUNT": "1",
    "GIT_CONFIG_KEY_0": "http.extraHeader",
    "GIT_CONFIG_VALUE_0": "Authorization: Bearer THROWAWAY",
    "GIT_AUTHOR_NAME": "推送者",
    "PATH": "/usr/bin:/bin",
    "HOME": "/home/govmedia",
    "LANG": "C.UTF-8",
    "LC_ALL": "C.UTF-8",
}
CREDENTIAL_NAMES = {
    *CREDS,
    "GOVMEDIA_PUBLISHER_KEY",
    "GOVMEDIA_CONFIG",
    "GOVMEDIA_WATCH_WEBHOOK",
    "SSH_AUTH_SOCK",
    "AWS_SECRET_ACCESS_KEY",
    "DB_PASSWORD",
    "GITHUB_TOKEN",
    "HTTPS_PROXY",
    "GIT_CONFIG_COUNT",
    "GIT_CONFIG_KEY_0",
    "GIT_CONFIG_VALUE_0",
}


def test_every_credential_is_recognised_and_nothing_else() -> None:
    assert {k for k, v in SERVER_ENV.items() if is_credential(k, v)} == CREDENTIAL_NAMES
    assert not is_credential("HTTPS_PROXY", "http://proxy.example:3128")  # no user:password@


def test_build_environment_has_no_credential() -> None:
    env = without_credentials(SERVER_ENV)
    assert not CREDENTIAL_NAMES & set(env)
    assert not [v for v in env.values() if "THROWAWAY" in v]
    # what the build needs is still there
    assert env["PATH"] == "/usr/bin:/bin" and env["GOVMEDIA_SITE_URL"] == "http://127.0.0.1:8000/"


def test_mkdocs_process_environment_has_no_credential_and_no_python_setting(
    tmp_path: Path,
) -> None:
    environ = {**SERVER_ENV, "PYTHONPATH": str(tmp_path), "PYTHONSTARTUP": str(tmp_path / "x")}
    env = build.mkdocs_env(environ, tmp_path / "build" / "docs")
    assert not CREDENTIAL_NAMES & set(env)
    assert not [v for v in env.values() if "THROWAWAY" in v]
    assert "PYTHONPATH" not in env and "PYTHONSTARTUP" not in env
    assert env[theme.DOCS_DIR_VARIABLE] == str(tmp_path / "build" / "docs")
    assert env["PYTHONHASHSEED"] == "0"


def test_publish_environment_is_only_what_publish_uses() -> None:
    env = publish_env(SERVER_ENV)
    assert {k for k in env if k in CREDENTIAL_NAMES} == {
        *CREDS,
        "GOVMEDIA_PUBLISHER_KEY",
        "GOVMEDIA_CONFIG",
        "HTTPS_PROXY",  # publishing may need the proxy to reach the platforms
    }
    for name in ("SSH_AUTH_SOCK", "AWS_SECRET_ACCESS_KEY", "GITHUB_TOKEN", "GIT_AUTHOR_NAME"):
        assert name not in env
    assert env["GOVMEDIA_RATE_WEIBO"] == "10/60" and env["LC_ALL"] == "C.UTF-8"


def test_hook_steps_get_their_own_environment() -> None:
    plain = hook.step_env({**SERVER_ENV, "PYTHONPATH": "/x"})
    assert not CREDENTIAL_NAMES & set(plain) and "PYTHONPATH" not in plain
    publishing = hook.step_env(SERVER_ENV, publish=True)
    assert publishing["GOVMEDIA_WECHAT_SECRET"] == CREDS["GOVMEDIA_WECHAT_SECRET"]
    assert "SSH_AUTH_SOCK" not in publishing and "GOVMEDIA_WATCH_WEBHOOK" not in publishing
    for env in (plain, publishing):
        assert env["GIT_NO_REPLACE_OBJECTS"] == "1"
        assert env[hook.ACTIVE] == "1"


def test_archive_build_never_hands_a_credential_to_mkdocs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A trusted configuration that asks for a secret with ``!ENV`` gets the default: the
    mkdocs process has no credential to give, whatever the caller's environment holds."""
    theme_copy = tmp_path / "theme"
    shutil.copytree(theme.THEME_DIR, theme_copy, ignore=shutil.ignore_patterns("__pycache__"))
    config = theme_copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace(
        "site_description: 经三审发布的政务新媒体文章、审核记录与撤稿公告",
        'site_description: !ENV [GOVMEDIA_WECHAT_SECRET, "NO-SECRET-IN-THE-BUILD"]',
    )
    assert "NO-SECRET-IN-THE-BUILD" in text
    config.write_text(text, encoding="utf-8")
    monkeypatch.setattr(theme, "THEME_DIR", theme_copy)
    monkeypatch.setattr(theme, "CONFIG", config)
    for name, value in CREDS.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("GOVMEDIA_SITE_URL", "http://127.0.0.1:8000/")
    repo = init_repo(tmp_path / "unit")
    shutil.copytree(SAMPLE_CONTENT, repo.path / "content")
    repo.commit("Import sample content")
    result = build.build_site(Project(repo.path), tmp_path / "site")
    index = result.index.read_text(encoding="utf-8")
    assert "NO-SECRET-IN-THE-BUILD" in index  # the !ENV was read: its default
    assert CREDS["GOVMEDIA_WECHAT_SECRET"] not in index


# --- install-hooks: only an interpreter that imports the installed govmedia ------------------


def test_install_hooks_records_only_the_interpreter_run_isolated(tmp_path: Path) -> None:
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    installed = hooks.install_hooks(bare)
    assert {p.name for p in installed} == {"pre-receive", "post-receive"}
    for path in installed:
        text = path.read_text(encoding="utf-8")
        assert "PYTHONPATH" not in text
        assert f"\nGOVMEDIA_PYTHON={shlex.quote(sys.executable)}\n" in text
        assert '"${GOVMEDIA_PYTHON:-python3}" -I -m pipeline.' in text
        assert "\nGIT_NO_REPLACE_OBJECTS=1\nexport GIT_NO_REPLACE_OBJECTS\n" in text


def test_install_hooks_refuses_an_interpreter_without_govmedia(tmp_path: Path) -> None:
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    venv = tmp_path / "empty-venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    # an interpreter without govmedia installed: a PYTHONPATH or a work tree would not count
    with pytest.raises(UsageError) as refused:
        hooks.install_hooks(bare, python=str(venv / "bin" / "python"))
    assert "python -I" in str(refused.value) and "无法导入" in str(refused.value)
    assert not (bare / "hooks" / "post-receive").exists()
    assert not (bare / "hooks" / "pre-receive").exists()


# --- the work clone: refs in full ---------------------------------------------------------------


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout.strip()


def test_a_tag_named_main_is_never_what_the_work_clone_checks_out(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "unit")
    repo.write("content/posts/a.md", "approved\n")
    honest = repo.commit("Approved main")
    repo.git("checkout", "-q", "-b", "evil")
    repo.write("content/posts/a.md", "never reviewed\n")
    evil = repo.commit("Unreviewed")
    repo.git("checkout", "-q", "main")
    bare = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(bare))
    repo.git("push", "-q", str(bare), "main", f"{evil}:refs/tags/main")
    env = hook.step_env(dict(os.environ))
    work = hook.prepare_work(bare, env)
    assert git(work, "rev-parse", "HEAD") == honest
    assert git(work, "symbolic-ref", "HEAD") == "refs/heads/main"
    assert (work / "content/posts/a.md").read_text(encoding="utf-8") == "approved\n"
    assert git(work, "tag", "--list") == ""  # no tags fetched at all
    # the next push: the existing clone follows the branch, not the tag
    repo.write("content/posts/b.md", "second\n")
    second = repo.commit("Second approved")
    repo.git("push", "-q", str(bare), "main")
    git(bare, "tag", "-f", "main", evil)
    work = hook.prepare_work(bare, env)
    assert git(work, "rev-parse", "HEAD") == second
    assert git(work, "symbolic-ref", "HEAD") == "refs/heads/main"
