/** Contract-valid sample values shared by the renderer's unit tests. */
import type { AppInfo, SessionState } from '@shared/contract';

export const TOKEN = 'c0ffee'.repeat(8);

export const appInfo: AppInfo = {
  name: 'Partner Desk',
  version: '0.1.0',
  runMode: 'web',
  dataDir: '/tmp/pd',
  keychainAvailable: true,
  notices: [],
};

export const signedOut: SessionState = {
  profiles: [],
  activeProfileId: null,
  connection: {
    status: 'signed_out',
    partner: null,
    message: null,
    checkedAt: null,
    since: null,
    lastContactAt: null,
    network: 'unknown',
    nextCheckAt: null,
    checking: false,
  },
};

export const demoSession: SessionState = {
  profiles: [
    {
      id: 'p1',
      partnerId: 'demoHubPA',
      label: 'Demo Partner',
      authMethod: 'demo',
      hubUrl: 'http://demo.invalid/api/v2',
      hasSecret: true,
      createdAt: '2025-01-01T00:00:00.000Z',
      lastUsedAt: null,
    },
  ],
  activeProfileId: 'p1',
  connection: {
    status: 'connected',
    partner: { id: 'demoHubPA', name: 'Demo Partner' },
    message: null,
    checkedAt: '2025-01-01T00:00:00.000Z',
    since: '2025-01-01T00:00:00.000Z',
    lastContactAt: '2025-01-01T00:00:00.000Z',
    network: 'unknown',
    nextCheckAt: null,
    checking: false,
  },
};

/** A Response whose body streams the given chunks, then ends (or stays open). */
export function streamResponse(chunks: string[], options: { keepOpen?: boolean; status?: number } = {}): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      if (!options.keepOpen) controller.close();
    },
  });
  return new Response(body, { status: options.status ?? 200, headers: { 'Content-Type': 'text/event-stream' } });
}

export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

export function waitFor(check: () => boolean, timeoutMs = 2_000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (check()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error('waitFor timed out'));
      setTimeout(tick, 5);
    };
    tick();
  });
}
