/**
 * Says plainly when the Hub cannot be reached, and what still works: everything synced stays
 * browsable, searchable and exportable; actions are queued and sent later. A refused credential is
 * a different problem (signing in again helps, waiting does not) and says so.
 */
import { useState } from 'react';
import type { ProfileSummary, SessionState } from '../../../../shared/contract';
import { BusyButton } from '../../components/BusyButton';
import { Icon } from '../../components/Icon';
import { Message } from '../../components/Message';
import { RelativeTime } from '../../components/RelativeTime';
import { useSession } from '../../state/session-context';
import { useWorkspace, useWs } from '../../state/workspace-context';

export function OfflineBanner({ connection, profile }: { connection: SessionState['connection']; profile: ProfileSummary }) {
  const ws = useWorkspace();
  const refresh = useSession((s) => s.refresh);
  const signInAgain = useSession((s) => s.signInAgain);
  const pending = useSession((s) => s.pending);
  const syncOffline = useWs('sync', (s) => s.status?.state === 'offline');
  const outboxOffline = useWs('outbox', (s) => s.status?.online === false);
  const lastSynced = useWs('sync', (s) => s.status?.lastSucceededAt ?? null);
  const [retrying, setRetrying] = useState(false);

  const offline = connection.status === 'offline' || syncOffline || outboxOffline;
  const refused = connection.status === 'error';
  if (!offline && !refused) return null;

  /** Everything that waits for the network, at once: the connection check, a sync, the outbox. */
  async function tryAgain() {
    if (retrying) return;
    setRetrying(true);
    try {
      const result = await refresh();
      if (!result.ok || result.value.connection.status !== 'connected') return;
      // One after the other: main's queue runner is poked by the sync too, and a push racing it
      // only finds the queue busy.
      await ws.sync.getState().syncNow();
      await ws.outbox.getState().push();
    } finally {
      setRetrying(false);
    }
  }

  if (refused) {
    const missingKey = !profile.hasSecret && profile.authMethod !== 'demo';
    return (
      <div className="banner banner-error" role="alert">
        <Icon name="alert" />
        <p>
          <strong>Partner Desk cannot sign in to the Hub.</strong> <Message text={connection.message ?? 'The Hub refused the credential.'} /> The local copy
          stays available.
        </p>
        {missingKey ? (
          <button type="button" className="btn btn-sm" onClick={() => void signInAgain(profile)}>
            Sign in again
          </button>
        ) : (
          <BusyButton className="btn btn-sm" busy={retrying || pending === 'refresh'} busyLabel="Checking…" onClick={() => void tryAgain()}>
            Check again
          </BusyButton>
        )}
      </div>
    );
  }

  return (
    <div className="banner banner-offline" role="status">
      <Icon name="offline" />
      <p>
        <strong>You're offline.</strong> Everything synced {lastSynced ? <RelativeTime value={lastSynced} /> : ''} is still here: browse, search, filter,
        open details and export. Actions you take are queued and sent when the connection is back.
      </p>
      <BusyButton className="btn btn-sm" busy={retrying || pending === 'refresh'} busyLabel="Trying…" onClick={() => void tryAgain()}>
        Try again
      </BusyButton>
    </div>
  );
}
