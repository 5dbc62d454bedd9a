/**
 * The CSV bytes: the two flavours' rules (how a record ends, which fields are quoted, what goes
 * before the first record, what happens to each value) and the streaming of records into a sink.
 * Both flavours follow RFC 4180 (CRLF after every record, a field quoted when it holds the
 * separator, a quote, CR or LF, quotes doubled inside).
 */
import type { CsvDelimiter, ExportFormat } from '@shared/export';
import type { ByteSink } from './atomic-file';
import { spreadsheetCell } from './spreadsheet-cell';

export interface CsvFormat {
  readonly format: ExportFormat;
  readonly delimiter: CsvDelimiter;
  /** Written once before the header: the UTF-8 BOM for spreadsheets (Excel reads UTF-8 only then). */
  readonly preamble: string;
  /** One record, CRLF included. */
  record(values: readonly string[]): string;
}

export interface CsvFormatOptions {
  format: ExportFormat;
  delimiter: CsvDelimiter;
  /** Plain flavour: neutralise values a spreadsheet would run. Ignored by the spreadsheet flavour, which always does. */
  safe?: boolean;
}

const BOM = '\uFEFF';
const RECORD_END = '\r\n';

/** The OWASP "CSV Injection" leading characters. */
const INJECTION_START = /^[=+\-@\t\r]/;

/** A field as RFC 4180 wants it: quoted only when it must be. */
export function quoteField(value: string, delimiter: CsvDelimiter): string {
  if (value.includes('"')) return `"${value.replaceAll('"', '""')}"`;
  if (value.includes(delimiter) || value.includes('\n') || value.includes('\r')) return `"${value}"`;
  return value;
}

/**
 * The plain flavour's `--safe`: OWASP's remedy, a leading apostrophe, so the value stays readable
 * by scripts (which can strip it) and never runs if the file lands in a spreadsheet anyway.
 */
export function neutraliseInjection(value: string): string {
  return INJECTION_START.test(value) ? `'${value}` : value;
}

export function csvFormat(options: CsvFormatOptions): CsvFormat {
  const { format, delimiter } = options;
  const cell = format === 'spreadsheet' ? spreadsheetCell : options.safe ? neutraliseInjection : (value: string): string => value;
  return {
    format,
    delimiter,
    preamble: format === 'spreadsheet' ? BOM : '',
    record(values) {
      let line = '';
      for (let i = 0; i < values.length; i += 1) {
        if (i > 0) line += delimiter;
        line += quoteField(cell(values[i] ?? ''), delimiter);
      }
      return line + RECORD_END;
    },
  };
}

/*
 * Records go out in chunks of about 64 KB: big enough that writing costs about what building one
 * big string would, small enough that memory stays flat however many rows the store yields. Each
 * chunk is awaited before the next is built (backpressure by construction). The size is in
 * characters: 64 KB of UTF-8 for ASCII, up to 4x that for other scripts.
 */
export const CHUNK_CHARACTERS = 64 * 1024;

/** Writes the preamble, the header and every row; returns the number of rows (header not counted). */
export async function writeCsv(
  sink: ByteSink,
  format: CsvFormat,
  header: readonly string[],
  rows: Iterable<readonly string[]>,
): Promise<number> {
  let pending = format.preamble + format.record(header);
  let count = 0;
  for (const row of rows) {
    pending += format.record(row);
    count += 1;
    if (pending.length >= CHUNK_CHARACTERS) {
      await sink.write(Buffer.from(pending, 'utf8'));
      pending = '';
    }
  }
  if (pending !== '') await sink.write(Buffer.from(pending, 'utf8'));
  return count;
}
