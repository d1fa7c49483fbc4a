// Plays every path of every compiled element with widgets/player.js and checks that the browser
// reaches what Python's engine reached: the same nodes, the same feeling of safety after each reply,
// and the same outcome and debrief. tests/test_player_js.py writes the compiled elements and
// Python's own results (from ScenarioRun and ConversationRun, not from the compiled tables) beside
// this file, and copies the player here as player.mjs.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import test from "node:test";

import { CompiledElementError, Play } from "./player.mjs";

const read = (name) => JSON.parse(readFileSync(new URL(`./compiled/${name}`, import.meta.url)));
const names = readdirSync(new URL("./compiled/", import.meta.url))
  .filter((name) => name.endsWith(".json") && !name.endsWith(".expected.json"))
  .map((name) => name.slice(0, -".json".length));

function asPython(debrief) {
  return {
    title: debrief.title, outcome: debrief.outcome, ends_well: debrief.ends_well, lines: debrief.lines,
    went_well: debrief.went_well, broken: debrief.broken.map((b) => [b.rule.id, b.said]),
    slips: debrief.slips, revisit: debrief.revisit, missed: debrief.missed,
  };
}

for (const name of names) {
  test(`${name}: every path agrees with Python`, () => {
    const doc = read(`${name}.json`);
    const expected = read(`${name}.expected.json`);
    const play = new Play(doc);
    for (const path of expected) {
      play.restart();
      const safeties = [];
      for (const index of path.path) {
        assert.equal(play.finished, false, `${name} ${path.path}: ended early`);
        play.choose(index);
        safeties.push(play.safety);
      }
      assert.equal(play.finished, true, `${name} ${path.path}: not finished`);
      assert.deepEqual(safeties, path.safety, `${name} ${path.path}: safety`);
      assert.deepEqual(asPython(play.debrief()), path.debrief, `${name} ${path.path}: debrief`);
    }
    assert.equal(expected.length, Object.keys(doc.debriefs).length, `${name}: paths compiled`);
  });
}

test("a choice that is not there, or a path after its end, is refused with the element's name", () => {
  const doc = read(`${names[0]}.json`);
  const play = new Play(doc);
  assert.throws(() => play.choose(99), CompiledElementError);
  assert.throws(() => play.debrief(), /has not ended yet/);
});

test("a document from another compiler version is refused, not half-played", () => {
  const doc = { ...read(`${names[0]}.json`), format: 999 };
  assert.throws(() => new Play(doc), /rebuild it with the course's compiler/);
});
