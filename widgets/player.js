// Plays a scenario or a conversation compiled by widgets/compile.py, in any browser, with no kernel.
//
// Every safeguarding decision was made in Python: which node a path reaches, how safe the child
// feels, the outcome and the debrief of each complete path. The player only walks the compiled
// tables and turns text ids back into text, so it cannot score a path differently from the course.
// It touches no DOM: views draw what it returns (tests/js/player.test.mjs plays every path).

export const FORMAT = 1;

export class CompiledElementError extends Error {}

export function checkFormat(doc) {
  if (!doc || doc.format !== FORMAT) {
    throw new CompiledElementError(
      `compiled element '${doc && doc.name}' has format ${doc && doc.format}, this player reads ${FORMAT}: ` +
        "rebuild it with the course's compiler");
  }
  return doc;
}

export class Play {
  constructor(doc) {
    this.doc = checkFormat(doc);
    this.taken = [];
  }

  get key() { return this.taken.join("."); }

  get nodeId() {
    const position = this.doc.positions[this.key];
    return Array.isArray(position) ? position[0] : position;
  }

  /** How safe the child feels (conversations): 0 .. max_safety. */
  get safety() {
    const position = this.doc.positions[this.key];
    return Array.isArray(position) ? position[1] : null;
  }

  get safetyWords() {
    return this.safety === null ? null : this.doc.safety_words[this.safety];
  }

  get finished() { return Object.hasOwn(this.doc.debriefs, this.key); }

  /** 1-based number of the decision on screen, as "decision 2 of up to 3" shows it. */
  get decisionNumber() { return this.taken.length + 1; }

  text(id) { return id === null || id === undefined ? null : this.doc.texts[id]; }

  rule(id) { return { id, ...this.doc.rules[id] }; }

  /** The options at the current step (a scenario's choices, a conversation's replies). */
  options() {
    const node = this.currentNode();
    const options = this.doc.kind === "scenario" ? node.choices : node.replies;
    return options.map((option) => ({
      text: this.text(option.text),
      feedback: this.text(option.feedback),
      band: option.band ?? null,
      breaks: option.breaks.map((id) => this.rule(id)),
    }));
  }

  currentNode() {
    const table = this.doc.kind === "scenario" ? this.doc.steps : this.doc.turns;
    return table[this.nodeId] ?? null;
  }

  /** What the child says now (conversations), or null. */
  childSays() {
    const turn = this.doc.kind === "conversation" ? this.doc.turns[this.nodeId] : null;
    const ending = this.doc.kind === "conversation" ? this.doc.endings[this.nodeId] : null;
    return this.text(turn ? turn.child_says : ending ? ending.child_says : null);
  }

  stepText() {
    const step = this.doc.kind === "scenario" ? this.doc.steps[this.nodeId] : null;
    return step ? this.text(step.text) : null;
  }

  /** Take option `index`; returns it, so its feedback (and any rule it breaks) can be shown. */
  choose(index) {
    if (this.finished) throw new CompiledElementError(`'${this.doc.name}' has ended; restart to play again`);
    const options = this.options();
    if (!Number.isInteger(index) || index < 0 || index >= options.length) {
      throw new CompiledElementError(`'${this.nodeId}' has ${options.length} options, not ${index + 1}`);
    }
    this.taken.push(index);
    if (!Object.hasOwn(this.doc.positions, this.key)) {
      throw new CompiledElementError(`compiled element '${this.doc.name}' lacks the path ${this.key}`);
    }
    return options[index];
  }

  restart() { this.taken = []; }

  /** The debrief of the finished path, as Python's engine wrote it. */
  debrief() {
    if (!this.finished) throw new CompiledElementError(`'${this.doc.name}' has not ended yet`);
    const fields = Object.fromEntries(this.doc.debrief_fields.map((name, i) => [name, this.doc.debriefs[this.key][i]]));
    const [title, outcome, endsWell, lines] = this.doc.verdicts[fields.verdict];
    const texts = (ids) => ids.map((id) => this.text(id));
    return {
      title: this.text(title),
      outcome,
      ends_well: endsWell,
      lines: texts(lines),
      went_well: texts(fields.went_well),
      broken: fields.broken.map(([rule, said]) => ({ rule: this.rule(rule), said: this.text(said) })),
      slips: texts(fields.slips),
      revisit: texts(fields.revisit),
      missed: texts(fields.missed),
      duty: this.text(this.doc.duty),
    };
  }
}
