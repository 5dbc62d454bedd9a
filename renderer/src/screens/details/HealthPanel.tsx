/**
 * Health and number check (the channel API's /v1/health and /v1/configs/phone_number): the last
 * answer kept by main, and "Check now", which main allows at most every 5 minutes (the Hub caches
 * health that long) and queues while offline.
 */
import { useEffect, useState } from 'react';
import type { ErrorInfo } from '../../../../shared/errors';
import { formatPhone } from '../../../../shared/format';
import type { ChannelHealth } from '../../../../shared/outbox';
import { BusyButton } from '../../components/BusyButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RelativeTime } from '../../components/RelativeTime';
import { ToneBadge } from '../../components/ToneBadge';
import { useWorkspace } from '../../state/workspace-context';

function gatewayTone(status: string | null) {
  if (!status) return 'neutral' as const;
  const lower = status.toLowerCase();
  if (['connected', 'ok', 'healthy', 'running'].includes(lower)) return 'positive' as const;
  if (['disconnected', 'uninitialized', 'unregistered', 'error', 'failed'].includes(lower)) return 'negative' as const;
  return 'attention' as const;
}

export function HealthPanel({ channelId }: { channelId: string }) {
  const { api } = useWorkspace();
  const [health, setHealth] = useState<ChannelHealth | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [checking, setChecking] = useState(false);

  useEffect(() => {
    let live = true;
    void api.request('channels.health', { channelId, check: false }).then((result) => {
      if (!live) return;
      if (result.ok) setHealth(result.value);
      else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, [api, channelId]);

  async function check() {
    setChecking(true);
    setError(null);
    const result = await api.request('channels.health', { channelId, check: true });
    setChecking(false);
    if (result.ok) setHealth(result.value);
    else setError(result.error);
  }

  return (
    <section className="panel" aria-labelledby="health-title">
      <div className="panel-head">
        <h3 id="health-title" className="section-title">
          Health and number check
        </h3>
        <BusyButton className="btn btn-sm" busy={checking} busyLabel="Checking…" onClick={() => void check()}>
          Check now
        </BusyButton>
      </div>
      {health && (
        <>
          <p className="muted" role="status">
            {health.message}
          </p>
          {health.checkedAt && (
            <dl className="details details-compact">
              <dt>Gateway</dt>
              <dd>
                <ToneBadge tone={gatewayTone(health.gatewayStatus)} label={health.gatewayStatus ?? 'Unknown'} />
              </dd>
              <dt>Number on the key</dt>
              <dd className="num">{formatPhone(health.phoneNumber) ?? '—'}</dd>
              <dt>Checked</dt>
              <dd>
                <RelativeTime value={health.checkedAt} />
              </dd>
              {health.nextCheckAt && (
                <>
                  <dt>Next check possible</dt>
                  <dd>
                    <RelativeTime value={health.nextCheckAt} />
                  </dd>
                </>
              )}
              {health.nodes.length > 0 && (
                <>
                  <dt>Nodes</dt>
                  <dd>{health.nodes.map((node) => `${node.role ?? 'node'} ${node.host ?? ''}: ${node.status}`).join(' · ')}</dd>
                </>
              )}
            </dl>
          )}
          {health.lastError && <ErrorAlert tone="warning" title="The last check failed" error={health.lastError} />}
        </>
      )}
      {error && <ErrorAlert error={error} />}
    </section>
  );
}
