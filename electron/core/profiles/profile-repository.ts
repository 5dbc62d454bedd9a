/**
 * Partner profiles: which partner, which hub, which auth method. Never the credential itself,
 * which lives only in the keychain under the profile's id.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { AuthMethod } from '@shared/contract';

export const ProfileRow = z.object({
  id: z.string(),
  partner_id: z.string(),
  label: z.string(),
  auth_method: AuthMethod,
  hub_url: z.string(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
});
export type ProfileRow = z.infer<typeof ProfileRow>;

const ACTIVE_PROFILE_KEY = 'active_profile_id';

export class ProfileRepository {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => number,
  ) {}

  list(): ProfileRow[] {
    const rows = this.db.prepare('SELECT * FROM profiles ORDER BY COALESCE(last_used_at, created_at) DESC').all();
    return rows.map((row) => ProfileRow.parse(row));
  }

  get(id: string): ProfileRow | null {
    const row = this.db.prepare('SELECT * FROM profiles WHERE id = ?').get(id);
    return row ? ProfileRow.parse(row) : null;
  }

  find(partnerId: string, hubUrl: string, authMethod: AuthMethod): ProfileRow | null {
    const row = this.db
      .prepare('SELECT * FROM profiles WHERE partner_id = ? AND hub_url = ? AND auth_method = ?')
      .get(partnerId, hubUrl, authMethod);
    return row ? ProfileRow.parse(row) : null;
  }

  /** Creates the profile, or returns the existing one for the same partner, hub and method. */
  upsert(input: { id?: string; partnerId: string; hubUrl: string; authMethod: AuthMethod; label: string }): ProfileRow {
    const existing = this.find(input.partnerId, input.hubUrl, input.authMethod);
    if (existing) {
      this.db.prepare('UPDATE profiles SET label = ? WHERE id = ?').run(input.label, existing.id);
      return { ...existing, label: input.label };
    }
    const row: ProfileRow = {
      id: input.id ?? randomUUID(),
      partner_id: input.partnerId,
      label: input.label,
      auth_method: input.authMethod,
      hub_url: input.hubUrl,
      created_at: new Date(this.now()).toISOString(),
      last_used_at: null,
    };
    this.db
      .prepare(
        `INSERT INTO profiles (id, partner_id, label, auth_method, hub_url, created_at, last_used_at)
         VALUES (@id, @partner_id, @label, @auth_method, @hub_url, @created_at, @last_used_at)`,
      )
      .run(row);
    return row;
  }

  setLabel(id: string, label: string): void {
    this.db.prepare('UPDATE profiles SET label = ? WHERE id = ?').run(label, id);
  }

  delete(id: string): void {
    this.db
      .transaction(() => {
        this.db.prepare('DELETE FROM profiles WHERE id = ?').run(id);
        if (this.activeId() === id) this.db.prepare('DELETE FROM settings WHERE key = ?').run(ACTIVE_PROFILE_KEY);
      })
      .immediate();
  }

  activeId(): string | null {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(ACTIVE_PROFILE_KEY);
    const parsed = z.object({ value: z.string() }).safeParse(row);
    return parsed.success ? parsed.data.value : null;
  }

  setActive(id: string | null): void {
    this.db
      .transaction(() => {
        if (id === null) {
          this.db.prepare('DELETE FROM settings WHERE key = ?').run(ACTIVE_PROFILE_KEY);
          return;
        }
        this.db
          .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
          .run(ACTIVE_PROFILE_KEY, id);
        this.db.prepare('UPDATE profiles SET last_used_at = ? WHERE id = ?').run(new Date(this.now()).toISOString(), id);
      })
      .immediate();
  }
}
