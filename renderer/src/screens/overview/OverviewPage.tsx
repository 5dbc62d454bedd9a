/**
 * The book at a glance: how many channels are live and how many stuck at each onboarding step,
 * quality and messaging limits across the book, what clients must do, who is near their channel
 * limit or low on balance, and how it all moved since the earliest sync kept. Every number is a
 * button to the list it counts (the same filters, so the list shows the same number). "Print"
 * gives a clean report (print stylesheet: no sidebar, no buttons' chrome, charts in colour).
 */
import { useEffect, type ReactNode } from 'react';
import type { BookOverview } from '@shared/book';
import { formatCount, formatMoney } from '@shared/format';
import { ACTION_HINT_TEXT, CHANNEL_STATES, NOT_AVAILABLE, QUALITY_RATINGS, type Tone } from '@shared/status';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Icon } from '../../components/Icon';
import { DEFAULT_CHANNEL_FILTERS, type ChannelFilters } from '../../state/channel-list';
import { useWorkspace, useWs } from '../../state/workspace-context';
import { formatZonedDateTime } from '@shared/format/zoned-time';
import { BarList, type Bar } from './BarList';
import { Funnel } from './Funnel';
import { TrendChart, type TrendSeries } from './TrendChart';
import { PageHeader } from '../../components/PageHeader';

const STATE_BY_ID = new Map(CHANNEL_STATES.map((state) => [state.id, state]));
const QUALITY_TONE = new Map<string, Tone>(Object.values(QUALITY_RATINGS).map((rule) => [rule.label, rule.tone]));

const TREND: readonly TrendSeries[] = [
  { id: 'channels', label: 'All channels', color: 'var(--chart-total)', value: (day) => day.channels },
  { id: 'live', label: 'Live', color: 'var(--tone-positive)', value: (day) => day.byState.live ?? 0 },
  { id: 'needsAction', label: 'Need action', color: 'var(--tone-attention)', value: (day) => day.needsAction },
];

export function OverviewPage() {
  const ws = useWorkspace();
  const overview = useWs('overview', (s) => s.value);
  const error = useWs('overview', (s) => s.error);
  useEffect(() => void ws.overview.getState().load(), [ws]);

  /** Opens the WhatsApp accounts list with exactly these filters. */
  const show = (patch: Partial<ChannelFilters>) => () => {
    ws.selection.getState().clear();
    ws.channels.getState().setQuery({ ...DEFAULT_CHANNEL_FILTERS, ...patch });
    ws.ui.getState().go('accounts');
  };

  return (
    <section className="page-body overview-page" aria-labelledby="page-title">
      <PageHeader
        title="Overview"
        compact
        live={false}
        sub={
          overview?.asOf
            ? `As of the last sync, ${formatZonedDateTime(overview.asOf)}`
            : overview
              ? 'Not synced yet'
              : 'Reading the local copy…'
        }
      >
        <div className="page-actions">
          <button type="button" className="btn btn-sm" onClick={() => window.print()}>
            <Icon name="printer" />
            Print or save as PDF
          </button>
        </div>
      </PageHeader>
      <div className="overview-scroll">
        {error && !overview && <ErrorAlert title="The overview could not be read" error={error} />}
        {overview && (
          <OverviewBody
            overview={overview}
            show={show}
            openClient={(id) => ws.ui.getState().openClient(id)}
            openClients={() => ws.ui.getState().go('clients')}
          />
        )}
      </div>
    </section>
  );
}

function OverviewBody({
  overview,
  show,
  openClient,
  openClients,
}: {
  overview: BookOverview;
  show(patch: Partial<ChannelFilters>): () => void;
  openClient(id: string): void;
  openClients(): void;
}) {
  const live = overview.byState.find((s) => s.state === 'live')?.count ?? 0;
  const stateBars: Bar[] = overview.byState.map(({ state, count }) => ({
    key: state,
    label: STATE_BY_ID.get(state)?.label ?? state,
    count,
    tone: STATE_BY_ID.get(state)?.tone ?? 'neutral',
    onOpen: show({ states: [state] }),
  }));
  const qualityBars: Bar[] = overview.quality.map(({ label, count }) => ({
    key: label,
    label,
    count,
    tone: label === NOT_AVAILABLE ? 'neutral' : (QUALITY_TONE.get(label) ?? 'neutral'),
    onOpen: show({ qualityRating: [label] }),
  }));
  const limitBars: Bar[] = overview.messagingLimit.map(({ label, count }) => ({
    key: label,
    // The panel's note says the unit once: "1K" rather than "1K conversations / 24 h" on every bar.
    label: label.replace(/ conversations \/ 24 h$/, ''),
    count,
    tone: label === NOT_AVAILABLE ? 'neutral' : 'progress',
    onOpen: show({ messagingLimit: [label] }),
  }));
  const actionBars: Bar[] = overview.actions.map(({ id, count }) => ({
    key: id,
    label: ACTION_HINT_TEXT[id],
    count,
    tone: 'attention',
    onOpen: show({ actions: [id] }),
  }));

  return (
    <div className="overview-grid">
      <div className="tiles" role="list" aria-label="The book in numbers">
        <Tile label="Channels" value={overview.channels} onOpen={show({})} />
        <Tile
          label="Live"
          value={live}
          detail={overview.channels > 0 ? `${Math.round((live / overview.channels) * 100)}% of all` : undefined}
          onOpen={show({ states: ['live'] })}
        />
        <Tile label="Need action" value={overview.needsAction} tone="attention" onOpen={show({ actionRequired: true })} />
        <Tile label="Clients" value={overview.clients} onOpen={openClients} counts="clients" />
      </div>

      <Panel id="ov-funnel" title="Onboarding" wide note="Channels at each step now. Pending deletion and errors are outside the funnel.">
        <Funnel steps={overview.funnel} total={overview.channels} onOpen={(states) => show({ states: [...states] })()} />
      </Panel>

      <Panel id="ov-states" title="Channels per state">
        <BarList bars={stateBars} unit="channels" />
      </Panel>

      <Panel id="ov-actions" title="Actions required, by kind" note="What the cards ask of the client, most urgent first.">
        {actionBars.length > 0 ? (
          <BarList bars={actionBars} unit="channels" long />
        ) : (
          <p className="muted">No channel needs anything from its client.</p>
        )}
      </Panel>

      <Panel id="ov-quality" title="Quality rating">
        <BarList bars={qualityBars} unit="channels" stacked />
      </Panel>

      <Panel id="ov-limits" title="Messaging limit" note="Business-initiated conversations per 24 hours.">
        <BarList bars={limitBars} unit="channels" />
      </Panel>

      <Panel
        id="ov-near-limit"
        title="Clients near their channel limit"
        note={
          overview.nearLimit.total > overview.nearLimit.items.length
            ? `${formatCount(overview.nearLimit.total)} clients; the ${overview.nearLimit.items.length} closest shown.`
            : undefined
        }
      >
        {overview.nearLimit.items.length === 0 ? (
          <p className="muted">Every client has room for more channels.</p>
        ) : (
          <ul className="meter-list">
            {overview.nearLimit.items.map((client) => (
              <li key={client.clientId}>
                <button
                  type="button"
                  className="meter-row chart-link"
                  data-count={client.channels}
                  onClick={show({ client: { id: client.clientId, name: client.name } })}
                >
                  <span className="meter-label" dir="auto">
                    {client.name}
                  </span>
                  <span className="meter" aria-hidden="true">
                    <span
                      className={client.channels >= client.maxChannels ? 'meter-fill is-full' : 'meter-fill'}
                      style={{ width: `${Math.min(100, (client.channels / client.maxChannels) * 100)}%` }}
                    />
                  </span>
                  <span className="meter-value num">
                    <span className="chart-count">{formatCount(client.channels)}</span> of {formatCount(client.maxChannels)}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </Panel>

      <Panel
        id="ov-balances"
        title="Low balances"
        note={`At or below ${formatCount(overview.balances.threshold)} in the client's currency. Balances are read when a client is opened: ${formatCount(overview.balances.known)} known.`}
      >
        {overview.balances.known === 0 ? (
          <p className="muted">No balance has been read yet. Open a client that pays 360dialog directly to read its balance.</p>
        ) : overview.balances.low.length === 0 ? (
          <p className="muted">None of the {formatCount(overview.balances.known)} balances read is low.</p>
        ) : (
          <ul className="meter-list">
            {overview.balances.low.map((item) => (
              <li key={item.clientId}>
                <button type="button" className="meter-row chart-link" onClick={() => openClient(item.clientId)}>
                  <span className="meter-label" dir="auto">
                    {item.name}
                  </span>
                  <span className={item.balance <= 0 ? 'balance-value is-negative num' : 'balance-value num'}>
                    {formatMoney(item.balance, item.currency)}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </Panel>

      <Panel id="ov-trend" title="Since the earliest sync kept" wide note="Counted at the end of each day a sync ran.">
        {overview.trend.length >= 2 ? (
          <>
            <TrendChart days={overview.trend} series={TREND} title="Channels per day" />
            <ul className="legend">
              <li>
                <button type="button" className="legend-item chart-link" onClick={show({})}>
                  <span className="legend-swatch" style={{ background: 'var(--chart-total)' }} aria-hidden="true" />
                  All channels
                </button>
              </li>
              <li>
                <button type="button" className="legend-item chart-link" onClick={show({ states: ['live'] })}>
                  <span className="legend-swatch" style={{ background: 'var(--tone-positive)' }} aria-hidden="true" />
                  Live
                </button>
              </li>
              <li>
                <button type="button" className="legend-item chart-link" onClick={show({ actionRequired: true })}>
                  <span className="legend-swatch" style={{ background: 'var(--tone-attention)' }} aria-hidden="true" />
                  Need action
                </button>
              </li>
            </ul>
          </>
        ) : (
          <p className="muted">
            {overview.trend.length === 1
              ? `One day recorded so far (${formatCount(overview.trend[0]?.channels ?? 0)} channels). The trend appears once syncs on two different days are kept.`
              : 'Each successful sync records the day’s counts; the trend appears once syncs on two different days are kept.'}
          </p>
        )}
      </Panel>
    </div>
  );
}

function Tile({
  label,
  value,
  detail,
  tone,
  onOpen,
  counts = 'channels',
}: {
  label: string;
  value: number;
  detail?: string | undefined;
  tone?: Tone;
  onOpen?: () => void;
  /** What the page it opens counts (a tile of channels opens the accounts list with the same number). */
  counts?: 'channels' | 'clients';
}) {
  const body = (
    <>
      <span className="tile-label">{label}</span>
      <span className={tone ? `tile-value num tone-${tone}` : 'tile-value num'}>
        <span className="chart-count">{formatCount(value)}</span>
      </span>
      {detail && <span className="tile-detail">{detail}</span>}
    </>
  );
  return (
    <div role="listitem" className="tile">
      {onOpen ? (
        <button
          type="button"
          className="tile-body chart-link"
          data-count={counts === 'channels' ? value : undefined}
          data-client-count={counts === 'clients' ? value : undefined}
          onClick={onOpen}
        >
          {body}
        </button>
      ) : (
        <div className="tile-body">{body}</div>
      )}
    </div>
  );
}

function Panel({
  id,
  title,
  note,
  wide = false,
  children,
}: {
  id: string;
  title: string;
  note?: string | undefined;
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <section className={wide ? 'panel-card panel-wide' : 'panel-card'} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="panel-title">
        {title}
      </h2>
      {note && <p className="panel-note">{note}</p>}
      {children}
    </section>
  );
}
