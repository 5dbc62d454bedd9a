/**
 * Tells main when the browser goes offline or comes back (the `online`/`offline` events): going
 * offline is believed at once, coming back makes main check the Hub (the sync and the queue follow
 * when it answers). In the desktop app main watches the OS itself; hearing it twice is harmless.
 * `navigator.onLine` being true at start proves nothing about the Hub, so only "false" is reported
 * then.
 */
import { useEffect } from 'react';
import { useWorkspace } from '../../state/workspace-context';

export function useBrowserConnectivity(): void {
  const workspace = useWorkspace();
  useEffect(() => {
    const report = (online: boolean) => void workspace.api.request('session.networkChanged', { online });
    const onOnline = () => report(true);
    const onOffline = () => report(false);
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    if (!navigator.onLine) report(false);
    return () => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
    };
  }, [workspace]);
}
