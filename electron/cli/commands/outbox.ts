/** `partner-desk outbox [retry|cancel ID]` and `partner-desk push`: see and steer the offline queue. */
import type { OutboxAction, OutboxStatus } from '@shared/outbox';
import { UsageError, type CliIo } from '../cli-io';
import type { Command } from '../command';
import { formatTable } from '../format-table';
import { describeAction, positional, request, sendAndReport, withSignedInCore } from './outbox-cli';

function footer(io: CliIo, status: OutboxStatus): void {
  const c = status.counts;
  io.out(`${c.queued + c.sending} waiting, ${c.failed} failed, ${c.conflict} in conflict, ${c.done} done, ${c.cancelled} cancelled`);
  if (status.paused) io.out(`Paused: ${status.paused.message}`);
  if (status.online === false) io.out('Offline: queued actions go when the connection is back (partner-desk push).');
}

function table(items: readonly OutboxAction[]): string {
  const rows = items.map((a) => [
    a.createdAt.slice(0, 19).replace('T', ' '),
    a.id.slice(0, 8),
    a.title + (a.detail ? ` (${a.detail})` : ''),
    a.state,
    String(a.attempts),
    describeAction(a),
  ]);
  return formatTable(['Queued at', 'ID', 'Action', 'State', 'Tries', 'Note'], rows, 60);
}

/** Action ids are UUIDs; the listing shows their first 8 characters, which are accepted too. */
function resolveId(items: readonly OutboxAction[], given: string): string {
  const matches = items.filter((a) => a.id === given || a.id.startsWith(given));
  if (matches.length !== 1)
    throw new UsageError(
      matches.length === 0
        ? `No queued action ${given}; see partner-desk outbox.`
        : `"${given}" matches several actions; give more of the id.`,
    );
  return matches[0]!.id;
}

export const outboxCommand: Command = {
  name: 'outbox',
  summary: 'Show the queue of offline actions; retry a failed one or cancel one not yet sent',
  usage: ['partner-desk outbox [--json] [--open]', 'partner-desk outbox retry ID', 'partner-desk outbox cancel ID'],
  help: [
    'Lists queued actions, newest first, with their state, attempts and the last error or conflict.',
    '`retry ID` sends a failed action again (or a limit in conflict, anyway); `cancel ID` cancels an',
    'action not yet sent, or discards a failed or conflicting one.',
    'IDs may be shortened to their first 8 characters, as listed.',
  ].join('\n'),
  options: { json: { type: 'boolean' }, open: { type: 'boolean' } },
  run: (context) =>
    withSignedInCore(context, async (core) => {
      const [verb] = context.positionals;
      const json = context.values.json === true;
      if (verb === undefined) {
        const page = await request(core, 'outbox.list', { openOnly: context.values.open === true, limit: 500 });
        if (json) {
          context.io.out(JSON.stringify(page, null, 2));
          return 0;
        }
        if (page.items.length > 0) context.io.out(table(page.items));
        footer(context.io, page);
        return 0;
      }
      if (verb !== 'retry' && verb !== 'cancel') throw new UsageError(`Unknown outbox command "${verb}"; use retry or cancel.`);
      const all = (await request(core, 'outbox.list', { limit: 500 })).items;
      const id = resolveId(all, positional(context, 1, 'action id (partner-desk outbox)'));
      if (verb === 'cancel') {
        const action = await request(core, 'outbox.cancel', { id });
        if (json) context.io.out(JSON.stringify(action, null, 2));
        else context.io.out(`${action.title}: withdrawn; it will not be sent.`);
        return 0;
      }
      return sendAndReport(core, context.io, await request(core, 'outbox.retry', { id }), json);
    }),
};

export const pushCommand: Command = {
  name: 'push',
  summary: 'Send the queued actions now (exit 0 when the queue is empty afterwards, 1 when actions remain or failed)',
  usage: 'partner-desk push [--json]',
  help: [
    'Sends every queued action now, in the order they were queued per record, skipping backoff waits (a',
    "server's Retry-After still holds). Actions interrupted earlier are first checked against the Hub, so",
    'none is sent twice. Exit 0 when nothing is left waiting, failed or in conflict; 1 otherwise.',
  ].join('\n'),
  options: { json: { type: 'boolean' } },
  run: (context) =>
    withSignedInCore(context, async (core) => {
      const result = await request(core, 'outbox.push', {});
      const c = result.counts;
      const empty = c.queued + c.sending + c.failed + c.conflict === 0;
      if (context.values.json === true) context.io.out(JSON.stringify(result, null, 2));
      else if (empty) context.io.out(result.message);
      if (!empty && context.values.json !== true) context.io.err(`partner-desk: ${result.message}`);
      return empty ? 0 : 1;
    }),
};
