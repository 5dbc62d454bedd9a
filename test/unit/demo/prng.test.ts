import { describe, expect, it } from 'vitest';
import { flat, hashSeed, isoSeconds, mulberry32, Rng, weights } from '@demo-hub/prng';

describe('demo prng', () => {
  it('repeats for a seed and differs between seeds', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const seqA = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(seqA);
    expect(Array.from({ length: 5 }, c)).not.toEqual(seqA);
    for (const x of seqA) expect(x >= 0 && x < 1).toBe(true);
    expect(hashSeed('a', 1)).toBe(hashSeed('a', 1));
    expect(hashSeed('a', 1)).not.toBe(hashSeed('a1'));
  });

  it('draws ids, digits and weighted values in range', () => {
    const rng = Rng.for('test');
    expect(rng.alnum(23)).toMatch(/^[A-Za-z0-9]{23}$/);
    expect(rng.digits(20)).toMatch(/^\d{20}$/);
    expect(rng.number(15)).toMatch(/^[1-9]\d{14}$/);
    expect(rng.hex(13)).toMatch(/^[0-9a-f]{13}$/);
    const table = weights<'a' | 'b'>([
      ['a', 90],
      ['b', 10],
    ]);
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 10_000; i++) counts[rng.draw(table)]++;
    expect(counts.a).toBeGreaterThan(8_500);
    expect(counts.b).toBeGreaterThan(700);
    for (let i = 0; i < 1000; i++) {
      const n = rng.int(3, 5);
      expect(n >= 3 && n <= 5 && Number.isInteger(n)).toBe(true);
    }
  });

  it('formats ISO seconds exactly like Date#toISOString without milliseconds', () => {
    const rng = Rng.for('iso');
    for (let i = 0; i < 5_000; i++) {
      const ms = rng.int(0, 4_102_444_800_000);
      expect(isoSeconds(ms)).toBe(new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z'));
    }
    expect(isoSeconds(Date.UTC(2024, 1, 29, 23, 59, 59, 999))).toBe('2024-02-29T23:59:59Z');
  });

  it('flat() never changes a string', () => {
    for (const s of ['', 'a', 'long enough to be a rope '.repeat(3), '  Leading Spaces Ltd', 'Müller']) expect(flat(s)).toBe(s);
  });
});
