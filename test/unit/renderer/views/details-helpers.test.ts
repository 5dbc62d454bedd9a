import { describe, expect, it } from 'vitest';
import { tokenizeJson } from '../../../../renderer/src/screens/details/json-tokens';
import { filterFields, flattenRaw, rawText } from '../../../../renderer/src/screens/details/raw-fields';
import { rejectionText, templateCategory, templateStatus } from '../../../../renderer/src/screens/details/template-status';
import { niceCeiling, usageSeries } from '../../../../renderer/src/screens/details/usage-series';
import type { UsagePeriod } from '@shared/insights';

describe('raw fields', () => {
  const raw = { id: 'ch1', setup_info: { phone_number: '4930', error: null }, tags: [], consents: {}, nodes: [{ up: true }], n: 3 };

  it('flattens every field with its path, including empty and null ones', () => {
    expect(flattenRaw(raw)).toEqual([
      { path: 'id', value: 'ch1', kind: 'string' },
      { path: 'setup_info.phone_number', value: '4930', kind: 'string' },
      { path: 'setup_info.error', value: 'null', kind: 'null' },
      { path: 'tags', value: '[]', kind: 'empty' },
      { path: 'consents', value: '{}', kind: 'empty' },
      { path: 'nodes[0].up', value: 'true', kind: 'boolean' },
      { path: 'n', value: '3', kind: 'number' },
    ]);
  });

  it('filters by path or value and reads nested values', () => {
    expect(filterFields(flattenRaw(raw), 'PHONE').map((f) => f.path)).toEqual(['setup_info.phone_number']);
    expect(filterFields(flattenRaw(raw), '').length).toBe(7);
    expect(rawText(raw, 'setup_info', 'phone_number')).toBe('4930');
    expect(rawText(raw, 'setup_info', 'error')).toBeNull();
    expect(rawText(raw, 'missing', 'deeper')).toBeNull();
  });

  it('stops at the limit for huge records', () => {
    expect(flattenRaw({ list: Array.from({ length: 50 }, (_, i) => i) }, 10)).toHaveLength(10);
  });
});

describe('JSON tokens', () => {
  it('tells keys from strings, numbers and literals, and loses no character', () => {
    const text = JSON.stringify({ a: 'x:y', b: -1.5e3, c: null, d: [true] }, null, 2);
    const tokens = tokenizeJson(text);
    expect(tokens.map((t) => t.text).join('')).toBe(text);
    expect(tokens.filter((t) => t.kind === 'key').map((t) => t.text)).toEqual(['"a"', '"b"', '"c"', '"d"']);
    expect(tokens.filter((t) => t.kind === 'string').map((t) => t.text)).toEqual(['"x:y"']);
    expect(tokens.filter((t) => t.kind === 'number').map((t) => t.text)).toEqual(['-1500']);
    expect(tokenizeJson('[1.5e-7]').find((t) => t.kind === 'number')?.text).toBe('1.5e-7');
    expect(tokens.filter((t) => t.kind === 'literal').map((t) => t.text)).toEqual(['null', 'true']);
  });

  it('keeps markup in values as plain text', () => {
    const tokens = tokenizeJson(JSON.stringify({ name: '<img src=x onerror=alert(1)>' }));
    expect(tokens.find((t) => t.kind === 'string')?.text).toBe('"<img src=x onerror=alert(1)>"');
  });
});

describe('template words', () => {
  it('reads statuses in either case and keeps unknown ones visible', () => {
    expect(templateStatus('APPROVED')).toEqual({ label: 'Approved', tone: 'positive' });
    expect(templateStatus('rejected').tone).toBe('negative');
    expect(templateStatus('LIMBO')).toEqual({ label: 'LIMBO', tone: 'neutral' });
    expect(templateStatus(null).label).toBe('Unknown');
    expect(templateCategory('AUTHENTICATION')).toBe('Authentication');
    expect(rejectionText('TAG_CONTENT_MISMATCH')).toBe('Tag content mismatch');
    expect(rejectionText('NONE')).toBeNull();
  });
});

describe('usage series', () => {
  const period = (date: string, m: number, s: number, price: number | null): UsagePeriod => ({
    periodDate: date,
    quantity: m + s,
    paidQuantity: m,
    freeQuantity: s,
    totalPrice: price,
    categories: {
      marketing: { quantity: m, price: null },
      utility: { quantity: null, price: null },
      authentication: { quantity: 0, price: null },
      service: { quantity: s, price: null },
    },
  });

  it('orders periods, stacks categories and totals them', () => {
    const series = usageSeries([period('2025-03-01', 10, 5, 1.5), period('2025-01-01', 4, 0, null), period('2025-02-01', 1, 1, 0.1)]);
    expect(series.bars.map((b) => b.period)).toEqual(['2025-01-01', '2025-02-01', '2025-03-01']);
    expect(series.bars[2]).toMatchObject({ total: 15, values: { marketing: 10, utility: 0, authentication: 0, service: 5 } });
    expect(series.totals).toEqual({ marketing: 15, utility: 0, authentication: 0, service: 6 });
    expect(series.max).toBe(15);
    expect(series.totalPrice).toBeCloseTo(1.6);
  });

  it('keeps the most recent periods only', () => {
    const many = Array.from({ length: 20 }, (_, i) =>
      period(`2024-${String((i % 12) + 1).padStart(2, '0')}-${String(i + 1).padStart(2, '0')}`, i, 0, null),
    );
    expect(usageSeries(many, 12).bars).toHaveLength(12);
    expect(usageSeries([]).totalPrice).toBeNull();
  });

  it('rounds axis maxima to readable numbers', () => {
    expect(niceCeiling(0)).toBe(1);
    expect(niceCeiling(7)).toBe(10);
    expect(niceCeiling(1234)).toBe(2000);
    expect(niceCeiling(2400)).toBe(2500);
    expect(niceCeiling(4100)).toBe(5000);
  });
});
