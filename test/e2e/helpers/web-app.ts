/**
 * Starts `partner-desk web --port 0` with its own temporary data folder, so every test file gets a
 * fresh database, and removes the folder afterwards.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Result } from '@shared/result';
import { startCommand } from './child-process';

export interface WebApp {
  /** The printed address, including `#token=`. */
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  /** Calls a contract request directly over HTTP, as the renderer would. */
  request<T = unknown>(name: string, input?: unknown): Promise<Result<T>>;
  /** Stops web mode and starts it again on the same port and data folder (a new token and url). */
  restart(): Promise<void>;
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
  /** Listen on this port. */
  port?: number;
}

export async function startWebApp(options: WebAppOptions = {}): Promise<WebApp> {
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'partner-desk-e2e-')));
  const args = [
    'web',
    '--port',
    String(options.port ?? 0),
    '--data-dir',
    dataDir,
    ...(options.demo ? ['--demo'] : []),
    ...(options.demoHub ? ['--demo-hub', options.demoHub] : []),
  ];
  let running;
  try {
    running = await startCommand(args, URL_PATTERN, 90_000, options.env);
  } catch (error) {
    if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  let command = running;
  const matched = (found: RegExpExecArray) => found as unknown as [string, string, string];
  const [url, origin, token] = matched(running.match);
  const app: WebApp = {
    url,
    origin,
    token,
    dataDir,
    async request<T>(name: string, input: unknown = {}) {
      const response = await fetch(`${app.origin}/api/request/${name}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${app.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
      });
      // A request that waits on the Hub is answered with a ticket; its result is fetched when ready.
      let body = (await response.json()) as Result<T> | { pending: string };
      while ('pending' in body) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const result = await fetch(`${app.origin}/api/result/${body.pending}`, { headers: { Authorization: `Bearer ${app.token}` } });
        if (result.status === 202) await result.body?.cancel();
        else body = (await result.json()) as Result<T>;
      }
      return body;
    },
    async restart() {
      // The same port keeps the page's origin (and so what it stored); the data folder is kept.
      const port = new URL(app.origin).port;
      await command.stop();
      const again = args.map((arg, index) => (args[index - 1] === '--port' ? port : arg));
      command = await startCommand(again, URL_PATTERN, 90_000, options.env);
      [app.url, app.origin, app.token] = matched(command.match);
    },
    async stop() {
      await command.stop();
      if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
  return app;
}
