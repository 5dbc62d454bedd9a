/**
 * Overview: the channel's status (state, the three activation statuses, quality, limit, what needs
 * doing), its identity and setup facts, its client, then every raw field and the raw JSON.
 */
import type { ReactNode } from 'react';
import type { ChannelDetails } from '@shared/accounts';
import { formatCount, formatPhone, sentenceCase } from '@shared/format';
import { formatZonedDateTime } from '@shared/format/zoned-time';
import { ACTIVATION_COLUMNS, ACTIVATION_FIELDS } from '@shared/status';
import { CopyButton } from '../../components/CopyButton';
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

export function OverviewTab({
  details,
  partnerId,
  onOpenClient,
}: {
  details: ChannelDetails;
  partnerId: string | null;
  onOpenClient(id: string): void;
}) {
  const { channel, client, raw } = details;
  const { status } = channel;
  const e164 = channel.phoneE164;
  const shown = channel.phoneNumber ? formatPhone({ raw: channel.phoneNumber, e164: channel.phoneE164 }) : null;
  const wabaId = rawText(raw, 'waba_account', 'id') ?? rawText(raw, 'waba_account_id');
  const metaWabaId = rawText(raw, 'waba_account', 'external_id');
  const email = client?.email ?? channel.email;
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
                <ToneBadge
                  tone={status[field].tone}
                  label={status[field].label}
                  title={status[field].value ? `API value: ${status[field].value}` : undefined}
                />
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
              {shown && (
                <span className="copy-row">
                  <span className="num">{shown}</span>
                  <CopyButton value={shown} what="the number as shown" />
                  {e164 && (
                    <>
                      <code title="E.164, as machines want it">{e164}</code>
                      <CopyButton value={e164} what="the number in E.164" />
                    </>
                  )}
                </span>
              )}
              {channel.phoneNumber && channel.phoneE164 === null && (
                <span className="muted"> (not a phone number this app can read; shown as the Hub sent it)</span>
              )}
            </Row>
            {/* How the Hub wrote it, when that was not plain E.164 digits ("0049 …", a national number). */}
            {channel.phoneE164 !== null &&
              channel.phoneNumber !== null &&
              channel.phoneNumber !== channel.phoneE164 &&
              channel.phoneNumber !== channel.phoneE164.slice(1) && (
                <Row term="Number as sent">
                  <code>{channel.phoneNumber}</code>
                </Row>
              )}
            <Row term="Display name">{channel.displayName && <bdi>{channel.displayName}</bdi>}</Row>
            <Row term="Channel ID">
              <span className="copy-row">
                <code>{channel.id}</code>
                <CopyButton value={channel.id} what="the channel ID" />
              </span>
            </Row>
            <Row term="WABA ID">
              {wabaId && (
                <span className="copy-row">
                  <code>{wabaId}</code>
                  <CopyButton value={wabaId} what="the WABA ID" />
                </span>
              )}
            </Row>
            <Row term="Meta WABA ID">
              {metaWabaId && (
                <span className="copy-row">
                  <code>{metaWabaId}</code>
                  <CopyButton value={metaWabaId} what="the Meta WABA ID" />
                </span>
              )}
            </Row>
            <Row term="Account mode">{rawText(raw, 'account_mode') && sentenceCase(rawText(raw, 'account_mode') ?? '')}</Row>
            <Row term="Signup">
              {rawText(raw, 'version') === '1'
                ? 'Classic Signup (version 1)'
                : rawText(raw, 'version')
                  ? 'Embedded Signup (version 2)'
                  : null}
            </Row>
            <Row term="Created">{channel.createdAt && formatZonedDateTime(channel.createdAt)}</Row>
            <Row term="Cancellation">
              {rawText(raw, 'terminated_at')
                ? `Requested, deleted after ${formatZonedDateTime(rawText(raw, 'terminated_at'))}`
                : 'Not requested'}
            </Row>
            <Row term="Synced">
              <RelativeTime value={channel.syncedAt} />
            </Row>
          </dl>
          <div className="link-row">
            {e164 && (
              <a className="btn btn-sm" href={`https://wa.me/${e164.slice(1)}`} target="_blank" rel="noopener noreferrer">
                <Icon name="chat" />
                Open in WhatsApp
              </a>
            )}
            {partnerId && (
              <a
                className="btn btn-sm"
                href={`https://hub.360dialog.com/dashboard/app/${encodeURIComponent(partnerId)}`}
                target="_blank"
                rel="noopener noreferrer"
                title="The Partner Hub has no link to one channel: find it there by its channel ID (copy it above)."
              >
                <Icon name="external" />
                Open in Partner Hub
              </a>
            )}
          </div>
        </section>

        <section className="panel" aria-labelledby="ov-client">
          <h3 id="ov-client" className="section-title">
            Client
          </h3>
          {client ? (
            <>
              <dl className="details details-compact">
                <Row term="Name">
                  <bdi>{client.name}</bdi>
                </Row>
                <Row term="Organisation">{client.organisation && <bdi>{client.organisation}</bdi>}</Row>
                <Row term="Contact">{client.contactName && <bdi>{client.contactName}</bdi>}</Row>
                <Row term="Email">
                  {email && (
                    <span className="copy-row">
                      <a href={`mailto:${email}`}>{email}</a>
                      <CopyButton value={email} what="the email address" />
                    </span>
                  )}
                </Row>
                <Row term="Channels">
                  <span className="num">
                    {formatCount(client.channelCount)} of {client.maxChannels === null ? '—' : formatCount(client.maxChannels)} allowed
                  </span>
                </Row>
                <Row term="Client ID">
                  <span className="copy-row">
                    <code>{client.id}</code>
                    <CopyButton value={client.id} what="the client ID" />
                  </span>
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
