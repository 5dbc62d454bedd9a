import { describe, expect, it } from 'vitest';
import {
  CHANNEL_STATUSES,
  CLASSIC_STATUSES,
  createDemoHub,
  DEMO_HUB_IN_PROCESS_ORIGIN,
  FB_ACCOUNT_STATUSES,
  MESSAGING_LIMITS,
  OBO_STATUSES,
  QUALITY_RATINGS,
  WABA_STATUSES,
  type DemoChannel,
} from '@demo-hub';
import { directReplier } from '@demo-hub/hub';
import { call, listQuery, partnerPath, type ListBody } from './support';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { parsePhone } from '@shared/format/phone';
import { deriveChannelStatus } from '@shared/status';

function channelState(ch: DemoChannel): 'live' | 'draft' | 'pending_deletion' | 'other' {
  if (ch.terminated_at) return 'pending_deletion';
  if (ch.account_mode === 'live') return 'live';
  if (!ch.integration?.app_id) return 'draft';
  return 'other';
}

describe('demo hub data', () => {
  it('is identical for the same seed and sizes, and differs for another seed', async () => {
    const a = createDemoHub({ seed: 7, clients: 300, channels: 500 });
    const b = createDemoHub({ seed: 7, clients: 300, channels: 500 });
    const c = createDemoHub({ seed: 8, clients: 300, channels: 500 });
    for (const path of ['/channels?limit=200&offset=100', '/clients?sort=-created_at&limit=50']) {
      const pageA = (await call(a, partnerPath(a, path))).text;
      expect((await call(b, partnerPath(b, path))).text).toBe(pageA);
      expect((await call(c, partnerPath(c, path))).text).not.toBe(pageA);
    }
    expect(a.apiKey).toBe('demo-partner-key-7');
  });

  it('shows every documented state in a 500-channel hub', () => {
    const hub = createDemoHub({ clients: 300, channels: 500 });
    const channels = hub.state.listChannels();
    const seen = (pick: (ch: DemoChannel) => unknown): Set<unknown> => new Set(channels.map(pick));
    expect(seen(channelState)).toEqual(new Set(['live', 'draft', 'pending_deletion', 'other']));
    for (const status of [...CHANNEL_STATUSES, ...CLASSIC_STATUSES]) expect(seen((ch) => ch.status)).toContain(status);
    for (const status of FB_ACCOUNT_STATUSES) expect(seen((ch) => ch.waba_account?.fb_account_status)).toContain(status);
    for (const status of WABA_STATUSES) expect(seen((ch) => ch.waba_account?.status)).toContain(status);
    for (const status of OBO_STATUSES) expect(seen((ch) => ch.waba_account?.on_behalf_of_business_info?.status)).toContain(status);
    for (const limit of [...MESSAGING_LIMITS, null]) expect(seen((ch) => ch.current_limit)).toContain(limit);
    for (const rating of [...QUALITY_RATINGS, null]) expect(seen((ch) => ch.current_quality_rating)).toContain(rating);
    // Classic statuses in sandbox mode, and error channels explain themselves.
    expect(channels.some((ch) => ch.status === 'verified' && ch.account_mode === 'sandbox')).toBe(true);
    for (const ch of channels.filter((c) => c.status === 'error')) expect(ch.setup_info.error).toMatch(/\w/);
    // Live means ready with an app (the seed's rule for Embedded Signup channels).
    for (const ch of channels.filter((c) => channelState(c) === 'live')) {
      expect(ch.status).toBe('ready');
      expect(ch.integration?.app_id).toMatch(/^\d+$/);
    }
    // Missing optional objects occur too.
    expect(channels.some((ch) => ch.waba_account === undefined)).toBe(true);
    expect(channels.some((ch) => ch.integration === undefined || ch.integration === null)).toBe(true);
    expect(channels.some((ch) => ch.client.contact_info === null)).toBe(true);
  });

  it("models Meta's actions on accounts and version-2 channels whose classic status misleads, even in a small hub", () => {
    const channels = createDemoHub({ clients: 5, channels: 17 }).state.listChannels();
    const states = new Set(channels.map((ch) => deriveChannelStatus(ch).state.id));
    for (const state of ['banned', 'restricted', 'violation', 'sandbox', 'pending_deletion', 'draft'])
      expect(states, state).toContain(state);
    const misleading = (ch: DemoChannel) =>
      ch.version === 2 &&
      ch.account_mode === 'sandbox' &&
      !!ch.integration?.app_id &&
      ['ready', 'created', 'verified', 'error'].includes(ch.status);
    expect(channels.some(misleading)).toBe(true);
    const many = createDemoHub({ clients: 300, channels: 1000 }).state.listChannels();
    expect(many.filter(misleading).length).toBeGreaterThan(10);
    for (const status of ['account_banned', 'account_restriction', 'account_violation']) {
      expect(many.filter((ch) => ch.waba_account?.status === status && ch.account_mode === 'live').length, status).toBeGreaterThan(3);
    }
  });

  it('covers every channel state even in a tiny hub', () => {
    const hub = createDemoHub({ clients: 3, channels: 16 });
    const channels = hub.state.listChannels();
    expect(new Set(channels.map(channelState))).toEqual(new Set(['live', 'draft', 'pending_deletion', 'other']));
    for (const status of CLASSIC_STATUSES) expect(channels.map((c) => c.status)).toContain(status);
  });

  it('writes names in many scripts, including CSV-hostile ones', () => {
    const names = createDemoHub({ clients: 400, channels: 0 })
      .state.listClients()
      .map((c) => c.name);
    const has = (re: RegExp): boolean => names.some((n) => re.test(n));
    expect(has(/[äöüÄÖÜ]/)).toBe(true);
    expect(has(/ß/)).toBe(true);
    expect(has(/[éèêàçô]/)).toBe(true);
    expect(has(/\p{Script=Arabic}/u)).toBe(true);
    expect(has(/\p{Script=Han}/u)).toBe(true);
    expect(has(/[\p{Script=Hiragana}\p{Script=Katakana}]/u)).toBe(true);
    expect(has(/\p{Script=Cyrillic}/u)).toBe(true);
    expect(has(/\p{Script=Hebrew}/u)).toBe(true);
    expect(has(/\p{Extended_Pictographic}/u)).toBe(true);
    expect(has(/^[=+\-@]/)).toBe(true);
    expect(has(/\n/)).toBe(true);
    expect(has(/"/)).toBe(true);
    expect(has(/,/) && has(/;/)).toBe(true);
    // Even a three-client hub has umlauts.
    expect(
      createDemoHub({ clients: 3, channels: 0 })
        .state.listClients()
        .map((c) => c.name),
    ).toContain('Müller & Söhne GmbH');
  });

  it('writes numbers the ways partner data holds them, valid for their country', () => {
    const hub = createDemoHub({ clients: 300, channels: 1000 });
    const channels = hub.state.listChannels();
    const written = channels.map((ch) => ch.setup_info.phone_number);
    const share = (test: (n: string) => boolean) => written.filter(test).length / written.length;
    expect(share((n) => /^[1-9]\d{7,14}$/.test(n))).toBeGreaterThan(0.75); // as the Hub stores them
    expect(share((n) => n.startsWith('00'))).toBeGreaterThan(0.02);
    expect(share((n) => /^0[1-9]/.test(n) || n.startsWith('('))).toBeGreaterThan(0.02); // national, with the trunk 0 or an area code in brackets
    expect(share((n) => n.startsWith('+'))).toBeGreaterThan(0.01);
    let valid = 0;
    let unreadable = 0;
    for (const ch of channels) {
      const phone = parsePhone(ch.setup_info.phone_number, ch.client.contact_info?.country);
      if (phone?.e164 === null || phone === null) unreadable += 1;
      else if (parsePhoneNumberFromString(phone.e164)?.isValid()) valid += 1;
    }
    expect(unreadable).toBeGreaterThan(0); // some are no phone number at all
    expect(unreadable / channels.length).toBeLessThan(0.03);
    expect(valid / channels.length).toBeGreaterThan(0.95);
    // Even a small hub shows each way of writing a number in its first channels.
    const first = createDemoHub({ clients: 20, channels: 20 })
      .state.listChannels()
      .map((ch) => ch.setup_info.phone_number);
    expect(first.some((n) => n.startsWith('00'))).toBe(true);
    expect(first.some((n) => /^[(0][1-9(]/.test(n))).toBe(true);
    expect(first.some((n) => n.startsWith('+'))).toBe(true);
    expect(first.some((n) => !/\d{6}/.test(n.replace(/\D/g, '')))).toBe(true);
  });

  it('keeps channels consistent with their clients', () => {
    const hub = createDemoHub({ clients: 200, channels: 400 });
    const clients = new Map(hub.state.listClients().map((c) => [c.id, c]));
    const perClient = new Map<string, number>();
    const phones = new Set<string>();
    for (const ch of hub.state.listChannels()) {
      const owner = clients.get(ch.client_id);
      expect(owner, ch.id).toBeDefined();
      expect(ch.client).toEqual({
        id: owner?.id,
        name: owner?.name,
        partner_payload: owner?.partner_payload,
        contact_info: owner?.contact_info,
      });
      expect(ch.id).toMatch(/^[A-Za-z0-9]{6}CH$/);
      // Unique numbers, however they are written (junk and national numbers of clients without a country aside).
      const e164 = parsePhone(ch.setup_info.phone_number, ch.client.contact_info?.country)?.e164 ?? null;
      if (e164 !== null) {
        expect(phones.has(e164), e164).toBe(false);
        phones.add(e164);
      }
      if (ch.waba_account) expect(ch.waba_account_id).toBe(ch.waba_account.id);
      perClient.set(ch.client_id, (perClient.get(ch.client_id) ?? 0) + 1);
    }
    const counts = [...clients.keys()].map((id) => perClient.get(id) ?? 0);
    expect(counts.filter((n) => n === 0).length).toBeGreaterThan(0);
    expect(counts.filter((n) => n === 1 || n === 2).length).toBeGreaterThan(counts.length / 2);
    expect(Math.max(...counts)).toBeGreaterThan(2);
    for (const client of clients.values()) {
      expect(client.id).toMatch(/^[A-Za-z0-9]{8}CL$/);
      expect(client.status).toBe('active');
      expect(client.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }
    const all = [...clients.values()];
    expect(all.some((c) => c.contact_user === undefined)).toBe(true);
    expect(all.some((c) => c.meta_info === undefined)).toBe(true);
    expect(all.some((c) => c.partner_payload === null)).toBe(true);
    expect(all.some((c) => c.partner_payload?.startsWith('00'))).toBe(true);
    expect(all.some((c) => c.contact_info?.zip_code.startsWith('0'))).toBe(true);
    const limits = new Set(all.map((c) => c.max_channels));
    for (const n of [1, 2, 3, 5, 10]) expect(limits).toContain(n);
    for (const n of limits) expect([1, 2, 3, 5, 10, 20, 50, 100]).toContain(n);
    for (const c of all) expect(hub.state.listChannels(c.id).filter((ch) => !ch.terminated_at).length).toBeLessThanOrEqual(c.max_channels);
  });

  it('handles empty and lopsided sizes', async () => {
    for (const [clients, channels] of [
      [0, 0],
      [0, 5],
      [5, 0],
      [1, 50],
    ] as const) {
      const hub = createDemoHub({ clients, channels });
      const body = (await call(hub, partnerPath(hub, '/channels'))).json<ListBody<DemoChannel>>();
      expect(body.total).toBe(clients === 0 ? 0 : channels);
      expect(hub.state.clientCount()).toBe(clients);
    }
    expect(() => createDemoHub({ clients: -1 })).toThrow(RangeError);
  });

  it('generates 25k clients and 50k channels quickly and serves 1000-item pages fast', async () => {
    const started = performance.now();
    const hub = createDemoHub({ clients: 25_000, channels: 50_000 });
    const generated = performance.now() - started;
    const reply = directReplier(hub);
    if (!reply) throw new Error('hub without a direct replier');
    const url = `${DEMO_HUB_IN_PROCESS_ORIGIN}${partnerPath(hub, `/channels${listQuery({ limit: 1000, offset: 20_000 })}`)}`;
    const request = (): Request => new Request(url, { headers: { 'X-API-Key': hub.apiKey } });
    const timed = async (run: () => Promise<unknown>): Promise<number> => {
      const t = performance.now();
      await run();
      return performance.now() - t;
    };
    const cold = await timed(() => reply(request()));
    const warm = await timed(() => reply(request()));
    const otherPage = await timed(() =>
      reply(new Request(url.replace('offset=20000', 'offset=30000'), { headers: { 'X-API-Key': hub.apiKey } })),
    );
    let count = 0;
    const viaFetch = await timed(async () => {
      count = (await call(hub, partnerPath(hub, `/channels${listQuery({ limit: 1000, offset: 20_000 })}`))).json<ListBody<DemoChannel>>()
        .count;
    });
    expect(count).toBe(1000);
    console.log(
      `[demo hub timing] generate 25k clients + 50k channels: ${generated.toFixed(0)} ms; ` +
        `1000-channel page, hub side: first ${cold.toFixed(1)} ms (sorts 50k + serialises), repeat ${warm.toFixed(1)} ms, ` +
        `another page ${otherPage.toFixed(1)} ms; through in-process fetch incl. JSON.parse: ${viaFetch.toFixed(1)} ms`,
    );
  });
});

describe('client names', () => {
  it('repeat as rarely as real books of accounts do: a taken name gets its city, then a branch number', () => {
    const hub = createDemoHub({ seed: 99, clients: 5000, channels: 5000 });
    const names = hub.state.listClients().map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
