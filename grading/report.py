"""What one grading run found, per learner, and the closing summary a trainer reads."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Report:
    assignment: str
    problems: dict[str, list[str]] = field(default_factory=dict)  # student -> what needs attention
    unmatched: list[str] = field(default_factory=list)  # handed-in files that name no learner
    refused: list[tuple[str, str]] = field(default_factory=list)  # (file, why) refused at intake, naming no learner
    graded: list[str] = field(default_factory=list)  # students (re)graded in this run
    unchanged: list[str] = field(default_factory=list)  # graded before and not handed in again
    executed_again: list[str] = field(default_factory=list)  # cache misses: executed in nbgrader's run
    to_mark: list[str] = field(default_factory=list)  # learners with answers still to mark in formgrader
    workers: int = 0
    outputs: list[str] = field(default_factory=list)  # files written for the trainer
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step ('execute', 'autograde', ...)

    def add(self, student: str, assignment: str, message: str) -> None:
        if assignment == self.assignment and message not in self.problems.setdefault(student, []):
            self.problems[student].append(message)

    def render(self) -> str:
        lines = [
            f"{self.assignment}: {len(self.graded)} submission(s) graded now on {self.workers} worker(s), "
            f"{len(self.unchanged)} already graded and unchanged."
        ]
        if self.timings:
            lines.append("  Took " + ", ".join(f"{step} {seconds:.0f} s" for step, seconds in self.timings.items()))
        if self.executed_again:
            lines.append(
                f"  {len(self.executed_again)} ran again in nbgrader's own pass (slower, same result): "
                + ", ".join(self.executed_again)
            )
        lines += [f"  {path}" for path in self.outputs]
        if self.to_mark:
            lines.append(
                f"To mark in formgrader (free-text answers or flagged notebooks): {len(self.to_mark)} "
                f"learner(s): {', '.join(self.to_mark)}"
            )
        if self.problems:
            lines.append(f"Needs your attention ({len(self.problems)} learner(s)):")
            for student in sorted(self.problems):
                lines.append(f"  {student}")
                lines += [f"    - {message}" for message in self.problems[student]]
        else:
            lines.append("No problems found.")
        if self.unmatched:
            lines.append("Files that name no learner (check Intake.pattern in nbgrader_config.py):")
            lines += [f"  - {path}" for path in self.unmatched]
        if self.refused:
            lines.append("Files refused at intake (limits: c.Intake.max_* in nbgrader_config.py):")
            lines += [f"  - {path}: {why}" for path, why in self.refused]
        return "\n".join(lines)
