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
import { createHandlers } from './handlers';
import { silentLogger, type Logger } from './log';
import { ProfileRepository } from './profiles/profile-repository';
import type { SecretStore } from './secrets/secret-store';
import { createDemoConnector, type DemoConnector } from './session/demo-connector';
import { SessionService } from './session/session-service';
import { openDatabase } from './store/database';
import type { DemoHubOptions } from './demo';

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
}

export interface Core {
  readonly dataDir: string;
  readonly databaseFile: string;
  readonly db: Database.Database;
  readonly events: CoreEvents;
  readonly session: SessionService;
  readonly demo: DemoConnector;
  readonly handlers: Handlers;
  readonly dispatch: Dispatch;
  readonly log: Logger;
  close(): void;
}

export const DATABASE_FILE_NAME = 'partner-desk.sqlite';

export async function createCore(options: CoreOptions): Promise<Core> {
  const log = options.log ?? silentLogger;
  const now = options.clock ?? Date.now;
  const fetchImpl = options.fetch ?? globalThis.fetch;
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

  const appInfo = async (): Promise<AppInfo> => ({
    name: 'Partner Desk',
    version: options.appVersion,
    runMode: options.runMode,
    dataDir: options.dataDir,
    keychainAvailable: await options.secrets.isAvailable(),
  });
  const handlers = createHandlers({ session, appInfo });
  const dispatch = createDispatch(handlers, {
    onUnexpectedError: (name, error) =>
      log.error('request failed unexpectedly', { request: name, error: error instanceof Error ? error.stack ?? error.message : String(error) }),
  });

  await session.restore();
  log.info('core started', { dataDir: options.dataDir, runMode: options.runMode });

  return {
    dataDir: options.dataDir,
    databaseFile,
    db,
    events,
    session,
    demo,
    handlers,
    dispatch,
    log,
    close() {
      if (db.open) db.close();
    },
  };
}
