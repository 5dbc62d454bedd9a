/**
 * The CSV export as the contract sees it: which flavour, which separator, which rows, and what came
 * of it. The file itself is written by the core (electron/core/export/); the renderer only asks and
 * then may ask to show the saved file in its folder.
 */
import { z } from 'zod';
import { ChannelQuery } from './accounts';
import { ACTIVATION_COLUMNS } from './status/activation';

/**
 * Every column of the file, in order; the export dialog lists them before anything is written. The
 * first six are the 360 Partner Hub's own CSV, titled and ordered as the seed names them; then Meta's
 * quality rating and messaging limit; then what makes the file useful on its own.
 */
export const EXPORT_COLUMN_TITLES = [
  'Company legal name',
  'WhatsApp number',
  'Contact email',
  ACTIVATION_COLUMNS.messageOnBehalf,
  ACTIVATION_COLUMNS.metaBusinessVerification,
  ACTIVATION_COLUMNS.numberRegistration,
  'Quality rating',
  'Messaging limit',
  'Display name',
  'Channel state',
  'Client ID',
  'Channel ID',
  'Action required',
  'Last synced',
] as const;
export type ExportColumnTitle = (typeof EXPORT_COLUMN_TITLES)[number];

/**
 * `spreadsheet`: for double-clicking in Excel or LibreOffice (BOM, the locale's separator, every
 * cell shown as the app shows it, nothing executes). `plain`: strict RFC 4180 for scripts.
 */
export const ExportFormat = z.enum(['spreadsheet', 'plain']);
export type ExportFormat = z.infer<typeof ExportFormat>;

export const CsvDelimiter = z.enum([',', ';']);
export type CsvDelimiter = z.infer<typeof CsvDelimiter>;

/** Words for the export dialog's format choice and the save dialog's file-type filter. */
export const EXPORT_FORMAT_LABELS: Record<ExportFormat, string> = {
  spreadsheet: 'CSV for Excel and LibreOffice',
  plain: 'Plain CSV (RFC 4180, for scripts)',
};

export const ExportChannelsInput = z
  .object({
    format: ExportFormat.default('spreadsheet'),
    /** Omitted: the separator the user's spreadsheet expects (spreadsheet) or "," (plain). */
    delimiter: CsvDelimiter.optional(),
    /** Plain flavour only: neutralise values that a spreadsheet would run (the spreadsheet flavour always does). */
    safe: z.boolean().default(false),
    /** `all`: every channel in the local copy; `view`: the list as filtered and sorted now (paging ignored). */
    scope: z.enum(['all', 'view']).default('all'),
    query: ChannelQuery.optional(),
  })
  .strict()
  .refine((input) => input.scope === 'all' || input.query !== undefined, {
    message: 'Exporting the current view needs the query of that view.',
    path: ['query'],
  });
export type ExportChannelsInput = z.infer<typeof ExportChannelsInput>;

export const ExportChannelsResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('saved'), path: z.string(), rows: z.number().int().min(0) }),
  /** The user closed the save dialog: nothing was written. */
  z.object({ status: z.literal('cancelled') }),
]);
export type ExportChannelsResult = z.infer<typeof ExportChannelsResult>;

/** Only a file this process exported can be shown; any other path is refused. */
export const RevealExportInput = z.object({ path: z.string().min(1).max(4096) }).strict();
export const RevealExportResult = z.object({ revealed: z.boolean() });
