/**
 * The three client-lifecycle actions through the contract against the simulated hub over real HTTP:
 * withdrawing a cancellation, a client's tag (partner_payload) and the partner's webhook/redirect
 * URLs. Each: queued offline with its overlay, kept across a restart, sent exactly once when online
 * (the hub counts what it applied), resolved from the server's state after a crash instead of being
 * sent again, and a conflict with both values when the Hub's value changed meanwhile.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hits, startOutboxFixture, type OutboxFixture } from './outbox-fixture';

let f: OutboxFixture;
beforeEach(async () => {
  f = await startOutboxFixture();
});
afterEach(() => f.dispose());

const cancelPath = (clientId: string, channelId: string) => `/clients/${clientId}/channels/${channelId}/control/cancellation_request`;

/** Marks an action as being sent by a process that died (what a SIGKILL mid-request leaves behind). */
function interrupted(id: string): void {
  f.core.db
    .prepare("UPDATE outbox SET state = 'sending', claimed_by = 'dead-runner', attempts = 1, sent_at = ? WHERE id = ?")
    .run(new Date(Date.now() - 60_000).toISOString(), id);
}

/** A channel pending deletion (cancelled this month, as in the Client Hub), synced locally. */
async function pendingDeletion() {
  const [channel] = f.channels(1);
  f.hub.state.cancelChannel(channel!.id);
  expect((await f.core.accounts.syncNow()).state).toBe('succeeded');
  expect((await f.call('channels.get', { id: channel!.id })).channel.status.state.id).toBe('pending_deletion');
  return channel!;
}

describe('withdraw a cancellation', () => {
  it('offline: queued with its overlay, kept across a restart, sent exactly once when online; the channel is active again', async () => {
    const channel = await pendingDeletion();
    f.hub.faults.set({ offline: true });
    const preview = await f.call('actions.preview', { kind: 'withdraw_cancellation', channelId: channel.id });
    expect(preview).toMatchObject({
      confirmationRequired: true,
      message: expect.stringMatching(/stays active and is no longer deleted at the end of \w+ \d{4}; it goes on being billed/),
    });
    const action = await f.call('actions.withdrawCancellation', { channelId: channel.id, confirmed: true });
    expect(action).toMatchObject({ kind: 'withdraw_cancellation', state: 'queued', target: { type: 'channel', id: channel.id } });
    expect((await f.call('channels.get', { id: channel.id })).channel.pending).toMatchObject({
      kind: 'withdraw_cancellation',
      label: 'Reactivation queued',
    });
    // Asking again while it waits does not queue a second one.
    expect((await f.call('actions.withdrawCancellation', { channelId: channel.id, confirmed: true })).id).toBe(action.id);
    expect((await f.call('outbox.push', {})).online).toBe(false);

    await f.restart();
    expect((await f.call('outbox.list', { openOnly: true })).items.map((a) => a.id)).toEqual([action.id]);
    f.hub.faults.reset();
    expect((await f.call('outbox.push', {})).counts).toMatchObject({ done: 1, queued: 0 });
    expect(hits(f.hub, cancelPath(channel.client_id, channel.id))).toEqual({ sent: 1, applied: 1 });
    expect(f.hub.state.getChannel(channel.id)?.terminated_at).toBeNull();
    const after = await f.call('channels.get', { id: channel.id });
    expect(after.channel.status.state.id).not.toBe('pending_deletion');
    expect(after.channel.pending).toBeNull();
    expect((await f.call('outbox.list', {})).items[0]?.outcome).toMatch(/Cancellation withdrawn/);

    await f.call('outbox.push', {});
    await f.restart();
    await f.call('outbox.push', {});
    expect(hits(f.hub, cancelPath(channel.client_id, channel.id)).sent).toBe(1);
  });

  it('killed after the Hub withdrew it: resolved from terminated_at, nothing sent again; killed before: sent once', async () => {
    const took = await pendingDeletion();
    const [other] = f.channels(1, new Set([took.id]));
    f.hub.state.cancelChannel(other!.id);
    await f.core.accounts.syncNow();
    const first = await f.call('actions.withdrawCancellation', { channelId: took.id, confirmed: false }).catch(() => null);
    expect(first).toBeNull(); // refused without confirmation
    f.hub.faults.set({ offline: true });
    const a = await f.call('actions.withdrawCancellation', { channelId: took.id, confirmed: true });
    const b = await f.call('actions.withdrawCancellation', { channelId: other!.id, confirmed: true });
    interrupted(a.id);
    interrupted(b.id);
    f.hub.state.revokeCancellation(took.id); // the dead process's request had reached the Hub
    f.hub.faults.reset();
    f.hub.stats.reset();
    await f.restart();
    expect((await f.call('outbox.push', {})).counts).toMatchObject({ done: 2, sending: 0, queued: 0 });
    expect(hits(f.hub, cancelPath(took.client_id, took.id))).toEqual({ sent: 0, applied: 0 });
    expect(hits(f.hub, cancelPath(other!.client_id, other!.id))).toEqual({ sent: 1, applied: 1 });
    expect(f.hub.state.getChannel(other!.id)?.terminated_at).toBeNull();
  });

  it('withdrawn elsewhere meanwhile: the sync makes it a conflict, nothing is sent, it can only be discarded', async () => {
    const channel = await pendingDeletion();
    f.hub.faults.set({ offline: true });
    const action = await f.call('actions.withdrawCancellation', { channelId: channel.id, confirmed: true });
    f.hub.state.revokeCancellation(channel.id); // in the Client Hub
    f.hub.faults.reset();
    expect((await f.core.accounts.syncNow()).state).toBe('succeeded');
    const [item] = (await f.call('outbox.list', { openOnly: true })).items;
    expect(item).toMatchObject({
      id: action.id,
      state: 'conflict',
      canRetry: false,
      canCancel: true,
      conflict: { field: 'terminated_at', queued: 'cancellation withdrawn', retryable: false },
    });
    expect(item?.conflict?.message).toMatch(/no longer pending deletion; its cancellation was withdrawn elsewhere/);
    await f.call('outbox.push', {});
    expect(hits(f.hub, cancelPath(channel.client_id, channel.id)).sent).toBe(0);
    expect((await f.raw('outbox.retry', { id: action.id })).ok).toBe(false);
    expect(await f.call('outbox.cancel', { id: action.id })).toMatchObject({ state: 'cancelled' });
  });

  it('withdrawn elsewhere without a sync in between: the Hub refuses, the channel shows why: a conflict', async () => {
    const channel = await pendingDeletion();
    f.hub.faults.set({ offline: true });
    const action = await f.call('actions.withdrawCancellation', { channelId: channel.id, confirmed: true });
    f.hub.state.revokeCancellation(channel.id);
    f.hub.faults.reset();
    await f.call('outbox.push', {});
    expect((await f.call('outbox.list', {})).items.find((a) => a.id === action.id)).toMatchObject({
      state: 'conflict',
      conflict: { retryable: false },
    });
    expect(hits(f.hub, cancelPath(channel.client_id, channel.id))).toEqual({ sent: 1, applied: 0 });
  });

  it('refused up front for a channel not pending deletion, and once the month of the cancellation is over', async () => {
    const [live] = f.channels(1);
    const notPending = await f.raw('actions.preview', { kind: 'withdraw_cancellation', channelId: live!.id });
    expect(notPending).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/no cancellation request .* nothing to withdraw/) },
    });
    const channel = await pendingDeletion();
    const deadline = new Date(Date.parse(f.hub.state.getChannel(channel.id)!.terminated_at!));
    f.advance(Date.UTC(deadline.getUTCFullYear(), deadline.getUTCMonth() + 1, 2) - Date.now());
    const late = await f.raw('actions.withdrawCancellation', { channelId: channel.id, confirmed: true });
    expect(late).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/was due for deletion at the end of \w+ \d{4}/) },
    });
    expect((await f.call('outbox.list', {})).items).toEqual([]);
  });

  it("a withdrawal the Hub refuses after the month is over fails with the server's words", async () => {
    const channel = await pendingDeletion();
    const action = await f.call('actions.withdrawCancellation', { channelId: channel.id, confirmed: true });
    // Queued in time, sent too late (the hub's clock moves on; Partner Desk's does not).
    f.hub.clock.advance(40 * 86_400_000);
    await f.call('outbox.push', {});
    const done = (await f.call('outbox.list', {})).items.find((a) => a.id === action.id);
    expect(done).toMatchObject({
      state: 'failed',
      lastError: { status: 400, serverMessage: expect.stringMatching(/can no longer be reactivated/) },
    });
  });
});

describe("a client's tag (partner_payload)", () => {
  it('offline: the tag shows as queued, survives a restart, is sent once, and is searchable afterwards', async () => {
    const client = f.clientWith(1);
    const tag = 'crm-Ω-4711';
    f.hub.faults.set({ offline: true });
    const action = await f.call('actions.setPartnerPayload', { clientId: client.id, partnerPayload: tag });
    expect(action).toMatchObject({ kind: 'set_partner_payload', state: 'queued', detail: expect.stringContaining(`"${tag}"`) });
    expect(await f.call('clients.get', { id: client.id })).toMatchObject({
      pending: { kind: 'set_partner_payload', partnerPayload: tag, label: `Tag “${tag}” queued` },
    });
    await f.restart();
    f.hub.faults.reset();
    expect((await f.call('outbox.push', {})).counts.done).toBe(1);
    expect(hits(f.hub, `/clients/${client.id}`, 'PATCH')).toEqual({ sent: 1, applied: 1 });
    expect(f.hub.state.getClient(client.id)?.partner_payload).toBe(tag);
    expect(await f.call('clients.get', { id: client.id })).toMatchObject({ partnerPayload: tag, pending: null });
    expect((await f.call('clients.list', { search: 'crm-ω-4711' })).items.map((c) => c.id)).toEqual([client.id]);
    // The next sync rewrites the client's channels with it: the accounts search finds them by the tag too.
    expect((await f.core.accounts.syncNow()).state).toBe('succeeded');
    const channels = await f.call('channels.list', { search: tag });
    expect(channels.total).toBe(f.hub.state.listChannels(client.id).length);
    expect(channels.items.every((c) => c.clientId === client.id)).toBe(true);
    await f.call('outbox.push', {});
    expect(hits(f.hub, `/clients/${client.id}`, 'PATCH').sent).toBe(1);
  });

  it('changed elsewhere meanwhile: a conflict with both tags; "send anyway" sets it once', async () => {
    const client = f.clientWith(1);
    const before = f.hub.state.getClient(client.id)?.partner_payload ?? '';
    f.hub.faults.set({ offline: true });
    const action = await f.call('actions.setPartnerPayload', { clientId: client.id, partnerPayload: 'mine' });
    f.hub.state.updateClient(client.id, { partner_payload: 'theirs' });
    f.hub.faults.reset();
    expect((await f.core.accounts.syncNow()).state).toBe('succeeded');
    const [item] = (await f.call('outbox.list', { openOnly: true })).items;
    expect(item).toMatchObject({
      id: action.id,
      state: 'conflict',
      canRetry: true,
      conflict: { field: 'partner_payload', queued: 'mine', server: 'theirs', seen: before, retryable: true },
    });
    expect(item?.conflict?.message).toMatch(/changed elsewhere to "theirs"/);
    expect(hits(f.hub, `/clients/${client.id}`, 'PATCH').sent).toBe(0);
    await f.call('outbox.retry', { id: action.id });
    expect((await f.call('outbox.push', {})).counts.done).toBe(1);
    expect(f.hub.state.getClient(client.id)?.partner_payload).toBe('mine');
    expect(hits(f.hub, `/clients/${client.id}`, 'PATCH')).toEqual({ sent: 1, applied: 1 });
  });

  it('changed elsewhere to the same tag: done without sending; a newer tag replaces one not yet sent', async () => {
    const [a, b] = [f.clientWith(1), f.clientWith(1, new Set([f.clientWith(1).id]))];
    f.hub.faults.set({ offline: true });
    await f.call('actions.setPartnerPayload', { clientId: a.id, partnerPayload: 'same' });
    f.hub.state.updateClient(a.id, { partner_payload: 'same' });
    const first = await f.call('actions.setPartnerPayload', { clientId: b.id, partnerPayload: 'draft' });
    const second = await f.call('actions.setPartnerPayload', { clientId: b.id, partnerPayload: 'final' });
    expect((await f.call('outbox.list', {})).items.find((x) => x.id === first.id)?.state).toBe('cancelled');
    f.hub.faults.reset();
    await f.call('outbox.push', {});
    expect(hits(f.hub, `/clients/${a.id}`, 'PATCH').sent).toBe(0);
    expect((await f.call('outbox.list', {})).items.find((x) => x.id === second.id)?.state).toBe('done');
    expect(hits(f.hub, `/clients/${b.id}`, 'PATCH')).toEqual({ sent: 1, applied: 1 });
    expect(f.hub.state.getClient(b.id)?.partner_payload).toBe('final');
  });

  it('refuses control characters and an unchanged tag before queueing', async () => {
    const client = f.clientWith(1);
    expect(await f.raw('actions.setPartnerPayload', { clientId: client.id, partnerPayload: 'a\nb' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/control characters/) },
    });
    const current = f.hub.state.getClient(client.id)?.partner_payload ?? '';
    expect(await f.raw('actions.setPartnerPayload', { clientId: client.id, partnerPayload: current })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/nothing to change/) },
    });
    expect((await f.call('outbox.list', {})).items).toEqual([]);
  });
});

describe("the partner's webhook and redirect URLs", () => {
  const partnerPatches = () => hits(f.hub, `/api/v2/partners/${f.hub.partnerId}`, 'PATCH');

  it('offline: queued, kept across a restart, PATCHed once with only the changed field; the settings show it', async () => {
    await f.call('partner.settings', { refresh: true });
    f.hub.faults.set({ offline: true });
    const preview = await f.call('actions.preview', { kind: 'set_partner_settings', webhookUrl: 'https://crm.example.com/hooks/360' });
    expect(preview).toMatchObject({
      confirmationRequired: true,
      message: expect.stringMatching(
        /webhook URL https:\/\/partner-desk\.example\/webhooks\/360dialog → https:\/\/crm\.example\.com\/hooks\/360/,
      ),
    });
    expect((await f.raw('actions.setPartnerSettings', { webhookUrl: 'https://crm.example.com/hooks/360' })).ok).toBe(false); // needs confirmation
    const action = await f.call('actions.setPartnerSettings', { webhookUrl: 'https://crm.example.com/hooks/360', confirmed: true });
    expect(action).toMatchObject({ kind: 'set_partner_settings', state: 'queued', target: { type: 'partner', id: f.hub.partnerId } });
    const offline = await f.call('partner.settings', { refresh: true });
    expect(offline).toMatchObject({
      source: 'cached',
      error: { code: 'offline' },
      webhookUrl: 'https://partner-desk.example/webhooks/360dialog',
      pending: [{ id: action.id, state: 'queued' }],
    });
    await f.restart();
    f.hub.faults.reset();
    f.hub.stats.reset();
    expect((await f.call('outbox.push', {})).counts.done).toBe(1);
    expect(partnerPatches()).toEqual({ sent: 1, applied: 1 });
    const patch = f.hub.stats.mutations.find((m) => m.method === 'PATCH');
    expect(patch?.path).toBe(`/api/v2/partners/${f.hub.partnerId}`);
    expect(f.hub.state.partner).toMatchObject({
      webhook_url: 'https://crm.example.com/hooks/360',
      partner_redirect_url: 'https://partner-desk.example/onboarding/done',
    });
    expect(await f.call('partner.settings', { refresh: false })).toMatchObject({
      webhookUrl: 'https://crm.example.com/hooks/360',
      pending: [],
      warnings: [],
    });
    await f.call('outbox.push', {});
    expect(partnerPatches().sent).toBe(1);
  });

  it('changed elsewhere before it was sent: a conflict with both values; "send anyway" PATCHes once', async () => {
    await f.call('partner.settings', { refresh: true });
    f.hub.faults.set({ offline: true });
    const action = await f.call('actions.setPartnerSettings', { redirectUrl: 'https://crm.example.com/360/done', confirmed: true });
    f.hub.state.updatePartner({ partner_redirect_url: 'https://someone-else.example/done' }); // in the Partner Hub's Integration tab
    f.hub.faults.reset();
    await f.call('outbox.push', {});
    const [item] = (await f.call('outbox.list', { openOnly: true })).items;
    expect(item).toMatchObject({
      id: action.id,
      state: 'conflict',
      conflict: {
        field: 'partner_redirect_url',
        queued: 'https://crm.example.com/360/done',
        server: 'https://someone-else.example/done',
        seen: 'https://partner-desk.example/onboarding/done',
        retryable: true,
      },
    });
    expect(partnerPatches().sent).toBe(0);
    // The read that found the conflict is what the settings page now shows.
    expect((await f.call('partner.settings', { refresh: false })).redirectUrl).toBe('https://someone-else.example/done');
    await f.call('outbox.retry', { id: action.id });
    expect((await f.call('outbox.push', {})).counts.done).toBe(1);
    expect(f.hub.state.partner.partner_redirect_url).toBe('https://crm.example.com/360/done');
    expect(partnerPatches()).toEqual({ sent: 1, applied: 1 });
  });

  it('an empty setting on the Hub counts as none: the change is sent, not taken for a change made elsewhere', async () => {
    f.hub.state.updatePartner({ webhook_url: '' });
    expect((await f.call('partner.settings', { refresh: true })).webhookUrl).toBeNull();
    const preview = await f.call('actions.preview', { kind: 'set_partner_settings', webhookUrl: 'https://crm.example.com/hook' });
    expect(preview.message).toMatch(/webhook URL \(none\) → https:\/\/crm\.example\.com\/hook/);
    await f.call('actions.setPartnerSettings', { webhookUrl: 'https://crm.example.com/hook', confirmed: true });
    expect((await f.call('outbox.push', {})).counts).toMatchObject({ done: 1, conflict: 0 });
    expect(f.hub.state.partner.webhook_url).toBe('https://crm.example.com/hook');
  });

  it('killed after the Hub applied it: resolved by reading the partner, not PATCHed again', async () => {
    await f.call('partner.settings', { refresh: true });
    const action = await f.call('actions.setPartnerSettings', {
      webhookUrl: 'https://crm.example.com/hook',
      redirectUrl: 'https://crm.example.com/done',
      confirmed: true,
    });
    interrupted(action.id);
    f.hub.state.updatePartner({ webhook_url: 'https://crm.example.com/hook', partner_redirect_url: 'https://crm.example.com/done' });
    f.hub.stats.reset();
    await f.restart();
    expect((await f.call('outbox.push', {})).counts.done).toBe(1);
    expect(partnerPatches().sent).toBe(0);
    expect((await f.call('outbox.list', {})).items[0]?.outcome).toMatch(/already showed these settings/);
  });

  it('checks the URLs before queueing anything, and needs the current settings to start from', async () => {
    expect(await f.raw('actions.setPartnerSettings', { webhookUrl: 'https://crm.example.com/hook', confirmed: true })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/has not read your partner settings/) },
    });
    await f.call('partner.settings', { refresh: true });
    for (const [value, message] of [
      ['http://crm.example.com/hook', /must start with https/],
      ['crm.example.com/hook', /not a complete address/],
      ['https://user:pw@crm.example.com/', /user name or password/],
      ['', /Enter the webhook URL/],
    ] as const) {
      expect(await f.raw('actions.setPartnerSettings', { webhookUrl: value, confirmed: true }), value).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', message: expect.stringMatching(message) },
      });
    }
    expect(
      await f.raw('actions.setPartnerSettings', { redirectUrl: 'https://partner-desk.example/onboarding/done', confirmed: true }),
    ).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/current settings; nothing to change/) },
    });
    expect((await f.call('outbox.list', {})).items).toEqual([]);
    expect(partnerPatches().sent).toBe(0);
  });
});
