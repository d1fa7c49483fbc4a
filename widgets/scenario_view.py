"""The ipywidgets view of a branching scenario: draws what a ScenarioRun says, nothing more.

Every control is a real button with its full text as its label, so the scenario can be played
with Tab and Enter alone; after each choice focus moves to the next control.
"""

from __future__ import annotations

import string

import ipywidgets as w

from . import data_files
from .bands import BAND_LABELS, BAND_MEANINGS, OUTCOME_RULE
from .bibliography import Source, source_html
from .debrief_view import debrief_html, rule_note_html
from .element import BranchingElement
from .scenario import Ending, Scenario, ScenarioRun, Step
from .style import button
from .text import markdown_html, plain


class ScenarioView(BranchingElement):
    """A scenario on screen. ``choose``, ``go_on`` and ``restart`` are what the buttons call."""

    def __init__(self, scenario: Scenario, sources: dict[str, Source]) -> None:
        self.run = ScenarioRun(scenario)
        self.sources = sources
        self.choice_buttons: list[w.Button] = []
        header = f"<h4>Scenario: {plain(scenario.title)}</h4>{markdown_html(scenario.summary)}"
        super().__init__(f"scenario:{scenario.name}", header, "cop-scenario")
        self.follow_store()
        self.show_node()

    def describe_saved(self, saved) -> str:
        return (f"you finished this scenario on {plain(saved['date'])} with the outcome "
                f"{BAND_LABELS.get(saved.get('outcome'), 'unknown')}. You can play it again.")

    # what the buttons do -------------------------------------------------------------------
    def choose(self, index: int) -> None:
        """Take choice ``index`` and show its feedback with a button to go on."""
        choice = self.run.choose(index)
        letter = string.ascii_uppercase[index]
        self.choice_buttons = []
        self.after_choice(
            f"<p><strong>You chose {letter}:</strong> {plain(choice.text)}</p>"
            f'<div class="cop-feedback" role="status"><p><strong>{BAND_LABELS[choice.band]}:</strong> '
            f"{BAND_MEANINGS[choice.band]}.</p>{rule_note_html(choice.breaks)}{markdown_html(choice.feedback)}</div>"
        )

    # drawing -------------------------------------------------------------------------------
    def show_choices(self, step: Step) -> None:
        self.choice_buttons = []
        for index, choice in enumerate(step.choices):
            b = button(f"{string.ascii_uppercase[index]}. {choice.text}", "cop-choice")
            b.on_click(lambda _b, i=index: self.choose(i))
            self.choice_buttons.append(b)
        progress = f"Decision {self.run.decision_number} of up to {self.run.scenario.longest_path}"
        self.body.children = [
            w.HTML(f'<p class="cop-meta"><strong>{progress}</strong></p>{markdown_html(step.text)}'
                   "<p>What do you do? Choose one:</p>"),
            w.VBox(self.choice_buttons),
        ]
        if self.run.taken:
            self.choice_buttons[0].focus()

    def show_ending(self, ending: Ending) -> None:
        scenario = self.run.scenario
        refs = "".join(f"<li>{source_html(self.sources[k])}</li>" for k in scenario.sources)
        debrief = self.run.debrief()
        band = debrief.outcome
        self.store.record(self.key, {"kind": "scenario", "outcome": band, "ending": ending.id,
                                     "rules_broken": [b.rule.id for b in debrief.broken]})
        again = button("Play this scenario again", "cop-action")
        again.on_click(lambda _b: self.restart())
        self.body.children = [
            w.HTML(
                debrief_html(debrief, BAND_LABELS[band], BAND_MEANINGS[band], "Choices that helped")
                + f"<details><summary>How the outcome is worked out</summary><p>{plain(OUTCOME_RULE)}</p></details>"
                + (f"<p>Sources:</p><ul>{refs}</ul>" if refs else "")
            ),
            again,
        ]
        again.focus()


def show_scenario(name: str) -> ScenarioView:
    """Show the scenario ``modules/scenarios/<name>.yaml``: the one line a module notebook needs."""
    return ScenarioView(data_files.scenario(name), data_files.bibliography())
