"""mkdocs in govmedia's own process for a rebuild over the changed pages
(``pipeline/site/inprocess.py``): a correction and a retraction built there equal
``govmedia build --full`` byte for byte and leave the process's environment and working
directory as they were; each thing the mkdocs process of its own bought refuses it (a
credential in the environment, an import path from the caller, the repository or the
working directory, an mkdocs build or jieba already used in the process), and the rebuild
is then made with the process; a failure inside falls back to the whole build."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from pipeline.secrets_env import without_credentials
from pipeline.site import inprocess
from pipeline.site.build import PARTIAL_DONE
from tests.conftest import PROJECT_ROOT
from tests.site.conftest import CORRECTED, Built, assert_same_as_full, correct, module_site
from tests.site.kit import retract

APP_POST = "content/posts/2026/03/zhangshang-app-shangxian.md"

# ``govmedia build`` as the server's hook starts it (``python -I``), counting the runs
# of mkdocs in this process; ``PROBE_BREAK`` hands the run a docs folder that is not there
PROBE = """
import json, os, sys
from pathlib import Path
from pipeline.project import Project
from pipeline.site import build, inprocess
runs = []
run = inprocess.run
def counted(site_dir, env):
    runs.append(sorted(env))
    if os.environ.get("PROBE_BREAK"):
        env = {**env, "GOVMEDIA_BUILD_DOCS": str(Path(site_dir) / "missing")}
    return run(site_dir, env)
inprocess.run = counted
before = (dict(os.environ), os.getcwd())
result = build.build_site(Project(Path.cwd()), Path("site"), progress=print)
after = (dict(os.environ), os.getcwd())
print(json.dumps({"runs": runs, "restored": before == after, "log": result.log,
                  "code": str(Path(build.__file__).resolve()),
                  "again": inprocess.why_not(Path.cwd())}, ensure_ascii=False))
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    yield from module_site(tmp_path_factory, "inprocess")


def probe(site: Built, isolated: bool = True, **extra: str) -> tuple[dict[str, object], str]:
    """``PROBE`` in the repository, with ``python -I`` or plain ``python -c`` (the working
    directory then on the import path); its report and what the build printed."""
    env = {**without_credentials(os.environ), "GOVMEDIA_SITE_URL": "http://127.0.0.1:8000/"}
    env.pop("PYTHONPATH", None)  # govmedia as installed
    env.update(extra)
    flags = ["-I"] if isolated else []
    done = subprocess.run(
        [sys.executable, *flags, "-c", PROBE],
        cwd=site.repo.path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr + done.stdout
    assert "Prefix dict" not in done.stderr  # jieba's log is the run's, as the process's was
    lines = done.stdout.strip().splitlines()
    report = json.loads(lines[-1])
    assert report["code"] == str((PROJECT_ROOT / "pipeline/site/build.py").resolve())  # this one
    return report, "\n".join(lines[:-1])


def test_a_correction_and_a_retraction_built_in_process_equal_a_full_build(site: Built) -> None:
    probe(site)  # the previous site and its frames
    correct(site, "进程内重建：更正咨询电话。", "2026-06-02T02:00:00Z")
    report, output = probe(site)
    assert PARTIAL_DONE in output and len(report["runs"]) == 1
    assert "GOVMEDIA_PARTIAL" in report["runs"][0] and "GOVMEDIA_PAGE_CACHE" in report["runs"][0]
    assert report["restored"] is True
    assert report["again"] == "an mkdocs build already ran in this process"
    assert "INFO    -  Building documentation to directory:" in str(report["log"])
    assert "Prefix dict has been built" in str(report["log"])
    assert "进程内重建" in site.page(f"posts/{Path(CORRECTED).stem}.html")
    assert_same_as_full(site)
    retract(site.repo, APP_POST, "进程内撤稿", at="2026-06-03T03:00:00Z")
    report, output = probe(site)
    assert PARTIAL_DONE in output and len(report["runs"]) == 1
    assert "本文已撤稿" in site.page(f"posts/{Path(APP_POST).stem}.html")
    assert_same_as_full(site)


def test_a_credential_in_the_environment_keeps_mkdocs_in_its_own_process(site: Built) -> None:
    probe(site)
    correct(site, "凭据在环境中：另起进程。", "2026-06-04T02:00:00Z")
    report, output = probe(site, GOVMEDIA_WECHAT_SECRET="wechat-THROWAWAY")
    assert PARTIAL_DONE in output and report["runs"] == []
    assert report["again"] == "the environment holds a credential"
    assert_same_as_full(site)


def test_a_failure_in_process_falls_back_to_the_whole_build(site: Built) -> None:
    probe(site)
    correct(site, "进程内失败：整站重建。", "2026-06-05T02:00:00Z")
    report, output = probe(site, PROBE_BREAK="1")
    assert len(report["runs"]) == 1 and PARTIAL_DONE not in output
    assert report["restored"] is True
    assert "进程内失败" in site.page(f"posts/{Path(CORRECTED).stem}.html")
    assert_same_as_full(site)


def test_the_working_directory_on_the_import_path_keeps_mkdocs_in_its_own_process(
    site: Built,
) -> None:
    """``python -c`` (or ``python -m pipeline``) in the clone: the clone is on the path."""
    probe(site)
    correct(site, "工作目录在导入路径上：另起进程。", "2026-06-06T02:00:00Z")
    report, output = probe(site, isolated=False)
    assert PARTIAL_DONE in output and report["runs"] == []
    assert report["again"] == "the script's folder or the working directory is on the import path"
    assert_same_as_full(site)


# --- what refuses it -----------------------------------------------------------------------


def installed() -> list[str]:
    """An import path that is the installation's only, as ``python -I`` has it."""
    prefixes = [Path(p).resolve() for p in (sys.prefix, sys.base_prefix)]
    return [
        p
        for p in sys.path
        if os.path.isabs(p)
        and any(x == Path(p).resolve() or x in Path(p).resolve().parents for x in prefixes)
    ]


def test_nothing_refuses_a_clean_process(tmp_path: Path) -> None:
    path = [str(Path(sys.prefix) / "bin"), *installed()]
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "GOVMEDIA_SITE_URL": "http://x/"}
    assert inprocess.refusal(tmp_path / "unit", env, path, {}, tmp_path) is None


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("GOVMEDIA_WECHAT_SECRET", "s"),
        ("GOVMEDIA_PUBLISHER_KEY", "k"),
        ("SSH_AUTH_SOCK", "/run/agent"),
        ("HTTPS_PROXY", "http://user:pw@proxy.example:3128"),
        ("PYTHONPATH", "/opt/elsewhere"),
        ("PYTHONHOME", "/opt/python"),
    ],
)
def test_an_environment_the_mkdocs_process_would_not_get_refuses_it(
    tmp_path: Path, variable: str, value: str
) -> None:
    path = [str(Path(sys.prefix) / "bin"), *installed()]
    assert inprocess.refusal(tmp_path, {variable: value}, path, {}, tmp_path) is not None


def test_an_import_path_from_the_repository_or_the_working_directory_refuses_it(
    tmp_path: Path,
) -> None:
    repo, work, bin_dir = tmp_path / "unit", tmp_path / "work", str(Path(sys.prefix) / "bin")
    for folder in (repo / "lib", work):
        folder.mkdir(parents=True)
    base = installed()
    for path in (
        ["", *base],  # python -c, the interactive interpreter
        [str(repo), *base],  # python -m in the clone, or a script there
        [bin_dir, *base, str(repo / "lib")],  # an entry inside the repository
        [bin_dir, *base, str(work)],  # the working directory
        [bin_dir, *base, "lib"],  # a relative entry: read from the working directory
    ):
        assert inprocess.refusal(repo, {}, path, {}, work) is not None, path


def test_a_second_run_in_one_process_or_jieba_in_use_refuses_it(tmp_path: Path) -> None:
    path = [str(Path(sys.prefix) / "bin"), *installed()]
    for module in ("material.plugins.search.plugin", "material.plugins.blog.plugin", "frames"):
        assert inprocess.refusal(tmp_path, {}, path, {module: object()}, tmp_path) is not None
    used = SimpleNamespace(dt=SimpleNamespace(initialized=True, user_word_tag_tab={}))
    fresh = SimpleNamespace(dt=SimpleNamespace(initialized=False, user_word_tag_tab={}))
    assert inprocess.refusal(tmp_path, {}, path, {"jieba": used}, tmp_path) is not None
    assert inprocess.refusal(tmp_path, {}, path, {"jieba": fresh}, tmp_path) is None


def test_jiebas_dictionary_is_loaded_only_by_a_run_that_cuts_text(site: Built) -> None:
    """A rebuild with nothing changed builds no page: the search plugin cuts no text and
    jieba's dictionary is not loaded (hook ``jieba_load.py``); the next correction's run
    cuts its new text with the dictionary and the user words loaded as before. (Last in
    the module: its correction is dated after the other tests'.)"""
    probe(site)
    report, output = probe(site)  # nothing changed: run over no page
    assert PARTIAL_DONE in output and len(report["runs"]) == 1
    assert "INFO    -  Building documentation to directory:" in str(report["log"])
    assert "Prefix dict" not in str(report["log"])
    assert_same_as_full(site)
    correct(site, "进程内重建：词典按需载入。", "2026-06-30T02:00:00Z")
    report, output = probe(site)
    assert PARTIAL_DONE in output and len(report["runs"]) == 1
    assert "Prefix dict has been built" in str(report["log"])
    assert "词典按需载入" in site.page(f"posts/{Path(CORRECTED).stem}.html")
    assert_same_as_full(site)
