/**
 * Onboarding from a terminal: the partner's settings (`partner`, and changing its webhook and redirect
 * URLs through the outbox), permission links (`onboarding-link`, `onboarding-links`), reading a
 * redirect back (`onboarding-redirect`), withdrawing a cancellation and setting a client's tag.
 * Everything goes through the contract, so the CLI gets the app's checks and words.
 */
import { renderUnicodeCompact } from 'uqr';
import type { PartnerSettings, PermissionLink, PermissionLinkDetails } from '@shared/onboarding';
import { formatPhone, formatPhoneText } from '@shared/format';
import { UsageError } from '../cli-io';
import type { Command } from '../command';
import { confirmed, positional, request, sendAndReport, withSignedInCore } from './outbox-cli';

const yesAndJson = { yes: { type: 'boolean', short: 'y' }, json: { type: 'boolean' } } as const;

function printSettings(out: (line: string) => void, settings: PartnerSettings): void {
  const age =
    settings.source === 'fresh' ? 'read from the Hub just now' : settings.fetchedAt ? `as last read, ${settings.fetchedAt}` : 'never read';
  out(`Partner ${settings.partnerId}${settings.brandName ? ` (${settings.brandName})` : ''}: ${age}`);
  if (settings.error) out(`Not refreshed: ${settings.error.message}`);
  const width = Math.max(0, ...settings.rows.map((r) => r.label.length)) + 2;
  for (const row of settings.rows) {
    out(`  ${row.label.padEnd(width)}${row.value ?? '(not set)'}`);
    out(`  ${' '.repeat(width)}${row.help}`);
  }
  for (const warning of settings.warnings) out(`${warning.severity === 'error' ? 'Problem' : 'Warning'}: ${warning.message}`);
  for (const action of settings.pending) out(`In the outbox (${action.state}): ${action.detail ?? action.title}`);
}

export const partnerCommand: Command = {
  name: 'partner',
  summary: "Show the partner's settings (webhook and redirect URLs) with warnings; change the URLs (queued while offline)",
  usage: ['partner-desk partner [--cached] [--json]', 'partner-desk partner [--webhook-url URL] [--redirect-url URL] [--yes] [--json]'],
  help: [
    'Without options: reads the partner record from the Hub (offline, or with --cached, the last copy) and',
    'shows every public setting with what it is for, then what is wrong: no redirect URL (clients who finish',
    'the Integrated Onboarding see an error), no webhook URL, addresses that are not https.',
    '',
    'With --webhook-url and/or --redirect-url: changes them (PATCH /partners/{partner_id}) through the',
    'outbox, after confirming (--yes in scripts). Each must be an absolute https:// address. If someone',
    'changes them elsewhere before this is sent, it becomes a conflict (partner-desk outbox).',
  ].join('\n'),
  options: { ...yesAndJson, cached: { type: 'boolean' }, 'webhook-url': { type: 'string' }, 'redirect-url': { type: 'string' } },
  run: (context) =>
    withSignedInCore(context, async (core) => {
      const webhookUrl = context.values['webhook-url'];
      const redirectUrl = context.values['redirect-url'];
      const json = context.values.json === true;
      if (typeof webhookUrl === 'string' || typeof redirectUrl === 'string') {
        if (context.values.cached === true) throw new UsageError('--cached only applies to showing the settings.');
        // The change starts from the Hub's current values when it can be read; offline, from the last copy.
        await request(core, 'partner.settings', { refresh: true });
        const change = {
          ...(typeof webhookUrl === 'string' ? { webhookUrl } : {}),
          ...(typeof redirectUrl === 'string' ? { redirectUrl } : {}),
        };
        const preview = await request(core, 'actions.preview', { kind: 'set_partner_settings', ...change });
        if (!(await confirmed(context.io, preview, context.values.yes === true))) return 1;
        const action = await request(core, 'actions.setPartnerSettings', { ...change, confirmed: true });
        return sendAndReport(core, context.io, action, json);
      }
      const settings = await request(core, 'partner.settings', { refresh: context.values.cached !== true });
      if (json) context.io.out(JSON.stringify(settings, null, 2));
      else printSettings((line) => context.io.out(line), settings);
      if (settings.source === 'none') {
        if (!json)
          context.io.err(`partner-desk: The partner settings could not be read${settings.error ? `: ${settings.error.message}` : '.'}`);
        return 1;
      }
      return 0;
    }),
};

/** The email draft's language: the terminal's locale (LC_ALL, LC_MESSAGES, LANG), e.g. de_DE.UTF-8 -> de-DE. */
function terminalLanguage(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.LC_ALL || env.LC_MESSAGES || env.LANG;
  if (!raw || raw === 'C' || raw === 'POSIX') return undefined;
  return raw.split('.')[0]?.replace('_', '-');
}

export const onboardingLinkCommand: Command = {
  name: 'onboarding-link',
  summary: 'Make an Integrated Onboarding permission link for a new client, or to add numbers to an existing one',
  usage:
    'partner-desk onboarding-link [--client-id ID] [--email E] [--name N] [--number N] [--tag T] [--redirect-url URL] [--lang L] [--qr] [--json]',
  help: [
    "Builds the link to the Hub's permission page (https://hub.360dialog.com/dashboard/app/<partner>/permissions)",
    'where the client signs in or up and shares numbers with you, and records it with a new state so that',
    'the redirect (partner-desk onboarding-redirect) or the next sync can be tied back to it.',
    '  --client-id ID     add numbers to this existing client (the page opens the login)',
    '  --email, --name    prefill the sign-up',
    '  --number N         the number to onboard, with its country code (+49 151 …)',
    '  --tag T            your own tag for the new client (its partner_payload)',
    '  --redirect-url U   where this client lands instead of your partner redirect URL',
    "  --lang L           language of the email draft in --json (default: the terminal's)",
    '  --qr               also print the link as a QR code',
    'Refused when your account has no redirect URL (the client would see an error) and none is given.',
    'Prints the link on stdout; --json prints the recorded link (url, state, warnings, mailto).',
  ].join('\n'),
  options: {
    'client-id': { type: 'string' },
    email: { type: 'string' },
    name: { type: 'string' },
    number: { type: 'string' },
    tag: { type: 'string' },
    'redirect-url': { type: 'string' },
    lang: { type: 'string' },
    qr: { type: 'boolean' },
    json: { type: 'boolean' },
  },
  run: (context) =>
    withSignedInCore(context, async (core) => {
      const text = (key: string): string | undefined =>
        typeof context.values[key] === 'string' ? (context.values[key] as string) : undefined;
      const language = text('lang') ?? terminalLanguage(context.io.env);
      const made = await request(core, 'onboarding.createLink', {
        ...(text('client-id') !== undefined ? { clientId: text('client-id') } : {}),
        ...(text('email') !== undefined ? { email: text('email') } : {}),
        ...(text('name') !== undefined ? { name: text('name') } : {}),
        ...(text('number') !== undefined ? { number: text('number') } : {}),
        ...(text('tag') !== undefined ? { partnerPayload: text('tag') } : {}),
        ...(text('redirect-url') !== undefined ? { redirectUrl: text('redirect-url') } : {}),
        ...(language !== undefined ? { language } : {}),
      });
      const link = await request(core, 'onboarding.markShared', { id: made.id, method: context.values.qr === true ? 'qr' : 'cli' });
      if (context.values.json === true) {
        context.io.out(JSON.stringify(link, null, 2));
      } else {
        context.io.out(link.url ?? '');
        context.io.err(`State ${link.state ?? '(none)'} recorded (link ${link.id}).`);
        for (const warning of link.warnings) context.io.err(`Warning: ${warning}`);
      }
      if (context.values.qr === true && link.url) context.io.out(renderUnicodeCompact(link.url, { ecc: 'M' }));
      return 0;
    }),
};

function linkLine(link: PermissionLink): string {
  const who = [link.clientName ?? link.clientId, link.email, formatPhoneText(link.number)].filter(Boolean).join(', ') || 'a new client';
  const outcome =
    link.status === 'open'
      ? 'open'
      : link.result
        ? `used ${link.usedAt ?? ''}: client ${link.result.clientId}, ${link.result.granted.length} granted, ${link.result.revoked.length} revoked${link.result.added.length > 0 ? `, ${link.result.added.length} new` : ''}`
        : 'used';
  return `${link.createdAt}  ${link.origin === 'redirect' ? 'redirect without a link' : `for ${who}`}  state ${link.state ?? '-'}  ${outcome}`;
}

export const onboardingLinksCommand: Command = {
  name: 'onboarding-links',
  summary: 'List the permission links made, and what came back from each',
  usage: 'partner-desk onboarding-links [--json]',
  help: [
    'Every permission link of this profile, newest first: who it was for, its state, whether it was used and',
    'which channels it brought (from a redirect, or matched by a sync).',
  ].join('\n'),
  options: { json: { type: 'boolean' } },
  run: (context) =>
    withSignedInCore(context, async (core) => {
      const { items } = await request(core, 'onboarding.links', { limit: 500 });
      if (context.values.json === true) context.io.out(JSON.stringify(items, null, 2));
      else if (items.length === 0) context.io.out('No permission links yet (partner-desk onboarding-link).');
      else for (const link of items) context.io.out(linkLine(link));
      return 0;
    }),
};

function printDetails(out: (line: string) => void, details: PermissionLinkDetails): void {
  const row = (label: string, g: PermissionLinkDetails['granted'][number]) =>
    out(
      `  ${label} ${g.channel ? `${formatPhone({ raw: g.channel.phoneNumber, e164: g.channel.phoneE164 }) ?? g.channelId} (${g.channelId}) ${g.channel.status.state.label}` : `${g.channelId} (not synced)`}${g.keyPresent ? ', API key in the keychain' : ''}`,
    );
  for (const g of details.granted) row('granted', g);
  for (const g of details.revoked) row('revoked', g);
  for (const g of details.added) row('new    ', g);
}

export const onboardingRedirectCommand: Command = {
  name: 'onboarding-redirect',
  summary: 'Read a permission redirect back (client=…&channels=[…]): record it, sync, show the granted channels',
  usage: 'partner-desk onboarding-redirect URL_OR_QUERY [--no-sync] [--json]',
  help: [
    'Give the address your redirect page was opened with (or only its query). It is tied to its permission',
    'link by the state it carries (a state no link of this profile carries is refused), the granted and',
    'revoked channels are recorded and announced, and a sync brings the new channels (unless --no-sync).',
    'Generate their API keys with partner-desk api-key CHANNEL_ID.',
  ].join('\n'),
  options: { json: { type: 'boolean' }, 'no-sync': { type: 'boolean' } },
  run: (context) =>
    withSignedInCore(context, async (core) => {
      const text = positional(context, 0, 'redirect address (quote it: it contains & and [ ])');
      let reading = await request(core, 'onboarding.readRedirect', { text });
      if (reading.link.waitingForSync && context.values['no-sync'] !== true) {
        const synced = await core.accounts.syncNow();
        if (synced.state !== 'succeeded')
          context.io.err(
            `partner-desk: The sync did not complete (${synced.error?.message ?? synced.state}); the channels show after the next one.`,
          );
        const details = await request(core, 'onboarding.link', { id: reading.link.id });
        reading = { ...reading, link: details };
      }
      if (context.values.json === true) {
        context.io.out(JSON.stringify(reading, null, 2));
      } else {
        context.io.out(reading.message);
        printDetails((line) => context.io.out(line), reading.link);
      }
      return 0;
    }),
};

export const withdrawCancellationCommand: Command = {
  name: 'withdraw-cancellation',
  summary: "Withdraw a channel's cancellation request (reactivate it before the end of the month; queued while offline)",
  usage: 'partner-desk withdraw-cancellation CHANNEL_ID [--yes] [--json]',
  help: [
    'A channel pending deletion is deleted at the end of the month of its cancellation; until then the',
    'request can be withdrawn and the number stays active (and billed). Asks to confirm (--yes in scripts).',
    'Offline, the request is queued and sent later (partner-desk push).',
  ].join('\n'),
  options: yesAndJson,
  run: (context) =>
    withSignedInCore(context, async (core) => {
      const channelId = positional(context, 0, 'channel id');
      const preview = await request(core, 'actions.preview', { kind: 'withdraw_cancellation', channelId });
      if (!(await confirmed(context.io, preview, context.values.yes === true))) return 1;
      const action = await request(core, 'actions.withdrawCancellation', { channelId, confirmed: true });
      return sendAndReport(core, context.io, action, context.values.json === true);
    }),
};

export const setTagCommand: Command = {
  name: 'set-tag',
  summary: "Set a client's tag, your own value for it (partner_payload; queued while offline)",
  usage: 'partner-desk set-tag CLIENT_ID TAG [--json]',
  help: [
    'Stores TAG as the client\'s partner_payload, e.g. your CRM id; "" removes it. Tags are searchable',
    '(partner-desk clients --search, channels --search). If the tag is changed elsewhere before this is',
    'sent, it becomes a conflict shown with both values (partner-desk outbox).',
  ].join('\n'),
  options: { json: { type: 'boolean' } },
  run: async (context) => {
    const clientId = positional(context, 0, 'client id and the tag');
    const tag = context.positionals[1];
    if (tag === undefined) throw new UsageError('Give the tag ("" removes it).');
    return withSignedInCore(context, async (core) => {
      const action = await request(core, 'actions.setPartnerPayload', { clientId, partnerPayload: tag, confirmed: true });
      return sendAndReport(core, context.io, action, context.values.json === true);
    });
  },
};
