import { describe, expect, it } from 'vitest';
import { actionsFor, createOutboxStore, openCount } from '../../../../renderer/src/state/outbox-store';
import { fakeApi, flush } from '../fake-api';
import { action, outboxStatus } from './samples';

describe('outbox store', () => {
  it('loads the queue and re-reads it whenever main says it changed', async () => {
    const fake = fakeApi();
    let items = [action('a1', 'queued')];
    const counts = () => Object.fromEntries(items.map((i) => [i.state, items.filter((j) => j.state === i.state).length]));
    fake.answer('outbox.list', () => ({
      ok: true,
      value: { ...outboxStatus(counts(), items[0]?.state === 'queued' ? false : true), items },
    }));
    const store = createOutboxStore(fake.api);
    await store.getState().load();
    expect(store.getState()).toMatchObject({ loaded: true, status: { online: false } });
    expect(openCount(store.getState().status)).toBe(1);
    items = [action('a1', 'done')];
    fake.emit('outbox.changed', outboxStatus({ done: 1 }));
    await flush();
    expect(store.getState().items[0]?.state).toBe('done');
    expect(openCount(store.getState().status)).toBe(0);
  });

  it('marks an action busy while it is retried, and shows its new state at once', async () => {
    const fake = fakeApi();
    fake.answer('outbox.list', () => ({ ok: true, value: { ...outboxStatus({ failed: 1 }), items: [action('a1', 'failed')] } }));
    fake.answer('outbox.retry', () => ({ ok: true, value: action('a1', 'queued') }));
    const store = createOutboxStore(fake.api);
    await store.getState().load();
    const retrying = store.getState().retry('a1');
    expect(store.getState().busy).toEqual({ a1: 'retry' });
    await retrying;
    expect(store.getState().busy).toEqual({});
    expect(store.getState().items[0]?.state).toBe('queued');
  });

  it('reports a refused cancel in main’s words', async () => {
    const fake = fakeApi();
    fake.answer('outbox.list', () => ({ ok: true, value: { ...outboxStatus({ sending: 1 }), items: [action('a1', 'sending')] } }));
    fake.answer('outbox.cancel', () => ({ ok: false, error: { code: 'conflict', message: 'It may already have reached the Hub.' } }));
    const store = createOutboxStore(fake.api);
    await store.getState().load();
    const result = await store.getState().cancel('a1');
    expect(result.ok).toBe(false);
    expect(store.getState().error?.message).toContain('already have reached');
  });

  it('"Send now" keeps main’s summary', async () => {
    const fake = fakeApi();
    fake.answer('outbox.list', () => ({ ok: true, value: { ...outboxStatus(), items: [] } }));
    fake.answer('outbox.push', () => ({
      ok: true,
      value: { ...outboxStatus({ done: 1 }), attempted: 1, message: 'Sent 1 action; the queue is empty.' },
    }));
    const store = createOutboxStore(fake.api);
    await store.getState().push();
    expect(store.getState()).toMatchObject({ pushing: false, pushMessage: 'Sent 1 action; the queue is empty.' });
  });

  it('lists one record’s actions newest first', () => {
    const items = [
      action('a1', 'done', 'ch1', '2025-06-18T09:00:00Z'),
      action('a2', 'queued', 'ch2'),
      action('a3', 'queued', 'ch1', '2025-06-18T11:00:00Z'),
    ];
    expect(actionsFor(items, 'ch1').map((a) => a.id)).toEqual(['a3', 'a1']);
    expect(openCount(outboxStatus({ queued: 1, sending: 1, failed: 2, conflict: 1, done: 9, cancelled: 3 }))).toBe(5);
  });
});
