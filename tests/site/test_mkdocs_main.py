"""How ``govmedia build`` starts mkdocs (``build.MKDOCS_MAIN``): mkdocs' own command line,
with ``pkg_resources`` unimportable, and jieba reading the same data files without it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pipeline.site.build import MKDOCS_MAIN

pytest.importorskip("jieba")

JIEBA_FILES = (
    "import hashlib, sys\n"
    "import jieba, jieba.finalseg\n"
    "from jieba._compat import get_module_res\n"
    "with get_module_res('dict.txt') as stream:\n"
    "    print(hashlib.sha256(stream.read()).hexdigest())\n"
    "print(sorted(jieba.finalseg.start_P.items()))\n"
    "print('pkg_resources' in sys.modules and sys.modules['pkg_resources'] is not None)\n"
)


def python(code: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-s", "-P", "-c", code, *args], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_mkdocs_runs_its_command_line() -> None:
    assert "mkdocs" in python(MKDOCS_MAIN, "--version").lower()


def test_jieba_reads_the_same_files_without_pkg_resources() -> None:
    blocking = MKDOCS_MAIN.split("from mkdocs")[0]
    plain, blocked = python(JIEBA_FILES), python(blocking + JIEBA_FILES)
    assert plain.splitlines()[:2] == blocked.splitlines()[:2]
    assert blocked.splitlines()[2] == "False"
