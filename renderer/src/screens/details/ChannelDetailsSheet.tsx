/**
 * "Show details" of a channel, as in the Partner Hub: a panel from the right with the tabs Overview,
 * Template Message Manager, Insights and Billing, and Actions. Esc or the close button returns to
 * the list, focus back on the card it came from.
 */
import { useEffect } from 'react';
import { formatPhone } from '@shared/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Icon } from '../../components/Icon';
import { Sheet } from '../../components/Sheet';
import { TabPanel, Tabs, type TabDef } from '../../components/Tabs';
import { ToneBadge } from '../../components/ToneBadge';
import { EMPTY_LOADABLE } from '../../state/details-store';
import type { DetailsTab } from '../../state/ui-store';
import { useWorkspace, useWs } from '../../state/workspace-context';
import { companyOf } from '../accounts/channel-text';
import { ActionsTab } from './ActionsTab';
import { HistoryTab } from './HistoryTab';
import { useSession } from '../../state/session-context';
import { activeProfile } from '../../state/session-store';
import { DETAILS_TABS } from './details-tabs';
import { InsightsTab } from './InsightsTab';
import { OverviewTab } from './OverviewTab';
import { TemplatesTab } from './TemplatesTab';

export function ChannelDetailsSheet({ id, tab }: { id: string; tab: DetailsTab }) {
  const ws = useWorkspace();
  const entry = useWs('details', (s) => s.channels[id]) ?? EMPTY_LOADABLE;
  useEffect(() => {
    void ws.details.getState().loadChannel(id);
  }, [ws, id]);

  const details = entry.value;
  const partnerId = useSession((s) => activeProfile(s.session)?.partnerId ?? null);
  const close = () => ws.ui.getState().closeChannelDetails();
  const tabs: readonly TabDef<DetailsTab>[] = DETAILS_TABS;

  return (
    <Sheet labelledBy="details-title" describedBy="details-sub" onClose={close} className="sheet-details">
      <div className="sheet-frame">
        <header className="details-head">
          <div className="details-title">
            <p className="eyebrow">WhatsApp account</p>
            <h2 id="details-title" dir="auto">
              {details ? companyOf(details.channel) : 'Channel'}
            </h2>
            <p id="details-sub" className="muted">
              {details ? (
                <>
                  <span className="num">
                    {formatPhone({ raw: details.channel.phoneNumber, e164: details.channel.phoneE164 }) ?? 'No number yet'}
                  </span>
                  {details.channel.displayName && <> · {details.channel.displayName}</>}
                </>
              ) : (
                'Reading the local copy…'
              )}
            </p>
          </div>
          {details?.channel.pending && <ToneBadge tone="attention" label={details.channel.pending.label} size="md" />}
          {details && (
            <ToneBadge
              tone={details.channel.status.state.tone}
              label={details.channel.status.state.label}
              title={details.channel.status.state.description}
              size="md"
            />
          )}
          <button type="button" className="icon-btn" aria-label="Close details" title="Close (Esc)" onClick={close}>
            <Icon name="close" />
          </button>
        </header>
        <Tabs
          tabs={tabs}
          selected={tab}
          onSelect={(next) => ws.ui.getState().setDetailsTab(next)}
          idBase="details"
          label="Channel details"
        />
        <div className="sheet-content">
          {!details ? (
            entry.error ? (
              <ErrorAlert title="The channel could not be read" error={entry.error} />
            ) : (
              <p className="muted tab-loading">Reading…</p>
            )
          ) : (
            <TabPanel idBase="details" id={tab}>
              {tab === 'overview' && (
                <OverviewTab
                  details={details}
                  partnerId={partnerId}
                  onOpenClient={(clientId) => {
                    ws.ui.getState().closeChannelDetails();
                    ws.ui.getState().openClient(clientId);
                  }}
                />
              )}
              {tab === 'history' && <HistoryTab channelId={id} />}
              {tab === 'templates' && <TemplatesTab channelId={id} />}
              {tab === 'insights' && <InsightsTab clientId={details.channel.clientId} />}
              {tab === 'actions' && <ActionsTab details={details} />}
            </TabPanel>
          )}
        </div>
      </div>
    </Sheet>
  );
}
