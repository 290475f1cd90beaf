"""Packages import downward only: every import in ``pipeline`` against tests/layers.yml.

In the manner of import-linter's "layers" contract, with the table kept as data, but at module
granularity: a package's loader of YAML files (``governance.registry``) sits in a lower layer
than its reports (``governance.report``). Every import counts, the ones inside functions and
``if TYPE_CHECKING`` blocks too, since those are where cycles hide.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
TABLE = Path(__file__).with_name("layers.yml")


@dataclass(frozen=True)
class Import:
    source: str  # the importing module
    path: Path
    line: int
    target: str  # the imported module (deepest one that exists)


@dataclass(frozen=True)
class Layers:
    names: list[str]  # top first
    prefixes: dict[str, int]  # module prefix -> index in names

    @classmethod
    def load(cls, path: Path) -> Layers:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        names = [layer["name"] for layer in data["layers"]]
        prefixes: dict[str, int] = {}
        for index, layer in enumerate(data["layers"]):
            for module in layer["modules"]:
                assert module not in prefixes, f"{module} is listed twice in {path.name}"
                prefixes[module] = index
        return cls(names, prefixes)

    def of(self, module: str) -> int | None:
        """Index of the module's layer: its longest listed prefix decides."""
        parts = module.split(".")
        for end in range(len(parts), 0, -1):
            index = self.prefixes.get(".".join(parts[:end]))
            if index is not None:
                return index
        return None


def modules_of(package_dir: Path) -> dict[str, Path]:
    root = package_dir.parent
    found: dict[str, Path] = {}
    for path in sorted(package_dir.rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _deepest(name: str, modules: dict[str, Path]) -> str:
    while name not in modules and "." in name:
        name = name.rsplit(".", 1)[0]
    return name


def imports_of(package_dir: Path) -> list[Import]:
    """Every import of the package's own modules, at any depth of the syntax tree."""
    package = package_dir.name
    modules = modules_of(package_dir)
    found: list[Import] = []
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        is_package = path.name == "__init__.py"
        for node in ast.walk(tree):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = module.split(".")[: None if is_package else -1]
                    base = base[: len(base) - (node.level - 1)]
                    stem = ".".join([*base, *([node.module] if node.module else [])])
                else:
                    stem = node.module or ""
                targets = [f"{stem}.{alias.name}" for alias in node.names] or [stem]
            for target in targets:
                if target == package or target.startswith(package + "."):
                    found.append(Import(module, path, node.lineno, _deepest(target, modules)))
    return found


def upward_imports(package_dir: Path, layers: Layers) -> list[str]:
    problems: list[str] = []
    for imp in imports_of(package_dir):
        own, other = layers.of(imp.source), layers.of(imp.target)
        if own is not None and other is not None and other < own:
            problems.append(
                f"{imp.path.relative_to(package_dir.parent)}:{imp.line}: {imp.source} "
                f"({layers.names[own]}) imports {imp.target} ({layers.names[other]}, above)"
            )
    return list(dict.fromkeys(problems))


def test_every_module_belongs_to_a_layer() -> None:
    layers = Layers.load(TABLE)
    missing = [m for m in modules_of(ROOT / "pipeline") if layers.of(m) is None]
    assert not missing, f"add these modules to {TABLE.name}: {missing}"


def test_every_listed_prefix_exists() -> None:
    modules = modules_of(ROOT / "pipeline")
    stale = [p for p in Layers.load(TABLE).prefixes if not any(m.startswith(p) for m in modules)]
    assert not stale, f"{TABLE.name} lists modules that do not exist: {stale}"


def test_pipeline_imports_downward_only() -> None:
    problems = upward_imports(ROOT / "pipeline", Layers.load(TABLE))
    assert not problems, "upward imports:\n" + "\n".join(problems)


def test_an_upward_import_inside_a_function_is_caught(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "low").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "top.py").write_text("from pkg.low import util\n")
    (package / "low" / "__init__.py").write_text("")
    (package / "low" / "util.py").write_text(
        "def f() -> None:\n    from ..top import f  # hidden cycle\n"
    )
    table = tmp_path / "layers.yml"
    table.write_text(
        "layers:\n  - {name: top, modules: [pkg.top]}\n  - {name: low, modules: [pkg, pkg.low]}\n",
        encoding="utf-8",
    )
    problems = upward_imports(package, Layers.load(table))
    assert problems == ["pkg/low/util.py:2: pkg.low.util (low) imports pkg.top (top, above)"]


@pytest.mark.parametrize(
    ("module", "layer"),
    [
        ("pipeline.governance.registry", "model"),
        ("pipeline.governance.report", "workflows"),
        ("pipeline.governance.checks", "domain"),
        ("pipeline.commands.check", "entry"),
    ],
)
def test_the_longest_listed_prefix_decides(module: str, layer: str) -> None:
    layers = Layers.load(TABLE)
    index = layers.of(module)
    assert index is not None and layers.names[index] == layer


def test_the_architecture_page_draws_every_layer() -> None:
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    diagram = page.split("```")[1]
    rows = [
        line.split()[1] for line in diagram.splitlines() if line.startswith("│ ") and line[2] != " "
    ]
    assert rows == Layers.load(TABLE).names
