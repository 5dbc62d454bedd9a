/**
 * Make an Integrated Onboarding permission link (for a new client, or to add numbers to an existing
 * one) and hand it over: copy it, open it in the browser, draft an email in the user's language, or
 * show a QR code for a client sitting across the table. Main builds and checks the link (against the
 * partner's settings: without a redirect URL the client would see an error) and remembers it with
 * its state, so the redirect or the next sync can be tied back to it.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ClientListItem } from '@shared/accounts';
import { formatPhoneText, readTypedNumber, type TypedNumberProblem } from '@shared/format';
import type { ErrorInfo } from '@shared/errors';
import type { PartnerSettings, PermissionLink, ShareMethod } from '@shared/onboarding';
import { BusyButton } from '../../components/BusyButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Icon } from '../../components/Icon';
import { QrCode } from '../../components/QrCode';
import { Sheet } from '../../components/Sheet';
import { useWorkspace } from '../../state/workspace-context';

interface Props {
  /** Add numbers to this client; null for a new client. */
  client: ClientListItem | null;
  onClose(): void;
}

function userLanguage(): string | undefined {
  try {
    return navigator.language || undefined;
  } catch {
    return undefined;
  }
}

/** "DE" -> "Germany" in the user's language; the code itself when the runtime has no name for it. */
function regionName(code: string): string {
  try {
    return new Intl.DisplayNames([userLanguage() ?? 'en'], { type: 'region' }).of(code.trim().toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** Said while typing; a number that is still too short or otherwise invalid is refused by main on submit, with the reason. */
const NUMBER_PROBLEM: Record<TypedNumberProblem, string | null> = {
  not_a_number: 'Only digits, spaces and a leading + (or 00), e.g. +49 151 23456789.',
  needs_country_code: 'Give the number with its country code, e.g. +49 151 23456789.',
  invalid: null,
};

/** What is wrong with the number as typed (the same reading main applies: shared/format/phone.ts), or null. */
function numberHint(text: string, country: string | null): string | null {
  if (text.trim() === '') return null;
  const read = readTypedNumber(text, country);
  return read.ok ? null : NUMBER_PROBLEM[read.problem];
}

export function PermissionLinkDialog({ client, onClose }: Props) {
  const { api } = useWorkspace();
  const ids = useId();
  const [email, setEmail] = useState(client?.email ?? '');
  const [name, setName] = useState(client?.name ?? '');
  const [number, setNumber] = useState('');
  const [tag, setTag] = useState('');
  const [redirectUrl, setRedirectUrl] = useState('');
  const [settings, setSettings] = useState<PartnerSettings | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [link, setLink] = useState<PermissionLink | null>(null);

  useEffect(() => {
    let live = true;
    void api.request('partner.settings', { refresh: false }).then((result) => {
      if (live && result.ok) setSettings(result.value);
    });
    return () => {
      live = false;
    };
  }, [api]);

  const noRedirect = settings?.source !== 'none' && settings?.redirectUrl === null && settings.pending.every((a) => a.state === 'conflict');
  const hint = numberHint(number, client?.country ?? null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || hint) return;
    setBusy(true);
    setError(null);
    const language = userLanguage();
    const result = await api.request('onboarding.createLink', {
      ...(client ? { clientId: client.id } : {}),
      ...(email.trim() ? { email } : {}),
      ...(name.trim() ? { name } : {}),
      ...(number.trim() ? { number } : {}),
      ...(!client && tag !== '' ? { partnerPayload: tag } : {}),
      ...(redirectUrl.trim() ? { redirectUrl } : {}),
      ...(language ? { language } : {}),
    });
    setBusy(false);
    if (result.ok) setLink(result.value);
    else setError(result.error);
  }

  const title = link ? 'Permission link ready' : client ? `Permission link for ${client.name}` : 'New client: permission link';

  return (
    <Sheet side="center" labelledBy={`${ids}-title`} onClose={onClose} className="sheet-wide">
      {link ? (
        <LinkShare link={link} onClose={onClose} titleId={`${ids}-title`} title={title} />
      ) : (
        <form className="dialog-body" onSubmit={submit} noValidate>
          <h2 id={`${ids}-title`}>{title}</h2>
          <p className="muted">
            {client
              ? 'The client opens the link, signs in to 360dialog and shares the numbers you may manage, or adds a new one. Partner Desk remembers the link and recognises the answer.'
              : 'The client opens the link, creates a 360dialog account, connects a WhatsApp number and shares it with you. Partner Desk remembers the link and recognises the answer.'}
          </p>
          {noRedirect && (
            <ErrorAlert
              tone="warning"
              title="No redirect URL"
              error="Your partner account has no redirect URL, so the client would see an error at the end. Set one in Partner settings, or give this link its own below."
            />
          )}
          <div className="form-grid">
            <div className="field">
              <label className="field-label" htmlFor={`${ids}-email`}>
                Client's email <span className="field-optional">(optional)</span>
              </label>
              <input
                id={`${ids}-email`}
                className="input"
                type="email"
                autoComplete="off"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                autoFocus
              />
            </div>
            <div className="field">
              <label className="field-label" htmlFor={`${ids}-name`}>
                {client ? 'Name' : 'Company name'} <span className="field-optional">(optional)</span>
              </label>
              <input
                id={`${ids}-name`}
                className="input"
                type="text"
                autoComplete="off"
                value={name}
                onChange={(e) => setName(e.target.value)}
              />
            </div>
            <div className="field">
              <label className="field-label" htmlFor={`${ids}-number`}>
                WhatsApp number <span className="field-optional">(optional)</span>
              </label>
              <input
                id={`${ids}-number`}
                className="input"
                type="tel"
                inputMode="tel"
                autoComplete="off"
                placeholder="+49 151 23456789"
                value={number}
                onChange={(e) => setNumber(e.target.value)}
                aria-invalid={hint ? true : undefined}
                aria-describedby={`${ids}-number-hint`}
              />
              <p className={hint ? 'field-error' : 'field-hint'} id={`${ids}-number-hint`}>
                {hint ??
                  (client?.country
                    ? `Prefilled on the permission page; without + or 00 it is read as a number of ${regionName(client.country)}.`
                    : 'Prefilled on the permission page; with its country code.')}
              </p>
            </div>
            {!client && (
              <div className="field">
                <label className="field-label" htmlFor={`${ids}-tag`}>
                  Your tag for the client <span className="field-optional">(optional)</span>
                </label>
                <input
                  id={`${ids}-tag`}
                  className="input"
                  type="text"
                  autoComplete="off"
                  value={tag}
                  onChange={(e) => setTag(e.target.value)}
                  aria-describedby={`${ids}-tag-hint`}
                />
                <p className="field-hint" id={`${ids}-tag-hint`}>
                  Stored as its partner_payload, e.g. your CRM id; searchable here.
                </p>
              </div>
            )}
          </div>
          <details className="disclosure" open={noRedirect || undefined}>
            <summary>This link's own redirect URL</summary>
            <div className="field">
              <label className="field-label" htmlFor={`${ids}-redirect`}>
                Redirect URL <span className="field-optional">(optional)</span>
              </label>
              <input
                id={`${ids}-redirect`}
                className="input"
                type="url"
                autoComplete="off"
                placeholder={settings?.redirectUrl ?? 'https://…'}
                value={redirectUrl}
                onChange={(e) => setRedirectUrl(e.target.value)}
                aria-describedby={`${ids}-redirect-hint`}
              />
              <p className="field-hint" id={`${ids}-redirect-hint`}>
                {settings?.redirectUrl
                  ? `Otherwise the client lands on ${settings.redirectUrl}.`
                  : 'Where the client lands after sharing; https only.'}
              </p>
            </div>
          </details>
          {error && <ErrorAlert title="The link was not made" error={error} />}
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={onClose}>
              Cancel
            </button>
            <BusyButton type="submit" className="btn btn-primary" busy={busy} blocked={hint !== null} busyLabel="Making the link…">
              Create link
            </BusyButton>
          </div>
        </form>
      )}
    </Sheet>
  );
}

/** The made link and the ways to hand it over; each is recorded with the link. */
export function LinkShare({
  link: initial,
  onClose,
  titleId,
  title,
}: {
  link: PermissionLink;
  onClose(): void;
  titleId: string;
  title: string;
}) {
  const { api } = useWorkspace();
  const [link, setLink] = useState(initial);
  const [showQr, setShowQr] = useState(false);
  const [copy, setCopy] = useState<'idle' | 'done' | 'failed'>('idle');
  const urlId = useId();

  function shared(method: ShareMethod) {
    void api.request('onboarding.markShared', { id: link.id, method }).then((result) => {
      if (result.ok) setLink(result.value);
    });
  }

  async function copyLink() {
    try {
      await navigator.clipboard.writeText(link.url ?? '');
      setCopy('done');
      shared('copy');
    } catch {
      setCopy('failed');
      (document.getElementById(urlId) as HTMLInputElement | null)?.select();
    }
  }

  return (
    <div className="dialog-body">
      <h2 id={titleId}>{title}</h2>
      <p className="muted">
        {link.clientName ? `For ${link.clientName}` : link.email ? `For ${link.email}` : 'For a new client'}
        {link.number ? `, number ${formatPhoneText(link.number) ?? link.number}` : ''}. Send it to the client; it works until they have used
        it.
      </p>
      <div className="field">
        <label className="field-label" htmlFor={urlId}>
          Permission link
        </label>
        <input id={urlId} className="input input-mono" readOnly value={link.url ?? ''} onFocus={(e) => e.target.select()} />
        <p className="field-hint">
          State <code>{link.state}</code>: the redirect that carries it is recognised as this link's answer.
        </p>
      </div>
      <div className="button-row share-row">
        <button type="button" className="btn btn-primary" onClick={() => void copyLink()}>
          <Icon name="copy" />
          Copy link
        </button>
        <a className="btn" href={link.url ?? undefined} target="_blank" rel="noopener noreferrer" onClick={() => shared('browser')}>
          <Icon name="external" />
          Open in browser
        </a>
        {link.mailto && (
          <a className="btn" href={link.mailto} onClick={() => shared('email')}>
            <Icon name="mail" />
            Email draft
          </a>
        )}
        <button
          type="button"
          className="btn"
          aria-expanded={showQr}
          onClick={() => {
            setShowQr(!showQr);
            if (!showQr) shared('qr');
          }}
        >
          <Icon name="qr" />
          {showQr ? 'Hide QR code' : 'Show QR code'}
        </button>
      </div>
      <p className="muted share-status" role="status" aria-live="polite">
        {copy === 'done'
          ? 'Copied to the clipboard.'
          : copy === 'failed'
            ? 'The clipboard is not available here: the link is selected, press Ctrl+C (⌘C).'
            : ''}
      </p>
      {showQr && link.url && (
        <figure className="qr-figure">
          <QrCode value={link.url} label="QR code of the permission link" />
          <figcaption className="muted">The client scans it with the phone camera and continues there.</figcaption>
        </figure>
      )}
      {link.warnings.map((warning) => (
        <ErrorAlert key={warning} tone="warning" error={warning} />
      ))}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose} autoFocus>
          Done
        </button>
      </div>
    </div>
  );
}
