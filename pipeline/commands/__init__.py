"""One module per subcommand. Each defines NAME, HELP, add_arguments(parser) and run(args).

The CLI discovers them, so adding a command never touches the others.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def discover(only: str | None = None) -> list[ModuleType]:
    """Every command module; with ``only``, just the module of that name when it exists
    (a pre-commit ``govmedia check`` then does not import the site builder and the rest)."""
    modules = []
    infos = sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name)
    if only is not None and any(info.name == only for info in infos):
        infos = [info for info in infos if info.name == only]
    for info in infos:
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "NAME") and hasattr(module, "run"):
            modules.append(module)
    return modules
