/**
 * Bulk actions, a channel's history and the selection's plumbing through the contract, against a
 * simulated Hub over HTTP: one confirmation for a selection, one outbox action per record, each sent
 * exactly once; what was skipped and why; the history of a cancelled channel (queued, sent, done,
 * then the status change the next sync saw), in order.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelListItem } from '@shared/accounts';
import { hits, startOutboxFixture, type OutboxFixture } from '../outbox/outbox-fixture';

const cancelPath = (clientId: string, channelId: string) => `/clients/${clientId}/channels/${channelId}/control/cancellation_request`;

describe('bulk actions through the outbox', () => {
  let f: OutboxFixture;
  beforeEach(async () => {
    f = await startOutboxFixture({ hub: { clients: 12, channels: 40, seed: 11 } });
  });
  afterEach(() => f.dispose());

  it('cancels three channels: one confirmation listing them, three queued actions, each sent once', async () => {
    const three = f.channels(3);
    const request = { kind: 'cancel_channel' as const, channelIds: three.map((c) => c.id) };
    const preview = await f.call('actions.bulkPreview', { request });
    expect(preview.title).toBe('Request cancellation of 3 channels');
    expect(preview.confirmationRequired).toBe(true);
    expect(preview.items.map((i) => [i.id, i.status])).toEqual(three.map((c) => [c.id, 'ready']));
    for (const [index, channel] of three.entries()) expect(preview.items[index]?.label).toContain(channel.client.name);

    // Without the confirmation nothing is queued.
    const refused = await f.raw('actions.bulk', { request, confirmed: false });
    expect(refused.ok).toBe(false);
    expect((await f.call('outbox.list', {})).counts.queued).toBe(0);

    const result = await f.call('actions.bulk', { request, confirmed: true });
    expect(result).toMatchObject({ queued: 3, alreadyQueued: 0, skipped: [], summary: '3 cancellations queued.' });
    const listed = await f.call('outbox.list', {});
    expect(
      listed.items
        .filter((a) => a.kind === 'cancel_channel')
        .map((a) => a.target.id)
        .sort(),
    ).toEqual(three.map((c) => c.id).sort());
    // The list shows each one's overlay at once.
    const page = await f.call('channels.list', { ids: three.map((c) => c.id) });
    expect(page.items.map((c: ChannelListItem) => c.pending?.label)).toEqual([
      'Cancellation queued',
      'Cancellation queued',
      'Cancellation queued',
    ]);

    expect((await f.call('outbox.push', {})).counts).toMatchObject({ done: 3, queued: 0 });
    await f.call('outbox.push', {});
    for (const channel of three) expect(hits(f.hub, cancelPath(channel.client_id, channel.id))).toEqual({ sent: 1, applied: 1 });

    // Again: all three are pending deletion now, so all are skipped, with the reason, and nothing is queued.
    const again = await f.call('actions.bulk', { request, confirmed: true });
    expect(again.queued).toBe(0);
    expect(again.skipped.map((i) => i.id).sort()).toEqual(three.map((c) => c.id).sort());
    expect(again.summary).toBe('0 cancellations queued; 3 skipped: already pending deletion (3).');
  });

  it('tells queued from skipped in one selection, and queues nothing twice', async () => {
    const [a, b] = f.channels(2);
    await f.call('actions.cancelChannel', { channelId: a!.id, confirmed: true });
    const result = await f.call('actions.bulk', {
      request: { kind: 'cancel_channel', channelIds: [a!.id, b!.id, 'no-such-channel'] },
      confirmed: true,
    });
    expect(result.queued).toBe(1);
    expect(result.alreadyQueued).toBe(1);
    expect(result.skipped).toEqual([expect.objectContaining({ id: 'no-such-channel', status: 'skipped' })]);
    expect(result.summary).toBe('1 cancellation queued; 1 already in the outbox; 1 skipped: not in the local copy (1).');
    expect((await f.call('outbox.list', {})).counts.queued).toBe(2);
  });

  it('sets the channel limit of several clients, skipping one whose limit is already that', async () => {
    const clients = f.hub.state.listClients().slice(0, 3);
    f.hub.state.setMaxChannels(clients[0]!.id, 6);
    await f.core.accounts.syncNow();
    const request = { kind: 'set_max_channels' as const, clientIds: clients.map((c) => c.id), maxChannels: 6 };
    const preview = await f.call('actions.bulkPreview', { request });
    expect(preview.items.map((i) => i.status)).toEqual(['skipped', 'ready', 'ready']);
    const result = await f.call('actions.bulk', { request, confirmed: true });
    expect(result.queued).toBe(2);
    expect(result.summary).toBe('2 limit changes queued; 1 skipped: the limit is already that (1).');
    await f.call('outbox.push', {});
    for (const client of clients) expect(f.hub.state.getClient(client.id)?.max_channels).toBe(6);
  });

  it("keeps a channel's history: the action queued, sent and done, then the status change a sync saw", async () => {
    const [channel] = f.channels(1);
    await f.call('actions.bulk', { request: { kind: 'cancel_channel', channelIds: [channel!.id] }, confirmed: true });
    const queued = await f.call('channels.history', { id: channel!.id });
    const action = queued.items.find((e) => e.kind === 'action');
    expect(action).toMatchObject({ kind: 'action', action: 'cancel_channel', state: 'queued', sentAt: null, scope: 'channel' });

    await f.call('outbox.push', {});
    // A colleague changes the quality in the Hub; the next sync notices it.
    f.hub.state.updateChannel(channel!.id, { current_quality_rating: 'RED' });
    expect((await f.core.accounts.syncNow()).state).toBe('succeeded');
    const history = await f.call('channels.history', { id: channel!.id });
    const sent = history.items.find((e) => e.kind === 'action');
    expect(sent).toMatchObject({ state: 'done', sentAt: expect.any(String), finishedAt: expect.any(String) });
    const status = history.items.find((e) => e.kind === 'status');
    expect(status?.kind === 'status' && status.changes.map((c) => c.field)).toContain('qualityRating');
    // Newest first: the sync's note comes before the action it followed.
    expect(history.items.findIndex((e) => e.kind === 'status')).toBeLessThan(history.items.findIndex((e) => e.kind === 'action'));
    expect(history.items.at(-1)).toMatchObject({ kind: 'hub', event: 'created' });
    expect(history.watchingSince).not.toBeNull();

    // The client's own actions belong to the channel's story too.
    await f.call('actions.setMaxChannels', { clientId: channel!.client_id, maxChannels: 9, confirmed: true });
    const withClient = await f.call('channels.history', { id: channel!.id });
    expect(withClient.items.find((e) => e.kind === 'action' && e.action === 'set_max_channels')).toMatchObject({
      state: 'queued',
      scope: 'client',
      detail: expect.stringContaining('→ 9'),
    });
  });

  it('marks read the notifications of a selection, and only theirs', async () => {
    const [a, b, c] = f.channels(3);
    for (const channel of [a!, b!, c!])
      f.hub.state.updateChannel(channel.id, { current_quality_rating: channel.current_quality_rating === 'RED' ? 'GREEN' : 'RED' });
    await f.core.accounts.syncNow();
    const before = await f.call('notifications.list', { unreadOnly: true });
    expect(before.unread).toBeGreaterThanOrEqual(3);
    const after = await f.call('notifications.markRead', { channelIds: [a!.id, b!.id] });
    expect(after.unread).toBe(before.unread - 2);
    const unread = await f.call('notifications.list', { unreadOnly: true });
    expect(unread.items.map((n) => n.channelId)).toContain(c!.id);
    expect(unread.items.map((n) => n.channelId)).not.toContain(a!.id);
  });

  it('selects all of a filtered list in its order, and counts several lists at once', async () => {
    const query = { states: ['live' as const], sort: 'display_name' as const, direction: 'desc' as const };
    const page = await f.call('channels.list', { ...query, limit: 1000 });
    const ids = await f.call('channels.ids', { query });
    expect(ids.total).toBe(page.total);
    expect(ids.items.map(([id]) => id)).toEqual(page.items.map((c) => c.id));
    expect(ids.items.map(([, clientId]) => clientId)).toEqual(page.items.map((c) => c.clientId));
    const capped = await f.call('channels.ids', { query, max: 2 });
    expect(capped).toMatchObject({ total: page.total });
    expect(capped.items).toHaveLength(2);

    const queries = [
      {},
      { states: ['live' as const] },
      { actionRequired: true },
      { search: 'gmbh' },
      { ids: ids.items.slice(0, 3).map(([id]) => id) },
    ];
    const { totals } = await f.call('channels.counts', { queries });
    for (const [index, q] of queries.entries()) expect(totals[index]).toBe((await f.call('channels.list', { ...q, limit: 1 })).total);
  });
});

describe('the clients list', () => {
  let f: OutboxFixture;
  beforeEach(async () => {
    f = await startOutboxFixture({ hub: { clients: 12, channels: 40, seed: 11 } });
  });
  afterEach(() => f.dispose());

  it('finds a client by one of its WhatsApp numbers, however it is typed, and counts its channels that need action', async () => {
    const page = await f.call('channels.list', { limit: 100 });
    const channel = page.items.find((c) => c.phoneE164 && c.clientId);
    if (!channel?.phoneE164) throw new Error('no channel with a number');
    const digits = channel.phoneE164.replace(/\D/g, '');
    for (const typed of [`+${digits}`, `+${digits.slice(0, 2)} ${digits.slice(2, 5)} ${digits.slice(5)}`]) {
      const found = await f.call('clients.list', { search: typed });
      expect(
        found.items.map((c) => c.id),
        typed,
      ).toContain(channel.clientId);
    }
    const client = (await f.call('clients.list', { limit: 100 })).items.find((c) => c.id === channel.clientId);
    const needing = (await f.call('channels.list', { clientId: channel.clientId ?? '', actionRequired: true, limit: 1 })).total;
    expect(client?.needsAction).toBe(needing);
  });
});
