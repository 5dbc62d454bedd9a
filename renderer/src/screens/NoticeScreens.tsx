/** Full-page notices shown before the session is available: loading, no token, load failure. */
import type { ReactNode } from 'react';
import type { ErrorInfo } from '@shared/errors';
import { ErrorAlert } from '../components/ErrorAlert';
import { Brand } from '../components/Logo';
import { Message } from '../components/Message';

function Notice({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="shell">
      <main className="notice" aria-labelledby="notice-title">
        <div className="card notice-card">
          <Brand />
          <h1 id="notice-title">{title}</h1>
          {children}
        </div>
      </main>
    </div>
  );
}

export function LoadingScreen() {
  return (
    <div className="shell" aria-busy="true">
      <main className="notice">
        <p className="muted" role="status">
          Opening Partner Desk…
        </p>
      </main>
    </div>
  );
}

/** Web mode without its per-launch token: the page cannot talk to the local service. */
export function MissingTokenScreen({ refused }: { refused: boolean }) {
  return (
    <Notice title={refused ? 'This address has expired' : 'Open Partner Desk from its address'}>
      {refused && (
        <p>
          The access token in this window is no longer accepted, which happens when <code>partner-desk web</code> is restarted.
        </p>
      )}
      <p>
        <Message text="Open the address printed by `partner-desk web` (it includes a one-time access token)." />
      </p>
      <p className="muted">
        It looks like <code>http://127.0.0.1:PORT/#token=…</code>. The token keeps other programs on this computer from using your Partner
        Desk session.
      </p>
    </Notice>
  );
}

export function LoadFailedScreen({ error, onRetry }: { error: ErrorInfo | null; onRetry: () => void }) {
  return (
    <Notice title="Partner Desk could not start">
      <ErrorAlert error={error ?? 'The local service did not answer as expected.'} />
      <div>
        <button type="button" className="btn btn-primary" onClick={onRetry}>
          Try again
        </button>
      </div>
    </Notice>
  );
}
