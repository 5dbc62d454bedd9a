/** A permission link's panel: what it asked for, how it was shared, and what came back. */
import { useId, useState } from 'react';
import { formatDateTime, formatPhoneText } from '@shared/format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Icon } from '../../components/Icon';
import { Sheet } from '../../components/Sheet';
import { ToneBadge } from '../../components/ToneBadge';
import { useWorkspace } from '../../state/workspace-context';
import { LinkOutcome } from './LinkOutcome';
import { LinkShare } from './PermissionLinkDialog';
import { linkFor, linkStatus, SHARE_LABEL } from './link-text';
import { useLinkDetails } from './use-link-details';

export function LinkSheet({ id }: { id: string }) {
  const ws = useWorkspace();
  const ids = useId();
  const { details, error } = useLinkDetails(id);
  const [sharing, setSharing] = useState(false);
  const close = () => ws.ui.getState().closeLink();
  const status = details ? linkStatus(details) : null;

  return (
    <Sheet labelledBy={`${ids}-title`} onClose={close} className="sheet-details">
      <div className="sheet-frame">
        <header className="details-head">
          <div className="details-title">
            <p className="eyebrow">Permission link</p>
            <h2 id={`${ids}-title`}>{details ? linkFor(details) : 'Permission link'}</h2>
            <p className="muted">{details ? `Made ${formatDateTime(details.createdAt) ?? details.createdAt}` : 'Reading…'}</p>
          </div>
          <button type="button" className="icon-btn" aria-label="Close permission link" title="Close (Esc)" onClick={close}>
            <Icon name="close" />
          </button>
        </header>
        <div className="sheet-content">
          {error && <ErrorAlert title="The link could not be read" error={error} />}
          {details && (
            <div className="overview">
              <section className="panel" aria-labelledby={`${ids}-asked`}>
                <div className="panel-head">
                  <h3 id={`${ids}-asked`} className="section-title">
                    The link
                  </h3>
                  {status && <ToneBadge tone={status.tone} label={status.label} />}
                </div>
                <dl className="details details-compact">
                  <dt>For</dt>
                  <dd>{details.clientId ? `${details.clientName ?? ''} (client ${details.clientId})` : 'A new client'}</dd>
                  <dt>Email</dt>
                  <dd>{details.email ?? <span className="muted">—</span>}</dd>
                  <dt>Name</dt>
                  <dd>{details.name ?? <span className="muted">—</span>}</dd>
                  <dt>Number</dt>
                  <dd>{formatPhoneText(details.number) ?? <span className="muted">—</span>}</dd>
                  <dt>Tag</dt>
                  <dd>{details.partnerPayload ?? <span className="muted">—</span>}</dd>
                  <dt>Redirect URL</dt>
                  <dd>{details.redirectUrl ?? <span className="muted">Your partner redirect URL</span>}</dd>
                  <dt>State</dt>
                  <dd>
                    <code>{details.state ?? '—'}</code>
                  </dd>
                  <dt>Shared</dt>
                  <dd>
                    {details.shared.length === 0 ? (
                      <span className="muted">Not yet</span>
                    ) : (
                      details.shared.map((s) => SHARE_LABEL[s.method]).join(', ')
                    )}
                  </dd>
                </dl>
                {details.url && details.status === 'open' && (
                  <div className="button-row">
                    <button type="button" className="btn btn-sm" onClick={() => setSharing(true)}>
                      <Icon name="link" />
                      Copy, email or show as QR code…
                    </button>
                  </div>
                )}
                {details.warnings.map((warning) => (
                  <ErrorAlert key={warning} tone="warning" error={warning} />
                ))}
              </section>
              <section className="panel" aria-labelledby={`${ids}-answer`}>
                <h3 id={`${ids}-answer`} className="section-title">
                  What came back
                </h3>
                <LinkOutcome details={details} />
              </section>
            </div>
          )}
        </div>
      </div>
      {sharing && details && (
        <Sheet side="center" labelledBy={`${ids}-share`} onClose={() => setSharing(false)} className="sheet-wide">
          <LinkShare link={details} onClose={() => setSharing(false)} titleId={`${ids}-share`} title="Share the permission link" />
        </Sheet>
      )}
    </Sheet>
  );
}
