/**
 * The seed's headline deliverable with the numbers as partners' data holds them: the demo hub writes
 * some numbers with the international prefix 00 and some nationally ("01512 3456789", "(11) 96123-4567").
 * Exported as plain CSV, as the spreadsheet flavour, and that file opened in LibreOffice Calc, every one
 * of them is the number in E.164. Expected values are worked out here from what the hub sent: for 00 by
 * dropping the prefix, for national numbers with libphonenumber itself in the client's country.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_COLUMN_TITLES } from '@shared/export';
import { startSyncedCore, type SyncedFixture } from '../../helpers/synced-core';
import { makeTempDir } from '../../helpers/temp-dir';
import { openInCalc } from './calc';

let f: SyncedFixture;
let tmp: ReturnType<typeof makeTempDir>;
/** Channel id -> the E.164 number its written form stands for. */
const expected = new Map<string, string>();
const counts = { idd: 0, national: 0 };

beforeAll(async () => {
  tmp = makeTempDir();
  f = await startSyncedCore({ clients: 150, channels: 600, seed: 14 });
  expect((await f.core.accounts.syncNow()).state).toBe('succeeded');
  for (const channel of f.hub.state.listChannels()) {
    const written = channel.setup_info.phone_number;
    const country = channel.client.contact_info?.country;
    if (written.replace(/\D/g, '').length < 7) continue; // the few values that are no number at all ("0000", "tbd")
    if (written.startsWith('00')) {
      expected.set(channel.id, `+${written.replace(/\D/g, '').slice(2)}`);
      counts.idd += 1;
    } else if (/^[(0]/.test(written) && country) {
      const number = parsePhoneNumberFromString(written, country as CountryCode);
      expect(number?.isValid(), `${written} (${country})`).toBe(true);
      expected.set(channel.id, number!.number);
      counts.national += 1;
    }
  }
});
afterAll(() => {
  f.dispose();
  tmp.cleanup();
});

const column = (title: (typeof EXPORT_COLUMN_TITLES)[number]) => EXPORT_COLUMN_TITLES.indexOf(title);

/** A cell as written in the spreadsheet flavour: `="text"` (a string formula of one literal) is `text`. */
const literal = (cell: string) => /^="([^"]*)"$/.exec(cell)?.[1] ?? cell;

/** Channel id -> the WhatsApp number cell, for the rows of `rows` (header first). */
function numbersById(rows: string[][], id: (cell: string) => string = (cell) => cell): Map<string, string> {
  expect(rows[0]).toEqual([...EXPORT_COLUMN_TITLES]);
  return new Map(rows.slice(1).map((row) => [id(row[column('Channel ID')] ?? ''), row[column('WhatsApp number')] ?? '']));
}

describe('E.164 in the CSV for numbers written with 00 or nationally', () => {
  it('the demo data holds enough of both', () => {
    expect(counts.idd).toBeGreaterThan(15);
    expect(counts.national).toBeGreaterThan(15);
  });

  it('plain CSV', async () => {
    const file = path.join(tmp.dir, 'plain.csv');
    await f.core.exporter.exportToFile(file, { format: 'plain' });
    const numbers = numbersById(parse(fs.readFileSync(file, 'utf8')) as string[][]);
    for (const [id, e164] of expected) expect(numbers.get(id), id).toBe(e164);
    // Never the old mangling "+0049…".
    expect([...numbers.values()].filter((n) => n.startsWith('+00'))).toEqual([]);
  });

  it('spreadsheet CSV, as written and as LibreOffice Calc shows it', async () => {
    const file = path.join(tmp.dir, 'spreadsheet.csv');
    await f.core.exporter.exportToFile(file, { format: 'spreadsheet', delimiter: ';' });
    // As written: a string formula, so the "+" stays visible and nothing is read as a number.
    const written = numbersById(parse(fs.readFileSync(file, 'utf8'), { delimiter: ';', bom: true }) as string[][], literal);
    for (const [id, e164] of expected) expect(written.get(id), id).toBe(`="${e164}"`);
    const shown = numbersById(await openInCalc(file, ';', 'displayed'));
    for (const [id, e164] of expected) expect(shown.get(id), id).toBe(e164);
  });
});
