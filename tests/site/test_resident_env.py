"""Which environment finds the resident builder (``resident_place.key``).

Only the variables that change a build's output are hashed: two builds that differ in one of
them never share a builder, and the server's hook, whose ``PATH``, ``GIT_*`` bookkeeping and
``GOVMEDIA_HOOK_ACTIVE`` differ from an operator's shell, finds the builder started with the
same settings. Every ``GOVMEDIA_*`` variable named by the code a build runs is either hashed
or listed below with the reason it does not change a build's output.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.secrets_env import CREDENTIALS
from pipeline.site import resident_place, theme
from tests.conftest import PROJECT_ROOT

BASE = {
    "PATH": "/usr/bin:/bin",
    "HOME": "/home/gm",
    "GOVMEDIA_SITE_URL": "https://gov.example.cn/archive/",
    "SOURCE_DATE_EPOCH": "1795000000",
    "LANG": "zh_CN.UTF-8",
    "GIT_NO_REPLACE_OBJECTS": "1",
}
# What the hook's build environment has that an operator's service does not, or differently.
HOOK_ONLY = {
    "PATH": "/usr/lib/git-core:/usr/bin:/bin",
    "GOVMEDIA_HOOK_ACTIVE": "1",
    "GIT_EXEC_PATH": "/usr/lib/git-core",
    "GIT_PUSH_OPTION_COUNT": "0",
    "GOVMEDIA_WECHAT_API": "https://api.weixin.qq.com",  # publishing's, not the build's
    "GOVMEDIA_WECHAT_SECRET": "THROWAWAY",  # a credential never reaches a build
    "PYTHONPATH": "/elsewhere",  # the build runs with -I (its mkdocs with no PYTHON*)
    "PWD": "/srv/git/unit.git/govmedia-work",
    "SHLVL": "2",
}
# GOVMEDIA_* variables the build's code names that do not change its output.
NOT_OUTPUT = {
    "GOVMEDIA_": "the prefix secrets_env.py scans credentials by",
    "GOVMEDIA_RATE_": "publishing's rate limits",
    "GOVMEDIA_HOOK_ACTIVE": "the hook's own marker: no other run of the hook",
    theme.DOCS_DIR_VARIABLE: "set by the build for its mkdocs, never taken from the caller",
    theme.PAGE_CACHE_VARIABLE: "set by the build for its mkdocs, never taken from the caller",
    theme.CARRY_VARIABLE: "set by the build for its mkdocs, never taken from the caller",
    theme.PARTIAL_VARIABLE: "set by the build for its mkdocs, never taken from the caller",
}
# read by publishing and the platforms' clients, whose modules a build imports but never calls
PUBLISHING = re.compile(
    r"GOVMEDIA_(WECHAT|WEIBO|APP|POLL|MAX_|RETRY|HTTP|INTERACTION|WATCH|PUBLISHER|CONFIG)"
)
LITERAL = re.compile(r"\"(GOVMEDIA_[A-Z0-9_]*)\"")
ENV_TAG = re.compile(r"!ENV \[?\s*(\w+)")
MODULES = "import sys, pipeline.commands.build, pipeline.site.build; print(*sorted(sys.modules))"


def key(env: dict[str, str]) -> str:
    return resident_place.key(Path("/srv/unit"), Path("/srv/unit/site"), env)


def test_the_hooks_bookkeeping_and_a_credential_change_no_key() -> None:
    assert key(BASE) == key({**BASE, **HOOK_ONLY})


@pytest.mark.parametrize(
    "name",
    sorted(
        resident_place.OUTPUT_VARIABLES | {"LANG", "LC_ALL", "LC_CTYPE", "LC_TIME", "LC_COLLATE"}
    ),
)
def test_builds_differing_in_a_variable_of_their_output_never_share_a_builder(name: str) -> None:
    changed = {**BASE, name: BASE.get(name, "") + "-other"}
    assert key(changed) != key(BASE)
    unset = {k: v for k, v in BASE.items() if k != name} if name in BASE else None
    if unset is not None:
        assert key(unset) != key(BASE)


def test_the_locale_counts_by_the_value_of_each_category() -> None:
    service = {**BASE, "LANG": "C.UTF-8"}
    # the hook's Python coerced a C locale (LC_CTYPE added), govmedia.env then set LANG
    assert key({**service, "LC_CTYPE": "C.UTF-8"}) == key(service)
    assert key({**service, "LC_ALL": "C.UTF-8", "LC_TIME": "zh_CN.UTF-8"}) == key(service)
    assert key({**service, "LC_TIME": "zh_CN.UTF-8"}) != key(service)  # a push's session's


def _build_files() -> list[Path]:
    """The files of the modules a build imports, with the theme's hooks and configuration."""
    names = subprocess.run(
        [sys.executable, "-c", MODULES], capture_output=True, text=True, check=True
    ).stdout.split()
    files = []
    for name in names:
        if name == "pipeline" or name.startswith("pipeline."):
            base = PROJECT_ROOT / name.replace(".", "/")
            files.append(base / "__init__.py" if base.is_dir() else base.with_suffix(".py"))
    files = [f for f in files if f.is_file()]  # a namespace package has no file
    files += sorted((PROJECT_ROOT / "pipeline/site/theme").glob("*.py"))
    return files


def test_every_variable_the_build_names_is_hashed_or_known_not_to_change_its_output() -> None:
    named: set[str] = set()
    for path in _build_files():
        named |= set(LITERAL.findall(path.read_text(encoding="utf-8")))
    config = (PROJECT_ROOT / "pipeline/site/theme/mkdocs.yml").read_text(encoding="utf-8")
    named |= set(ENV_TAG.findall(config))
    assert "GOVMEDIA_SITE_URL" in named and "GOVMEDIA_TODAY" in named  # the scan finds reads
    unknown = {
        n
        for n in named
        if n not in resident_place.OUTPUT_VARIABLES
        and n not in NOT_OUTPUT
        and n not in CREDENTIALS
        and not PUBLISHING.match(n)
    }
    assert not unknown, f"add to resident_place.OUTPUT_VARIABLES or explain: {sorted(unknown)}"
