"""Load a knowledge check file: schema, then checks that each question can be answered right."""

from __future__ import annotations

from pathlib import Path

from .errors import CourseDataError
from .graph import check_sources
from .quiz import DEFAULT_PASS_MARK, Option, Question, Quiz
from .rules import check_breaks
from .schema_check import check
from .yaml_reader import read_yaml


def load_quiz(path: Path, known_sources: set[str] | None = None) -> Quiz:
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
        asks_for = q.get("asks_for", "best")
        options = []
        for o_index, o in enumerate(q["options"]):
            field = f"questions[{index}].options[{o_index}]"
            breaks = check_breaks(path, f"{field}.breaks", o.get("breaks", ()))
            if asks_for == "best" and breaks and o["correct"]:
                raise CourseDataError(
                    path,
                    f"{field}.correct",
                    f"an option that breaks a rule ({', '.join(breaks)}) cannot be a right answer",
                )
            if asks_for == "rule_breaking" and bool(breaks) != o["correct"]:
                raise CourseDataError(
                    path,
                    f"{field}.correct",
                    "in a question that asks for the rule-breaking "
                    "options, an option is right exactly when it has `breaks:`",
                )
            options.append(Option(o["text"], o["correct"], o["explanation"], breaks))
        sources = tuple(q.get("sources", ()))
        check_sources(path, sources, known_sources, f"questions[{index}].sources")
        questions.append(
            Question(q["id"], q["objective"], q["text"], tuple(options), q.get("module", ""), asks_for, sources)
        )
    return Quiz(
        name=path.stem,
        title=data["title"],
        questions=tuple(questions),
        pass_mark=data.get("pass_mark", DEFAULT_PASS_MARK),
        path=path,
    )
