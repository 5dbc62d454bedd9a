import { describe, expect, it } from 'vitest';
import { currencyCode, formatCompact, formatCount, formatMoney } from '@shared/format/money';

describe('formatMoney', () => {
  it('formats with the currency in the locale', () => {
    expect(formatMoney(1234.5, 'EUR', 'en-US')).toBe('€1,234.50');
    expect(formatMoney(1234.5, 'EUR', 'de-DE')).toBe('1.234,50\u00a0€');
    expect(formatMoney(-20, 'usd', 'en-US')).toBe('-$20.00');
  });

  it('keeps up to four decimals for tiny per-message prices', () => {
    expect(formatMoney(0.0456, 'USD', 'en-US')).toBe('$0.0456');
    expect(formatMoney(0, 'USD', 'en-US')).toBe('$0.00');
  });

  it('shows unknown or malformed currency codes after a plain number instead of throwing', () => {
    expect(formatMoney(12.5, 'credits', 'en-US')).toBe('12.50 credits');
    expect(formatMoney(12.5, null, 'en-US')).toBe('12.50');
  });

  it('returns null for absent amounts', () => {
    expect(formatMoney(null, 'EUR')).toBeNull();
    expect(formatMoney(undefined, 'EUR')).toBeNull();
    expect(formatMoney(Number.NaN, 'EUR')).toBeNull();
  });

  it('normalises currency codes', () => {
    expect(currencyCode(' eur ')).toBe('EUR');
    expect(currencyCode('EURO')).toBeNull();
    expect(currencyCode(null)).toBeNull();
  });
});

describe('counts', () => {
  it('groups thousands and abbreviates for tight spaces', () => {
    expect(formatCount(50000, 'en-US')).toBe('50,000');
    expect(formatCompact(12_345, 'en-US')).toBe('12.3K');
    expect(formatCompact(999, 'en-US')).toBe('999');
  });
});
