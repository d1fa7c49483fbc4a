"""Load a knowledge check file: schema, then checks that each question can be answered right."""

from __future__ import annotations

from pathlib import Path

from .errors import CourseDataError
from .quiz import DEFAULT_PASS_MARK, Option, Question, Quiz
from .schema_check import check
from .yaml_reader import read_yaml


def load_quiz(path: Path) -> Quiz:
    """Return the checked Quiz in ``path``; any problem raises CourseDataError."""
    data = read_yaml(path)
    check("quiz", data, path)
    seen: set[str] = set()
    questions = []
    for index, q in enumerate(data["questions"]):
        if q["id"] in seen:
            raise CourseDataError(path, f"questions[{index}].id", f"'{q['id']}' is used twice")
        seen.add(q["id"])
        if not any(o["correct"] for o in q["options"]):
            raise CourseDataError(path, f"questions[{index}].options", "no option is marked correct")
        questions.append(Question(q["id"], q["objective"], q["text"],
                                  tuple(Option(**o) for o in q["options"]), q.get("module", "")))
    return Quiz(name=path.stem, title=data["title"], questions=tuple(questions),
                pass_mark=data.get("pass_mark", DEFAULT_PASS_MARK), path=path)
