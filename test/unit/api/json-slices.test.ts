/**
 * Cutting each record's JSON from a list answer: every slice parses to exactly the record JSON.parse
 * saw, whatever the strings hold (quotes, backslashes, brackets, commas) and however the server
 * spaces its JSON; anything the walker cannot be sure of gives null, never a wrong slice.
 */
import { describe, expect, it } from 'vitest';
import { arrayElementTexts } from '@core/api/json-slices';
import { readListPage } from '@core/api/list-page';

const tricky = [
  { id: 'a"b', note: 'ends with a backslash \\', more: '\\"quoted\\"', arr: [1, [2, [3]], { x: '}' }] },
  { id: '{[(', text: 'comma, colon: bracket] brace}', empty: '', unicode: 'Müller ☕ 日本 \u2028 \u0001' },
  { id: 'n', value: null, t: true, f: false, num: -1.5e-7, nested: { a: { b: { c: [] } } } },
  'a bare string with "quotes" and \\',
  42,
  null,
  [{ inner: ']' }],
];

function slicesOf(text: string, key = 'partner_channels'): unknown[] | null {
  const texts = arrayElementTexts(text, key);
  return texts === null ? null : texts.map((t) => JSON.parse(t));
}

describe('arrayElementTexts', () => {
  it('cuts records with hostile strings exactly, compact or pretty-printed, wherever the key sits', () => {
    const before = { count: 7, total: 7, note: 'the "partner_channels": [ is only text here' };
    for (const space of [undefined, 2, '\t']) {
      for (const body of [
        { ...before, partner_channels: tricky },
        { partner_channels: tricky, ...before },
        { count: 7, other: { partner_channels: [1] }, partner_channels: tricky, offset: 0 },
      ]) {
        const text = JSON.stringify(body, null, space);
        expect(slicesOf(text)).toEqual(tricky);
      }
    }
  });

  it('keeps the text as received (spacing inside a record included)', () => {
    const text = '{ "count" : 2 , "clients" : [ {"id": "x",  "name" : "A"} ,\n {"id":"y"} ] }';
    expect(arrayElementTexts(text, 'clients')).toEqual(['{"id": "x",  "name" : "A"}', '{"id":"y"}']);
    expect(arrayElementTexts('{"clients":[]}', 'clients')).toEqual([]);
  });

  it('answers null rather than guess', () => {
    expect(arrayElementTexts('[1, 2]', 'clients')).toBeNull(); // top level not an object
    expect(arrayElementTexts('{"count": 1}', 'clients')).toBeNull(); // no such key
    expect(arrayElementTexts('{"clients": {"a": 1}}', 'clients')).toBeNull(); // not an array
    expect(arrayElementTexts('{"clients": [1], "clients": [2]}', 'clients')).toBeNull(); // repeated key
    expect(arrayElementTexts('{"\\u0063lients": [1]}', 'clients')).toBeNull(); // key written with escapes
    expect(arrayElementTexts('{"clients": [1, 2', 'clients')).toBeNull(); // cut short
  });

  it('agrees with JSON.parse on 300 random documents', () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const chars = ['a', '"', '\\', '{', '}', '[', ']', ',', ':', ' ', 'ü', '☕', '\n', '/'];
    const randomString = () => Array.from({ length: Math.floor(rnd() * 8) }, () => chars[Math.floor(rnd() * chars.length)]).join('');
    const randomValue = (depth: number): unknown => {
      const kind = Math.floor(rnd() * (depth > 3 ? 4 : 6));
      if (kind === 0) return randomString();
      if (kind === 1) return Math.round(rnd() * 1e6) / 100;
      if (kind === 2) return rnd() < 0.5 ? null : rnd() < 0.5;
      if (kind === 3) return randomString();
      if (kind === 4) return Array.from({ length: Math.floor(rnd() * 4) }, () => randomValue(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(rnd() * 4) }, () => [randomString(), randomValue(depth + 1)]));
    };
    for (let i = 0; i < 300; i += 1) {
      const items = Array.from({ length: Math.floor(rnd() * 6) }, () => randomValue(0));
      const body = { [randomString() || 'k']: randomValue(1), channels: items, total: items.length };
      const text = JSON.stringify(body, null, rnd() < 0.5 ? undefined : 1);
      expect(slicesOf(text, 'channels'), text).toEqual(items);
    }
  });
});

describe('readListPage', () => {
  it('hands over the texts aligned with the items, and none when the body cannot be cut', () => {
    const body = { count: 2, total: 2, partner_channels: [{ id: 'a' }, { id: 'b' }] };
    const text = JSON.stringify(body);
    const page = readListPage(JSON.parse(text), ['partner_channels'], 'list channels', 0, 200, text);
    expect(page.itemTexts).toEqual(['{"id":"a"}', '{"id":"b"}']);
    expect(readListPage(body, ['partner_channels'], 'list channels', 0, 200).itemTexts).toBeUndefined();
    // A text that does not match the parsed body (never the case from the HTTP client) is not used.
    const mismatched = readListPage(body, ['partner_channels'], 'list channels', 0, 200, '{"partner_channels":[{"id":"a"}]}');
    expect(mismatched.itemTexts).toBeUndefined();
  });
});
