/**
 * The channel CSV export: picks the target (the desktop's save dialog, or a path from the CLI),
 * streams the active profile's channels from the local database into an atomically written file,
 * and remembers what it wrote so the renderer may show exactly those files in their folder.
 *
 * Each export reads through its own read-only SQLite connection. The rows stream while chunks are
 * awaited on the disk, and better-sqlite3 refuses writes on a connection that has a query open, so
 * sharing the app's connection would make a sync or a queued action fail during an export. In WAL
 * mode the reader also sees one consistent snapshot, even if a sync commits meanwhile.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { ChannelQuery, type ChannelListItem } from '@shared/accounts';
import { AppError } from '@shared/errors';
import {
  EXPORT_FORMAT_LABELS,
  type CsvDelimiter,
  type ExportChannelsInput,
  type ExportChannelsResult,
  type ExportFormat,
} from '@shared/export';
import type { DesktopIntegration } from '../desktop';
import type { Logger } from '../log';
import { ChannelQueries } from '../store/channel-queries';
import type { StoreGuard } from '../store/store-guard';
import { openFileSink, writeFileAtomically, type OpenSink } from './atomic-file';
import { delimiterForLocale, resolveLocale } from './csv-delimiter';
import { csvFormat, writeCsv } from './csv-format';
import { EXPORT_HEADER, exportRow } from './export-columns';

export interface ChannelExporterDeps {
  databaseFile: string;
  /** Electron's build of the better-sqlite3 binding, as for the main connection. */
  sqliteNativeBinding?: string;
  activeProfileId: () => string | null;
  /** When the active profile last synced successfully (ISO), or null: the date in the file name. */
  lastSyncedAt: () => string | null;
  desktop: DesktopIntegration;
  /** The user's locale (BCP 47, or POSIX like de_DE.UTF-8); decides the spreadsheet separator. */
  locale?: string;
  env?: NodeJS.ProcessEnv;
  now: () => number;
  log: Logger;
  /** Test seam: how the temporary file is opened (a sink that fails midway, for instance). */
  openSink?: OpenSink;
  /** The database's guard: a damaged file is not exported (the rows read would be incomplete). */
  guard?: StoreGuard;
}

export interface ExportRequest {
  format: ExportFormat;
  /** Omitted: the locale's separator for spreadsheets, "," for plain. */
  delimiter?: CsvDelimiter | undefined;
  safe?: boolean | undefined;
  /** Filters and sort; paging is ignored (every matching row is written). */
  query?: ChannelQuery | undefined;
}

export interface ExportOutcome {
  path: string;
  rows: number;
}

export class ChannelExporter {
  /** Absolute paths written by this process: the only ones `reveal` will show. */
  private readonly exported = new Set<string>();

  constructor(private readonly deps: ChannelExporterDeps) {}

  /** `partner-accounts-YYYY-MM-DD.csv`, dated by the last sync (the age of the data), else today. */
  defaultFileName(): string {
    const synced = this.deps.lastSyncedAt();
    const ms = synced === null ? Number.NaN : Date.parse(synced);
    return `partner-accounts-${localDate(Number.isNaN(ms) ? this.deps.now() : ms)}.csv`;
  }

  /** The separator a request ends up with. */
  delimiterFor(format: ExportFormat, explicit?: CsvDelimiter): CsvDelimiter {
    if (explicit) return explicit;
    return format === 'plain' ? ',' : delimiterForLocale(resolveLocale(this.deps.locale, this.deps.env ?? process.env));
  }

  /** The contract's request: asks the desktop where to save; a cancelled dialog writes nothing. */
  async exportChannels(input: ExportChannelsInput): Promise<ExportChannelsResult> {
    this.requireProfile();
    const target = await this.deps.desktop.chooseSavePath({
      suggestedName: this.defaultFileName(),
      title: 'Export channels as CSV',
      filters: [{ name: EXPORT_FORMAT_LABELS[input.format], extensions: ['csv'] }],
    });
    if (target === null) return { status: 'cancelled' };
    const outcome = await this.exportToFile(target, {
      format: input.format,
      delimiter: input.delimiter,
      safe: input.safe,
      query: input.scope === 'view' ? input.query : undefined,
    });
    return { status: 'saved', ...outcome };
  }

  /** Writes the export to `target` (replacing a previous file only once the new one is complete). */
  async exportToFile(target: string, request: ExportRequest): Promise<ExportOutcome> {
    const profileId = this.requireProfile();
    const file = path.resolve(target);
    const query = request.query ?? ChannelQuery.parse({});
    const format = csvFormat({
      format: request.format,
      delimiter: this.delimiterFor(request.format, request.delimiter),
      safe: request.safe ?? false,
    });
    const started = this.deps.now();
    const reader = this.openReader();
    let rows: number;
    try {
      const items = new ChannelQueries(reader).iterate(profileId, query);
      rows = await writeFileAtomically(
        file,
        (sink) => writeCsv(sink, format, EXPORT_HEADER, mapRows(items)),
        this.deps.openSink ?? openFileSink,
      );
    } finally {
      reader.close();
    }
    this.exported.add(file);
    this.deps.log.info('channels exported', {
      file: path.basename(file),
      rows,
      format: format.format,
      delimiter: format.delimiter,
      ms: this.deps.now() - started,
    });
    return { path: file, rows };
  }

  /** Shows an exported file in its folder; any path this process did not export is refused. */
  async reveal(file: string): Promise<{ revealed: boolean }> {
    if (!this.exported.has(path.resolve(file))) {
      throw new AppError('forbidden', 'Partner Desk only shows files it exported since it started. Export again, then show the file.');
    }
    return { revealed: await this.deps.desktop.revealFile(path.resolve(file)) };
  }

  private requireProfile(): string {
    const id = this.deps.activeProfileId();
    if (!id)
      throw new AppError(
        'not_signed_in',
        'No partner profile is signed in, so there is nothing to export. Sign in, or explore the demo data.',
      );
    return id;
  }

  private openReader(): Database.Database {
    const guard = this.deps.guard;
    const damage = guard?.checkMarker(true);
    if (guard && damage) {
      throw new AppError(
        'database_corrupt',
        `${guard.refusal(damage).message} Exporting now would leave out whatever is on the damaged pages: repair first, then export.`,
      );
    }
    const options: Database.Options = { readonly: true, fileMustExist: true };
    if (this.deps.sqliteNativeBinding) options.nativeBinding = this.deps.sqliteNativeBinding;
    const reader = new Database(this.deps.databaseFile, options);
    // A corruption error met while reading stops the writes as anywhere else.
    return guard ? guard.watch(reader) : reader;
  }
}

function* mapRows(items: Iterable<ChannelListItem>): Generator<string[]> {
  for (const item of items) yield exportRow(item);
}

/** YYYY-MM-DD in the local time zone: the day the user would call it. */
function localDate(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
