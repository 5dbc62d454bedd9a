/**
 * Partner settings: every public setting the Hub returns for the partner, each with what it is for,
 * the problems that break onboarding (no redirect URL) or silence the Hub (no webhook URL), and
 * changing the webhook and redirect URLs through the outbox (checked first, confirmed, queued while
 * offline, a conflict if someone changed them elsewhere meanwhile). Read from the Hub on opening;
 * offline, the last copy with its age.
 */
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { ErrorInfo } from '@shared/errors';
import type { Result } from '@shared/result';
import { checkSettingsUrl, type PartnerSettings } from '@shared/onboarding';
import { BusyButton } from '../../components/BusyButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Icon } from '../../components/Icon';
import { RelativeTime } from '../../components/RelativeTime';
import { Sheet } from '../../components/Sheet';
import { useWorkspace, useWs } from '../../state/workspace-context';
import { ActionRow } from '../outbox/ActionRow';
import { ConfirmActionDialog } from '../outbox/ConfirmActionDialog';
import { PageHeader } from '../../components/PageHeader';

type Editable = 'webhook_url' | 'partner_redirect_url';
const LABEL: Record<Editable, string> = { webhook_url: 'webhook URL', partner_redirect_url: 'redirect URL' };

export function PartnerSettingsPage() {
  const ws = useWorkspace();
  const outboxStatus = useWs('outbox', (s) => s.status);
  const [settings, setSettings] = useState<PartnerSettings | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const [editing, setEditing] = useState<Editable | null>(null);

  const apply = useCallback((result: Result<PartnerSettings>) => {
    if (result.ok) {
      // A re-read of the same copy does not make a fresh answer look older.
      setSettings((shown) =>
        shown?.source === 'fresh' && result.value.source === 'cached' && shown.fetchedAt === result.value.fetchedAt
          ? { ...result.value, source: 'fresh' }
          : result.value,
      );
      setError(null);
    } else setError(result.error);
  }, []);

  // On opening: the local copy at once, then read from the Hub (offline, the copy stays and says why).
  useEffect(() => {
    let live = true;
    void ws.api.request('partner.settings', { refresh: false }).then((cached) => {
      if (!live) return;
      apply(cached);
      void ws.api.request('partner.settings', { refresh: true }).then((fresh) => live && apply(fresh));
    });
    return () => {
      live = false;
    };
  }, [ws, apply]);
  // The outbox moved (a change queued, sent or in conflict): show the settings as they are now.
  useEffect(() => {
    if (!outboxStatus) return;
    let live = true;
    void ws.api.request('partner.settings', { refresh: false }).then((result) => live && apply(result));
    return () => {
      live = false;
    };
  }, [ws, apply, outboxStatus]);

  async function readAgain() {
    setRefreshing(true);
    apply(await ws.api.request('partner.settings', { refresh: true }));
    setRefreshing(false);
  }

  return (
    <section className="page-body" aria-labelledby="page-title">
      <PageHeader
        title="Partner settings"
        sub={
          <>
            {!settings ? (
              'Reading the settings…'
            ) : settings.source === 'none' ? (
              'Not read from the Hub yet'
            ) : (
              <>
                {settings.brandName ?? settings.partnerId} · read from the Hub <RelativeTime value={settings.fetchedAt} />
                {settings.error ? ' (the Hub could not be reached now)' : ''}
              </>
            )}
          </>
        }
      >
        <BusyButton className="btn" busy={refreshing} busyLabel="Reading…" onClick={() => void readAgain()}>
          <Icon name="refresh" />
          Read again
        </BusyButton>
      </PageHeader>
      <div className="page-scroll">
        {error && <ErrorAlert title="The settings could not be read" error={error} />}
        {settings?.error && (
          <ErrorAlert tone="warning" title={settings.source === 'none' ? 'Not read yet' : 'Showing the last copy'} error={settings.error} />
        )}
        {settings?.warnings.map((warning) => (
          <ErrorAlert
            key={warning.field}
            tone="warning"
            title={warning.severity === 'error' ? 'Onboarding cannot finish' : 'Check this setting'}
            error={warning.message}
          />
        ))}
        {settings && settings.pending.length > 0 && (
          <section className="panel" aria-labelledby="ps-pending">
            <h2 id="ps-pending" className="section-title">
              Changes in the outbox
            </h2>
            <ul className="action-list action-list-compact">
              {settings.pending.map((action) => (
                <ActionRow key={action.id} action={action} compact />
              ))}
            </ul>
          </section>
        )}
        {settings && settings.rows.length > 0 && (
          <section className="panel settings-panel" aria-labelledby="ps-settings">
            <h2 id="ps-settings" className="section-title">
              What the Hub has for your partner account
            </h2>
            <dl className="settings-list">
              {settings.rows.map((row) => {
                const editable = row.key === 'webhook_url' || row.key === 'partner_redirect_url' ? (row.key as Editable) : null;
                return (
                  <div key={row.key} className="settings-item">
                    <dt>{row.label}</dt>
                    <dd>
                      <div className="settings-value">
                        {row.value === null ? (
                          <span className="muted">Not set</span>
                        ) : editable ? (
                          <code className="url">{row.value}</code>
                        ) : (
                          row.value
                        )}
                        {editable && (
                          <button
                            type="button"
                            className="btn btn-sm"
                            onClick={() => setEditing(editable)}
                            aria-label={`Change the ${LABEL[editable]}`}
                          >
                            Change…
                          </button>
                        )}
                      </div>
                      <p className="settings-help">{row.help}</p>
                    </dd>
                  </div>
                );
              })}
            </dl>
          </section>
        )}
      </div>
      {editing && settings && (
        <UrlDialog
          field={editing}
          current={editing === 'webhook_url' ? settings.webhookUrl : settings.redirectUrl}
          onClose={() => setEditing(null)}
        />
      )}
    </section>
  );
}

/** Enter the new URL (checked as you type, by the same rule main applies), then confirm what it changes. */
function UrlDialog({ field, current, onClose }: { field: Editable; current: string | null; onClose(): void }) {
  const ws = useWorkspace();
  const ids = useId();
  const [text, setText] = useState(current ?? '');
  const [touched, setTouched] = useState(false);
  const [confirming, setConfirming] = useState<string | null>(null);
  const check = checkSettingsUrl(text, LABEL[field]);
  const unchanged = check.ok && check.url === current;
  const change = (url: string) => (field === 'webhook_url' ? { webhookUrl: url } : { redirectUrl: url });

  function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (!check.ok || unchanged) return;
    setConfirming(check.url);
  }

  if (confirming) {
    return (
      <ConfirmActionDialog
        preview={{ kind: 'set_partner_settings', ...change(confirming) }}
        confirmLabel={`Change the ${LABEL[field]}`}
        queue={() => ws.api.request('actions.setPartnerSettings', { ...change(confirming), confirmed: true })}
        onClose={onClose}
      />
    );
  }
  const problem = !check.ok && (touched || text !== (current ?? '')) ? check.message : null;
  return (
    <Sheet side="center" labelledBy={`${ids}-title`} onClose={onClose}>
      <form className="dialog-body" onSubmit={submit} noValidate>
        <h2 id={`${ids}-title`}>Change the {LABEL[field]}</h2>
        <p className="muted">
          {field === 'partner_redirect_url'
            ? 'Clients land here after sharing numbers in the Integrated Onboarding, with client=… and channels=[…] in the address.'
            : 'The Hub sends partner events here (new clients and numbers, status changes, cancellations).'}{' '}
          The change goes through the outbox.
        </p>
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-url`}>
            New {LABEL[field]}
          </label>
          <input
            id={`${ids}-url`}
            className="input input-mono"
            type="url"
            value={text}
            onChange={(e) => setText(e.target.value)}
            onBlur={() => setTouched(true)}
            aria-invalid={problem ? true : undefined}
            aria-describedby={`${ids}-hint`}
            autoFocus
          />
          <p className={problem ? 'field-error' : 'field-hint'} id={`${ids}-hint`}>
            {problem ?? (unchanged ? 'That is the current value.' : 'An https:// address the Hub can reach.')}
          </p>
        </div>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" aria-disabled={!check.ok || unchanged || undefined}>
            Continue…
          </button>
        </div>
      </form>
    </Sheet>
  );
}
