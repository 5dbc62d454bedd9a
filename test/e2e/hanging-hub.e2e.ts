/**
 * Web mode with a Hub that accepts connections and never answers (a hotel captive portal, a dead
 * proxy): opening ten client panels (each asks for a balance, which waits on the Hub) must not hold
 * up anything local. Searching channels and clients and queueing a channel-limit change each answer
 * while the Hub sits on every request for ten minutes. Before, the balance requests used up the
 * browser's connections to the local server and every local read waited 20-50 s behind them. Each
 * step has a 15 s hang guard (far above the second it takes, far below the Hub's ten minutes): the
 * times are printed and kept in test-results/hanging-hub.json, not asserted (shared cores).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ClientPage } from '@shared/accounts';
import { screenshot, type TestPage } from './helpers/browser';
import { REPO_ROOT } from './helpers/child-process';
import type { DemoServer } from './helpers/demo-server';
import { screenshotOnFailure, startDemoWorkspace, type DemoWorkspace } from './helpers/demo-workspace';
import { goTo } from './helpers/screens';
import type { WebApp } from './helpers/web-app';

const HANG_GUARD_MS = 15_000;

describe('web mode while the Hub never answers', () => {
  let workspace: DemoWorkspace;
  let hub: DemoServer;
  let app: WebApp;
  let tab: TestPage;

  beforeAll(async () => {
    workspace = await startDemoWorkspace('hanging');
    ({ hub, app, tab } = workspace);
    const { page } = tab;
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Explore with demo data' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Synced/ })
      .waitFor();
    await hub.setFaults({ latencyMs: 600_000 });
  });

  afterEach((context) => screenshotOnFailure(tab, 'hanging-hub', context.task));

  afterAll(async () => {
    await hub?.clearFaults().catch(() => undefined);
    await workspace?.stop();
  });

  /** How long `step` took, in ms; fails if it waits as if on the Hub. */
  async function timed(step: () => Promise<void>): Promise<number> {
    const started = performance.now();
    let guard: NodeJS.Timeout | undefined;
    const hung = new Promise<never>((_, reject) => {
      guard = setTimeout(() => reject(new Error('waited 15 s: this local step is queued behind the Hub')), HANG_GUARD_MS);
    });
    try {
      await Promise.race([step(), hung]);
    } finally {
      clearTimeout(guard);
    }
    return performance.now() - started;
  }

  it('opens ten client panels, then searches channels and clients and queues a limit change, none waiting on the Hub', async () => {
    const { page } = tab;
    const clients = await app.request<ClientPage>('clients.list', { limit: 10 });
    if (!clients.ok) throw new Error(clients.error.message);
    await goTo(page, 'Clients');
    const timings: Array<[string, number]> = [];

    for (const client of clients.value.items) {
      const search = page.getByRole('searchbox', { name: 'Search clients' });
      await search.fill(client.email ?? client.name);
      timings.push([
        `open ${client.name}`,
        await timed(async () => {
          await page.getByRole('button', { name: client.name, exact: true }).first().click();
          const sheet = page.getByRole('dialog', { name: client.name });
          await sheet.locator('[aria-labelledby="cl-balance"]').waitFor();
        }),
      ]);
      // The balance waits on the Hub in the background; the panel says so, and does not block anything.
      await page
        .getByRole('dialog', { name: client.name })
        .getByText(/Reading the balance from the Hub|Balance|No balance/)
        .first()
        .waitFor();
      await page.keyboard.press('Escape');
    }

    const fragment = clients.value.items[3]!.name.slice(0, 4);
    timings.push([
      'search clients',
      await timed(async () => {
        await page.getByRole('searchbox', { name: 'Search clients' }).fill(fragment);
        await page.getByRole('row').filter({ hasText: fragment }).first().waitFor();
      }),
    ]);

    await goTo(page, 'WhatsApp accounts');
    timings.push([
      'search channels',
      await timed(async () => {
        await page.getByRole('searchbox', { name: 'Search channels' }).fill(fragment);
        await page.locator(`.list-region[data-shown-search="${fragment}"]`).waitFor();
      }),
    ]);

    await goTo(page, 'Clients');
    const target = clients.value.items[0]!;
    await page.getByRole('searchbox', { name: 'Search clients' }).fill(target.email ?? target.name);
    await page.getByRole('button', { name: target.name, exact: true }).first().click();
    const sheet = page.getByRole('dialog', { name: target.name });
    await sheet.getByRole('button', { name: 'Change limit…' }).click();
    const newLimit = (target.maxChannels ?? 2) + 4;
    const limit = page.getByRole('dialog', { name: `Channel limit of ${target.name}` });
    await limit.getByRole('spinbutton', { name: 'Maximum number of channels' }).fill(String(newLimit));
    timings.push([
      'queue a limit change',
      await timed(async () => {
        await limit.getByRole('button', { name: `Change limit to ${newLimit}` }).click();
        await limit.getByRole('status').waitFor();
      }),
    ]);
    await screenshot(page, 'hanging-hub-limit-queued');

    process.stdout.write(`[hanging hub] ${timings.map(([what, ms]) => `${what}: ${ms.toFixed(0)} ms`).join('; ')}\n`);
    expect(timings).toHaveLength(13);
    await mkdir(path.join(REPO_ROOT, 'test-results'), { recursive: true });
    await writeFile(
      path.join(REPO_ROOT, 'test-results', 'hanging-hub.json'),
      `${JSON.stringify(Object.fromEntries(timings.map(([what, ms]) => [what, Math.round(ms)])), null, 2)}\n`,
    );
    expect(tab.problems).toEqual([]);
  });
});
