/**
 * The optimistic local effect of open actions: one overlay row per record (`channel:<id>`,
 * `client:<id>`), recomputed inside every transaction that changes an action on that record, so
 * list items show "Cancellation queued" at once and stop showing it the moment the action resolves.
 * The synced columns are never touched: a sync keeps writing the server's truth underneath.
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { PendingOverlay, type ActionKind } from '@shared/outbox';
import { parseAction, type StoredAction } from './outbox-rows';

/** Which open action a card shows when several are open on one record: the weightiest, then the latest. */
const WEIGHT: Record<ActionKind, number> = {
  cancel_channel: 3,
  withdraw_cancellation: 3,
  set_max_channels: 2,
  set_partner_settings: 2,
  set_partner_payload: 1,
  generate_api_key: 1,
  check_health: 0,
};

/** A tag as a label shows it: quoted, and cut short so a long one does not fill the card. */
function quoted(text: string): string {
  return text === '' ? 'removal' : `“${[...text].length > 24 ? `${[...text].slice(0, 23).join('')}…` : text}”`;
}

function label(action: StoredAction): string {
  const payload = action.payload;
  const when = action.state === 'queued' ? 'queued' : action.state === 'sending' ? 'being sent' : 'conflict';
  switch (payload?.kind) {
    case 'cancel_channel':
      return action.state === 'conflict' ? 'Cancellation: conflict' : `Cancellation ${when}`;
    case 'set_max_channels':
      return `Channel limit ${payload.maxChannels}${action.state === 'conflict' ? ': conflict' : ` ${when}`}`;
    case 'generate_api_key':
      return action.state === 'conflict' ? 'New API key: conflict' : `New API key ${when}`;
    case 'withdraw_cancellation':
      return action.state === 'conflict' ? 'Reactivation: conflict' : `Reactivation ${when}`;
    case 'set_partner_payload':
      return `Tag ${quoted(payload.partnerPayload)}${action.state === 'conflict' ? ': conflict' : ` ${when}`}`;
    case 'set_partner_settings':
      return action.state === 'conflict' ? 'Settings change: conflict' : `Settings change ${when}`;
    default:
      return `Action ${when}`;
  }
}

export function recomputeOverlay(db: Database.Database, profileId: string, target: string): void {
  const rows = db
    .prepare(
      "SELECT * FROM outbox WHERE profile_id = ? AND target = ? AND state IN ('queued', 'sending', 'conflict') AND kind != 'check_health' ORDER BY seq",
    )
    .all(profileId, target)
    .map(parseAction);
  const chosen = rows.reduce<StoredAction | null>((best, a) => (!best || WEIGHT[a.kind] >= WEIGHT[best.kind] ? a : best), null);
  if (!chosen) {
    db.prepare('DELETE FROM pending_effects WHERE profile_id = ? AND target = ?').run(profileId, target);
    return;
  }
  const value =
    chosen.payload?.kind === 'set_max_channels'
      ? JSON.stringify({ maxChannels: chosen.payload.maxChannels })
      : chosen.payload?.kind === 'set_partner_payload'
        ? JSON.stringify({ partnerPayload: chosen.payload.partnerPayload })
        : null;
  db.prepare(
    `INSERT INTO pending_effects (profile_id, target, action_id, kind, state, label, value) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (profile_id, target) DO UPDATE SET action_id = excluded.action_id, kind = excluded.kind, state = excluded.state,
       label = excluded.label, value = excluded.value`,
  ).run(profileId, target, chosen.id, chosen.kind, chosen.state, label(chosen), value);
}

const EffectRow = z.object({
  target: z.string(),
  action_id: z.string(),
  kind: z.string(),
  state: z.string(),
  label: z.string(),
  value: z.string().nullable(),
});
const EffectValue = z.object({ maxChannels: z.number().int().optional(), partnerPayload: z.string().optional() });

/** Overlays for a page of records, keyed by target (`channel:<id>`). */
export function overlaysFor(db: Database.Database, profileId: string, targets: readonly string[]): Map<string, PendingOverlay> {
  const result = new Map<string, PendingOverlay>();
  // Chunks stay far below SQLite's host-parameter limit even for a 1000-item page.
  for (let i = 0; i < targets.length; i += 500) {
    const chunk = targets.slice(i, i + 500);
    if (chunk.length === 0) continue;
    const rows = db
      .prepare(
        `SELECT target, action_id, kind, state, label, value FROM pending_effects WHERE profile_id = ? AND target IN (${chunk.map(() => '?').join(', ')})`,
      )
      .all(profileId, ...chunk);
    for (const raw of rows) {
      const row = EffectRow.safeParse(raw);
      if (!row.success) continue;
      let value: z.infer<typeof EffectValue> = {};
      if (row.data.value !== null) {
        try {
          value = EffectValue.safeParse(JSON.parse(row.data.value)).data ?? {};
        } catch {
          value = {};
        }
      }
      const overlay = PendingOverlay.safeParse({
        actionId: row.data.action_id,
        kind: row.data.kind,
        state: row.data.state,
        label: row.data.label,
        maxChannels: value.maxChannels ?? null,
        partnerPayload: value.partnerPayload ?? null,
      });
      if (overlay.success) result.set(row.data.target, overlay.data);
    }
  }
  return result;
}
