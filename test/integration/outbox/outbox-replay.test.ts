/**
 * The outbox through the contract against the simulated hub over real HTTP: actions queued offline
 * survive a restart and reach the server exactly once (the hub counts), list items carry the
 * optimistic overlay until the action resolves, the sync never undoes it, changes made elsewhere
 * become conflicts with both values, and what needs confirmation is refused without it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hits, startOutboxFixture, type OutboxFixture } from './outbox-fixture';
import { formatPhone } from '@shared/format/phone';

let f: OutboxFixture;
beforeEach(async () => {
  f = await startOutboxFixture();
});
afterEach(() => f.dispose());

const cancelPath = (clientId: string, channelId: string) => `/clients/${clientId}/channels/${channelId}/control/cancellation_request`;

describe('offline, restart, online', () => {
  it('queues three actions offline, keeps them across a restart, and sends each exactly once when online', async () => {
    const [cancelCh, keyCh] = f.channels(2);
    const client = f.clientWith(1);
    const limit = client.max + 3;
    f.hub.faults.set({ offline: true });

    const queued = [
      await f.call('actions.cancelChannel', { channelId: cancelCh!.id, confirmed: true }),
      await f.call('actions.setMaxChannels', { clientId: client.id, maxChannels: limit }),
      await f.call('actions.generateApiKey', { channelId: keyCh!.id, confirmed: true }),
    ];
    expect(queued.map((a) => a.state)).toEqual(['queued', 'queued', 'queued']);

    // The optimistic effect shows at once; the synced fields stay the server's.
    const channel = await f.call('channels.get', { id: cancelCh!.id });
    expect(channel.channel.pending).toMatchObject({
      kind: 'cancel_channel',
      state: 'queued',
      label: 'Cancellation queued',
      actionId: queued[0]!.id,
    });
    expect(channel.channel.status.state.id).not.toBe('pending_deletion');
    const before = await f.call('clients.get', { id: client.id });
    expect(before).toMatchObject({
      maxChannels: client.max,
      pending: { kind: 'set_max_channels', maxChannels: limit, label: `Channel limit ${limit} queued` },
    });
    const listed = await f.call('channels.list', { search: cancelCh!.id });
    expect(listed.items[0]?.pending?.label).toBe('Cancellation queued');

    const offline = await f.call('outbox.push', {});
    expect(offline).toMatchObject({ counts: { queued: 3, done: 0 }, online: false });
    expect(offline.message).toMatch(/wait for the connection/);
    expect(f.hub.stats.mutations).toHaveLength(0);

    await f.restart();
    const kept = await f.call('outbox.list', { openOnly: true });
    expect(kept.items.map((a) => a.id).sort()).toEqual(queued.map((a) => a.id).sort());
    expect((await f.call('clients.get', { id: client.id })).pending?.maxChannels).toBe(limit);

    f.hub.faults.reset();
    const pushed = await f.call('outbox.push', {});
    expect(pushed.counts).toMatchObject({ queued: 0, sending: 0, done: 3, failed: 0, conflict: 0 });
    expect(pushed.message).toMatch(/queue is empty/);
    expect(hits(f.hub, cancelPath(cancelCh!.client_id, cancelCh!.id))).toEqual({ sent: 1, applied: 1 });
    expect(hits(f.hub, `/clients/${client.id}`, 'PATCH')).toEqual({ sent: 1, applied: 1 });
    expect(hits(f.hub, `/channels/${keyCh!.id}/api_keys`)).toEqual({ sent: 1, applied: 1 });

    // The records were refreshed from the answers and the overlays dropped.
    const after = await f.call('channels.get', { id: cancelCh!.id });
    expect(after.channel.status.state.id).toBe('pending_deletion');
    expect(after.channel.pending).toBeNull();
    expect(await f.call('clients.get', { id: client.id })).toMatchObject({ maxChannels: limit, pending: null });
    expect(f.hub.state.getClient(client.id)?.max_channels).toBe(limit);
    expect(await f.secrets.get(`profile:${f.profileId}:channel:${keyCh!.id}:api-key`)).toBe(f.hub.state.currentApiKey(keyCh!.id));
    expect(await f.call('channels.apiKey', { channelId: keyCh!.id })).toMatchObject({ present: true, address: `${f.server.url}/waba-v2` });

    // Nothing is ever sent twice.
    await f.call('outbox.push', {});
    await f.restart();
    await f.call('outbox.push', {});
    expect(f.hub.stats.mutations).toHaveLength(3);
  });

  it("replays a record's actions in creation order and holds later ones behind a conflict", async () => {
    const client = f.clientWith(1);
    const [channel] = f.channels(1);
    f.hub.faults.set({ offline: true });
    const first = await f.call('actions.setMaxChannels', { clientId: client.id, maxChannels: client.max + 1 });
    f.hub.faults.reset();
    await f.call('outbox.push', {}); // sends it
    f.hub.faults.set({ offline: true });
    const key = await f.call('actions.generateApiKey', { channelId: channel!.id, confirmed: true });
    const cancel = await f.call('actions.cancelChannel', { channelId: channel!.id, confirmed: true });
    f.hub.faults.reset();
    await f.call('outbox.push', {});
    const order = f.hub.stats.mutations
      .filter((m) => m.path.includes(channel!.id))
      .map((m) => (m.path.endsWith('api_keys') ? 'key' : 'cancel'));
    expect(order).toEqual(['key', 'cancel']);
    const states = (await f.call('outbox.list', {})).items.filter((a) => [first.id, key.id, cancel.id].includes(a.id)).map((a) => a.state);
    expect(states).toEqual(['done', 'done', 'done']);
  });
});

describe('conflicts: the server changed meanwhile', () => {
  it('a channel cancelled elsewhere: the sync makes the queued cancellation a conflict, nothing is sent, it can be discarded', async () => {
    const [channel] = f.channels(1);
    f.hub.faults.set({ offline: true });
    const action = await f.call('actions.cancelChannel', { channelId: channel!.id, confirmed: true });
    f.hub.state.cancelChannel(channel!.id); // as if in the Client Hub
    f.hub.faults.reset();
    expect((await f.core.accounts.syncNow()).state).toBe('succeeded');

    const [item] = (await f.call('outbox.list', { openOnly: true })).items;
    expect(item).toMatchObject({ id: action.id, state: 'conflict', canRetry: false, canCancel: true });
    expect(item?.conflict).toMatchObject({
      field: 'terminated_at',
      queued: 'cancellation requested',
      server: f.hub.state.getChannel(channel!.id)?.terminated_at,
      retryable: false,
    });
    expect(item?.conflict?.message).toMatch(/already pending deletion \(since \d{1,2} [A-Z][a-z]{2} \d{4}\)/);
    const shown = await f.call('channels.get', { id: channel!.id });
    expect(shown.channel.status.state.id).toBe('pending_deletion');
    expect(shown.channel.pending).toMatchObject({ state: 'conflict' });

    await f.call('outbox.push', {});
    expect((await f.raw('outbox.retry', { id: action.id })).ok).toBe(false);
    expect(await f.call('outbox.cancel', { id: action.id })).toMatchObject({ state: 'cancelled' });
    expect((await f.call('channels.get', { id: channel!.id })).channel.pending).toBeNull();
    expect(hits(f.hub, cancelPath(channel!.client_id, channel!.id)).sent).toBe(0);
  });

  it('a channel cancelled elsewhere without a sync in between: the Hub refuses, its state shows why: a conflict', async () => {
    const [channel] = f.channels(1);
    const action = await f.call('actions.cancelChannel', { channelId: channel!.id, confirmed: true });
    f.hub.state.cancelChannel(channel!.id);
    await f.call('outbox.push', {});
    const [item] = (await f.call('outbox.list', { openOnly: true })).items;
    expect(item).toMatchObject({ id: action.id, state: 'conflict' });
    expect(hits(f.hub, cancelPath(channel!.client_id, channel!.id))).toEqual({ sent: 1, applied: 0 });
  });

  it('a limit changed elsewhere: a conflict showing both values, nothing sent; retry sends it anyway, once', async () => {
    const client = f.clientWith(1);
    const mine = client.max + 2;
    const theirs = client.max + 5;
    const action = await f.call('actions.setMaxChannels', { clientId: client.id, maxChannels: mine });
    f.hub.state.setMaxChannels(client.id, theirs);
    await f.call('outbox.push', {});
    const [item] = (await f.call('outbox.list', { openOnly: true })).items;
    expect(item).toMatchObject({ id: action.id, state: 'conflict', canRetry: true });
    expect(item?.conflict).toMatchObject({
      field: 'max_channels',
      queued: String(mine),
      server: String(theirs),
      seen: String(client.max),
      retryable: true,
    });
    expect(hits(f.hub, `/clients/${client.id}`, 'PATCH').sent).toBe(0);
    expect((await f.call('clients.get', { id: client.id })).pending).toMatchObject({ state: 'conflict', maxChannels: mine });

    expect(await f.call('outbox.retry', { id: action.id })).toMatchObject({ state: 'queued' });
    const pushed = await f.call('outbox.push', {});
    expect(pushed.counts.conflict).toBe(0);
    expect(hits(f.hub, `/clients/${client.id}`, 'PATCH')).toEqual({ sent: 1, applied: 1 });
    expect(f.hub.state.getClient(client.id)?.max_channels).toBe(mine);
  });
});

describe('confirmation and validation', () => {
  it("refuses a limit below the client's channel count without confirmation, and non-numeric or out-of-range limits", async () => {
    const client = f.clientWith(2);
    const below = client.channels - 1;
    const refused = await f.raw('actions.setMaxChannels', { clientId: client.id, maxChannels: below });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!refused.ok && refused.error.message).toMatch(
      new RegExp(`already has ${client.channels} channels, more than the new limit of ${below}.*confirmation`),
    );
    const preview = await f.call('actions.preview', { kind: 'set_max_channels', clientId: client.id, maxChannels: below });
    expect(preview).toMatchObject({ confirmationRequired: true });
    expect(preview.message).toMatch(/below the number of channels the client already has/);

    for (const [value, message] of [
      ['3', /must be a number/],
      [2.5, /whole number/],
      [0, /at least 1/],
      [-4, /at least 1/],
      [null, /must be a number/],
    ] as const) {
      const result = await f.raw('actions.setMaxChannels', { clientId: client.id, maxChannels: value });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(!result.ok && result.error.message).toMatch(message);
    }
    expect((await f.call('outbox.list', {})).items).toEqual([]);

    const confirmed = await f.call('actions.setMaxChannels', { clientId: client.id, maxChannels: below, confirmed: true });
    expect(confirmed.state).toBe('queued');
    expect(confirmed.detail).toBe(`${client.max} → ${below}`);
  });

  it('a cancellation and a new key need a confirmation naming the client, the number and the consequence', async () => {
    const [channel] = f.channels(1);
    const local = (await f.call('channels.get', { id: channel!.id })).channel;
    const cancel = await f.raw('actions.cancelChannel', { channelId: channel!.id });
    // The number as the cards show it, grouped.
    const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const number = formatPhone({ raw: local.phoneNumber, e164: local.phoneE164 }) ?? '';
    expect(number).toMatch(/^\+\d+ \d/);
    expect(!cancel.ok && cancel.error.message).toMatch(
      new RegExp(`${escape(number)}.*${escape(local.companyName ?? '')}.*pending deletion`),
    );
    const key = await f.raw('actions.generateApiKey', { channelId: channel!.id });
    expect(!key.ok && key.error.message).toMatch(/revokes every existing key of this number/);
    expect((await f.call('outbox.list', {})).items).toEqual([]);
    const unknown = await f.raw('actions.cancelChannel', { channelId: 'doesNotExistCH', confirmed: true });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('queueing the same request twice keeps one action; a new limit replaces a queued one', async () => {
    const [channel] = f.channels(1);
    const client = f.clientWith(1);
    const a = await f.call('actions.cancelChannel', { channelId: channel!.id, confirmed: true });
    const b = await f.call('actions.cancelChannel', { channelId: channel!.id, confirmed: true });
    expect(b.id).toBe(a.id);
    const first = await f.call('actions.setMaxChannels', { clientId: client.id, maxChannels: client.max + 1 });
    const second = await f.call('actions.setMaxChannels', { clientId: client.id, maxChannels: client.max + 4 });
    const items = (await f.call('outbox.list', {})).items;
    expect(items.find((i) => i.id === first.id)?.state).toBe('cancelled');
    expect(second.detail).toBe(`${client.max} → ${client.max + 4}`);
    await f.call('outbox.push', {});
    expect(hits(f.hub, `/clients/${client.id}`, 'PATCH')).toEqual({ sent: 1, applied: 1 });
    expect(f.hub.state.getClient(client.id)?.max_channels).toBe(client.max + 4);
  });
});

describe('notifications', () => {
  it('a confirmed cancellation is news like any status change: "Channel state: … → Pending deletion"', async () => {
    const [channel] = f.channels(1);
    const before = (await f.call('channels.get', { id: channel!.id })).channel.status.state.label;
    const seen: string[] = [];
    f.core.events.on('notifications.changed', ({ profileId }) => seen.push(profileId));
    await f.call('actions.cancelChannel', { channelId: channel!.id, confirmed: true });
    expect((await f.call('outbox.push', {})).counts.done).toBe(1);
    const page = await f.call('notifications.list', {});
    const note = page.items.find((n) => n.channelId === channel!.id);
    expect(note?.body).toContain(`Channel state: ${before} → Pending deletion`);
    expect(page.unread).toBeGreaterThanOrEqual(1);
    await Promise.resolve();
    expect(seen).toContain(f.profileId);
    // The next sync sees the same state: no second notification.
    await f.call('sync.now', {});
    expect((await f.call('notifications.list', {})).items.filter((n) => n.channelId === channel!.id)).toHaveLength(1);
  });
});
