/** A simulated Partner Hub served over real HTTP on 127.0.0.1, and Partner API clients for it. */
import { apiKeyAuth, type AuthProvider } from '@core/api/auth';
import { createPartnerApi, type PartnerApi, type PartnerApiOptions } from '@core/api/partner-api';
import { createDemoHub, startDemoHubServer, type DemoHub, type DemoHubOptions, type DemoHubServer } from '@demo-hub';

export interface HubFixture {
  hub: DemoHub;
  server: DemoHubServer;
  /** Partner API base on the served hub. */
  baseUrl: string;
  api(overrides?: Partial<PartnerApiOptions>): PartnerApi;
  /** Requests the hub saw for `${method} /api/v2${template}`. */
  count(method: string, template: string): number;
  close(): Promise<void>;
}

export async function startHub(options: DemoHubOptions = {}): Promise<HubFixture> {
  const hub = createDemoHub({ clients: 20, channels: 40, ...options });
  const server = await startDemoHubServer(hub, { port: 0 });
  const baseUrl = `${server.url}/api/v2`;
  return {
    hub,
    server,
    baseUrl,
    api: (overrides = {}) => {
      const auth: AuthProvider = overrides.auth ?? apiKeyAuth(hub.apiKey);
      return createPartnerApi({ baseUrl, partnerId: hub.partnerId, fetch: globalThis.fetch, ...overrides, auth });
    },
    count: (method, template) => hub.stats.count(method, `/api/v2${template}`),
    close: () => server.close(),
  };
}

/** Records `ms` and resolves at once: retries and quota waits without waiting. */
export function recordingSleep(): { sleep: (ms: number, signal?: AbortSignal) => Promise<void>; sleeps: number[] } {
  const sleeps: number[] = [];
  return {
    sleeps,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
    },
  };
}
