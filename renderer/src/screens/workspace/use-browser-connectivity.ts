/**
 * Tells main when the browser goes offline or comes back (the `online`/`offline` events), so the
 * outbox stops trying or sends at once, and syncs when the network returns. In the desktop app main
 * watches the OS itself; hearing it twice is harmless. Only changes are reported: `navigator.onLine`
 * being true at start proves nothing about the Hub.
 */
import { useEffect } from 'react';
import { useWorkspace } from '../../state/workspace-context';

export function useBrowserConnectivity(): void {
  const workspace = useWorkspace();
  useEffect(() => {
    const report = (online: boolean) => {
      void workspace.api.request('outbox.networkChanged', { online });
      if (online) void workspace.sync.getState().syncNow();
    };
    const onOnline = () => report(true);
    const onOffline = () => report(false);
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    return () => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
    };
  }, [workspace]);
}
