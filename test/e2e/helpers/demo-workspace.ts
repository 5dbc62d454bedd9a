/**
 * What the long browser suites start from: a demo-server (120 clients, 200 channels), web mode using
 * it as its demo hub with exports saved to a private Downloads folder, and one Chromium tab.
 * `stop()` ends all of it and removes the folder.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, openPage, screenshot, type TestPage } from './browser';
import { startDemoServer, type DemoServer } from './demo-server';
import { startWebApp, type WebApp } from './web-app';

export interface DemoWorkspace {
  hub: DemoServer;
  app: WebApp;
  browser: Browser;
  tab: TestPage;
  /** Web mode saves exports here (XDG_DOWNLOAD_DIR) without asking. */
  downloads: string;
  stop(): Promise<void>;
}

export async function startDemoWorkspace(name: string): Promise<DemoWorkspace> {
  const downloads = await mkdtemp(path.join(tmpdir(), `partner-desk-e2e-${name}-`));
  const hub = await startDemoServer({ clients: 120, channels: 200 });
  const app = await startWebApp({ demoHub: hub.origin, env: { XDG_DOWNLOAD_DIR: downloads } });
  const browser = await launchChromium();
  const tab = await openPage(browser);
  return {
    hub,
    app,
    browser,
    tab,
    downloads,
    async stop() {
      await tab.close();
      await browser.close();
      await app.stop();
      await hub.stop();
      await rm(downloads, { recursive: true, force: true });
    },
  };
}

/** A failed step leaves a picture of the page behind, to see what the user would have seen. */
export async function screenshotOnFailure(
  tab: TestPage | undefined,
  suite: string,
  task: { name: string; result?: { state?: string } },
): Promise<void> {
  if (tab && task.result?.state === 'fail') await screenshot(tab.page, `failure-${suite}-${task.name.slice(0, 40).replace(/\W+/g, '-')}`);
}
