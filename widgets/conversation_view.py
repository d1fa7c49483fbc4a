"""The ipywidgets view of conversation practice: the child's words, the learner's replies, and a
meter of how safe the child feels to keep talking, shown in words and blocks, never colour alone."""

from __future__ import annotations

import string

import ipywidgets as w
from markupsafe import Markup

from . import data_files
from .bibliography import Source, sources_html
from .conversation import MAX_SAFETY, Conversation, ConversationEnding, ConversationRun, Turn
from .debrief_view import content_note_html, debrief_html, duty_html, items_html, rule_note_html
from .element import BranchingElement
from .html import html, markdown_html
from .style import button, widget

OUTCOMES = {
    "good": ("A good ending", "the child felt heard and the concern was passed on, with no rule broken"),
    "poor": ("A poor ending", "the child was left without the help they needed, or a safeguarding rule was broken"),
}


def meter_html(name: str, safety: int, words: str) -> Markup:
    """An accessible meter: role=meter with a text value, plus filled and empty blocks."""
    text = f"How safe {name} feels to keep talking: {safety} of {MAX_SAFETY}, {name} {words}"
    return html(
        '<div class="cop-meter" role="meter" aria-valuemin="0" aria-valuemax="{most}" '
        'aria-valuenow="{safety}" aria-valuetext="{text}" aria-label="How safe {name} feels">'
        '<span aria-hidden="true" class="cop-meter-blocks">{blocks}</span> '
        "<strong>{safety} of {most}:</strong> {name} {words}.</div>",
        most=MAX_SAFETY,
        safety=safety,
        text=text,
        name=name,
        words=words,
        blocks="\u25a0" * safety + "\u25a1" * (MAX_SAFETY - safety),
    )


class ConversationView(BranchingElement[ConversationRun]):
    """A conversation on screen. ``reply``, ``go_on`` and ``restart`` are what the buttons call."""

    def __init__(self, conversation: Conversation, sources: dict[str, Source]) -> None:
        self.run = ConversationRun(conversation)
        self.sources = sources
        self.reply_buttons: list[w.Button] = []
        c = conversation
        header = html(
            "<h4>Conversation practice: {}</h4>{}<p><strong>{}, aged {}.</strong> {}</p>{}"
            "<p>This is fiction, to practise; take your time. Success is the child feeling heard and "
            "the concern being passed on, not how much you find out.</p>",
            c.title,
            content_note_html(c.content_note),
            c.child_name,
            c.child_age,
            markdown_html(c.situation),
            markdown_html(c.setting),
        )
        self.meter = widget()
        super().__init__(f"conversation:{c.name}", header, "cop-conversation")
        self.follow_store()
        self.children: tuple[w.Widget, ...] = (*self.children[:-1], self.meter, self.body)  # the meter above the body
        self.show_node()

    def describe_saved(self, saved):
        outcome = "a good ending" if saved.get("outcome") == "good" else "a poor ending"
        return html("on {} you reached {}. You can practise again.", saved["date"], outcome)

    def _update_meter(self) -> None:
        c = self.run.conversation
        self.meter.value = meter_html(c.child_name, self.run.safety, self.run.safety_words)

    def reply(self, index: int) -> None:
        """Say reply ``index``; show the feedback and how the child reacted."""
        before = self.run.safety
        chosen = self.run.reply(index)
        name = self.run.conversation.child_name
        change = (
            "feels a little safer"
            if self.run.safety > before
            else "feels less safe"
            if self.run.safety < before
            else "feels about the same"
        )
        self._update_meter()
        self.reply_buttons = []
        self.after_choice(
            html(
                '<p><strong>You said:</strong> {}</p><div class="cop-feedback" role="status">'
                "<p><strong>{} {}.</strong></p>{}{}</div>",
                chosen.text,
                name,
                change,
                rule_note_html(chosen.breaks),
                markdown_html(chosen.feedback),
            )
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
        note = html("<p><em>{}</em></p>", turn.note) if turn.note else Markup("")
        self.body.children = [
            widget(
                html(
                    '{}<p class="cop-child"><strong>{} says:</strong> \u201c{}\u201d</p>'
                    "<p>What do you say? Choose one:</p>",
                    note,
                    name,
                    turn.child_says,
                )
            ),
            w.VBox(self.reply_buttons),
        ]
        if self.run.taken:
            self.reply_buttons[0].focus()

    def show_ending(self, ending: ConversationEnding) -> None:
        run, c = self.run, self.run.conversation
        debrief = run.debrief()
        self.store.record(
            self.key,
            {
                "kind": "conversation",
                "outcome": debrief.outcome,
                "ending": ending.id,
                "rules_broken": [b.rule.id for b in debrief.broken],
            },
        )
        said = (
            html('<p class="cop-child"><strong>{} says:</strong> \u201c{}\u201d</p>', c.child_name, ending.child_says)
            if ending.child_says
            else Markup("")
        )
        outcome, meaning = OUTCOMES[debrief.outcome]
        again = button("Practise this conversation again", "cop-action")
        again.on_click(lambda _b: self.restart())
        self.body.children = [
            widget(
                html(
                    "{}{}{}{}{}",
                    said,
                    debrief_html(debrief, outcome, meaning, "Techniques you used"),
                    items_html("Techniques you did not use this time", run.techniques_missed()),
                    duty_html(),
                    sources_html(c.sources, self.sources),
                )
            ),
            again,
        ]
        again.focus()


def show_conversation(name: str) -> ConversationView:
    """Show the conversation ``modules/conversations/<name>.yaml``."""
    return ConversationView(data_files.conversation(name), data_files.bibliography())
