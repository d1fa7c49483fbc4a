"""The ipywidgets view of a branching scenario: draws what a ScenarioRun says, nothing more.

Every control is a real button with its full text as its label, so the scenario can be played
with Tab and Enter alone; after each choice focus moves to the next control.
"""

from __future__ import annotations

import string

import ipywidgets as w
from markupsafe import Markup

from . import data_files
from .bands import BAND_LABELS, BAND_MEANINGS, OUTCOME_RULE
from .bibliography import Source, sources_html
from .debrief_view import content_note_html, debrief_html, duty_html, rule_note_html
from .element import BranchingElement
from .html import html, markdown_html
from .scenario import Ending, Scenario, ScenarioRun, Step
from .style import button, widget


class ScenarioView(BranchingElement[ScenarioRun]):
    """A scenario on screen. ``choose``, ``go_on`` and ``restart`` are what the buttons call."""

    def __init__(self, scenario: Scenario, sources: dict[str, Source]) -> None:
        self.run = ScenarioRun(scenario)
        self.sources = sources
        self.choice_buttons: list[w.Button] = []
        header = html(
            "<h4>Scenario: {}</h4>{}{}",
            scenario.title,
            content_note_html(scenario.content_note),
            markdown_html(scenario.summary),
        )
        super().__init__(f"scenario:{scenario.name}", header, "cop-scenario")
        self.follow_store()
        self.show_node()

    def describe_saved(self, saved):
        return html(
            "you finished this scenario on {} with the outcome {}. You can play it again.",
            saved["date"],
            BAND_LABELS.get(saved.get("outcome"), "unknown"),
        )

    # what the buttons do -------------------------------------------------------------------
    def choose(self, index: int) -> None:
        """Take choice ``index`` and show its feedback with a button to go on."""
        choice = self.run.choose(index)
        self.choice_buttons = []
        self.after_choice(
            html(
                '<p><strong>You chose {}:</strong> {}</p><div class="cop-feedback" role="status">'
                "<p><strong>{}:</strong> {}.</p>{}{}</div>",
                string.ascii_uppercase[index],
                choice.text,
                BAND_LABELS[choice.band],
                BAND_MEANINGS[choice.band],
                rule_note_html(choice.breaks),
                markdown_html(choice.feedback),
            )
        )

    # drawing -------------------------------------------------------------------------------
    def show_choices(self, step: Step) -> None:
        self.choice_buttons = []
        for index, choice in enumerate(step.choices):
            b = button(f"{string.ascii_uppercase[index]}. {choice.text}", "cop-choice")
            b.on_click(lambda _b, i=index: self.choose(i))
            self.choice_buttons.append(b)
        self.body.children = [
            widget(
                html(
                    '<p class="cop-meta"><strong>Decision {} of up to {}</strong></p>{}'
                    "<p>What do you do? Choose one:</p>",
                    self.run.decision_number,
                    self.run.scenario.longest_path,
                    markdown_html(step.text),
                )
            ),
            w.VBox(self.choice_buttons),
        ]
        if self.run.taken:
            self.choice_buttons[0].focus()

    def show_ending(self, ending: Ending) -> None:
        debrief = self.run.debrief()
        band = debrief.outcome
        self.store.record(
            self.key,
            {
                "kind": "scenario",
                "outcome": band,
                "ending": ending.id,
                "rules_broken": [b.rule.id for b in debrief.broken],
            },
        )
        again = button("Play this scenario again", "cop-action")
        again.on_click(lambda _b: self.restart())
        self.body.children = [
            widget(
                html(
                    "{}<details><summary>How the outcome is worked out</summary><p>{}</p></details>{}{}",
                    debrief_html(debrief, BAND_LABELS[band], BAND_MEANINGS[band], "Choices that helped"),
                    OUTCOME_RULE,
                    duty_html() if self.run.scenario.about_a_concern else Markup(""),
                    sources_html(self.run.scenario.sources, self.sources),
                )
            ),
            again,
        ]
        again.focus()


def show_scenario(name: str) -> ScenarioView:
    """Show the scenario ``modules/scenarios/<name>.yaml``: the one line a module notebook needs."""
    return ScenarioView(data_files.scenario(name), data_files.bibliography())
