/**
 * Small seeded randomness for the simulated hub. Everything the hub invents (records, keys, health,
 * templates) comes from here so that the same seed always yields the same data, on every machine.
 */

/** mulberry32: tiny, fast and good enough for test data; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** cyrb53-style string hash folded to 32 bits: derives independent sub-seeds from labels. */
export function hashSeed(...parts: readonly (string | number)[]): number {
  const text = parts.join('\u0001');
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 ^ h2) >>> 0;
}

/** Written, never read: it only makes the character read observable to the JIT. */
export let flattenSink = 0;

/**
 * V8 keeps `a + b` (and template literals) of 13+ characters as a rope, 4-5x the memory of a flat
 * string; reading a character flattens it in place. Generated hubs hold ~1M strings, so this halves
 * generation time (less for the GC to copy). The sink keeps the JIT from dropping the read.
 */
export function flat(text: string): string {
  flattenSink ^= text.charCodeAt(0) | 0;
  return text;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const DIGITS = '0123456789';
const HEX = '0123456789abcdef';
const ALNUM_5 = 62 ** 5; // five base-62 characters fit in one 32-bit draw

/** Weights summed once, so hot generation loops draw without allocating. */
export interface WeightTable<T> {
  values: readonly T[];
  cumulative: readonly number[];
  total: number;
}

export function weights<T>(pairs: readonly (readonly [T, number])[]): WeightTable<T> {
  let total = 0;
  const cumulative: number[] = [];
  for (const [, weight] of pairs) cumulative.push((total += weight));
  if (pairs.length === 0) throw new Error('weights() needs at least one entry');
  return { values: pairs.map(([value]) => value), cumulative, total };
}

export class Rng {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** A generator for one labelled purpose, independent of how much other streams consumed. */
  static for(...parts: readonly (string | number)[]): Rng {
    return new Rng(hashSeed(...parts));
  }

  float(): number {
    return this.next();
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.pick on an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks by relative weights, given as [value, weight] pairs. */
  weighted<T>(pairs: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of pairs) total += weight;
    let roll = this.next() * total;
    for (const [value, weight] of pairs) {
      roll -= weight;
      if (roll < 0) return value;
    }
    const last = pairs[pairs.length - 1];
    if (!last) throw new Error('Rng.weighted on an empty list');
    return last[0];
  }

  draw<T>(table: WeightTable<T>): T {
    const roll = this.next() * table.total;
    const { cumulative, values } = table;
    for (let i = 0; i < cumulative.length; i++) if (roll < (cumulative[i] as number)) return values[i] as T;
    return values[values.length - 1] as T;
  }

  alnum(length: number): string {
    let out = '';
    while (out.length < length) {
      let n = Math.floor(this.next() * ALNUM_5);
      for (let i = 0; i < 5 && out.length < length; i++) {
        out += ALNUM[n % 62];
        n = Math.floor(n / 62);
      }
    }
    return flat(out);
  }

  digits(length: number): string {
    // Nine digits per draw: far fewer intermediate strings when generating 100k numbers.
    let out = '';
    while (out.length < length) {
      const chunk = String(Math.floor(this.next() * 1e9)).padStart(9, '0');
      out += length - out.length >= 9 ? chunk : chunk.slice(0, length - out.length);
    }
    return flat(out);
  }

  hex(length: number): string {
    let out = '';
    let n = 0;
    for (let i = 0; i < length; i++) {
      if (i % 8 === 0) n = Math.floor(this.next() * 4294967296);
      out += HEX[n & 15];
      n >>>= 4;
    }
    return flat(out);
  }

  /** Digits without a leading zero, for numbers that must look like real numeric ids. */
  number(length: number): string {
    return flat(DIGITS[this.int(1, 9)] + this.digits(length - 1));
  }
}

const PAD2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

/**
 * ISO-8601 without milliseconds, the way the Hub writes timestamps ("2024-03-01T09:12:44Z").
 * Computed arithmetically (Hinnant's civil-from-days) because generation formats ~200k of them.
 */
export function isoSeconds(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const days = Math.floor(seconds / 86_400);
  let rest = seconds - days * 86_400;
  const hh = Math.floor(rest / 3600);
  rest -= hh * 3600;
  const mm = Math.floor(rest / 60);
  const ss = rest - mm * 60;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 1000 || year > 9999) return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
  return flat(`${year}-${PAD2[month]}-${PAD2[day]}T${PAD2[hh]}:${PAD2[mm]}:${PAD2[ss]}Z`);
}
