/**
 * Health check with the channel's own key: Cloud API answers whether the number can send messages
 * (available, limited, blocked) and names each problem with its remedy; legacy On-Premise channels
 * answer their gateway status and the number the key belongs to. Main keeps the last answer and allows
 * "Check now" at most every 5 minutes (the Hub caches health that long), queueing it while offline.
 */
import { useEffect, useState } from 'react';
import type { ErrorInfo } from '@shared/errors';
import { formatPhoneText, sentenceCase } from '@shared/format';
import type { ApiKeyInfo, ChannelHealth, HealthNode } from '@shared/outbox';
import { BusyButton } from '../../components/BusyButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RelativeTime } from '../../components/RelativeTime';
import { ToneBadge } from '../../components/ToneBadge';
import { useWorkspace, useWs } from '../../state/workspace-context';
import { ConfirmActionDialog } from '../outbox/ConfirmActionDialog';

function healthTone(status: string | null) {
  if (!status) return 'neutral' as const;
  const lower = status.toLowerCase();
  if (['connected', 'available', 'ok', 'healthy', 'running'].includes(lower)) return 'positive' as const;
  if (['disconnected', 'uninitialized', 'unregistered', 'blocked', 'error', 'failed'].includes(lower)) return 'negative' as const;
  return 'attention' as const;
}

const ENTITY_NAMES: Record<string, string> = {
  PHONE_NUMBER: 'Phone number',
  WABA: 'WhatsApp Business Account',
  BUSINESS: 'Business',
  APP: 'App',
};

/** "Phone number: blocked. Message delivery is paused. Check the quality rating." or "primary_master host1: connected". */
function nodeText(node: HealthNode): string {
  const cloudEntity = node.host !== null ? ENTITY_NAMES[node.host] : undefined;
  const who = cloudEntity ?? `${node.role ?? 'node'} ${node.host ?? ''}`.trim();
  return `${who}: ${node.status.toLowerCase()}${node.problem ? `. ${node.problem}` : ''}`;
}

export function HealthPanel({ channelId, canGenerateKey = true }: { channelId: string; canGenerateKey?: boolean }) {
  const { api } = useWorkspace();
  const [health, setHealth] = useState<ChannelHealth | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [checking, setChecking] = useState(false);
  const [key, setKey] = useState<ApiKeyInfo | null>(null);
  const [confirmingKey, setConfirmingKey] = useState(false);
  const outboxVersion = useWs('outbox', (s) => s.status);

  // The check asks the channel's own API with the channel's key: without one it can only fail, so
  // nothing is sent and the panel says how to get a key (and what that costs). Re-read as the outbox
  // moves: a generated key enables the check at once.
  useEffect(() => {
    let live = true;
    void api.request('channels.apiKey', { channelId }).then((result) => {
      if (live && result.ok) setKey(result.value);
    });
    return () => {
      live = false;
    };
  }, [api, channelId, outboxVersion]);
  const noKey = key !== null && !key.present;

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
          Health check
        </h3>
        <BusyButton
          className="btn btn-sm"
          busy={checking}
          blocked={noKey || key === null}
          busyLabel="Checking…"
          onClick={() => void check()}
        >
          Check now
        </BusyButton>
      </div>
      {noKey && (
        <div className="callout" data-testid="health-needs-key">
          <p>
            A health check asks the number's own Messaging API with the channel's API key, and Partner Desk holds none for this number, so
            there is nothing to check yet. Generating a key <strong>revokes every existing key of this number at once</strong>: whatever the
            client runs on it (their integration, a chatbot) stops until it gets the new key. Agree on it with the client first.
          </p>
          {canGenerateKey && (
            <button type="button" className="btn btn-sm" onClick={() => setConfirmingKey(true)}>
              Generate API key…
            </button>
          )}
        </div>
      )}
      {confirmingKey && (
        <ConfirmActionDialog
          preview={{ kind: 'generate_api_key', channelId }}
          confirmLabel="Generate API key"
          danger
          queue={() => api.request('actions.generateApiKey', { channelId, confirmed: true })}
          onClose={() => setConfirmingKey(false)}
        />
      )}
      {health && !noKey && (
        <>
          <p className="muted" role="status">
            {health.message}
          </p>
          {health.checkedAt && (
            <dl className="details details-compact">
              <dt>Status</dt>
              <dd>
                <ToneBadge
                  tone={healthTone(health.gatewayStatus)}
                  label={health.gatewayStatus ? sentenceCase(health.gatewayStatus) : 'Unknown'}
                />
              </dd>
              {health.phoneNumber && (
                <>
                  <dt>Number on the key</dt>
                  <dd className="num">{formatPhoneText(health.phoneNumber)}</dd>
                </>
              )}
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
                  <dt>Details</dt>
                  <dd>
                    <ul className="plain-list">
                      {health.nodes.map((node, i) => (
                        <li key={i}>{nodeText(node)}</li>
                      ))}
                    </ul>
                  </dd>
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
