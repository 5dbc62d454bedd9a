/**
 * Generated channel API keys: the key itself only in the keychain (never SQLite, logs, output or the
 * contract); its metadata (key id, the messaging `address` to use it with, app id, when) in SQLite,
 * since the address is not secret and health checks need it. A fingerprint (a short hash) tells
 * whether the keychain holds a given key without ever storing the key anywhere else.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { ApiKeyInfo } from '@shared/outbox';
import { secretAccounts, type SecretStore } from '../secrets/secret-store';
import type { KeyMeta } from './outbox-rows';

export function fingerprintOf(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

const MetaRow = z.object({
  channel_id: z.string(),
  key_id: z.string().nullable(),
  address: z.string(),
  app_id: z.string().nullable(),
  generated_at: z.string(),
});

export interface ChannelKeyMeta {
  channelId: string;
  keyId: string | null;
  address: string;
  appId: string | null;
  generatedAt: string;
}

export class ChannelKeyStore {
  constructor(
    private readonly db: Database.Database,
    private readonly secrets: SecretStore,
  ) {}

  meta(profileId: string, channelId: string): ChannelKeyMeta | null {
    const row = MetaRow.safeParse(
      this.db
        .prepare('SELECT channel_id, key_id, address, app_id, generated_at FROM channel_keys WHERE profile_id = ? AND channel_id = ?')
        .get(profileId, channelId),
    );
    if (!row.success) return null;
    return {
      channelId: row.data.channel_id,
      keyId: row.data.key_id,
      address: row.data.address,
      appId: row.data.app_id,
      generatedAt: row.data.generated_at,
    };
  }

  /** Call inside the transaction that marks the generating action done. */
  writeMeta(db: Database.Database, profileId: string, channelId: string, meta: KeyMeta, generatedAt: string, actionId: string): void {
    db.prepare(
      `INSERT INTO channel_keys (profile_id, channel_id, key_id, address, app_id, generated_at, action_id) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (profile_id, channel_id) DO UPDATE SET key_id = excluded.key_id, address = excluded.address, app_id = excluded.app_id,
         generated_at = excluded.generated_at, action_id = excluded.action_id`,
    ).run(profileId, channelId, meta.keyId, meta.address, meta.appId, generatedAt, actionId);
  }

  key(profileId: string, channelId: string): Promise<string | null> {
    return this.secrets.get(secretAccounts.channelApiKey(profileId, channelId));
  }

  storeKey(profileId: string, channelId: string, key: string): Promise<void> {
    return this.secrets.set(secretAccounts.channelApiKey(profileId, channelId), key);
  }

  async info(profileId: string, channelId: string): Promise<ApiKeyInfo> {
    const meta = this.meta(profileId, channelId);
    const present = (await this.key(profileId, channelId)) !== null;
    return {
      channelId,
      present,
      address: meta?.address ?? null,
      keyId: meta?.keyId ?? null,
      appId: meta?.appId ?? null,
      generatedAt: meta?.generatedAt ?? null,
    };
  }
}
