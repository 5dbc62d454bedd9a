/**
 * A real core on a data folder that survives restarts, signed in to a simulated hub served over
 * HTTP on 127.0.0.1, with a clock the test can move forward. Every contract answer it sees is kept,
 * so a test can scan them for secrets. Everything is torn down by dispose().
 */
import { createCore, type Core, type CoreOptions } from '@core';
import { createDemoHub, startDemoHubServer, type DemoChannel, type DemoHub, type DemoHubOptions, type DemoHubServer } from '@demo-hub';
import { MemorySecretStore, type SecretStore } from '@core/secrets/secret-store';
import type { RequestInput, RequestName, RequestOutput } from '@shared/contract';
import type { Result } from '@shared/result';
import { makeTempDir } from '../../helpers/temp-dir';

export interface OutboxFixture {
  hub: DemoHub;
  server: DemoHubServer;
  hubUrl: string;
  dataDir: string;
  secrets: SecretStore;
  core: Core;
  profileId: string;
  /** Moves the core's clock forward (not the hub's). */
  advance(ms: number): void;
  restart(options?: Partial<CoreOptions>): Promise<Core>;
  /** Dispatches through the contract and returns the value; throws with the error's code and message. */
  call<N extends RequestName>(name: N, input: RequestInput<N>): Promise<RequestOutput<N>>;
  raw(name: RequestName, input: unknown): Promise<Result<unknown>>;
  /** JSON of every contract answer seen. */
  answers: string[];
  /** Channels that are open (not pending deletion), have an app, and may get a key; synced locally. */
  channels(count: number, exclude?: ReadonlySet<string>): DemoChannel[];
  /** A client with at least `min` channels. */
  clientWith(min: number, exclude?: ReadonlySet<string>): { id: string; channels: number; max: number };
  dispose(): Promise<void>;
}

export async function waitFor(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function startOutboxFixture(
  options: { hub?: DemoHubOptions; secrets?: SecretStore; core?: Partial<CoreOptions> } = {},
): Promise<OutboxFixture> {
  const hub = createDemoHub({ clients: 12, channels: 30, seed: 7, ...options.hub });
  const server = await startDemoHubServer(hub, { port: 0 });
  const hubUrl = `${server.url}/api/v2`;
  const tmp = makeTempDir('partner-desk-outbox-');
  const secrets = options.secrets ?? new MemorySecretStore();
  let offset = 0;
  const clock = () => Date.now() + offset;
  const answers: string[] = [];
  const open = (extra: Partial<CoreOptions> = {}) =>
    // No settle time by default: most tests drop connections on purpose and go on at once.
    createCore({
      dataDir: tmp.dir,
      secrets,
      hubUrl,
      clock,
      runMode: 'web',
      appVersion: '0.0.0-test',
      outboxSettleMs: 0,
      ...options.core,
      ...extra,
    });

  const fixture: OutboxFixture = {
    hub,
    server,
    hubUrl,
    dataDir: tmp.dir,
    secrets,
    core: await open(),
    profileId: '',
    answers,
    advance: (ms) => {
      offset += ms;
    },
    async restart(extra) {
      fixture.core.close();
      fixture.core = await open(extra);
      return fixture.core;
    },
    async raw(name, input) {
      const result = await fixture.core.dispatch(name, input);
      answers.push(JSON.stringify(result));
      return result;
    },
    async call(name, input) {
      const result = await fixture.raw(name, input);
      if (!result.ok) throw Object.assign(new Error(`${result.error.code}: ${result.error.message}`), { code: result.error.code });
      return result.value as RequestOutput<typeof name>;
    },
    channels(count, exclude = new Set()) {
      const picked = hub.state
        .listChannels()
        .filter((c) => c.terminated_at === null && c.integration?.app_id && !exclude.has(c.id))
        .slice(0, count);
      if (picked.length < count) throw new Error(`the hub has only ${picked.length} usable channels`);
      for (const channel of picked) hub.state.setApiKeyPermission(channel.id, true);
      return picked;
    },
    clientWith(min, exclude = new Set()) {
      const client = hub.state.listClients().find((c) => !exclude.has(c.id) && hub.state.listChannels(c.id).length >= min);
      if (!client) throw new Error(`no client with ${min} channels`);
      return { id: client.id, channels: hub.state.listChannels(client.id).length, max: client.max_channels };
    },
    async dispose() {
      fixture.core.close();
      await server.close();
      tmp.cleanup();
    },
  };
  const state = await fixture.core.session.signIn({ method: 'api_key', partnerId: hub.partnerId, apiKey: hub.apiKey });
  fixture.profileId = state.activeProfileId ?? '';
  const synced = await fixture.core.accounts.syncNow();
  if (synced.state !== 'succeeded') throw new Error(`the first sync did not succeed: ${synced.error?.message}`);
  return fixture;
}

/** Mutations the hub logged for a path fragment: how many arrived and how many took effect. */
export function hits(hub: DemoHub, fragment: string, method?: string): { sent: number; applied: number } {
  const entries = hub.stats.mutationsTo(fragment).filter((m) => method === undefined || m.method === method);
  return { sent: entries.length, applied: entries.filter((m) => m.applied).length };
}
