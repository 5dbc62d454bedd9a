/** The details tabs, named as in the Partner Hub. */
import type { TabDef } from '../../components/Tabs';
import type { DetailsTab } from '../../state/ui-store';

export const DETAILS_TABS: readonly TabDef<DetailsTab>[] = [
  { id: 'overview', label: 'Overview' },
  { id: 'history', label: 'History' },
  { id: 'templates', label: 'Template Message Manager' },
  { id: 'insights', label: 'Insights and Billing' },
  { id: 'actions', label: 'Actions' },
];
