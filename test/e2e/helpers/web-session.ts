/**
 * What the shorter browser suites start from: web mode on a data folder of its own and one Chromium
 * tab. The app can be stopped and started again on the same folder (a restart on the same database);
 * `stop()` ends everything and removes the folder. The long suites start from a demo workspace with a
 * switchable Hub instead (demo-workspace.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, openPage, type TestPage } from './browser';
import { startWebApp, type WebApp, type WebAppOptions } from './web-app';

export interface WebSession {
  /** The running app (a new one after `restartApp`). */
  readonly app: WebApp;
  browser: Browser;
  tab: TestPage;
  dataDir: string;
  /** Stops the local service, as a crash or quit would; the tab stays open. */
  stopApp(): Promise<void>;
  /** Starts web mode again on the same data folder (a new launch prints a new token: reload the page). */
  restartApp(): Promise<WebApp>;
  stop(): Promise<void>;
}

export async function startWebSession(name: string, options: Omit<WebAppOptions, 'dataDir'> = {}): Promise<WebSession> {
  const dataDir = await mkdtemp(path.join(tmpdir(), `partner-desk-e2e-${name}-`));
  let app: WebApp | null = null;
  let browser: Browser | null = null;
  let tab: TestPage | null = null;
  const stop = async (): Promise<void> => {
    await tab?.close();
    await browser?.close();
    await app?.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    app = await startWebApp({ ...options, dataDir });
    browser = await launchChromium();
    tab = await openPage(browser);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    get app() {
      if (!app) throw new Error('the app is stopped: restartApp() first');
      return app;
    },
    browser,
    tab,
    dataDir,
    async stopApp() {
      await app?.stop();
      app = null;
    },
    async restartApp() {
      await app?.stop();
      app = await startWebApp({ ...options, dataDir });
      return app;
    },
    stop,
  };
}
