/** Web mode's tickets: a slow request's result is kept for the page to fetch once; a quick one is answered at once. */
import { describe, expect, it } from 'vitest';
import { RequestTickets } from '../../../electron/web/request-tickets';

const later = <T>(value: T, ms: number) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe('RequestTickets', () => {
  it('answers a quick request at once, and gives a slow one a ticket whose result is handed out once', async () => {
    const settled: string[] = [];
    const tickets = new RequestTickets({ onSettled: (ticket) => settled.push(ticket), quickMs: 30 });
    expect(await tickets.answer(Promise.resolve({ ok: true, value: 1 }))).toEqual({ kind: 'done', result: { ok: true, value: 1 } });

    const answer = await tickets.answer(later({ ok: true, value: 2 }, 80));
    expect(answer.kind).toBe('pending');
    const ticket = answer.kind === 'pending' ? answer.ticket : '';
    expect(ticket).toMatch(/^[0-9a-f]{32}$/);
    expect(tickets.take(ticket)).toEqual({ kind: 'pending' });
    await later(null, 100);
    expect(settled).toEqual([ticket]);
    expect(tickets.take(ticket)).toEqual({ kind: 'done', result: { ok: true, value: 2 } });
    expect(tickets.take(ticket)).toEqual({ kind: 'unknown' });
    expect(tickets.take('f'.repeat(32))).toEqual({ kind: 'unknown' });
    expect(tickets.size).toBe(0);
  });

  it('drops results nobody fetched after two minutes', async () => {
    let now = 0;
    const tickets = new RequestTickets({ onSettled: () => undefined, quickMs: 1, now: () => now });
    const first = await tickets.answer(later({ ok: true, value: 'old' }, 10));
    await later(null, 20);
    now = 121_000;
    await tickets.answer(later({ ok: true, value: 'new' }, 10)); // a new ticket prunes the stale ones
    expect(first.kind === 'pending' && tickets.take(first.ticket)).toEqual({ kind: 'unknown' });
  });
});
