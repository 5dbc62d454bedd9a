/**
 * `partner-desk cancel | set-max-channels | api-key | health`: queue an action from a terminal (it
 * works offline: the action waits in the outbox and goes with `partner-desk push`, or with the app),
 * and check a channel's health with its stored key. A generated key is never printed.
 */
import { MaxChannels } from '../../../shared/outbox';
import { UsageError } from '../cli-io';
import type { Command } from '../command';
import { confirmed, positional, request, sendAndReport, withSignedInCore } from './outbox-cli';

const yesAndJson = { yes: { type: 'boolean', short: 'y' }, json: { type: 'boolean' } } as const;

export const cancelCommand: Command = {
  name: 'cancel',
  summary: 'Request cancellation of a channel (queued while offline; asks for confirmation)',
  usage: 'partner-desk cancel CHANNEL_ID [--yes] [--json]',
  help: [
    'Usage: partner-desk cancel CHANNEL_ID [--yes] [--json]',
    '',
    'Asks the 360dialog Hub to cancel the channel: it becomes "pending deletion", keeps working until the end',
    'of the month, then is deleted and its billing stops. Shows what will happen and asks to confirm;',
    'scripts pass --yes. Offline, the request is queued and sent later (partner-desk push).',
  ].join('\n'),
  options: yesAndJson,
  run: (context) =>
    withSignedInCore(context, async (core) => {
      const channelId = positional(context, 0, 'channel id (partner-desk channels --search …)');
      const preview = await request(core, 'actions.preview', { kind: 'cancel_channel', channelId });
      if (!(await confirmed(context.io, preview, context.values.yes === true))) return 1;
      const action = await request(core, 'actions.cancelChannel', { channelId, confirmed: true });
      return sendAndReport(core, context.io, action, context.values.json === true);
    }),
};

/** "5" -> 5; "2.5", "abc", "0" -> a usage error saying what a limit must be. */
export function parseLimit(raw: string): number {
  const text = raw.trim();
  const parsed = MaxChannels.safeParse(/^[+-]?\d+(\.\d+)?$/.test(text) ? Number(text) : text);
  if (!parsed.success) throw new UsageError(`${parsed.error.issues[0]?.message ?? 'Invalid channel limit.'} Got "${raw}".`);
  return parsed.data;
}

export const setMaxChannelsCommand: Command = {
  name: 'set-max-channels',
  summary: "Change a client's maximum number of channels (queued while offline)",
  usage: 'partner-desk set-max-channels CLIENT_ID N [--yes] [--json]',
  help: [
    'Usage: partner-desk set-max-channels CLIENT_ID N [--yes] [--json]',
    '',
    'N is a whole number of at least 1 (the Hub\'s default is 2). A limit below the number of channels the',
    'client already has needs a confirmation (--yes in scripts). If someone changes the limit elsewhere',
    'before this is sent, it becomes a conflict shown with both values (partner-desk outbox).',
  ].join('\n'),
  options: yesAndJson,
  run: async (context) => {
    const clientId = positional(context, 0, 'client id and the new limit');
    const limit = parseLimit(positional(context, 1, 'new limit (a whole number of at least 1)'));
    return withSignedInCore(context, async (core) => {
      const preview = await request(core, 'actions.preview', { kind: 'set_max_channels', clientId, maxChannels: limit });
      if (!(await confirmed(context.io, preview, context.values.yes === true))) return 1;
      const action = await request(core, 'actions.setMaxChannels', { clientId, maxChannels: limit, confirmed: true });
      return sendAndReport(core, context.io, action, context.values.json === true);
    });
  },
};

export const apiKeyCommand: Command = {
  name: 'api-key',
  summary: 'Generate a new API key for a channel into the keychain (revokes the existing ones; asks first)',
  usage: 'partner-desk api-key CHANNEL_ID [--yes] [--json]',
  help: [
    'Usage: partner-desk api-key CHANNEL_ID [--yes] [--json]',
    '',
    'Generates the channel\'s D360-API-KEY. This revokes every existing key of the number at once, so it',
    'asks to confirm first (--yes in scripts). The key goes into the system keychain only and is never',
    'printed; the desktop app can copy it to the clipboard. Offline, the request is queued.',
  ].join('\n'),
  options: yesAndJson,
  run: (context) =>
    withSignedInCore(context, async (core) => {
      const channelId = positional(context, 0, 'channel id');
      const preview = await request(core, 'actions.preview', { kind: 'generate_api_key', channelId });
      if (!(await confirmed(context.io, preview, context.values.yes === true))) return 1;
      const action = await request(core, 'actions.generateApiKey', { channelId, confirmed: true });
      return sendAndReport(core, context.io, action, context.values.json === true);
    }),
};

export const healthCommand: Command = {
  name: 'health',
  summary: "Check a channel's health with its stored key (at most every 5 minutes)",
  usage: 'partner-desk health CHANNEL_ID [--json]',
  help: [
    'Usage: partner-desk health CHANNEL_ID [--json]',
    '',
    'Asks the channel\'s Messaging API for its health, with the key generated by partner-desk api-key:',
    'Cloud API channels say whether the number can send messages and what stands in the way; legacy',
    'On-Premise channels give their gateway status and the number the key belongs to. A channel is',
    'checked at most once every 5 minutes; sooner, the cached answer is shown with its age. Offline, the',
    'check is queued. Exit 0 when an answer is shown, 1 otherwise.',
  ].join('\n'),
  options: { json: { type: 'boolean' } },
  run: (context) =>
    withSignedInCore(context, async (core) => {
      const channelId = positional(context, 0, 'channel id');
      const health = await request(core, 'channels.health', { channelId, check: true });
      if (context.values.json === true) context.io.out(JSON.stringify(health, null, 2));
      else {
        context.io.out(`Gateway: ${health.gatewayStatus ?? 'unknown'}${health.phoneNumber ? ` · number +${health.phoneNumber}` : ''}`);
        context.io.out(`${health.source === 'fresh' ? 'Checked now' : health.source === 'cached' ? 'Cached answer' : 'Not answered'}: ${health.message}`);
      }
      const answered = (health.source === 'fresh' || health.source === 'cached') && health.gatewayStatus !== null;
      if (!answered && context.values.json !== true) context.io.err(`partner-desk: ${health.lastError?.message ?? health.message}`);
      return answered ? 0 : 1;
    }),
};
