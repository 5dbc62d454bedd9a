import { describe, expect, it } from 'vitest';
import { countryCodeLength, fallbackGroups, formatPhone, phoneDigitsOf, toE164 } from '../../../../shared/format/phone';

describe('formatPhone', () => {
  it.each([
    ['14155550123', '+1 415 555 0123'],
    ['74951234567', '+7 495 123 45 67'],
    ['201012345678', '+20 10 1234 5678'],
    ['27821234567', '+27 82 123 4567'],
    ['302101234567', '+30 21 0123 4567'],
    ['31612345678', '+31 6 12345678'],
    ['33612345678', '+33 6 12 34 56 78'],
    ['34612345678', '+34 612 34 56 78'],
    ['393123456789', '+39 312 345 6789'],
    ['41441234567', '+41 44 123 45 67'],
    ['436641234567', '+43 664 1234567'],
    ['447911123456', '+44 7911 123456'],
    ['442079460958', '+44 20 7946 0958'],
    ['4930123456', '+49 30 123456'],
    ['4915123456789', '+49 151 23456789'],
    ['495556123456', '+49 5556 123456'],
    ['525512345678', '+52 55 1234 5678'],
    ['5511912345678', '+55 11 91234 5678'],
    ['551123456789', '+55 11 2345 6789'],
    ['61412345678', '+61 4 1234 5678'],
    ['819012345678', '+81 90 1234 5678'],
    ['8613800138000', '+86 138 0013 8000'],
    ['905321234567', '+90 532 123 45 67'],
    ['919876543210', '+91 98765 43210'],
    ['966501234567', '+966 50 123 4567'],
    ['971501234567', '+971 50 123 4567'],
    ['972501234567', '+972 50 123 4567'],
  ])('groups %s as %s', (digits, expected) => {
    expect(formatPhone(digits)).toBe(expected);
  });

  it('accepts "+", spaces, punctuation and numbers, and reads the same digits', () => {
    expect(formatPhone('+49 (30) 123-456')).toBe('+49 30 123456');
    expect(formatPhone(4930123456)).toBe('+49 30 123456');
  });

  it('falls back to the ITU code length and even groups for countries not in the table', () => {
    // 234 (Nigeria) is a three-digit code; 8031234567 has ten national digits.
    expect(formatPhone('2348031234567')).toBe('+234 803 123 4567');
    // 62 (Indonesia) is two digits by the ITU table.
    expect(formatPhone('6281234567890')).toBe('+62 812 3456 7890');
  });

  it('never produces a one-digit trailing group in the fallback', () => {
    for (let length = 1; length <= 13; length++) {
      const groups = fallbackGroups(length);
      expect(groups.reduce((a, b) => a + b, 0)).toBe(length);
      if (length > 1) expect(Math.min(...groups)).toBeGreaterThan(1);
    }
  });

  it('shows implausible lengths ungrouped rather than grouped misleadingly', () => {
    expect(formatPhone('12345')).toBe('+12345');
    expect(formatPhone('1234567890123456')).toBe('+1234567890123456');
  });

  it('returns null without digits', () => {
    expect(formatPhone(null)).toBeNull();
    expect(formatPhone(undefined)).toBeNull();
    expect(formatPhone('')).toBeNull();
    expect(formatPhone('n/a')).toBeNull();
  });
});

describe('toE164 and helpers', () => {
  it('keeps the machine form "+<digits>" for CSV and clipboard', () => {
    expect(toE164('+49 30 123456')).toBe('+4930123456');
    expect(toE164('4930123456')).toBe('+4930123456');
    expect(toE164(null)).toBeNull();
  });

  it('extracts digits', () => {
    expect(phoneDigitsOf(' +1 (415) 555-0123 ')).toBe('14155550123');
    expect(phoneDigitsOf('---')).toBeNull();
  });

  it('knows the length of calling codes, preferring table entries', () => {
    expect(countryCodeLength('14155550123')).toBe(1);
    expect(countryCodeLength('4930123456')).toBe(2);
    expect(countryCodeLength('972501234567')).toBe(3);
    expect(countryCodeLength('3531234567')).toBe(3); // Ireland, 353
    expect(countryCodeLength('6281234567')).toBe(2);
  });
});
