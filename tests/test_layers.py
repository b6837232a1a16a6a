"""The import contract: generator's layers import only downwards, so the pipeline stays
one-directional (load → validate → analyse → render → write) and a layer can be read without
the ones above it. Checked on the source (every `import` and `from ... import`, including
those inside functions and under TYPE_CHECKING), so a new upward import fails here. Also: only
the writer writes, and every module named by its path in the sources and documents exists."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator"

# Lowest first: a module may import its own layer and any layer before it.
LAYERS = ("core", "io", "validate", "analysis", "render", "app")


def layer_of(module: str) -> str | None:
    """The layer of a dotted module name inside generator (None for the package root)."""
    parts = module.split(".")
    if parts[0] != "generator" or len(parts) < 2:
        return None
    return parts[1] if parts[1] in LAYERS else None


def module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(source: str, package: list[str]) -> list[tuple[int, str]]:
    """(line, absolute module) of every import of a generator module in the source of a
    module of `package` (relative imports resolved against it)."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if node.module is None:  # from . import x: x is a module of that package
                found += [(node.lineno, f"{target}.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, target))
    return [(line, module) for line, module in found if module.startswith("generator")]


def upward_imports(source: str, module: str, is_package: bool = False) -> list[str]:
    """`line: imported module (its layer)` for each import of a higher layer."""
    own = layer_of(module)
    if own is None:
        return []
    package = module.split(".") if is_package else module.split(".")[:-1]
    return [
        f"{line}: {target} ({layer})"
        for line, target in imported_modules(source, package)
        if (layer := layer_of(target)) is not None and LAYERS.index(layer) > LAYERS.index(own)
    ]


SOURCES = sorted(PACKAGE.rglob("*.py"))


def test_every_module_is_in_a_layer() -> None:
    """Only the package's own entry points live outside the layers."""
    outside = {str(p.relative_to(PACKAGE)) for p in SOURCES if layer_of(module_name(p)) is None}
    assert outside == {"__init__.py", "__main__.py"}


@pytest.mark.parametrize("layer", LAYERS)
def test_no_layer_imports_a_layer_above_it(layer: str) -> None:
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{problem}"
        for path in SOURCES
        if layer_of(module_name(path)) == layer
        for problem in upward_imports(
            path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py"
        )
    ]
    assert found == []


def test_the_contract_catches_an_upward_import() -> None:
    """Relative, absolute, `from . import` and function-level imports are all resolved."""
    source = (
        "from ..analysis.results import Verdict\n"
        "from . import models\n"
        "def later():\n"
        "    import generator.render.escape\n"
        "    from ..app import cli\n"
    )
    assert upward_imports(source, "generator.core.probe") == [
        "1: generator.analysis.results (analysis)",
        "4: generator.render.escape (render)",
        "5: generator.app (app)",
    ]
    assert upward_imports(source, "generator.app.probe") == []


def test_only_the_writer_writes_files() -> None:
    """`io/write.py` is the only module that opens files for writing or replaces them."""
    writers = []
    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        if any(call in text for call in ("write_text(", "write_bytes(", "os.replace(")):
            writers.append(str(path.relative_to(PACKAGE)))
    assert writers == ["io/write.py"]


ROOT = PACKAGE.parent
MODULE_PATH = re.compile(r"\bgenerator/[A-Za-z0-9_/]+\.py\b")


# The files people read and edit, as text: the sources, tests, scripts, the hand-written docs
# and assets, workflows and project files. Not the generated folders (docs/generated/, docs/api/)
# nor what `make bench` leaves in the git-ignored benchmarks/out/ (so no recursive pattern there).
WRITTEN_BY_HAND = (
    "*.md", "Makefile", "pyproject.toml", "mkdocs.yml", ".pre-commit-config.yaml",
    ".github/**/*.yml", "generator/**/*.py", "tests/*.py", "benchmarks/*.py", "benchmarks/*.md",
    "scripts/*.py", "scripts/*.md", "docs/*.md", "docs/assets/*.js", "docs/assets/*.css",
    "docs/overrides/**/*.html",
)  # fmt: skip


def written_by_hand() -> list[Path]:
    return sorted({path for pattern in WRITTEN_BY_HAND for path in ROOT.glob(pattern)})


def test_every_module_named_by_its_path_exists() -> None:
    """A module named by its path in a comment, a docstring or a maintainer's document
    exists: when modules move between layers, the pointers to them move too."""
    missing = [
        f"{path.relative_to(ROOT)}:{number}: {named}"
        for path in written_by_hand()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for named in MODULE_PATH.findall(line)
        if not (ROOT / named).is_file()
    ]
    assert missing == []
