/**
 * What came back for a permission link: the client, the channels it granted (each with "Generate API
 * key…", the existing outbox action with its confirmation), revoked or added, and whether a sync is
 * still to bring some of them. Follows the outbox, so a queued key shows as queued, then as present.
 */
import { useState } from 'react';
import { formatPhone } from '@shared/format';
import type { GrantedChannel, PermissionLinkDetails } from '@shared/onboarding';
import { ToneBadge } from '../../components/ToneBadge';
import { useWorkspace } from '../../state/workspace-context';
import { ConfirmActionDialog } from '../outbox/ConfirmActionDialog';

function ChannelLine({
  item,
  kind,
  onKey,
}: {
  item: GrantedChannel;
  kind: 'granted' | 'revoked' | 'added';
  onKey(channelId: string): void;
}) {
  const ws = useWorkspace();
  const channel = item.channel;
  const number = channel ? (formatPhone({ raw: channel.phoneNumber, e164: channel.phoneE164 }) ?? 'No number yet') : null;
  const pendingKey = channel?.pending?.kind === 'generate_api_key';
  const canKey =
    kind !== 'revoked' &&
    channel !== null &&
    channel.status.state.id !== 'pending_deletion' &&
    channel.status.state.id !== 'draft' &&
    channel.removedAt === null;
  return (
    <li className="grant-row">
      <div className="grant-main">
        {channel ? (
          <button
            type="button"
            className="row-open"
            onClick={() => {
              ws.ui.getState().closeLink();
              ws.ui.getState().setRedirectOpen(false);
              ws.ui.getState().openChannelDetails(channel.id, 'actions');
            }}
          >
            {number}
          </button>
        ) : (
          <span className="muted">Channel {item.channelId}</span>
        )}
        <span className="cell-sub">{channel ? (channel.displayName ?? channel.id) : 'Not in the local copy yet: the sync brings it.'}</span>
      </div>
      <div className="grant-state">{channel && <ToneBadge tone={channel.status.state.tone} label={channel.status.state.label} />}</div>
      <div className="grant-key">
        {kind === 'revoked' ? (
          <span className="muted">Access taken back</span>
        ) : item.keyPresent ? (
          <span className="key-present">API key in the keychain</span>
        ) : pendingKey ? (
          <span className="muted">{channel?.pending?.label}</span>
        ) : canKey ? (
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => onKey(item.channelId)}
            aria-label={`Generate API key for ${number ?? item.channelId}`}
          >
            Generate API key…
          </button>
        ) : channel ? (
          <span className="muted">No key possible now</span>
        ) : null}
      </div>
    </li>
  );
}

export function LinkOutcome({ details }: { details: PermissionLinkDetails }) {
  const { api } = useWorkspace();
  const [keyFor, setKeyFor] = useState<string | null>(null);
  const result = details.result;
  if (!result) {
    return <p className="muted">No answer yet: the client has not used the link (or its redirect has not been read).</p>;
  }
  const groups: Array<{ kind: 'granted' | 'revoked' | 'added'; title: string; items: GrantedChannel[] }> = [
    { kind: 'granted', title: 'Access granted', items: details.granted },
    { kind: 'added', title: 'New numbers (seen by a sync)', items: details.added },
    { kind: 'revoked', title: 'Access taken back', items: details.revoked },
  ];
  return (
    <div className="link-outcome">
      <p>
        Client <strong>{details.client?.name ?? result.clientId}</strong> <span className="muted">({result.clientId})</span>
        {details.matchedBy === 'sync' ? ' was matched to this link by a sync.' : ' answered through the redirect.'}
      </p>
      {details.waitingForSync && (
        <p className="callout" role="status">
          Some of these are not in the local copy yet; they appear after the sync.
        </p>
      )}
      {groups
        .filter((group) => group.items.length > 0)
        .map((group) => (
          <section key={group.kind} aria-label={group.title}>
            <h3 className="section-title">
              {group.title} ({group.items.length})
            </h3>
            <ul className="grant-list">
              {group.items.map((item) => (
                <ChannelLine key={item.channelId} item={item} kind={group.kind} onKey={setKeyFor} />
              ))}
            </ul>
          </section>
        ))}
      {result.granted.length === 0 && result.added.length === 0 && <p className="muted">No number was shared.</p>}
      {keyFor && (
        <ConfirmActionDialog
          preview={{ kind: 'generate_api_key', channelId: keyFor }}
          confirmLabel="Generate API key"
          queue={() => api.request('actions.generateApiKey', { channelId: keyFor, confirmed: true })}
          onClose={() => setKeyFor(null)}
        />
      )}
    </div>
  );
}
