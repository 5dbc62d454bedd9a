/**
 * Overview: the channel's status (state, the three activation statuses, quality, limit, what needs
 * doing), its identity and setup facts, its client, then every raw field and the raw JSON.
 */
import type { ReactNode } from 'react';
import type { ChannelDetails } from '../../../../shared/accounts';
import { formatCount, formatDateTime, formatPhone } from '../../../../shared/format';
import { ACTIVATION_COLUMNS, ACTIVATION_FIELDS } from '../../../../shared/status';
import { Icon } from '../../components/Icon';
import { RelativeTime } from '../../components/RelativeTime';
import { ToneBadge } from '../../components/ToneBadge';
import { AllFields } from './AllFields';
import { RawJsonViewer } from './RawJsonViewer';
import { rawText } from './raw-fields';

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children ?? <span className="muted">—</span>}</dd>
    </>
  );
}

const dash = <span className="muted">Not available</span>;

export function OverviewTab({ details, onOpenClient }: { details: ChannelDetails; onOpenClient(id: string): void }) {
  const { channel, client, raw } = details;
  const { status } = channel;
  return (
    <div className="overview">
      <section className="panel" aria-labelledby="ov-status">
        <h3 id="ov-status" className="section-title">
          Status
        </h3>
        <div className="state-line">
          <ToneBadge tone={status.state.tone} label={status.state.label} size="md" />
          <span className="muted">{status.state.description}</span>
        </div>
        {status.actionRequired && (
          <div className={status.actionRequired.tone === 'negative' ? 'callout callout-negative' : 'callout callout-attention'}>
            <Icon name="alert" />
            {status.otherActions.length === 0 ? (
              <span>
                <strong>Action required:</strong> {status.actionRequired.text}
              </span>
            ) : (
              <div>
                <strong>Actions required, most urgent first:</strong>
                <ol className="callout-list">
                  {[status.actionRequired, ...status.otherActions].map((action) => (
                    <li key={action.id}>{action.text}</li>
                  ))}
                </ol>
              </div>
            )}
          </div>
        )}
        <dl className="status-grid">
          {ACTIVATION_FIELDS.map((field) => (
            <div key={field}>
              <dt>{ACTIVATION_COLUMNS[field]}</dt>
              <dd>
                <ToneBadge tone={status[field].tone} label={status[field].label} title={status[field].value ? `API value: ${status[field].value}` : undefined} />
              </dd>
            </div>
          ))}
          <div>
            <dt>Quality rating</dt>
            <dd>{status.qualityRating ? <ToneBadge tone={status.qualityRating.tone} label={status.qualityRating.label} /> : dash}</dd>
          </div>
          <div>
            <dt>Messaging limit</dt>
            <dd>{status.messagingLimit?.label ?? dash}</dd>
          </div>
        </dl>
      </section>

      <div className="overview-columns">
        <section className="panel" aria-labelledby="ov-channel">
          <h3 id="ov-channel" className="section-title">
            Channel
          </h3>
          <dl className="details details-compact">
            <Row term="Number">
              {channel.phoneNumber && (
                <span className="num" title={channel.phoneE164 ? `E.164: ${channel.phoneE164}` : undefined}>
                  {formatPhone({ raw: channel.phoneNumber, e164: channel.phoneE164 })}
                </span>
              )}
              {channel.phoneNumber && channel.phoneE164 === null && <span className="muted"> (not a phone number this app can read; shown as the Hub sent it)</span>}
            </Row>
            {/* How the Hub wrote it, when that was not plain E.164 digits ("0049 …", a national number). */}
            {channel.phoneE164 !== null && channel.phoneNumber !== null && channel.phoneNumber !== channel.phoneE164 && channel.phoneNumber !== channel.phoneE164.slice(1) && (
              <Row term="Number as sent">
                <code>{channel.phoneNumber}</code>
              </Row>
            )}
            <Row term="Display name">{channel.displayName}</Row>
            <Row term="Channel ID">
              <code>{channel.id}</code>
            </Row>
            <Row term="WABA ID">{rawText(raw, 'waba_account', 'id') ?? rawText(raw, 'waba_account_id')}</Row>
            <Row term="Meta WABA ID">{rawText(raw, 'waba_account', 'external_id')}</Row>
            <Row term="Account mode">{rawText(raw, 'account_mode')}</Row>
            <Row term="Signup">{rawText(raw, 'version') === '1' ? 'Classic Signup (version 1)' : rawText(raw, 'version') ? 'Embedded Signup (version 2)' : null}</Row>
            <Row term="Created">{channel.createdAt && formatDateTime(channel.createdAt)}</Row>
            <Row term="Cancellation">{rawText(raw, 'terminated_at') ? `Requested, deleted after ${formatDateTime(rawText(raw, 'terminated_at'))}` : 'Not requested'}</Row>
            <Row term="Synced">
              <RelativeTime value={channel.syncedAt} />
            </Row>
          </dl>
        </section>

        <section className="panel" aria-labelledby="ov-client">
          <h3 id="ov-client" className="section-title">
            Client
          </h3>
          {client ? (
            <>
              <dl className="details details-compact">
                <Row term="Name">{client.name}</Row>
                <Row term="Organisation">{client.organisation}</Row>
                <Row term="Contact">{client.contactName}</Row>
                <Row term="Email">{client.email}</Row>
                <Row term="Channels">
                  <span className="num">
                    {formatCount(client.channelCount)} of {client.maxChannels === null ? '—' : formatCount(client.maxChannels)} allowed
                  </span>
                </Row>
                <Row term="Client ID">
                  <code>{client.id}</code>
                </Row>
              </dl>
              <button type="button" className="btn btn-sm" onClick={() => onOpenClient(client.id)}>
                Open client
              </button>
            </>
          ) : (
            <p className="muted">This channel's client is not in the local copy.</p>
          )}
        </section>
      </div>

      <details className="panel disclosure-panel">
        <summary>
          <span className="section-title">All fields</span>
        </summary>
        <AllFields raw={raw} />
      </details>

      <details className="panel disclosure-panel">
        <summary>
          <span className="section-title">Raw JSON</span>
        </summary>
        <RawJsonViewer raw={raw} label="The channel as the Partner API sent it" />
      </details>
    </div>
  );
}
