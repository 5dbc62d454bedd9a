/**
 * The health check of a Cloud API number in the channel details: the key generated through the outbox,
 * "Check now", and an answer the user can act on (can the number send messages; per entity what stands
 * in the way and what to do). Needs a working keychain for the key: run inside
 * scripts/keyring-session.sh, else skipped.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ChannelPage } from '@shared/accounts';
import type { AppInfo } from '@shared/contract';
import type { ChannelHealth } from '@shared/outbox';
import { screenshot } from './helpers/browser';
import { startDemoWorkspace, type DemoWorkspace } from './helpers/demo-workspace';

let w: DemoWorkspace;
let keychain = false;
beforeAll(async () => {
  w = await startDemoWorkspace('health');
  const info = await w.app.request<AppInfo>('app.info');
  keychain = info.ok && info.value.keychainAvailable === true;
}, 120_000);
afterAll(() => w?.stop());

it('shows whether a Cloud API number can send messages, and what stands in the way', async (ctx) => {
  if (!keychain) ctx.skip();
  const { page } = w.tab;
  await page.goto(w.app.url);
  await page.getByRole('button', { name: 'Explore with demo data' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: /^Synced/ })
    .waitFor();
  // A live channel whose number is held back (the demo Hub answers most with "available").
  const live = await w.app.request<ChannelPage>('channels.list', { states: ['live'], limit: 200 });
  if (!live.ok) throw new Error(live.error.message);
  let target: { id: string; status: string } | null = null;
  for (const channel of live.value.items) {
    if (!(await w.app.request('actions.generateApiKey', { channelId: channel.id, confirmed: true })).ok) continue;
    await w.app.request('outbox.push', {});
    const health = await w.app.request<ChannelHealth>('channels.health', { channelId: channel.id, check: true });
    if (!health.ok || health.value.source === 'none') continue;
    if (health.value.gatewayStatus !== 'available') {
      target = { id: channel.id, status: health.value.gatewayStatus ?? '' };
      break;
    }
  }
  if (!target) throw new Error('no live channel of the demo Hub is held back');

  await page.getByRole('searchbox').first().fill(target.id);
  await page
    .locator('.ch-card')
    .first()
    .getByRole('button', { name: /^Show details/ })
    .click();
  await page.getByRole('tab', { name: 'Actions' }).click();
  const panel = page.getByRole('region', { name: 'Health check' });
  await panel.getByText('Details', { exact: true }).scrollIntoViewIfNeeded();
  const expected = target.status === 'limited' ? 'Limited' : 'Blocked';
  await expect(panel.locator('.pill', { hasText: expected }).count()).resolves.toBe(1);
  await expect(panel.getByRole('status').textContent()).resolves.toMatch(/sending messages is (limited|blocked)/);
  // The phone number's problem and its remedy, in the API's words; the other entities by name.
  await expect(panel.getByRole('listitem').first().textContent()).resolves.toMatch(/^Phone number: (limited|blocked)\. .+\. .+\.$/);
  await expect(panel.getByRole('listitem').allTextContents()).resolves.toEqual(
    expect.arrayContaining(['WhatsApp Business Account: available', 'App: available']),
  );
  await screenshot(page, 'details-health');
}, 120_000);
