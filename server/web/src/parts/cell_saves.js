// cell_saves: a journal cell's saves, one after another. While a cell's save is under way, what is
// typed there next waits, and only the newest waiting value goes when it ends — worked out against
// what the box answered, not against the journal as read before: the mark a POST made is then
// changed (PATCH), never made twice, and two attendance PUTs cannot overtake each other. Pure: the
// API call and the clock are given, so the order of answers is tested without a browser.
import { afterCall } from "./journal_cells.js";

export class CellSaves {
  // send(call) → Promise of the answer (api.js); now() → a time comparable with the journal's read.
  constructor(send, now) {
    this.send = send;
    this.now = now;
    // key → {busy, next: the waiting job or null, known: the cell as the box answered, knownAt}
    this.cells = new Map();
  }

  // Saves one cell. `base()` is the cell as the last read journal holds it ({marks, absence}),
  // asked when the save starts; `plan(cell)` the calls that make the cell hold what was typed.
  // Resolves {outcome: "saved"}, {outcome: "failed", error}, or {outcome: "superseded"} when a
  // newer value for the cell took its place before it started.
  save(key, base, plan) {
    let c = this.cells.get(key);
    if (!c) this.cells.set(key, (c = { busy: false, next: null, known: null, knownAt: 0 }));
    return new Promise((resolve) => {
      const job = { base, plan, resolve };
      if (!c.busy) return void this.run(key, c, job);
      if (c.next) c.next.resolve({ outcome: "superseded" });
      c.next = job;
    });
  }

  // Whether a save of the cell is under way or waiting.
  busy(key) {
    const c = this.cells.get(key);
    return !!c && (c.busy || !!c.next);
  }

  // A journal whose read began at `at` arrived: what the box answered before then is in it, so the
  // journal is the truth again for those cells.
  journalRead(at) {
    for (const [key, c] of this.cells)
      if (!c.busy && !c.next && c.knownAt <= at) this.cells.delete(key);
  }

  async run(key, c, job) {
    c.busy = true;
    let result = { outcome: "saved" };
    try {
      let cell = c.known || job.base();
      for (const call of job.plan(cell)) {
        const answer = await this.send(call);
        cell = afterCall(cell, call, answer);
        // Each answered call is known at once: a later call's failure does not undo it.
        c.known = cell;
        c.knownAt = this.now();
      }
    } catch (error) {
      result = { outcome: "failed", error };
    }
    c.busy = false;
    job.resolve(result);
    const next = c.next;
    c.next = null;
    if (next) this.run(key, c, next);
  }
}
