/**
 * The renderer's new state: the selection (click, Shift ranges, select-all, cleared by a new query),
 * what the workspace remembers per profile (tolerant of damaged or future entries), saved views and
 * their counts, which state chips fit, and which table columns a width allows.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CHANNEL_FILTERS, createChannelList } from '../../../../renderer/src/state/channel-list';
import { createSelectionStore } from '../../../../renderer/src/state/selection-store';
import { createViewsStore } from '../../../../renderer/src/state/views-store';
import { DEFAULT_PREFS, prefsKey, readPrefs, toFilters, writePrefs } from '../../../../renderer/src/state/workspace-prefs';
import { createWorkspace } from '../../../../renderer/src/state/workspace';
import { fitChips, rankedStates } from '../../../../renderer/src/screens/accounts/state-chips';
import { tableLayout } from '../../../../renderer/src/screens/accounts/table-columns';
import { fakeApi, flush } from '../fake-api';

function memoryStorage(): { getItem(key: string): string | null; setItem(key: string, value: string): void; data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value) };
}

const IDS: Array<[string, string | null]> = Array.from({ length: 10 }, (_, i) => [`ch${i}`, `c${i % 3}`]);

describe('the selection', () => {
  function setup() {
    const fake = fakeApi();
    fake.answer('channels.ids', (input) => ({ ok: true, value: { total: IDS.length, items: IDS.slice(0, input.max ?? IDS.length) } }));
    const channels = createChannelList(fake.api);
    return { fake, channels, selection: createSelectionStore(fake.api, channels) };
  }

  it('toggles, extends a range from the last click in the list order, and selects the whole filtered list', async () => {
    const { fake, selection } = setup();
    selection.getState().toggle('ch2', 'c2', 2);
    await selection.getState().extendTo(5);
    expect([...selection.getState().selected.keys()]).toEqual(['ch2', 'ch3', 'ch4', 'ch5']);
    expect(fake.callsTo('channels.ids').at(-1)).toMatchObject({ max: 6 });
    selection.getState().toggle('ch3', 'c0', 3);
    expect(selection.getState().selected.has('ch3')).toBe(false);
    await selection.getState().selectAll();
    expect(selection.getState().selected.size).toBe(10);
    expect(selection.getState().selected.get('ch4')).toBe('c1');
  });

  it('is let go when the search or a filter changes', async () => {
    const { channels, selection } = setup();
    await selection.getState().selectAll();
    channels.getState().setQuery({ ...DEFAULT_CHANNEL_FILTERS, search: 'acme' });
    expect(selection.getState().selected.size).toBe(0);
  });
});

describe('what the workspace remembers', () => {
  it('reads back what it wrote, per profile', () => {
    const storage = memoryStorage();
    writePrefs(storage, 'p1', {
      ...DEFAULT_PREFS,
      section: 'overview',
      filters: { ...DEFAULT_CHANNEL_FILTERS, search: 'gmbh', states: ['live'], sort: 'modified', direction: 'desc' },
    });
    expect(readPrefs(storage, 'p1')).toMatchObject({
      section: 'overview',
      filters: { search: 'gmbh', states: ['live'], sort: 'modified' },
    });
    expect(readPrefs(storage, 'p2')).toEqual(DEFAULT_PREFS);
  });

  it('drops what it cannot read one piece at a time, never the page', () => {
    const storage = memoryStorage();
    storage.setItem(
      prefsKey('p1'),
      JSON.stringify({
        version: 1,
        section: 'nowhere',
        filters: { search: 'x', states: ['live', 'teleported'], sort: 'nonsense' },
        views: [{ id: 'v', name: 'Mine', filters: {} }, { broken: true }],
      }),
    );
    const prefs = readPrefs(storage, 'p1');
    expect(prefs.section).toBe('accounts');
    expect(toFilters(prefs.filters)).toMatchObject({ search: 'x', states: ['live'], sort: 'company', actions: [] });
    expect(prefs.views.map((v) => v.name)).toEqual(['Mine']);
    storage.setItem(prefsKey('p1'), '{not json');
    expect(readPrefs(storage, 'p1')).toEqual(DEFAULT_PREFS);
  });

  it('restores a profile where it was left, and remembers changes as they happen', async () => {
    const storage = memoryStorage();
    const fake = fakeApi();
    fake.answer('channels.counts', (input) => ({
      ok: true,
      value: { totals: input.queries.map((q) => (q.states?.includes('live') ? 7 : 50)) },
    }));
    const first = createWorkspace(fake.api, storage, 'p1');
    first.start();
    first.ui.getState().go('clients');
    first.channels.getState().setQuery({ ...DEFAULT_CHANNEL_FILTERS, search: 'müller', states: ['live'] });
    first.views.getState().save('Live Müller', first.channels.getState().query, 'table');
    await flush();
    expect(first.views.getState().counts[first.views.getState().views[0]!.id]).toBe(7);
    first.dispose();

    const again = createWorkspace(fake.api, storage, 'p1');
    expect(again.ui.getState().section).toBe('clients');
    expect(again.channels.getState().query).toMatchObject({ search: 'müller', states: ['live'] });
    expect(again.views.getState().views.map((v) => [v.name, v.viewMode])).toEqual([['Live Müller', 'table']]);
  });
});

describe('saved views', () => {
  it('replaces a view saved under the same name, and counts all views in one request', async () => {
    const fake = fakeApi();
    fake.answer('channels.counts', (input) => ({ ok: true, value: { totals: input.queries.map((_, i) => i + 1) } }));
    const views = createViewsStore(fake.api, { views: [], columns: null });
    views.getState().save('A', DEFAULT_CHANNEL_FILTERS, null);
    views.getState().save('B', { ...DEFAULT_CHANNEL_FILTERS, actionRequired: true }, null);
    views.getState().save('a', { ...DEFAULT_CHANNEL_FILTERS, states: ['draft'] }, 'cards');
    await flush();
    expect(views.getState().views.map((v) => v.name)).toEqual(['a', 'B']);
    expect(fake.callsTo('channels.counts').at(-1)).toMatchObject({ queries: [{ states: ['draft'] }, { actionRequired: true }] });
    expect(Object.values(views.getState().counts)).toEqual([1, 2]);
  });
});

describe('state chips', () => {
  it('put working channels first, then red, amber, neutral and the onboarding steps', () => {
    const ranked = rankedStates({ live: 3, unverified: 2, error: 1, draft: 4, created: 1, pending_deletion: 2 }, []).map((s) => s.id);
    expect(ranked).toEqual(['live', 'error', 'pending_deletion', 'created', 'draft', 'unverified']);
    expect(rankedStates({ live: 3 }, ['error']).map((s) => s.id)).toEqual(['live', 'error']);
  });

  it('keep as many as fit in order, the chosen ones always, the rest behind More', () => {
    expect(fitChips([50, 50, 50], [false, false, false], 200, 40, 6)).toEqual([true, true, true]);
    expect(fitChips([50, 50, 50, 50], [false, false, false, false], 200, 40, 6)).toEqual([true, true, false, false]);
    expect(fitChips([50, 50, 50, 50], [false, false, false, true], 200, 40, 6)).toEqual([true, false, false, true]);
  });
});

describe('table columns', () => {
  it('always keep Company, Number, State and Action, and never grow wider than the window', () => {
    for (const width of [600, 816, 1044, 1130, 1684]) {
      const layout = tableLayout(width, null, 'company');
      const ids = layout.columns.map((c) => c.id);
      expect(ids).toEqual(expect.arrayContaining(['company', 'phone', 'state', 'action']));
      expect(layout.columns.reduce((sum, c) => sum + c.min, 0) <= Math.max(width, 704)).toBe(true);
    }
    expect(tableLayout(816, null, 'company').folded.length).toBeGreaterThan(0);
    expect(tableLayout(1684, null, 'company').folded).toEqual([]);
  });

  it('show the chosen order, and the sort date first', () => {
    expect(tableLayout(1684, ['quality', 'messageOnBehalf'], 'company').columns.map((c) => c.id)).toEqual([
      'select',
      'company',
      'phone',
      'state',
      'quality',
      'messageOnBehalf',
      'action',
    ]);
    expect(tableLayout(1044, null, 'modified').columns.map((c) => c.id)).toContain('modified');
  });
});
