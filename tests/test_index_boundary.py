"""Only the search package talks to Whoosh: the indexer and the web UI go through its API
(`search.open_index`, `SearchIndex`), so a change of engine or schema stays inside `search/`."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def whoosh_imports(package: Path) -> list[str]:
    """Every import of Whoosh in the package's sources, at any depth (in functions too)."""
    found = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) and node.level == 0 else [])
            found += [f"{path.relative_to(package.parent).as_posix()}:{node.lineno} {name}" for name in names
                      if name == "whoosh" or name.startswith("whoosh.")]
    return found


@pytest.mark.parametrize("package", ["indexer", "webui"])
def test_only_the_search_package_imports_whoosh(package):
    assert whoosh_imports(ROOT / package) == []


def test_the_check_finds_every_form_of_import(tmp_path):
    package = tmp_path / "pakke"
    (package / "under").mkdir(parents=True)
    (package / "a.py").write_text("import json\nimport whoosh.query as q\n", encoding="utf-8")
    (package / "under" / "b.py").write_text(
        "from . import whoosh\n\ndef f():\n    from whoosh.query import Term\n    return Term\n", encoding="utf-8")
    (package / "c.py").write_text("import whooshy\nfrom whooshed import x\n", encoding="utf-8")
    assert whoosh_imports(package) == ["pakke/a.py:2 whoosh.query", "pakke/under/b.py:4 whoosh.query"]
