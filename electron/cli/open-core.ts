/**
 * Builds the core for a CLI or web-mode process: the data folder (--data-dir, PARTNER_DESK_DATA_DIR
 * or the per-user app data folder shared with the desktop app), the system keychain, a log file.
 */
import path from 'node:path';
import { createCore, type Core, type CoreOptions } from '@core';
import { defaultDataDir } from '@core/config';
import { createLogger } from '@core/log';
import { KeytarSecretStore } from '@core/secrets/keytar-secret-store';
import type { SecretStore } from '@core/secrets/secret-store';
import { appVersion } from './app-version';
import type { CliIo } from './cli-io';
import { hubUrlOption } from './options';

/** How long one request of a CLI sync may take; with retries, the message says how long it all took. */
const CLI_REQUEST_TIMEOUT_MS = 15_000;

export interface OpenCoreOptions {
  values: Record<string, string | boolean | undefined>;
  io: CliIo;
  runMode: CoreOptions['runMode'];
  demo?: CoreOptions['demo'];
  secrets?: SecretStore;
  backgroundSync?: boolean;
  /**
   * `run` (default): --hub-url / PARTNER_DESK_HUB_URL replace every profile's stored address for this
   * run, and stderr says so. `sign-in` (login, logout): the address is only where a new sign-in goes,
   * so no stored credential is ever sent to it.
   */
  hubUse?: 'run' | 'sign-in';
  /** Web mode: start again with a fresh core after a repair. */
  restart?: () => boolean;
}

export function resolveDataDir(values: Record<string, string | boolean | undefined>, io: CliIo): string {
  const given = values['data-dir'];
  if (typeof given === 'string' && given.trim() !== '') return path.resolve(io.cwd, given);
  return defaultDataDir(io.env);
}

export async function openCore({
  values,
  io,
  runMode,
  demo,
  secrets,
  backgroundSync,
  hubUse = 'run',
  restart,
}: OpenCoreOptions): Promise<Core> {
  const dataDir = resolveDataDir(values, io);
  const hub = hubUrlOption(values['hub-url'], io.env);
  const core = await createCore({
    dataDir,
    secrets: secrets ?? new KeytarSecretStore(),
    // Each process kind logs to its own files (core/log.ts): logs/web.<date>.<n>.log, logs/cli.<date>.<n>.log.
    log: createLogger({ file: path.join(dataDir, 'logs', `${runMode}.log`) }),
    runMode,
    appVersion: appVersion(),
    ...(hub ? (hubUse === 'run' ? { hubUrlOverride: hub.url } : { hubUrl: hub.url }) : {}),
    ...(backgroundSync ? { backgroundSync: true } : {}),
    ...(demo ? { demo } : {}),
    // A CLI command reads the local copy without asking the Hub; `sync`, `push`, `health` and
    // `login` talk to it when they run, with a shorter per-request timeout than the app's.
    ...(runMode === 'cli' ? { checkConnection: false, syncTimeoutMs: CLI_REQUEST_TIMEOUT_MS } : {}),
    ...(restart ? { restart } : {}),
  });
  const damage = core.storeGuard.damaged;
  if (damage && runMode === 'cli') {
    // A command would read an incomplete copy or be refused its write: neither is worth running.
    core.close();
    throw core.storeGuard.refusal(damage);
  }
  if (hub && hubUse === 'run') announceHubOverride(core, io, hub);
  return core;
}

/** Tells the user, on stderr, that this run talks to another Hub than the active profile's (or that the address does not apply). */
function announceHubOverride(core: Core, io: CliIo, hub: { url: string; source: string }): void {
  const profile = core.session.activeProfileRow();
  if (!profile) return;
  if (profile.auth_method === 'demo') {
    io.err(
      `partner-desk: ${hub.source} does not apply to the demo profile "${profile.label}", which uses the built-in demo hub (use "partner-desk web --demo-hub URL" for a running demo-server).`,
    );
  } else if (profile.hub_url !== hub.url) {
    io.err(
      `partner-desk: using the Hub at ${hub.url} for this run (${hub.source}) instead of ${profile.hub_url}, where "${profile.label}" was signed in.`,
    );
  }
}
