/**
 * Web mode on a damaged database: the page says which file, what a repair keeps (the queued action
 * listed), and Repair sets the file aside, rebuilds the database and brings the app back on it.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAxe } from './helpers/axe';
import { launchChromium, openPage, screenshot } from './helpers/browser';
import { startWebApp, type WebApp } from './helpers/web-app';

/**
 * Overwrites with noise a run of pages in the middle of the channels table: what a failing disk does,
 * aimed at data the Hub can give back, so the repair has the queued action to keep. (A fixed offset
 * in the file hit the outbox's pages once the schema grew.)
 */
function damageChannelPages(file: string): void {
  const db = new Database(file, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = db
    .prepare("SELECT pageno FROM dbstat WHERE name = 'channels' AND pagetype = 'leaf' ORDER BY pageno")
    .pluck()
    .all() as number[];
  db.close();
  if (pages.length < 8) throw new Error(`the channels table has only ${pages.length} leaf pages to damage`);
  const bytes = fs.readFileSync(file);
  for (const page of pages.slice(Math.floor(pages.length * 0.4), Math.floor(pages.length * 0.4) + 16)) {
    crypto.randomFillSync(bytes, (page - 1) * pageSize, pageSize);
  }
  fs.writeFileSync(file, bytes);
}

describe('a damaged database in web mode', () => {
  let app: WebApp | undefined;
  let browser: Browser;
  let dataDir: string;
  let file: string;
  let openBefore = 0;

  beforeAll(async () => {
    // A demo session with one queued action, then the app stops and the file is damaged at 40 %.
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'partner-desk-e2e-damage-'));
    const first = await startWebApp({ demo: true, dataDir });
    try {
      // The demo's first sync: wait for its channels.
      let items: Array<{ id: string; state: string }> = [];
      for (let i = 0; i < 600 && items.length === 0; i += 1) {
        const channels = await first.request<{ items: Array<{ id: string; state: string }> }>('channels.list', { limit: 50 });
        if (channels.ok) items = channels.value.items;
        if (items.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const target = items.find((c) => c.state === 'live') ?? items[0];
      if (!target) throw new Error('the demo synced no channels');
      // The OS says offline: the action stays queued, as on a train.
      const offline = await first.request('session.networkChanged', { online: false });
      if (!offline.ok) throw new Error(`could not go offline: ${offline.error.message}`);
      const queued = await first.request('actions.cancelChannel', { channelId: target.id, confirmed: true });
      if (!queued.ok) throw new Error(`could not queue: ${queued.error.message}`);
      // In demo mode the hub is in the process, so the action may already have gone: count what is still open.
      const open = await first.request<{ items: unknown[] }>('outbox.list', { openOnly: true });
      openBefore = open.ok ? open.value.items.length : -1;
    } catch (error) {
      await first.stop();
      throw error;
    }
    // A clean stop: everything is in the file itself (no WAL whose newer pages would cover the damage).
    await first.stop();
    file = path.join(dataDir, 'partner-desk.sqlite');
    damageChannelPages(file);
    app = await startWebApp({ dataDir });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('names the file, lists what a repair keeps, and repairs', async () => {
    const { page, problems, close } = await openPage(browser);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(app!.url);
    await page.getByRole('heading', { level: 1, name: 'Partner Desk’s local database is damaged' }).waitFor();
    expect(await page.getByText(file, { exact: false }).first().isVisible()).toBe(true);
    await page.getByRole('heading', { name: 'What a repair keeps' }).waitFor();
    await screenshot(page, 'store-damaged-light');
    expect(await page.getByText(`${openBefore} queued action${openBefore === 1 ? '' : 's'} not yet sent`).isVisible()).toBe(true);
    if (openBefore > 0) expect(await page.getByText(/Cancel channel/).isVisible()).toBe(true);
    await page.emulateMedia({ colorScheme: 'light' });
    await screenshot(page, 'store-damaged-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'store-damaged-dark');
    await page.setViewportSize({ width: 1024, height: 768 });
    await screenshot(page, 'store-damaged-1024');
    expect((await checkAxe(page)).blocking).toEqual([]);

    await page.getByRole('button', { name: 'Repair' }).click();
    await page.getByRole('heading', { name: 'The database was repaired' }).waitFor({ timeout: 30_000 });
    expect(await page.getByText(/Repaired: 1 queued or past action and 0 key records were kept/).isVisible()).toBe(true);
    // The page reloads onto the rebuilt core: the workspace of the demo profile.
    await page.getByRole('heading', { name: 'Partner Desk’s local database is damaged' }).waitFor({ state: 'detached', timeout: 30_000 });
    const aside = fs.readdirSync(dataDir).filter((name) => /^partner-desk\.sqlite\.damaged-\d{8}T\d{6}Z$/.test(name));
    expect(aside).toHaveLength(1);
    const status = await app!.request<{ state: string }>('store.status');
    expect(status).toMatchObject({ ok: true, value: { state: 'healthy' } });
    const outbox = await app!.request<{ items: Array<{ kind: string }> }>('outbox.list', { openOnly: false });
    expect(outbox.ok && outbox.value.items.map((a) => a.kind)).toContain('cancel_channel');
    expect(problems.filter((p) => !/Failed to load resource|ERR_CONNECTION/.test(p))).toEqual([]);
    await close();
  }, 120_000);
});
