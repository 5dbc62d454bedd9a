/**
 * The app's own update, from the desktop shell: a quiet line while it downloads, and "Restart to
 * update" once it is ready. Builds that do not update themselves (web mode, a .deb) say nothing.
 */
import { useEffect, useState } from 'react';
import type { UpdateState } from '@shared/shell';
import { BusyButton } from '../../components/BusyButton';
import { useWorkspace } from '../../state/workspace-context';

export function UpdateNotice() {
  const { api } = useWorkspace();
  const [update, setUpdate] = useState<UpdateState | null>(null);
  const [installing, setInstalling] = useState(false);

  useEffect(() => {
    let live = true;
    const off = api.on('app.update', (state) => setUpdate(state));
    void api.request('app.updateStatus', {}).then((result) => {
      if (live && result.ok) setUpdate((current) => current ?? result.value);
    });
    return () => {
      live = false;
      off();
    };
  }, [api]);

  if (!update || (update.status !== 'ready' && update.status !== 'downloading')) return null;
  if (update.status === 'downloading') {
    return (
      <p className="update-notice muted" role="status">
        Downloading Partner Desk {update.version ?? ''}
        {update.progress !== null ? ` · ${Math.round(update.progress)}%` : '…'}
      </p>
    );
  }
  return (
    <div className="update-notice update-ready" role="status">
      <span>Partner Desk {update.version ?? ''} is ready.</span>
      <BusyButton
        className="btn btn-sm btn-primary"
        busy={installing}
        busyLabel="Restarting…"
        onClick={() => {
          setInstalling(true);
          void api.request('app.installUpdate', {}).then((result) => {
            if (!result.ok || !result.value.accepted) setInstalling(false);
          });
        }}
      >
        Restart to update
      </BusyButton>
    </div>
  );
}
