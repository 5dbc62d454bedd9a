import { describe, expect, it } from 'vitest';
import { createUiStore, VIEW_MODE_KEY, type PreferenceStorage } from '../../../../renderer/src/state/ui-store';

function memoryStorage(initial: Record<string, string> = {}): PreferenceStorage & { data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (key) => data[key] ?? null, setItem: (key, value) => void (data[key] = value) };
}

describe('ui store', () => {
  it('remembers the cards/table choice across windows', () => {
    const storage = memoryStorage();
    const first = createUiStore(storage);
    expect(first.getState().viewMode).toBe('cards');
    first.getState().setViewMode('table');
    expect(storage.data[VIEW_MODE_KEY]).toBe('table');
    expect(createUiStore(storage).getState().viewMode).toBe('table');
  });

  it('works without storage, or with storage that throws', () => {
    const throwing: PreferenceStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    const store = createUiStore(throwing);
    store.getState().setViewMode('table');
    expect(store.getState().viewMode).toBe('table');
    expect(createUiStore(null).getState().viewMode).toBe('cards');
  });

  it('opens a channel on a tab, switches tabs, and closes', () => {
    const store = createUiStore(null);
    store.getState().openChannelDetails('ch1', 'templates');
    expect(store.getState().openChannel).toEqual({ id: 'ch1', tab: 'templates' });
    store.getState().setDetailsTab('insights');
    expect(store.getState().openChannel?.tab).toBe('insights');
    store.getState().closeChannelDetails();
    store.getState().setDetailsTab('actions'); // nothing open: no effect
    expect(store.getState().openChannel).toBeNull();
  });

  it('opens the export on the accounts page, where its button and view are', () => {
    const store = createUiStore(null);
    store.getState().go('notifications');
    store.getState().setExportOpen(true);
    expect(store.getState()).toMatchObject({ section: 'accounts', exportOpen: true });
  });
});
