/**
 * The compact table's columns: title, width and, where main can sort by it, the sort key. One
 * list, so the header and the rows can never disagree on the order.
 */
import type { ChannelSort } from '../../../../shared/accounts';
import { ACTIVATION_COLUMNS } from '../../../../shared/status';

export interface ColumnDef {
  id: 'company' | 'phone' | 'state' | 'messageOnBehalf' | 'metaBusinessVerification' | 'numberRegistration' | 'quality' | 'action';
  /** Short header text; `fullTitle` is the tooltip and what screen readers hear. */
  title: string;
  fullTitle: string;
  /** CSS grid track. Widths fit a 1280 px window beside the sidebar without scrolling sideways. */
  width: string;
  sort?: ChannelSort;
}

export const CHANNEL_COLUMNS: readonly ColumnDef[] = [
  { id: 'company', title: 'Company', fullTitle: 'Company and display name', width: 'minmax(160px, 1.6fr)', sort: 'company' },
  { id: 'phone', title: 'Number', fullTitle: 'WhatsApp number', width: '146px', sort: 'phone' },
  // Each status column is as wide as its longest single word in a pill ("Registered", "Medium"), so
  // a label wraps between words, never inside one.
  { id: 'state', title: 'State', fullTitle: 'Channel state', width: '124px', sort: 'state' },
  { id: 'messageOnBehalf', title: 'On behalf', fullTitle: ACTIVATION_COLUMNS.messageOnBehalf, width: '108px' },
  { id: 'metaBusinessVerification', title: 'Meta verification', fullTitle: ACTIVATION_COLUMNS.metaBusinessVerification, width: '136px' },
  { id: 'numberRegistration', title: 'Registration', fullTitle: ACTIVATION_COLUMNS.numberRegistration, width: '122px' },
  { id: 'quality', title: 'Quality', fullTitle: 'Quality rating', width: '100px' },
  // The hint in a few words (ACTION_HINT_SHORT), whole on two lines; its tooltip has every sentence.
  { id: 'action', title: 'Action', fullTitle: 'Action required', width: 'minmax(130px, 1.2fr)' },
];

export const GRID_TEMPLATE = CHANNEL_COLUMNS.map((c) => c.width).join(' ');
