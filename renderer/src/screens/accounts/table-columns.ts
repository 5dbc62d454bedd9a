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
  /**
   * CSS grid track. Widths fit a 1280 px window beside the sidebar without scrolling sideways (the
   * fixed ones and the minimums add up to the table's min-width in tables.css), measured with DejaVu
   * Sans, the widest of the usual system fonts (Linux's): Segoe UI and San Francisco need less.
   */
  width: string;
  sort?: ChannelSort;
}

export const CHANNEL_COLUMNS: readonly ColumnDef[] = [
  { id: 'company', title: 'Company', fullTitle: 'Company and display name', width: 'minmax(150px, 1.6fr)', sort: 'company' },
  // The international form of most numbers on one line ("+55 11 96481 1234", 131 px); a longer one
  // takes a second line at its spaces, never an ellipsis.
  { id: 'phone', title: 'Number', fullTitle: 'WhatsApp number', width: '156px', sort: 'phone' },
  // Each status column is as wide as its longest single word in a pill ("Submitted", "Registered",
  // "Medium"), so a label wraps between words, never inside one.
  { id: 'state', title: 'State', fullTitle: 'Channel state', width: '124px', sort: 'state' },
  { id: 'messageOnBehalf', title: 'On behalf', fullTitle: ACTIVATION_COLUMNS.messageOnBehalf, width: '116px' },
  { id: 'metaBusinessVerification', title: 'Meta verification', fullTitle: ACTIVATION_COLUMNS.metaBusinessVerification, width: '136px' },
  { id: 'numberRegistration', title: 'Registration', fullTitle: ACTIVATION_COLUMNS.numberRegistration, width: '122px' },
  { id: 'quality', title: 'Quality', fullTitle: 'Quality rating', width: '100px' },
  // The hint in a few words (ACTION_HINT_SHORT), whole on two lines; its tooltip has every sentence.
  { id: 'action', title: 'Action', fullTitle: 'Action required', width: 'minmax(130px, 1.2fr)' },
];

export const GRID_TEMPLATE = CHANNEL_COLUMNS.map((c) => c.width).join(' ');
