"""Outcome bands for scenario choices, and the one rule that turns a path's choices into an outcome.

The bands follow scenario-based assessment in online-safety education (e.g. SWGfL ProjectEVOLVE):
a band says what a response shows about understanding, which a bare score does not.
"""

from __future__ import annotations

BANDS = ("misconception", "emerging", "developing", "secure")  # weakest first

BAND_LABELS = {
    "secure": "Secure",
    "developing": "Developing",
    "emerging": "Emerging",
    "misconception": "Misconception",
}

BAND_MEANINGS = {
    "secure": "a confident, safe response that follows good practice",
    "developing": "a helpful response with something still missing",
    "emerging": "a well-meant response that does not yet protect the child",
    "misconception": "a response based on a belief that could put the child at risk",
}

OUTCOME_RULE = (
    "A choice that breaks one of the course's hard safeguarding rules, or shows a misconception, "
    "makes the outcome 'misconception', whatever else you chose: no later choice can make up for it. "
    "Otherwise the outcome is the average of your choices, rounded down (secure 3, developing 2, "
    "emerging 1), so 'secure' means every choice was secure."
)

GOOD_OUTCOMES = ("secure", "developing")


def outcome(bands: list[str], broke_a_rule: bool = False) -> str:
    """The path's outcome band under OUTCOME_RULE."""
    if not bands:
        raise ValueError("a path has at least one choice")
    if broke_a_rule or "misconception" in bands:
        return "misconception"
    ranks = [BANDS.index(b) for b in bands]
    return BANDS[sum(ranks) // len(ranks)]


def ends_well(band: str) -> bool:
    """Whether an outcome counts as a good result (a path that broke a rule never does)."""
    return band in GOOD_OUTCOMES
