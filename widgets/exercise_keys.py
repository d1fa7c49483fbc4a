"""Which answer options of the graded exercises break a hard rule, and the check that each
exercise's answer key scores them as the rules do.

The tags live in solutions/rule_tags.yaml, outside every assignment folder, so that nbgrader never
releases them: in a learner's notebook they would give the answers away.
"""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass
from pathlib import Path

from .errors import CourseDataError
from .rules import check_breaks
from .schema_check import check
from .yaml_reader import read_yaml

TAGS_FILE = "rule_tags.yaml"


@dataclass(frozen=True)
class ExerciseKey:
    """The rule tags of one answer: ``breaks`` maps an option (letter or key) to the rules it breaks."""

    exercise: str
    answer: str
    asks_for: str  # "best", "rule_breaking" or "labels"
    breaks: dict[str, tuple[str, ...]]
    safe_labels: tuple[str, ...] = ()  # for "labels": the labels a rule-breaking option must never get

    def problem(self, solution) -> str | None:
        """Why the solution's ``solution`` value scores a rule-breaking option wrongly, or None."""
        chosen = {str(solution)} if isinstance(solution, str) else None
        if self.asks_for == "labels":
            if not isinstance(solution, dict):
                return "a labels answer must be a dict"
            safe = {label.lower() for label in self.safe_labels}
            wrong = [k for k in self.breaks if str(solution.get(k, "")).strip().lower() in safe]
            return f"options {', '.join(wrong)} break a rule but are labelled as safe" if wrong else None
        if chosen is None:
            chosen = {str(a) for a in solution} if isinstance(solution, list | tuple | set) else {str(solution)}
        if self.asks_for == "best":
            bad = sorted(chosen & set(self.breaks))
            return f"the right answer includes rule-breaking options {', '.join(bad)}" if bad else None
        if chosen != set(self.breaks):
            return (
                f"asks for the rule-breaking options, so the answer must be exactly "
                f"{', '.join(sorted(self.breaks))}, not {', '.join(sorted(chosen))}"
            )
        return None


def load_exercise_keys(solutions: Path) -> list[ExerciseKey]:
    """Read solutions/rule_tags.yaml (none yet: no keys); bad entries raise CourseDataError."""
    path = solutions / TAGS_FILE
    if not path.exists():
        return []
    data = read_yaml(path)
    check("exercise_keys", data, path)
    keys = []
    for exercise, answers in data.items():
        if not (solutions / exercise).is_dir():
            raise CourseDataError(path, exercise, f"no exercise folder solutions/{exercise}")
        for answer, entry in answers.items():
            field = f"{exercise}.{answer}"
            if entry["asks_for"] == "labels" and "safe_labels" not in entry:
                raise CourseDataError(path, f"{field}.safe_labels", "a labels answer needs the labels that mean safe")
            breaks = {
                option: check_breaks(path, f"{field}.breaks.{option}", rules)
                for option, rules in entry["breaks"].items()
            }
            keys.append(ExerciseKey(exercise, answer, entry["asks_for"], breaks, tuple(entry.get("safe_labels", ()))))
    return keys


def solution_values(notebook: Path) -> dict[str, object]:
    """The literal values the solution cells assign (``answer_q2 = "C"``), by variable name."""
    values: dict[str, object] = {}
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "code" or not cell.get("metadata", {}).get("nbgrader", {}).get("solution"):
            continue
        source = "".join(cell["source"])
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                try:
                    values[node.targets[0].id] = ast.literal_eval(node.value)
                except ValueError:
                    continue
    return values
