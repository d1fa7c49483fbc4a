"""Conversation practice: a simulated child, replies that change how safe the child feels to keep
talking, and a debrief of the techniques used or missed. No ipywidgets import.

Success is the child feeling heard and the concern being passed on, never how much detail the
adult draws out: probing, leading questions, promises of secrecy and blame are mistakes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .debrief import RULE_BROKEN_TITLE, Debrief, DebriefLine, broken_rules, shown_lines
from .rules import course_rules

MAX_SAFETY = 4
SAFETY_WORDS = {
    0: "has stopped talking",
    1: "is pulling away",
    2: "is unsure whether to go on",
    3: "is starting to open up",
    4: "feels heard and safe to keep talking",
}
TECHNIQUES = {
    "open_prompt": 'Open prompts ("Tell me…", "What happened then?")',
    "listening": "Listening and giving time",
    "reflecting_back": "Reflecting back in the child's own words",
    "reassurance": 'Reassurance ("You did the right thing telling me")',
    "honest_next_steps": "Honesty about what happens next",
    "passing_on": "Passing the concern on to your setting's designated person",
}
# A technique is not credited on a path that broke a rule it stands for: a reply that promised to
# tell the designated person today does not count once a later reply puts it off until tomorrow.
UNDONE_BY = {
    "open_prompt": {"listen_not_investigate"},
    "reassurance": {"no_blame"},
    "honest_next_steps": {"no_secrecy"},
    "passing_on": {"pass_on_now", "right_route"},
}
# Slips that are not hard rules: they can be put right later in the same conversation, and the
# debrief names them. Probing, blame, secrecy and the like are hard rules (rules.yaml, `breaks:`).
MISTAKES = {
    "dismissing": "dismissing the worry",
    "panic": "showing alarm",
}


@dataclass(frozen=True)
class Reply:
    text: str
    effect: int
    feedback: str
    next: str
    uses: tuple[str, ...] = ()
    mistakes: tuple[str, ...] = ()  # slips that can be repaired (MISTAKES)
    breaks: tuple[str, ...] = ()  # hard rules broken (rules.yaml); such a path never ends well
    does: tuple[str, ...] = ()  # facts this reply makes true, for debrief lines that state them


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
    outcome: str  # "good" or "poor", for a path that broke no hard rule
    title: str
    debrief: tuple[DebriefLine, ...]
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
    place: tuple[str, str] = ("", "")  # (country, continent) where the conversation is set
    topics: tuple[str, ...] = ()  # the trainer-expected topics it practises (schema enum)
    content_note: str = ""  # shown before the conversation, with a pointer to support

    def node(self, node_id: str) -> Turn | ConversationEnding:
        return self.turns.get(node_id) or self.endings[node_id]

    def all_paths(self) -> list[tuple[int, ...]]:
        """Every sequence of reply indexes to an ending, following the shut-down rule too."""
        paths: list[tuple[int, ...]] = []

        def walk(run: ConversationRun) -> None:
            turn = run.node
            if not isinstance(turn, Turn):
                paths.append(tuple(i for _t, i in run.taken))
                return
            for index in range(len(turn.replies)):
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
        # The loader refuses a rule-breaking reply that raises safety; the engine holds to it too.
        effect = min(chosen.effect, 0) if chosen.breaks else chosen.effect
        self.safety = max(0, min(MAX_SAFETY, self.safety + effect))
        self.current = self.conversation.shut_down if self.safety == 0 else chosen.next
        return chosen

    def restart(self) -> None:
        self.current = self.conversation.start
        self.safety = self.conversation.start_safety
        self.taken.clear()

    @property
    def replies_taken(self) -> list[Reply]:
        return [self.conversation.turns[t].replies[i] for t, i in self.taken]

    @property
    def credited(self) -> set[str]:
        """Techniques the path used and did not undo by breaking a rule they stand for."""
        broken = set(self.rules_broken)
        used = {u for r in self.replies_taken for u in r.uses}
        return {key for key in used if not UNDONE_BY.get(key, set()) & broken}

    def techniques_used(self) -> list[str]:
        return [label for key, label in TECHNIQUES.items() if key in self.credited]

    def techniques_missed(self) -> list[str]:
        return [label for key, label in TECHNIQUES.items() if key not in self.credited]

    @property
    def rules_broken(self) -> list[str]:
        """Ids of the hard rules broken so far, in the order first broken."""
        return list(dict.fromkeys(r for reply in self.replies_taken for r in reply.breaks))

    @property
    def facts(self) -> set[str]:
        return {fact for r in self.replies_taken for fact in r.does}

    @property
    def outcome(self) -> str:
        """The ending's outcome, unless the path broke a hard rule: then it is poor, whatever the ending."""
        ending = self.node
        if not isinstance(ending, ConversationEnding):
            raise RuntimeError(f"conversation '{self.conversation.name}' has not ended yet")
        return "poor" if self.rules_broken else ending.outcome

    def debrief(self) -> Debrief:
        """The debrief of the conversation as it went: techniques used, rules broken, slips named."""
        outcome = self.outcome
        ending = self.node
        assert isinstance(ending, ConversationEnding)
        broken = broken_rules(((r.text, r.breaks) for r in self.replies_taken), course_rules())
        slips = tuple(f"{MISTAKES[m]}: \u201c{r.text}\u201d" for r in self.replies_taken for m in r.mistakes)
        return Debrief(
            title=RULE_BROKEN_TITLE if broken else ending.title,
            outcome=outcome,
            ends_well=outcome == "good",
            lines=shown_lines(ending.debrief, self.facts),
            went_well=tuple(self.techniques_used()),
            broken=broken,
            slips=slips,
        )
