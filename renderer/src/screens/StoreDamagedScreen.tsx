/**
 * The local database is damaged: Partner Desk has stopped writing to it. Says which file, what a
 * repair keeps (the queued actions and key records that can still be read, listed), and offers
 * Repair. Nothing here deletes anything: the repair sets the damaged file aside under a dated name.
 */
import { useState } from 'react';
import type { PartnerDeskApi } from '@shared/api';
import type { ErrorInfo } from '@shared/errors';
import type { RepairResult, StoreStatus } from '@shared/store';
import { BusyButton } from '../components/BusyButton';
import { ErrorAlert } from '../components/ErrorAlert';
import { Brand } from '../components/Logo';

const KIND_LABELS: Record<string, string> = {
  cancel_channel: 'Cancel channel',
  set_max_channels: 'Change channel limit',
  generate_api_key: 'Generate API key',
  check_health: 'Check health',
  withdraw_cancellation: 'Withdraw cancellation',
  set_partner_settings: 'Change partner settings',
  set_partner_payload: 'Set client tag',
};

export function StoreDamagedScreen({ status, api }: { status: StoreStatus; api: PartnerDeskApi }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [result, setResult] = useState<RepairResult | null>(null);
  const salvage = status.salvage;

  async function repair() {
    setBusy(true);
    setError(null);
    const answer = await api.request('store.repair', {});
    setBusy(false);
    if (!answer.ok) {
      setError(answer.error);
      return;
    }
    setResult(answer.value);
    // Web mode starts again on the repaired file by itself; the page follows a moment later.
    if (answer.value.restarting && !window.partnerDesk) setTimeout(() => window.location.reload(), 1_500);
  }

  return (
    <div className="shell">
      <main className="notice" aria-labelledby="store-title">
        <div className="card notice-card store-damaged">
          <Brand />
          <h1 id="store-title">{result ? 'The database was repaired' : 'Partner Desk’s local database is damaged'}</h1>
          {result ? (
            <p role="status">{result.message}</p>
          ) : (
            <>
              <ErrorAlert tone="warning" error={status.message ?? `The database ${status.file} is damaged.`} />
              {salvage && !salvage.unreadable && (
                <section aria-labelledby="store-safe">
                  <h2 id="store-safe">What a repair keeps</h2>
                  <p>
                    {salvage.queuedActions.length} queued action{salvage.queuedActions.length === 1 ? '' : 's'} not yet sent,{' '}
                    {salvage.keyRecords.length} channel-key record{salvage.keyRecords.length === 1 ? '' : 's'} (the keys themselves stay in
                    the system keychain), {salvage.counts.notifications ?? 0} notification
                    {salvage.counts.notifications === 1 ? '' : 's'} and your profiles. Clients and channels are downloaded again.
                  </p>
                  {salvage.queuedActions.length > 0 && (
                    <ul className="store-list">
                      {salvage.queuedActions.slice(0, 12).map((action) => (
                        <li key={action.id}>
                          {KIND_LABELS[action.kind] ?? action.kind} <code>{action.target}</code>{' '}
                          <span className="muted">
                            ({action.state}, queued {action.createdAt.slice(0, 16).replace('T', ' ')})
                          </span>
                        </li>
                      ))}
                      {salvage.queuedActions.length > 12 && <li className="muted">and {salvage.queuedActions.length - 12} more</li>}
                    </ul>
                  )}
                  {salvage.incomplete.length > 0 && (
                    <p className="muted">Some rows of {salvage.incomplete.join(', ')} cannot be read any more.</p>
                  )}
                </section>
              )}
              {salvage?.unreadable && (
                <ErrorAlert
                  tone="warning"
                  title="Nothing can be read from it"
                  error={`${salvage.unreadable}. A repair starts an empty database (you sign in again); a backup can be restored from a terminal: partner-desk doctor --restore latest.`}
                />
              )}
              {status.backups.length > 0 && (
                <p className="muted">
                  Newest backup: {status.backups[0]!.takenAt.slice(0, 16).replace('T', ' ')} ({status.backups.length} kept).
                </p>
              )}
              {error && <ErrorAlert error={error} />}
              <div>
                <BusyButton className="btn btn-primary" busy={busy} busyLabel="Repairing…" onClick={() => void repair()}>
                  Repair
                </BusyButton>
              </div>
              <p className="muted">The damaged file is not deleted: the repair keeps it beside the new one under a dated name.</p>
            </>
          )}
        </div>
      </main>
    </div>
  );
}
