/**
 * The compact table's columns: title, width, sort key, and which ones it may fold away. Company,
 * Number, State and Action are always there; the others are shown in the user's chosen order (or
 * the default one) as long as they fit the width beside them, never making the table wider than its
 * window (no sideways scrolling). Sorted by a date, that date's column comes first. One list, so the
 * header and the rows can never disagree on the order.
 */
import type { ChannelSort } from '@shared/accounts';
import { ACTIVATION_COLUMNS } from '@shared/status';

export type ColumnId =
  | 'select'
  | 'company'
  | 'phone'
  | 'state'
  | 'messageOnBehalf'
  | 'metaBusinessVerification'
  | 'numberRegistration'
  | 'quality'
  | 'limit'
  | 'created'
  | 'modified'
  | 'action';

export interface ColumnDef {
  id: ColumnId;
  /** Short header text; `fullTitle` is the tooltip and what screen readers hear. */
  title: string;
  fullTitle: string;
  /** The least it needs, in px (a flexible column may grow beyond). */
  min: number;
  /** Flexible columns share what is left (their fr weight); the others are exactly `min` wide. */
  grow?: number;
  sort?: ChannelSort;
  /** Always shown. */
  key?: boolean;
}

export const COLUMNS: Readonly<Record<ColumnId, ColumnDef>> = {
  select: { id: 'select', title: '', fullTitle: 'Select', min: 40, key: true },
  company: { id: 'company', title: 'Company', fullTitle: 'Company and display name', min: 170, grow: 1.5, sort: 'company', key: true },
  phone: { id: 'phone', title: 'Number', fullTitle: 'WhatsApp number', min: 166, sort: 'phone', key: true },
  state: { id: 'state', title: 'State', fullTitle: 'Channel state', min: 168, sort: 'state', key: true },
  numberRegistration: { id: 'numberRegistration', title: 'Registration', fullTitle: ACTIVATION_COLUMNS.numberRegistration, min: 130 },
  quality: { id: 'quality', title: 'Quality', fullTitle: 'Quality rating', min: 112 },
  metaBusinessVerification: {
    id: 'metaBusinessVerification',
    title: 'Meta verification',
    fullTitle: ACTIVATION_COLUMNS.metaBusinessVerification,
    min: 156,
  },
  messageOnBehalf: { id: 'messageOnBehalf', title: 'On behalf', fullTitle: ACTIVATION_COLUMNS.messageOnBehalf, min: 122 },
  limit: { id: 'limit', title: 'Messaging limit', fullTitle: 'Messaging limit', min: 150 },
  created: { id: 'created', title: 'Created', fullTitle: 'Created on the Hub', min: 112, sort: 'created' },
  modified: { id: 'modified', title: 'Last changed', fullTitle: 'Last changed on the Hub', min: 124, sort: 'modified' },
  action: { id: 'action', title: 'Action', fullTitle: 'Action required', min: 160, grow: 1.2, key: true },
};

/** The columns that may fold, in the order they are kept when nobody chose. */
export const OPTIONAL_COLUMNS: readonly ColumnId[] = [
  'numberRegistration',
  'quality',
  'metaBusinessVerification',
  'messageOnBehalf',
  'limit',
  'created',
  'modified',
];
export const DEFAULT_OPTIONAL: readonly ColumnId[] = [
  'numberRegistration',
  'quality',
  'metaBusinessVerification',
  'messageOnBehalf',
  'limit',
];

/** Each cell's horizontal padding (tables.css .cell: 10px each side), counted in the widths. */
const CELL_PADDING = 0;

export interface TableLayout {
  columns: readonly ColumnDef[];
  /** CSS grid tracks. */
  template: string;
  /** Optional columns wanted but left out for want of room. */
  folded: readonly ColumnId[];
}

/**
 * The columns for a width: the key ones, then the wanted optional ones in order while they fit.
 * `chosen` null means the default set; a date sort puts its column first.
 */
export function tableLayout(width: number, chosen: readonly string[] | null, sort: ChannelSort): TableLayout {
  const wanted = (chosen ?? DEFAULT_OPTIONAL).filter((id): id is ColumnId => (OPTIONAL_COLUMNS as readonly string[]).includes(id));
  const dateColumn: ColumnId | null = sort === 'created' ? 'created' : sort === 'modified' ? 'modified' : null;
  const ordered = dateColumn ? [dateColumn, ...wanted.filter((id) => id !== dateColumn)] : wanted;
  const keys: ColumnId[] = ['select', 'company', 'phone', 'state', 'action'];
  let room = width - keys.reduce((sum, id) => sum + COLUMNS[id].min + CELL_PADDING, 0);
  const kept = new Set<ColumnId>();
  const folded: ColumnId[] = [];
  for (const id of ordered) {
    const need = COLUMNS[id].min + CELL_PADDING;
    if (need <= room) {
      kept.add(id);
      room -= need;
    } else folded.push(id);
  }
  // Display order: the key columns where they belong, the optional ones between State and Action.
  const order: ColumnId[] = ['select', 'company', 'phone', 'state', ...ordered.filter((id) => kept.has(id)), 'action'];
  const columns = order.map((id) => COLUMNS[id]);
  const template = columns.map((c) => (c.grow ? `minmax(${c.min}px, ${c.grow}fr)` : `${c.min}px`)).join(' ');
  return { columns, template, folded };
}
