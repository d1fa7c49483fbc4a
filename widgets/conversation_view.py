"""The ipywidgets view of conversation practice: the child's words, the learner's replies, and a
meter of how safe the child feels to keep talking, shown in words and blocks, never colour alone."""

from __future__ import annotations

import string

import ipywidgets as w

from . import data_files
from .bibliography import Source, source_html
from .conversation import DUTY_TO_REPORT, MAX_SAFETY, Conversation, ConversationEnding, ConversationRun, Turn
from .debrief_view import debrief_html, rule_note_html
from .element import BranchingElement
from .style import button
from .text import markdown_html, plain

OUTCOMES = {"good": ("A good ending", "the child felt heard and the concern was passed on, with no rule broken"),
            "poor": ("A poor ending", "the child was left without the help they needed, or a safeguarding rule "
                                      "was broken")}


def meter_html(name: str, safety: int, words: str) -> str:
    """An accessible meter: role=meter with a text value, plus filled and empty blocks."""
    blocks = "■" * safety + "□" * (MAX_SAFETY - safety)
    text = f"How safe {name} feels to keep talking: {safety} of {MAX_SAFETY}, {name} {words}"
    return (f'<div class="cop-meter" role="meter" aria-valuemin="0" aria-valuemax="{MAX_SAFETY}" '
            f'aria-valuenow="{safety}" aria-valuetext="{plain(text)}" aria-label="How safe {plain(name)} feels">'
            f'<span aria-hidden="true" class="cop-meter-blocks">{blocks}</span> '
            f"<strong>{safety} of {MAX_SAFETY}:</strong> {plain(name)} {plain(words)}.</div>")


class ConversationView(BranchingElement):
    """A conversation on screen. ``reply``, ``go_on`` and ``restart`` are what the buttons call."""

    def __init__(self, conversation: Conversation, sources: dict[str, Source]) -> None:
        self.run = ConversationRun(conversation)
        self.sources = sources
        self.reply_buttons: list[w.Button] = []
        c = conversation
        header = (f"<h4>Conversation practice: {plain(c.title)}</h4>"
                  f"<p><strong>{plain(c.child_name)}, aged {c.child_age}.</strong> {markdown_html(c.situation)}</p>"
                  f"{markdown_html(c.setting)}<p>This is fiction, to practise; take your time. "
                  "Success is the child feeling heard and the concern being passed on, "
                  "not how much you find out.</p>")
        self.meter = w.HTML("")
        super().__init__(f"conversation:{c.name}", header, "cop-conversation")
        self.follow_store()
        self.children = (*self.children[:-1], self.meter, self.body)
        self.show_node()

    def describe_saved(self, saved) -> str:
        outcome = "a good ending" if saved.get("outcome") == "good" else "a poor ending"
        return f"on {plain(saved['date'])} you reached {outcome}. You can practise again."

    def _update_meter(self) -> None:
        c = self.run.conversation
        self.meter.value = meter_html(c.child_name, self.run.safety, self.run.safety_words)

    def reply(self, index: int) -> None:
        """Say reply ``index``; show the feedback and how the child reacted."""
        before = self.run.safety
        chosen = self.run.reply(index)
        name = self.run.conversation.child_name
        change = ("feels a little safer" if self.run.safety > before else
                  "feels less safe" if self.run.safety < before else "feels about the same")
        self._update_meter()
        self.reply_buttons = []
        self.after_choice(
            f"<p><strong>You said:</strong> {plain(chosen.text)}</p>"
            f'<div class="cop-feedback" role="status"><p><strong>{plain(name)} {change}.</strong></p>'
            f"{rule_note_html(chosen.breaks)}{markdown_html(chosen.feedback)}</div>"
        )

    def show_node(self) -> None:
        self._update_meter()
        super().show_node()

    def show_choices(self, turn: Turn) -> None:
        name = self.run.conversation.child_name
        self.reply_buttons = []
        for index, r in enumerate(turn.replies):
            b = button(f"{string.ascii_uppercase[index]}. {r.text}", "cop-choice")
            b.on_click(lambda _b, i=index: self.reply(i))
            self.reply_buttons.append(b)
        note = f"<p><em>{plain(turn.note)}</em></p>" if turn.note else ""
        self.body.children = [
            w.HTML(f'{note}<p class="cop-child"><strong>{plain(name)} says:</strong> “{plain(turn.child_says)}”</p>'
                   "<p>What do you say? Choose one:</p>"),
            w.VBox(self.reply_buttons),
        ]
        if self.run.taken:
            self.reply_buttons[0].focus()

    def show_ending(self, ending: ConversationEnding) -> None:
        run, c = self.run, self.run.conversation
        debrief = run.debrief()
        self.store.record(self.key, {"kind": "conversation", "outcome": debrief.outcome, "ending": ending.id,
                                     "rules_broken": [b.rule.id for b in debrief.broken]})
        said = (f'<p class="cop-child"><strong>{plain(c.child_name)} says:</strong> “{plain(ending.child_says)}”</p>'
                if ending.child_says else "")
        missed = "".join(f"<li>{plain(t)}</li>" for t in run.techniques_missed()) or "<li>none</li>"
        refs = "".join(f"<li>{source_html(self.sources[k])}</li>" for k in c.sources)
        outcome, meaning = OUTCOMES[debrief.outcome]
        again = button("Practise this conversation again", "cop-action")
        again.on_click(lambda _b: self.restart())
        self.body.children = [
            w.HTML(said + debrief_html(debrief, outcome, meaning, "Techniques you used")
                   + f"<p><strong>Techniques you did not use this time:</strong></p><ul>{missed}</ul>"
                   f'<div class="cop-duty"><p><strong>Your duty, whatever the ending:</strong> '
                   f"{plain(DUTY_TO_REPORT)}</p></div>"
                   + (f"<p>Sources:</p><ul>{refs}</ul>" if refs else "")),
            again,
        ]
        again.focus()


def show_conversation(name: str) -> ConversationView:
    """Show the conversation ``modules/conversations/<name>.yaml``."""
    return ConversationView(data_files.conversation(name), data_files.bibliography())
