"""Knowledge-check scoring: single and multiple answers, results per objective, the 70% pass mark."""

import pytest

from cop_widgets.data_files import quiz
from cop_widgets.quiz import Option, Question, Quiz, QuizAttempt

from .conftest import FIXTURES


@pytest.fixture
def check():
    return quiz("fixture_check", FIXTURES / "modules")


def test_default_pass_mark_is_seventy_percent(check):
    assert check.pass_mark == 0.7


def test_single_and_multiple_answers(check):
    attempt = QuizAttempt(check)
    assert check.questions[1].multiple and not check.questions[0].multiple
    assert attempt.answer("single", [0]) is True
    assert attempt.answer("several", [0]) is False  # half right is not right
    assert attempt.answer("several", [1, 0]) is True
    assert attempt.score == 2 and attempt.complete and attempt.passed


def test_results_per_objective(check):
    attempt = QuizAttempt(check)
    attempt.answer("single", [1])
    attempt.answer("several", [0, 1])
    assert attempt.by_objective() == {"Objective one": (0, 1), "Objective two": (1, 1)}


def test_empty_or_invalid_answers_are_refused(check):
    attempt = QuizAttempt(check)
    with pytest.raises(ValueError, match="choose at least one"):
        attempt.answer("single", [])
    with pytest.raises(ValueError, match="takes one answer"):
        attempt.answer("single", [0, 1])
    with pytest.raises(IndexError):
        attempt.answer("single", [7])
    with pytest.raises(KeyError):
        attempt.answer("missing", [0])


def ten_question_quiz() -> Quiz:
    options = (Option("yes", True, "Right because."), Option("no", False, "Wrong because."))
    return Quiz("ten", "Ten", tuple(Question(f"q{i}", "obj", "Question text?", options) for i in range(10)))


@pytest.mark.parametrize(("right", "passed"), [(6, False), (7, True), (10, True)])
def test_pass_mark_boundary(right, passed):
    attempt = QuizAttempt(ten_question_quiz())
    for i in range(10):
        attempt.answer(f"q{i}", [0 if i < right else 1])
    assert attempt.passed is passed


def test_sixty_nine_percent_fails_seventy_passes():
    options = (Option("yes", True, "Right because."), Option("no", False, "Wrong because."))
    hundred = Quiz("h", "H", tuple(Question(f"q{i}", "o", "Question text?", options) for i in range(100)))
    for right, passed in ((69, False), (70, True)):
        attempt = QuizAttempt(hundred)
        for i in range(100):
            attempt.answer(f"q{i}", [0 if i < right else 1])
        assert attempt.passed is passed


def test_a_rule_breaking_answer_fails_the_check_whatever_the_score():
    questions = tuple(
        Question(
            f"q{i}",
            "Objective",
            "Which is right?",
            (Option("Safe", True, "Right."), Option("Unsafe", False, "Breaks a rule.", ("no_secrecy",))),
        )
        for i in range(10)
    )
    attempt = QuizAttempt(Quiz("ten", "Ten", questions))
    for q in questions[:9]:
        attempt.answer(q.id, [0])
    attempt.answer("q9", [1])
    assert attempt.score == 9 and attempt.score / 10 >= attempt.quiz.pass_mark
    assert not attempt.passed
    assert [(q.id, rule) for q, rule, _o in attempt.rule_breaking_answers()] == [("q9", "no_secrecy")]


def test_spotting_a_rule_breaking_option_is_not_breaking_it():
    spot = Question(
        "spot",
        "Objective",
        "Which reply promises secrecy?",
        (Option("I promise not to tell", True, "Right.", ("no_secrecy",)), Option("Thank you", False, "No.")),
        asks_for="rule_breaking",
    )
    attempt = QuizAttempt(Quiz("spot", "Spot", (spot,)))
    attempt.answer("spot", [0])
    assert attempt.passed and attempt.rule_breaking_answers() == []
