/**
 * What the outbox commands share: a signed-in core, the contract as the way in (so the CLI gets the
 * same validation as the app), the confirmation prompt (a terminal asks; a script must say --yes),
 * and how an action's state reads in a terminal. Exit codes: 0 done or accepted, 1 refused or
 * failed, 2 usage.
 */
import { createInterface } from 'node:readline/promises';
import type { ConnectionState, RequestInput, RequestName, RequestOutput } from '@shared/contract';
import type { ActionPreview, OutboxAction } from '@shared/outbox';
import type { Core } from '@core';
import { UsageError, type CliIo } from '../cli-io';
import type { CommandContext } from '../command';
import { openCore } from '../open-core';

export class Refused extends Error {
  readonly exitCode = 1;
}

export async function withSignedInCore(context: CommandContext, run: (core: Core) => Promise<number>): Promise<number> {
  const core = await openCore({ values: context.values, io: context.io, runMode: 'cli' });
  try {
    if (!core.accounts.activeProfileId()) {
      context.io.err('partner-desk: Nobody is signed in. Run `partner-desk login --partner-id ID --api-key-stdin` first.');
      return 1;
    }
    return await run(core);
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    context.io.err(`partner-desk: ${error.message}`);
    return error.exitCode;
  } finally {
    core.close();
  }
}

/** A contract request; a refusal becomes a one-line reason and exit 1 (usage mistakes are caught before, exit 2). */
export async function request<N extends RequestName>(core: Core, name: N, input: RequestInput<N>): Promise<RequestOutput<N>> {
  const result = await core.dispatch(name, input);
  if (!result.ok) throw new Refused(result.error.message);
  return result.value as RequestOutput<N>;
}

export function positional(context: CommandContext, index: number, what: string): string {
  const value = context.positionals[index];
  if (value === undefined || value.trim() === '') throw new UsageError(`Give the ${what}.`);
  return value.trim();
}

/** Asks in a terminal; a script must pass --yes. Prints the confirmation text either way. */
export async function confirmed(io: CliIo, preview: ActionPreview, yes: boolean): Promise<boolean> {
  if (!preview.confirmationRequired || yes) return true;
  io.err(preview.message);
  if (!io.stdin.isTTY) {
    io.err('partner-desk: Not confirmed. Run it again with --yes to confirm.');
    return false;
  }
  const prompt = createInterface({ input: io.stdin, output: process.stderr });
  try {
    const answer = await prompt.question('Type "yes" to go ahead: ');
    return answer.trim().toLowerCase() === 'yes';
  } finally {
    prompt.close();
  }
}

/** What a queued action waits for, by the connection this process saw (null: not checked). */
function waitingFor(connection: ConnectionState['status'] | null, id: string): string {
  const withdraw = ` Withdraw it with \`partner-desk outbox cancel ${id.slice(0, 8)}\`.`;
  switch (connection) {
    case 'offline':
      return `Queued: you are offline. It is sent with \`partner-desk push\` once connected, or by the app while it runs.${withdraw}`;
    case 'hub_unavailable':
      return `Queued: the 360dialog Hub did not answer. It is sent with \`partner-desk push\` when it does, or by the app while it runs.${withdraw}`;
    case 'key_rejected':
      return `Queued: the Hub refused the API key. Run \`partner-desk login --partner-id ID --api-key-stdin\` with the current key (the cache and the queue are kept), then \`partner-desk push\`.${withdraw}`;
    default:
      return 'Queued: it is sent with `partner-desk push`, or by the app while it runs.';
  }
}

/** One line about where an action stands; `connection`: what this process knows of the Hub. */
export function describeAction(action: OutboxAction, connection: ConnectionState['status'] | null = null): string {
  switch (action.state) {
    case 'done':
      return action.outcome ?? 'Done.';
    case 'queued':
      if (!action.canCancel)
        return 'Queued: the connection dropped while it was being sent, so it may have reached the Hub; the next push reads the Hub first and never sends it twice.';
      if (action.lastError && !(action.lastError.code === 'offline' && action.lastError.status === null)) {
        return `Queued again: ${action.lastError.message} Next attempt at ${action.nextAttemptAt ?? 'the next push'}.`;
      }
      return waitingFor(connection ?? (action.lastError ? 'offline' : null), action.id);
    case 'sending':
      return 'Being sent.';
    case 'failed':
      return action.lastError?.message ?? 'Failed.';
    case 'conflict':
      return action.conflict?.message ?? 'Conflict.';
    default:
      return 'Cancelled.';
  }
}

/** Sends what is due (this action included), then reports it: 0 when done or queued for later, 1 when it failed or conflicts. */
export async function sendAndReport(core: Core, io: CliIo, queued: OutboxAction, json: boolean): Promise<number> {
  await core.outbox.runner.flush();
  const action = (await request(core, 'outbox.list', { limit: 500 })).items.find((a) => a.id === queued.id) ?? queued;
  if (json) io.out(JSON.stringify(action, null, 2));
  const line = `${action.title}: ${describeAction(action, core.session.connectionStatus())}`;
  if (action.state === 'failed' || action.state === 'conflict') {
    if (!json) io.err(`partner-desk: ${line}`);
    return 1;
  }
  if (!json) io.out(line);
  return 0;
}
