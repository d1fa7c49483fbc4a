# Copied from solutions/checks.py by `make exercises`: edit that file, never this copy.
"""Helpers for this exercise's tests: answers are compared by hash so the notebook never shows them.

A hash guards against a glance, not a determined learner: the course's solutions are open.
"""

import hashlib


def normalise(answer) -> str:
    """One canonical text per answer: case, spaces and order of a set of options do not matter."""
    if isinstance(answer, str):
        return answer.strip().lower()
    if isinstance(answer, dict):
        return ";".join(f"{normalise(k)}={normalise(v)}" for k, v in sorted(answer.items()))
    if isinstance(answer, list | tuple | set | frozenset):
        return ",".join(sorted(normalise(a) for a in answer))
    return str(answer).strip().lower()


def hash_answer(answer, salt: str = "") -> str:
    """SHA-256 of the normalised answer; the salt (the question's id) makes equal answers differ."""
    return hashlib.sha256(f"{salt}:{normalise(answer)}".encode()).hexdigest()


def check_choice(answer, options: str) -> None:
    """Fail with a clear message unless the answer is one letter from ``options`` (e.g. "ABCD")."""
    if not isinstance(answer, str) or answer.strip().upper() not in options:
        raise AssertionError(f'Your answer must be one letter of {", ".join(options)}, as text, e.g. "A".')
