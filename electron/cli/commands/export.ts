/** `partner-desk export`: the channel CSV from the local copy (works offline), for people and scripts. */
import fs from 'node:fs';
import path from 'node:path';
import { ChannelQuery } from '@shared/accounts';
import { CsvDelimiter, ExportFormat } from '@shared/export';
import { ChannelStateId } from '@shared/status';
import { delimiterForLocale, resolveLocale } from '@core/export/csv-delimiter';
import { UsageError } from '../cli-io';
import type { Command } from '../command';
import { openCore } from '../open-core';

const USAGE =
  'partner-desk export [--out FILE] [--format spreadsheet|plain] [--search Q] [--state S] [--delimiter , | ;] [--safe] [--locale L] [--json]';

const HELP = `Writes every cached WhatsApp channel (or those matching --search and --state) to a CSV file, one row
per channel, from the local copy: no connection needed. Prints the file and the number of rows.

  --out FILE        the file to write (default: partner-accounts-YYYY-MM-DD.csv in the current
                    folder, dated by the last sync); a folder puts the default name in it. An
                    existing file is replaced only once the new one is complete.
  --format F        spreadsheet (default): for double-clicking in Excel or LibreOffice (UTF-8 BOM,
                    your locale's separator, every cell shown as in the app, nothing executes);
                    plain: strict RFC 4180 UTF-8, raw values, for scripts
  --delimiter D     "," or ";" (default: ";" where your locale writes 1,5; "," otherwise; plain: ",")
  --safe            plain only: prefix values starting with = + - @ tab or CR with "'" (OWASP)
  --locale L        the locale that picks the separator (default: LC_ALL, LC_NUMERIC or LANG)
  --search Q        only channels matching Q (name, number, email, id), as in the app
  --state S         only channels in state S (may repeat): ${ChannelStateId.options.join(', ')}
  --json            print {"path", "rows"} as JSON`;

function stringOption(values: Record<string, unknown>, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

function parseStates(value: unknown): ChannelStateId[] {
  const raw = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
  return raw.map((s) => {
    const parsed = ChannelStateId.safeParse(s);
    if (!parsed.success) throw new UsageError(`Unknown state "${s}". States: ${ChannelStateId.options.join(', ')}.`);
    return parsed.data;
  });
}

function parseFormat(value: string | undefined): ExportFormat {
  const parsed = ExportFormat.safeParse(value ?? 'spreadsheet');
  if (!parsed.success) throw new UsageError(`--format must be spreadsheet or plain, not "${value}".`);
  return parsed.data;
}

/** Accepts the character or its name, since an unquoted ";" ends a shell command. */
function parseDelimiter(value: string | undefined): CsvDelimiter | undefined {
  if (value === undefined) return undefined;
  const named: Record<string, string> = { comma: ',', semicolon: ';' };
  const parsed = CsvDelimiter.safeParse(named[value.toLowerCase()] ?? value);
  if (!parsed.success) throw new UsageError(`--delimiter must be "," or ";" (or comma, semicolon), not "${value}".`);
  return parsed.data;
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'Export the cached channels to a CSV file (works offline)',
  usage: USAGE,
  help: HELP,
  options: {
    out: { type: 'string', short: 'o' },
    format: { type: 'string' },
    search: { type: 'string' },
    state: { type: 'string', multiple: true },
    delimiter: { type: 'string' },
    safe: { type: 'boolean' },
    locale: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ values, io }) {
    // Usage mistakes are reported before the database or the keychain is touched.
    const format = parseFormat(stringOption(values, 'format'));
    const explicit = parseDelimiter(stringOption(values, 'delimiter'));
    const query = ChannelQuery.parse({ search: stringOption(values, 'search') ?? '', states: parseStates(values.state) });
    // The CLI's own environment decides (not the core's process.env), so --locale and LANG work in-process too.
    const delimiter =
      explicit ?? (format === 'spreadsheet' ? delimiterForLocale(resolveLocale(stringOption(values, 'locale'), io.env)) : undefined);
    const core = await openCore({ values, io, runMode: 'cli' });
    try {
      if (!core.accounts.activeProfileId()) {
        io.err('partner-desk: Nobody is signed in. Run `partner-desk login --partner-id ID --api-key-stdin` first.');
        return 1;
      }
      const out = stringOption(values, 'out');
      const given = out === undefined ? io.cwd : path.resolve(io.cwd, out);
      const target = out === undefined || isDirectory(given) ? path.join(given, core.exporter.defaultFileName()) : given;
      const result = await core.exporter.exportToFile(target, { format, delimiter, safe: values.safe === true, query });
      if (values.json) io.out(JSON.stringify(result));
      else {
        io.out(result.path);
        io.out(
          `${result.rows} channel${result.rows === 1 ? '' : 's'} exported${result.rows === 0 ? ' (the local copy has none that match: run `partner-desk sync`?)' : ''}.`,
        );
      }
      return 0;
    } finally {
      core.close();
    }
  },
};

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}
