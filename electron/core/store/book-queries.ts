/**
 * The Overview's numbers, counted in the local copy: channels per state (the narrow search table),
 * quality, messaging limit, action required and channels per client (one pass over the channels'
 * indexed columns), clients near their limit, balances read so far, and the daily counts the syncs
 * recorded (book_days). `recordDay` is what a sync calls inside its write transaction.
 */
import type Database from 'better-sqlite3';
import { type z } from 'zod';
import { BookDay, FUNNEL_STEPS, LOW_BALANCE_THRESHOLD, isNearLimit, type BookOverview, type ClientNearLimit } from '@shared/book';
import { DEFAULT_MAX_CHANNELS } from '@shared/outbox';
import {
  ACTION_HINT_IDS,
  CHANNEL_STATE_IDS,
  ChannelStateId,
  MESSAGING_LIMITS,
  NOT_AVAILABLE,
  QUALITY_RATINGS,
  type ActionHintId,
} from '@shared/status';

/** The documented values in their natural order (best quality first, smallest tier first). */
const QUALITY_ORDER = [...new Set(Object.values(QUALITY_RATINGS).map((rule) => rule.label))];
const LIMIT_ORDER = Object.values(MESSAGING_LIMITS);
import { parseJsonOr } from './json-column';
import { onWorkerOrHere } from '../workers/off-thread';

const DayCounts = BookDay.omit({ day: true });
type DayCounts = z.infer<typeof DayCounts>;

/** How many days of trend the Overview shows at most (a year of daily rows). */
const TREND_DAYS = 366;
const NEAR_LIMIT_SHOWN = 12;
const LOW_BALANCES_SHOWN = 12;

/** Computes the Overview somewhere else than this thread (search-index-host.ts). */
export type OverviewComputer = (profileId: string, asOf: string | null) => Promise<BookOverview>;

export class BookQueries {
  /** The last answer and what it was computed from: asked again with nothing changed, it is at hand. */
  private cached: { key: string; value: BookOverview } | null = null;

  constructor(private readonly db: Database.Database) {}

  /**
   * What the Overview depends on, read cheaply: the channels' generation (bumped by every change of a
   * channel row), the queue (a local limit change), the balances read and the last sync.
   */
  private versionOf(profileId: string, asOf: string | null): string {
    const row = this.db
      .prepare(
        `SELECT (SELECT generation FROM channel_generations WHERE profile_id = @p) AS g,
                (SELECT max(updated_at) FROM outbox WHERE profile_id = @p) AS o,
                (SELECT count(*) || ':' || ifnull(max(fetched_at), '') FROM balances WHERE profile_id = @p) AS b,
                (SELECT count(*) FROM book_days WHERE profile_id = @p) AS d`,
      )
      .get({ p: profileId }) as { g: number | null; o: string | null; b: string; d: number };
    return JSON.stringify([profileId, asOf, row.g, row.o, row.b, row.d]);
  }

  /** The day's counts as they are now (inside a sync's transaction: as it is about to commit them). */
  dayCounts(profileId: string): DayCounts {
    const byState = this.byState(profileId);
    const channels = Object.values(byState).reduce((sum, n) => sum + n, 0);
    const clients = this.db
      .prepare('SELECT count(*) FROM clients WHERE profile_id = ? AND removed_at IS NULL')
      .pluck()
      .get(profileId) as number;
    const needsAction = this.db
      .prepare('SELECT count(*) FROM channels WHERE profile_id = ? AND removed_at IS NULL AND action_required IS NOT NULL')
      .pluck()
      .get(profileId) as number;
    return { channels, clients, needsAction, byState };
  }

  /** Records (or replaces) the day's row; `at` is the sync's time, its UTC date names the day. */
  recordDay(profileId: string, at: string): void {
    const counts = this.dayCounts(profileId);
    this.db
      .prepare(
        `INSERT INTO book_days (profile_id, day, recorded_at, counts) VALUES (?, ?, ?, ?)
         ON CONFLICT (profile_id, day) DO UPDATE SET recorded_at = excluded.recorded_at, counts = excluded.counts`,
      )
      .run(profileId, at.slice(0, 10), at, JSON.stringify(counts));
  }

  trend(profileId: string): BookDay[] {
    const rows = this.db
      .prepare('SELECT day, counts FROM (SELECT day, counts FROM book_days WHERE profile_id = ? ORDER BY day DESC LIMIT ?) ORDER BY day')
      .all(profileId, TREND_DAYS) as Array<{ day: string; counts: string }>;
    return rows.flatMap((row) => {
      const parsed = DayCounts.safeParse(parseJsonOr(row.counts, null));
      return parsed.success ? [{ day: row.day, ...parsed.data }] : [];
    });
  }

  /**
   * The Overview: at hand when nothing it depends on changed (a few ms); else computed by `elsewhere`
   * (the search index worker: ~0.3-1.4 s for 50,000 channels that would otherwise block the thread
   * answering the window after every sync), or here when there is no worker (the CLI) or it failed.
   * The key is read before computing: a change meanwhile only means the next ask computes again.
   */
  async overview(profileId: string, asOf: string | null, elsewhere?: OverviewComputer): Promise<BookOverview> {
    const key = this.versionOf(profileId, asOf);
    if (this.cached?.key === key) return this.cached.value;
    const value = await onWorkerOrHere(elsewhere ? () => elsewhere(profileId, asOf) : null, () => this.computeOverview(profileId, asOf));
    this.cached = { key, value };
    return value;
  }

  /** The Overview from the tables, on this connection's thread (the worker calls this). */
  computeOverview(profileId: string, asOf: string | null): BookOverview {
    const byState = this.byState(profileId);
    const quality = new Map<string, number>();
    const limits = new Map<string, number>();
    const actions = new Map<string, number>();
    const perClient = new Map<string, number>();
    let needsAction = 0;
    // One pass over the indexed columns (no raw JSON is parsed): the aggregates in plain JS.
    const rows = this.db
      .prepare(
        'SELECT client_id, quality_rating, messaging_limit, action_required FROM channels WHERE profile_id = ? AND removed_at IS NULL',
      )
      .raw()
      .iterate(profileId) as Iterable<[string | null, string | null, string | null, string | null]>;
    for (const [clientId, rating, limit, action] of rows) {
      bump(quality, rating ?? NOT_AVAILABLE);
      bump(limits, limit ?? NOT_AVAILABLE);
      if (action !== null) {
        needsAction += 1;
        bump(actions, action);
      }
      if (clientId !== null) bump(perClient, clientId);
    }
    const channels = Object.values(byState).reduce((sum, n) => sum + n, 0);
    // Limits from a narrow index (migration 8); names only for the few clients shown.
    const clientLimits = this.db
      .prepare('SELECT id, max_channels FROM clients WHERE profile_id = ? AND removed_at IS NULL')
      .raw()
      .all(profileId) as Array<[string, number | null]>;
    const near: ClientNearLimit[] = [];
    for (const [id, max] of clientLimits) {
      const used = perClient.get(id) ?? 0;
      const maxChannels = max ?? DEFAULT_MAX_CHANNELS;
      if (used > 0 && isNearLimit(used, maxChannels)) near.push({ clientId: id, name: id, channels: used, maxChannels });
    }
    const clients = { length: clientLimits.length };
    near.sort(
      (a, b) =>
        a.maxChannels - a.channels - (b.maxChannels - b.channels) || b.channels - a.channels || a.clientId.localeCompare(b.clientId),
    );
    const shown = near.slice(0, NEAR_LIMIT_SHOWN);
    const nameOf = this.db.prepare('SELECT coalesce(organisation, name) FROM clients WHERE profile_id = ? AND id = ?').pluck();
    for (const client of shown) client.name = (nameOf.get(profileId, client.clientId) as string | undefined) ?? client.clientId;
    // The closest first; among equals, by name.
    shown.sort(
      (a, b) => a.maxChannels - a.channels - (b.maxChannels - b.channels) || b.channels - a.channels || a.name.localeCompare(b.name),
    );
    return {
      asOf,
      channels,
      clients: clients.length,
      needsAction,
      byState: CHANNEL_STATE_IDS.filter((state) => (byState[state] ?? 0) > 0).map((state) => ({ state, count: byState[state] ?? 0 })),
      funnel: FUNNEL_STEPS.map((step) => ({
        step: step.id,
        label: step.label,
        states: [...step.states],
        count: step.states.reduce((sum, state) => sum + (byState[state] ?? 0), 0),
      })),
      quality: sortedCounts(quality, QUALITY_ORDER),
      messagingLimit: sortedCounts(limits, LIMIT_ORDER),
      actions: ACTION_HINT_IDS.filter((id) => (actions.get(id) ?? 0) > 0).map((id: ActionHintId) => ({ id, count: actions.get(id) ?? 0 })),
      nearLimit: { total: near.length, items: shown },
      balances: this.balances(profileId),
      trend: this.trend(profileId),
    };
  }

  private byState(profileId: string): Record<string, number> {
    const rows = this.db
      .prepare('SELECT state, count(*) AS n FROM channel_search WHERE profile_id = ? AND removed = 0 GROUP BY state')
      .all(profileId) as Array<{ state: string; n: number }>;
    const counts: Record<string, number> = {};
    // A state this version does not know (written by a newer one) is counted as unknown, as the list shows it.
    for (const row of rows) {
      const state = ChannelStateId.safeParse(row.state).success ? row.state : 'unknown';
      counts[state] = (counts[state] ?? 0) + row.n;
    }
    return counts;
  }

  private balances(profileId: string): BookOverview['balances'] {
    const known = this.db
      .prepare('SELECT count(*) FROM balances WHERE profile_id = ? AND available = 1 AND balance IS NOT NULL')
      .pluck()
      .get(profileId) as number;
    const low = this.db
      .prepare(
        `SELECT b.client_id AS clientId, coalesce(k.organisation, k.name, b.client_id) AS name, b.balance AS balance, b.currency AS currency, b.fetched_at AS fetchedAt
         FROM balances b JOIN clients k ON k.profile_id = b.profile_id AND k.id = b.client_id AND k.removed_at IS NULL
         WHERE b.profile_id = ? AND b.available = 1 AND b.balance IS NOT NULL AND b.balance <= ?
         ORDER BY b.balance, name LIMIT ?`,
      )
      .all(profileId, LOW_BALANCE_THRESHOLD, LOW_BALANCES_SHOWN) as BookOverview['balances']['low'];
    return { known, low, threshold: LOW_BALANCE_THRESHOLD };
  }
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Documented values in their order, then undocumented ones by size, then "Not available" (the absence of a value). */
function sortedCounts(map: Map<string, number>, order: readonly string[]): Array<{ label: string; count: number }> {
  const rank = (label: string) =>
    label === NOT_AVAILABLE ? order.length + 1 : order.includes(label) ? order.indexOf(label) : order.length;
  return [...map]
    .map(([label, count]) => ({ label, count }))
    .sort((a, b) => rank(a.label) - rank(b.label) || b.count - a.count || a.label.localeCompare(b.label));
}
