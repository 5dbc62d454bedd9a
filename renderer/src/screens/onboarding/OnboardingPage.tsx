/**
 * Onboarding: the Integrated Onboarding permission links made here (newest first) and what each
 * brought back; make a link for a new client, or read a redirect. The partner settings' problems
 * that break the flow (no redirect URL) are shown first, with the way to fix them.
 */
import { useEffect, useState } from 'react';
import { formatDate, formatPhoneText } from '@shared/format';
import type { PartnerSettings } from '@shared/onboarding';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Icon } from '../../components/Icon';
import { ToneBadge } from '../../components/ToneBadge';
import { useNow } from '../../hooks/use-now';
import { useWorkspace, useWs } from '../../state/workspace-context';
import { ListMessage } from '../accounts/ListMessage';
import { linkFor, linkStatus, SHARE_LABEL } from './link-text';
import { PageHeader } from '../../components/PageHeader';

export function OnboardingPage() {
  const ws = useWorkspace();
  const links = useWs('onboarding', (s) => s.links);
  const loaded = useWs('onboarding', (s) => s.loaded);
  const error = useWs('onboarding', (s) => s.error);
  const version = useWs('onboarding', (s) => s.version);
  const now = useNow();
  const [settings, setSettings] = useState<PartnerSettings | null>(null);

  useEffect(() => {
    void ws.onboarding.getState().load();
  }, [ws]);
  useEffect(() => {
    let live = true;
    void ws.api.request('partner.settings', { refresh: false }).then((result) => {
      if (live && result.ok) setSettings(result.value);
    });
    return () => {
      live = false;
    };
  }, [ws, version]);

  const waiting = links.filter((l) => l.status === 'open').length;
  const blocking = settings?.warnings.filter((w) => w.severity === 'error') ?? [];

  return (
    <section className="page-body" aria-labelledby="page-title">
      <PageHeader
        title="Onboarding"
        sub={
          !loaded
            ? 'Reading the links…'
            : `${links.length} ${links.length === 1 ? 'permission link' : 'permission links'}${waiting > 0 ? ` · ${waiting} waiting for the client` : ''}`
        }
      >
        <div className="button-row">
          <button type="button" className="btn" onClick={() => ws.ui.getState().setRedirectOpen(true)}>
            Read a redirect…
          </button>
          <button type="button" className="btn btn-primary" onClick={() => ws.ui.getState().openLinkDialog(null)}>
            <Icon name="userPlus" />
            New client link…
          </button>
        </div>
      </PageHeader>
      <div className="page-scroll">
        {blocking.map((warning) => (
          <div key={warning.field} className="alert alert-warning">
            <strong className="alert-title">Onboarding cannot finish</strong>
            <p>{warning.message}</p>
            <button type="button" className="btn btn-sm" onClick={() => ws.ui.getState().go('partner')}>
              Open Partner settings
            </button>
          </div>
        ))}
        {error && <ErrorAlert title="The links could not be read" error={error} />}
        {!loaded ? (
          <p className="muted">Reading the links…</p>
        ) : links.length === 0 ? (
          <ListMessage title="No permission links yet">
            A permission link takes a client through 360dialog's Integrated Onboarding: they sign up (or in), connect a WhatsApp number and
            share it with you. Make one here for a new client, or from a client's panel to add numbers; afterwards, read the redirect back
            (or let the next sync recognise the new numbers) and generate their API keys.
          </ListMessage>
        ) : (
          <ul className="link-list" aria-label="Permission links">
            {links.map((link) => {
              const status = linkStatus(link);
              return (
                <li key={link.id} className="link-row">
                  <div className="link-main">
                    <button type="button" className="row-open" onClick={() => ws.ui.getState().openLink(link.id)}>
                      {linkFor(link)}
                    </button>
                    <span className="cell-sub">
                      {[
                        link.email,
                        formatPhoneText(link.number),
                        link.shared.length > 0
                          ? link.shared.map((s) => SHARE_LABEL[s.method]).join(', ')
                          : link.origin === 'link'
                            ? 'not shared yet'
                            : null,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </span>
                  </div>
                  <span className="num muted link-date">{formatDate(link.createdAt, now)}</span>
                  <ToneBadge tone={status.tone} label={status.label} />
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </section>
  );
}
