// Handled events in SQLite, so that redeliveries are acknowledged but
// handled once: across restarts, and across processes that share the file.
//
// SQLite comes from node:sqlite where Node has it (22.5 and later, without a
// flag from 22.13), else from the better-sqlite3 package (npm install
// better-sqlite3). Both take the same SQL and the same prepare/run/get calls.
const { openDatabase, engine } = await (async () => {
  try {
    const { DatabaseSync } = await import("node:sqlite");
    return { openDatabase: (path) => new DatabaseSync(path), engine: "node:sqlite" };
  } catch {
    try {
      const { default: Database } = await import("better-sqlite3");
      return { openDatabase: (path) => new Database(path), engine: "better-sqlite3" };
    } catch (e) {
      throw new Error(`handled-events.mjs needs SQLite: Node 22.13 or later (node:sqlite), or \`npm install better-sqlite3\` (${e.message})`);
    }
  }
})();

/** Which SQLite module is in use: "node:sqlite" or "better-sqlite3". */
export const sqliteEngine = engine;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * The record of handled events in the SQLite database at `path`.
 * `once(key, handler)` runs `handler` unless `key` was handled: the first
 * delivery claims the key, runs the handler and marks the key done; a
 * delivery that finds it claimed waits for the outcome (in this process, on
 * the running handler; in another, by polling the row). A handler that
 * throws releases the claim, so the gateway's retry runs it again; a claim
 * older than `leaseMs` (its process died mid-handling) is taken over.
 */
export function openHandledEvents(path, { leaseMs = 60_000, pollMs = 25 } = {}) {
  const db = openDatabase(path);
  db.exec(`
    PRAGMA journal_mode = WAL;
    PRAGMA busy_timeout = 5000;
    CREATE TABLE IF NOT EXISTS handled_events (
      event_key TEXT PRIMARY KEY,
      state TEXT NOT NULL CHECK (state IN ('running', 'done')),
      claimed_at INTEGER NOT NULL,
      done_at INTEGER
    );
  `);
  // A new key, or a claim whose lease ran out: one row changed means ours.
  const claim = db.prepare(`
    INSERT INTO handled_events (event_key, state, claimed_at) VALUES (?, 'running', ?)
    ON CONFLICT (event_key) DO UPDATE SET claimed_at = excluded.claimed_at
    WHERE state = 'running' AND claimed_at < ?`);
  const markDone = db.prepare("UPDATE handled_events SET state = 'done', done_at = ? WHERE event_key = ?");
  const release = db.prepare("DELETE FROM handled_events WHERE event_key = ? AND state = 'running'");
  const stateOf = db.prepare("SELECT state FROM handled_events WHERE event_key = ?");
  const running = new Map();

  async function runClaimed(key, handler) {
    try {
      await handler();
    } catch (e) {
      release.run(key);
      throw e;
    }
    markDone.run(Date.now(), key);
  }

  async function once(key, handler) {
    for (const deadline = Date.now() + leaseMs + 1000; ;) {
      const mine = running.get(key);
      if (mine) {
        await mine;
        return false;
      }
      const now = Date.now();
      if (claim.run(key, now, now - leaseMs).changes === 1) {
        const run = runClaimed(key, handler);
        running.set(key, run);
        try {
          await run;
        } finally {
          running.delete(key);
        }
        return true;
      }
      if (stateOf.get(key)?.state === "done") return false;
      // Claimed by another process: wait for its outcome (done, or released).
      if (Date.now() > deadline) throw new Error(`event ${key} is still being handled elsewhere`);
      await sleep(pollMs);
    }
  }

  return {
    once,
    /** Whether `key` was handled (and its handler succeeded). */
    handled: (key) => stateOf.get(key)?.state === "done",
    /** Forgets keys handled before `date` (keep them longer than the gateway retries). */
    forgetBefore: (date) => db.prepare("DELETE FROM handled_events WHERE state = 'done' AND done_at < ?").run(date.getTime()).changes,
    close: () => db.close(),
  };
}
