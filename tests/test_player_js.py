"""The browser player (widgets/player.js) agrees with Python's engine on every path of every
element the course has: same safety after each reply, same outcome, same debrief. Python's results
here come from ScenarioRun and ConversationRun, not from the compiled tables the player reads."""

from __future__ import annotations

import json
import shutil
import subprocess

from cop_widgets import data_files
from cop_widgets.compile import compile_conversation, compile_scenario
from cop_widgets.conversation import ConversationRun
from cop_widgets.debrief import Debrief
from cop_widgets.scenario import ScenarioRun

from .conftest import MODULES, ROOT, need_system


def as_plain(debrief: Debrief, missed: list[str]) -> dict:
    return {
        "title": debrief.title,
        "outcome": debrief.outcome,
        "ends_well": debrief.ends_well,
        "lines": list(debrief.lines),
        "went_well": list(debrief.went_well),
        "broken": [[b.rule.id, b.said] for b in debrief.broken],
        "slips": list(debrief.slips),
        "revisit": list(debrief.revisit),
        "missed": missed,
    }


def scenario_expected(name: str) -> list[dict]:
    scenario = data_files.scenario(name, MODULES)
    expected = []
    for path in scenario.all_paths():
        run = ScenarioRun(scenario)
        for index in path:
            run.choose(index)
        expected.append({"path": list(path), "safety": [None] * len(path), "debrief": as_plain(run.debrief(), [])})
    return expected


def conversation_expected(name: str) -> list[dict]:
    conversation = data_files.conversation(name, MODULES)
    expected = []
    for path in conversation.all_paths():
        run, safety = ConversationRun(conversation), []
        for index in path:
            run.reply(index)
            safety.append(run.safety)
        expected.append(
            {"path": list(path), "safety": safety, "debrief": as_plain(run.debrief(), run.techniques_missed())}
        )
    return expected


def test_the_browser_player_agrees_with_python_on_every_path(tmp_path):
    node = shutil.which("node")
    need_system(node is not None, "Node.js (node)")
    compiled = tmp_path / "compiled"
    compiled.mkdir()
    for path in sorted(MODULES.glob("scenarios/*.yaml")):
        doc = compile_scenario(data_files.scenario(path.stem, MODULES))
        (compiled / f"{path.stem}.json").write_text(json.dumps(doc))
        (compiled / f"{path.stem}.expected.json").write_text(json.dumps(scenario_expected(path.stem)))
    for path in sorted(MODULES.glob("conversations/*.yaml")):
        doc = compile_conversation(data_files.conversation(path.stem, MODULES))
        (compiled / f"{path.stem}.json").write_text(json.dumps(doc))
        (compiled / f"{path.stem}.expected.json").write_text(json.dumps(conversation_expected(path.stem)))
    shutil.copy(ROOT / "widgets" / "player.js", tmp_path / "player.mjs")
    shutil.copy(ROOT / "tests" / "js" / "player.test.mjs", tmp_path / "player.test.mjs")
    done = subprocess.run(
        [node, "--test", "player.test.mjs"], cwd=tmp_path, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    elements = len(list(MODULES.glob("scenarios/*.yaml"))) + len(list(MODULES.glob("conversations/*.yaml")))
    assert f"# pass {elements + 2}" in done.stdout and "# fail 0" in done.stdout
