"""Play every path of every scenario and conversation against the hard rules, and list the items a
reviewer should look at: the figures a safeguarding reviewer asks for, in one run.

Usage: python scripts/rule_audit.py [--suspects]
  --suspects  also list untagged choices whose words often mean a broken rule ("tomorrow",
              "delete", "promise", "show me", ...), for a person to judge; a word list cannot.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from cop_widgets.bibliography import load_bibliography
from cop_widgets.conversation import ConversationRun
from cop_widgets.conversation_loader import load_conversation
from cop_widgets.data_files import load_any
from cop_widgets.errors import CourseDataError
from cop_widgets.exercise_keys import load_exercise_keys
from cop_widgets.rules import course_rules
from cop_widgets.scenario import ScenarioRun
from cop_widgets.scenario_loader import load_scenario

ROOT = Path(__file__).resolve().parent.parent
# folder -> (loader, run, the run's move, the element's nodes, each node's options)
BRANCHING = {
    "scenarios": (load_scenario, ScenarioRun, "choose", "steps", "choices"),
    "conversations": (load_conversation, ConversationRun, "reply", "turns", "replies"),
}
MODULES = ROOT / "modules"
SUSPECT = re.compile(
    r"tomorrow|next week|monday|wait|keep an eye|see if|delete|promise|secret|between us|"
    r"show me|have a look|screenshot|scroll|search|check (his|her|their) phone|confront|"
    r"message (him|her|them)|reply to|pay|why did you|your fault|should have|go home|"
    r"tell (his|her|their) (mum|dad|parents)|friends? (what|who)|ask (his|her|their) friends",
    re.IGNORECASE,
)


def main(argv: list[str]) -> int:
    known = set(load_bibliography(MODULES / "sources.yaml"))
    tagged: Counter[str] = Counter()
    paths = well = well_broken = 0
    suspects: list[str] = []
    failed: list[str] = []

    def load(loader, path):
        try:
            return loader(path, known)
        except CourseDataError as err:
            failed.append(str(err))
            return None

    def note(where: str, text: str, breaks) -> None:
        for rule in breaks:
            tagged[rule] += 1
        if not breaks and SUSPECT.search(text):
            suspects.append(f"{where}: {text.strip()[:110]}")

    for folder, (loader, run_class, move, nodes, options) in BRANCHING.items():
        for path in sorted(MODULES.glob(f"{folder}/*.yaml")):
            element = load(loader, path)
            if element is None:
                continue
            for node_id, node in getattr(element, nodes).items():
                for i, option in enumerate(getattr(node, options)):
                    note(f"{path.name} {nodes}.{node_id}.{options}[{i}]", option.text, option.breaks)
            for route in element.all_paths():
                run = run_class(element)
                for index in route:
                    getattr(run, move)(index)
                debrief = run.debrief()
                paths += 1
                well += debrief.ends_well
                well_broken += debrief.ends_well and bool(run.rules_broken)
    for kind in ("quizzes", "sorts"):
        for path in sorted(MODULES.glob(f"{kind}/*.yaml")):
            element = load(load_any, path)
            if element is None:
                continue
            if kind == "quizzes":
                for q in element.questions:
                    for i, o in enumerate(q.options):
                        note(f"{path.name} {q.id}[{i}] ({'right' if o.correct else 'wrong'})", o.text, o.breaks)
            else:
                for i, item in enumerate(element.items):
                    note(f"{path.name} items[{i}] ({item.category})", item.text, item.breaks)
    try:
        keys = load_exercise_keys(ROOT / "solutions")
    except CourseDataError as err:
        failed.append(str(err))
        keys = []
    for key in keys:
        for breaks in key.breaks.values():
            tagged.update(breaks)

    print(f"paths played: {paths}")
    print(f"paths that end well: {well}")
    print(f"paths that end well with a broken rule: {well_broken}")
    print("rule-tagged items per rule:")
    for rule in course_rules():
        print(f"  {rule:24} {tagged[rule]}")
    if "--suspects" in argv:
        print(f"untagged items worth a look ({len(suspects)}):")
        for line in suspects:
            print(f"  {line}")
    for line in failed:
        print(f"FAIL {line}")
    return 1 if well_broken or failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
