"""
The project's shape: dependencies run one way. Modules are read with `ast`, so imports
made inside functions count as much as those at the top of a module.
"""

import ast
from pathlib import Path

from django.conf import settings

PACKAGES = (
    "stateup",
    "background",
    "pagecache",
    "publicforms",
    "articles",
    "newsletter",
    "demo",
    "events",
    "experts",
)
# The project's own apps, which the page cache and the task helpers know nothing about.
PROJECT_APPS = ("stateup", "publicforms", "articles", "newsletter", "demo", "events", "experts")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(settings.BASE_DIR).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _project_modules() -> dict[str, Path]:
    modules = {}
    for package in PACKAGES:
        for path in (settings.BASE_DIR / package).rglob("*.py"):
            if "migrations" not in path.parts:
                modules[_module_name(path)] = path
    return modules


def _imports(path: Path, name: str, modules: dict[str, Path]) -> set[str]:
    """The project modules that the module at `path` imports, wherever the import is."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for target in targets:
            # "from a.b import c" names module a.b.c when there is one, else a.b.
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def _graph() -> dict[str, set[str]]:
    modules = _project_modules()
    return {name: _imports(path, name, modules) for name, path in modules.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in graph:
        if node not in index:
            visit(node)
    return groups


def test_no_module_imports_itself_through_others():
    assert _cycles(_graph()) == []


def test_the_cycle_finder_finds_a_cycle_made_by_a_function_level_import():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]


def _package_imports(importer, imported) -> set[tuple[str, str]]:
    """(module, target) imports from a package `importer` accepts to one `imported` accepts."""
    return {
        (module, target)
        for module, targets in _graph().items()
        if importer(module.split(".")[0])
        for target in targets
        if imported(target.split(".")[0])
    }


def test_the_page_cache_and_the_task_helpers_import_no_project_app():
    assert (
        _package_imports(
            lambda package: package in {"pagecache", "background"}, PROJECT_APPS.__contains__
        )
        == set()
    )


def test_no_app_imports_the_project_package():
    # `stateup` wires the apps together; dependencies run from it, never to it.
    assert (
        _package_imports(lambda package: package != "stateup", lambda package: package == "stateup")
        == set()
    )


def test_the_model_layer_imports_no_views_search_or_workflow():
    graph = _graph()
    forbidden = ("views", "search", "editorial", "admin")
    offenders = {
        (module, target)
        for module, targets in graph.items()
        if module.endswith(".models")
        for target in targets
        if any(part in forbidden for part in target.split(".")[1:])
    }
    assert offenders == set()


def test_the_product_does_not_depend_on_the_demo_app():
    graph = _graph()
    offenders = {
        (module, target)
        for module, targets in graph.items()
        if module.split(".")[0] not in {"demo"}
        for target in targets
        if target.split(".")[0] == "demo"
    }
    assert offenders == set()
