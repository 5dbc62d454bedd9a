/**
 * The Overview's numbers are counts of the local copy that the filtered lists they link to
 * reproduce exactly; the sync records each day's counts in its own transaction, and a day's last
 * sync wins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelQueryInput } from '@shared/accounts';
import type { BookOverview } from '@shared/book';
import type { ClientBalanceInfo } from '@shared/insights';
import { BookQueries } from '@core/store/book-queries';
import { SearchIndexWorker } from '@core/store/search-index-host';
import { startSyncedCore, type SyncedFixture } from '../../helpers/synced-core';

describe('the book overview', () => {
  let f: SyncedFixture;
  let overview: BookOverview;
  const total = async (query: ChannelQueryInput): Promise<number> => {
    const result = await f.core.dispatch('channels.list', { ...query, limit: 1 });
    if (!result.ok) throw new Error(result.error.message);
    return (result.value as { total: number }).total;
  };

  beforeAll(async () => {
    f = await startSyncedCore({ clients: 60, channels: 240, seed: 17 });
    expect((await f.core.accounts.syncNow()).state).toBe('succeeded');
    const result = await f.core.dispatch('book.overview', {});
    if (!result.ok) throw new Error(result.error.message);
    overview = result.value as BookOverview;
  });
  afterAll(() => f.dispose());

  it('counts the whole book', async () => {
    expect(overview.channels).toBe(await total({}));
    expect(overview.channels).toBe(240);
    expect(overview.clients).toBe(60);
    expect(overview.needsAction).toBe(await total({ actionRequired: true }));
    expect(overview.asOf).toBe(f.core.accounts.syncStatus().lastSucceededAt);
  });

  it('counts each state, step, rating, limit and action as its filtered list does', async () => {
    expect(overview.byState.length).toBeGreaterThan(3);
    for (const { state, count } of overview.byState) expect(await total({ states: [state] }), state).toBe(count);
    expect(overview.byState.reduce((sum, s) => sum + s.count, 0)).toBe(overview.channels);
    for (const step of overview.funnel) expect(await total({ states: step.states }), step.step).toBe(step.count);
    expect(overview.funnel.find((s) => s.step === 'live')?.count).toBeGreaterThan(0);
    for (const { label, count } of overview.quality) expect(await total({ qualityRating: [label] }), label).toBe(count);
    expect(overview.quality.reduce((sum, q) => sum + q.count, 0)).toBe(overview.channels);
    expect(overview.quality.map((q) => q.label)).toContain('Not available');
    for (const { label, count } of overview.messagingLimit) expect(await total({ messagingLimit: [label] }), label).toBe(count);
    for (const { id, count } of overview.actions) expect(await total({ actions: [id] }), id).toBe(count);
    expect(overview.actions.reduce((sum, a) => sum + a.count, 0)).toBe(overview.needsAction);
  });

  it("lists clients near their limit with their channels as the client's list counts them", async () => {
    expect(overview.nearLimit.total).toBeGreaterThan(0);
    for (const client of overview.nearLimit.items) {
      expect(await total({ clientId: client.clientId })).toBe(client.channels);
      expect(client.channels).toBeGreaterThanOrEqual(client.maxChannels - 1);
    }
  });

  it('lists low balances once they were read, lowest first', async () => {
    const direct = f.hub.state
      .listClients()
      .filter((c) => f.hub.state.isDirectPayment(c.id))
      .slice(0, 3);
    // Read in the background (within the Hub's rate limit): wait until each has been read.
    const read = new Map<string, ClientBalanceInfo>();
    for (let i = 0; i < 400 && read.size < direct.length; i += 1) {
      for (const client of direct) {
        const info = await f.core.dispatch('clients.balance', { id: client.id, refresh: i === 0 });
        if (info.ok && !(info.value as ClientBalanceInfo).refreshing && (info.value as ClientBalanceInfo).fetchedAt)
          read.set(client.id, info.value as ClientBalanceInfo);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(read.size).toBe(direct.length);
    const after = ((await f.core.dispatch('book.overview', {})) as { ok: true; value: BookOverview }).value;
    const known = [...read.values()].filter((info) => info.available && info.balance !== null);
    expect(after.balances.known).toBe(known.length);
    expect(after.balances.low.map((b) => b.clientId).sort()).toEqual(
      known
        .filter((info) => (info.balance ?? 0) <= after.balances.threshold)
        .map((info) => info.clientId)
        .sort(),
    );
    const low = after.balances.low.map((b) => b.balance);
    expect(low).toEqual([...low].sort((a, b) => a - b));
    for (const item of after.balances.low) expect(item.balance).toBeLessThanOrEqual(after.balances.threshold);
  });

  it("records the day's counts with each sync; the day's last sync wins", async () => {
    expect(overview.trend).toHaveLength(1);
    const [day] = overview.trend;
    expect(day).toMatchObject({
      day: new Date().toISOString().slice(0, 10),
      channels: 240,
      clients: 60,
      needsAction: overview.needsAction,
    });
    expect(day?.byState.live).toBe(overview.byState.find((s) => s.state === 'live')?.count);

    // A channel the app shows as live (Meta's standing outranks live, so not every live account_mode is).
    const listed = await f.core.dispatch('channels.list', { states: ['live'], limit: 1 });
    const live = listed.ok ? (listed.value as { items: Array<{ id: string }> }).items[0] : undefined;
    f.hub.state.cancelChannel(live!.id);
    expect((await f.core.accounts.syncNow()).state).toBe('succeeded');
    const again = ((await f.core.dispatch('book.overview', {})) as { ok: true; value: BookOverview }).value;
    expect(again.trend).toHaveLength(1);
    expect(again.trend[0]?.byState.live).toBe((day?.byState.live ?? 0) - 1);
    expect(again.trend[0]?.byState.pending_deletion).toBe((day?.byState.pending_deletion ?? 0) + 1);
  });

  it('is computed on the search index worker, equal to computing it here, and computed again only after a change', async () => {
    const profileId = f.core.accounts.activeProfileId()!;
    const worker = new SearchIndexWorker({ databaseFile: f.core.databaseFile });
    try {
      const book = new BookQueries(f.core.db);
      const asOf = f.core.accounts.syncStatus().lastSucceededAt;
      expect(await worker.overview(profileId, asOf)).toEqual(book.computeOverview(profileId, asOf));
      const asked: string[] = [];
      const onWorker = (p: string, at: string | null) => {
        asked.push(at ?? '');
        return worker.overview(p, at);
      };
      await book.overview(profileId, asOf, onWorker);
      await book.overview(profileId, asOf, onWorker);
      expect(asked).toHaveLength(1);
      f.hub.state.cancelChannel(f.hub.state.listChannels().find((c) => c.terminated_at === null)!.id);
      expect((await f.core.accounts.syncNow()).state).toBe('succeeded');
      const later = f.core.accounts.syncStatus().lastSucceededAt;
      const after = await book.overview(profileId, later, onWorker);
      expect(asked).toHaveLength(2);
      expect(after).toEqual(book.computeOverview(profileId, later));
      // A worker that fails leaves the answer to this thread, not to the user.
      const failing = () => Promise.reject(new Error('worker gone'));
      f.hub.state.cancelChannel(f.hub.state.listChannels().find((c) => c.terminated_at === null)!.id);
      expect((await f.core.accounts.syncNow()).state).toBe('succeeded');
      const latest = f.core.accounts.syncStatus().lastSucceededAt;
      expect(await book.overview(profileId, latest, failing)).toEqual(book.computeOverview(profileId, latest));
    } finally {
      worker.close();
    }
  });
});
