"""Conversation practice: a simulated child, replies that change how safe the child feels to keep
talking, and a debrief of the techniques used or missed. No ipywidgets import.

Success is the child feeling heard and the concern being passed on, never how much detail the
adult draws out: probing, leading questions, promises of secrecy and blame are mistakes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

MAX_SAFETY = 4
SAFETY_WORDS = {
    0: "has stopped talking",
    1: "is pulling away",
    2: "is unsure whether to go on",
    3: "is starting to open up",
    4: "feels heard and safe to keep talking",
}
TECHNIQUES = {
    "open_prompt": "Open prompts (\"Tell me…\", \"What happened then?\")",
    "listening": "Listening and giving time",
    "reflecting_back": "Reflecting back in the child's own words",
    "reassurance": "Reassurance (\"You did the right thing telling me\")",
    "honest_next_steps": "Honesty about what happens next",
    "passing_on": "Passing the concern on to the safeguarding lead",
}
# Each rule is kept unless one of its mistakes is made on the path.
RULES = {
    "No promise of secrecy": {"promise_secrecy"},
    "No blame": {"blame"},
    "No investigating (no probing or leading questions)": {"probing", "leading_question", "investigating"},
    "Staying calm and taking it seriously": {"panic", "dismissing"},
}
MISTAKES = {
    "probing": "probing for detail",
    "leading_question": "a leading question",
    "promise_secrecy": "promising secrecy",
    "blame": "blaming the child",
    "investigating": "investigating instead of passing on",
    "dismissing": "dismissing the worry",
    "panic": "showing alarm",
}
DUTY_TO_REPORT = (
    "Whatever happened in this conversation, your duty is the same: write down what the child said, "
    "in their own words, with the date and time, and pass it to your designated safeguarding lead "
    "(or your setting's equivalent) today. If the child is in immediate danger, call the police or "
    "emergency services first. Follow your own setting's policy and local law."
)


@dataclass(frozen=True)
class Reply:
    text: str
    effect: int
    feedback: str
    next: str
    uses: tuple[str, ...] = ()
    mistakes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Turn:
    """What the child says at one point, and the replies the learner can choose from."""

    id: str
    child_says: str
    replies: tuple[Reply, ...]
    note: str = ""


@dataclass(frozen=True)
class ConversationEnding:
    id: str
    outcome: str  # "good" or "poor"
    title: str
    debrief: str
    child_says: str = ""


@dataclass(frozen=True)
class Conversation:
    name: str
    title: str
    child_name: str
    child_age: int
    situation: str
    setting: str
    start: str
    start_safety: int
    shut_down: str
    turns: dict[str, Turn]
    endings: dict[str, ConversationEnding]
    sources: tuple[str, ...]
    path: Path | None = None

    def node(self, node_id: str) -> Turn | ConversationEnding:
        return self.turns.get(node_id) or self.endings[node_id]

    def all_paths(self) -> list[tuple[int, ...]]:
        """Every sequence of reply indexes to an ending, following the shut-down rule too."""
        paths: list[tuple[int, ...]] = []

        def walk(run: ConversationRun) -> None:
            if run.finished:
                paths.append(tuple(i for _t, i in run.taken))
                return
            for index in range(len(run.node.replies)):
                branch = ConversationRun(self, run.current, run.safety, list(run.taken))
                branch.reply(index)
                walk(branch)

        walk(ConversationRun(self))
        return paths


@dataclass
class ConversationRun:
    """One learner's conversation: where it is, how safe the child feels, what was said."""

    conversation: Conversation
    current: str = ""
    safety: int = -1
    taken: list[tuple[str, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.current = self.current or self.conversation.start
        if self.safety < 0:
            self.safety = self.conversation.start_safety

    @property
    def node(self) -> Turn | ConversationEnding:
        return self.conversation.node(self.current)

    @property
    def finished(self) -> bool:
        return isinstance(self.node, ConversationEnding)

    @property
    def safety_words(self) -> str:
        return SAFETY_WORDS[self.safety]

    def reply(self, index: int) -> Reply:
        """Say reply ``index``; the child's sense of safety moves, and may shut the talk down."""
        turn = self.node
        if not isinstance(turn, Turn):
            raise RuntimeError(f"conversation '{self.conversation.name}' has ended; restart to try again")
        if not 0 <= index < len(turn.replies):
            raise IndexError(f"turn '{turn.id}' has {len(turn.replies)} replies, not {index + 1}")
        chosen = turn.replies[index]
        self.taken.append((turn.id, index))
        self.safety = max(0, min(MAX_SAFETY, self.safety + chosen.effect))
        self.current = self.conversation.shut_down if self.safety == 0 else chosen.next
        return chosen

    def restart(self) -> None:
        self.current = self.conversation.start
        self.safety = self.conversation.start_safety
        self.taken.clear()

    @property
    def replies_taken(self) -> list[Reply]:
        return [self.conversation.turns[t].replies[i] for t, i in self.taken]

    def techniques_used(self) -> list[str]:
        used = {u for r in self.replies_taken for u in r.uses}
        return [label for key, label in TECHNIQUES.items() if key in used]

    def techniques_missed(self) -> list[str]:
        used = {u for r in self.replies_taken for u in r.uses}
        return [label for key, label in TECHNIQUES.items() if key not in used]

    def rules_kept(self) -> dict[str, bool]:
        made = {m for r in self.replies_taken for m in r.mistakes}
        return {rule: not (made & mistakes) for rule, mistakes in RULES.items()}

    def mistakes_made(self) -> list[str]:
        made = [m for r in self.replies_taken for m in r.mistakes]
        return [MISTAKES[m] for m in dict.fromkeys(made)]
