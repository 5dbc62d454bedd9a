/**
 * The outbox table: every state change is one transaction that also recomputes the record's
 * overlay (and runs the caller's effect, e.g. the refreshed record), guarded by the state the caller
 * read, so a user's cancel, a sync's conflict check and a runner's claim can never both win.
 * Changes that decide whether a request may be sent twice are committed with synchronous=FULL.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { ACTION_STATES, type ActionConflict, type ActionCounts, type ActionError, type ActionKind, type ActionState } from '@shared/outbox';
import { recomputeOverlay } from './pending-effects';
import { parseAction, type ActionPayload, type SeenVersion, type StoredAction, type StoredResult } from './outbox-rows';

export interface NewAction {
  profileId: string;
  kind: ActionKind;
  target: string;
  payload: ActionPayload;
  seen: SeenVersion | null;
}

export type Transition =
  | { to: 'done'; result: StoredResult }
  | { to: 'failed'; error: ActionError }
  | { to: 'conflict'; conflict: ActionConflict }
  | {
      to: 'queued';
      nextAttemptAt: number;
      error: ActionError | null;
      uncertain: boolean;
      seen?: SeenVersion;
      /** When the wait was decided (so `updated_at + wait = next_attempt_at` exactly). */ decidedAt?: number;
    }
  | { to: 'cancelled' };

/**
 * WAL with synchronous=NORMAL (the app's setting) may lose the last commits on power loss. For
 * "sending" and "done" that would mean sending twice, so these commits wait for the disk. The
 * setting cannot change inside a transaction; then the outer one decides.
 */
export function durably<T>(db: Database.Database, work: () => T): T {
  if (db.inTransaction) return work();
  const previous = db.pragma('synchronous', { simple: true });
  db.pragma('synchronous = FULL');
  try {
    return work();
  } finally {
    db.pragma(`synchronous = ${typeof previous === 'number' ? previous : 1}`);
  }
}

export class OutboxStore {
  constructor(
    readonly db: Database.Database,
    private readonly now: () => number,
  ) {}

  private iso(): string {
    return new Date(this.now()).toISOString();
  }

  /** Writes the action and its optimistic effect in one transaction. */
  insert(action: NewAction, effect?: (db: Database.Database) => void): StoredAction {
    const id = randomUUID();
    const at = this.iso();
    return durably(this.db, () =>
      this.db
        .transaction(() => {
          this.db
            .prepare(
              `INSERT INTO outbox (id, profile_id, kind, target, payload, seen_version, state, attempts, next_attempt_at, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?, ?)`,
            )
            .run(
              id,
              action.profileId,
              action.kind,
              action.target,
              JSON.stringify(action.payload),
              action.seen ? JSON.stringify(action.seen) : null,
              this.now(),
              at,
              at,
            );
          effect?.(this.db);
          recomputeOverlay(this.db, action.profileId, action.target);
          return this.require(id);
        })
        .immediate(),
    );
  }

  get(id: string): StoredAction | null {
    const row = this.db.prepare('SELECT * FROM outbox WHERE id = ?').get(id);
    return row ? parseAction(row) : null;
  }

  private require(id: string): StoredAction {
    const action = this.get(id);
    if (!action) throw new Error(`outbox action ${id} vanished inside its own transaction`);
    return action;
  }

  /** Newest first; open ones (queued, sending, conflict, failed) only if asked. */
  list(profileId: string, options: { openOnly: boolean; limit: number }): StoredAction[] {
    const filter = options.openOnly ? "AND state IN ('queued', 'sending', 'conflict', 'failed')" : '';
    return this.db
      .prepare(`SELECT * FROM outbox WHERE profile_id = ? ${filter} ORDER BY seq DESC LIMIT ?`)
      .all(profileId, options.limit)
      .map(parseAction);
  }

  counts(profileId: string): ActionCounts {
    const counts = Object.fromEntries(ACTION_STATES.map((s) => [s, 0])) as ActionCounts;
    const rows = this.db.prepare('SELECT state, count(*) AS n FROM outbox WHERE profile_id = ? GROUP BY state').all(profileId) as Array<{
      state: ActionState;
      n: number;
    }>;
    for (const row of rows) counts[row.state] = row.n;
    return counts;
  }

  nextAttemptAt(profileId: string): number | null {
    const row = this.db
      .prepare("SELECT min(next_attempt_at) AS at FROM outbox WHERE profile_id = ? AND state = 'queued'")
      .get(profileId) as { at: number | null };
    return row.at;
  }

  /** When the runner should wake: the next due action, or the moment an interrupted one has settled. */
  nextWakeAt(profileId: string, runnerId: string, settleMs: number): number | null {
    const orphan = this.db
      .prepare(
        "SELECT min(sent_at) AS at FROM outbox WHERE profile_id = ? AND state = 'sending' AND (claimed_by IS NULL OR claimed_by != ?)",
      )
      .get(profileId, runnerId) as { at: string | null };
    const settled = orphan.at === null ? null : Date.parse(orphan.at) + settleMs;
    const next = this.nextAttemptAt(profileId);
    return next === null ? settled : settled === null ? next : Math.min(next, settled);
  }

  /** Open (queued, sending, conflict) actions on a record, oldest first; optionally of one kind. */
  open(profileId: string, target: string, kind?: ActionKind): StoredAction[] {
    return this.db
      .prepare(
        "SELECT * FROM outbox WHERE profile_id = ? AND target = ? AND state IN ('queued', 'sending', 'conflict') AND (? IS NULL OR kind = ?) ORDER BY seq",
      )
      .all(profileId, target, kind ?? null, kind ?? null)
      .map(parseAction);
  }

  /** Queued actions of every kind on records of one type, for the sync's conflict check. */
  queuedOn(profileId: string, targetType: 'channel' | 'client'): StoredAction[] {
    return this.db
      .prepare("SELECT * FROM outbox WHERE profile_id = ? AND state = 'queued' AND target LIKE ? ORDER BY seq")
      .all(profileId, `${targetType}:%`)
      .map(parseAction);
  }

  /**
   * The next action of each record that may go now: the oldest open action of its record (creation
   * order per record; a conflict holds back later actions on the same record), either due or found
   * "sending" by someone else (interrupted: to be resolved first). Records in `busy` are skipped.
   */
  heads(profileId: string, dueBy: number, busy: ReadonlySet<string>, runnerId: string, settleMs: number): StoredAction[] {
    const rows = this.db
      .prepare(
        `SELECT o.* FROM outbox o
         WHERE o.profile_id = ? AND o.state IN ('queued', 'sending')
           AND o.seq = (SELECT min(p.seq) FROM outbox p WHERE p.profile_id = o.profile_id AND p.target = o.target AND p.state IN ('queued', 'sending', 'conflict'))
           AND ((o.state = 'queued' AND o.next_attempt_at <= ?)
             OR (o.state = 'sending' AND (o.claimed_by IS NULL OR o.claimed_by != ?) AND (o.sent_at IS NULL OR o.sent_at <= ?)))
         ORDER BY (o.state = 'sending') DESC, o.seq`,
      )
      .all(profileId, dueBy, runnerId, new Date(dueBy - settleMs).toISOString())
      .map(parseAction);
    return rows.filter((a) => !busy.has(a.target));
  }

  /** queued (or interrupted sending) -> sending, committed before the request goes out. */
  claim(action: StoredAction, runnerId: string): StoredAction | null {
    const at = this.iso();
    return durably(this.db, () =>
      this.db
        .transaction(() => {
          const changed = this.db
            .prepare(
              `UPDATE outbox SET state = 'sending', claimed_by = ?, attempts = attempts + 1, uncertain = 0, sent_at = ?, updated_at = ?
             WHERE id = ? AND state = ? AND claimed_by IS ?`,
            )
            .run(runnerId, at, at, action.id, action.state, action.row.claimed_by).changes;
          if (changed === 0) return null;
          recomputeOverlay(this.db, action.profileId, action.target);
          return this.require(action.id);
        })
        .immediate(),
    );
  }

  /** Records what the server answered while the action is still "sending" (a key's metadata). */
  recordResult(action: StoredAction, result: StoredResult): void {
    durably(this.db, () =>
      this.db
        .prepare("UPDATE outbox SET result = ?, updated_at = ? WHERE id = ? AND state = 'sending'")
        .run(JSON.stringify(result), this.iso(), action.id),
    );
  }

  /**
   * Moves an action on, if it is still in the state (and held by the runner) the caller read; runs
   * `effect` in the same transaction. Returns null when someone else changed it first.
   */
  transition(action: StoredAction, t: Transition, effect?: (db: Database.Database) => void): StoredAction | null {
    const at = t.to === 'queued' && t.decidedAt !== undefined ? new Date(t.decidedAt).toISOString() : this.iso();
    const sets: string[] = ['state = ?', 'updated_at = ?', 'claimed_by = NULL'];
    const values: Array<string | number | null> = [t.to, at];
    const set = (sql: string, value: string | number | null) => {
      sets.push(sql);
      values.push(value);
    };
    if (t.to === 'done') {
      set('result = ?', JSON.stringify(t.result));
      set('finished_at = ?', at);
      set('uncertain = ?', 0);
    } else if (t.to === 'failed') {
      set('last_error = ?', JSON.stringify(t.error));
      set('finished_at = ?', at);
    } else if (t.to === 'conflict') {
      set('conflict = ?', JSON.stringify(t.conflict));
      set('finished_at = ?', null);
    } else if (t.to === 'queued') {
      set('next_attempt_at = ?', t.nextAttemptAt);
      set('last_error = ?', t.error ? JSON.stringify(t.error) : null);
      set('uncertain = ?', t.uncertain ? 1 : 0);
      set('conflict = ?', null);
      set('finished_at = ?', null);
      if (t.seen) set('seen_version = ?', JSON.stringify(t.seen));
    } else {
      set('finished_at = ?', at);
    }
    return durably(this.db, () =>
      this.db
        .transaction(() => {
          const changed = this.db
            .prepare(`UPDATE outbox SET ${sets.join(', ')} WHERE id = ? AND state = ? AND claimed_by IS ?`)
            .run(...values, action.id, action.state, action.row.claimed_by).changes;
          if (changed === 0) return null;
          effect?.(this.db);
          recomputeOverlay(this.db, action.profileId, action.target);
          return this.require(action.id);
        })
        .immediate(),
    );
  }

  /** A push is the user asking for "now": queued actions skip their backoff, but a server's Retry-After still holds. */
  skipBackoff(profileId: string, settleMs: number): void {
    this.dueNow(profileId, settleMs, "(last_error IS NULL OR json_extract(last_error, '$.code') != 'rate_limited')");
  }

  /**
   * Makes matching queued actions due now, except that an attempt that got no answer (it may still be
   * in progress at the server) is not looked at again before `settleMs` after it was sent.
   */
  private dueNow(profileId: string, settleMs: number, condition: string): void {
    const now = this.now();
    this.db
      .prepare(
        `UPDATE outbox SET next_attempt_at = CASE
             WHEN uncertain = 1 AND sent_at IS NOT NULL AND json_extract(last_error, '$.status') IS NULL
               THEN max(?, CAST(round((julianday(sent_at) - 2440587.5) * 86400000) AS INTEGER) + ?)
             ELSE ? END
         WHERE profile_id = ? AND state = 'queued' AND next_attempt_at > ? AND ${condition}`,
      )
      .run(now, settleMs, now, profileId, now);
  }

  /** The connection is back: what waited only for it goes now (other backoffs, and Retry-After, still hold). */
  connectionBack(profileId: string, settleMs: number): void {
    this.dueNow(profileId, settleMs, "json_extract(last_error, '$.code') = 'offline'");
  }

  /** Records whose stored copy a sync must not replace: an action on them is in flight or took effect after `since`. */
  protectedTargets(profileId: string, since: string): Set<string> {
    const rows = this.db
      .prepare(
        "SELECT DISTINCT target FROM outbox WHERE profile_id = ? AND kind != 'check_health' AND (state = 'sending' OR (state = 'done' AND finished_at >= ?))",
      )
      .all(profileId, since) as Array<{ target: string }>;
    return new Set(rows.map((r) => r.target));
  }
}
