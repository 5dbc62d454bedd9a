/**
 * Starts `partner-desk web --port 0` with its own temporary data folder, so every test file gets a
 * fresh database, and removes the folder afterwards.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Result } from '../../../shared/result';
import { startCommand } from './child-process';

export interface WebApp {
  /** The printed address, including `#token=`. */
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  /** Calls a contract request directly over HTTP, as the renderer would. */
  request<T = unknown>(name: string, input?: unknown): Promise<Result<T>>;
  stop(): Promise<void>;
}

const URL_PATTERN = /(http:\/\/127\.0\.0\.1:\d+)\/#token=([0-9a-f]+)/;

export interface WebAppOptions {
  /** Start with the demo already active (`--demo`). */
  demo?: boolean;
  /** Reuse this data folder (e.g. to restart on the same database); the caller removes it. */
  dataDir?: string;
  /** Use a running `partner-desk demo-server` as the demo hub (`--demo-hub`), so faults can be switched. */
  demoHub?: string;
  /** Extra environment, e.g. XDG_DOWNLOAD_DIR for where web mode saves exports. */
  env?: Record<string, string>;
}

export async function startWebApp(options: WebAppOptions = {}): Promise<WebApp> {
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'partner-desk-e2e-')));
  const args = ['web', '--port', '0', '--data-dir', dataDir, ...(options.demo ? ['--demo'] : []), ...(options.demoHub ? ['--demo-hub', options.demoHub] : [])];
  let running;
  try {
    running = await startCommand(args, URL_PATTERN, 90_000, options.env);
  } catch (error) {
    if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const [url, origin, token] = running.match as unknown as [string, string, string];
  const command = running;
  return {
    url,
    origin,
    token,
    dataDir,
    async request<T>(name: string, input: unknown = {}) {
      const response = await fetch(`${origin}/api/request/${name}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
      });
      // A request that waits on the Hub is answered with a ticket; its result is fetched when ready.
      let body = (await response.json()) as Result<T> | { pending: string };
      while ('pending' in body) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const result = await fetch(`${origin}/api/result/${body.pending}`, { headers: { Authorization: `Bearer ${token}` } });
        if (result.status === 202) await result.body?.cancel();
        else body = (await result.json()) as Result<T>;
      }
      return body;
    },
    async stop() {
      await command.stop();
      if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

