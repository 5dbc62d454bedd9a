/**
 * The onboarding commands as a script runs them, in child processes against the simulated hub
 * served by this process, with the real keychain: `partner --json` (settings and warnings),
 * changing the URLs through the outbox, `onboarding-link --email … --json` (the URL and the state it
 * recorded), `onboarding-redirect`, `onboarding-links`, `withdraw-cancellation` and `set-tag`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoHub } from '@demo-hub';
import type { PartnerSettings, PermissionLink, RedirectReading } from '@shared/onboarding';
import { startCliAgainstHub, type CliAgainstHub } from '../helpers/cli-against-hub';
import { hits } from './outbox/outbox-fixture';

let hub: DemoHub;
let harness: CliAgainstHub;
const cli = (args: string[], input = '', env: NodeJS.ProcessEnv = {}) => harness.cli(args, input, env);

beforeAll(async () => {
  harness = await startCliAgainstHub({ clients: 12, channels: 30, seed: 16 });
  hub = harness.hub;
  await harness.signInAndSync();
});

afterAll(() => harness?.stop());

describe('partner-desk partner', () => {
  it('--json shows every setting with what it is for, and the warnings', async () => {
    hub.state.updatePartner({ webhook_url: '' });
    const result = await cli(['partner', '--json']);
    expect(result.status, result.stderr).toBe(0);
    const settings = JSON.parse(result.stdout) as PartnerSettings;
    expect(settings).toMatchObject({
      partnerId: hub.partnerId,
      source: 'fresh',
      brandName: 'Demo Partner GmbH',
      redirectUrl: 'https://partner-desk.example/onboarding/done',
      webhookUrl: null,
    });
    expect(settings.rows.map((r) => r.key)).toEqual(
      expect.arrayContaining(['id', 'brand_name', 'partner_redirect_url', 'webhook_url', 'allow_client_to_add_phone_no']),
    );
    expect(settings.warnings).toEqual([{ field: 'webhook_url', severity: 'warning', message: expect.stringMatching(/No webhook URL/) }]);
    const text = await cli(['partner']);
    expect(text.stdout).toMatch(/Redirect URL +https:\/\/partner-desk\.example\/onboarding\/done/);
    expect(text.stdout).toMatch(/Webhook URL +\(not set\)/);
    expect(text.stdout).toMatch(/Warning: No webhook URL/);
  });

  it('changes a URL through the outbox after confirming; refuses a URL that is not https (exit 1) and a missing confirmation', async () => {
    const refused = await cli(['partner', '--webhook-url', 'http://crm.example.com/hook', '--yes']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/must start with https/);
    const unconfirmed = await cli(['partner', '--webhook-url', 'https://crm.example.com/hook']);
    expect(unconfirmed.status).toBe(1);
    expect(unconfirmed.stderr).toMatch(/webhook URL \(none\) → https:\/\/crm\.example\.com\/hook.*--yes/s);
    const changed = await cli(['partner', '--webhook-url', 'https://crm.example.com/hook', '--yes', '--json']);
    expect(changed.status, changed.stderr).toBe(0);
    expect(JSON.parse(changed.stdout)).toMatchObject({ kind: 'set_partner_settings', state: 'done' });
    expect(hub.state.partner.webhook_url).toBe('https://crm.example.com/hook');
    expect(hits(hub, `/api/v2/partners/${hub.partnerId}`, 'PATCH')).toEqual({ sent: 1, applied: 1 });
    const after = JSON.parse((await cli(['partner', '--cached', '--json'])).stdout) as PartnerSettings;
    expect(after).toMatchObject({ source: 'cached', webhookUrl: 'https://crm.example.com/hook', warnings: [] });
  });
});

describe('partner-desk onboarding-link and onboarding-redirect', () => {
  let link: PermissionLink;

  it('onboarding-link --email a@b.example --json prints the URL and the state it recorded', async () => {
    const result = await cli(['onboarding-link', '--email', 'a@b.example', '--json'], '', { LANG: 'de_DE.UTF-8' });
    expect(result.status, result.stderr).toBe(0);
    link = JSON.parse(result.stdout) as PermissionLink;
    expect(link).toMatchObject({ email: 'a@b.example', status: 'open', shared: [{ method: 'cli' }] });
    expect(link.state).toMatch(/^pd[A-Za-z0-9_-]{24}$/);
    const url = new URL(link.url!);
    expect(`${url.origin}${url.pathname}`).toBe(`${harness.server.url}/dashboard/app/${hub.partnerId}/permissions`);
    expect(url.searchParams.get('email')).toBe('a@b.example');
    expect(url.searchParams.get('state')).toBe(link.state);
    expect(link.mailto).toMatch(/subject=Ihre%20WhatsApp-Business-Nummer/);
    // Recorded: the list shows it with that state.
    const listed = JSON.parse((await cli(['onboarding-links', '--json'])).stdout) as PermissionLink[];
    expect(listed.map((l) => [l.id, l.state])).toContainEqual([link.id, link.state]);
  });

  it('plain output is the URL on stdout (the state on stderr); --qr adds a QR code; bad input exits 1 with the reason', async () => {
    const plain = await cli(['onboarding-link', '--number', '+49 151 23456789', '--qr']);
    expect(plain.status, plain.stderr).toBe(0);
    const [first] = plain.stdout.split('\n');
    expect(new URL(first!).searchParams.get('number')).toBe('+4915123456789');
    expect(plain.stdout).toMatch(/[█▀▄]{20,}/);
    expect(plain.stderr).toMatch(/State pd[\w-]+ recorded/);
    // Listed with the number grouped as the cards show it (the JSON keeps E.164).
    const state = /State (pd[\w-]+) recorded/.exec(plain.stderr)![1]!;
    expect((await cli(['onboarding-links'])).stdout).toMatch(new RegExp(`for \\+49 1512 3456789  state ${state}  open`));
    const bad = await cli(['onboarding-link', '--email', 'nobody']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/"nobody" is not an email address/);
  });

  it('onboarding-redirect records the answer, syncs and lists the granted channel; a foreign state exits 1', async () => {
    const page = await fetch(link.url!, {
      method: 'POST',
      body: new URLSearchParams({ state: link.state!, name: 'Bäckerei Süd', email: 'a@b.example', number: '+49 151 98765432' }),
      redirect: 'manual',
    });
    const address = (/id="redirect" type="url" readonly value="([^"]+)"/.exec(await page.text())?.[1] ?? '').replace(/&amp;/g, '&');
    expect(address).toContain(`state=${link.state}`);
    const read = await cli(['onboarding-redirect', address, '--json']);
    expect(read.status, read.stderr).toBe(0);
    const reading = JSON.parse(read.stdout) as RedirectReading;
    const made = hub.state.listClients().find((c) => c.name === 'Bäckerei Süd')!;
    const [channel] = hub.state.listChannels(made.id);
    expect(reading).toMatchObject({
      matchedBy: 'state',
      link: { id: link.id, waitingForSync: false, granted: [{ channelId: channel!.id, channel: { phoneNumber: '4915198765432' } }] },
    });
    const text = await cli(['onboarding-redirect', address]);
    expect(text.stdout).toMatch(new RegExp(`granted \\+49 1519 8765432 \\(${channel!.id}\\) Live`));
    const foreign = await cli(['onboarding-redirect', `client=${made.id}&channels=[${channel!.id}]&state=pdSomeoneElse`]);
    expect(foreign.status).toBe(1);
    expect(foreign.stderr).toMatch(/no permission link of this profile/);
    expect((await cli(['onboarding-links'])).stdout).toMatch(new RegExp(`state ${link.state}  used .*client ${made.id}, 1 granted`));
  });
});

describe('partner-desk withdraw-cancellation and set-tag', () => {
  it('withdraws a cancellation after confirming, once', async () => {
    const channel = hub.state.listChannels().find((c) => c.terminated_at === null && c.integration?.app_id)!;
    hub.state.cancelChannel(channel.id);
    await cli(['sync']);
    const unconfirmed = await cli(['withdraw-cancellation', channel.id]);
    expect(unconfirmed.status).toBe(1);
    expect(unconfirmed.stderr).toMatch(/stays active .* Run it again with --yes/s);
    const done = await cli(['withdraw-cancellation', channel.id, '--yes']);
    expect(done.status, done.stderr).toBe(0);
    expect(done.stdout).toMatch(/Cancellation withdrawn/);
    expect(hub.state.getChannel(channel.id)?.terminated_at).toBeNull();
    expect(hits(hub, `/channels/${channel.id}/control/cancellation_request`)).toEqual({ sent: 1, applied: 1 });
    const again = await cli(['withdraw-cancellation', channel.id, '--yes']);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/nothing to withdraw/);
  });

  it('sets a tag, shows it in clients and finds the client by it', async () => {
    const client = hub.state.listClients()[0]!;
    const set = await cli(['set-tag', client.id, 'crm-9001']);
    expect(set.status, set.stderr).toBe(0);
    expect(set.stdout).toMatch(/The tag is now "crm-9001"/);
    expect(hub.state.getClient(client.id)?.partner_payload).toBe('crm-9001');
    const found = await cli(['clients', '--search', 'crm-9001']);
    expect(found.stdout).toMatch(new RegExp(`${client.id}.*crm-9001`));
    expect((await cli(['set-tag', client.id])).status).toBe(2);
  });
});
