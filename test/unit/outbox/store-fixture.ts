/** A real SQLite database (all migrations) with one profile, and a clock the test moves. */
import path from 'node:path';
import type Database from 'better-sqlite3';
import { openDatabase } from '@core/store/database';
import { OutboxStore } from '@core/outbox';
import type { ActionPayload } from '@core/outbox/outbox-rows';
import type { NewAction } from '@core/outbox/outbox-store';
import { makeTempDir } from '../../helpers/temp-dir';

export interface StoreFixture {
  db: Database.Database;
  store: OutboxStore;
  clock: { now: number };
  profileId: string;
  cancel(channelId: string): NewAction;
  limit(clientId: string, maxChannels: number, seen?: number): NewAction;
  close(): void;
}

export function storeFixture(): StoreFixture {
  const tmp = makeTempDir('partner-desk-outbox-unit-');
  const db = openDatabase(path.join(tmp.dir, 'db.sqlite'));
  db.prepare(
    "INSERT INTO profiles (id, partner_id, label, auth_method, hub_url, created_at) VALUES ('p1', 'demoPA', 'Demo', 'api_key', 'http://x', '2026-01-01')",
  ).run();
  const clock = { now: Date.parse('2026-03-01T10:00:00.000Z') };
  const payload = (p: ActionPayload): ActionPayload => p;
  return {
    db,
    clock,
    profileId: 'p1',
    store: new OutboxStore(db, () => clock.now),
    cancel: (channelId) => ({
      profileId: 'p1',
      kind: 'cancel_channel',
      target: `channel:${channelId}`,
      payload: payload({ kind: 'cancel_channel', channelId, clientId: 'c1', title: `Cancel ${channelId}`, detail: null }),
      seen: { modifiedAt: null, terminatedAt: null },
    }),
    limit: (clientId, maxChannels, seen = 2) => ({
      profileId: 'p1',
      kind: 'set_max_channels',
      target: `client:${clientId}`,
      payload: payload({ kind: 'set_max_channels', clientId, maxChannels, title: `Limit of ${clientId}`, detail: null }),
      seen: { modifiedAt: null, maxChannels: seen },
    }),
    close() {
      db.close();
      tmp.cleanup();
    },
  };
}
