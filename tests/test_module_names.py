"""No module of the product binds one module-level name twice. A later regex or list of the same name
silently replaces the first for every function that reads it at call time: htmltext's accordion toggles
(`dt`, `summary`) and clean's footer gap and footer words were lost so (a code-health review)."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
MODULES = sorted(path for package in ("indexer", "search", "webui", "bench") for path in (PROJECT / package).glob("*.py"))


def names_bound_twice(source: str) -> dict[str, list[int]]:
    """Module-level names assigned, or defined as a function or class, more than once: name → lines."""
    lines: dict[str, list[int]] = defaultdict(list)
    for node in ast.parse(source).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            lines[node.name].append(node.lineno)
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    lines[target.id].append(node.lineno)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            lines[node.target.id].append(node.lineno)
    return {name: at for name, at in lines.items() if len(at) > 1}


def test_the_check_sees_a_name_bound_twice():
    assert names_bound_twice("_HEADINGS = 1\ndef f(): return _HEADINGS\n_HEADINGS = 2\n") == {"_HEADINGS": [1, 3]}
    assert names_bound_twice("A = 1\nB = 2\n") == {}


@pytest.mark.parametrize("module", MODULES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_no_module_binds_a_name_twice(module):
    assert len(MODULES) > 100
    assert names_bound_twice(module.read_text(encoding="utf-8")) == {}
