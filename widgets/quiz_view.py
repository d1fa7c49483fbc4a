"""The ipywidgets view of a knowledge check: one question at a time, explanation for every option."""

from __future__ import annotations

import string

import ipywidgets as w
from markupsafe import Markup

from . import data_files
from .bibliography import Source, sources_html
from .debrief_view import rule_note_html
from .element import CourseElement
from .html import html, join, markdown_html
from .quiz import Question, Quiz, QuizAttempt
from .style import button, widget


class QuizView(CourseElement):
    """A knowledge check on screen. ``answer``, ``next_question`` and ``restart`` drive it."""

    selector: w.RadioButtons | list[w.Checkbox]  # the answer controls, made by _show_question

    def __init__(self, quiz: Quiz, sources: dict[str, Source] | None = None) -> None:
        self.attempt = QuizAttempt(quiz)
        self.sources = sources or {}
        self.position = 0
        header = html(
            "<h4>Knowledge check: {}</h4><p>{} questions. Pass mark {:.0%}. Each answer is explained; "
            "an answer that would break a safeguarding rule means not passed yet.</p>",
            quiz.title,
            len(quiz.questions),
            quiz.pass_mark,
        )
        super().__init__(f"quiz:{quiz.name}", header, "cop-quiz")
        self.follow_store()
        self._show_question()

    def describe_saved(self, saved):
        verdict = "passed" if saved.get("passed") else "not passed yet"
        return html(
            "on {} you scored {} of {} ({}). You can take it again.",
            saved["date"],
            saved.get("score"),
            saved.get("total"),
            verdict,
        )

    @property
    def question(self) -> Question:
        return self.attempt.quiz.questions[self.position]

    def _labels(self, q: Question) -> list[str]:
        return [f"{string.ascii_uppercase[i]}. {o.text}" for i, o in enumerate(q.options)]

    def _show_question(self) -> None:
        q = self.question
        total = len(self.attempt.quiz.questions)
        how = "Choose all that apply." if q.multiple else "Choose one answer."
        prompt = widget(
            html(
                "<p><strong>Question {} of {}</strong></p>{}<p>{}</p>",
                self.position + 1,
                total,
                markdown_html(q.text),
                how,
            )
        )
        if q.multiple:
            self.selector = [
                w.Checkbox(description=label, indent=False, value=False, layout=w.Layout(width="auto"))
                for label in self._labels(q)
            ]
            options = w.VBox(self.selector)
        else:
            self.selector = w.RadioButtons(
                options=self._labels(q), value=None, description="Answer", layout=w.Layout(width="auto")
            )
            options = self.selector
        self.message = widget()
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
            self.message.value = html('<p role="status">Please choose an answer first.</p>')
            return
        self.answer(chosen)

    def answer(self, chosen: list[int]) -> None:
        """Record ``chosen`` for the current question and explain every option."""
        q = self.question
        right = self.attempt.answer(q.id, chosen)
        items = join(
            html(
                "<li><strong>{}{}: {}.</strong> {}{}</li>",
                string.ascii_uppercase[i],
                " (you chose this)" if i in chosen else "",
                "correct" if o.correct else "not correct",
                rule_note_html(o.breaks) if q.asks_for == "best" else Markup(""),
                markdown_html(o.explanation),
            )
            for i, o in enumerate(q.options)
        )
        last = self.position + 1 == len(self.attempt.quiz.questions)
        cited = sources_html(q.sources, self.sources)
        self.present(
            html(
                '<div class="cop-feedback" role="status"><p><strong>{}</strong></p><ul>{}</ul>{}</div>',
                "Right." if right else "Not quite.",
                items,
                cited,
            ),
            "See your result" if last else "Next question",
            self.next_question,
        )

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
        self.store.record(
            self.key,
            {
                "kind": "quiz",
                "score": a.score,
                "total": total,
                "passed": a.passed,
                "by_module": {m: list(r) for m, r in by_module.items()},
                "rules_broken": sorted({rule for _q, rule, _o in broken}),
            },
        )
        rows = html(
            "<p>By learning objective:</p><ul>{}</ul>",
            join(html("<li>{}: {} of {}</li>", obj, right, asked) for obj, (right, asked) in a.by_objective().items()),
        )
        if by_module:
            rows += html(
                "<p>By module:</p><ul>{}</ul>",
                join(html("<li>Module {}: {} of {}</li>", m, right, asked) for m, (right, asked) in by_module.items()),
            )
        verdict = (
            "Passed: well done."
            if a.passed
            else "Not passed yet: look again at the objectives below with fewer right answers."
        )
        rule_lines = Markup("")
        if broken:
            verdict = "Not passed yet: an answer you chose would break a safeguarding rule."
            answers = join(
                html("<li>Question {}: \u201c{}\u201d</li>", a.quiz.questions.index(q) + 1, o.text)
                for q, _rule, o in broken
            )
            rule_lines = html(
                "{}<p>A knowledge check is never passed with an answer that breaks a rule, whatever "
                "the score. The answers:</p><ul>{}</ul>",
                rule_note_html(tuple(dict.fromkeys(rule for _q, rule, _o in broken))),
                answers,
            )
        self.present(
            html(
                '<div role="status"><p><strong>Your score: {} of {}. {}</strong></p>{}{}</div>',
                a.score,
                total,
                verdict,
                rule_lines,
                rows,
            ),
            "Try the knowledge check again",
            self.restart,
        )

    def restart(self) -> None:
        self.attempt = QuizAttempt(self.attempt.quiz)
        self.position = 0
        self._show_question()


def show_quiz(name: str) -> QuizView:
    """Show the knowledge check ``modules/quizzes/<name>.yaml``."""
    return QuizView(data_files.quiz(name), data_files.bibliography())
