/** Persisted status-change notifications: what changed, for which client and channel, read or not. */
import type Database from 'better-sqlite3';
import { z } from 'zod';

export const NotificationChange = z.object({ field: z.string(), from: z.string().nullable(), to: z.string().nullable() });
export type NotificationChange = z.infer<typeof NotificationChange>;

export interface NewNotification {
  clientId: string | null;
  channelId: string | null;
  title: string;
  body: string;
  changes: NotificationChange[];
}

export interface StoredNotification extends NewNotification {
  id: number;
  createdAt: string;
  readAt: string | null;
}

const Row = z.object({
  id: z.number(),
  created_at: z.string(),
  client_id: z.string().nullable(),
  channel_id: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  changes: z.string(),
  read_at: z.string().nullable(),
});

function toNotification(row: unknown): StoredNotification {
  const r = Row.parse(row);
  let changes: NotificationChange[] = [];
  try {
    const parsed = z.array(NotificationChange).safeParse(JSON.parse(r.changes));
    if (parsed.success) changes = parsed.data;
  } catch {
    // A damaged changes column still leaves title and body readable.
  }
  return {
    id: r.id,
    createdAt: r.created_at,
    clientId: r.client_id,
    channelId: r.channel_id,
    title: r.title,
    body: r.body,
    changes,
    readAt: r.read_at,
  };
}

export class NotificationStore {
  constructor(private readonly db: Database.Database) {}

  /** Call inside the sync's transaction so notifications and the data they describe land together. */
  add(profileId: string, createdAt: string, notification: NewNotification): number {
    return Number(
      this.db
        .prepare(
          'INSERT INTO notifications (profile_id, created_at, client_id, channel_id, title, body, changes) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          profileId,
          createdAt,
          notification.clientId,
          notification.channelId,
          notification.title,
          notification.body,
          JSON.stringify(notification.changes),
        ).lastInsertRowid,
    );
  }

  list(profileId: string, options: { limit: number; beforeId?: number; unreadOnly?: boolean }): StoredNotification[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM notifications WHERE profile_id = ? AND (? IS NULL OR id < ?) AND (? = 0 OR read_at IS NULL)
         ORDER BY id DESC LIMIT ?`,
      )
      .all(profileId, options.beforeId ?? null, options.beforeId ?? null, options.unreadOnly ? 1 : 0, options.limit);
    return rows.map(toNotification);
  }

  /** A channel's notifications, newest first (its history; migration 8's index answers it). */
  forChannel(profileId: string, channelId: string, limit: number): StoredNotification[] {
    return this.db
      .prepare('SELECT * FROM notifications WHERE profile_id = ? AND channel_id = ? ORDER BY id DESC LIMIT ?')
      .all(profileId, channelId, limit)
      .map(toNotification);
  }

  unreadCount(profileId: string): number {
    const row = this.db.prepare('SELECT count(*) AS n FROM notifications WHERE profile_id = ? AND read_at IS NULL').get(profileId) as {
      n: number;
    };
    return row.n;
  }

  markRead(profileId: string, ids: readonly number[] | 'all' | { channelIds: readonly string[] }, readAt: string): number {
    if (typeof ids === 'object' && 'channelIds' in ids) {
      return this.db
        .prepare(
          'UPDATE notifications SET read_at = ? WHERE profile_id = ? AND read_at IS NULL AND channel_id IN (SELECT value FROM json_each(?))',
        )
        .run(readAt, profileId, JSON.stringify(ids.channelIds)).changes;
    }
    if (ids === 'all') {
      return this.db.prepare('UPDATE notifications SET read_at = ? WHERE profile_id = ? AND read_at IS NULL').run(readAt, profileId)
        .changes;
    }
    const mark = this.db.prepare('UPDATE notifications SET read_at = ? WHERE profile_id = ? AND id = ? AND read_at IS NULL');
    return this.db.transaction(() => ids.reduce((n, id) => n + mark.run(readAt, profileId, id).changes, 0)).immediate();
  }
}
