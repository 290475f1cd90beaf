"""The README stays short and points into the documentation site, which lists every page."""

from __future__ import annotations

import re
import tomllib

import yaml

from tests.conftest import PROJECT_ROOT

README = PROJECT_ROOT / "README.md"
LINK_RE = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def _readme() -> str:
    return README.read_text(encoding="utf-8")


def _nav_files(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [f for item in node for f in _nav_files(item)]
    if isinstance(node, dict):
        return [f for value in node.values() for f in _nav_files(value)]
    return []


def _dependency_names() -> list[str]:
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    specs = list(project["project"]["dependencies"])
    for extra in project["project"]["optional-dependencies"].values():
        specs += extra
    return [re.split(r"[<>=!~\[ ;]", spec, maxsplit=1)[0] for spec in specs]


def test_readme_is_short_and_its_first_screen_lets_an_editor_start() -> None:
    text = _readme()
    assert len(text.encode("utf-8")) < 12 * 1024
    first_screen = "\n".join(text.splitlines()[:30])
    for needed in ("govmedia check", "govmedia status", "docs/manual/editors.md"):
        assert needed in first_screen, needed


def test_readme_links_point_at_existing_files() -> None:
    links = LINK_RE.findall(_readme())
    assert links
    missing = [link for link in links if not (PROJECT_ROOT / link).is_file()]
    assert not missing, missing


def test_every_documentation_page_is_in_the_navigation() -> None:
    config = yaml.safe_load((PROJECT_ROOT / "mkdocs-docs.yml").read_text(encoding="utf-8"))
    listed = set(_nav_files(config["nav"]))
    docs = PROJECT_ROOT / "docs"
    pages = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
    assert pages - listed == set(), "pages missing from the nav of mkdocs-docs.yml"
    assert listed - pages == set(), "nav entries without a page"


def test_every_python_dependency_has_its_reason_in_readme_and_developer_docs() -> None:
    readme = _readme().lower()
    reasons = (PROJECT_ROOT / "docs/dev/dependencies.md").read_text(encoding="utf-8").lower()
    names = _dependency_names()
    assert "pyyaml" in [n.lower() for n in names]
    for name in names:
        row = f"| {name.lower()}"
        assert name.lower() in readme, name
        assert row in reasons or f", {name.lower()}" in reasons, name


def test_developer_docs_give_the_reasons_against_the_alternatives() -> None:
    reasons = (PROJECT_ROOT / "docs/dev/dependencies.md").read_text(encoding="utf-8")
    for alternative in ("GitPython", "markdown-it-py", "python-frontmatter"):
        assert alternative in reasons, alternative
