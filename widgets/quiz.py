"""Knowledge check: questions, options with explanations, scoring and a pass mark. No ipywidgets."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_PASS_MARK = 0.7  # ITU Academy's child online protection courses pass at 70%


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool
    explanation: str
    breaks: tuple[str, ...] = ()  # hard rules this option breaks (rules.yaml)


@dataclass(frozen=True)
class Question:
    """One question; it has several right options when ``multiple`` is true."""

    id: str
    objective: str
    text: str
    options: tuple[Option, ...]
    module: str = ""
    # "best": the right answer is the safe one, so a rule-breaking option is always wrong;
    # "rule_breaking": the question asks the learner to spot the options that break a rule.
    asks_for: str = "best"
    sources: tuple[str, ...] = ()  # bibliography keys for the figures or facts the question states

    @property
    def multiple(self) -> bool:
        return sum(o.correct for o in self.options) > 1

    @property
    def correct_set(self) -> frozenset[int]:
        return frozenset(i for i, o in enumerate(self.options) if o.correct)


@dataclass(frozen=True)
class Quiz:
    name: str
    title: str
    questions: tuple[Question, ...]
    pass_mark: float = DEFAULT_PASS_MARK
    path: Path | None = None


@dataclass
class QuizAttempt:
    """A learner's answers; a question scores 1 only when exactly the right options are chosen."""

    quiz: Quiz
    answers: dict[str, frozenset[int]] = field(default_factory=dict)

    def answer(self, question_id: str, selected) -> bool:
        """Record the options chosen for a question; return whether the answer is right."""
        question = self._question(question_id)
        chosen = frozenset(selected)
        if not chosen:
            raise ValueError(f"question '{question_id}': choose at least one option")
        if any(not 0 <= i < len(question.options) for i in chosen):
            raise IndexError(f"question '{question_id}' has {len(question.options)} options")
        if not question.multiple and len(chosen) > 1:
            raise ValueError(f"question '{question_id}' takes one answer")
        self.answers[question_id] = chosen
        return chosen == question.correct_set

    def is_correct(self, question_id: str) -> bool:
        return self.answers.get(question_id) == self._question(question_id).correct_set

    @property
    def score(self) -> int:
        return sum(self.is_correct(q.id) for q in self.quiz.questions)

    @property
    def complete(self) -> bool:
        return all(q.id in self.answers for q in self.quiz.questions)

    def rule_breaking_answers(self) -> list[tuple[Question, str, Option]]:
        """(question, rule id, option) for every chosen answer that would break a hard rule."""
        broken: list[tuple[Question, str, Option]] = []
        for q in self.quiz.questions:
            if q.asks_for == "best":
                for i in sorted(self.answers.get(q.id, ())):
                    broken.extend((q, rule, q.options[i]) for rule in q.options[i].breaks)
        return broken

    @property
    def passed(self) -> bool:
        """Pass when score / maximum reaches the pass mark (compared exactly, never rounded) and no
        chosen answer breaks a hard rule: a check is never passed with a rule-breaking answer."""
        reached = self.score >= self.quiz.pass_mark * len(self.quiz.questions) - 1e-9
        return reached and not self.rule_breaking_answers()

    def by_objective(self) -> dict[str, tuple[int, int]]:
        """(right, asked) for each learning objective, in the order the questions name them."""
        result: dict[str, tuple[int, int]] = {}
        for q in self.quiz.questions:
            right, asked = result.get(q.objective, (0, 0))
            result[q.objective] = (right + self.is_correct(q.id), asked + 1)
        return result

    def by_module(self) -> dict[str, tuple[int, int]]:
        """(right, asked) per course module, for a check that spans modules (the final check)."""
        result: dict[str, tuple[int, int]] = {}
        for q in self.quiz.questions:
            if q.module:
                right, asked = result.get(q.module, (0, 0))
                result[q.module] = (right + self.is_correct(q.id), asked + 1)
        return dict(sorted(result.items()))

    def _question(self, question_id: str) -> Question:
        for q in self.quiz.questions:
            if q.id == question_id:
                return q
        raise KeyError(f"quiz '{self.quiz.name}' has no question '{question_id}'")
