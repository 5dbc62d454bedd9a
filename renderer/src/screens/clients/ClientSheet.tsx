/**
 * A client's panel: contact, channels used against the maximum (editable through the outbox once
 * available), the balance for direct-payment clients, and its channels, each opening its details.
 */
import { useEffect, useState } from 'react';
import { formatDateTime, formatPhone, sentenceCase } from '@shared/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Icon } from '../../components/Icon';
import { Sheet } from '../../components/Sheet';
import { ToneBadge } from '../../components/ToneBadge';
import { DEFAULT_CHANNEL_FILTERS } from '../../state/channel-list';
import { EMPTY_LOADABLE } from '../../state/details-store';
import { useWorkspace, useWs } from '../../state/workspace-context';
import { companyOf } from '../accounts/channel-text';
import { ClientInsights } from '../details/InsightsTab';
import { actionsFor } from '../../state/outbox-store';
import { ActionRow } from '../outbox/ActionRow';
import { ChannelLimit } from './ChannelLimit';
import { MaxChannelsDialog } from './MaxChannelsDialog';
import { TagDialog } from './TagDialog';
import { PermissionLinkDialog } from '../onboarding/PermissionLinkDialog';
import { useClientChannels } from './use-client-channels';

export function ClientSheet({ id }: { id: string }) {
  const ws = useWorkspace();
  const entry = useWs('details', (s) => s.clients[id]) ?? EMPTY_LOADABLE;
  const synced = useWs('sync', (s) => s.status?.lastSucceededAt ?? null);
  const channels = useClientChannels(ws.api, id, synced);
  useEffect(() => {
    void ws.details.getState().loadClient(id);
  }, [ws, id]);
  const outboxItems = useWs('outbox', (s) => s.items);
  const [editingLimit, setEditingLimit] = useState(false);
  const [editingTag, setEditingTag] = useState(false);
  const [makingLink, setMakingLink] = useState(false);
  const client = entry.value;
  const close = () => ws.ui.getState().closeClient();

  function showInAccounts() {
    if (!client) return;
    ws.channels.getState().setQuery({ ...DEFAULT_CHANNEL_FILTERS, client: { id: client.id, name: client.name } });
    ws.ui.getState().closeClient();
    ws.ui.getState().go('accounts');
  }

  return (
    <Sheet labelledBy="client-title" onClose={close} className="sheet-details">
      <div className="sheet-frame">
        <header className="details-head">
          <div className="details-title">
            <p className="eyebrow">Client</p>
            <h2 id="client-title" dir="auto">
              {client?.name ?? 'Client'}
            </h2>
            <p className="muted">
              {client?.organisation && client.organisation !== client.name
                ? client.organisation
                : client
                  ? `Client ID ${client.id}`
                  : 'Reading…'}
            </p>
          </div>
          <button type="button" className="icon-btn" aria-label="Close client" title="Close (Esc)" onClick={close}>
            <Icon name="close" />
          </button>
        </header>
        <div className="sheet-content">
          {!client ? (
            entry.error ? (
              <ErrorAlert title="The client could not be read" error={entry.error} />
            ) : (
              <p className="muted tab-loading">Reading…</p>
            )
          ) : (
            <div className="overview">
              <div className="overview-columns">
                <section className="panel" aria-labelledby="cl-contact">
                  <h3 id="cl-contact" className="section-title">
                    Contact
                  </h3>
                  <dl className="details details-compact">
                    <dt>Contact</dt>
                    <dd>{client.contactName ?? <span className="muted">—</span>}</dd>
                    <dt>Email</dt>
                    <dd>{client.email ?? <span className="muted">—</span>}</dd>
                    <dt>Phone</dt>
                    <dd className="num">
                      {formatPhone({ raw: client.phoneNumber, e164: client.phoneE164 }) ?? <span className="muted">—</span>}
                    </dd>
                    <dt>Status</dt>
                    <dd>{client.status ? sentenceCase(client.status.replace(/_/g, ' ')) : <span className="muted">—</span>}</dd>
                    <dt>Created</dt>
                    <dd>{formatDateTime(client.createdAt) ?? <span className="muted">—</span>}</dd>
                    <dt>Client ID</dt>
                    <dd>
                      <code>{client.id}</code>
                    </dd>
                    <dt>Tag</dt>
                    <dd className="tag-value">
                      {client.partnerPayload ? <code>{client.partnerPayload}</code> : <span className="muted">None</span>}
                      {client.pending?.kind === 'set_partner_payload' && <span className="muted"> · {client.pending.label}</span>}
                    </dd>
                  </dl>
                  <div className="button-row">
                    <button type="button" className="btn btn-sm" onClick={() => setEditingTag(true)}>
                      {client.partnerPayload ? 'Change tag…' : 'Add tag…'}
                    </button>
                    <button type="button" className="btn btn-sm" onClick={() => setMakingLink(true)}>
                      Permission link…
                    </button>
                  </div>
                </section>
                <section className="panel" aria-labelledby="cl-limit">
                  <h3 id="cl-limit" className="section-title">
                    Channel limit
                  </h3>
                  <p className="limit-line">
                    <ChannelLimit count={client.channelCount} max={client.maxChannels} />
                  </p>
                  <p className="muted">
                    {client.maxChannels === null
                      ? 'The Hub did not send a limit.'
                      : `This client may have up to ${client.maxChannels} channels.`}
                    {client.pending && ` ${client.pending.label}.`}
                  </p>
                  <button type="button" className="btn btn-sm" onClick={() => setEditingLimit(true)}>
                    Change limit…
                  </button>
                  {actionsFor(outboxItems, client.id).length > 0 && (
                    <ul className="action-list action-list-compact">
                      {actionsFor(outboxItems, client.id)
                        .slice(0, 3)
                        .map((action) => (
                          <ActionRow key={action.id} action={action} compact />
                        ))}
                    </ul>
                  )}
                </section>
              </div>

              <section className="panel" aria-labelledby="cl-channels">
                <div className="panel-head">
                  <h3 id="cl-channels" className="section-title">
                    Channels {channels.items ? `(${channels.total})` : ''}
                  </h3>
                  <button type="button" className="btn btn-sm" onClick={showInAccounts}>
                    Show in WhatsApp accounts
                  </button>
                </div>
                {channels.error && <ErrorAlert error={channels.error} />}
                {channels.items === null ? (
                  <p className="muted">Reading…</p>
                ) : channels.items.length === 0 ? (
                  <p className="muted">No channels.</p>
                ) : (
                  <ul className="mini-list">
                    {channels.items.map((channel) => (
                      <li key={channel.id} className="mini-row">
                        <button
                          type="button"
                          className="row-open"
                          onClick={() => {
                            ws.ui.getState().closeClient();
                            ws.ui.getState().openChannelDetails(channel.id);
                          }}
                        >
                          {channel.displayName ?? companyOf(channel)}
                        </button>
                        <span className="num muted">
                          {formatPhone({ raw: channel.phoneNumber, e164: channel.phoneE164 }) ?? 'No number yet'}
                        </span>
                        <ToneBadge tone={channel.status.state.tone} label={channel.status.state.label} />
                      </li>
                    ))}
                  </ul>
                )}
              </section>

              <section className="panel" aria-labelledby="cl-balance">
                <h3 id="cl-balance" className="section-title">
                  Balance and usage
                </h3>
                <ClientInsights clientId={client.id} />
              </section>
            </div>
          )}
        </div>
      </div>
      {editingLimit && client && <MaxChannelsDialog client={client} onClose={() => setEditingLimit(false)} />}
      {editingTag && client && <TagDialog client={client} onClose={() => setEditingTag(false)} />}
      {makingLink && client && <PermissionLinkDialog client={client} onClose={() => setMakingLink(false)} />}
    </Sheet>
  );
}
