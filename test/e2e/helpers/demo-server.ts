/** Starts `partner-desk demo-server --port 0`: a simulated Partner Hub over real HTTP. */
import { startCommand } from './child-process';

export interface DemoServer {
  origin: string;
  /** The Partner API base URL to enter as "Hub URL". */
  hubUrl: string;
  /** The simulated partner's id and working API key, as the server prints them. */
  partnerId: string;
  apiKey: string;
  /** Switches the hub's faults at run time (`PUT /__demo/faults`), e.g. `{ offline: true }`. */
  setFaults(faults: Record<string, unknown>): Promise<void>;
  clearFaults(): Promise<void>;
  /** Steps the hub's clock (`POST /__demo/clock`), e.g. past a rate-limit window instead of waiting. */
  advanceClock(ms: number): Promise<void>;
  /** Revokes the partner's API key and makes a new one (`POST /__demo/partner-key`); returns the new key. */
  rotateApiKey(): Promise<string>;
  /** The hub's request counters (`GET /__demo/stats`). */
  stats(): Promise<{ mutations: Array<{ method: string; path: string; applied: boolean }> }>;
  /** Calls the simulated Partner API directly, as another tool (or a colleague in the Hub) would. */
  partnerRequest(method: string, path: string, body?: unknown): Promise<Response>;
  stop(): Promise<void>;
}

export interface DemoServerOptions {
  clients?: number;
  channels?: number;
}

/** The demo data is seeded (seed 360), so the same sizes give the same clients and channels every run. */
export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const sizes = ['--clients', String(options.clients ?? 5), '--channels', String(options.channels ?? 5)];
  const running = await startCommand(['demo-server', '--port', '0', ...sizes], /(http:\/\/127\.0\.0\.1:\d+)/, 180_000);
  const origin = running.match[1] ?? '';
  const [, partnerId = '', apiKey = ''] = await running.waitForStderr(/partner id (\S+), API key (\S+?)\.\s/);
  let currentKey = apiKey;
  return {
    origin,
    hubUrl: `${origin}/api/v2`,
    partnerId,
    apiKey,
    async setFaults(faults) {
      const response = await fetch(`${origin}/__demo/faults`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(faults),
      });
      if (!response.ok) throw new Error(`PUT /__demo/faults answered ${response.status}`);
    },
    async clearFaults() {
      const response = await fetch(`${origin}/__demo/faults`, { method: 'DELETE' });
      if (!response.ok) throw new Error(`DELETE /__demo/faults answered ${response.status}`);
    },
    async advanceClock(ms) {
      const response = await fetch(`${origin}/__demo/clock`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ advanceMs: ms }),
      });
      if (!response.ok) throw new Error(`POST /__demo/clock answered ${response.status}`);
    },
    async rotateApiKey() {
      const response = await fetch(`${origin}/__demo/partner-key`, { method: 'POST' });
      if (!response.ok) throw new Error(`POST /__demo/partner-key answered ${response.status}`);
      currentKey = ((await response.json()) as { apiKey: string }).apiKey;
      return currentKey;
    },
    async stats() {
      const response = await fetch(`${origin}/__demo/stats`);
      if (!response.ok) throw new Error(`GET /__demo/stats answered ${response.status}`);
      return (await response.json()) as { mutations: Array<{ method: string; path: string; applied: boolean }> };
    },
    partnerRequest: (method, path, body) =>
      fetch(`${origin}/api/v2/partners/${partnerId}${path}`, {
        method,
        headers: { 'X-API-Key': currentKey, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    stop: running.stop,
  };
}
