"""The ipywidgets view of a knowledge check: one question at a time, explanation for every option."""

from __future__ import annotations

import string

import ipywidgets as w

from . import data_files
from .debrief_view import rule_note_html
from .element import CourseElement
from .quiz import Question, Quiz, QuizAttempt
from .style import button
from .text import markdown_html, plain


class QuizView(CourseElement):
    """A knowledge check on screen. ``answer``, ``next_question`` and ``restart`` drive it."""

    def __init__(self, quiz: Quiz) -> None:
        self.attempt = QuizAttempt(quiz)
        self.position = 0
        self.selector: w.RadioButtons | list[w.Checkbox] | None = None
        header = (f"<h4>Knowledge check: {plain(quiz.title)}</h4>"
                  f"<p>{len(quiz.questions)} questions. Pass mark {quiz.pass_mark:.0%}. "
                  "Each answer is explained.</p>")
        super().__init__(f"quiz:{quiz.name}", header, "cop-quiz")
        self.follow_store()
        self._show_question()

    def describe_saved(self, saved) -> str:
        verdict = "passed" if saved.get("passed") else "not passed yet"
        return (f"on {plain(saved['date'])} you scored {saved.get('score')} of {saved.get('total')} "
                f"({verdict}). You can take it again.")

    @property
    def question(self) -> Question:
        return self.attempt.quiz.questions[self.position]

    def _labels(self, q: Question) -> list[str]:
        return [f"{string.ascii_uppercase[i]}. {o.text}" for i, o in enumerate(q.options)]

    def _show_question(self) -> None:
        q = self.question
        total = len(self.attempt.quiz.questions)
        how = "Choose all that apply." if q.multiple else "Choose one answer."
        prompt = w.HTML(f"<p><strong>Question {self.position + 1} of {total}</strong></p>"
                        f"{markdown_html(q.text)}<p>{how}</p>")
        if q.multiple:
            self.selector = [w.Checkbox(description=label, indent=False, value=False,
                                        layout=w.Layout(width="auto"))
                             for label in self._labels(q)]
            options = w.VBox(self.selector)
        else:
            self.selector = w.RadioButtons(options=self._labels(q), value=None,
                                           description="Answer", layout=w.Layout(width="auto"))
            options = self.selector
        self.message = w.HTML("")
        check = button("Check answer", "cop-action")
        check.on_click(lambda _b: self._check_selected())
        self.check_button = check
        self.body.children = [prompt, options, check, self.message]

    def _selected(self) -> list[int]:
        if isinstance(self.selector, list):
            return [i for i, box in enumerate(self.selector) if box.value]
        labels = self._labels(self.question)
        return [] if self.selector.value is None else [labels.index(self.selector.value)]

    def _check_selected(self) -> None:
        chosen = self._selected()
        if not chosen:
            self.message.value = '<p role="status">Please choose an answer first.</p>'
            return
        self.answer(chosen)

    def answer(self, chosen: list[int]) -> None:
        """Record ``chosen`` for the current question and explain every option."""
        q = self.question
        right = self.attempt.answer(q.id, chosen)
        items = "".join(
            f"<li><strong>{string.ascii_uppercase[i]}"
            f"{' (you chose this)' if i in chosen else ''}: "
            f"{'correct' if o.correct else 'not correct'}.</strong> "
            f"{rule_note_html(o.breaks) if q.asks_for == 'best' else ''}{markdown_html(o.explanation)}</li>"
            for i, o in enumerate(q.options)
        )
        verdict = "Right." if right else "Not quite."
        last = self.position + 1 == len(self.attempt.quiz.questions)
        self.present(f'<div class="cop-feedback" role="status"><p><strong>{verdict}</strong></p><ul>{items}</ul></div>',
                     "See your result" if last else "Next question", self.next_question)

    def next_question(self) -> None:
        if self.position + 1 < len(self.attempt.quiz.questions):
            self.position += 1
            self._show_question()
        else:
            self._show_result()

    def _show_result(self) -> None:
        a = self.attempt
        total = len(a.quiz.questions)
        by_module = a.by_module()
        broken = a.rule_breaking_answers()
        self.store.record(self.key, {"kind": "quiz", "score": a.score, "total": total, "passed": a.passed,
                                     "by_module": {m: list(r) for m, r in by_module.items()},
                                     "rules_broken": sorted({rule for _q, rule, _o in broken})})
        rows = "".join(f"<li>{plain(obj)}: {right} of {asked}</li>"
                       for obj, (right, asked) in a.by_objective().items())
        if by_module:
            rows += "</ul><p>By module:</p><ul>" + "".join(
                f"<li>Module {plain(m)}: {right} of {asked}</li>" for m, (right, asked) in by_module.items())
        verdict = ("Passed: well done." if a.passed
                   else "Not passed yet: look again at the objectives below with fewer right answers.")
        rule_lines = ""
        if broken:
            verdict = "Not passed yet: an answer you chose would break a safeguarding rule."
            rule_lines = "".join(f"<li>Question {a.quiz.questions.index(q) + 1}: \u201c{plain(o.text)}\u201d</li>"
                                 for q, _rule, o in broken)
            rule_lines = (f"{rule_note_html(tuple(dict.fromkeys(rule for _q, rule, _o in broken)))}"
                          f"<p>A knowledge check is never passed with an answer that breaks a rule, whatever the "
                          f"score. The answers:</p><ul>{rule_lines}</ul>")
        self.present(f'<div role="status"><p><strong>Your score: {a.score} of {total}. {verdict}</strong>'
                     f"</p>{rule_lines}<p>By learning objective:</p><ul>{rows}</ul></div>",
                     "Try the knowledge check again", self.restart)

    def restart(self) -> None:
        self.attempt = QuizAttempt(self.attempt.quiz)
        self.position = 0
        self._show_question()


def show_quiz(name: str) -> QuizView:
    """Show the knowledge check ``modules/quizzes/<name>.yaml``."""
    return QuizView(data_files.quiz(name))
