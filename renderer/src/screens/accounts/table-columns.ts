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
  { id: 'company', title: 'Company', fullTitle: 'Company and display name', width: 'minmax(170px, 1.6fr)', sort: 'company' },
  { id: 'phone', title: 'Number', fullTitle: 'WhatsApp number', width: '156px', sort: 'phone' },
  { id: 'state', title: 'State', fullTitle: 'Channel state', width: '142px', sort: 'state' },
  { id: 'messageOnBehalf', title: 'On behalf', fullTitle: ACTIVATION_COLUMNS.messageOnBehalf, width: '118px' },
  { id: 'metaBusinessVerification', title: 'Meta verification', fullTitle: ACTIVATION_COLUMNS.metaBusinessVerification, width: '146px' },
  { id: 'numberRegistration', title: 'Registration', fullTitle: ACTIVATION_COLUMNS.numberRegistration, width: '124px' },
  { id: 'quality', title: 'Quality', fullTitle: 'Quality rating', width: '80px' },
  { id: 'action', title: 'Action', fullTitle: 'Action required', width: 'minmax(100px, 1.2fr)' },
];

export const GRID_TEMPLATE = CHANNEL_COLUMNS.map((c) => c.width).join(' ');
