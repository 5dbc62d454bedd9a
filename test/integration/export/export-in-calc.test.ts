/**
 * The spreadsheet flavour as a user gets it, end to end: exported through the contract from a core
 * synced from the simulated hub (CSV-hostile names included), with a German locale (";"), then
 * opened in LibreOffice Calc as a double-click opens it. Every cell shows exactly the app's text.
 * Spreadsheet tier: needs `soffice` (scripts/test-tiers.mjs).
 */
import path from 'node:path';
import { expect, it } from 'vitest';
import { HEADER, shownRow } from '../../unit/export/hostile-fixture';
import { openInCalc } from './calc';
import { useHostileExport } from './export-fixture';

const setting = useHostileExport();

it("an export with the locale's separator shows in Calc exactly as the app shows it", async () => {
  setting.desktop.answer = path.join(setting.dir, 'spreadsheet.csv');
  expect(await setting.f.core.dispatch('export.channels', {})).toMatchObject({ ok: true, value: { status: 'saved' } });
  const shown = await openInCalc(setting.desktop.answer, ';', 'displayed');
  const expected = [HEADER, ...setting.stored().map(shownRow)].map((row) => row.map((cell) => cell.replace(/\r\n?/g, '\n')));
  expect(expected.length).toBeGreaterThan(400);
  expect(
    shown.map(
      (row, r) => Array.from({ length: HEADER.length }, (_, c) => row[c] ?? '').join('\u0001') + (expected[r] ? '' : ' (extra row)'),
    ),
  ).toEqual(expected.map((row) => row.join('\u0001')));
});
