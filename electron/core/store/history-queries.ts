/**
 * A channel's history from what the store already keeps: the notifications a sync wrote about it
 * (status changes, appearing, disappearing), the outbox rows of actions on it or on its client (queued,
 * sent, settled), and the Hub's own created_at and modified_at. Read newest first, merged, capped.
 */
import type Database from 'better-sqlite3';
import type { ChannelHistory, HistoryEntry } from '@shared/history';
import { ActionError } from '@shared/outbox';
import { parseAction } from '../outbox/outbox-rows';
import { NotificationStore } from './notification-store';
import { parseJsonOr } from './json-column';

export class HistoryQueries {
  private readonly notifications: NotificationStore;

  constructor(private readonly db: Database.Database) {
    this.notifications = new NotificationStore(db);
  }

  channel(profileId: string, channelId: string, limit: number): ChannelHistory | null {
    const channel = this.db
      .prepare('SELECT client_id, created_at, modified_at FROM channels WHERE profile_id = ? AND id = ?')
      .get(profileId, channelId) as { client_id: string | null; created_at: string | null; modified_at: string | null } | undefined;
    if (!channel) return null;
    const entries: HistoryEntry[] = [];
    // One more than asked: tells whether the list was cut.
    for (const n of this.notifications.forChannel(profileId, channelId, limit + 1)) {
      entries.push({ kind: 'status', at: n.createdAt, notificationId: n.id, title: n.title, body: n.body, changes: n.changes });
    }
    const targets = [`channel:${channelId}`, ...(channel.client_id ? [`client:${channel.client_id}`] : [])];
    const rows = this.db
      .prepare(
        `SELECT * FROM outbox WHERE profile_id = ? AND target IN (${targets.map(() => '?').join(', ')}) AND kind != 'check_health' ORDER BY seq DESC LIMIT ?`,
      )
      .all(profileId, ...targets, limit + 1);
    for (const raw of rows) {
      const action = parseAction(raw);
      const error = ActionError.safeParse(parseJsonOr(action.row.last_error, null));
      entries.push({
        kind: 'action',
        at: action.row.created_at,
        actionId: action.id,
        action: action.kind,
        state: action.state,
        scope: action.target.startsWith('client:') ? 'client' : 'channel',
        title: action.payload?.title ?? action.kind,
        detail: action.payload?.detail ?? null,
        sentAt: action.row.sent_at,
        finishedAt: action.row.finished_at,
        outcome:
          action.state === 'done'
            ? (action.result?.outcome ?? null)
            : action.state === 'conflict'
              ? (action.conflict?.message ?? null)
              : null,
        error: action.state === 'failed' && error.success ? error.data.message : null,
      });
    }
    if (channel.modified_at && channel.modified_at !== channel.created_at)
      entries.push({ kind: 'hub', at: channel.modified_at, event: 'modified' });
    if (channel.created_at) entries.push({ kind: 'hub', at: channel.created_at, event: 'created' });
    // ISO-8601 UTC strings of the same shape sort as text; the Hub's may lack milliseconds, so compare as times.
    entries.sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || order(a) - order(b));
    const watchingSince = this.db
      .prepare("SELECT min(finished_at) FROM sync_runs WHERE profile_id = ? AND status = 'succeeded'")
      .pluck()
      .get(profileId);
    return {
      channelId,
      items: entries.slice(0, limit),
      truncated: entries.length > limit,
      watchingSince: typeof watchingSince === 'string' ? watchingSince : null,
    };
  }
}

/** At the same moment: what the app did before what the Hub reports. */
function order(entry: HistoryEntry): number {
  return entry.kind === 'action' ? 0 : entry.kind === 'status' ? 1 : 2;
}
