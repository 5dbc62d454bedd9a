/** `partner-desk status | sync | clients | channels`: the synced book of accounts from a terminal. */
import { ChannelQuery, ClientQuery, type SyncStatus } from '@shared/accounts';
import { formatPhone } from '@shared/format/phone';
import { ChannelStateId } from '@shared/status';
import type { Core } from '@core';
import { UsageError, type CliIo } from '../cli-io';
import type { Command, CommandContext } from '../command';
import { formatTable } from '../format-table';
import { openCore } from '../open-core';

async function withCore(context: CommandContext, run: (core: Core) => Promise<number>): Promise<number> {
  const core = await openCore({ values: context.values, io: context.io, runMode: 'cli' });
  try {
    return await run(core);
  } finally {
    core.close();
  }
}

function requireSignedIn(core: Core, io: CliIo): string | null {
  const id = core.accounts.activeProfileId();
  if (!id) io.err('partner-desk: Nobody is signed in. Run `partner-desk login --partner-id ID --api-key-stdin` first.');
  return id;
}

function printJson(io: CliIo, value: unknown): void {
  io.out(JSON.stringify(value, null, 2));
}

/** Every page of a listing, in order. */
function collectPages<T>(pageSize: number, fetchPage: (offset: number) => { total: number; items: T[] }): { total: number; items: T[] } {
  const first = fetchPage(0);
  const items = [...first.items];
  for (let offset = pageSize; items.length < first.total && offset < first.total; offset += pageSize)
    items.push(...fetchPage(offset).items);
  return { total: first.total, items };
}

/** What to do when the Hub refused the stored key: a new login keeps the profile, its cache and its queue. */
export const LOGIN_HINT =
  'Run `partner-desk login --partner-id ID --api-key-stdin` with the current key: the cache and the queued actions are kept.';

function describeSync(status: SyncStatus): string {
  if (!status.lastSucceededAt) return 'never synced';
  return `last synced ${status.lastSucceededAt}`;
}

export const statusCommand: Command = {
  name: 'status',
  summary: 'Show the signed-in partner, the connection and the last sync',
  usage: 'partner-desk status [--json]',
  help: '',
  options: { json: { type: 'boolean' } },
  run: (context) =>
    withCore(context, async (core) => {
      // The local copy only: a status is never held up by the network (`sync` talks to the Hub).
      const session = await core.session.checkedState();
      const sync = core.accounts.syncStatus();
      const profile = session.profiles.find((p) => p.id === session.activeProfileId) ?? null;
      if (context.values.json) {
        printJson(context.io, { profile, connection: session.connection, sync });
        return 0;
      }
      if (!profile) {
        context.io.out('Not signed in.');
        return 0;
      }
      context.io.out(`${profile.label} (${profile.partnerId}) · ${profile.authMethod === 'demo' ? 'demo data' : profile.hubUrl}`);
      context.io.out(
        session.connection.status === 'unchecked'
          ? 'Connection: not checked (this command reads the local copy only; `partner-desk sync` talks to the Hub)'
          : `Connection: ${session.connection.status}${session.connection.message ? ` (${session.connection.message})` : ''}`,
      );
      context.io.out(`Cache: ${sync.counts.clients} clients, ${sync.counts.channels} channels, ${describeSync(sync)}`);
      if (sync.error)
        context.io.out(`Last attempt: ${sync.state}: ${sync.error.message}${sync.error.code === 'unauthorized' ? ` ${LOGIN_HINT}` : ''}`);
      const outbox = core.outbox.status();
      const waiting = outbox.counts.queued + outbox.counts.sending;
      if (waiting > 0)
        context.io.out(
          `Outbox: ${waiting} action${waiting === 1 ? '' : 's'} queued, sent by \`partner-desk push\` or by the app while it runs (partner-desk outbox lists them)`,
        );
      const attention = outbox.counts.failed + outbox.counts.conflict;
      if (attention > 0)
        context.io.out(
          `Outbox: ${attention} action${attention === 1 ? '' : 's'} need${attention === 1 ? 's' : ''} your attention (partner-desk outbox)`,
        );
      return 0;
    }),
};

export const syncCommand: Command = {
  name: 'sync',
  summary: 'Sync clients and channels from the 360dialog Hub into the local database',
  usage: 'partner-desk sync [--json]',
  help: 'Exit 0 when the sync succeeded, 1 when it failed or the Hub was unreachable (the cache is then unchanged).',
  options: { json: { type: 'boolean' } },
  run: (context) =>
    withCore(context, async (core) => {
      if (!requireSignedIn(core, context.io)) return 1;
      const started = Date.now();
      const off = context.io.interactive
        ? core.events.on('sync.status', (s) => {
            if (s.state === 'running') process.stderr.write(`\r${s.phase}: ${s.done}${s.total ? ` of ${s.total}` : ''}   `);
          })
        : () => undefined;
      const status = await core.accounts.syncNow();
      off();
      if (context.io.interactive) process.stderr.write('\r\x1b[K');
      if (context.values.json) printJson(context.io, status);
      else if (status.state === 'succeeded') {
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        context.io.out(`Synced ${status.counts.clients} clients and ${status.counts.channels} channels in ${seconds} s.`);
        for (const note of (status.profileId ? core.sync.lastStats(status.profileId)?.notes : undefined) ?? []) context.io.out(note);
      }
      if (status.state !== 'succeeded') {
        const hint = status.error?.code === 'unauthorized' ? ` ${LOGIN_HINT}` : '';
        context.io.err(`partner-desk: ${status.error?.message ?? `The sync ended as ${status.state}.`}${hint}`);
        return 1;
      }
      return 0;
    }),
};

export const clientsCommand: Command = {
  name: 'clients',
  summary: 'List the cached clients (works offline)',
  usage: 'partner-desk clients [--json] [--search Q]',
  help: 'Lists clients from the local copy, with their channel count and limit.',
  options: { json: { type: 'boolean' }, search: { type: 'string' } },
  run: (context) =>
    withCore(context, async (core) => {
      if (!requireSignedIn(core, context.io)) return 1;
      const query = ClientQuery.parse({ search: typeof context.values.search === 'string' ? context.values.search : '', limit: 1000 });
      const { total, items } = collectPages(query.limit, (offset) => core.accounts.listClients({ ...query, offset }));
      if (context.values.json) {
        printJson(context.io, { total, items });
        return 0;
      }
      // Queued actions show as the app shows them ("Channel limit 5 queued"), so the table never hides a pending change.
      const rows = items.map((c) => [
        c.id,
        c.organisation ?? c.name,
        `${c.channelCount}/${c.maxChannels ?? '?'}`,
        c.email ?? '',
        formatPhone({ raw: c.phoneNumber, e164: c.phoneE164 }) ?? '',
        c.partnerPayload ?? '',
        c.pending?.label ?? '',
      ]);
      context.io.out(formatTable(['Client ID', 'Company', 'Channels', 'Contact email', 'Contact phone', 'Tag', 'Pending'], rows));
      context.io.out(`${total} client${total === 1 ? '' : 's'}`);
      return 0;
    }),
};

export const channelsCommand: Command = {
  name: 'channels',
  summary: 'List the cached WhatsApp channels (works offline)',
  usage: 'partner-desk channels [--json] [--search Q] [--state S]',
  help: `States: ${ChannelStateId.options.join(', ')}`,
  options: { json: { type: 'boolean' }, search: { type: 'string' }, state: { type: 'string', multiple: true } },
  run: (context) =>
    withCore(context, async (core) => {
      const stateValue: unknown = context.values.state; // a list: --state may repeat
      const rawStates = Array.isArray(stateValue) ? stateValue.map(String) : typeof stateValue === 'string' ? [stateValue] : [];
      const states = rawStates.map((s) => {
        const parsed = ChannelStateId.safeParse(s);
        if (!parsed.success) throw new UsageError(`Unknown state "${s}". States: ${ChannelStateId.options.join(', ')}.`);
        return parsed.data;
      });
      if (!requireSignedIn(core, context.io)) return 1;
      const query = ChannelQuery.parse({
        search: typeof context.values.search === 'string' ? context.values.search : '',
        states,
        limit: 1000,
      });
      const { total, items } = collectPages(query.limit, (offset) => core.accounts.listChannels({ ...query, offset }));
      if (context.values.json) {
        printJson(context.io, { total, items });
        return 0;
      }
      const rows = items.map((c) => [
        c.companyName ?? '',
        formatPhone({ raw: c.phoneNumber, e164: c.phoneE164 }) ?? '',
        c.displayName ?? '',
        c.status.state.label,
        c.status.actionRequired?.text ?? '',
        c.pending?.label ?? '',
      ]);
      context.io.out(formatTable(['Company', 'WhatsApp number', 'Display name', 'State', 'Action required', 'Pending'], rows));
      context.io.out(`${total} channel${total === 1 ? '' : 's'}`);
      return 0;
    }),
};
