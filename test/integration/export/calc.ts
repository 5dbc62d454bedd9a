/**
 * LibreOffice Calc as the real spreadsheet: opens a CSV the way a double-click does (UTF-8, the
 * file's separator, formulas evaluated, as Excel always does; see docs/SPREADSHEETS.md)
 * and writes back, tab-separated, either what every cell displays or every cell's formula. Each run
 * gets a private profile, so runs never share state or collide with another engineer's soffice.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { makeTempDir } from '../../helpers/temp-dir';

const run = promisify(execFile);

/** Filter tokens: separator, text delimiter ", charset 76 (UTF-8), from line 1, ..., 13: evaluate formulas. */
const importFilter = (separator: ',' | ';') => `CSV:${separator.charCodeAt(0)},34,76,1,,0,false,false,false,false,false,-1,true`;
/** Tab-separated UTF-8; token 9 "as shown" for displayed text, token 10 for the formulas instead. */
const EXPORT_FILTERS = {
  displayed: 'csv:Text - txt - csv (StarCalc):9,34,76,1,,0,false,true,true',
  formulas: 'csv:Text - txt - csv (StarCalc):9,34,76,1,,0,false,true,false,true',
} as const;

export type CalcView = keyof typeof EXPORT_FILTERS;

export async function openInCalc(file: string, separator: ',' | ';', view: CalcView): Promise<string[][]> {
  const profile = makeTempDir('partner-desk-soffice-profile-');
  const out = makeTempDir('partner-desk-soffice-out-');
  try {
    await run(
      'soffice',
      [
        `-env:UserInstallation=${pathToFileURL(profile.dir).href}`,
        '--headless',
        `--infilter=${importFilter(separator)}`,
        '--convert-to',
        EXPORT_FILTERS[view],
        '--outdir',
        out.dir,
        file,
      ],
      { timeout: 120_000 },
    );
    const converted = path.join(out.dir, path.basename(file));
    if (!fs.existsSync(converted)) throw new Error(`soffice produced no ${converted}`);
    const rows = parse(fs.readFileSync(converted, 'utf8'), { delimiter: '\t', relax_column_count: true }) as string[][];
    return rows;
  } finally {
    profile.cleanup();
    out.cleanup();
  }
}

/** A string formula made only of quoted literals and CHAR(10): shows text, runs nothing from the data. */
export const INERT_TEXT_FORMULA = /^=(?:"(?:[^"]|"")*"|CHAR\(10\))(?:&(?:"(?:[^"]|"")*"|CHAR\(10\)))*$/;
