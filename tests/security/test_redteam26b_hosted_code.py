"""Red team round 26b: code and configuration through the hosted forges' required check.

On a hosted forge the gate of main is ``review.yml``: ``govmedia verify --base <merge base>
--head <PR head>``, a required status check; ``publish.yml`` then installs govmedia from
main (``pip install .``) and runs ``govmedia publish`` with the platform credentials. On
such a forge the unit's repository holds the code as the operator set it up, next to
``content/``. ``verify`` judged the files under ``content/`` (and the publisher's records),
so a pull request whose one change was ``pipeline/some_module.py`` had nothing to judge and
passed, where the server's pre-receive refuses every change of main outside ``content/``,
``ledger/`` and ``interaction/``, every symlink and submodule and every deletion of reviewed
content. Now ``verify`` applies that rule (``review/boundary.py``, the server's own) to the
tree the pull request changes, from the merge base to its head.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Repo, init_repo, run_cli
from tests.review_support import REVIEWERS, identity_env
from tests.security.test_redteam26_hosted_gate import _ci_verify
from tests.test_review_protocol import POST, World, build_world

# what the operator installed on main when setting the unit's repository up on the forge
# (no ``pipeline/__init__.py``: the tests run ``python -m pipeline`` in the checkout, where a
# regular package of that name would shadow the govmedia under test)
OPERATOR_FILES = {
    "pipeline/some_module.py": "def publish() -> None:\n    return None\n",
    "pyproject.toml": '[project]\nname = "govmedia"\nversion = "0.1.0"\n',
    "mkdocs.yml": "site_name: 政务新媒体归档\n",
    ".github/workflows/publish.yml": "name: publish\non:\n  push:\n    branches: [main]\n",
    "hooks/pre-receive": "#!/bin/sh\nexec govmedia hook pre-receive\n",
}
# code run by publish.yml after the merge, with the credentials in its environment
STOLEN = "import os\n\n\ndef publish() -> None:\n    print(dict(os.environ))\n"
REASON = "代码与配置不随内容推送或合并"
OLD_POST = "content/posts/2026/11/nianmo-fanzha-tixing.md"


@pytest.fixture
def world(tmp_path: Path, sample_repo: Repo) -> World:
    """The unit on a forge: main holds the operator's code and the sample content; the
    pull request ``feature`` adds one post (``build_world``)."""
    for path, text in OPERATOR_FILES.items():
        sample_repo.write(path, text)
    sample_repo.commit("govmedia as the operator installed it")
    return build_world(tmp_path, sample_repo)


def _editor_commit(world: World, message: str) -> str:
    return world.repo.commit(message, env=identity_env("王芳", REVIEWERS["王芳"]))


def _branch(world: World, name: str) -> None:
    world.repo.git("checkout", "-q", "-b", name, "main")


def _approve_all(world: World) -> None:
    world.approve("张伟", 1)
    world.approve("李强", 2)
    world.approve("陈静", 3)


def test_a_pull_request_changing_code_fails_the_required_check(world: World) -> None:
    _branch(world, "fix-typo")
    world.repo.write("pipeline/some_module.py", STOLEN)
    _editor_commit(world, "Fix a typo")
    repo = world.repo.path
    code, out, err = _ci_verify(repo, "--format", "github")
    assert code == 1, out + err
    annotations = [line for line in out.splitlines() if line.startswith("::error ")]
    assert any("pipeline/some_module.py" in a and REASON in a for a in annotations), out
    assert "Traceback" not in err
    code, out, err = _ci_verify(repo)  # the checklist step, and an editor's own terminal
    assert code == 1 and "pipeline/some_module.py" in err and REASON in err, out + err
    # the server refuses the same change pushed to main, for the same reason
    pushed = world.push("HEAD", "main")
    assert pushed.returncode != 0
    assert "pipeline/some_module.py" in pushed.stderr and REASON in pushed.stderr


def _symlink(repo: Repo) -> str:
    os.symlink("../../../roster.yml", repo.path / "content/posts/2026/11/link.md")
    return "content/posts/2026/11/link.md"


def _submodule(repo: Repo) -> str:
    """An embedded repository, which ``git add`` records as a gitlink (a submodule)."""
    vendor = init_repo(repo.path / "content/vendor")
    vendor.write("README.md", "vendored\n")
    vendor.commit("Vendored", env=identity_env("王芳", REVIEWERS["王芳"]))
    return "content/vendor"


def _deletion(repo: Repo) -> str:
    (repo.path / OLD_POST).unlink()
    return OLD_POST


def _writer(path: str, text: str = "# changed\n") -> Callable[[Repo], str]:
    def write(repo: Repo) -> str:
        repo.write(path, text)
        return path

    return write


REFUSED = {
    "pyproject.toml": (_writer("pyproject.toml", '[project]\nname = "x"\n'), REASON),
    "workflow": (_writer(".github/workflows/publish.yml"), REASON),
    "mkdocs.yml": (_writer("mkdocs.yml", "hooks: [evil.py]\n"), REASON),
    "hook": (_writer("hooks/pre-receive", "#!/bin/sh\nexit 0\n"), REASON),
    "new top-level file": (_writer("sitecustomize.py", "import os\n"), REASON),
    "symlink": (_symlink, "是符号链接"),
    "submodule": (_submodule, "是子模块"),
    "deleted post": (_deletion, "不允许删除已审核的内容"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_every_change_the_server_refuses_fails_the_required_check(world: World, case: str) -> None:
    change, reason = REFUSED[case]
    _branch(world, "attempt")
    path = change(world.repo)
    _editor_commit(world, f"Attempt: {case}")
    code, out, err = _ci_verify(world.repo.path)
    assert code == 1, out + err
    assert path in err and reason in err, err
    assert "Traceback" not in err


def test_an_approved_content_pull_request_still_passes(world: World) -> None:
    _approve_all(world)
    code, out, err = _ci_verify(world.repo.path, "--format", "github")
    assert code == 0 and "::error" not in out, out + err
    code, out, err = _ci_verify(world.repo.path)
    assert code == 0 and REASON not in err, out + err


def test_a_pull_request_brought_up_to_date_with_an_operators_main_passes(world: World) -> None:
    """The administrator merged an upgrade past the check; a pull request opened before it
    is brought up to date by merging main (the forge's "Update branch"): the merge holds the
    operator's code, and the pull request changes content only."""
    _approve_all(world)
    world.repo.git("checkout", "-q", "main")
    world.repo.write("pipeline/some_module.py", "def publish() -> None:\n    return\n")
    world.repo.write("pyproject.toml", '[project]\nname = "govmedia"\nversion = "0.2.0"\n')
    world.repo.write(".github/workflows/publish.yml", "name: publish (upgraded)\n")
    world.repo.commit("Upgrade govmedia to 0.2.0")
    world.repo.git("checkout", "-q", "feature")
    world.repo.git("merge", "-q", "--no-ff", "-m", "Merge main into feature", "main")
    code, out, err = _ci_verify(world.repo.path, "--format", "github")
    assert code == 0 and "::error" not in out, out + err
    code, out, err = _ci_verify(world.repo.path)
    assert code == 0 and REASON not in err, out + err
    assert POST in out


def test_a_branch_of_many_code_files_is_refused_once_with_a_count(world: World) -> None:
    _branch(world, "vendor")
    for n in range(60):
        world.repo.write(f"site_config/overrides/part{n:02}.html", f"<p>{n}</p>\n")
    _editor_commit(world, "Vendor a theme")
    code, out, err = _ci_verify(world.repo.path)
    assert code == 1, out + err
    named = [line for line in err.splitlines() if "site_config/overrides/part" in line]
    assert len(named) == 50 and "part00.html" in named[0], err
    assert "另有 10 处修改同样不允许合并" in err


def test_status_names_what_the_gates_will_refuse(world: World) -> None:
    """The editor learns before asking for reviews: ``status`` lists a change outside the
    boundary (the approvals cannot let it through), and says nothing of the kind for a
    content-only branch."""
    _approve_all(world)
    clean = run_cli("status", cwd=world.repo.path)
    assert clean.code == 0 and REASON not in clean.out, clean.out + clean.err
    world.repo.write("pipeline/some_module.py", STOLEN)
    _editor_commit(world, "Fix a typo")
    status = run_cli("status", cwd=world.repo.path)
    assert status.code == 0 and "Traceback" not in status.err, status.err
    assert "不接受的修改" in status.out and "pipeline/some_module.py" in status.out, status.out
    assert REASON in status.out
