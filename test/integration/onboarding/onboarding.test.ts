/**
 * The permission flow end to end through the contract, against the simulated hub over real HTTP:
 * a link checked against the partner's settings and remembered; the hub's permission page (the
 * browser's part) creating and granting; the redirect read back, tied to its link by state (a
 * foreign state refused), announced once, synced, keys generated; a sync recognising a link's new
 * client without any redirect.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PermissionLink } from '@shared/onboarding';
import { startOutboxFixture, waitFor, type OutboxFixture } from '../outbox/outbox-fixture';

let f: OutboxFixture;
beforeEach(async () => {
  f = await startOutboxFixture();
});
afterEach(() => f.dispose());

/** What a client does in the browser: open the link, pick numbers, submit. Returns the redirect address. */
async function grant(link: PermissionLink, form: Record<string, string | string[]> = {}): Promise<string> {
  const page = await fetch(link.url!);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('would like access to your WhatsApp numbers');
  // The page carries the link's state and parameters in its form.
  const hidden = Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]!.replace(/&amp;/g, '&')]),
  );
  expect(hidden.state).toBe(link.state);
  const body = new URLSearchParams(hidden);
  for (const [key, value] of Object.entries(form)) {
    body.delete(key);
    for (const v of [value].flat()) body.append(key, v);
  }
  const answer = await fetch(new URL(new URL(link.url!).pathname, link.url!), { method: 'POST', body, redirect: 'manual' });
  const text = await answer.text();
  if (answer.status === 303) return answer.headers.get('location')!;
  expect(answer.status, text).toBe(200);
  const shown = /id="redirect" type="url" readonly value="([^"]+)"/.exec(text)?.[1];
  expect(shown, text).toBeTruthy();
  return shown!.replace(/&amp;/g, '&');
}

describe('permission links', () => {
  it('are built for the partner, remembered with their state, and listed newest first', async () => {
    await f.call('partner.settings', { refresh: true });
    const first = await f.call('onboarding.createLink', {
      email: 'ops@new.example',
      name: 'Nordlicht Bäckerei',
      number: '+49 151 23456789',
      partnerPayload: 'crm-1',
      language: 'de-DE',
    });
    expect(first).toMatchObject({
      origin: 'link',
      status: 'open',
      email: 'ops@new.example',
      number: '+4915123456789',
      partnerPayload: 'crm-1',
      warnings: [],
      shared: [],
    });
    const url = new URL(first.url!);
    expect(url.origin).toBe(f.server.url);
    expect(url.pathname).toBe(`/dashboard/app/${f.hub.partnerId}/permissions`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      email: 'ops@new.example',
      name: 'Nordlicht Bäckerei',
      partner: 'crm-1',
      number: '+4915123456789',
      state: first.state,
    });
    expect(first.state).toMatch(/^pd[A-Za-z0-9_-]{24}$/);
    expect(first.mailto).toMatch(/^mailto:ops@new\.example\?subject=Ihre%20WhatsApp-Business-Nummer/);
    const client = f.clientWith(1);
    const second = await f.call('onboarding.createLink', { clientId: client.id });
    expect(new URL(second.url!).searchParams.get('client_id')).toBe(client.id);
    expect(second.state).not.toBe(first.state);
    const shared = await f.call('onboarding.markShared', { id: first.id, method: 'qr' });
    expect(shared.shared).toEqual([{ method: 'qr', at: expect.any(String) }]);
    await f.restart();
    const { items } = await f.call('onboarding.links', { limit: 10 });
    expect(items.map((l) => l.id)).toEqual([second.id, first.id]);
    expect(items[1]).toMatchObject({ state: first.state, shared: [{ method: 'qr' }] });
  });

  it("are checked against the partner's settings: refused without a redirect URL (unless the link has its own), warned otherwise", async () => {
    f.hub.state.updatePartner({ partner_redirect_url: '', webhook_url: '', allow_client_to_add_phone_no: false });
    const before = await f.call('partner.settings', { refresh: true });
    expect(before.warnings.map((w) => [w.field, w.severity])).toEqual([
      ['partner_redirect_url', 'error'],
      ['webhook_url', 'warning'],
      ['allow_client_to_add_phone_no', 'warning'],
    ]);
    expect(await f.raw('onboarding.createLink', { email: 'a@b.example' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/No redirect URL is set .* the client would see an error/) },
    });
    const own = await f.call('onboarding.createLink', { clientId: f.clientWith(1).id, redirectUrl: 'https://crm.example.com/done' });
    expect(own.warnings.join(' ')).toMatch(/No webhook URL .*allow_client_to_add_phone_no is off/s);
    expect(new URL(own.url!).searchParams.get('redirect_url')).toBe('https://crm.example.com/done');
    expect(await f.raw('onboarding.createLink', { email: 'not-an-email', redirectUrl: 'https://crm.example.com/done' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/not an email address/) },
    });
    expect(await f.raw('onboarding.createLink', { clientId: 'nope1CL' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it("read numbers as the shared phone module does: nationally in the existing client's country, else with the country code", async () => {
    const client = f.clientWith(1);
    const contact = f.hub.state.listClients().find((c) => c.id === client.id)!.contact_info!;
    f.hub.state.updateClient(client.id, { contact_info: { ...contact, country: 'DE' } });
    await f.core.accounts.syncNow();
    const forClient = await f.call('onboarding.createLink', { clientId: client.id, number: '0151 23456789' });
    expect(forClient.number).toBe('+4915123456789');
    expect(new URL(forClient.url!).searchParams.get('number')).toBe('+4915123456789');
    // A new client has no country yet: the same number needs its country code, and letters are no number.
    expect(await f.raw('onboarding.createLink', { email: 'a@b.example', number: '0151 23456789' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/country code/) },
    });
    expect(await f.raw('onboarding.createLink', { email: 'a@b.example', number: '+49 151 CALLME' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/not a phone number/) },
    });
  });
});

describe('the redirect, read back', () => {
  it("a new client through the hub's permission page: recorded, synced, announced once, keys generated", async () => {
    await f.call('partner.settings', { refresh: true });
    const link = await f.call('onboarding.createLink', {
      email: 'ops@nordlicht.example',
      name: 'Nordlicht Bäckerei',
      number: '+49 151 23456789',
      partnerPayload: 'crm-77',
    });
    const redirect = await grant(link, { name: 'Nordlicht Bäckerei', email: 'ops@nordlicht.example', number: '+49 151 23456789' });
    const target = new URL(redirect);
    expect(target.origin + target.pathname).toBe('https://partner-desk.example/onboarding/done');
    expect(target.searchParams.get('state')).toBe(link.state);
    const made = f.hub.state.listClients().find((c) => c.partner_payload === 'crm-77')!;
    expect(made).toMatchObject({ name: 'Nordlicht Bäckerei', contact_info: { email: 'ops@nordlicht.example' } });
    const [channel] = f.hub.state.listChannels(made.id);
    expect(channel?.setup_info.phone_number).toBe('4915123456789');
    expect(target.searchParams.get('client')).toBe(made.id);
    expect(target.searchParams.get('channels')).toBe(`[${channel!.id}]`);

    const reading = await f.call('onboarding.readRedirect', { text: redirect });
    expect(reading).toMatchObject({ matchedBy: 'state', message: expect.stringMatching(/granted access to 1 number/) });
    expect(reading.link).toMatchObject({
      id: link.id,
      status: 'used',
      matchedBy: 'redirect',
      result: { clientId: made.id, granted: [channel!.id], revoked: [] },
    });
    // The web runtime starts a sync for what is not in the local copy yet.
    await waitFor(
      () => f.core.accounts.syncStatus().state === 'succeeded' && f.core.onboarding.link(link.id).waitingForSync === false,
      'the sync the redirect started',
    );
    const details = await f.call('onboarding.link', { id: link.id });
    expect(details.client).toMatchObject({ id: made.id, partnerPayload: 'crm-77' });
    expect(details.granted).toEqual([
      { channelId: channel!.id, channel: expect.objectContaining({ id: channel!.id, phoneNumber: '4915123456789' }), keyPresent: false },
    ]);
    const notes = (await f.call('notifications.list', { limit: 20 })).items.filter((n) => n.title.includes('granted access'));
    expect(notes).toEqual([
      expect.objectContaining({
        clientId: made.id,
        channelId: channel!.id,
        title: 'Nordlicht Bäckerei granted access to +49 1512 3456789',
        body: expect.stringMatching(/API key can be generated/),
      }),
    ]);

    // Reading it again (or syncing again) announces nothing twice.
    await f.call('onboarding.readRedirect', { text: redirect });
    await f.core.accounts.syncNow();
    expect((await f.call('notifications.list', { limit: 50 })).items.filter((n) => n.title.includes('granted access'))).toHaveLength(1);

    await f.call('actions.generateApiKey', { channelId: channel!.id, confirmed: true });
    expect((await f.call('outbox.push', {})).counts.done).toBeGreaterThanOrEqual(1);
    expect((await f.call('onboarding.link', { id: link.id })).granted[0]?.keyPresent).toBe(true);
    expect(await f.secrets.get(`profile:${f.profileId}:channel:${channel!.id}:api-key`)).toBe(f.hub.state.currentApiKey(channel!.id));
  });

  it('an existing client adds a number and takes permission back from another: granted and revoked, the key refusal follows', async () => {
    await f.call('partner.settings', { refresh: true });
    const client = f.clientWith(2);
    const [keep, drop] = f.hub.state.listChannels(client.id).filter((c) => c.terminated_at === null);
    f.hub.state.setMaxChannels(client.id, 10);
    f.hub.state.setApiKeyPermission(drop!.id, true);
    await f.core.accounts.syncNow();
    const link = await f.call('onboarding.createLink', { clientId: client.id, number: '+44 7911 123456' });
    // Every other number the client had shared is taken back: only `keep` stays ticked.
    const hadPermission = f.hub.state
      .listChannels(client.id)
      .filter((c) => c.terminated_at === null && c.id !== keep!.id && f.hub.state.hasApiKeyPermission(c.id));
    expect(new URL(link.url!).searchParams.get('next')).toBe('login');
    const redirect = await grant(link, { channel: [keep!.id], number: '+44 7911 123456' });
    const reading = await f.call('onboarding.readRedirect', { text: new URL(redirect).search });
    const added = f.hub.state.listChannels(client.id).find((c) => c.setup_info.phone_number === '447911123456')!;
    expect(reading.link.result).toEqual({
      clientId: client.id,
      granted: [keep!.id, added.id],
      revoked: hadPermission.map((c) => c.id),
      added: [],
    });
    expect(reading.link.result?.revoked).toContain(drop!.id);
    expect(reading.message).toMatch(new RegExp(`granted access to 2 numbers and revoked it for ${hadPermission.length} number`));
    expect(f.hub.state.hasApiKeyPermission(drop!.id)).toBe(false);
    await f.core.accounts.syncNow();
    const revokedNote = (await f.call('notifications.list', { limit: 50 })).items.find(
      (n) => n.title.includes('revoked access') && n.channelId === drop!.id,
    );
    expect(revokedNote).toMatchObject({ channelId: drop!.id, body: expect.stringMatching(/no longer lets you generate an API key/) });
    // The Hub refuses a key for the revoked number; the action says how to ask for permission again.
    await f.call('actions.generateApiKey', { channelId: drop!.id, confirmed: true });
    await f.call('outbox.push', {});
    const refused = (await f.call('outbox.list', { openOnly: true })).items.find((a) => a.target.id === drop!.id);
    expect(refused).toMatchObject({
      state: 'failed',
      lastError: { code: 'forbidden', status: 403, message: expect.stringMatching(/Send them a permission link/) },
    });
  });

  it('a state no link of this profile carries is refused and nothing is recorded; a malformed address says what is wrong', async () => {
    await f.call('partner.settings', { refresh: true });
    const client = f.clientWith(1);
    await f.call('onboarding.createLink', { clientId: client.id });
    const foreign = await f.raw('onboarding.readRedirect', {
      text: `https://x.example/done?client=${client.id}&channels=[abcCH]&state=pdNotOurs123`,
    });
    expect(foreign).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        message: expect.stringMatching(/state "pdNotOurs123", which no permission link of this profile .* Nothing was recorded/),
      },
    });
    const malformed = await f.raw('onboarding.readRedirect', { text: 'https://x.example/done?channels=[abcCH]' });
    expect(malformed).toMatchObject({ ok: false, error: { message: expect.stringMatching(/names no client/) } });
    const { items } = await f.call('onboarding.links', { limit: 10 });
    expect(items).toHaveLength(1);
    expect(items[0]?.status).toBe('open');
  });

  it('without a state: tied to the open link made for that client, or recorded on its own', async () => {
    await f.call('partner.settings', { refresh: true });
    const [a, b] = [f.clientWith(1), f.clientWith(1, new Set([f.clientWith(1).id]))];
    const link = await f.call('onboarding.createLink', { clientId: a.id });
    const channelA = f.hub.state.listChannels(a.id)[0]!;
    const byClient = await f.call('onboarding.readRedirect', { text: `client=${a.id}&channels=[${channelA.id}]` });
    expect(byClient).toMatchObject({ matchedBy: 'client', link: { id: link.id, status: 'used' } });
    const channelB = f.hub.state.listChannels(b.id)[0]!;
    const alone = await f.call('onboarding.readRedirect', { text: `client=${b.id}&channels=[${channelB.id}]` });
    expect(alone).toMatchObject({
      matchedBy: 'none',
      link: { origin: 'redirect', state: null, url: null, result: { clientId: b.id, granted: [channelB.id] } },
    });
    expect(alone.message).toMatch(/recorded on its own/);
  });
});

describe('recognised by a sync, without a redirect', () => {
  it("a new client with the link's email (or tag) and its new number", async () => {
    await f.call('partner.settings', { refresh: true });
    const link = await f.call('onboarding.createLink', { email: 'hello@sonne.example', name: 'Sonnenhof' });
    await grant(link, { name: 'Sonnenhof KG', email: 'HELLO@sonne.example', number: '+43 664 1234567' });
    expect((await f.call('onboarding.links', { limit: 5 })).items[0]?.status).toBe('open');
    expect((await f.core.accounts.syncNow()).state).toBe('succeeded');
    const made = f.hub.state.listClients().find((c) => c.name === 'Sonnenhof KG')!;
    const channel = f.hub.state.listChannels(made.id)[0]!;
    const details = await f.call('onboarding.link', { id: link.id });
    expect(details).toMatchObject({ status: 'used', matchedBy: 'sync', result: { clientId: made.id, granted: [], added: [channel.id] } });
    const note = (await f.call('notifications.list', { limit: 50 })).items.find(
      (n) => n.channelId === channel.id && n.title.includes('added'),
    );
    expect(note?.title).toBe('Sonnenhof KG added +43 664 1234567');
  });

  it('a new number of the client an "add numbers" link was made for', async () => {
    await f.call('partner.settings', { refresh: true });
    const client = f.clientWith(1);
    f.hub.state.setMaxChannels(client.id, 20);
    await f.core.accounts.syncNow();
    const link = await f.call('onboarding.createLink', { clientId: client.id });
    f.advance(1_000);
    const added = f.hub.state.addChannel(client.id, { terminated_at: null });
    await f.core.accounts.syncNow();
    expect(await f.call('onboarding.link', { id: link.id })).toMatchObject({
      matchedBy: 'sync',
      result: { clientId: client.id, added: [added.id] },
    });
  });
});

describe("the simulated hub's permission page", () => {
  it('follows a per-link https redirect URL with a 303, refuses without any redirect URL, and enforces the channel limit', async () => {
    await f.call('partner.settings', { refresh: true });
    const client = f.clientWith(1);
    const link = await f.call('onboarding.createLink', { clientId: client.id, redirectUrl: 'https://crm.example.com/360/done?tenant=7' });
    const page = await fetch(link.url!);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const answer = await fetch(new URL(new URL(link.url!).pathname, link.url!), {
      method: 'POST',
      body: new URLSearchParams({ state: link.state!, client_id: client.id, redirect_url: 'https://crm.example.com/360/done?tenant=7' }),
      redirect: 'manual',
    });
    expect(answer.status).toBe(303);
    const location = new URL(answer.headers.get('location')!);
    expect(location.origin + location.pathname).toBe('https://crm.example.com/360/done');
    expect(Object.fromEntries(location.searchParams)).toMatchObject({ tenant: '7', client: client.id, state: link.state });

    f.hub.state.updatePartner({ partner_redirect_url: '' });
    const refused = await fetch(new URL(new URL(link.url!).pathname, link.url!), {
      method: 'POST',
      body: new URLSearchParams({ client_id: client.id }),
      redirect: 'manual',
    });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toMatch(/has no redirect URL set, so the permission cannot be shared/);

    f.hub.state.updatePartner({ partner_redirect_url: 'https://crm.example.com/done' });
    const active = f.hub.state.listChannels(client.id).filter((c) => c.terminated_at === null).length;
    f.hub.state.setMaxChannels(client.id, Math.max(1, active));
    const full = await fetch(new URL(new URL(link.url!).pathname, link.url!), {
      method: 'POST',
      body: new URLSearchParams({ client_id: client.id, number: '+49 30 1234567' }),
      redirect: 'manual',
    });
    expect(full.status).toBe(409);
    expect(await full.text()).toMatch(/may have at most \d+ numbers/);
  });

  it('reads numbers as the Hub holds them, however a client once wrote them: listed grouped, a number already there refused in any writing', async () => {
    await f.call('partner.settings', { refresh: true });
    const client = f.clientWith(1);
    f.hub.state.setMaxChannels(client.id, 20);
    const made = f.hub.state.addChannel(client.id, { terminated_at: null });
    f.hub.state.updateChannel(made.id, { setup_info: { ...made.setup_info, phone_number: '0049 1512 3456789' } });
    const link = await f.call('onboarding.createLink', { clientId: client.id });
    const html = await (await fetch(link.url!)).text();
    expect(html).toContain('+49 1512 3456789 · ');
    expect(html).not.toMatch(/\+0049|\+00 ?49/);
    const post = (number: string) =>
      fetch(new URL(new URL(link.url!).pathname, link.url!), {
        method: 'POST',
        body: new URLSearchParams({ state: link.state!, client_id: client.id, number }),
        redirect: 'manual',
      });
    const taken = await post('+49 151 23456789');
    expect(taken.status).toBe(409);
    expect(await taken.text()).toContain('+49 1512 3456789 is already registered on the Hub.');
    const national = await post('01512 3456789');
    expect(national.status).toBe(400);
    expect(await national.text()).toMatch(/is not a phone number with its country code/);
  });
});
