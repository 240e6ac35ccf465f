// cell_saves: a journal cell's saves, one after another. While a cell's save is under way, what is
// typed there next waits, and only the newest waiting value goes when it ends — worked out against
// what the box answered, not against the journal as read before: the mark a POST made is then
// changed (PATCH), never made twice, and two attendance PUTs cannot overtake each other. A POST
// whose answer never came (the box may have made the mark) is sent again unchanged before anything
// else of its cell: it carries the mark's own id, so the box answers with the mark it made, if it
// made one, and the cell's next calls start from that. Pure: the API call and the clock are given,
// so the order of answers is tested without a browser.
import { afterCall } from "./journal_cells.js";

export class CellSaves {
  // send(call) → Promise of the answer (api.js); now() → a time comparable with the journal's read.
  constructor(send, now) {
    this.send = send;
    this.now = now;
    // key → {busy, next: the waiting job or null, known: the cell as the box answered, knownAt,
    //        unanswered: a POST with an id that got no answer, or null}
    this.cells = new Map();
  }

  // Saves one cell. `base()` is the cell as the last read journal holds it ({marks, absence}),
  // asked when the save starts; `plan(cell)` the calls that make the cell hold what was typed.
  // Resolves {outcome: "saved", sent}, {outcome: "failed", error}, or {outcome: "superseded"} when
  // a newer value for the cell took its place before it started; `sent`: the calls the box answered
  // (0: the cell already held the value), a lost POST sent again among them.
  save(key, base, plan) {
    let c = this.cells.get(key);
    if (!c) this.cells.set(key, (c = { busy: false, next: null, known: null, knownAt: 0, unanswered: null }));
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
      if (!c.busy && !c.next && !c.unanswered && c.knownAt <= at) this.cells.delete(key);
  }

  async run(key, c, job) {
    c.busy = true;
    let sending = null, answered = 0;
    const sent = (cell, call, answer) => {
      // Each answered call is known at once: a later call's failure does not undo it.
      c.known = afterCall(cell, call, answer);
      c.knownAt = this.now();
      answered++;
      return c.known;
    };
    let result;
    try {
      let cell = c.known || job.base();
      if (c.unanswered) {
        const again = c.unanswered;
        try {
          cell = sent(cell, again, await this.send(again));
          c.unanswered = null;
        } catch (error) {
          if (undecided(error)) throw error;
          c.unanswered = null;  // refused after looking: the first one made nothing, or it would have found it
        }
      }
      for (const call of job.plan(cell)) {
        sending = call;
        cell = sent(cell, call, await this.send(call));
      }
      result = { outcome: "saved", sent: answered };
    } catch (error) {
      if (error.status === 0 && sending && sending.method === "POST" && sending.body && sending.body.id) c.unanswered = sending;
      result = { outcome: "failed", error };
    }
    c.busy = false;
    job.resolve(result);
    const next = c.next;
    c.next = null;
    if (next) this.run(key, c, next);
  }
}

// An answer that says nothing of whether the first POST made its mark: none came, the session or its
// CSRF token was refused before the box looked, or the box was too busy to look.
function undecided(error) {
  return error.status === 0 || error.status === 401 || error.status === 429 || error.status >= 500 ||
    error.code === "session.csrf_token_wrong";
}
