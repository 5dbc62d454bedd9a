/**
 * How the outbox reads a misbehaving hub (over real HTTP): 429 waits as long as Retry-After says,
 * 5xx bursts are retried after reading the server's state (never applied twice), a 401 pauses the
 * queue until the user signs in again, a 404 fails the action with the server's words, and a sync
 * whose listing was read before an action took effect does not put the old state back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { deriveChannelStatus } from '@shared/status';
import { hits, startOutboxFixture, waitFor, type OutboxFixture } from './outbox-fixture';

let f: OutboxFixture;
afterEach(() => f.dispose());

const cancelPath = (c: { id: string; client_id: string }) => `/clients/${c.client_id}/channels/${c.id}/control/cancellation_request`;
const open = async () => (await f.call('outbox.list', { openOnly: true })).items;

describe('retry: 429 and 5xx', () => {
  it('429: waits as long as Retry-After says (a push does not skip it), then sends once', async () => {
    f = await startOutboxFixture();
    const [channel] = f.channels(1);
    f.hub.faults.set({ rateLimitBurst: { count: 1, path: 'cancellation_request', retryAfterSeconds: 7 } });
    await f.call('actions.cancelChannel', { channelId: channel!.id, confirmed: true });
    await f.call('outbox.push', {});
    const [waiting] = await open();
    expect(waiting).toMatchObject({ state: 'queued', attempts: 1, lastError: { code: 'rate_limited', status: 429 } });
    expect(Date.parse(waiting!.nextAttemptAt!) - Date.parse(waiting!.updatedAt)).toBeGreaterThanOrEqual(7_000);

    expect((await f.call('outbox.push', {})).attempted).toBe(0);
    expect(hits(f.hub, cancelPath(channel!))).toEqual({ sent: 1, applied: 0 });
    f.advance(7_000);
    expect((await f.call('outbox.push', {})).counts.done).toBe(1);
    expect(hits(f.hub, cancelPath(channel!))).toEqual({ sent: 2, applied: 1 });
  });

  it('429 with the background runner: its timer sends the action when Retry-After has passed', async () => {
    f = await startOutboxFixture({ core: { backgroundOutbox: true } });
    const [channel] = f.channels(1);
    f.hub.faults.set({ rateLimitBurst: { count: 1, path: 'cancellation_request', retryAfterSeconds: 1 } });
    await f.call('actions.cancelChannel', { channelId: channel!.id, confirmed: true });
    await waitFor(() => f.core.outbox.status().counts.done === 1, 'the timer to send the action');
    const [first, second] = f.hub.stats.mutationsTo(cancelPath(channel!));
    expect([first?.status, second?.status]).toEqual([429, 200]);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(1_000);
  });

  it('500 bursts on a cancellation: retried with backoff, the channel read before each resend, applied once', async () => {
    f = await startOutboxFixture();
    const [channel] = f.channels(1);
    f.hub.faults.set({ serverErrors: { count: 2, path: 'cancellation_request', status: 500 } });
    await f.call('actions.cancelChannel', { channelId: channel!.id, confirmed: true });
    await f.call('outbox.push', {});
    const [after500] = await open();
    expect(after500).toMatchObject({ state: 'queued', lastError: { code: 'server_error', status: 500 }, canCancel: false });
    expect(Date.parse(after500!.nextAttemptAt!)).toBeGreaterThan(Date.parse(after500!.updatedAt));
    const readsBefore = f.hub.stats.count('GET', '/api/v2/partners/:pid/channels');
    await f.call('outbox.push', {});
    await f.call('outbox.push', {});
    expect((await f.call('outbox.list', {})).items[0]?.state).toBe('done');
    expect(hits(f.hub, cancelPath(channel!))).toEqual({ sent: 3, applied: 1 });
    expect(f.hub.stats.count('GET', '/api/v2/partners/:pid/channels') - readsBefore).toBe(2);
  });

  it('502/503 bursts on a limit: retried, applied once', async () => {
    f = await startOutboxFixture();
    const client = f.clientWith(1);
    f.hub.faults.set({ serverErrors: { count: 2, method: 'PATCH', status: 503 } });
    await f.call('actions.setMaxChannels', { clientId: client.id, maxChannels: client.max + 1 });
    for (let i = 0; i < 3; i += 1) await f.call('outbox.push', {});
    expect(hits(f.hub, `/clients/${client.id}`, 'PATCH')).toEqual({ sent: 3, applied: 1 });
    expect(f.hub.state.getClient(client.id)?.max_channels).toBe(client.max + 1);
  });

  it('a 500 on a key generation is an unknown outcome: never resent on its own; Retry generates deliberately', async () => {
    f = await startOutboxFixture();
    const [channel] = f.channels(1);
    f.hub.faults.set({ serverErrors: { count: 1, path: 'api_keys', status: 500 } });
    const action = await f.call('actions.generateApiKey', { channelId: channel!.id, confirmed: true });
    await f.call('outbox.push', {});
    const [failed] = await open();
    expect(failed).toMatchObject({ id: action.id, state: 'failed', canRetry: true, lastError: { code: 'unknown_outcome' } });
    expect(failed?.lastError?.message).toMatch(/not sent again automatically/);
    await f.call('outbox.push', {});
    expect(hits(f.hub, `/channels/${channel!.id}/api_keys`)).toEqual({ sent: 1, applied: 0 });

    await f.call('outbox.retry', { id: action.id });
    f.advance(31_000); // the documented 1-per-30-s window of the first attempt (client-side quota)
    expect((await f.call('outbox.push', {})).counts.done).toBe(1);
    expect(hits(f.hub, `/channels/${channel!.id}/api_keys`)).toEqual({ sent: 2, applied: 1 });
  });
});

describe('requests that got no answer', () => {
  it('are looked at again only once the server can no longer be carrying them out (the settle time)', async () => {
    f = await startOutboxFixture({ core: { outboxSettleMs: 60_000 } });
    const [dropped, interrupted] = f.channels(2);
    f.hub.stats.reset();
    // A connection dropped after the request was sent: the Hub may act on it a moment later.
    f.hub.faults.set({ offline: true });
    await f.call('actions.cancelChannel', { channelId: dropped!.id, confirmed: true });
    await f.call('outbox.push', {});
    f.hub.faults.reset();
    const [waiting] = await open();
    expect(waiting).toMatchObject({ state: 'queued', canCancel: false, lastError: { code: 'offline' } });
    expect(Date.parse(waiting!.nextAttemptAt!) - Date.parse(waiting!.updatedAt)).toBeGreaterThanOrEqual(59_000);
    // A process killed while sending.
    const action = await f.call('actions.cancelChannel', { channelId: interrupted!.id, confirmed: true });
    f.core.db
      .prepare("UPDATE outbox SET state = 'sending', claimed_by = 'killed-runner', sent_at = ? WHERE id = ?")
      .run(new Date(Date.now()).toISOString(), action.id);
    await f.restart({ outboxSettleMs: 60_000 });

    expect((await f.call('outbox.push', {})).attempted).toBe(0);
    expect(f.hub.stats.total - f.hub.stats.count('GET', '/api/v2/partners/:pid')).toBe(0);
    f.advance(60_000);
    expect((await f.call('outbox.push', {})).counts).toMatchObject({ queued: 0, sending: 0, done: 2 });
    expect(hits(f.hub, cancelPath(dropped!))).toEqual({ sent: 1, applied: 1 });
    expect(hits(f.hub, cancelPath(interrupted!))).toEqual({ sent: 1, applied: 1 });
  });
});

describe('401, 404 and the user', () => {
  it('a 401 mid-queue pauses the queue and asks to sign in again; signing in resumes it; each action applied once', async () => {
    f = await startOutboxFixture();
    const [cancelCh, keyCh] = f.channels(2);
    const client = f.clientWith(1);
    f.hub.faults.set({ unauthorized: { count: 1, path: `/channels/${keyCh!.id}/api_keys` } });
    await f.call('actions.cancelChannel', { channelId: cancelCh!.id, confirmed: true });
    await f.call('actions.generateApiKey', { channelId: keyCh!.id, confirmed: true });
    await f.call('actions.setMaxChannels', { clientId: client.id, maxChannels: client.max + 1 });
    const pushed = await f.call('outbox.push', {});
    expect(pushed.paused).toMatchObject({ code: 'unauthorized' });
    expect(pushed.paused?.message).toMatch(/sign in again/);
    expect(pushed.message).toMatch(/paused/);
    expect(pushed.counts).toMatchObject({ queued: 1, failed: 0 });

    expect((await f.core.outbox.runner.flush()).attempted).toBe(0); // paused: nothing goes on its own
    await f.call('session.signIn', { method: 'api_key', partnerId: f.hub.partnerId, apiKey: f.hub.apiKey });
    expect(f.core.outbox.status().paused).toBeNull();
    f.advance(31_000); // the refused attempt used the channel's 1-per-30-s key quota (client-side)
    expect((await f.call('outbox.push', {})).counts).toMatchObject({ queued: 0, done: 3 });
    expect(hits(f.hub, cancelPath(cancelCh!)).applied).toBe(1);
    expect(hits(f.hub, `/channels/${keyCh!.id}/api_keys`)).toEqual({ sent: 2, applied: 1 });
    expect(hits(f.hub, `/clients/${client.id}`, 'PATCH').applied).toBe(1);
  });

  it("an unknown channel: 404 fails the action with the server's message", async () => {
    f = await startOutboxFixture();
    const [channel] = f.channels(1);
    f.hub.state.removeChannel(channel!.id); // gone on the server; the local copy still lists it
    await f.call('actions.cancelChannel', { channelId: channel!.id, confirmed: true });
    const pushed = await f.call('outbox.push', {});
    const [item] = await open();
    expect(item).toMatchObject({ state: 'failed', canRetry: true, canCancel: true, lastError: { code: 'not_found', status: 404 } });
    expect(item?.lastError?.serverMessage).toMatch(new RegExp(`Channel ${channel!.id} not found`));
    expect(item?.lastError?.message).toContain(item!.lastError!.serverMessage!);
    expect(pushed.message).toContain(item!.lastError!.serverMessage!);
    expect((await f.call('channels.get', { id: channel!.id })).channel.pending).toBeNull();
    expect(await f.call('outbox.cancel', { id: item!.id })).toMatchObject({ state: 'cancelled' });
  });

  it('a queued action cancelled by the user is never sent; a done one cannot be cancelled', async () => {
    f = await startOutboxFixture();
    const [channel, other] = f.channels(2);
    f.hub.faults.set({ offline: true });
    const action = await f.call('actions.cancelChannel', { channelId: channel!.id, confirmed: true });
    expect(action.canCancel).toBe(true);
    expect(await f.call('outbox.cancel', { id: action.id })).toMatchObject({ state: 'cancelled', canCancel: false, canRetry: false });
    expect((await f.call('channels.get', { id: channel!.id })).channel.pending).toBeNull();
    f.hub.faults.reset();
    const done = await f.call('actions.cancelChannel', { channelId: other!.id, confirmed: true });
    await f.call('outbox.push', {});
    expect(hits(f.hub, cancelPath(channel!)).sent).toBe(0);
    expect(await f.raw('outbox.cancel', { id: done.id })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe('the sync and the outbox', () => {
  it("a sync keeps a queued action's overlay and writes the server's truth underneath", async () => {
    f = await startOutboxFixture();
    const [channel] = f.channels(1);
    const before = (await f.call('channels.get', { id: channel!.id })).channel.status.state.id;
    await f.call('actions.cancelChannel', { channelId: channel!.id, confirmed: true });
    f.hub.state.updateChannel(channel!.id, { current_quality_rating: 'RED' });
    expect((await f.core.accounts.syncNow()).state).toBe('succeeded');
    const shown = (await f.call('channels.get', { id: channel!.id })).channel;
    expect(shown.pending).toMatchObject({ label: 'Cancellation queued', state: 'queued' });
    expect(shown.status.state.id).toBe(before);
    expect(shown.status.qualityRating).toEqual(deriveChannelStatus(f.hub.state.getChannel(channel!.id)).qualityRating);
    expect((await open())[0]?.state).toBe('queued');
  });

  it('a listing read before an action took effect does not put the old state back', async () => {
    let hold: Promise<void> | null = null;
    let release = (): void => undefined;
    const gated: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (hold && /\/channels\?.*offset=/.test(String(input))) await hold; // the listing is read, not yet written
      return response;
    };
    f = await startOutboxFixture({ core: { fetch: gated } });
    const [channel] = f.channels(1);
    hold = new Promise((resolve) => (release = resolve));
    const sync = f.core.accounts.syncNow();
    await waitFor(() => f.hub.stats.count('GET', '/api/v2/partners/:pid/channels') > 0, 'the listing to be read');
    const action = await f.call('actions.cancelChannel', { channelId: channel!.id, confirmed: true });
    await f.core.outbox.runner.flush(); // sent while the sync holds its listing, read before the cancellation
    expect((await f.call('channels.get', { id: channel!.id })).channel.status.state.id).toBe('pending_deletion');
    release();
    expect((await sync).state).toBe('succeeded');
    expect((await f.call('outbox.list', {})).items.find((a) => a.id === action.id)?.state).toBe('done');
    expect((await f.call('channels.get', { id: channel!.id })).channel.status.state.id).toBe('pending_deletion');
    hold = null;
    expect((await f.core.accounts.syncNow()).state).toBe('succeeded');
    expect((await f.call('channels.get', { id: channel!.id })).channel.status.state.id).toBe('pending_deletion');
  });

  it('a successful sync flushes the queue at once, whatever the backoff (background runner)', async () => {
    f = await startOutboxFixture({ core: { backgroundOutbox: true } });
    const [channel] = f.channels(1);
    f.hub.faults.set({ offline: true });
    await f.call('actions.cancelChannel', { channelId: channel!.id, confirmed: true });
    await waitFor(() => f.core.outbox.status().online === false, 'the runner to notice it is offline');
    f.hub.faults.reset(); // no signal: only the sync's success tells the runner the connection is back
    const events: string[] = [];
    f.core.events.on('outbox.changed', (s) => events.push(`${s.counts.queued}/${s.counts.done}`));
    expect((await f.core.accounts.syncNow()).state).toBe('succeeded');
    await waitFor(() => f.core.outbox.status().counts.done === 1, 'the after-sync flush');
    expect(hits(f.hub, cancelPath(channel!))).toEqual({ sent: 1, applied: 1 });
    expect(events.at(-1)).toBe('0/1');
  });

  it('the OS network signal flushes the queue', async () => {
    f = await startOutboxFixture({ core: { backgroundOutbox: true } });
    const [channel] = f.channels(1);
    f.hub.faults.set({ offline: true });
    await f.call('actions.cancelChannel', { channelId: channel!.id, confirmed: true });
    await waitFor(() => f.core.outbox.status().online === false, 'the runner to notice it is offline');
    f.hub.faults.reset();
    await f.call('session.networkChanged', { online: true });
    await waitFor(() => f.core.outbox.status().counts.done === 1, 'the flush after the network came back');
    expect(hits(f.hub, cancelPath(channel!)).applied).toBe(1);
  });
});
