/**
 * Insights and Billing: the client's balance (direct-payment clients only; the Hub has none for the
 * others, and says so), the last renewal, and usage by period and category with a small chart and
 * the exact numbers. Cached by main for offline use and shown at once; "Refresh" asks the Hub in the
 * background (5 per 30 s) and the panel updates when it answers.
 */
import { useEffect, useMemo } from 'react';
import { currencyCode, formatCount, formatDateTime, formatMoney } from '@shared/format';
import { BusyButton } from '../../components/BusyButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RelativeTime } from '../../components/RelativeTime';
import { EMPTY_LOADABLE } from '../../state/details-store';
import { useWorkspace, useWs } from '../../state/workspace-context';
import { UsageChart, periodLabel } from './UsageChart';
import { usageSeries } from './usage-series';
import { BALANCE_NOT_AVAILABLE } from '@shared/insights';

export function InsightsTab({ clientId }: { clientId: string | null }) {
  if (!clientId) return <p className="muted">This channel has no client in the local copy, so there is no balance to show.</p>;
  return <ClientInsights clientId={clientId} />;
}

export function ClientInsights({ clientId }: { clientId: string }) {
  const ws = useWorkspace();
  const entry = useWs('details', (s) => s.balances[clientId]) ?? EMPTY_LOADABLE;
  useEffect(() => {
    void ws.details.getState().loadBalance(clientId);
    return () => ws.details.getState().release('balance', clientId);
  }, [ws, clientId]);
  const info = entry.value;
  const series = useMemo(() => usageSeries(info?.usage ?? []), [info]);

  if (!info || (info.fetchedAt === null && info.refreshing)) {
    if (entry.error) return <ErrorAlert title="The balance could not be read" error={entry.error} />;
    return <p className="muted tab-loading">{info ? 'Reading the balance from the Hub…' : 'Reading the balance…'}</p>;
  }

  const refresh = (
    <BusyButton
      className="btn btn-sm"
      busy={entry.loading || info.refreshing}
      busyLabel="Refreshing…"
      onClick={() => void ws.details.getState().loadBalance(clientId, true)}
    >
      Refresh
    </BusyButton>
  );

  return (
    <div className="insights">
      <div className="tab-toolbar">
        <p className="muted">
          Updated <RelativeTime value={info.fetchedAt} fallback="never" />
        </p>
        {refresh}
      </div>
      {info.refreshError && <ErrorAlert tone="warning" title="Showing the saved copy" error={info.refreshError} />}
      {entry.error && <ErrorAlert title="Refresh failed" error={entry.error} />}
      {info.fetchedAt === null ? (
        <p className="muted">No balance has been read for this client yet{info.refreshError ? '' : '. Refresh to read it from the Hub'}.</p>
      ) : !info.available ? (
        <p className="callout">
          {info.reason ?? BALANCE_NOT_AVAILABLE}.{' '}
          <span className="muted">
            The Hub keeps balances only for clients with direct payment; the app asks again after a day, or when you refresh.
          </span>
        </p>
      ) : (
        <>
          <div className="stat-row">
            <div className="stat">
              <span className="stat-label">Balance</span>
              <span className="stat-value num">{formatMoney(info.balance, info.currency) ?? '—'}</span>
              <span className="stat-note">{currencyCode(info.currency) ?? info.currency ?? 'Currency not given'}</span>
            </div>
            <div className="stat">
              <span className="stat-label">Last renewal</span>
              <span className="stat-value stat-value-sm num">{formatMoney(info.lastRenewal?.amount ?? null, info.currency) ?? '—'}</span>
              <span className="stat-note">{formatDateTime(info.lastRenewal?.date ?? null) ?? 'No renewal yet'}</span>
            </div>
            <div className="stat">
              <span className="stat-label">Spent in the periods shown</span>
              <span className="stat-value stat-value-sm num">{formatMoney(series.totalPrice, info.currency) ?? '—'}</span>
              <span className="stat-note">{series.bars.length} periods</span>
            </div>
          </div>
          {series.bars.length > 0 ? (
            <>
              <UsageChart series={series} />
              <table className="data-table usage-table">
                <caption className="visually-hidden">Usage by period</caption>
                <thead>
                  <tr>
                    <th scope="col">Period</th>
                    <th scope="col" className="num-col">
                      Marketing
                    </th>
                    <th scope="col" className="num-col">
                      Utility
                    </th>
                    <th scope="col" className="num-col">
                      Authentication
                    </th>
                    <th scope="col" className="num-col">
                      Service
                    </th>
                    <th scope="col" className="num-col">
                      Cost
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {[...series.bars].reverse().map((bar, index) => (
                    <tr key={bar.period ?? index}>
                      <th scope="row">{periodLabel(bar.period)}</th>
                      <td className="num-col">{formatCount(bar.values.marketing)}</td>
                      <td className="num-col">{formatCount(bar.values.utility)}</td>
                      <td className="num-col">{formatCount(bar.values.authentication)}</td>
                      <td className="num-col">{formatCount(bar.values.service)}</td>
                      <td className="num-col">{formatMoney(bar.price, info.currency) ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : (
            <p className="muted">No usage recorded yet.</p>
          )}
        </>
      )}
    </div>
  );
}
