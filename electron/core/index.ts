/**
 * createCore: the composition root. Everything the app does is built here from collaborators the
 * caller provides (data dir, secret store, fetch, clock, logger), so tests pass real ones (a real
 * SQLite file, a real HTTP server, the real keychain) instead of mocking modules.
 */
import path from 'node:path';
import type Database from 'better-sqlite3';
import { createDispatch, type Dispatch, type Handlers } from '../../shared/dispatch';
import type { AppInfo } from '../../shared/contract';
import { defaultHubUrl } from './config';
import { CoreEvents } from './events';
import { headlessDesktop, type DesktopIntegration } from './desktop';
import { createHandlers } from './handlers';
import { silentLogger, type Logger } from './log';
import { ProfileRepository } from './profiles/profile-repository';
import type { SecretStore } from './secrets/secret-store';
import { createDemoConnector, type DemoConnector } from './session/demo-connector';
import { SessionService } from './session/session-service';
import { openDatabase } from './store/database';
import type { DemoHubOptions } from './demo';
import { AccountsService } from './accounts/accounts-service';
import { InsightsService } from './insights/insights-service';
import { InsightsStore } from './insights/insights-store';
import { ChannelQueries } from './store/channel-queries';
import { ClientQueries } from './store/client-queries';
import { NotificationStore } from './store/notification-store';
import { QuarantineStore } from './store/quarantine-store';
import { RecordTableWriter } from './store/record-tables';
import { SyncRunStore } from './store/sync-run-store';
import { CHANNEL_COLUMNS, CLIENT_COLUMNS } from './sync/record-rows';
import { SyncEngine } from './sync/sync-engine';
import { startBackgroundWork, type BackgroundWork } from './sync/background-work';
import type { SyncScheduler } from './sync/sync-scheduler';

export interface CoreOptions {
  dataDir: string;
  secrets: SecretStore;
  fetch?: typeof fetch;
  /** Milliseconds since the epoch. */
  clock?: () => number;
  log?: Logger;
  runMode: AppInfo['runMode'];
  appVersion: string;
  /** Partner API base URL for new sign-ins (PARTNER_DESK_HUB_URL or the real Hub). */
  hubUrl?: string;
  /** Electron's build of the better-sqlite3 binding. */
  sqliteNativeBinding?: string;
  demo?: { hub?: DemoHubOptions; externalUrl?: string };
  /** Save dialog, reveal in folder, clipboard, OS notifications (Electron); headless otherwise. */
  desktop?: DesktopIntegration;
  /** Sync the active profile in the background (the app and web mode; not the CLI or tests). */
  backgroundSync?: boolean | { intervalMs?: number; firstDelayMs?: number };
}

export interface Core {
  readonly dataDir: string;
  readonly databaseFile: string;
  readonly db: Database.Database;
  readonly events: CoreEvents;
  readonly session: SessionService;
  readonly demo: DemoConnector;
  readonly accounts: AccountsService;
  readonly insights: InsightsService;
  readonly sync: SyncEngine;
  readonly scheduler: SyncScheduler | null;
  readonly handlers: Handlers;
  readonly dispatch: Dispatch;
  readonly log: Logger;
  readonly desktop: DesktopIntegration;
  close(): void;
}

export const DATABASE_FILE_NAME = 'partner-desk.sqlite';

export async function createCore(options: CoreOptions): Promise<Core> {
  const log = options.log ?? silentLogger;
  const now = options.clock ?? Date.now;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const desktop = options.desktop ?? headlessDesktop();
  const databaseFile = path.join(options.dataDir, DATABASE_FILE_NAME);
  const db = openDatabase(databaseFile, options.sqliteNativeBinding ? { nativeBinding: options.sqliteNativeBinding } : {});

  const events = new CoreEvents(log);
  const profiles = new ProfileRepository(db, now);
  const demo = createDemoConnector({ ...options.demo, fetch: fetchImpl });
  const session = new SessionService({
    profiles,
    secrets: options.secrets,
    events,
    log,
    fetch: fetchImpl,
    now,
    defaultHubUrl: options.hubUrl ?? defaultHubUrl(),
    demo,
  });

  const clientQueries = new ClientQueries(db);
  const notifications = new NotificationStore(db);
  const sync = new SyncEngine({
    db,
    clients: new RecordTableWriter(db, 'clients', CLIENT_COLUMNS),
    channels: new RecordTableWriter(db, 'channels', CHANNEL_COLUMNS),
    notifications,
    quarantine: new QuarantineStore(db),
    runs: new SyncRunStore(db),
    clientQueries,
    events,
    log,
    now,
  });
  const accounts = new AccountsService({ session, engine: sync, channels: new ChannelQueries(db), clients: clientQueries, notifications, log, now });

  const insights = new InsightsService({ store: new InsightsStore(db), active: () => accounts.activeApi(), now, log });

  const appInfo = async (): Promise<AppInfo> => ({
    name: 'Partner Desk',
    version: options.appVersion,
    runMode: options.runMode,
    dataDir: options.dataDir,
    keychainAvailable: await options.secrets.isAvailable(),
  });
  const handlers = createHandlers({ session, accounts, insights, appInfo });
  const dispatch = createDispatch(handlers, {
    onUnexpectedError: (name, error) =>
      log.error('request failed unexpectedly', { request: name, error: error instanceof Error ? error.stack ?? error.message : String(error) }),
  });

  await session.restore();
  const background: BackgroundWork | null = options.backgroundSync
    ? startBackgroundWork({ accounts, insights, events, log, ...(options.backgroundSync === true ? {} : options.backgroundSync) })
    : null;
  const scheduler = background?.scheduler ?? null;
  log.info('core started', { dataDir: options.dataDir, runMode: options.runMode });

  return {
    dataDir: options.dataDir,
    databaseFile,
    db,
    events,
    session,
    demo,
    accounts,
    insights,
    sync,
    scheduler,
    handlers,
    dispatch,
    log,
    desktop,
    close() {
      background?.stop();
      if (db.open) db.close();
    },
  };
}
