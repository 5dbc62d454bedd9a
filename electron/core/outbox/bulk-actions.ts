/**
 * Bulk actions on a selection: every record goes through the same preparation as a single action
 * (the same checks, the same "already queued" and "nothing to change"), and each one that can be
 * done becomes its own outbox action. They are queued in transactions of a few hundred with the
 * event loop free in between, announced once and summed up in one sentence.
 */
import type Database from 'better-sqlite3';
import { isAppError } from '@shared/errors';
import type { BulkItem, BulkPreview, BulkRequest, BulkResult } from '@shared/bulk';
import { formatCount, formatPhone } from '@shared/format';
import type { ActionRequests, PreparedAction } from './action-requests';
import type { LocalRecords } from './local-records';
import { durably, type OutboxStore } from './outbox-store';

export interface BulkDeps {
  db: Database.Database;
  store: OutboxStore;
  requests: ActionRequests;
  records: LocalRecords;
  /** After the selection was queued: announce the outbox's change once and let the runner send. */
  queued(profileId: string): void;
}

/** Records queued per transaction; between two, the thread answers the window. */
const BULK_CHUNK = 250;

interface Prepared {
  item: BulkItem;
  prepared: PreparedAction | null;
}

export class BulkActions {
  constructor(private readonly deps: BulkDeps) {}

  /** What the selection would queue; read in parts with the event loop free in between, like `run`. */
  async preview(profileId: string, request: BulkRequest): Promise<BulkPreview> {
    const ids = [...new Set(request.kind === 'cancel_channel' ? request.channelIds : request.clientIds)];
    const prepared: Prepared[] = [];
    for (let start = 0; start < ids.length; start += BULK_CHUNK) {
      if (start > 0) await new Promise((resolve) => setImmediate(resolve));
      const chunk = ids.slice(start, start + BULK_CHUNK);
      prepared.push(
        ...this.prepareAll(
          profileId,
          request.kind === 'cancel_channel' ? { ...request, channelIds: chunk } : { ...request, clientIds: chunk },
        ),
      );
    }
    const items = prepared.map((p) => p.item);
    const ready = items.filter((item) => item.status === 'ready').length;
    const cancel = request.kind === 'cancel_channel';
    const noun = cancel ? plural(ready, 'channel') : plural(ready, 'client');
    const title = cancel ? `Request cancellation of ${noun}` : `Set the channel limit of ${noun} to ${request.maxChannels}`;
    const below = !cancel && prepared.some((p) => p.prepared?.preview.confirmationRequired === true && p.item.status === 'ready');
    const message = cancel
      ? `Each number becomes "pending deletion": it keeps sending and receiving messages until it is deleted at the end of the current month, and then its billing stops. Partner Desk cannot undo this. Each cancellation is its own action in the outbox, sent once the connection allows.`
      : `Each client's maximum number of channels becomes ${request.maxChannels}.${below ? ' Some clients already have more channels than that; their existing channels stay, but they cannot add new ones.' : ''} Each change is its own action in the outbox.`;
    return { kind: request.kind, title, message, items, ready, confirmationRequired: cancel || below };
  }

  /**
   * Queues the selection in transactions of BULK_CHUNK records with the event loop free in between
   * (5,000 records in one transaction held the thread that answers the window for ~1.7 s). Each
   * record is prepared again inside its transaction: what is queued is what the store says then. A
   * selection that needs confirmation is refused whole before anything is queued.
   */
  async run(profileId: string, request: BulkRequest, confirmed: boolean): Promise<BulkResult> {
    if (!confirmed && (await this.preview(profileId, request)).confirmationRequired) throw new ConfirmationNeeded();
    const ids = [...new Set(request.kind === 'cancel_channel' ? request.channelIds : request.clientIds)];
    const items: BulkItem[] = [];
    const actionIds: string[] = [];
    for (let start = 0; start < ids.length; start += BULK_CHUNK) {
      if (start > 0) await new Promise((resolve) => setImmediate(resolve));
      const chunk = ids.slice(start, start + BULK_CHUNK);
      const part = request.kind === 'cancel_channel' ? { ...request, channelIds: chunk } : { ...request, clientIds: chunk };
      durably(this.deps.db, () =>
        this.deps.db
          .transaction(() => {
            for (const { item, prepared: action } of this.prepareAll(profileId, part)) {
              items.push(item);
              if (item.status !== 'ready' || !action) continue;
              const old = action.supersedes;
              actionIds.push(
                this.deps.store.insert(action.action, old ? () => this.deps.store.transition(old, { to: 'cancelled' }) : undefined).id,
              );
            }
          })
          .immediate(),
      );
    }
    if (actionIds.length > 0) this.deps.queued(profileId);
    const alreadyQueued = items.filter((item) => item.status === 'queued').length;
    const skipped = items.filter((item) => item.status === 'skipped');
    return {
      kind: request.kind,
      queued: actionIds.length,
      alreadyQueued,
      skipped,
      actionIds,
      summary: summarise(request.kind, actionIds.length, alreadyQueued, skipped),
    };
  }

  private prepareAll(profileId: string, request: BulkRequest): Prepared[] {
    const ids = [...new Set(request.kind === 'cancel_channel' ? request.channelIds : request.clientIds)];
    return ids.map((id) => {
      const label = request.kind === 'cancel_channel' ? this.channelLabel(profileId, id) : this.clientLabel(profileId, id);
      try {
        const prepared =
          request.kind === 'cancel_channel'
            ? this.deps.requests.cancelChannel(profileId, id)
            : this.deps.requests.setMaxChannels(profileId, id, request.maxChannels);
        if (prepared.existing) return { item: { id, label, status: 'queued', note: 'Already in the outbox' }, prepared: null };
        return { item: { id, label, status: 'ready', note: prepared.action.payload.detail }, prepared };
      } catch (error) {
        if (!isAppError(error)) throw error;
        return { item: { id, label, status: 'skipped', note: error.message }, prepared: null };
      }
    });
  }

  private channelLabel(profileId: string, id: string): string {
    const channel = this.deps.records.channel(profileId, id);
    if (!channel) return `Channel ${id}`;
    // The local record's number is E.164 where it could be read (else as the Hub sent it).
    const e164 = channel.phoneNumber?.startsWith('+') ? channel.phoneNumber : null;
    const number = formatPhone({ raw: channel.phoneNumber, e164 }) ?? `Channel ${id}`;
    return channel.companyName ? `${number} · ${channel.companyName}` : number;
  }

  private clientLabel(profileId: string, id: string): string {
    const client = this.deps.records.client(profileId, id);
    return client ? (client.organisation ?? client.name) : `Client ${id}`;
  }
}

/** Thrown inside the transaction so nothing is queued; the service turns it into the user's error. */
export class ConfirmationNeeded extends Error {
  constructor() {
    super('This needs your explicit confirmation.');
  }
}

function plural(n: number, noun: string): string {
  return `${formatCount(n)} ${noun}${n === 1 ? '' : 's'}`;
}

/** "3 cancellations queued; 1 already in the outbox; 2 skipped: already pending deletion (2)". */
export function summarise(kind: BulkRequest['kind'], queued: number, alreadyQueued: number, skipped: readonly BulkItem[]): string {
  const what =
    kind === 'cancel_channel' ? (queued === 1 ? 'cancellation' : 'cancellations') : queued === 1 ? 'limit change' : 'limit changes';
  const parts = [`${formatCount(queued)} ${what} queued`];
  if (alreadyQueued > 0) parts.push(`${formatCount(alreadyQueued)} already in the outbox`);
  if (skipped.length > 0) {
    // Reasons grouped by their first sentence's gist, so 200 "already pending deletion" read as one.
    const reasons = new Map<string, number>();
    for (const item of skipped) {
      const reason = reasonOf(item.note);
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    parts.push(`${formatCount(skipped.length)} skipped: ${[...reasons].map(([reason, n]) => `${reason} (${formatCount(n)})`).join(', ')}`);
  }
  return `${parts.join('; ')}.`;
}

function reasonOf(note: string | null): string {
  if (!note) return 'not possible';
  if (/already pending deletion/.test(note)) return 'already pending deletion';
  if (/no longer listed/.test(note)) return 'no longer listed by the Hub';
  if (/not in the local copy/.test(note)) return 'not in the local copy';
  if (/nothing to change/.test(note)) return 'the limit is already that';
  if (/has no client/.test(note)) return 'no client in the local copy';
  return note.replace(/\.$/, '');
}
