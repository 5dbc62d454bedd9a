/**
 * What runs in the background while the app is open: the periodic sync of the active profile (at
 * once when a profile becomes connected), and the trickle of balances and templates. The CLI and
 * tests run without it.
 */
import type { AccountsService } from '../accounts/accounts-service';
import type { CoreEvents } from '../events';
import type { InsightsService } from '../insights/insights-service';
import type { Logger } from '../log';
import { SyncScheduler } from './sync-scheduler';

export interface BackgroundWorkOptions {
  accounts: AccountsService;
  insights: InsightsService;
  events: CoreEvents;
  log: Logger;
  intervalMs?: number;
  firstDelayMs?: number;
  trickleEveryMs?: number;
}

export interface BackgroundWork {
  scheduler: SyncScheduler;
  stop(): void;
}

export function startBackgroundWork(options: BackgroundWorkOptions): BackgroundWork {
  const { accounts, insights, events, log } = options;
  const scheduler = new SyncScheduler({
    syncActive: async () => (accounts.activeProfileId() ? accounts.syncNow() : null),
    log,
    ...(options.intervalMs !== undefined ? { intervalMs: options.intervalMs } : {}),
    ...(options.firstDelayMs !== undefined ? { firstDelayMs: options.firstDelayMs } : {}),
  });
  let lastConnected: string | null = null;
  const offSession = events.on('session.changed', (state) => {
    const connectedProfile = state.connection.status === 'connected' ? state.activeProfileId : null;
    if (connectedProfile && connectedProfile !== lastConnected) scheduler.poke();
    lastConnected = connectedProfile;
  });
  scheduler.start();

  // One balance per tick (2 per 30 s) leaves 3 of the 5 allowed per 30 s for the client the user opens.
  let trickling = false;
  const trickle = setInterval(() => {
    if (trickling || !accounts.activeProfileId() || accounts.syncStatus().counts.channels === 0) return;
    trickling = true;
    insights
      .trickle({ balances: 1, wabas: 3 })
      .catch((error: unknown) => log.debug('background refresh paused', { error: String(error) }))
      .finally(() => (trickling = false));
  }, options.trickleEveryMs ?? 15_000);
  trickle.unref();

  return {
    scheduler,
    stop() {
      clearInterval(trickle);
      offSession();
      scheduler.stop();
    },
  };
}
