/**
 * The spreadsheet flavour opened by LibreOffice Calc as a double-click opens it (formulas evaluated,
 * as Excel always does): every cell must display exactly what the app shows, and no cell may be a
 * formula built from the data. Both separators. The file is written by the exporter's own pipeline
 * (format, stream, atomic write) from hostile values that the store would trim away.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CsvDelimiter } from '@shared/export';
import { writeFileAtomically } from '@core/export/atomic-file';
import { csvFormat, writeCsv } from '@core/export/csv-format';
import { EXPORT_HEADER, exportRow } from '@core/export/export-columns';
import { makeTempDir } from '../../helpers/temp-dir';
import { HEADER, hostileItems, shownRow } from '../../unit/export/hostile-fixture';
import { INERT_TEXT_FORMULA, openInCalc } from './calc';

let tmp: ReturnType<typeof makeTempDir>;
beforeAll(() => {
  tmp = makeTempDir();
});
afterAll(() => tmp.cleanup());

/** Inside a cell a spreadsheet keeps line feeds only (Calc turns CRLF into LF); the export writes them so. */
const asCellText = (text: string) => text.replace(/\r\n?/g, '\n');

async function exportHostile(delimiter: CsvDelimiter): Promise<string> {
  const file = path.join(tmp.dir, `hostile-${delimiter === ';' ? 'semicolon' : 'comma'}.csv`);
  const items = hostileItems();
  await writeFileAtomically(file, (sink) =>
    writeCsv(sink, csvFormat({ format: 'spreadsheet', delimiter }), EXPORT_HEADER, items.map(exportRow)),
  );
  return file;
}

describe.each<CsvDelimiter>([',', ';'])('spreadsheet CSV with "%s" in LibreOffice Calc', (delimiter) => {
  it('shows every cell exactly as the app does, hostile values included', async () => {
    const file = await exportHostile(delimiter);
    const expected = [HEADER, ...hostileItems().map(shownRow)].map((row) => row.map(asCellText));
    const shown = await openInCalc(file, delimiter, 'displayed');
    expect(shown.length).toBe(expected.length);
    expected.forEach((row, r) => {
      // One row at a time, padded: Calc leaves out trailing empty cells of a row.
      const actual = Array.from({ length: row.length }, (_, c) => shown[r]?.[c] ?? '');
      expect(actual, `row ${r}: ${JSON.stringify(row[0])}`).toEqual(row);
    });
  });

  it('holds no formula but inert text literals: nothing from the data is evaluated', async () => {
    const file = await exportHostile(delimiter);
    const cells = (await openInCalc(file, delimiter, 'formulas')).flat();
    const formulas = cells.filter((cell) => cell.startsWith('='));
    expect(formulas.length).toBeGreaterThan(100); // the numbers, ids, dates and dangerous values
    expect(formulas.filter((cell) => !INERT_TEXT_FORMULA.test(cell))).toEqual([]);
    // The payloads are there, but only inside literals.
    expect(formulas).toContain('="=HYPERLINK(""http://x"",""y"")"');
    expect(formulas).toContain('="+49 Trading"&CHAR(10)&"GmbH"');
    expect(fs.readFileSync(file).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
});
