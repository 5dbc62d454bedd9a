/**
 * Demo mode's link to a simulated Partner Hub: the in-process one (created on first use, so the
 * app does not pay for generating data it may never show), or an external `demo-server` when a URL
 * is given (tests use that to switch the hub offline while the app runs). The simulator's code is
 * loaded on first use too: a CLI command or an app that never shows the demo does not parse it.
 */
import type { DemoHub, DemoHubOptions, DemoHubServer } from '@demo-hub';

export interface DemoConnection {
  fetch: typeof fetch;
  hubUrl: string;
  apiKey: string;
  partnerId: string;
}

export interface DemoConnectorOptions {
  /** Options for the in-process hub. */
  hub?: DemoHubOptions;
  /** Talk to a running `partner-desk demo-server` instead (its origin, e.g. http://127.0.0.1:4010). */
  externalUrl?: string;
  /** fetch used for the external hub. */
  fetch: typeof fetch;
}

export interface DemoConnector {
  connect(): Promise<DemoConnection>;
  /** The in-process hub, once created (tests and benchmarks reach its faults and state). */
  readonly hub: DemoHub | null;
  /**
   * Where a browser reaches the simulated hub's permission page: the external demo-server, or the
   * in-process hub served on 127.0.0.1 (started on first use, so demo mode shows the whole
   * onboarding loop without an account).
   */
  dashboardOrigin(): Promise<string>;
  /** Stops the server started for the permission page, if any. */
  close(): Promise<void>;
}

export function createDemoConnector(options: DemoConnectorOptions): DemoConnector {
  let hub: DemoHub | null = null;
  let served: Promise<DemoHubServer> | null = null;
  let connection: Promise<DemoConnection> | null = null;
  async function open(): Promise<DemoConnection> {
    const { createDemoHub, DEMO_HUB_IN_PROCESS_ORIGIN } = await import('@demo-hub');
    if (options.externalUrl) {
      // The server derives its partner and key from the seed alone; an empty local hub tells us both.
      const identity = createDemoHub({ ...options.hub, clients: 0, channels: 0 });
      const hubUrl = `${options.externalUrl.replace(/\/+$/, '')}/api/v2`;
      return { fetch: options.fetch, hubUrl, apiKey: identity.apiKey, partnerId: identity.partnerId };
    }
    hub = createDemoHub(options.hub);
    return { fetch: hub.fetch, hubUrl: `${DEMO_HUB_IN_PROCESS_ORIGIN}/api/v2`, apiKey: hub.apiKey, partnerId: hub.partnerId };
  }
  return {
    get hub() {
      return hub;
    },
    async dashboardOrigin() {
      if (options.externalUrl) return new URL(options.externalUrl).origin;
      await this.connect();
      const inProcess = hub;
      if (!inProcess) throw new Error('the in-process demo hub was not created');
      served ??= import('@demo-hub').then(({ startDemoHubServer }) => startDemoHubServer(inProcess, { port: 0 }));
      return (await served).url;
    },
    async close() {
      const server = served;
      served = null;
      if (server) await (await server).close();
    },
    connect() {
      connection ??= open();
      return connection;
    },
  };
}
