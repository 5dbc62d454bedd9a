/**
 * The channel's API key (D360-API-KEY): whether Partner Desk holds one (in the keychain; the key
 * itself never reaches this window), generating a new one through the outbox, and copying it to
 * the clipboard where the desktop allows (cleared again after a while).
 */
import { useEffect, useState } from 'react';
import type { ErrorInfo } from '@shared/errors';
import type { ApiKeyInfo } from '@shared/outbox';
import { BusyButton } from '../../components/BusyButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RelativeTime } from '../../components/RelativeTime';
import { useWorkspace, useWs } from '../../state/workspace-context';
import { ConfirmActionDialog } from '../outbox/ConfirmActionDialog';
import { PermissionLinkDialog } from '../onboarding/PermissionLinkDialog';
import { actionsFor } from '../../state/outbox-store';
import type { ClientListItem } from '@shared/accounts';

export function ApiKeyPanel({
  channelId,
  blocked,
  client = null,
}: {
  channelId: string;
  blocked: string | null;
  client?: ClientListItem | null;
}) {
  const { api } = useWorkspace();
  // The last key generation was refused for want of the client's permission: offer the way to ask for it.
  const refused = useWs(
    'outbox',
    (s) => actionsFor(s.items, channelId).find((a) => a.kind === 'generate_api_key')?.lastError?.status === 403,
  );
  const [askingPermission, setAskingPermission] = useState(false);
  const outboxVersion = useWs('outbox', (s) => s.status);
  const [info, setInfo] = useState<ApiKeyInfo | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [copying, setCopying] = useState(false);
  const [copyMessage, setCopyMessage] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  // Re-read when the outbox moves: a generated key shows up as soon as its action is done.
  useEffect(() => {
    let live = true;
    void api.request('channels.apiKey', { channelId }).then((result) => {
      if (!live) return;
      if (result.ok) setInfo(result.value);
      else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, [api, channelId, outboxVersion]);

  async function copy() {
    setCopying(true);
    const result = await api.request('channels.copyApiKey', { channelId });
    setCopying(false);
    setCopyMessage(result.ok ? result.value.message : result.error.message);
  }

  return (
    <section className="panel" aria-labelledby="key-title">
      <div className="panel-head">
        <h3 id="key-title" className="section-title">
          API key
        </h3>
      </div>
      <p className="muted">
        {info?.present ? (
          <>
            Partner Desk holds this channel's API key in the system keychain
            {info.generatedAt && (
              <>
                , generated <RelativeTime value={info.generatedAt} />
              </>
            )}
            .
          </>
        ) : (
          'Partner Desk holds no API key for this channel. Generating one replaces any key the client uses now.'
        )}
      </p>
      {blocked && <p className="muted">{blocked}</p>}
      <div className="button-row">
        <button
          type="button"
          className="btn btn-sm"
          aria-disabled={blocked !== null || undefined}
          onClick={() => blocked === null && setConfirming(true)}
        >
          Generate API key…
        </button>
        {info?.present && (
          <BusyButton className="btn btn-sm" busy={copying} busyLabel="Copying…" onClick={() => void copy()}>
            Copy API key
          </BusyButton>
        )}
      </div>
      {copyMessage && (
        <p className="muted" role="status">
          {copyMessage}
        </p>
      )}
      {error && <ErrorAlert error={error} />}
      {refused && client && (
        <div className="callout">
          <p>
            The client has not shared API-key permission for this number with you. A permission link lets them share it in a few clicks.
          </p>
          <button type="button" className="btn btn-sm" onClick={() => setAskingPermission(true)}>
            Permission link for {client.name}…
          </button>
        </div>
      )}
      {askingPermission && client && <PermissionLinkDialog client={client} onClose={() => setAskingPermission(false)} />}
      {confirming && (
        <ConfirmActionDialog
          preview={{ kind: 'generate_api_key', channelId }}
          confirmLabel="Generate API key"
          queue={() => api.request('actions.generateApiKey', { channelId, confirmed: true })}
          onClose={() => setConfirming(false)}
        />
      )}
    </section>
  );
}
