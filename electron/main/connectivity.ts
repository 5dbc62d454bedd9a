/**
 * Sync and replay queued actions when the machine wakes up or the network comes back, tell the
 * outbox whenever the OS's online state changes, and clear a copied secret when the machine goes
 * to sleep or the screen locks. The timing rules live in policy/sync-triggers.ts; this file
 * connects powerMonitor and net.isOnline to them.
 */
import { net, powerMonitor } from 'electron';
import type { Logger } from '@core/log';
import { SyncTriggers, type SyncTriggerReason } from './policy/sync-triggers';
import { realTimers } from './timers';

export interface ConnectivityDeps {
  syncNow(reason: SyncTriggerReason): void;
  /** The OS's online state changed (and once at start). */
  networkChanged(online: boolean): void;
  /** Sleep or screen lock: copied secrets go now. */
  onAway(): void;
  log: Logger;
}

export function watchConnectivity(deps: ConnectivityDeps): () => void {
  const triggers = new SyncTriggers({
    trigger: (reason) => {
      deps.log.info('syncing after a connectivity change', { reason });
      deps.syncNow(reason);
    },
    networkChanged: (online) => deps.networkChanged(online),
    isOnline: () => net.isOnline(),
    timers: realTimers,
    now: Date.now,
  });
  const onResume = (): void => triggers.resumed();
  const onAway = (): void => deps.onAway();
  powerMonitor.on('resume', onResume);
  powerMonitor.on('suspend', onAway);
  powerMonitor.on('lock-screen', onAway);
  triggers.start();
  return () => {
    triggers.stop();
    powerMonitor.off('resume', onResume);
    powerMonitor.off('suspend', onAway);
    powerMonitor.off('lock-screen', onAway);
  };
}
