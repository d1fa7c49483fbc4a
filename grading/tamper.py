"""Find code in a submission that changes how the tests run, so that it is flagged, never credited.

The scan reads the learner's code (every code cell nbgrader does not lock) outside the kernel, so
nothing the submission does at run time can hide from it. It looks for the ways a notebook can
make a failing test pass without answering the question:

- the IPython machinery: `get_ipython()`, input or AST transformers, event hooks, magics that
  reach it, custom exception handlers;
- redefining a built-in or an imported helper that the tests use (`abs`, `isinstance`,
  `hash_answer`), or binding the exercise's module alias (`pd`) to something else;
- patching a module (`checks.hash_answer = ...`, `pd.read_csv = ...`, `setattr(...)`);
- the doors to all of these that a static reading cannot follow: `exec`, `eval`, `compile`,
  `__import__`, `importlib`, `globals()`, dunder attributes such as `__builtins__` or `__globals__`,
  `sys`, `builtins`, `ctypes`, `gc`, `inspect`, and the kernel's own modules.

A learner who uses one of these for an honest reason is flagged too; the trainer reviews and
restores the score in formgrader. Python files in the submission folder that the exercise does not
ship (a `pandas.py` that would shadow pandas) are reported by integrity.py, which sees the folder.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from IPython.core.inputtransformer2 import TransformerManager
from nbgrader import utils

DOORS = {
    "exec": "runs code built at run time",
    "eval": "runs code built at run time",
    "compile": "builds code at run time",
    "__import__": "imports by name at run time",
    "globals": "reaches the notebook's namespace directly",
    "locals": "reaches a namespace directly",
    "vars": "reaches a namespace directly",
    "setattr": "changes attributes by name",
    "delattr": "deletes attributes by name",
    "getattr": "reads attributes by name",
    "get_ipython": "reaches the IPython shell that runs the tests",
    "breakpoint": "starts a debugger",
}
MODULES = {
    "IPython": "the IPython shell that runs the tests",
    "ipykernel": "the kernel that runs the tests",
    "jupyter_client": "the kernel's messaging",
    "zmq": "the kernel's messaging",
    "traitlets": "the kernel's settings",
    "sys": "the interpreter's hooks and loaded modules",
    "builtins": "the built-in functions the tests use",
    "importlib": "imports by name at run time",
    "ctypes": "the interpreter's memory",
    "gc": "every live object",
    "inspect": "other code's frames and globals",
    "types": "code objects",
    "marshal": "code objects",
    "runpy": "running modules as code",
    "code": "an interactive interpreter",
    "codeop": "compiling code",
    "atexit": "the interpreter's exit hooks",
    "signal": "signal handlers",
    "threading": "background threads",
    "multiprocessing": "other processes",
    "subprocess": "other processes",
    "pickle": "running code while loading",
    "unittest": "mock patching",
    "pytest": "monkeypatching",
    "nbgrader": "the grader itself",
}
ATTRIBUTES = {
    "input_transformers_post",
    "input_transformers_cleanup",
    "input_transformer_manager",
    "ast_transformers",
    "events",
    "set_custom_exc",
    "custom_exceptions",
    "register_magic_function",
    "register_magics",
    "run_cell",
    "run_line_magic",
    "run_cell_magic",
    "user_ns",
    "user_global_ns",
    "showtraceback",
    "excepthook",
    "displayhook",
    "settrace",
    "setprofile",
    "modules",
    "meta_path",
    "path_hooks",
    "f_globals",
    "f_locals",
    "f_back",
    "f_builtins",
    "tb_frame",
    "gi_frame",
    "cr_frame",
    "co_code",
}
HARMLESS_DUNDERS = {"__name__", "__doc__", "__version__", "__len__", "__class__"}
HARMLESS_PATCHES = ("options.",)  # pd.options.display.max_rows = ... is ordinary pandas use


@dataclass(frozen=True)
class Finding:
    cell: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.cell}, line {self.line}: {self.reason}"


def cell_label(cell, index: int) -> str:
    grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
    return f"cell {grade_id}" if grade_id else f"cell {index + 1}"


def python_source(cell) -> ast.Module | None:
    """The cell as Python (IPython magics become the get_ipython() calls they are), or None if it does not parse."""
    try:
        return ast.parse(TransformerManager().transform_cell(cell.source))
    except (SyntaxError, ValueError):
        return None


def is_learner_cell(cell) -> bool:
    return cell.cell_type == "code" and not utils.is_locked(cell)


def bound_names(tree: ast.AST) -> list[tuple[str, int, str]]:
    """(name, line, how) for every binding in the code; ``how`` is 'import module.attr' or 'assign'."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [
                (
                    alias.asname or alias.name.split(".")[0],
                    node.lineno,
                    f"import {alias.name if alias.asname else alias.name.split('.')[0]}",
                )
                for alias in node.names
            ]
        elif isinstance(node, ast.ImportFrom):
            found += [
                (alias.asname or alias.name, node.lineno, f"import {node.module}.{alias.name}") for alias in node.names
            ]
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store | ast.Del):
            found.append((node.id, node.lineno, "assign"))
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.ExceptHandler) and node.name:
            found.append((node.name, node.lineno, "assign"))
    return found


def loaded_names(tree: ast.AST) -> set[str]:
    return {node.id for node in ast.walk(tree) if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)}


@dataclass(frozen=True)
class Exercise:
    """What the tests rely on, read from the instructor's source notebook."""

    test_names: frozenset[str]  # names the locked cells read but do not define themselves
    imports: dict[str, str]  # name -> how the exercise's own (unlocked) cells import it
    answers: frozenset[str]  # names the exercise's unlocked cells assign: the learner's to set

    @classmethod
    def from_source(cls, source_nb) -> Exercise:
        test_reads, test_binds, imports, answers = set(), set(), {}, set()
        for cell in source_nb.cells:
            tree = python_source(cell) if cell.cell_type == "code" else None
            if tree is None:
                continue
            if utils.is_locked(cell):
                test_reads |= loaded_names(tree)
                test_binds |= {name for name, _, _ in bound_names(tree)}
                continue
            for name, _, how in bound_names(tree):
                if how == "assign":
                    answers.add(name)
                else:
                    imports[name] = how
        return cls(frozenset(test_reads - test_binds), imports, frozenset(answers))

    def misuse(self, name: str, how: str) -> str | None:
        """Why binding ``name`` this way in a learner's cell changes what the tests check, if it does."""
        if name not in self.test_names:
            return None
        if name in self.imports:
            return (
                None
                if how == self.imports[name]
                else (f"redefines {name}, which the tests use (the exercise gets it by `{self.imports[name]}`)")
            )
        return None if name in self.answers else f"redefines {name}, which the tests use"


def scan_cell(tree: ast.Module, label: str, exercise: Exercise, module_names: set[str]) -> list[Finding]:
    findings = []

    def flag(node: ast.AST, reason: str) -> None:
        findings.append(Finding(label, getattr(node, "lineno", 1), reason))

    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
            for module in names:
                root = module.split(".")[0]
                if root in MODULES:
                    flag(node, f"imports {module}, which reaches {MODULES[root]}")
            if isinstance(node, ast.ImportFrom) and any(a.name == "*" for a in node.names):
                flag(node, f"imports * from {node.module}, which can redefine names the tests use")
        elif isinstance(node, ast.Name) and node.id in DOORS:
            flag(node, f"uses {node.id}, which {DOORS[node.id]}")
        elif isinstance(node, ast.Attribute):
            if node.attr.startswith("__") and node.attr.endswith("__") and node.attr not in HARMLESS_DUNDERS:
                flag(node, f"uses the internal attribute {node.attr}")
            elif node.attr in ATTRIBUTES:
                flag(node, f"uses .{node.attr}, part of the machinery that runs the tests")
            elif node.attr in DOORS:
                flag(node, f"uses .{node.attr}, which {DOORS[node.attr]}")
            if isinstance(node.ctx, ast.Store | ast.Del):
                path = ast.unparse(node)
                root = path.split(".")[0]
                if root in module_names and not path.split(".", 1)[1].startswith(HARMLESS_PATCHES):
                    flag(node, f"changes {path}, patching a module the notebook imports")
    for name, line, how in bound_names(tree):
        if reason := exercise.misuse(name, how):
            findings.append(Finding(label, line, reason))
    return sorted(set(findings), key=lambda finding: (finding.line, finding.reason))


def scan_notebook(nb, exercise: Exercise) -> list[Finding]:
    """Every finding in the learner's cells of ``nb`` (an autograded or submitted notebook)."""
    parsed = [(cell_label(cell, i), python_source(cell)) for i, cell in enumerate(nb.cells) if is_learner_cell(cell)]
    trees = [(label, tree) for label, tree in parsed if tree is not None]
    module_names = set(exercise.imports)
    for _, tree in trees:
        module_names |= {name for name, _, how in bound_names(tree) if how != "assign"}
    return [finding for label, tree in trees for finding in scan_cell(tree, label, exercise, module_names)]
