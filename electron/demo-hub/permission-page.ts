/**
 * The simulated Hub's permission page (`/dashboard/app/{partner_id}/permissions`), so demo mode shows
 * the Integrated Onboarding loop end to end without an account: the client "signs in" (the link's
 * client_id, or an existing client with the link's email) or "signs up" (a new client from the
 * link's name, email and `partner` tag), picks the numbers to share, may add the link's number, and
 * is sent to the redirect URL with `client`, `channels=[…]`, `revoked=[…]` and the link's `state`,
 * as the real Hub does (docs: "custom integrated onboarding"). The records it creates or changes
 * are what the next sync sees; shared numbers get API-key permission, taken-back ones lose it.
 *
 * A redirect URL on a reserved example domain (RFC 2606: `.example`, as the demo partner's) can be
 * reached by no browser, so the page then shows the address to paste into Partner Desk, with a link
 * to it, instead of sending the browser nowhere. Plain HTML without scripts, served with a CSP.
 */
import { formatPhoneText, parsePhone, readTypedNumber } from '@shared/format/phone';
import { isoSeconds } from './prng';
import type { HubContext, RequestContext } from './hub-context';
import type { HubReply } from './replies';
import type { ChannelEntry, ClientEntry, DemoChannel } from './types';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'";

interface PageParams {
  email: string;
  name: string;
  partner: string;
  number: string;
  clientId: string;
  state: string;
  redirectUrl: string;
}

function paramsOf(source: URLSearchParams): PageParams {
  const get = (key: string) => (source.get(key) ?? '').trim();
  return {
    email: get('email'),
    name: get('name'),
    partner: source.get('partner') ?? '',
    number: get('number'),
    clientId: get('client_id'),
    state: get('state'),
    redirectUrl: get('redirect_url'),
  };
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

function html(status: number, title: string, body: string, headers: Record<string, string> = {}): HubReply {
  const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} · 360dialog (simulated)</title>
<style>
  :root { color-scheme: light dark; --bg: #f4f6f8; --card: #fff; --text: #16202a; --muted: #52606d; --line: #d5dce3; --accent: #0b5cad; --accent-text: #fff; --warn: #8a4b00; }
  @media (prefers-color-scheme: dark) { :root { --bg: #11161c; --card: #1b222b; --text: #e8edf2; --muted: #a7b3bf; --line: #33404d; --accent: #6cb2ff; --accent-text: #0b1520; --warn: #ffc46b; } }
  body { margin: 0; font: 16px/1.5 system-ui, sans-serif; background: var(--bg); color: var(--text); }
  main { max-width: 34rem; margin: 2rem auto; padding: 1.5rem 1.75rem; background: var(--card); border: 1px solid var(--line); border-radius: 10px; }
  h1 { font-size: 1.35rem; margin: 0 0 .5rem; }
  p { margin: .5rem 0; }
  .muted { color: var(--muted); font-size: .92rem; }
  .demo { border-left: 3px solid var(--warn); padding: .25rem .75rem; color: var(--warn); font-size: .9rem; }
  fieldset { border: 1px solid var(--line); border-radius: 8px; margin: 1rem 0; padding: .5rem 1rem 1rem; }
  legend { font-weight: 600; padding: 0 .25rem; }
  label { display: block; margin-top: .6rem; }
  input[type=text], input[type=email], input[type=tel], input[type=url] { width: 100%; box-sizing: border-box; font: inherit; padding: .45rem .6rem; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); color: var(--text); }
  .check { display: flex; gap: .6rem; align-items: baseline; margin-top: .5rem; }
  button, .button { display: inline-block; margin-top: 1rem; font: inherit; font-weight: 600; padding: .55rem 1.1rem; border: 0; border-radius: 6px; background: var(--accent); color: var(--accent-text); text-decoration: none; cursor: pointer; }
  a { color: var(--accent); }
  code, output { font-family: ui-monospace, monospace; font-size: .9rem; word-break: break-all; }
  .error { border-left: 3px solid #c0392b; padding: .25rem .75rem; }
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
  return {
    status,
    body: page,
    headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CSP, 'cache-control': 'no-store', ...headers },
  };
}

function errorPage(status: number, message: string, back: string | null): HubReply {
  return html(
    status,
    'Cannot share permission',
    `<h1>Cannot share permission</h1>
<p class="error" role="alert">${escape(message)}</p>
${back ? `<p><a href="${escape(back)}">Back to the permission page</a></p>` : ''}`,
  );
}

/** The client this visit is about: the link's client_id, else an existing client with the link's email. */
function findClient(hub: HubContext, params: PageParams): ClientEntry | undefined {
  if (params.clientId) return hub.store.client(params.clientId);
  if (!params.email) return undefined;
  const email = params.email.toLowerCase();
  return hub.store.clientList().find((c) => (c.record.contact_info?.email ?? c.record.contact_user?.email ?? '').toLowerCase() === email);
}

/** A channel's number as the Hub holds it (digits, or as a client once wrote it), read in its client's country. */
function e164Of(hub: HubContext, channel: DemoChannel): string | null {
  return parsePhone(channel.setup_info.phone_number, hub.store.client(channel.client_id)?.record.contact_info?.country)?.e164 ?? null;
}

function numberOf(hub: HubContext, channel: DemoChannel): string {
  return formatPhoneText(e164Of(hub, channel) ?? channel.setup_info.phone_number) ?? channel.setup_info.phone_number;
}

function pageUrl(req: RequestContext, params: PageParams): string {
  const query = new URLSearchParams();
  const set = (key: string, value: string) => value && query.set(key, value);
  set('email', params.email);
  set('name', params.name);
  set('partner', params.partner);
  set('number', params.number);
  set('client_id', params.clientId);
  set('state', params.state);
  set('redirect_url', params.redirectUrl);
  return `${req.path}?${query.toString()}`;
}

function redirectTarget(hub: HubContext, params: PageParams): string | null {
  const candidate = params.redirectUrl || hub.store.partner.partner_redirect_url || '';
  try {
    const url = new URL(candidate);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

function hidden(name: string, value: string): string {
  return value ? `<input type="hidden" name="${name}" value="${escape(value)}">` : '';
}

export function getPermissionPage(hub: HubContext, req: RequestContext): HubReply {
  const params = paramsOf(req.url.searchParams);
  if (req.params.pid !== hub.partnerId) return errorPage(404, `There is no partner ${req.params.pid ?? ''} on this Hub.`, null);
  const partner = hub.store.partner;
  if (params.clientId && !hub.store.client(params.clientId))
    return errorPage(404, `There is no client ${params.clientId} on this Hub.`, null);
  const client = findClient(hub, params);
  const channels = client ? hub.store.channelsOf(client.record.id).filter((c) => c.record.terminated_at === null) : [];
  const who = client
    ? `<p>Signed in as <strong>${escape(client.record.name)}</strong> <span class="muted">(client <code>${escape(client.record.id)}</code>)</span>.</p>`
    : `<fieldset><legend>Create your account</legend>
<label for="name">Company name</label><input id="name" name="name" type="text" required autocomplete="organization" value="${escape(params.name)}">
<label for="email">Email</label><input id="email" name="email" type="email" required autocomplete="email" value="${escape(params.email)}">
</fieldset>`;
  const list = channels
    .map((c) => {
      const id = `ch-${c.record.id}`;
      return `<div class="check"><input type="checkbox" id="${id}" name="channel" value="${escape(c.record.id)}" checked><label for="${id}">${escape(numberOf(hub, c.record))} · ${escape(c.record.setup_info.phone_name)}</label></div>`;
    })
    .join('\n');
  const body = `<h1>${escape(partner.brand_name)} would like access to your WhatsApp numbers</h1>
<p class="demo">Simulated 360dialog Hub of Partner Desk's demo mode: nothing here reaches 360dialog.</p>
<p class="muted">Sharing a number lets ${escape(partner.brand_name)} generate its API key and send messages on your behalf. You can take it back at any time.</p>
<form method="post" action="${escape(req.path)}">
${hidden('state', params.state)}${hidden('redirect_url', params.redirectUrl)}${hidden('partner', params.partner)}${hidden('client_id', client?.record.id ?? '')}
${client ? hidden('email', params.email) + hidden('name', params.name) : ''}
${who}
${channels.length > 0 ? `<fieldset><legend>Numbers to share</legend>\n${list}\n</fieldset>` : ''}
<fieldset><legend>${channels.length > 0 ? 'Add a number' : 'Your WhatsApp number'}</legend>
<label for="number">Phone number with country code${channels.length > 0 ? ' (optional)' : ''}</label>
<input id="number" name="number" type="tel" autocomplete="tel" ${channels.length > 0 ? '' : 'required'} value="${escape(params.number)}">
</fieldset>
<button type="submit">Allow access</button>
</form>`;
  return html(200, 'Share your numbers', body);
}

function newChannel(hub: HubContext, client: ClientEntry, digits: string): ChannelEntry {
  const now = hub.now();
  const made = hub.state.addChannel(client.record.id, {
    account_mode: 'live',
    status: 'ready',
    terminated_at: null,
    billing_started_at: isoSeconds(now),
    current_limit: 'TIER_250',
    current_quality_rating: 'GREEN',
  });
  const entry = hub.store.channel(made.id) as ChannelEntry;
  // Freshly onboarded through the Embedded Signup: registered and running (so its key can be generated).
  hub.state.updateChannel(made.id, {
    setup_info: { ...entry.record.setup_info, phone_number: digits, error: null },
    integration: {
      enabled: true,
      app_id: entry.record.integration?.app_id ?? String(100_000 + Math.floor(hub.rng.float() * 899_999)),
      state: 'running',
    },
    ...(entry.record.waba_account
      ? { waba_account: { ...entry.record.waba_account, status: 'approved', fb_account_status: 'verified' } }
      : {}),
  });
  hub.store.ids.phones.add(digits);
  return entry;
}

export async function postPermissionPage(hub: HubContext, req: RequestContext): Promise<HubReply> {
  const form = new URLSearchParams(await req.body());
  const params = paramsOf(form);
  const back = pageUrl(req, params);
  if (req.params.pid !== hub.partnerId) return errorPage(404, `There is no partner ${req.params.pid ?? ''} on this Hub.`, null);
  const target = redirectTarget(hub, params);
  // The documented client-facing error: without a redirect URL the permission cannot be shared.
  if (!target)
    return errorPage(
      409,
      `${hub.store.partner.brand_name} has no redirect URL set, so the permission cannot be shared. Tell them; nothing was changed.`,
      back,
    );
  let client = findClient(hub, params);
  // The page asks for the number with its country code; the Hub keeps its E.164 digits without "+".
  const typed = params.number ? readTypedNumber(params.number) : null;
  if (typed && !typed.ok) return errorPage(400, `${params.number} is not a phone number with its country code.`, back);
  const e164 = typed?.ok ? typed.e164 : null;
  const digits = e164 === null ? '' : e164.slice(1);
  if (e164 !== null && hub.store.channelList().some((c) => e164Of(hub, c.record) === e164)) {
    return errorPage(409, `${formatPhoneText(e164) ?? e164} is already registered on the Hub.`, back);
  }
  if (!client) {
    if (!params.name || !params.email.includes('@'))
      return errorPage(400, 'Enter your company name and email to create your account.', back);
    if (!digits) return errorPage(400, 'Enter the WhatsApp number to onboard.', back);
    const made = hub.state.addClient({
      name: params.name,
      organisation: params.name,
      partner_payload: params.partner || null,
      max_channels: 2,
    });
    const entry = hub.store.client(made.id) as ClientEntry;
    const contact = entry.record.contact_info;
    hub.state.updateClient(made.id, {
      contact_info: contact ? { ...contact, email: params.email, full_name: params.name } : contact,
      contact_user: { phone: `+${digits}`, email: params.email, name: params.name },
    });
    client = entry;
  }
  const existing = hub.store.channelsOf(client.record.id).filter((c) => c.record.terminated_at === null);
  const chosen = new Set(form.getAll('channel'));
  if (digits && existing.length >= client.record.max_channels) {
    return errorPage(
      409,
      `${client.record.name} may have at most ${client.record.max_channels} numbers (its channel limit); ask ${hub.store.partner.brand_name} to raise it.`,
      back,
    );
  }
  const granted: string[] = [];
  const revoked: string[] = [];
  for (const channel of existing) {
    if (chosen.has(channel.record.id)) {
      channel.apiKeyPermission = true;
      granted.push(channel.record.id);
    } else if (channel.apiKeyPermission) {
      channel.apiKeyPermission = false;
      revoked.push(channel.record.id);
    }
  }
  if (digits) {
    const added = newChannel(hub, client, digits);
    added.apiKeyPermission = true;
    granted.push(added.record.id);
  }
  const query = [`client=${encodeURIComponent(client.record.id)}`, `channels=[${granted.join(',')}]`];
  if (revoked.length > 0) query.push(`revoked=[${revoked.join(',')}]`);
  if (params.state) query.push(`state=${encodeURIComponent(params.state)}`);
  const location = `${target}${target.includes('?') ? '&' : '?'}${query.join('&')}`;
  if (new URL(location).hostname.endsWith('.example')) {
    return html(
      200,
      'Permission shared',
      `<h1>Permission shared</h1>
<p>${escape(client.record.name)} shared ${granted.length} number${granted.length === 1 ? '' : 's'} with ${escape(hub.store.partner.brand_name)}.</p>
<p class="demo">The redirect URL is on a reserved example domain that no browser can reach, so the simulated Hub shows the address it would open. Paste it into Partner Desk (Onboarding, Read a redirect).</p>
<p><label for="redirect">Redirect address</label><input id="redirect" type="url" readonly value="${escape(location)}"></p>
<p><a class="button" href="${escape(location)}">Continue to the redirect page</a></p>`,
    );
  }
  return { status: 303, body: '', headers: { location, 'cache-control': 'no-store' } };
}
