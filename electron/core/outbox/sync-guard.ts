/**
 * What the sync asks the outbox while it writes a listing:
 * - which records it must not replace: one an action is being sent for, or one an action changed
 *   after the listing was read (the listing would put the old state back, e.g. a channel just
 *   cancelled shown as live again until the next sync);
 * - after writing, inside the same transaction: whether the server's truth made an open action
 *   moot or wrong (a channel cancelled elsewhere, a limit changed elsewhere), which then becomes a
 *   conflict for the user, or done when the server already shows what the action wanted.
 * Queued actions keep their optimistic overlay whatever the sync writes underneath.
 */
import type { ListingGuard } from '../sync/write-listing';
import type { ActionHandler } from './action-handler';
import type { ActionKind } from '@shared/outbox';
import type { LocalRecords } from './local-records';
import { parseTarget, type StoredAction } from './outbox-rows';
import type { OutboxStore } from './outbox-store';

export interface SyncGuardDeps {
  store: OutboxStore;
  records: LocalRecords;
  handlers: Readonly<Record<ActionKind, ActionHandler>>;
  /** Called after the write transaction, with the number of actions the check moved on. */
  onChecked(profileId: string, changed: number): void;
}

export function createSyncGuard(deps: SyncGuardDeps): ListingGuard & { drain(profileId: string): number } {
  const pending = new Map<string, number>();

  /** The oldest open action of each record; later ones are checked when their turn comes. */
  function firstQueuedPerRecord(profileId: string): StoredAction[] {
    const seen = new Set<string>();
    const firsts: StoredAction[] = [];
    for (const type of ['channel', 'client'] as const) {
      for (const action of deps.store.queuedOn(profileId, type)) {
        if (seen.has(action.target)) continue;
        seen.add(action.target);
        const oldestOpen = deps.store.open(profileId, action.target)[0];
        if (oldestOpen?.id === action.id && !action.uncertain) firsts.push(action);
      }
    }
    return firsts;
  }

  return {
    protectedIds(profileId, resource, listedSince) {
      const type = resource === 'channels' ? 'channel' : 'client';
      const ids = new Set<string>();
      for (const key of deps.store.protectedTargets(profileId, listedSince)) {
        const target = parseTarget(key);
        if (target.type === type) ids.add(target.id);
      }
      return ids;
    },

    afterWrite(profileId) {
      let changed = 0;
      for (const action of firstQueuedPerRecord(profileId)) {
        const outcome = deps.handlers[action.kind].checkRecord?.(deps.records, action) ?? null;
        if (!outcome) continue;
        const moved =
          outcome.type === 'conflict'
            ? deps.store.transition(action, { to: 'conflict', conflict: outcome.conflict })
            : outcome.type === 'done'
              ? deps.store.transition(action, { to: 'done', result: { ...outcome.result, outcome: outcome.outcome } })
              : null;
        if (moved) changed += 1;
      }
      pending.set(profileId, (pending.get(profileId) ?? 0) + changed);
    },

    /** After the sync committed: report what the check did (events must not fire inside the transaction). */
    drain(profileId) {
      const changed = pending.get(profileId) ?? 0;
      pending.delete(profileId);
      deps.onChecked(profileId, changed);
      return changed;
    },
  };
}
