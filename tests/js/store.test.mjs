// The browser store's logic that touches no DOM, under node's own test runner (tests/test_store_js.py
// copies widgets/store.js beside this file as store.mjs: node reads ES modules by that name).
import assert from "node:assert/strict";
import test from "node:test";

import { BASE, UNCLAIMED, mergeSetAside, setAsideUnclaimed, storageKey, valid } from "./store.mjs";

class Storage {
  constructor(items = {}) { this.items = { ...items }; }
  getItem(key) { return key in this.items ? this.items[key] : null; }
  setItem(key, value) { this.items[key] = String(value); }
  removeItem(key) { delete this.items[key]; }
}

const kept = (elements) => JSON.stringify({ version: 1, elements });

test("one learner's own origin keeps the plain key", () => {
  assert.equal(storageKey("/voila/render/00_start_here.ipynb"), BASE);
  assert.equal(storageKey("/lab/tree/modules/00_start_here.ipynb"), BASE);
  assert.equal(storageKey("/index.html"), BASE);
});

test("a hub's users each get their own key", () => {
  assert.equal(storageKey("/user/alice/voila/render/00_start_here.ipynb"), `${BASE}/user/alice`);
  assert.equal(storageKey("/hub/prefix/user/bob/lab"), `${BASE}/user/bob`);
  assert.notEqual(storageKey("/user/alice/lab"), storageKey("/user/bob/lab"));
});

test("on a shared origin, plain-key data is set aside, never handed to whoever loads first", () => {
  const storage = new Storage({ [BASE]: kept({ "quiz:01_check": { kind: "quiz" } }) });
  assert.equal(setAsideUnclaimed(`${BASE}/user/bob`, storage), true);
  assert.equal(storage.getItem(BASE), null);
  assert.deepEqual(Object.keys(JSON.parse(storage.getItem(UNCLAIMED)).elements), ["quiz:01_check"]);
});

test("a learner's own origin never sets anything aside", () => {
  const storage = new Storage({ [BASE]: kept({}) });
  assert.equal(setAsideUnclaimed(BASE, storage), false);
  assert.notEqual(storage.getItem(BASE), null);
});

test("setting aside twice loses no record", () => {
  const merged = mergeSetAside(kept({ "quiz:01_check": { n: 1 } }), kept({ "quiz:01_check": { n: 2 }, "sort:x": {} }));
  assert.deepEqual(JSON.parse(merged).elements, { "quiz:01_check": { n: 1 }, "quiz:01_check~2": { n: 2 }, "sort:x": {} });
});

test("only this course's saved copies are valid", () => {
  assert.equal(valid("{not json"), null);
  assert.equal(valid(JSON.stringify({ version: 2, elements: {} })), null);
  assert.notEqual(valid(kept({})), null);
});
