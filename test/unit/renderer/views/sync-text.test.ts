import { describe, expect, it } from 'vitest';
import { describeSync } from '../../../../renderer/src/screens/workspace/sync-text';
import { syncStatus } from '../state/samples';

const now = Date.parse('2025-06-18T10:03:00.000Z');

describe('describeSync', () => {
  it('says when the last sync was, and what it holds', () => {
    expect(describeSync(syncStatus(), now)).toMatchObject({
      headline: 'Synced 3 min ago',
      detail: '120 clients · 200 channels',
      tone: 'ok',
      progress: null,
    });
  });

  it('shows the phase and the count with a determinate bar while running', () => {
    const view = describeSync(syncStatus({ state: 'running', phase: 'channels', done: 1200, total: 50000 }), now);
    expect(view).toMatchObject({
      headline: 'Syncing…',
      detail: 'Reading channels · 1,200 of 50,000',
      tone: 'running',
      progress: { value: 1200, max: 50000 },
    });
  });

  it('uses an indeterminate bar when the total is not known yet', () => {
    expect(describeSync(syncStatus({ state: 'running', phase: 'clients', done: 0, total: null }), now).progress).toEqual({
      value: 0,
      max: null,
    });
  });

  it('gives the reason and offers a retry when the sync failed', () => {
    const view = describeSync(syncStatus({ state: 'failed', error: { code: 'server_error', message: 'The Hub answered 503.' } }), now);
    expect(view).toMatchObject({
      headline: 'Sync failed',
      detail: 'The Hub answered 503. Data from 3 min ago.',
      tone: 'error',
      retry: true,
    });
    const never = describeSync(
      syncStatus({ state: 'failed', lastSucceededAt: null, error: { code: 'server_error', message: 'The Hub answered 503.' } }),
      now,
    );
    expect(never.detail).toBe('The Hub answered 503. No data synced yet.');
  });

  it('counts each listing on its own while both are read side by side', () => {
    const listing = { clients: { done: 3000, total: 10000 }, channels: { done: 1000, total: 15000 } };
    const view = describeSync(syncStatus({ state: 'running', phase: 'clients', done: 4000, total: 25000, listing }), now);
    expect(view.detail).toBe('Reading 3,000 of 10,000 clients and 1,000 of 15,000 channels');
    expect(view.progress).toEqual({ value: 4000, max: 25000 });
    const unknown = { clients: { done: 0, total: null }, channels: { done: 1000, total: 15000 } };
    expect(describeSync(syncStatus({ state: 'running', phase: 'channels', done: 1000, total: null, listing: unknown }), now).detail).toBe(
      'Reading 0 clients and 1,000 of 15,000 channels',
    );
    expect(describeSync(syncStatus({ state: 'running', phase: 'writing', done: 25000, total: 25000, listing }), now).detail).toBe(
      'Saving to this computer',
    );
  });

  it('says offline, and that the local copy is shown', () => {
    expect(describeSync(syncStatus({ state: 'offline' }), now)).toMatchObject({
      headline: 'Not synced: no connection',
      detail: 'Last synced 3 min ago. Showing the local copy.',
      retry: true,
    });
  });

  it('covers the first moments: unknown, never synced, just requested', () => {
    expect(describeSync(null, now).headline).toBe('Checking sync…');
    expect(describeSync(syncStatus({ state: 'idle', lastSucceededAt: null }), now).headline).toBe('Not synced yet');
    expect(describeSync(syncStatus({ state: 'idle', lastSucceededAt: null }), now, true).headline).toBe('Syncing…');
  });
});

describe('describeSync with a clock that lags behind', () => {
  it('never says a finished sync happens "in a moment"', () => {
    const justNow = syncStatus({ lastSucceededAt: new Date(now + 5_000).toISOString() });
    expect(describeSync(justNow, now).headline).toBe('Synced just now');
  });
});
