/** Cached balances and templates (tables from migration 2), read and replaced whole. */
import type Database from 'better-sqlite3';
import { z } from 'zod';

const BalanceRow = z.object({
  client_id: z.string(),
  available: z.number(),
  currency: z.string().nullable(),
  balance: z.number().nullable(),
  raw: z.string().nullable(),
  reason: z.string().nullable(),
  fetched_at: z.string(),
});
export type BalanceRow = z.infer<typeof BalanceRow>;

export interface TemplateRow {
  id: string;
  name: string;
  language: string;
  category: string | null;
  status: string | null;
  raw: string;
}

export class InsightsStore {
  constructor(private readonly db: Database.Database) {}

  balance(profileId: string, clientId: string): BalanceRow | null {
    const row = this.db.prepare('SELECT * FROM balances WHERE profile_id = ? AND client_id = ?').get(profileId, clientId);
    return row ? BalanceRow.parse(row) : null;
  }

  saveBalance(profileId: string, row: BalanceRow): void {
    this.db
      .prepare(
        `INSERT INTO balances (profile_id, client_id, available, currency, balance, raw, reason, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (profile_id, client_id) DO UPDATE SET available = excluded.available, currency = excluded.currency, balance = excluded.balance,
           raw = excluded.raw, reason = excluded.reason, fetched_at = excluded.fetched_at`,
      )
      .run(profileId, row.client_id, row.available, row.currency, row.balance, row.raw, row.reason, row.fetched_at);
  }

  templates(profileId: string, wabaAccountId: string): { fetchedAt: string | null; rows: TemplateRow[] } {
    const fetch = this.db
      .prepare('SELECT fetched_at FROM template_fetches WHERE profile_id = ? AND waba_account_id = ?')
      .get(profileId, wabaAccountId) as { fetched_at: string } | undefined;
    const rows = this.db
      .prepare(
        'SELECT id, name, language, category, status, raw FROM templates WHERE profile_id = ? AND waba_account_id = ? ORDER BY name, language',
      )
      .all(profileId, wabaAccountId) as TemplateRow[];
    return { fetchedAt: fetch?.fetched_at ?? null, rows };
  }

  /** Replaces a WABA's templates with a complete listing, in one transaction. */
  replaceTemplates(profileId: string, wabaAccountId: string, rows: readonly TemplateRow[], fetchedAt: string): void {
    this.db
      .transaction(() => {
        this.db.prepare('DELETE FROM templates WHERE profile_id = ? AND waba_account_id = ?').run(profileId, wabaAccountId);
        const insert = this.db.prepare(
          'INSERT OR REPLACE INTO templates (profile_id, waba_account_id, id, name, language, category, status, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        );
        for (const r of rows) insert.run(profileId, wabaAccountId, r.id, r.name, r.language, r.category, r.status, r.raw);
        this.db
          .prepare(
            'INSERT INTO template_fetches (profile_id, waba_account_id, fetched_at) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET fetched_at = excluded.fetched_at',
          )
          .run(profileId, wabaAccountId, fetchedAt);
      })
      .immediate();
  }

  /** Whether the local copy knows the client (removed ones included: their cached balance may still be shown). */
  hasClient(profileId: string, clientId: string): boolean {
    return this.db.prepare('SELECT 1 FROM clients WHERE profile_id = ? AND id = ?').pluck().get(profileId, clientId) !== undefined;
  }

  /** The synced channel's WABA (null: it has none yet), or null when the local copy does not know the channel. */
  channelWaba(profileId: string, channelId: string): { waba: string | null } | null {
    const row = this.db.prepare('SELECT waba_account_id FROM channels WHERE profile_id = ? AND id = ?').get(profileId, channelId) as
      { waba_account_id: string | null } | undefined;
    return row ? { waba: row.waba_account_id } : null;
  }

  /** Background refresh order: clients never fetched first, then the oldest. */
  /** Clients whose balance is missing, or older than `olderThan` (a balance) or `olderThan.unavailable` (none to have). */
  staleClients(profileId: string, olderThan: { available: string; unavailable: string }, limit: number): string[] {
    const rows = this.db
      .prepare(
        `SELECT k.id FROM clients k LEFT JOIN balances b ON b.profile_id = k.profile_id AND b.client_id = k.id
         WHERE k.profile_id = ? AND k.removed_at IS NULL
           AND (b.fetched_at IS NULL OR (b.available = 1 AND b.fetched_at < ?) OR (b.available = 0 AND b.fetched_at < ?))
         ORDER BY b.fetched_at IS NOT NULL, b.fetched_at LIMIT ?`,
      )
      .all(profileId, olderThan.available, olderThan.unavailable, limit) as Array<{ id: string }>;
    return rows.map((r) => r.id);
  }

  staleWabas(profileId: string, olderThan: string, limit: number): string[] {
    const rows = this.db
      .prepare(
        `SELECT DISTINCT c.waba_account_id AS id, f.fetched_at FROM channels c
         LEFT JOIN template_fetches f ON f.profile_id = c.profile_id AND f.waba_account_id = c.waba_account_id
         WHERE c.profile_id = ? AND c.removed_at IS NULL AND c.waba_account_id IS NOT NULL AND (f.fetched_at IS NULL OR f.fetched_at < ?)
         ORDER BY f.fetched_at IS NOT NULL, f.fetched_at LIMIT ?`,
      )
      .all(profileId, olderThan, limit) as Array<{ id: string }>;
    return rows.map((r) => r.id);
  }
}
