"""Reflection prompts and checklists: what the learner writes, exported as Markdown. No ipywidgets.

Prompts are about practice, never about the learner's own experiences; the view always shows a
reminder never to type real children's details.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

PRIVACY_REMINDER = (
    "Write about your practice in general terms. Never type a real child's name or details, and "
    "nothing here asks about your own experiences. What you write stays in this browser."
)


@dataclass(frozen=True)
class Prompt:
    id: str
    text: str
    section: str = ""
    hint: str = ""


@dataclass(frozen=True)
class Reflection:
    name: str
    title: str
    kind: str  # "reflection" (free text) or "checklist" (done / not yet, with a note)
    intro: str
    prompts: tuple[Prompt, ...]
    path: Path | None = None


def to_markdown(
    reflection: Reflection, answers: dict[str, str], ticked: dict[str, bool] | None = None, on: date | None = None
) -> str:
    """The learner's answers as a Markdown document they can keep; text is kept as typed."""
    lines = [f"# {reflection.title}", "", f"Exported on {(on or date.today()).isoformat()}.", ""]
    section = None
    for prompt in reflection.prompts:
        if prompt.section and prompt.section != section:
            section = prompt.section
            lines += [f"## {section}", ""]
        if reflection.kind == "checklist":
            mark = "x" if (ticked or {}).get(prompt.id) else " "
            lines.append(f"- [{mark}] {prompt.text}")
            note = answers.get(prompt.id, "").strip()
            if note:
                lines += [f"  - Note: {line}" for line in note.splitlines()]
        else:
            lines += [f"**{prompt.text}**", "", answers.get(prompt.id, "").strip() or "(no answer yet)", ""]
    return "\n".join(lines).rstrip() + "\n"
